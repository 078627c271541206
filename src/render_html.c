/*
 * render_html — the verdict as HTML: a self-contained report (inline CSS and SVG, no scripts, no
 * network) and the same body for the web page. Everything from a profile or the KB is escaped.
 * Sections: verdict, why (each reason linked to its claim and source), how sure, what would
 * change it, criteria, costs, measured versus published evidence, components, sources.
 */
#include "render.h"

#include <math.h>
#include <string.h>

#include "embedded.h"
#include "num.h"
#include "svg.h"

#define esc svg_escape

static const char *const verdict_class[] = {"go", "rust", "either", "python", "keep", "hybrid"};

/* `page`: on the web page, where a citation opens the evidence browser rather than the report's
 * own table. */
static void reason_list(FILE *f, const struct reason *r, size_t n, size_t max, bool page)
{
	fprintf(f, "<ul class=\"reasons\">\n");
	for (size_t i = 0; i < n && i < max; i++) {
		fprintf(f, "<li>");
		esc(f, r[i].text);
		if (r[i].claim) {
			fprintf(f, " <a class=\"cite\" href=\"%s",
				page ? "/evidence?q=" : "#claim-");
			esc(f, r[i].claim->id);
			fprintf(f, "\">[");
			esc(f, r[i].claim->id);
			fprintf(f, "%s]</a>", r[i].claim->source->assumption ? ", assumption" : "");
		}
		fprintf(f, "</li>\n");
	}
	fprintf(f, "</ul>\n");
}

/* s as a sentence's start: its first letter capitalised, escaped. */
static void sentence_start(FILE *f, const char *s)
{
	fputc(s[0] >= 'a' && s[0] <= 'z' ? s[0] - 'a' + 'A' : s[0], f);
	esc(f, s + 1);
}

/* How often an outright answer held (render_outright_sure), escaped, as the start of a sentence:
 * each caller ends it its own way. */
static void outright_sure(FILE *f, const struct decision *d)
{
	char s[200];
	render_outright_sure(d, s, sizeof s);
	sentence_start(f, s);
}

static void probability(FILE *f, const struct decision *d)
{
	if (d->samples <= 0)
		return;
	fprintf(f, "<h3>How sure</h3>\n<div class=\"prob\" title=\"win probability\">");
	for (int v = 0; v <= VERDICT_KEEP; v++)
		if (d->win_probability[v] > 0)
			fprintf(f, "<span class=\"%s\" style=\"width:%.1f%%\"></span>",
				verdict_class[v], 100 * d->win_probability[v]);
	const char *close = d->close_call ? " — <span class=\"close\">a close call</span>" : "";
	if (d->verdict == VERDICT_PYTHON || d->verdict == VERDICT_KEEP) {
		fprintf(f, "</div>\n<p>");
		outright_sure(f, d);
		fprintf(f, "; Monte Carlo seed %llu%s.</p>\n", (unsigned long long)d->seed, close);
		return;
	}
	fprintf(f,
		"</div>\n<p>Go leads in %.1f%%, Rust in %.1f%% of %ld Monte Carlo samples "
		"(seed %llu)%s.</p>\n",
		100 * d->win_probability[VERDICT_GO], 100 * d->win_probability[VERDICT_RUST],
		d->samples, (unsigned long long)d->seed, close);
}

static void flips(FILE *f, const struct kb *kb, const struct decision *d)
{
	if (d->nflips == 0)
		return;
	fprintf(f, "<h3>What would change it</h3>\n<ul class=\"flips\">\n");
	const struct flip *list[ENGINE_MAX_FLIPS];
	size_t nlist = render_full_flips(d, list, ENGINE_MAX_FLIPS);
	for (size_t i = 0; i < nlist; i++) {
		fprintf(f, "<li>%s",
			render_flip_is_weight(list[i]) ? "smallest change of weights: " : "");
		esc(f, list[i]->text);
		fprintf(f, "</li>\n");
	}
	struct svg_flip chart[12];
	int n = 0;
	for (size_t i = 0; i < d->nflips; i++) {
		const struct flip *fl = &d->flips[i];
		if (n < 12 && !fl->question) {
			chart[n].label = fl->field >= 0
					     ? profile_field((enum field)fl->field)->label
					     : kb->criteria[fl->criterion].name;
			chart[n].distance = fl->distance;
			chart[n].to_rust = fl->to == VERDICT_RUST ? 1
					   : fl->to == VERDICT_GO ? 0
								  : -1;
			n++;
		}
	}
	fprintf(f, "</ul>\n");
	if (n)
		svg_tornado(f, "How far each input is from flipping the verdict", chart, n);
}

static void criteria(FILE *f, const struct kb *kb, const struct decision *d)
{
	if (d->verdict == VERDICT_PYTHON || d->verdict == VERDICT_KEEP || kb->ncriteria == 0)
		return;
	struct svg_bar bars[KB_MAX_CRITERIA];
	for (size_t c = 0; c < kb->ncriteria; c++) {
		bars[c].label = kb->criteria[c].name;
		for (int l = 0; l < LANG_SCORED; l++) {
			struct kb_range r = kb->criteria[c].score[l];
			double shift = d->crit[l][c] - kb_mid(r);
			bars[c].value[l] = d->crit[l][c];
			bars[c].low[l] = fmax(0, r.low + shift);
			bars[c].high[l] = fmin(1, r.high + shift);
		}
	}
	fprintf(f, "<h3>Criteria</h3>\n");
	svg_bars(f, "Score per criterion (Go above, Rust below; whiskers: the evidence's range)",
		 bars, (int)kb->ncriteria, 1, "score 0..1");
	fprintf(f, "<table><tr><th>criterion</th><th>weight</th><th>Go</th><th>Rust</th></tr>\n");
	for (size_t c = 0; c < kb->ncriteria; c++) {
		fprintf(f, "<tr><td>");
		esc(f, kb->criteria[c].name);
		fprintf(f,
			"</td><td class=\"num\">%.2f</td><td class=\"num\">%.2f</td>"
			"<td class=\"num\">%.2f</td></tr>\n",
			d->weight[c], d->crit[LANG_GO][c], d->crit[LANG_RUST][c]);
	}
	fprintf(f, "</table>\n");
}

static void money(FILE *f, const struct estimate *e)
{
	char m[24], lo[24], hi[24];
	fprintf(f, "%s", num_money(e->mid, m, sizeof m));
	if (e->high > e->low)
		fprintf(f, " <span class=\"muted\">(%s–%s)</span>",
			num_money(e->low, lo, sizeof lo), num_money(e->high, hi, sizeof hi));
}

static void costs(FILE *f, const struct costs *c, bool page)
{
	fprintf(f,
		"<h3>Costs</h3>\n<table class=\"report-costs\"><tr><th>per year, over %d "
		"year%s</th><th>Go</th>"
		"<th>Rust</th><th>from</th></tr>\n",
		c->years, c->years == 1 ? "" : "s");
	for (int i = 0; i < COST_ITEMS; i++) {
		fprintf(f, "<tr><td>%s</td><td class=\"num\">", cost_item_label((enum cost_item)i));
		money(f, &c->usd[i][LANG_GO]);
		fprintf(f, "</td><td class=\"num\">");
		money(f, &c->usd[i][LANG_RUST]);
		fprintf(f, "</td><td class=\"cite\">");
		for (int k = 0; k < COST_MAX_FROM && c->from[i][k]; k++) {
			fprintf(f, "%s<a href=\"%s", k ? ", " : "",
				page ? "/evidence?q=" : "#claim-");
			esc(f, c->from[i][k]->id);
			fprintf(f, "\">");
			esc(f, c->from[i][k]->id);
			fprintf(f, "</a>%s",
				c->from[i][k]->source->assumption ? " (assumption)"
				: c->from[i][k]->source->measured ? " (measured)"
								  : "");
		}
		fprintf(f, "</td></tr>\n");
	}
	char text[1024];
	fprintf(f, "</table>\n<p><strong>");
	esc(f, render_cost_difference(c, text, sizeof text));
	fprintf(f, ".</strong></p>\n<p class=\"muted\">");
	static const enum cost_item counted[] = {COST_HIRING, COST_ONBOARDING, COST_CI};
	for (size_t i = 0; i < sizeof counted / sizeof *counted; i++) {
		esc(f, render_cost_counts(c, counted[i], text, sizeof text));
		fprintf(f, ". ");
	}
	fprintf(f, "Prices marked (assumption) are not from the sources: set your own under "
		   "<code>costs:</code> in the profile.</p>\n");
	double per[2], low[2], high[2];
	for (int l = 0; l < 2; l++) {
		per[l] = c->usd[COST_TOTAL][l].mid;
		low[l] = c->usd[COST_TOTAL][l].low;
		high[l] = c->usd[COST_TOTAL][l].high;
	}
	svg_cost_horizon(f, "Cumulative cost over the horizon", c->years, per, low, high);
}

/* One decision's sections; `system` is true for the overall verdict of components, whose
 * certainty is the split's (shown by the caller), not a language's. */
/* The verdict in words, in a span of class `cls` (with id="verdict" when id is true). */
static void verdict_words(FILE *f, const struct decision *d, const char *cls, bool id)
{
	static const char *const words[] = {"Go",
					    "Rust",
					    "Either: Go and Rust both fit",
					    "Neither: Python",
					    "Neither: keep what ships",
					    "Hybrid: Go and Rust, each where it fits"};
	fprintf(f, "<span class=\"%s %s\"%s>", cls, verdict_class[d->verdict],
		id ? " id=\"verdict\"" : "");
	if (d->verdict == VERDICT_HYBRID) {
		fprintf(f, "Hybrid: ");
		esc(f, d->mix);
		fprintf(f, ", each where it fits");
	} else {
		fprintf(f, "%s", words[d->verdict]);
	}
	fprintf(f, "</span>");
}

/* `page`: inside the web page's summary, where the verdict above it holds id="verdict". */
static void decision_body(FILE *f, const struct kb *kb, const struct decision *d, bool detail,
			  bool system, bool page)
{
	fprintf(f, "<p>");
	verdict_words(f, d, "verdict", !page);
	fprintf(f, "</p>\n");

	if (d->verdict <= VERDICT_EITHER)
		fprintf(f, "<p class=\"muted\">Scores: Go %.2f · Rust %.2f · margin %.2f%s</p>\n",
			d->score[LANG_GO], d->score[LANG_RUST], d->margin,
			d->excluded[LANG_GO]	 ? " (Go ruled out)"
			: d->excluded[LANG_RUST] ? " (Rust ruled out)"
						 : "");
	fprintf(f, "<h3>Why</h3>\n");
	reason_list(f, d->reasons, d->nreasons, d->nreasons, page);
	if (d->nagainst && d->verdict != VERDICT_EITHER) {
		fprintf(f, "<h3>What speaks for %s</h3>\n", lang_title(lang_other(d->leader)));
		reason_list(f, d->against, d->nagainst, d->nagainst, page);
	}
	if (!system)
		probability(f, d);
	flips(f, kb, d);
	if (detail)
		criteria(f, kb, d);
	if (d->has_costs)
		costs(f, &d->costs, page);
}

/* The claims a verdict cites, each once, in order of first citation. */
static size_t cited(const struct verdict *v, const struct kb_claim **out, size_t cap)
{
	size_t n = 0;
	const struct decision *ds[1 + PROFILE_MAX_COMPONENTS];
	size_t nd = 0;
	ds[nd++] = &v->overall;
	for (size_t i = 0; i < v->ncomponents && nd < 1 + PROFILE_MAX_COMPONENTS; i++)
		ds[nd++] = &v->components[i];
	for (size_t k = 0; k < nd; k++) {
		const struct decision *d = ds[k];
		const struct kb_claim *all[2 * ENGINE_MAX_REASONS + COST_ITEMS * COST_MAX_FROM];
		size_t na = 0;
		for (size_t i = 0; i < d->nreasons; i++)
			all[na++] = d->reasons[i].claim;
		for (size_t i = 0; i < d->nagainst; i++)
			all[na++] = d->against[i].claim;
		if (d->has_costs)
			for (int i = 0; i < COST_ITEMS; i++)
				for (int j = 0; j < COST_MAX_FROM && d->costs.from[i][j]; j++)
					all[na++] = d->costs.from[i][j];
		for (size_t i = 0; i < na; i++) {
			if (!all[i])
				continue;
			size_t j = 0;
			while (j < n && out[j] != all[i])
				j++;
			if (j == n && n < cap)
				out[n++] = all[i];
		}
	}
	return n;
}

static void evidence(FILE *f, const struct kb *kb, const struct verdict *v, bool page)
{
	const struct kb_claim *list[256];
	size_t n = cited(v, list, 256);
	fprintf(f, page ? "<h3>Evidence: measured and published</h3>\n"
			: "<h2 id=\"evidence\">Evidence: measured and published</h2>\n");
	if (kb->measured) {
		fprintf(
		    f, "<p>Figures of kind <em>measured</em> come from <code>verdict lab</code>, ");
		esc(f, kb->measured->title);
		fprintf(f, "; they replace the published evidence for ");
		esc(f, kb->measured_criteria);
		fprintf(f,
			". The rest is published in the sources or marked as an assumption.</p>\n");
	} else {
		fprintf(f,
			"<p>No measurements from this machine were given, so every figure below is "
			"published in the sources or marked as an assumption. <code>verdict "
			"lab</code> measurements, given with <code>--evidence</code>, replace "
			"published figures.</p>\n");
	}
	fprintf(f, "<table class=\"evidence\"><tr><th>claim</th><th>figure</th><th>kind</th>"
		   "<th>what it says</th><th>source</th></tr>\n");
	for (size_t i = 0; i < n; i++) {
		const struct kb_claim *c = list[i];
		char fig[96];
		kb_claim_figure(c, fig, sizeof fig);
		if (page) {
			fprintf(f, "<tr><td><code>");
		} else {
			fprintf(f, "<tr id=\"claim-");
			esc(f, c->id);
			fprintf(f, "\"><td><code>");
		}
		esc(f, c->id);
		fprintf(f, "</code></td><td>");
		esc(f, fig);
		fprintf(f, "</td><td>%s</td><td>", kb_evidence_kind(c));
		esc(f, c->says);
		fprintf(f, "</td><td>");
		if (c->source->url) {
			fprintf(f, "<a href=\"");
			esc(f, c->source->url);
			fprintf(f, "\">");
			esc(f, c->source->title);
			fprintf(f, "</a>");
		} else {
			esc(f, c->source->title);
		}
		fprintf(f, " <span class=\"muted\">(");
		esc(f, c->source->by);
		fprintf(f, ", ");
		esc(f, c->source->date);
		fprintf(f, "; seed ");
		esc(f, c->source->seed);
		if (c->via) {
			fprintf(f, "; citing ");
			esc(f, c->via);
		}
		fprintf(f, ")</span></td></tr>\n");
	}
	fprintf(f, "</table>\n");
}

/* How often a system's answer held (render_system_sure), escaped, as a sentence: a capital
 * first and a full stop after. */
static void system_sure(FILE *f, const struct verdict *v)
{
	char s[200];
	render_system_sure(v, s, sizeof s);
	sentence_start(f, s);
	fputc('.', f);
}

/* The report; `page`: inside the web page's summary (no title, no page-wide ids, headings one
 * level down). */
static void report(FILE *f, const struct kb *kb, const struct verdict *v, const char *title,
		   bool page)
{
	const char *h2 = page ? "h3" : "h2";
	if (!page) {
		fprintf(f, "<h1>Go or Rust: ");
		esc(f, title);
		fprintf(f, "</h1>\n");
	}
	decision_body(f, kb, &v->overall, v->ncomponents == 0, v->ncomponents > 0, page);
	if (v->ncomponents) {
		if (v->has_system_probability) {
			fprintf(f, "<h3>How sure</h3>\n<p>");
			system_sure(f, v);
			fprintf(f, "</p>\n");
		}
		fprintf(f,
			"<%s id=\"%scomponents\">Components</%s>\n<table><tr><th>component</th>"
			"<th>building</th><th>verdict</th><th>margin</th><th>leader wins</th>"
			"<th>close call</th></tr>\n",
			h2, page ? "report-" : "", h2);
		for (size_t i = 0; i < v->ncomponents; i++) {
			const struct decision *d = &v->components[i];
			double p = d->verdict <= VERDICT_RUST ? d->win_probability[d->verdict]
				   : d->verdict == VERDICT_EITHER
				       ? fmax(d->win_probability[0], d->win_probability[1])
				       : d->win_probability[d->verdict];
			char answer[64] = "";
			if (d->in_system == d->verdict)
				snprintf(answer, sizeof answer, "%s", verdict_name(d->verdict));
			else
				verdict_part_title(d->verdict, d->in_system, answer, sizeof answer);
			fprintf(f, "<tr><td><a href=\"#%scomponent-%zu\">", page ? "report-" : "",
				i);
			esc(f, d->name);
			fprintf(f,
				"</a></td><td>%s</td><td>%s</td><td class=\"num\">%.2f</td>"
				"<td class=\"num\">%.1f%%</td><td>%s</td></tr>\n",
				d->building, answer, d->margin, 100 * p,
				d->close_call ? "yes" : "no");
		}
		fprintf(f, "</table>\n");
		for (size_t i = 0; i < v->ncomponents; i++) {
			fprintf(f, "<%s id=\"%scomponent-%zu\">Component: ", h2,
				page ? "report-" : "", i);
			esc(f, v->components[i].name);
			fprintf(f, " <span class=\"muted\">(%s)</span></%s>\n",
				v->components[i].building, h2);
			decision_body(f, kb, &v->components[i], true, false, page);
		}
	}
	evidence(f, kb, v, page);
	fprintf(f,
		"<p class=\"muted\">knowledge base %s · %zu claims from %zu sources · "
		"generated by verdict</p>\n",
		kb->version, kb->nclaims, kb->nsources);
}

void render_html_body(FILE *f, const struct kb *kb, const struct verdict *v, const char *title)
{
	report(f, kb, v, title, false);
}

/* The win probability of what the decision says, as a sentence. */
static void how_sure(FILE *f, const struct verdict *v)
{
	const struct decision *d = &v->overall;
	if (v->ncomponents && v->has_system_probability) {
		fprintf(f, "<p class=\"sure\">");
		system_sure(f, v);
		fprintf(f, "</p>\n");
		return;
	}
	if (d->samples <= 0)
		return;
	if (d->verdict == VERDICT_PYTHON || d->verdict == VERDICT_KEEP) {
		fprintf(f, "<p class=\"sure\">");
		outright_sure(f, d);
		fprintf(f, "%s.</p>\n", d->close_call ? ": <strong>a close call</strong>" : "");
		return;
	}
	char n[32], a[16], b[16];
	num_grouped((double)d->samples, n, sizeof n);
	fprintf(f, "<p class=\"sure\">Go leads in ");
	esc(f, num_percent(d->win_probability[VERDICT_GO], a, sizeof a));
	fprintf(f, ", Rust in ");
	esc(f, num_percent(d->win_probability[VERDICT_RUST], b, sizeof b));
	fprintf(f, " of %s samples%s.</p>\n", n,
		d->close_call ? ": <strong>a close call</strong>" : "");
}

void render_html_summary(FILE *f, const struct kb *kb, const struct verdict *v, const char *title)
{
	const struct decision *d = &v->overall;
	fprintf(f, "<article class=\"answer\">\n<p class=\"answer-for\">");
	esc(f, title);
	fprintf(f, "</p>\n<p class=\"answer-verdict\">");
	verdict_words(f, d, "verdict-big", true);
	fprintf(f, "</p>\n");
	how_sure(f, v);
	if (v->ncomponents) {
		fprintf(f, "<ul class=\"parts\">\n");
		for (size_t i = 0; i < v->ncomponents; i++) {
			fprintf(f, "<li>");
			esc(f, v->components[i].name);
			fprintf(f, ": ");
			verdict_words(f, &v->components[i], "pick", false);
			fprintf(f, "</li>\n");
		}
		fprintf(f, "</ul>\n");
	}
	fprintf(f, "<h3>Why</h3>\n");
	reason_list(f, d->reasons, d->nreasons, 3, true);
	if (d->nagainst && d->verdict <= VERDICT_RUST) {
		fprintf(f, "<h3>What speaks for %s</h3>\n", lang_title(lang_other(d->leader)));
		reason_list(f, d->against, d->nagainst, 2, true);
	}
	const struct flip *flips[3];
	size_t nflips = render_short_flips(d, flips, 3);
	if (nflips) {
		fprintf(f, "<h3>What would change it</h3>\n<ul class=\"flips\">\n");
		for (size_t i = 0; i < nflips; i++) {
			fprintf(f, "<li>");
			esc(f, flips[i]->text);
			fprintf(f, "</li>\n");
		}
		fprintf(f, "</ul>\n");
	}
	if (d->has_costs) {
		const struct estimate *g = &d->costs.usd[COST_TOTAL][LANG_GO],
				      *r = &d->costs.usd[COST_TOTAL][LANG_RUST];
		fprintf(f, "<p class=\"cost-line\">A year, averaged over %d years: Go ",
			d->costs.years);
		money(f, g);
		fprintf(f, ", Rust ");
		money(f, r);
		fprintf(f, ".</p>\n");
	}
	fprintf(f, "<details class=\"report\"><summary>The full report: every reason, the "
		   "criteria, the costs and the sources</summary>\n");
	report(f, kb, v, "", true);
	fprintf(f, "</details>\n</article>\n");
}

void render_html(FILE *f, const struct kb *kb, const struct verdict *v, const char *title)
{
	const struct embedded_file *css =
	    embedded_find(web_embedded_files, web_embedded_count, "style.css");
	fprintf(f, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>verdict: ");
	esc(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css ? css->data : "");
	render_html_body(f, kb, v, title);
	fprintf(f, "</body>\n</html>\n");
}
