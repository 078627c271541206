/*
 * render_md — the verdict as Markdown (CommonMark with pipe tables), for pull requests and wikis:
 * the same sections as the HTML report, without charts. Table cells escape '|'; every block is
 * surrounded by blank lines so that markdownlint accepts the output.
 */
#include "render.h"

#include <math.h>
#include <string.h>

/* Writes text with characters that would break a table cell or start markup escaped. */
void render_md_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|' || *s == '*' || *s == '_' || *s == '`' || *s == '<' || *s == '[' ||
		    *s == ']')
			fputc('\\', f);
		if (*s == '\n')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}

static void reasons(FILE *f, const struct reason *r, size_t n, size_t max)
{
	for (size_t i = 0; i < n && i < max; i++) {
		fprintf(f, "- ");
		render_md_text(f, r[i].text);
		if (r[i].claim)
			fprintf(f, " (claim `%s`, %s)", r[i].claim->id,
				r[i].claim->source->assumption ? "verdict's assumption"
							       : r[i].claim->source->seed);
		fputc('\n', f);
	}
	fputc('\n', f);
}

static void costs(FILE *f, const struct costs *c)
{
	static const char *const labels[] = {"CI: build minutes and waiting", "hiring premium",
					     "onboarding (ramp-up)", "infrastructure (memory)",
					     "**total**"};
	fprintf(f, "| per year, over %d years | Go | Rust |\n| --- | ---: | ---: |\n", c->years);
	for (int i = 0; i < COST_ITEMS; i++)
		fprintf(f, "| %s | $%.0f ($%.0f–%.0f) | $%.0f ($%.0f–%.0f) |\n", labels[i],
			c->usd[i][LANG_GO].mid, c->usd[i][LANG_GO].low, c->usd[i][LANG_GO].high,
			c->usd[i][LANG_RUST].mid, c->usd[i][LANG_RUST].low,
			c->usd[i][LANG_RUST].high);
	fprintf(f, "\nPrices marked as assumptions in `verdict claims` are not from the sources; "
		   "set your own under `costs:` in the profile.\n\n");
}

static void decision(FILE *f, const struct decision *d, const char *heading)
{
	if (d->verdict == VERDICT_HYBRID)
		fprintf(f, "%s Verdict: hybrid (%s)\n\n", heading, d->mix);
	else
		fprintf(f, "%s Verdict: %s\n\n", heading, verdict_name(d->verdict));
	if (d->verdict <= VERDICT_EITHER)
		fprintf(f, "Scores: Go %.2f, Rust %.2f, margin %.2f%s.\n\n", d->score[LANG_GO],
			d->score[LANG_RUST], d->margin, d->close_call ? " (a close call)" : "");
	if (d->samples > 0)
		fprintf(f,
			"How sure: Go leads in %.1f%% and Rust in %.1f%% of %ld Monte Carlo "
			"samples (seed %llu).\n\n",
			100 * d->win_probability[VERDICT_GO],
			100 * d->win_probability[VERDICT_RUST], d->samples,
			(unsigned long long)d->seed);
	fprintf(f, "%s# Why\n\n", heading);
	reasons(f, d->reasons, d->nreasons, 6);
	if (d->nagainst && d->verdict != VERDICT_EITHER) {
		fprintf(f, "%s# What speaks for %s\n\n", heading,
			lang_title(lang_other(d->leader)));
		reasons(f, d->against, d->nagainst, 3);
	}
	if (d->nflips) {
		fprintf(f, "%s# What would change it\n\n", heading);
		for (size_t i = 0; i < d->nflips && i < 5; i++) {
			fprintf(f, "- ");
			render_md_text(f, d->flips[i].text);
			fputc('\n', f);
		}
		fputc('\n', f);
	}
	if (d->has_costs) {
		fprintf(f, "%s# Costs\n\n", heading);
		costs(f, &d->costs);
	}
}

void render_markdown(FILE *f, const struct kb *kb, const struct verdict *v, const char *title)
{
	fprintf(f, "# Go or Rust: ");
	render_md_text(f, title);
	fprintf(f, "\n\n");
	decision(f, &v->overall, "##");
	for (size_t i = 0; i < v->ncomponents; i++) {
		fprintf(f, "## Component: ");
		render_md_text(f, v->components[i].name);
		fprintf(f, " (%s)\n\n", v->components[i].building);
		decision(f, &v->components[i], "###");
	}
	fprintf(f, "## Sources\n\n");
	for (size_t i = 0; i < kb_source_count(kb); i++) {
		const struct kb_source *s = kb_source_at(kb, i);
		fprintf(f, "- `%s`: ", s->id);
		render_md_text(f, s->title);
		fprintf(f, " — ");
		render_md_text(f, s->by);
		fprintf(f, ", %s (seed `%s`)%s\n", s->date, s->seed,
			s->assumption ? ", verdict's own assumptions"
			: s->measured ? ", measured on this machine"
				      : "");
	}
	fprintf(f,
		"\nKnowledge base `%s`. Every claim id above is shown in full by "
		"`verdict claims ID`.\n",
		kb->version);
}
