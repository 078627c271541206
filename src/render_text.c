/*
 * render_text — verdicts for people. By default the 30-second answer: the verdict, how sure,
 * three reasons, the one or two changes that would flip it in the user's own terms, the cost
 * difference in one line and the articles behind the reasons. With `full` (--long), all of it:
 * every reason with the claim it rests on, what speaks for the other side, every flip, the cost
 * table and the claims cited per source. Wrapped to the terminal's width; colour only when the
 * caller allows it (a terminal without NO_COLOR).
 */
#include "render.h"

#include <math.h>
#include <string.h>

#include "num.h"

#define SHORT_REASONS 3 /* reasons in the 30-second answer */
#define SHORT_FLIPS   2 /* changes that would flip it, in the 30-second answer */
#define MAX_NOTES     8 /* sources numbered in the 30-second answer */

struct style {
	const char *bold, *dim, *go, *rust, *warn, *off;
	int width;
};

static const struct style plain = {"", "", "", "", "", "", 0};
static const struct style ansi = {"\033[1m",  "\033[2m", "\033[36m", "\033[33m",
				  "\033[35m", "\033[0m", 0};

static struct style style_of(const struct text_options *o)
{
	struct style s = o->color ? ansi : plain;
	s.width = o->width >= 40 ? o->width : 96;
	return s;
}

/* Columns text takes on screen: UTF-8 characters, not bytes; escape sequences take none. */
static int columns(const char *p, size_t n)
{
	int cols = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\033') {
			while (i < n && p[i] != 'm')
				i++;
			continue;
		}
		cols += ((unsigned char)p[i] & 0xc0) != 0x80;
	}
	return cols;
}

/* Prints text wrapped at the style's width, first line after `lead`, following lines indented
 * by `indent`. */
static void wrap(FILE *f, const struct style *s, const char *lead, int indent, const char *text)
{
	fputs(lead, f);
	int col = columns(lead, strlen(lead));
	bool line_has_word = false;
	const char *p = text;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if (w == 0)
			break;
		int wc = columns(p, w);
		if (line_has_word && col + 1 + wc > s->width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			line_has_word = false;
		}
		if (line_has_word) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, w, f);
		col += wc;
		line_has_word = true;
		p += w;
	}
	fputc('\n', f);
}

/* Prints text padded with spaces to `width` columns (right-aligned when right is true). */
static void pad(FILE *f, const char *text, int width, bool right)
{
	int cols = columns(text, strlen(text));
	if (right)
		fprintf(f, "%*s", cols < width ? width - cols : 0, "");
	fputs(text, f);
	if (!right)
		fprintf(f, "%*s", cols < width ? width - cols : 0, "");
}

static const char *verdict_line(const struct decision *d, char *buf, size_t size)
{
	switch (d->verdict) {
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
		snprintf(buf, size, "Hybrid: %s, each where it fits", d->mix);
		return buf;
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

const char *render_source_text(const struct kb_source *src, char *buf, size_t size)
{
	snprintf(buf, size, "\"%s\", %s, %s%s%s", src->title, src->by, src->date,
		 src->url ? ", " : "", src->url ? src->url : "");
	return buf;
}

/* --- costs -------------------------------------------------------------------------------------
 */

/* "$744 ($259–$2K)" split into the middle and the range, for aligned columns. */
static void money_cells(const struct estimate *e, char *mid, size_t msize, char *range,
			size_t rsize)
{
	char lo[24], hi[24];
	num_money(e->mid, mid, msize);
	if (e->high == e->low)
		range[0] = '\0';
	else
		snprintf(range, rsize, "(%s–%s)", num_money(e->low, lo, sizeof lo),
			 num_money(e->high, hi, sizeof hi));
}

const char *render_cost_compare(const struct costs *c, enum lang subject, char *buf, size_t size)
{
	enum lang other = lang_other(subject);
	const struct estimate *o = &c->usd[COST_TOTAL][other], *t = &c->usd[COST_TOTAL][subject];
	/* the difference's range: the subject's bounds against the other's opposite ones */
	double diff = t->mid - o->mid, low = t->low - o->high, high = t->high - o->low;
	char m[24], a[24], b[24], y[24];
	const char *more = diff < 0 ? "less" : "more";
	if (diff < 0) {
		double x = -high;
		high = -low;
		low = x;
	}
	char range[96];
	if (low >= 0)
		snprintf(range, sizeof range, "%s–%s %s", num_money(low, a, sizeof a),
			 num_money(high, b, sizeof b), more);
	else
		snprintf(range, sizeof range, "from %s %s to %s %s", num_money(-low, a, sizeof a),
			 diff < 0 ? "more" : "less", num_money(high, b, sizeof b), more);
	snprintf(buf, size, "%s costs about %s a year %s than %s (%s), %s over %s",
		 lang_title(subject), num_money(fabs(diff), m, sizeof m), more, lang_title(other),
		 range, num_money(fabs(diff) * c->years, a, sizeof a),
		 num_count(c->years, "year", "years", y, sizeof y));
	return buf;
}

const char *render_cost_difference(const struct costs *c, char *buf, size_t size)
{
	return render_cost_compare(c, LANG_RUST, buf, size);
}

const char *render_cost_counts(const struct costs *c, enum cost_item item, char *buf, size_t size)
{
	char a[48], b[48], m[48];
	size_t used = 0;
#define ADD(...)                                                                                   \
	do {                                                                                       \
		int n_ = snprintf(buf + used, size - used, __VA_ARGS__);                           \
		used += n_ > 0 && (size_t)n_ < size - used ? (size_t)n_ : 0;                       \
	} while (0)
	buf[0] = '\0';
	if (item == COST_CI) {
		char w[2][32], v[24];
		for (int l = 0; l < LANG_SCORED; l++) {
			double h = c->wait_hours_per_day[l].mid;
			if (h < 2)
				snprintf(w[l], sizeof w[l], "%s min",
					 num_format(h * 60, v, sizeof v));
			else
				snprintf(w[l], sizeof w[l], "%s h", num_format(h, v, sizeof v));
		}
		ADD("CI: at %s a day, engineers wait %s a day for Go builds and %s for Rust builds",
		    num_count(c->builds_per_day, "build", "builds", a, sizeof a), w[LANG_GO],
		    w[LANG_RUST]);
		return buf;
	}
	if (item == COST_HIRING) {
		const struct estimate *rr = &c->rust_rate_engineers;
		double learn = c->current_learners[LANG_RUST], fluent = rr->mid - learn;
		double paid = c->team_size - learn;
		ADD("premium on: ");
		if (learn > 0)
			ADD("%s who %s Rust (their market value rises with it)",
			    num_count(learn, "engineer", "engineers", a, sizeof a),
			    learn == 1 ? "learns" : "learn");
		if (fluent > 0)
			ADD("%s%s a year who %s", learn > 0 ? ", " : "",
			    num_count(fluent, "newcomer", "newcomers", b, sizeof b),
			    fluent == 1 ? "replaces a Rust engineer and comes fluent"
					: "replace Rust engineers and come fluent");
		if (learn <= 0 && fluent <= 0)
			ADD("nobody");
		if (rr->high > rr->mid)
			ADD(", up to %s with every newcomer hired fluent",
			    num_format(rr->high, m, sizeof m));
		if (paid > 0)
			ADD("; none on the %s already paid at Rust rates",
			    num_count(paid, "engineer", "engineers", m, sizeof m));
		return buf;
	}
	ADD("onboarding:");
	for (int l = LANG_SCORED - 1; l >= 0; l--) {
		double now = c->current_learners[l], later = c->learners_per_year[l].mid;
		ADD(" %s, ", lang_title((enum lang)l));
		if (now > 0 && later > 0)
			ADD("%s once, then %s a year",
			    num_count(now, "engineer", "engineers", a, sizeof a),
			    num_count(later, "newcomer", "newcomers", b, sizeof b));
		else if (now > 0)
			ADD("%s once", num_count(now, "engineer", "engineers", a, sizeof a));
		else if (later > 0)
			ADD("%s a year", num_count(later, "newcomer", "newcomers", b, sizeof b));
		else
			ADD("nobody: the team writes it and replacements come fluent");
		ADD("%s", l ? ";" : "");
	}
	if (c->learners_per_year[LANG_GO].mid > 0 || c->learners_per_year[LANG_RUST].mid > 0)
		ADD(" (a newcomer hired fluent skips it)");
#undef ADD
	return buf;
}

void render_costs_text(FILE *f, const struct costs *c, const struct text_options *o)
{
	struct style st = style_of(o);
	const struct style *s = &st;
	fprintf(f,
		"\n%sCost per year%s, averaged over %d year%s (low–high: the claims' ranges and "
		"how newcomers are staffed)\n",
		s->bold, s->off, c->years, c->years == 1 ? "" : "s");
	fprintf(f, "  %-26s", "");
	pad(f, "Go", 6, true);
	fprintf(f, "%-19s", "");
	pad(f, "Rust", 6, true);
	fputc('\n', f);
	for (int i = 0; i < COST_ITEMS; i++) {
		fprintf(f, "  %s", i == COST_TOTAL ? s->bold : "");
		pad(f, cost_item_label((enum cost_item)i), 26, false);
		for (int l = 0; l < LANG_SCORED; l++) {
			char mid[24], range[64];
			money_cells(&c->usd[i][l], mid, sizeof mid, range, sizeof range);
			pad(f, mid, 6, true);
			char cell[72];
			snprintf(cell, sizeof cell, "%s%s", range[0] ? " " : "", range);
			if (l == LANG_GO)
				pad(f, cell, 19, false);
			else
				fputs(cell, f);
		}
		fprintf(f, "%s\n", i == COST_TOTAL ? s->off : "");
	}
	char text[1024];
	fprintf(f, "  %s", s->bold);
	render_cost_difference(c, text, sizeof text);
	wrap(f, s, "", 2, text);
	fprintf(f, "%s", s->off);

	/* what each figure counts, in words a reviewer can check */
	static const enum cost_item counted[] = {COST_HIRING, COST_ONBOARDING, COST_CI};
	for (size_t i = 0; i < sizeof counted / sizeof *counted; i++)
		wrap(f, s, "  ", 4, render_cost_counts(c, counted[i], text, sizeof text));
	if (!c->infra_priced)
		wrap(f, s, "  ", 4,
		     "infrastructure: not priced, it does not run on your own fleet; there memory "
		     "and start-up are product quality, not a bill");
	if (!o->full) {
		/* the articles behind the figures; claim ids with --long */
		const struct kb_source *srcs[16];
		size_t ns = 0;
		for (int i = 0; i < COST_TOTAL; i++)
			for (int k = 0; k < COST_MAX_FROM && c->from[i][k]; k++) {
				const struct kb_source *src = c->from[i][k]->source;
				size_t j = 0;
				while (j < ns && srcs[j] != src)
					j++;
				if (j == ns && ns < 16)
					srcs[ns++] = src;
			}
		fprintf(f, "%s", s->dim);
		for (size_t j = 0; j < ns; j++) {
			char cite_text[512];
			wrap(f, s, j ? "        " : "  from: ", 8,
			     render_source_text(srcs[j], cite_text, sizeof cite_text));
		}
		wrap(f, s, "  ", 4,
		     "prices from verdict's assumptions are not from the articles: set your own "
		     "under `costs:` in the profile");
		fprintf(f, "%s", s->off);
		return;
	}
	size_t used = (size_t)snprintf(text, sizeof text, "%s", "from: ");
	const struct kb_claim *seen[32];
	size_t n = 0;
	for (int i = 0; i < COST_TOTAL; i++)
		for (int k = 0; k < COST_MAX_FROM && c->from[i][k]; k++) {
			size_t before = n;
			n = cite(seen, n, 32, c->from[i][k]);
			if (n == before)
				continue;
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
	wrap(f, s, "  ", 4, text);
	wrap(f, s, "  ", 4,
	     "prices marked (assumption) are not from the sources: set your own under `costs:` "
	     "in the profile");
	fprintf(f, "%s", s->off);
}

/* --- how sure ----------------------------------------------------------------------------------
 */

void render_system_sure(const struct verdict *v, char *out, size_t size)
{
	static const struct {
		enum verdict_kind k;
		const char *name;
	} pattern[] = {{VERDICT_HYBRID, "the split"},
		       {VERDICT_GO, "all Go"},
		       {VERDICT_RUST, "all Rust"},
		       {VERDICT_KEEP, "keeping what ships"},
		       {VERDICT_PYTHON, "all Python"}};
	const double *p = v->system_probability;
	char n[32], pct[16];
	num_grouped(v->overall.samples, n, sizeof n);
	size_t used = 0, listed = 0;
	for (size_t i = 0; i < sizeof pattern / sizeof pattern[0]; i++)
		if (pattern[i].k == v->overall.verdict) {
			used = (size_t)snprintf(out, size, "%s holds in %s of %s samples (",
						pattern[i].name,
						num_percent(p[pattern[i].k], pct, sizeof pct), n);
			break;
		}
	if (used == 0) /* "either": no pattern is the answer */
		used = (size_t)snprintf(out, size, "no pattern leads in %s samples (", n);
	for (size_t i = 0; i < sizeof pattern / sizeof pattern[0] && used < size; i++) {
		enum verdict_kind k = pattern[i].k;
		/* the other patterns: Go and Rust always (hybrid's own line), the split unless it
		 * is the answer, keep and Python where a sample gave them */
		bool always = k == VERDICT_GO || k == VERDICT_RUST || k == VERDICT_HYBRID;
		if (k == v->overall.verdict || (!always && p[k] <= 0))
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s%s %s", listed++ ? ", " : "",
					 pattern[i].name, num_percent(p[k], pct, sizeof pct));
	}
	if (used < size)
		snprintf(out + used, size - used, ")");
}

void render_outright_sure(const struct decision *d, char *out, size_t size)
{
	char n[32], a[16], g[16], r[16], o[16];
	num_grouped(d->samples, n, sizeof n);
	enum verdict_kind other = d->verdict == VERDICT_KEEP ? VERDICT_PYTHON : VERDICT_KEEP;
	int used = snprintf(out, size, "%s holds in %s of %s samples (otherwise Go %s, Rust %s",
			    verdict_title(d->verdict),
			    num_percent(d->win_probability[d->verdict], a, sizeof a), n,
			    num_percent(d->win_probability[VERDICT_GO], g, sizeof g),
			    num_percent(d->win_probability[VERDICT_RUST], r, sizeof r));
	if (used >= 0 && (size_t)used < size && d->win_probability[other] > 0)
		used += snprintf(out + used, size - (size_t)used, ", %s %s", verdict_title(other),
				 num_percent(d->win_probability[other], o, sizeof o));
	if (used >= 0 && (size_t)used < size)
		snprintf(out + used, size - (size_t)used, ")");
}

static void sureness(FILE *f, const struct decision *d, const struct verdict *system,
		     const struct style *s)
{
	if (d->samples <= 0)
		return;
	char sure[200];
	if (system && system->has_system_probability) {
		render_system_sure(system, sure, sizeof sure);
	} else if (d->verdict == VERDICT_PYTHON || d->verdict == VERDICT_KEEP) {
		render_outright_sure(d, sure, sizeof sure);
	} else {
		char n[32], a[16], b[16];
		snprintf(sure, sizeof sure, "Go leads in %s, Rust in %s of %s samples",
			 num_percent(d->win_probability[VERDICT_GO], a, sizeof a),
			 num_percent(d->win_probability[VERDICT_RUST], b, sizeof b),
			 num_grouped(d->samples, n, sizeof n));
	}
	fprintf(f, "  how sure %s%s%s%s\n", sure, s->warn, d->close_call ? "   close call" : "",
		s->off);
}

static void verdict_head(FILE *f, const struct decision *d, const char *title,
			 const struct style *s)
{
	char line[160];
	fprintf(f, "%sverdict:%s %s%s%s%s", s->bold, s->off, s->bold, verdict_color(s, d->verdict),
		verdict_line(d, line, sizeof line), s->off);
	if (title && *title)
		fprintf(f, "   %s(%s)%s", s->dim, title, s->off);
	fputc('\n', f);
}

static void scores(FILE *f, const struct decision *d)
{
	if (d->verdict != VERDICT_GO && d->verdict != VERDICT_RUST && d->verdict != VERDICT_EITHER)
		return;
	fprintf(f, "  scores   Go %.2f · Rust %.2f   margin %.2f", d->score[LANG_GO],
		d->score[LANG_RUST], d->margin);
	if (d->excluded[LANG_GO] || d->excluded[LANG_RUST])
		fprintf(f, " (%s ruled out)", d->excluded[LANG_GO] ? "Go" : "Rust");
	fputc('\n', f);
}

/* --- the long form -----------------------------------------------------------------------------
 */

static void reasons_long(FILE *f, const struct reason *r, size_t n, const struct style *s)
{
	for (size_t i = 0; i < n; i++) {
		char text[ENGINE_REASON_LEN + 128];
		if (r[i].claim)
			snprintf(text, sizeof text, "%s %s[%s%s]%s", r[i].text, s->dim,
				 r[i].claim->id,
				 r[i].claim->source->assumption ? ", assumption" : "", s->off);
		else
			snprintf(text, sizeof text, "%s", r[i].text);
		wrap(f, s, "  - ", 4, text);
	}
}

bool render_flip_is_weight(const struct flip *fl)
{
	return fl->criterion >= 0;
}

size_t render_full_flips(const struct decision *d, const struct flip **out, size_t max)
{
	size_t n = 0;
	const struct flip *weight = NULL; /* flips come nearest first: the first is the smallest */
	for (size_t i = 0; i < d->nflips; i++) {
		if (render_flip_is_weight(&d->flips[i]))
			weight = weight ? weight : &d->flips[i];
		else if (n < max)
			out[n++] = &d->flips[i];
	}
	if (weight && n < max)
		out[n++] = weight;
	return n;
}

static void flips_long(FILE *f, const struct decision *d, const struct style *s)
{
	const struct flip *list[ENGINE_MAX_FLIPS];
	size_t n = render_full_flips(d, list, ENGINE_MAX_FLIPS);
	if (!n)
		return;
	fprintf(f, "\n%sWhat would change it%s\n", s->bold, s->off);
	for (size_t i = 0; i < n; i++)
		wrap(f, s,
		     render_flip_is_weight(list[i]) ? "  - smallest change of weights: " : "  - ",
		     4, list[i]->text);
}

static void decision_long(FILE *f, const struct decision *d, const struct verdict *system,
			  const char *title, const struct text_options *o, const struct style *s)
{
	verdict_head(f, d, title, s);
	scores(f, d);
	sureness(f, d, system, s);
	if (d->nreasons) {
		fprintf(f, "\n%sWhy%s\n", s->bold, s->off);
		reasons_long(f, d->reasons, d->nreasons, s);
	}
	if (d->nagainst && d->verdict != VERDICT_EITHER) {
		fprintf(f, "\n%sWhat speaks for %s%s\n", s->bold, lang_title(lang_other(d->leader)),
			s->off);
		reasons_long(f, d->against, d->nagainst, s);
	}
	flips_long(f, d, s);
	if (d->has_costs)
		render_costs_text(f, &d->costs, o);
}

static void sources_long(FILE *f, const struct kb *kb, const struct kb_claim *const *seen,
			 size_t nseen, const struct style *s)
{
	if (!nseen)
		return;
	fprintf(f, "\n%sSources%s\n", s->bold, s->off);
	for (size_t i = 0; i < kb_source_count(kb); i++) {
		const struct kb_source *src = kb_source_at(kb, i);
		char text[1024], head[512];
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
		wrap(f, s, "  ", 4, render_source_text(src, head, sizeof head));
		fprintf(f, "%s", s->dim);
		wrap(f, s, "    ", 6, text);
		fprintf(f, "%s", s->off);
	}
}

static void kb_line(FILE *f, const struct kb *kb, const struct style *s)
{
	char text[768];
	if (kb->measured)
		snprintf(text, sizeof text,
			 "knowledge base %s · %zu claims from %zu sources · %s for %s (claims "
			 "lab-*); the rest published or marked as assumptions",
			 kb->version, kb->nclaims, kb->nsources, kb->measured->title,
			 kb->measured_criteria);
	else
		snprintf(text, sizeof text,
			 "knowledge base %s · %zu claims from %zu sources · figures published or "
			 "marked as assumptions, none measured here",
			 kb->version, kb->nclaims, kb->nsources);
	fprintf(f, "\n%s", s->dim);
	wrap(f, s, "", 2, text);
	fprintf(f, "%s", s->off);
}

static void render_long(FILE *f, const struct kb *kb, const struct verdict *v, const char *title,
			const struct text_options *o, const struct style *s)
{
	decision_long(f, &v->overall, v->ncomponents ? v : NULL, title, o, s);
	const struct kb_claim *seen[128];
	size_t nseen = 0;
	for (size_t i = 0; i < v->overall.nreasons; i++)
		nseen = cite(seen, nseen, 128, v->overall.reasons[i].claim);
	for (size_t i = 0; i < v->overall.nagainst; i++)
		nseen = cite(seen, nseen, 128, v->overall.against[i].claim);
	for (size_t c = 0; c < v->ncomponents; c++) {
		const struct decision *d = &v->components[c];
		char head[PROFILE_NAME_BYTES + 64];
		snprintf(head, sizeof head, "%s · %s", d->name, kb_kind_label(kb, d->building));
		fprintf(f, "\n%s── component %s%s\n", s->bold, d->name, s->off);
		decision_long(f, d, NULL, head, o, s);
		for (size_t i = 0; i < d->nreasons; i++)
			nseen = cite(seen, nseen, 128, d->reasons[i].claim);
		for (size_t i = 0; i < d->nagainst; i++)
			nseen = cite(seen, nseen, 128, d->against[i].claim);
	}
	sources_long(f, kb, seen, nseen, s);
	kb_line(f, kb, s);
}

/* --- the 30-second answer ----------------------------------------------------------------------
 */

/* The sources the short answer numbers, in order of first citation. */
struct notes {
	const struct kb_source *src[MAX_NOTES];
	size_t n;
};

/* The footnote number of src ("[2]"), numbering it if new; "" when the list is full. */
static const char *note(struct notes *nt, const struct kb_source *src, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!src)
		return buf;
	size_t i = 0;
	while (i < nt->n && nt->src[i] != src)
		i++;
	if (i == nt->n && nt->n < MAX_NOTES)
		nt->src[nt->n++] = src;
	if (i < nt->n)
		snprintf(buf, size, " [%zu]", i + 1);
	return buf;
}

static void reason_short(FILE *f, const struct reason *r, struct notes *nt, const char *prefix,
			 const struct style *s)
{
	char text[ENGINE_REASON_LEN + 160], num[16];
	note(nt, r->claim ? r->claim->source : NULL, num, sizeof num);
	snprintf(text, sizeof text, "%s%s%s%s%s", prefix, r->text, s->dim, num, s->off);
	wrap(f, s, "  - ", 4, text);
}

/* Up to SHORT_REASONS reasons, strongest first. One that quotes an input the user never gave
 * ("at 10 merges a day" from quick) is told by the evidence it rests on instead, once. */
static void why_short(FILE *f, const struct decision *d, uint64_t unasked, struct notes *nt,
		      const struct style *s)
{
	const struct kb_claim *told[SHORT_REASONS];
	size_t shown = 0;
	for (size_t i = 0; i < d->nreasons && shown < SHORT_REASONS; i++) {
		struct reason r = d->reasons[i];
		if (r.quotes & unasked) {
			bool dup = !r.claim;
			for (size_t k = 0; k < shown && !dup; k++)
				dup = told[k] == r.claim;
			if (dup)
				continue;
			snprintf(r.text, sizeof r.text, "%s", r.claim->says);
		}
		if (shown == 0)
			fprintf(f, "%sWhy%s\n", s->bold, s->off);
		told[shown++] = r.claim;
		reason_short(f, &r, nt, "", s);
	}
}

size_t render_short_flips(const struct decision *d, const struct flip **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nflips && n < max; i++)
		if (d->flips[i].question)
			out[n++] = &d->flips[i];
	if (n)
		return n;
	for (size_t i = 0; i < d->nflips && n < max; i++) {
		const struct flip *fl = &d->flips[i];
		if (render_flip_is_weight(fl) || fl->question)
			continue;
		bool dup = false;
		for (size_t k = 0; k < n; k++)
			dup = dup || out[k]->field == fl->field;
		if (dup)
			continue;
		/* a toss-up first: prefer where the other side wins, if a later flip says so */
		if (fl->to == VERDICT_EITHER)
			for (size_t j = i + 1; j < d->nflips; j++)
				if (d->flips[j].field == fl->field &&
				    d->flips[j].to != VERDICT_EITHER &&
				    (d->flips[j].at - d->flips[j].from) * (fl->at - fl->from) > 0) {
					fl = &d->flips[j];
					break;
				}
		out[n++] = fl;
	}
	return n;
}

static void flips_short(FILE *f, const struct decision *const *ds, const char *const *names,
			size_t nd, bool quick, const struct style *s)
{
	const struct flip *list[PROFILE_MAX_COMPONENTS + SHORT_FLIPS];
	const char *whose[PROFILE_MAX_COMPONENTS + SHORT_FLIPS];
	size_t n = 0;
	for (size_t k = 0; k < nd; k++) {
		const struct flip *got[SHORT_FLIPS];
		/* of a system's parts, the nearest change of each */
		size_t g = render_short_flips(ds[k], got, nd > 1 ? 1 : SHORT_FLIPS);
		for (size_t i = 0; i < g && n < PROFILE_MAX_COMPONENTS + SHORT_FLIPS; i++) {
			list[n] = got[i];
			whose[n++] = names[k];
		}
	}
	/* across the parts of a system, the nearest first */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && list[j]->distance < list[j - 1]->distance; j--) {
			const struct flip *t = list[j];
			list[j] = list[j - 1];
			list[j - 1] = t;
			const char *w = whose[j];
			whose[j] = whose[j - 1];
			whose[j - 1] = w;
		}
	if (n == 0 && !quick)
		return;
	fprintf(f, "%sWhat would change it%s\n", s->bold, s->off);
	if (n == 0)
		wrap(f, s, "  - ", 4, "no other answer to the three questions changes it");
	for (size_t i = 0; i < n && i < SHORT_FLIPS; i++) {
		char text[320];
		snprintf(text, sizeof text, "%s%s%s", whose[i] ? whose[i] : "",
			 whose[i] ? ": " : "", list[i]->text);
		wrap(f, s, "  - ", 4, text);
	}
}

static void cost_short(FILE *f, const struct decision *d, bool system, uint64_t unasked,
		       const struct style *s)
{
	if (system) {
		wrap(f, s, "", 2,
		     "Cost: each part is priced with --long, or with `verdict cost` for the "
		     "profile");
		return;
	}
	if (!d->has_costs)
		return;
	char text[512], diff[320], team[48];
	render_cost_difference(&d->costs, diff, sizeof diff);
	if (unasked & (UINT64_C(1) << F_TEAM_SIZE))
		snprintf(text, sizeof text,
			 "Cost: %s, for a team of %s (an assumption: `verdict cost` prices your "
			 "profile)",
			 diff, num_format(d->costs.team_size, team, sizeof team));
	else
		snprintf(text, sizeof text, "Cost: %s", diff);
	wrap(f, s, "", 2, text);
}

static void notes_short(FILE *f, const struct notes *nt, const struct style *s)
{
	for (size_t i = 0; i < nt->n; i++) {
		char lead[16], text[512];
		snprintf(lead, sizeof lead, "[%zu] ", i + 1);
		wrap(f, s, lead, 4, render_source_text(nt->src[i], text, sizeof text));
	}
}

static void render_short(FILE *f, const struct kb *kb, const struct verdict *v, const char *title,
			 const struct text_options *o, const struct style *s)
{
	const struct decision *d = &v->overall;
	struct notes nt = {{NULL}, 0};
	verdict_head(f, d, title, s);
	sureness(f, d, v->ncomponents ? v : NULL, s);
	fputc('\n', f);
	const struct decision *ds[PROFILE_MAX_COMPONENTS];
	const char *names[PROFILE_MAX_COMPONENTS];
	size_t nd = 0;
	if (v->ncomponents) {
		fprintf(f, "%sParts%s\n", s->bold, s->off);
		for (size_t i = 0; i < v->ncomponents && nd < PROFILE_MAX_COMPONENTS; i++) {
			const struct decision *c = &v->components[i];
			char prefix[PROFILE_NAME_BYTES + 160], answer[64];
			verdict_part_title(c->verdict, c->in_system, answer, sizeof answer);
			snprintf(prefix, sizeof prefix, "%s (%s): %s — ", c->name,
				 kb_kind_label(kb, c->building), answer);
			if (c->nreasons)
				reason_short(f, &c->reasons[0], &nt, prefix, s);
			ds[nd] = c;
			names[nd++] = c->name;
		}
		/* what the sources say about such a system */
		for (size_t i = 0; i < d->nreasons; i++)
			if (d->reasons[i].kind == REASON_SYSTEM &&
			    strcmp(d->reasons[i].rule_id, "component") != 0) {
				fprintf(f, "%sWhy%s\n", s->bold, s->off);
				reason_short(f, &d->reasons[i], &nt, "", s);
				break;
			}
	} else {
		why_short(f, d, o->unasked, &nt, s);
		ds[nd] = d;
		names[nd++] = NULL;
	}
	flips_short(f, ds, names, nd, o->quick, s);
	cost_short(f, d, v->ncomponents > 0, o->unasked, s);
	if (nt.n)
		fputc('\n', f);
	notes_short(f, &nt, s);
	fprintf(f, "%s", s->dim);
	wrap(f, s, "", 2,
	     d->has_costs || v->ncomponents
		 ? "--long: every reason, the other side, the cost table and claim ids"
		 : "--long: every reason, the other side and claim ids");
	fprintf(f, "%s", s->off);
}

void render_text(FILE *f, const struct kb *kb, const struct verdict *v, const char *title,
		 const struct text_options *o)
{
	struct style s = style_of(o);
	if (o->full)
		render_long(f, kb, v, title, o, &s);
	else
		render_short(f, kb, v, title, o, &s);
}
