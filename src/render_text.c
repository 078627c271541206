/*
 * render_text — verdicts for people: the answer first, then why (each reason with the claim it
 * rests on), what speaks against it, and the sources cited. Wrapped to 96 columns; colour only
 * when the caller allows it (a terminal without NO_COLOR).
 */
#include "render.h"

#include <string.h>

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

static const char *verdict_line(enum verdict_kind v)
{
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
		return "Hybrid: Go and Rust, each where it fits";
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
			snprintf(text, sizeof text, "%s %s[%s]%s", r[i].text, s->dim,
				 r[i].claim->id, s->off);
		else
			snprintf(text, sizeof text, "%s", r[i].text);
		wrap(f, lead, 4, text);
	}
}

static void decision(FILE *f, const struct decision *d, const char *title, const struct style *s,
		     size_t max_reasons)
{
	fprintf(f, "%sverdict:%s %s%s%s%s", s->bold, s->off, s->bold, verdict_color(s, d->verdict),
		verdict_line(d->verdict), s->off);
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
		else if (d->close_call)
			fprintf(f, "   %sclose call%s", s->warn, s->off);
		fputc('\n', f);
	}
	if (d->nreasons) {
		fprintf(f, "\n%sWhy%s\n", s->bold, s->off);
		reasons(f, d->reasons, d->nreasons, max_reasons, "- ", s);
	}
	if (d->nagainst && d->verdict != VERDICT_EITHER) {
		fprintf(f, "\n%sWhat speaks for %s%s\n", s->bold, lang_title(lang_other(d->leader)),
			s->off);
		reasons(f, d->against, d->nagainst, 3, "- ", s);
	}
}

void render_text(FILE *f, const struct kb *kb, const struct verdict *v, const char *title,
		 bool color)
{
	const struct style *s = color ? &ansi : &plain;
	decision(f, &v->overall, title, s, v->ncomponents ? 32 : 6);
	const struct kb_claim *seen[128];
	size_t nseen = 0;
	for (size_t i = 0; i < v->overall.nreasons && i < 6; i++)
		nseen = cite(seen, nseen, 128, v->overall.reasons[i].claim);
	for (size_t i = 0; i < v->overall.nagainst && i < 3; i++)
		nseen = cite(seen, nseen, 128, v->overall.against[i].claim);
	for (size_t c = 0; c < v->ncomponents; c++) {
		const struct decision *d = &v->components[c];
		char head[PROFILE_NAME_MAX + 64];
		snprintf(head, sizeof head, "%s · %s", d->name, d->building);
		fprintf(f, "\n%s── component %s%s\n", s->bold, d->name, s->off);
		decision(f, d, head, s, 4);
		for (size_t i = 0; i < d->nreasons && i < 4; i++)
			nseen = cite(seen, nseen, 128, d->reasons[i].claim);
		for (size_t i = 0; i < d->nagainst && i < 3; i++)
			nseen = cite(seen, nseen, 128, d->against[i].claim);
	}
	if (nseen) {
		fprintf(f, "\n%sSources%s\n", s->bold, s->off);
		for (size_t i = 0; i < kb->nsources; i++) {
			const struct kb_source *src = &kb->sources[i];
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
	fprintf(f,
		"\n%sknowledge base %s · %zu claims from %zu sources · all figures published, "
		"none measured here%s\n",
		s->dim, kb->version, kb->nclaims, kb->nsources, s->off);
}
