/*
 * render_md — the verdict as Markdown (CommonMark with pipe tables), for pull requests and wikis:
 * the same sections as the HTML report, without charts. Table cells escape '|'; every block is
 * surrounded by blank lines so that markdownlint accepts the output.
 */
#include "render.h"

#include <math.h>
#include <string.h>

#include "num.h"

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

void render_md_source(FILE *f, const struct kb_source *s)
{
	fprintf(f, "%s", s->url ? "[" : "");
	render_md_text(f, s->title);
	if (s->url)
		fprintf(f, "](%s)", s->url);
	fprintf(f, ", ");
	render_md_text(f, s->by);
	fprintf(f, ", %s", s->date);
}

static bool decision_cites(const struct decision *d, const struct kb_source *src)
{
	for (size_t i = 0; i < d->nreasons; i++)
		if (d->reasons[i].claim && d->reasons[i].claim->source == src)
			return true;
	for (size_t i = 0; i < d->nagainst; i++)
		if (d->against[i].claim && d->against[i].claim->source == src)
			return true;
	for (int i = 0; d->has_costs && i < COST_ITEMS; i++)
		for (size_t k = 0; k < COST_MAX_FROM && d->costs.from[i][k]; k++)
			if (d->costs.from[i][k]->source == src)
				return true;
	return false;
}

bool render_cites_source(const struct verdict *v, const struct kb_source *src)
{
	if (decision_cites(&v->overall, src))
		return true;
	for (size_t i = 0; i < v->ncomponents; i++)
		if (decision_cites(&v->components[i], src))
			return true;
	return false;
}

static void reasons(FILE *f, const struct reason *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "- ");
		render_md_text(f, r[i].text);
		if (r[i].claim)
			fprintf(f, " (claim `%s`, %s `%s`)", r[i].claim->id,
				r[i].claim->source->assumption ? "verdict's assumption" : "source",
				r[i].claim->source->id);
		fputc('\n', f);
	}
	fputc('\n', f);
}

/* "$19K ($6K–$37K)" for a table cell. */
static void money(FILE *f, const struct estimate *e)
{
	char m[24], lo[24], hi[24];
	fprintf(f, "%s", num_money(e->mid, m, sizeof m));
	if (e->high > e->low)
		fprintf(f, " (%s–%s)", num_money(e->low, lo, sizeof lo),
			num_money(e->high, hi, sizeof hi));
}

static void costs(FILE *f, const struct costs *c)
{
	char text[1024];
	fprintf(f, "| per year, over %d year%s | Go | Rust |\n| --- | ---: | ---: |\n", c->years,
		c->years == 1 ? "" : "s");
	for (int i = 0; i < COST_ITEMS; i++) {
		const char *strong = i == COST_TOTAL ? "**" : "";
		fprintf(f, "| %s%s%s | ", strong, cost_item_label((enum cost_item)i), strong);
		money(f, &c->usd[i][LANG_GO]);
		fprintf(f, " | ");
		money(f, &c->usd[i][LANG_RUST]);
		fprintf(f, " |\n");
	}
	fprintf(f, "\n");
	render_md_text(f, render_cost_difference(c, text, sizeof text));
	fprintf(f, ".\n\n");
	static const enum cost_item counted[] = {COST_HIRING, COST_ONBOARDING, COST_CI};
	for (size_t i = 0; i < sizeof counted / sizeof *counted; i++) {
		fprintf(f, "- ");
		render_md_text(f, render_cost_counts(c, counted[i], text, sizeof text));
		fputc('\n', f);
	}
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
	if (d->samples > 0) {
		fprintf(f, "How sure: ");
		if (d->verdict == VERDICT_PYTHON || d->verdict == VERDICT_KEEP) {
			char sure[200];
			render_outright_sure(d, sure, sizeof sure);
			render_md_text(f, sure);
			fprintf(f, "; Monte Carlo seed %llu%s.\n\n", (unsigned long long)d->seed,
				d->close_call ? " (a close call)" : "");
		} else {
			fprintf(f,
				"Go leads in %.1f%% and Rust in %.1f%% of %ld Monte Carlo samples "
				"(seed %llu).\n\n",
				100 * d->win_probability[VERDICT_GO],
				100 * d->win_probability[VERDICT_RUST], d->samples,
				(unsigned long long)d->seed);
		}
	}
	fprintf(f, "%s# Why\n\n", heading);
	reasons(f, d->reasons, d->nreasons);
	if (d->nagainst && d->verdict != VERDICT_EITHER) {
		fprintf(f, "%s# What speaks for %s\n\n", heading,
			lang_title(lang_other(d->leader)));
		reasons(f, d->against, d->nagainst);
	}
	const struct flip *flips[ENGINE_MAX_FLIPS];
	size_t nflips = render_full_flips(d, flips, ENGINE_MAX_FLIPS);
	if (nflips) {
		fprintf(f, "%s# What would change it\n\n", heading);
		for (size_t i = 0; i < nflips; i++) {
			fprintf(f, "- %s",
				render_flip_is_weight(flips[i]) ? "smallest change of weights: "
								: "");
			render_md_text(f, flips[i]->text);
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
		if (!render_cites_source(v, s))
			continue;
		fprintf(f, "- `%s`: ", s->id);
		render_md_source(f, s);
		fprintf(f, "%s\n",
			s->assumption ? ", verdict's own assumptions"
			: s->measured ? ", measured on this machine"
				      : "");
	}
	fprintf(f,
		"\nKnowledge base `%s`. Every claim id above is shown in full by "
		"`verdict claims ID`.\n",
		kb->version);
}
