/*
 * render_text — verdicts for people: the answer first, then why (each reason with the claim it
 * rests on), what speaks against it, and the sources cited. Wrapped to 96 columns; colour only
 * when the caller allows it (a terminal without NO_COLOR).
 */
#include "render.h"

#include <math.h>
#include <string.h>

#include "num.h"

#define WIDTH 96

struct style {
	const char *bold, *dim, *go, *rust, *warn, *off;
};

static const struct style plain = {"", "", "", "", "", ""};
static const struct style ansi = {"\033[1m",  "\033[2m",  "\033[36m",
				  "\033[33m", "\033[35m", "\033[0m"};

/* Prints text wrapped at WIDTH, first line after `lead`, following lines indented by `indent`. */
static void wrap(FILE *f, const char *lead, int indent, const char *text)
{
	int col = fprintf(f, "%s", lead);
	bool line_has_word = false;
	const char *p = text;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if (w == 0)
			break;
		if (line_has_word && col + 1 + (int)w > WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			line_has_word = false;
		}
		if (line_has_word) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, w, f);
		col += (int)w;
		line_has_word = true;
		p += w;
	}
	fputc('\n', f);
}

static const char *verdict_line(const struct decision *d, char *buf, size_t size)
{
	enum verdict_kind v = d->verdict;
	if (v == VERDICT_HYBRID) {
		snprintf(buf, size, "Hybrid: %s, each where it fits", d->mix);
		return buf;
	}
	switch (v) {
	case VERDICT_GO:
		return "Go";
	case VERDICT_RUST:
		return "Rust";
	case VERDICT_EITHER:
		return "Either: Go and Rust both fit";
	case VERDICT_PYTHON:
		return "Neither: Python";
	case VERDICT_KEEP:
		return "Neither: keep what already ships";
	case VERDICT_HYBRID:
		break;
	}
	return "?";
}

static const char *verdict_color(const struct style *s, enum verdict_kind v)
{
	return v == VERDICT_GO ? s->go : v == VERDICT_RUST ? s->rust : s->warn;
}

/* Collects the distinct claims cited, in order of first citation. */
static size_t cite(const struct kb_claim **seen, size_t n, size_t cap, const struct kb_claim *c)
{
	if (!c)
		return n;
	for (size_t i = 0; i < n; i++)
		if (seen[i] == c)
			return n;
	if (n < cap)
		seen[n++] = c;
	return n;
}

static void reasons(FILE *f, const struct reason *r, size_t n, size_t max, const char *bullet,
		    const struct style *s)
{
	for (size_t i = 0; i < n && i < max; i++) {
		char lead[32], text[ENGINE_REASON_LEN + 128];
		snprintf(lead, sizeof lead, "  %s", bullet);
		if (r[i].claim)
			snprintf(text, sizeof text, "%s %s[%s%s]%s", r[i].text, s->dim,
				 r[i].claim->id,
				 r[i].claim->source->assumption ? ", assumption" : "", s->off);
		else
			snprintf(text, sizeof text, "%s", r[i].text);
		wrap(f, lead, 4, text);
	}
}

/* Prints text padded with spaces to `width` columns, counting UTF-8 characters, not bytes. */
static void pad(FILE *f, const char *text, int width)
{
	int cols = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		cols += (*p & 0xc0) != 0x80;
	fputs(text, f);
	for (; cols < width; cols++)
		fputc(' ', f);
}

/* "$950", "$12K", "$1.4M": money at a glance. */
static const char *money(double v, char *buf, size_t size)
{
	double a = fabs(v);
	if (a < 1000)
		snprintf(buf, size, "$%.0f", v);
	else if (a < 1e6)
		snprintf(buf, size, "$%.0fK", v / 1e3);
	else
		snprintf(buf, size, "$%.1fM", v / 1e6);
	return buf;
}

void render_costs_text(FILE *f, const struct costs *c, bool color)
{
	const struct style *s = color ? &ansi : &plain;
	static const char *const labels[] = {"CI: build minutes + waiting", "hiring premium",
					     "onboarding (ramp-up)", "infrastructure (memory)",
					     "total"};
	fprintf(f,
		"\n%sCost per year%s, averaged over %d year%s (low–high from the claims' ranges)\n",
		s->bold, s->off, c->years, c->years == 1 ? "" : "s");
	fprintf(f, "  %-30s ", "");
	pad(f, "Go", 26);
	fprintf(f, "Rust\n");
	for (int i = 0; i < COST_ITEMS; i++) {
		char cell[LANG_SCORED][64];
		for (int l = 0; l < LANG_SCORED; l++) {
			char m[24], lo[24], hi[24];
			const struct estimate *e = &c->usd[i][l];
			if (e->high == 0)
				snprintf(cell[l], sizeof cell[l], "%s", "$0");
			else
				snprintf(cell[l], sizeof cell[l], "%s (%s–%s)",
					 money(e->mid, m, sizeof m), money(e->low, lo, sizeof lo),
					 money(e->high, hi, sizeof hi));
		}
		fprintf(f, "  %s%-30s%s ", i == COST_TOTAL ? s->bold : "", labels[i],
			i == COST_TOTAL ? s->off : "");
		pad(f, cell[LANG_GO], 26);
		fprintf(f, "%s\n", cell[LANG_RUST]);
	}
	char text[2048], w[2][32], b[32], people[32], m1[24], m2[24];
	double diff = c->usd[COST_TOTAL][LANG_RUST].mid - c->usd[COST_TOTAL][LANG_GO].mid;
	fprintf(f, "  %sRust costs about %s a year %s than Go: %s over %d year%s%s\n", s->bold,
		money(fabs(diff), m1, sizeof m1), diff < 0 ? "less" : "more",
		money(fabs(diff) * c->years, m2, sizeof m2), c->years, c->years == 1 ? "" : "s",
		s->off);
	num_format(c->builds_per_day, b, sizeof b);
	num_format(c->learners_per_year.mid, people, sizeof people);
	for (int l = 0; l < LANG_SCORED; l++) {
		double h = c->wait_hours_per_day[l].mid;
		char v[24];
		if (h < 2)
			snprintf(w[l], sizeof w[l], "%s min", num_format(h * 60, v, sizeof v));
		else
			snprintf(w[l], sizeof w[l], "%s h", num_format(h, v, sizeof v));
	}
	snprintf(text, sizeof text,
		 "at %s builds a day, engineers wait %s a day for Go builds and %s for Rust "
		 "builds; %s people a year go through the learning curve",
		 b, w[LANG_GO], w[LANG_RUST], people);
	wrap(f, "  ", 2, text);
	size_t used = 0;
	used += (size_t)snprintf(text, sizeof text, "%s", "from: ");
	const struct kb_claim *seen[32];
	size_t n = 0;
	for (int i = 0; i < COST_TOTAL; i++)
		for (int k = 0; k < COST_MAX_FROM && c->from[i][k]; k++) {
			size_t j = 0;
			while (j < n && seen[j] != c->from[i][k])
				j++;
			if (j < n || n == 32)
				continue;
			seen[n++] = c->from[i][k];
			int wr = snprintf(text + used, sizeof text - used, "%s%s%s",
					  n > 1 ? ", " : "", c->from[i][k]->id,
					  c->from[i][k]->source->assumption ? " (assumption)"
					  : c->from[i][k]->source->measured ? " (measured)"
									    : "");
			if (wr < 0 || (size_t)wr >= sizeof text - used)
				break;
			used += (size_t)wr;
		}
	fprintf(f, "%s", s->dim);
	wrap(f, "  ", 4, text);
	wrap(f, "  ", 4,
	     "prices marked (assumption) are not from the sources: set your own under `costs:` "
	     "in the profile");
	fprintf(f, "%s", s->off);
}

static void sureness(FILE *f, const struct decision *d, const struct verdict *system,
		     const struct style *s)
{
	if (d->samples <= 0)
		return;
	if (system && system->has_system_probability) {
		char n[32], held[16], go[16], rust[16];
		num_grouped((double)d->samples, n, sizeof n);
		const double *p = system->system_probability;
		fprintf(f,
			"  how sure the split holds in %s of %s samples (all Go %s, all Rust "
			"%s)%s%s%s\n",
			num_percent(p[VERDICT_HYBRID], held, sizeof held), n,
			num_percent(p[VERDICT_GO], go, sizeof go),
			num_percent(p[VERDICT_RUST], rust, sizeof rust),
			d->close_call ? s->warn : "", d->close_call ? "   close call" : "",
			d->close_call ? s->off : "");
		return;
	}
	char n[32];
	num_grouped((double)d->samples, n, sizeof n);
	char go[16], rust[16], held[16];
	if (d->verdict == VERDICT_PYTHON || d->verdict == VERDICT_KEEP)
		fprintf(f, "  how sure %s holds in %s of %s samples\n", verdict_name(d->verdict),
			num_percent(d->win_probability[d->verdict], held, sizeof held), n);
	else
		fprintf(f, "  how sure Go leads in %s, Rust in %s of %s samples%s%s\n",
			num_percent(d->win_probability[VERDICT_GO], go, sizeof go),
			num_percent(d->win_probability[VERDICT_RUST], rust, sizeof rust), n,
			d->close_call ? s->warn : "", d->close_call ? "   close call" : "");
	if (d->close_call)
		fprintf(f, "%s", s->off);
}

static void flips(FILE *f, const struct decision *d, const struct style *s)
{
	size_t shown = 0;
	const struct flip *weight = NULL;
	for (size_t i = 0; i < d->nflips; i++)
		if (d->flips[i].field < 0 && !weight)
			weight = &d->flips[i];
	if (!d->nflips)
		return;
	fprintf(f, "\n%sWhat would change it%s\n", s->bold, s->off);
	for (size_t i = 0; i < d->nflips && shown < 3; i++) {
		if (d->flips[i].field < 0)
			continue;
		wrap(f, "  - ", 4, d->flips[i].text);
		shown++;
	}
	if (weight)
		wrap(f, "  - smallest change of weights: ", 4, weight->text);
}

static void decision(FILE *f, const struct decision *d, const struct verdict *system,
		     const char *title, const struct style *s, size_t max_reasons)
{
	char line[160];
	fprintf(f, "%sverdict:%s %s%s%s%s", s->bold, s->off, s->bold, verdict_color(s, d->verdict),
		verdict_line(d, line, sizeof line), s->off);
	if (title && *title)
		fprintf(f, "   %s(%s)%s", s->dim, title, s->off);
	fputc('\n', f);
	if (d->verdict == VERDICT_GO || d->verdict == VERDICT_RUST ||
	    d->verdict == VERDICT_EITHER) {
		bool knocked = d->excluded[LANG_GO] || d->excluded[LANG_RUST];
		fprintf(f, "  scores   Go %.2f · Rust %.2f   margin %.2f", d->score[LANG_GO],
			d->score[LANG_RUST], d->margin);
		if (knocked)
			fprintf(f, " (%s ruled out)", d->excluded[LANG_GO] ? "Go" : "Rust");
		fputc('\n', f);
	}
	sureness(f, d, system, s);
	if (d->nreasons) {
		fprintf(f, "\n%sWhy%s\n", s->bold, s->off);
		reasons(f, d->reasons, d->nreasons, max_reasons, "- ", s);
	}
	if (d->nagainst && d->verdict != VERDICT_EITHER) {
		fprintf(f, "\n%sWhat speaks for %s%s\n", s->bold, lang_title(lang_other(d->leader)),
			s->off);
		reasons(f, d->against, d->nagainst, 3, "- ", s);
	}
	flips(f, d, s);
	if (d->has_costs)
		render_costs_text(f, &d->costs, s == &ansi);
}

void render_text(FILE *f, const struct kb *kb, const struct verdict *v, const char *title,
		 bool color)
{
	const struct style *s = color ? &ansi : &plain;
	decision(f, &v->overall, v->ncomponents ? v : NULL, title, s, v->ncomponents ? 32 : 6);
	const struct kb_claim *seen[128];
	size_t nseen = 0;
	for (size_t i = 0; i < v->overall.nreasons && i < 6; i++)
		nseen = cite(seen, nseen, 128, v->overall.reasons[i].claim);
	for (size_t i = 0; i < v->overall.nagainst && i < 3; i++)
		nseen = cite(seen, nseen, 128, v->overall.against[i].claim);
	for (size_t c = 0; c < v->ncomponents; c++) {
		const struct decision *d = &v->components[c];
		char head[PROFILE_NAME_BYTES + 64];
		snprintf(head, sizeof head, "%s · %s", d->name, d->building);
		fprintf(f, "\n%s── component %s%s\n", s->bold, d->name, s->off);
		decision(f, d, NULL, head, s, 4);
		for (size_t i = 0; i < d->nreasons && i < 4; i++)
			nseen = cite(seen, nseen, 128, d->reasons[i].claim);
		for (size_t i = 0; i < d->nagainst && i < 3; i++)
			nseen = cite(seen, nseen, 128, d->against[i].claim);
	}
	if (nseen) {
		fprintf(f, "\n%sSources%s\n", s->bold, s->off);
		for (size_t i = 0; i < kb_source_count(kb); i++) {
			const struct kb_source *src = kb_source_at(kb, i);
			char text[1024];
			size_t used = 0;
			for (size_t j = 0; j < nseen; j++) {
				if (seen[j]->source != src)
					continue;
				int n = snprintf(text + used, sizeof text - used, "%s%s",
						 used ? ", " : "cited: ", seen[j]->id);
				if (n < 0 || (size_t)n >= sizeof text - used)
					break;
				used += (size_t)n;
			}
			if (!used)
				continue;
			char head[512];
			snprintf(head, sizeof head, "%s — %s, %s (seed %s)", src->title, src->by,
				 src->date, src->seed);
			wrap(f, "  ", 4, head);
			wrap(f, "    ", 6, text);
		}
	}
	if (kb->measured) {
		char text[768];
		snprintf(
		    text, sizeof text,
		    "knowledge base %s · %zu claims from %zu sources · %s for %s (claims lab-*); "
		    "the rest published or marked as assumptions",
		    kb->version, kb->nclaims, kb->nsources, kb->measured->title,
		    kb->measured_criteria);
		fprintf(f, "\n%s", s->dim);
		wrap(f, "", 2, text);
		fprintf(f, "%s", s->off);
	} else
		fprintf(
		    f,
		    "\n%sknowledge base %s · %zu claims from %zu sources · figures published or "
		    "marked as assumptions, none measured here%s\n",
		    s->dim, kb->version, kb->nclaims, kb->nsources, s->off);
}
