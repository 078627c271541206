/*
 * page — the web page's sections (see page.h). The page's text is index.html; what it says about
 * Go and Rust comes from here, where every sentence is a claim's own words or an engine verdict,
 * each cited. The at-a-glance table, the headline's tally and the 30-second answers all come
 * from one pass of the engine over every project kind (struct glance), so they cannot disagree.
 */
#include "page.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "engine.h"
#include "label.h"
#include "learn.h"
#include "num.h"
#include "profile.h"
#include "quick.h"
#include "render.h"
#include "svg.h"

#define esc svg_escape

/* The claims the page's own sentences rest on (test_web checks the KB holds them). */
#define CLAIM_HEADLINE	  "s000-headline"	     /* seed 000's headline */
#define CLAIM_ROLES	  "s000-go-roles-3-4x"	     /* the practical argument for a project */
#define CLAIM_ONE_SERVICE "s000-rewrite-one-service" /* already shipping: rewrite one part */

static const char *const verdict_class[] = {"go", "rust", "either", "python", "keep", "hybrid"};
static const char *const verdict_word[] = {"Go",	   "Rust", "Either",
					   "Python first", "Keep", "Hybrid"};

/* --- small pieces ----------------------------------------------------------------------------- */

/* A citation: the claim's id, linking to the evidence browser showing it. */
static void cite(FILE *f, const struct kb_claim *c)
{
	if (!c)
		return;
	fprintf(f, " <a class=\"cite\" href=\"/evidence?q=");
	esc(f, c->id); /* ids are a-z, 0-9, '-', '.', '_': nothing to encode */
	fprintf(f, "\">");
	esc(f, c->id);
	fprintf(f, "</a>");
}

static void pick(FILE *f, enum verdict_kind v, const char *extra)
{
	fprintf(f, "<span class=\"pick %s\">%s%s</span>", verdict_class[v], verdict_word[v],
		extra ? extra : "");
}

/* A source's title, linked to it when it has an address. */
static void source_title(FILE *f, const struct kb_source *s)
{
	if (s->url) {
		fprintf(f, "<a href=\"");
		esc(f, s->url);
		fprintf(f, "\">");
	}
	esc(f, s->title);
	if (s->url)
		fprintf(f, "</a>");
}

/* A claim as a sentence with its citation. */
static void claim_line(FILE *f, const struct kb_claim *c)
{
	esc(f, c->says);
	cite(f, c);
}

/* A list of n claims, each with its citation. */
static void claim_items(FILE *f, const struct kb_claim *const *claims, size_t n)
{
	fprintf(f, "<ul>\n");
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<li>");
		claim_line(f, claims[i]);
		fprintf(f, "</li>\n");
	}
	fprintf(f, "</ul>\n");
}

/* A paragraph of one claim (nothing when the KB lacks it), then `tail` (HTML, may be NULL). */
static void claim_paragraph(FILE *f, const struct kb_claim *c, const char *tail)
{
	if (!c)
		return;
	fprintf(f, "<p>");
	claim_line(f, c);
	fprintf(f, "%s</p>\n", tail ? tail : "");
}

static void usd(FILE *f, double v)
{
	char buf[40];
	fprintf(f, "$%s", num_grouped(v, buf, sizeof buf));
}

/* "$12,345 ($5,000–$20,000)": an estimate with its range. */
static void usd_range(FILE *f, const struct estimate *e)
{
	usd(f, e->mid);
	if (e->high > e->low) {
		fprintf(f, " <span class=\"range\">(");
		usd(f, e->low);
		fprintf(f, "–");
		usd(f, e->high);
		fprintf(f, ")</span>");
	}
}

static void percent(FILE *f, double share)
{
	char buf[16];
	esc(f, num_percent(share, buf, sizeof buf));
}

/* 13509592 -> "13.5 M", 80226 -> "80.2 K". */
static void short_number(FILE *f, double v)
{
	if (v >= 1e6)
		fprintf(f, "%.3g M", v / 1e6);
	else if (v >= 1e4)
		fprintf(f, "%.3g K", v / 1e3);
	else
		fprintf(f, "%.3g", v);
}

/* --- one pass of the engine over every kind --------------------------------------------------- */

struct glance_row {
	const char *kind;
	const char *label;
	bool glance;
	enum verdict_kind verdict;
	const struct kb_claim *claim[2]; /* what the why cites */
	char why[2 * ENGINE_REASON_LEN + 16];
};

struct glance {
	struct glance_row *rows;
	size_t n;
	int count[VERDICT_HYBRID + 1]; /* kinds per verdict, team new to both */
	int own_go, own_rust;	       /* kinds where a Go (Rust) team gets its own language */
};

/* Whether the cost model ties claim c to other kinds than kind (seed 002's operator memory):
 * such a claim does not explain a verdict on this kind. */
static bool tied_elsewhere(const struct kb *kb, const struct kb_claim *c, int kind)
{
	const struct kb_cost_model *cm = &kb->cost_model;
	for (size_t i = 0; i < cm->nmemory_ratio; i++)
		if ((cm->memory_ratio[i][0] == c || cm->memory_ratio[i][1] == c) &&
		    cm->memory_ratio_kinds[i] && !(cm->memory_ratio_kinds[i] >> kind & 1))
			return true;
	return false;
}

static const struct reason *fitting(const struct kb *kb, const struct reason *r, size_t n, int kind)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].claim && !tied_elsewhere(kb, r[i].claim, kind))
			return &r[i];
	return NULL;
}

/* Why the verdict on a kind: the kind's own claim when it says the same, else the engine's
 * strongest reason that speaks for this kind (for "either", one for each language). */
static void glance_why(const struct kb *kb, const struct kb_kind *k, int kind,
		       const struct decision *d, struct glance_row *row)
{
	static const enum lang says_for[] = {LANG_GO,	  LANG_RUST, LANG_BOTH,
					     LANG_PYTHON, LANG_NONE, LANG_BOTH};
	if (k->claim->lang == says_for[d->verdict]) {
		snprintf(row->why, sizeof row->why, "%s", k->claim->says);
		row->claim[0] = k->claim;
		return;
	}
	const struct reason *a = fitting(kb, d->reasons, d->nreasons, kind);
	const struct reason *b =
	    d->verdict == VERDICT_EITHER ? fitting(kb, d->against, d->nagainst, kind) : NULL;
	if (a && b)
		snprintf(row->why, sizeof row->why, "%s: %s. %s: %s", lang_title(d->leader),
			 a->text, lang_title(lang_other(d->leader)), b->text);
	else if (a)
		snprintf(row->why, sizeof row->why, "%s", a->text);
	row->claim[0] = a ? a->claim : NULL;
	row->claim[1] = b ? b->claim : NULL;
}

static int decide_kind(const struct kb *kb, const char *kind, const char *team, struct decision *d,
		       struct err *e)
{
	struct profile *p = quick_profile(kb, kind, team, "none", e);
	int rc = p ? engine_decide_one(kb, p, d, e) : -1;
	profile_free(p);
	return rc;
}

static void glance_free(struct glance *g)
{
	free(g->rows);
	memset(g, 0, sizeof *g);
}

static int glance_compute(const struct kb *kb, struct glance *g, struct err *e)
{
	memset(g, 0, sizeof *g);
	const char *const *kinds = profile_field(F_BUILDING)->values;
	size_t n = 0;
	while (kinds[n])
		n++;
	g->rows = calloc(n, sizeof *g->rows);
	struct decision *d = malloc(sizeof *d);
	if (!g->rows || !d) {
		free(d);
		glance_free(g);
		return err_internal(e, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const struct kb_kind *k = kb_kind(kb, kinds[i]);
		struct glance_row *row = &g->rows[g->n];
		if (!k || decide_kind(kb, kinds[i], "neither", d, e) != 0)
			goto fail;
		row->kind = kinds[i];
		row->label = kb_kind_title(kb, kinds[i]);
		row->glance = k->glance;
		row->verdict = d->verdict;
		glance_why(kb, k, (int)i, d, row);
		g->count[d->verdict]++;
		g->n++;
		if (decide_kind(kb, kinds[i], "go", d, e) != 0)
			goto fail;
		g->own_go += d->verdict == VERDICT_GO;
		if (decide_kind(kb, kinds[i], "rust", d, e) != 0)
			goto fail;
		g->own_rust += d->verdict == VERDICT_RUST;
	}
	free(d);
	return 0;
fail:
	free(d);
	glance_free(g);
	if (e->kind == ERR_NONE)
		err_internal(e, "a project kind has no entry in the knowledge base");
	return -1;
}

/* --- the sections ----------------------------------------------------------------------------- */

struct section_ctx {
	const struct page_ctx *page;
	const struct kb *kb;
	struct glance glance;
};

typedef int (*section_fn)(FILE *f, struct section_ctx *s, const char *arg, struct err *e);

static int headline(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	const struct kb_claim *h = kb_claim(s->kb, CLAIM_HEADLINE);
	const struct glance *g = &s->glance;
	fprintf(f, "<h1 id=\"top\">");
	esc(f, h ? h->says : "Go or Rust?");
	fprintf(f, "</h1>\n<p class=\"lede\">For a team new to both, the engine picks ");
	pick(f, VERDICT_GO, NULL);
	fprintf(f, " for %d of %zu kinds of project, ", g->count[VERDICT_GO], g->n);
	pick(f, VERDICT_RUST, NULL);
	fprintf(f,
		" for %d, either for %d and Python first for %d. A team that already writes Go "
		"gets Go for %d of them; one that writes Rust gets Rust for %d.",
		g->count[VERDICT_RUST], g->count[VERDICT_EITHER], g->count[VERDICT_PYTHON],
		g->own_go, g->own_rust);
	cite(f, h);
	fprintf(f, "</p>\n");
	return 0;
}

static void glance_rows(FILE *f, const struct glance *g, bool first)
{
	for (size_t i = 0; i < g->n; i++) {
		const struct glance_row *r = &g->rows[i];
		if (r->glance != first)
			continue;
		fprintf(f, "<tr data-kind=\"");
		esc(f, r->kind);
		fprintf(f, "\"><th scope=\"row\">");
		esc(f, r->label);
		fprintf(f, "</th><td>");
		pick(f, r->verdict, NULL);
		fprintf(f, "</td><td>");
		esc(f, r->why);
		cite(f, r->claim[0]);
		cite(f, r->claim[1]);
		fprintf(f, "</td></tr>\n");
	}
}

static int glance_table(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	static const char head[] =
	    "<thead><tr><th scope=\"col\">If you are building</th>"
	    "<th scope=\"col\">Pick</th><th scope=\"col\">Why</th></tr></thead>\n";
	size_t rest = 0;
	for (size_t i = 0; i < s->glance.n; i++)
		rest += !s->glance.rows[i].glance;
	fprintf(f, "<table class=\"glance\" id=\"usecases\">\n%s<tbody>\n", head);
	glance_rows(f, &s->glance, true);
	fprintf(f,
		"</tbody>\n</table>\n<details class=\"more\"><summary>The other %zu kinds of "
		"project</summary>\n<table class=\"glance\" id=\"usecases-more\">\n%s<tbody>\n",
		rest, head);
	glance_rows(f, &s->glance, false);
	fprintf(f, "</tbody>\n</table>\n</details>\n");
	return 0;
}

static void option(FILE *f, const char *value, const char *label, bool selected)
{
	fprintf(f, "<option value=\"");
	esc(f, value);
	fprintf(f, "\"%s>", selected ? " selected" : "");
	esc(f, label);
	fprintf(f, "</option>");
}

/* @kind-options [SELECTED]: every project kind, by its label. */
static int kind_options(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)e;
	const char *const *kinds = profile_field(F_BUILDING)->values;
	for (size_t i = 0; kinds[i]; i++)
		option(f, kinds[i], kb_kind_title(s->kb, kinds[i]),
		       arg && strcmp(arg, kinds[i]) == 0);
	return 0;
}

/* @quick-options QUESTION [SELECTED]: the answers the KB knows to team or constraint. */
static int quick_options(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	char question[32] = "";
	const char *sel = arg ? strchr(arg, ' ') : NULL;
	snprintf(question, sizeof question, "%.*s", sel ? (int)(sel - arg) : 31, arg ? arg : "");
	sel = sel ? sel + 1 : "";
	size_t shown = 0;
	for (size_t i = 0; i < s->kb->npresets; i++) {
		const struct kb_preset *p = &s->kb->presets[i];
		if (strcmp(p->question, question) != 0)
			continue;
		option(f, p->id, p->label, strcmp(p->id, sel) == 0);
		shown++;
	}
	return shown
		   ? 0
		   : err_input(e, "index.html", 0, "@quick-options: no answers to '%s'", question);
}

/* What a profile that gives no merges a day assumes, into buf: "blank: 2 per engineer". */
static const char *merges_hint(char *buf, size_t size)
{
	struct profile *p = profile_new();
	char n[16];
	if (!p)
		snprintf(buf, size, "blank: the default");
	else {
		profile_derive(p);
		snprintf(buf, size, "blank: %s per engineer",
			 num_format(p->v[F_CI_MERGES_PER_DAY] / p->v[F_TEAM_SIZE], n, sizeof n));
	}
	profile_free(p);
	return buf;
}

/* The claim the cost model prices field f from when the profile leaves it blank, or NULL. */
static const struct kb_claim *price_claim(const struct kb *kb, enum field f)
{
	const struct kb_cost_model *cm = &kb->cost_model;
	if (!cm->loaded)
		return NULL;
	return f == F_COSTS_ENGINEER_HOUR_USD	  ? cm->engineer_hour
	       : f == F_COSTS_CI_MINUTE_USD	  ? cm->ci_minute
	       : f == F_COSTS_MEMORY_GB_MONTH_USD ? cm->memory_gb_month
						  : NULL;
}

/* @field NAME: a labelled control for a profile field; left empty, the profile's default holds
 * (and the field counts as not given, as when a YAML file leaves it out). */
static int field_control(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	int fi = arg ? profile_field_lookup(arg) : -1;
	if (fi < 0)
		return err_input(e, "index.html", 0, "@field: unknown profile field '%s'",
				 arg ? arg : "");
	const struct field_info *info = profile_field((enum field)fi);
	struct profile *p = profile_new();
	if (!p)
		return err_internal(e, "out of memory");
	char def[32];
	profile_format(p, (enum field)fi, def, sizeof def);
	fprintf(f, "<div class=\"field\"><label for=\"pf-%s\">", info->name);
	esc(f, label_field((enum field)fi));
	if (info->type == FT_NUMBER || info->type == FT_INT) {
		fprintf(f,
			"</label><input id=\"pf-%s\" name=\"%s\" type=\"number\" inputmode=\"%s\" "
			"step=\"%s\"",
			info->name, info->name, info->type == FT_INT ? "numeric" : "decimal",
			info->type == FT_INT ? "1" : "any");
		if (!isnan(p->v[fi]))
			fprintf(f, " placeholder=\"%s\"", def);
		fprintf(f, "><span class=\"hint\">");
		if (info->unit)
			esc(f, info->unit);
		const struct kb_claim *price = price_claim(s->kb, (enum field)fi);
		if (price) {
			char fig[64];
			fprintf(f, "%sblank: ", info->unit ? "; " : "");
			esc(f, kb_claim_figure(price, fig, sizeof fig));
			cite(f, price);
		} else if (fi == F_CI_MERGES_PER_DAY) {
			char hint[48];
			fprintf(f, "%s%s", info->unit ? "; " : "", merges_hint(hint, sizeof hint));
		} else {
			fprintf(f, "%sblank: the default", info->unit ? "; " : "");
		}
		fprintf(f, "</span>");
	} else if (info->type == FT_BOOL) {
		fprintf(f,
			"</label><input id=\"pf-%s\" name=\"%s\" type=\"checkbox\" value=\"true\">",
			info->name, info->name);
	} else {
		fprintf(f, "</label><select id=\"pf-%s\" name=\"%s\">", info->name, info->name);
		for (size_t i = 0; info->values && info->values[i]; i++)
			option(f, info->values[i],
			       fi == F_BUILDING ? kb_kind_title(s->kb, info->values[i])
						: label_value((enum field)fi, info->values[i]),
			       strcmp(info->values[i], def) == 0);
		fprintf(f, "</select>");
	}
	fprintf(f, "</div>\n");
	profile_free(p);
	return 0;
}

/* @reuse-options: the languages a reuses entry can name. */
static int reuse_options(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)s;
	(void)arg;
	(void)e;
	option(f, "", "nothing in particular", true);
	for (int i = 0; profile_reuse_language(i); i++)
		option(f, profile_reuse_language(i), label_language(profile_reuse_language(i)),
		       false);
	return 0;
}

/* --- the 30-second answers -------------------------------------------------------------------- */

static void kinds_with(FILE *f, const struct glance *g, enum verdict_kind v)
{
	fprintf(f, "<li>");
	pick(f, v, NULL);
	fprintf(f, " <span class=\"chips\">");
	for (size_t i = 0; i < g->n; i++)
		if (g->rows[i].verdict == v) {
			fprintf(f, "<span class=\"chip\">");
			esc(f, g->rows[i].label);
			fprintf(f, "</span> ");
		}
	fprintf(f, "</span></li>\n");
}

static void reason_items(FILE *f, const struct reason *r, size_t n, size_t max)
{
	fprintf(f, "<ul class=\"reasons\">\n");
	for (size_t i = 0; i < n && i < max; i++) {
		fprintf(f, "<li>");
		esc(f, r[i].text);
		cite(f, r[i].claim);
		fprintf(f, "</li>\n");
	}
	fprintf(f, "</ul>\n");
}

/* A shipping example: what the engine says about a profile given as YAML text. */
static int shipping_example(FILE *f, const struct kb *kb, const char *yaml, const char *what,
			    struct err *e)
{
	struct profile *p = profile_parse("example", yaml, strlen(yaml), e);
	struct decision *d = p ? malloc(sizeof *d) : NULL;
	int rc = d ? engine_decide_one(kb, p, d, e) : -1;
	if (p && !d)
		err_internal(e, "out of memory");
	if (rc == 0) {
		fprintf(f, "<li><span class=\"example\">%s</span> ", what);
		pick(f, d->verdict, NULL);
		if (d->nreasons) {
			fprintf(f, " ");
			esc(f, d->reasons[0].text);
			cite(f, d->reasons[0].claim);
		}
		fprintf(f, "</li>\n");
	}
	free(d);
	profile_free(p);
	return rc;
}

static void select_open(FILE *f, const char *id, const char *name, const char *label)
{
	fprintf(f,
		"<div class=\"field\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">",
		id, label, id, name);
}

static int answers(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	const struct kb *kb = s->kb;
	const struct glance *g = &s->glance;
	struct engine_options o = engine_defaults();
	o.samples = s->page->samples;
	struct verdict v;
	if (learn_decide(kb, "none", "jobs", &o, &v, e) != 0)
		return -1;
	fprintf(f,
		"<article class=\"card\" id=\"answer-beginner\">\n<h3>If you are a beginner</h3>\n"
		"<p class=\"answer-line\">Learn ");
	pick(f, v.overall.verdict, NULL);
	fprintf(f, " first.</p>\n");
	reason_items(f, v.overall.reasons, v.overall.nreasons, 3);
	verdict_free(&v);
	fprintf(f, "<form class=\"small-form\" method=\"post\" action=\"/learn\" "
		   "data-result=\"#learn-result\">\n");
	select_open(f, "learn-background", "background", "You know");
	const struct field_info *bg = profile_field(F_TEAM_BACKGROUND);
	for (size_t i = 0; bg->values[i]; i++)
		if (strcmp(bg->values[i], "mixed") != 0)
			option(f, bg->values[i],
			       strcmp(bg->values[i], "none") == 0
				   ? "no language yet"
				   : label_value(F_TEAM_BACKGROUND, bg->values[i]),
			       i == 0);
	fprintf(f, "</select></div>\n");
	select_open(f, "learn-goal", "goal", "You want");
	for (size_t i = 0; i < kb->nlearn_goals; i++) {
		const char *says = kb->learn_goals[i].says;
		option(f, kb->learn_goals[i].id,
		       says && strncmp(says, "you want ", 9) == 0 ? says + 9
								  : kb->learn_goals[i].id,
		       i == 0);
	}
	fprintf(f,
		"</select></div>\n<button type=\"submit\">What should I learn?</button>\n"
		"</form>\n<div id=\"learn-result\" class=\"result\" aria-live=\"polite\"></div>\n"
		"</article>\n");

	fprintf(f, "<article class=\"card\" id=\"answer-project\">\n<h3>If you are picking for a "
		   "project</h3>\n<p>What the engine picks for a team new to both, kind by "
		   "kind:</p>\n<ul class=\"by-verdict\">\n");
	for (int k = VERDICT_GO; k <= VERDICT_HYBRID; k++)
		if (g->count[k])
			kinds_with(f, g, (enum verdict_kind)k);
	fprintf(f, "</ul>\n");
	claim_paragraph(f, kb_claim(kb, CLAIM_ROLES), NULL);
	fprintf(f, "<p><a href=\"#quick\">Answer the three questions</a> for your project.</p>\n"
		   "</article>\n");

	fprintf(f, "<article class=\"card\" id=\"answer-shipping\">\n<h3>If you are already "
		   "shipping</h3>\n<ul class=\"examples\">\n");
	if (shipping_example(f, kb,
			     "{building: web-service, stage: shipping, current_language: go}",
			     "A Go web service that works:", e) != 0 ||
	    shipping_example(f, kb,
			     "{building: cache, stage: shipping, current_language: go, pain: "
			     "gc-pauses}",
			     "A Go cache with GC pauses:", e) != 0)
		return -1;
	fprintf(f, "</ul>\n");
	claim_paragraph(f, kb_claim(kb, CLAIM_ONE_SERVICE),
			" <a href=\"#cases\">The case studies</a>.");
	fprintf(f, "<form class=\"small-form\" method=\"post\" action=\"/decide\" "
		   "data-result=\"#shipping-result\">\n<input type=\"hidden\" name=\"stage\" "
		   "value=\"shipping\">\n");
	select_open(f, "ship-building", "building", "It is a");
	(void)kind_options(f, s, "web-service", e);
	fprintf(f, "</select></div>\n");
	select_open(f, "ship-language", "current_language", "Written in");
	const struct field_info *cur = profile_field(F_CURRENT_LANGUAGE);
	for (size_t i = 1; cur->values[i]; i++)
		option(f, cur->values[i], label_value(F_CURRENT_LANGUAGE, cur->values[i]), i == 1);
	fprintf(f, "</select></div>\n");
	select_open(f, "ship-pain", "pain", "What hurts");
	const struct field_info *pain = profile_field(F_PAIN);
	for (size_t i = 0; pain->values[i]; i++)
		option(f, pain->values[i], label_value(F_PAIN, pain->values[i]), i == 0);
	fprintf(
	    f, "</select></div>\n<button type=\"submit\">Keep it or rewrite it?</button>\n"
	       "</form>\n<div id=\"shipping-result\" class=\"result\" aria-live=\"polite\"></div>\n"
	       "</article>\n");
	return 0;
}

static bool contains(const char *hay, const char *needle);

/* --- throughput: published and measured ------------------------------------------------------- */

/* One bar of an HTML bar chart: width in percent of the chart's largest value. */
static void bar(FILE *f, const char *cls, const char *label, double value, double max,
		const char *unit, const struct kb_claim *c)
{
	fprintf(f, "<div class=\"bar-row %s\"><span class=\"bar-label\">", cls);
	esc(f, label);
	cite(f, c);
	fprintf(f,
		"</span><span class=\"bar-track\"><span class=\"bar-fill\" style=\"width:%.1f%%\">"
		"</span></span><span class=\"bar-value\">",
		max > 0 ? fmax(0.5, 100 * value / max) : 0);
	short_number(f, value);
	fprintf(f, " %s</span></div>\n", unit);
}

/* Rust's advantage on a log2 axis from Go 128x better (0%) to Rust 128x better (100%). */
static double advantage_pos(double x)
{
	double l = log2(fmax(x, 1e-9));
	return fmin(100, fmax(0, 50 + 50 * l / 7));
}

static void advantage_words(FILE *f, double lo, double hi)
{
	if (lo >= 1 || hi <= 1) {
		const char *who = lo >= 1 ? "Rust" : "Go";
		double a = lo >= 1 ? lo : 1 / hi, b = lo >= 1 ? hi : 1 / lo;
		if (fabs(a - b) < 0.05 * a)
			fprintf(f, "%s %.2gx better", who, a);
		else
			fprintf(f, "%s %.2g–%.2gx better", who, a, b);
	} else {
		fprintf(f, "Go %.2gx to Rust %.2gx better", 1 / lo, hi);
	}
}

/* A row of the published-against-measured chart: the articles' range as a band, this machine's
 * figure as a mark (absent when measured is 0). */
static void advantage_row(FILE *f, const char *name, double pub_lo, double pub_hi, double measured,
			  const char *finding)
{
	fprintf(f, "<div class=\"adv-row\"><span class=\"adv-name\">");
	esc(f, name);
	fprintf(f, "</span><span class=\"adv-track\" aria-hidden=\"true\"><span class=\"adv-even\">"
		   "</span>");
	double a = advantage_pos(pub_lo), b = advantage_pos(pub_hi);
	fprintf(f, "<span class=\"adv-band\" style=\"left:%.1f%%;width:%.1f%%\"></span>", a,
		fmax(1, b - a));
	if (measured > 0)
		fprintf(f, "<span class=\"adv-mark %s\" style=\"left:%.1f%%\"></span>",
			measured >= 1 ? "rust" : "go", advantage_pos(measured));
	fprintf(f, "</span><span class=\"adv-words\">the articles: ");
	advantage_words(f, pub_lo, pub_hi);
	if (measured > 0) {
		fprintf(f, "; this machine: <strong>");
		advantage_words(f, measured, measured);
		fprintf(f, "</strong>");
	}
	if (finding && *finding) {
		fprintf(f, " <span class=\"finding\">(");
		esc(f, finding);
		fprintf(f, ")</span>");
	}
	fprintf(f, "</span></div>\n");
}

static void advantage_axis(FILE *f)
{
	fprintf(f, "<div class=\"adv-axis\" aria-hidden=\"true\"><span>Go 128x</span><span>Go 8x"
		   "</span><span>even</span><span>Rust 8x</span><span>Rust 128x</span></div>\n");
}

static double number_at(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);
	if (b)
		v = json_object_get(v, b);
	return json_is_number(v) ? json_number_value(v) : 0;
}

/* This machine's side, from `verdict lab` results: the throughput the lab measured, then every
 * measure the articles give a ratio for, published against measured, with the lab's finding. */
static void measured(FILE *f, const struct kb *kb, const char *results)
{
	json_t *r = json_loads(results, 0, NULL);
	const json_t *list = json_object_get(r, "measures");
	const char *host =
	    json_string_value(json_object_get(json_object_get(r, "machine"), "host"));
	const char *started = json_string_value(json_object_get(r, "started"));
	const json_t *tc = json_object_get(r, "toolchains");
	const char *go = json_string_value(json_object_get(json_object_get(tc, "go"), "version"));
	const char *rust =
	    json_string_value(json_object_get(json_object_get(tc, "rustc"), "version"));
	fprintf(f, "<figcaption><strong>This machine</strong>: measured by <code>verdict lab</code>"
		   " on ");
	esc(f, host ? host : "an unnamed machine");
	fprintf(f, ", %.10s, ", started ? started : "");
	esc(f, go ? go : "Go");
	fprintf(f, ", ");
	esc(f, rust ? rust : "Rust");
	fprintf(f, "; responses a second</figcaption>\n<div class=\"bars\" id=\"lab-bars\">\n");
	size_t i;
	const json_t *m;
	double max = 0;
	json_array_foreach(list, i, m)
	{
		const char *unit = json_string_value(json_object_get(m, "unit"));
		if (unit && strcmp(unit, "req/s") == 0)
			max = fmax(max, fmax(number_at(m, "go", "median"),
					     number_at(m, "rust", "median")));
	}
	json_array_foreach(list, i, m)
	{
		const char *unit = json_string_value(json_object_get(m, "unit"));
		const char *name = json_string_value(json_object_get(m, "name"));
		if (!unit || strcmp(unit, "req/s") != 0 || !name)
			continue;
		char label[160];
		snprintf(label, sizeof label, "Go, %s", name);
		bar(f, "go", label, number_at(m, "go", "median"), max, "/s", NULL);
		snprintf(label, sizeof label, "Rust, %s", name);
		bar(f, "rust", label, number_at(m, "rust", "median"), max, "/s", NULL);
	}
	fprintf(f, "</div>\n<h4>Published against measured: how much better Rust does</h4>\n"
		   "<div class=\"adv\" id=\"lab-advantage\">\n");
	advantage_axis(f);
	json_array_foreach(list, i, m)
	{
		const char *id = json_string_value(json_object_get(m, "id"));
		const struct kb_measure *km = id ? kb_measure(kb, id) : NULL;
		double x = number_at(m, "rust_advantage", NULL);
		if (!km || !km->has_published || x <= 0)
			continue;
		advantage_row(f, km->name, km->published.low, km->published.high, x,
			      json_string_value(json_object_get(m, "finding")));
	}
	fprintf(f, "</div>\n");
	json_decref(r);
}

static int throughput(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	const struct kb *kb = s->kb;
	double max = 0;
	for (size_t i = 0; i < kb->nclaims; i++)
		if (kb->claims[i].unit && strcmp(kb->claims[i].unit, "responses/s") == 0)
			max = fmax(max, kb->claims[i].high);
	fprintf(f, "<div class=\"grid two\">\n<figure class=\"panel\" id=\"published\">\n"
		   "<figcaption><strong>Published: TechEmpower Round 23</strong>, responses a "
		   "second</figcaption>\n<div class=\"bars\">\n");
	const struct kb_source *src = NULL;
	for (size_t i = 0; i < kb->nclaims; i++) {
		const struct kb_claim *c = &kb->claims[i];
		if (!c->unit || strcmp(c->unit, "responses/s") != 0)
			continue;
		bar(f, c->lang == LANG_RUST ? "rust" : "go", c->label ? c->label : c->id, c->high,
		    max, "/s", c);
		src = c->source;
	}
	/* what the sources say about this round, beside its figures */
	fprintf(f, "</div>\n<ul class=\"notes\">\n");
	for (size_t i = 0; i < kb->nclaims; i++) {
		const struct kb_claim *c = &kb->claims[i];
		bool figure = c->unit && strcmp(c->unit, "responses/s") == 0;
		if (!figure && (contains(c->via, "TechEmpower") ||
				contains(c->source->title, "TechEmpower"))) {
			fprintf(f, "<li>");
			claim_line(f, c);
			fprintf(f, "</li>\n");
		}
	}
	fprintf(f, "</ul>\n");
	if (src) {
		fprintf(f, "<p class=\"source\">Figures: ");
		source_title(f, src);
		fprintf(f, "</p>\n");
	}
	fprintf(f, "</figure>\n<figure class=\"panel\" id=\"lab\">\n");
	if (s->page->evidence_json) {
		measured(f, kb, s->page->evidence_json);
	} else {
		fprintf(f,
			"<figcaption><strong>This machine</strong>: not measured yet</figcaption>\n"
			"<p>Run <code>verdict lab -o results.json</code> (Go and Rust toolchains "
			"needed), then start the page with <code>verdict serve --evidence "
			"results.json</code>: this side then shows the same tests measured here, "
			"and every verdict uses them.</p>\n<h4>What the articles claim: how much "
			"better Rust does</h4>\n<div class=\"adv\">\n");
		advantage_axis(f);
		for (size_t i = 0; i < kb->nmeasures; i++)
			if (kb->measures[i].has_published)
				advantage_row(f, kb->measures[i].name,
					      kb->measures[i].published.low,
					      kb->measures[i].published.high, 0, NULL);
		fprintf(f, "</div>\n");
	}
	fprintf(f, "</figure>\n</div>\n");
	return 0;
}

/* --- case studies and the FAQ ----------------------------------------------------------------- */

/* A claim's figure for a headline: large single values in words ("1 trillion requests/day"). */
static void headline_figure(FILE *f, const struct kb_claim *c)
{
	static const struct {
		double scale;
		const char *word;
	} words[] = {{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (c->low == c->high && c->low >= words[i].scale) {
			char n[32];
			fprintf(f, "%s %s ", num_format(c->low / words[i].scale, n, sizeof n),
				words[i].word);
			esc(f, c->unit);
			return;
		}
	char fig[96];
	esc(f, kb_claim_figure(c, fig, sizeof fig));
}

/* The distinct sources of a list of claims, linked where they have an address. */
static void sources_of(FILE *f, const struct kb_claim *const *claims, size_t n)
{
	const struct kb_source *seen[16];
	size_t ns = 0;
	fprintf(f, "<p class=\"source\">Source: ");
	for (size_t i = 0; i < n; i++) {
		const struct kb_source *s = claims[i]->source;
		size_t j = 0;
		while (j < ns && seen[j] != s)
			j++;
		if (j < ns || ns == 16)
			continue;
		seen[ns++] = s;
		fprintf(f, "%s", ns > 1 ? "; " : "");
		source_title(f, s);
		fprintf(f, " (");
		esc(f, s->by);
		fprintf(f, ")");
	}
	fprintf(f, "</p>\n");
}

static int cases(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	for (size_t i = 0; i < s->kb->ncases; i++) {
		const struct kb_case *c = &s->kb->cases[i];
		const char *cls = c->lang == LANG_GO	 ? "go"
				  : c->lang == LANG_RUST ? "rust"
							 : "either";
		fprintf(f,
			"<article class=\"card case %s\" id=\"case-%s\">\n<p class=\"case-lang\">",
			cls, c->id);
		pick(f,
		     c->lang == LANG_GO	    ? VERDICT_GO
		     : c->lang == LANG_RUST ? VERDICT_RUST
					    : VERDICT_HYBRID,
		     NULL);
		fprintf(f, "</p>\n<h3>");
		esc(f, c->who);
		fprintf(f, "</h3>\n<p class=\"case-what\">");
		esc(f, c->what);
		fprintf(f, "</p>\n");
		for (size_t j = 0; j < c->nclaims; j++)
			if (c->claims[j]->has_value) {
				fprintf(f, "<p class=\"case-figure\">");
				headline_figure(f, c->claims[j]);
				fprintf(f, "</p>\n");
				break;
			}
		size_t shown = c->nclaims < 2 ? c->nclaims : 2;
		claim_items(f, c->claims, shown);
		if (c->nclaims > shown) {
			fprintf(f, "<details class=\"more\"><summary>%zu more</summary>\n",
				c->nclaims - shown);
			claim_items(f, c->claims + shown, c->nclaims - shown);
			fprintf(f, "</details>\n");
		}
		sources_of(f, c->claims, c->nclaims);
		if (c->url) {
			fprintf(f, "<p class=\"source\"><a href=\"");
			esc(f, c->url);
			fprintf(f, "\">");
			esc(f, c->who);
			fprintf(f, "'s own write-up</a></p>\n");
		}
		fprintf(f, "</article>\n");
	}
	return 0;
}

static int faq(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	const struct kb *kb = s->kb;
	for (size_t i = 0; i < kb->nfaqs; i++) {
		const struct kb_faq *q = &kb->faqs[i];
		fprintf(f, "<details class=\"faq\" id=\"faq-%s\"><summary>", q->id);
		esc(f, q->question);
		fprintf(f, "</summary>\n<div class=\"faq-answer\">\n");
		if (q->ask_building) {
			struct profile *p =
			    quick_profile(kb, q->ask_building, q->ask_team, q->ask_constraint, e);
			struct engine_options o = engine_defaults();
			o.samples = s->page->samples;
			o.flips = false;
			o.costs = false;
			struct verdict v;
			if (!p || engine_decide(kb, p, &o, &v, e) != 0) {
				profile_free(p);
				return -1;
			}
			char title[300];
			fprintf(f, "<p class=\"faq-verdict\">The engine, for ");
			esc(f, page_quick_title(kb, q->ask_building, q->ask_team, q->ask_constraint,
						title, sizeof title));
			fprintf(f, ": ");
			pick(f, v.overall.verdict, NULL);
			if (v.overall.verdict <= VERDICT_EITHER) {
				fprintf(f, " (Go leads in ");
				percent(f, v.overall.win_probability[VERDICT_GO]);
				fprintf(f, " of samples, Rust in ");
				percent(f, v.overall.win_probability[VERDICT_RUST]);
				fprintf(f, ")");
			} else {
				fprintf(f, " (in ");
				percent(f, v.overall.win_probability[v.overall.verdict]);
				fprintf(f, " of samples)");
			}
			fprintf(f, ".</p>\n");
			verdict_free(&v);
			profile_free(p);
		}
		claim_items(f, q->claims, q->nclaims);
		sources_of(f, q->claims, q->nclaims);
		fprintf(f, "</div>\n</details>\n");
	}
	return 0;
}

/* --- the calculators -------------------------------------------------------------------------- */

/* A range input pair for a calculator figure: from/to, prefilled with the claim's range. */
static void range_inputs(FILE *f, const char *name, const char *legend, const char *unit,
			 const struct kb_claim *c)
{
	char lo[32], hi[32];
	num_format(c->low, lo, sizeof lo);
	num_format(c->high, hi, sizeof hi);
	fprintf(f,
		"<fieldset class=\"range-field\"><legend>%s <span class=\"hint\">%s</span>"
		"</legend>\n<label for=\"%s-low\">from</label><input id=\"%s-low\" "
		"name=\"calc.%s_low\" type=\"number\" step=\"any\" min=\"0\" value=\"%s\">\n"
		"<label for=\"%s-high\">to</label><input id=\"%s-high\" name=\"calc.%s_high\" "
		"type=\"number\" step=\"any\" min=\"0\" value=\"%s\">",
		legend, unit, name, name, name, lo, name, name, name, hi);
	cite(f, c);
	fprintf(f, "</fieldset>\n");
}

/* A single-value calculator input for a profile field, prefilled with value (NULL: blank, the
 * default range applies) or the hint. */
static void value_input(FILE *f, const char *id, const char *name, const char *label,
			const char *value, const char *hint, const struct kb_claim *c)
{
	fprintf(f,
		"<div class=\"field\"><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
		"type=\"number\" step=\"any\" min=\"0\"",
		id, label, id, name);
	if (value)
		fprintf(f, " value=\"%s\"", value);
	fprintf(f, "><span class=\"hint\">");
	esc(f, hint);
	cite(f, c);
	fprintf(f, "</span></div>\n");
}

static int calc_ci(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	const struct kb_cost_model *cm = &s->kb->cost_model;
	if (!cm->loaded)
		return err_input(e, "index.html", 0, "@calc-ci: the KB has no cost model");
	char hour[64], minute[32], fig[64];
	snprintf(hour, sizeof hour, "USD; blank: %s",
		 kb_claim_figure(cm->engineer_hour, fig, sizeof fig));
	num_format(cm->ci_minute->low, minute, sizeof minute);
	fprintf(f, "<form class=\"calc\" id=\"ci-form\" method=\"post\" action=\"/ci-cost\" "
		   "data-result=\"#ci-result\">\n");
	value_input(f, "ci-engineers", "team.size", "Engineers", "5", "the team that merges", NULL);
	char merges[48];
	value_input(f, "ci-merges", "ci.merges_per_day", "Merges a day", NULL,
		    merges_hint(merges, sizeof merges), NULL);
	range_inputs(f, "ci-go", "Go build", "seconds", cm->build_seconds[LANG_GO]);
	range_inputs(f, "ci-rust", "Rust build", "seconds", cm->build_seconds[LANG_RUST]);
	value_input(f, "ci-minute", "costs.ci_minute_usd", "CI minute", minute, "USD",
		    cm->ci_minute);
	value_input(f, "ci-hour", "costs.engineer_hour_usd", "Engineer hour", NULL, hour,
		    cm->engineer_hour);
	fprintf(f,
		"<button type=\"submit\">Price the builds</button>\n</form>\n<div id=\"ci-result\" "
		"class=\"result\" aria-live=\"polite\">\n");
	struct form none = {0};
	int rc = page_ci_cost(f, s->kb, &none, e);
	fprintf(f, "</div>\n");
	return rc;
}

static int calc_hiring(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	const struct kb_cost_model *cm = &s->kb->cost_model;
	if (!cm->loaded)
		return err_input(e, "index.html", 0, "@calc-hiring: the KB has no cost model");
	char hour[64], fig[64];
	snprintf(hour, sizeof hour, "USD; blank: %s",
		 kb_claim_figure(cm->engineer_hour, fig, sizeof fig));
	fprintf(f,
		"<form class=\"calc\" id=\"hiring-form\" method=\"post\" action=\"/hiring-cost\" "
		"data-result=\"#hiring-result\">\n");
	value_input(f, "hire-team", "team.size", "Team", "5", "engineers", NULL);
	value_input(f, "hire-go", "team.know_go", "Of whom write Go", "0", "engineers", NULL);
	value_input(f, "hire-rust", "team.know_rust", "Of whom write Rust", "0", "engineers", NULL);
	value_input(f, "hire-hires", "team.hires_per_year", "Hires a year", "1", "engineers", NULL);
	value_input(f, "hire-attrition", "team.attrition", "Attrition a year", "0.15",
		    "a fraction: 0.15 is 15%", NULL);
	range_inputs(f, "hire-premium", "Rust salary premium", "USD a year per engineer",
		     cm->salary_premium);
	value_input(f, "hire-hour", "costs.engineer_hour_usd", "Engineer hour", NULL, hour,
		    cm->engineer_hour);
	fprintf(
	    f,
	    "<button type=\"submit\">Price the team</button>\n</form>\n<div id=\"hiring-result\" "
	    "class=\"result\" aria-live=\"polite\">\n");
	struct form none = {0};
	int rc = page_hiring_cost(f, s->kb, &none, e);
	fprintf(f, "</div>\n");
	return rc;
}

/* A calculator's range: calc.NAME_low and calc.NAME_high, both or neither. The claim's own
 * range, as the form first shows it, sets nothing: the claim stays the figure and its source. */
static int calc_range(const struct form *fm, const char *name, const char *what,
		      const struct kb_claim *claim, struct kb_range *out, bool *set, struct err *e)
{
	char key[64];
	snprintf(key, sizeof key, "calc.%s_low", name);
	const char *lo = form_get(fm, key);
	snprintf(key, sizeof key, "calc.%s_high", name);
	const char *hi = form_get(fm, key);
	*set = false;
	if ((!lo || !*lo) && (!hi || !*hi))
		return 0;
	if (!lo || !*lo || !hi || !*hi)
		return err_input(e, NULL, 0, "%s: give both ends of the range, or neither", what);
	if (num_parse_double(lo, &out->low) != 0 || num_parse_double(hi, &out->high) != 0)
		return err_input(e, NULL, 0, "%s must be numbers, got \"%.30s\" to \"%.30s\"", what,
				 lo, hi);
	if (out->low < 0 || out->high < out->low || out->high > 1e9)
		return err_input(e, NULL, 0,
				 "%s: the range must run from a number at least 0 up to one as "
				 "large, got %s to %s",
				 what, lo, hi);
	*set = out->low != claim->low || out->high != claim->high;
	return 0;
}

/* The calculators' profile: the form's profile fields, on a web service (the kind changes no
 * CI or hiring figure). A price equal to its single-valued claim, as the form first shows it, is
 * left out, so the claim stays its source. */
static struct profile *calc_profile(const struct kb *kb, const struct form *fm, struct err *e)
{
	const struct kb_cost_model *cm = &kb->cost_model;
	const struct {
		const char *name;
		const struct kb_claim *claim;
	} prices[] = {{"costs.ci_minute_usd", cm->ci_minute},
		      {"costs.engineer_hour_usd", cm->engineer_hour},
		      {"costs.memory_gb_month_usd", cm->memory_gb_month}};
	struct form with = {.n = 0};
	for (size_t i = 0; i < fm->n; i++) {
		double v;
		bool same = false;
		for (size_t k = 0; k < sizeof prices / sizeof prices[0]; k++)
			same = same || (strcmp(fm->fields[i].name, prices[k].name) == 0 &&
					prices[k].claim->low == prices[k].claim->high &&
					num_parse_double(fm->fields[i].value, &v) == 0 &&
					v == prices[k].claim->low);
		if (!same)
			with.fields[with.n++] = fm->fields[i];
	}
	if (!form_get(fm, "building") && with.n < FORM_MAX_FIELDS) {
		with.fields[with.n].name = "building";
		with.fields[with.n].value = "web-service";
		with.n++;
	}
	char *json = form_profile_json(&with, e);
	struct profile *p = json ? profile_parse(FORM_NAME_PREFIX, json, strlen(json), e) : NULL;
	free(json);
	return p;
}

static void cost_head(FILE *f, const char *caption)
{
	fprintf(f,
		"<table class=\"costs\"><caption>%s</caption>\n<thead><tr><th scope=\"col\">A "
		"year</th><th scope=\"col\">Go</th><th scope=\"col\">Rust</th></tr></thead>\n"
		"<tbody>\n",
		caption);
}

static void cost_row(FILE *f, const char *what, const struct estimate *go,
		     const struct estimate *rust)
{
	fprintf(f, "<tr><th scope=\"row\">%s</th><td>", what);
	usd_range(f, go);
	fprintf(f, "</td><td>");
	usd_range(f, rust);
	fprintf(f, "</td></tr>\n");
}

static void cost_from(FILE *f, const struct costs *c, enum cost_item a, enum cost_item b)
{
	fprintf(f, "<p class=\"source\">From");
	for (int item = (int)a; item <= (int)b; item++)
		for (int k = 0; k < COST_MAX_FROM && c->from[item][k]; k++) {
			cite(f, c->from[item][k]);
			if (c->from[item][k]->source->assumption)
				fprintf(f, " (assumption)");
		}
	fprintf(f, "; figures you entered replace them.</p>\n");
}

/* Hours as people say them: "48 min", "2.5 h". */
static void duration(FILE *f, double hours)
{
	char n[32];
	if (hours < 1)
		fprintf(f, "%s min", num_format(hours * 60, n, sizeof n));
	else
		fprintf(f, "%s h", num_format(hours, n, sizeof n));
}

int page_ci_cost(FILE *f, const struct kb *kb, const struct form *fm, struct err *e)
{
	struct cost_overrides ov = {0};
	struct costs c;
	const struct kb_cost_model *cm = &kb->cost_model;
	if (calc_range(fm, "ci-go", "Go build time", cm->build_seconds[LANG_GO],
		       &ov.build_seconds[LANG_GO], &ov.build[LANG_GO], e) != 0 ||
	    calc_range(fm, "ci-rust", "Rust build time", cm->build_seconds[LANG_RUST],
		       &ov.build_seconds[LANG_RUST], &ov.build[LANG_RUST], e) != 0)
		return -1;
	struct profile *p = calc_profile(kb, fm, e);
	int rc = p ? cost_estimate_with(kb, p, 1, &ov, &c, e) : -1;
	profile_free(p);
	if (rc != 0)
		return -1;
	cost_head(f, "CI: build minutes and engineers waiting");
	cost_row(f, "CI and waiting", &c.usd[COST_CI][LANG_GO], &c.usd[COST_CI][LANG_RUST]);
	fprintf(f, "</tbody></table>\n<p class=\"calc-note\">%.0f builds a day: engineers wait ",
		c.builds_per_day);
	duration(f, c.wait_hours_per_day[LANG_GO].mid);
	fprintf(f, " a day for Go builds and ");
	duration(f, c.wait_hours_per_day[LANG_RUST].mid);
	fprintf(f, " for Rust builds, over %.0f working days a year.</p>\n", c.working_days);
	cost_from(f, &c, COST_CI, COST_CI);
	return 0;
}

int page_hiring_cost(FILE *f, const struct kb *kb, const struct form *fm, struct err *e)
{
	struct cost_overrides ov = {0};
	struct costs c;
	if (calc_range(fm, "hire-premium", "Rust salary premium", kb->cost_model.salary_premium,
		       &ov.premium_usd, &ov.premium, e) != 0)
		return -1;
	struct profile *p = calc_profile(kb, fm, e);
	int rc = p ? cost_estimate_with(kb, p, 0, &ov, &c, e) : -1;
	profile_free(p);
	if (rc != 0)
		return -1;
	cost_head(f, "Hiring: the salary premium and the learning curve");
	cost_row(f, "Salary premium", &c.usd[COST_HIRING][LANG_GO], &c.usd[COST_HIRING][LANG_RUST]);
	cost_row(f, "Onboarding", &c.usd[COST_ONBOARDING][LANG_GO],
		 &c.usd[COST_ONBOARDING][LANG_RUST]);
	struct estimate sum[LANG_SCORED];
	for (int l = 0; l < LANG_SCORED; l++) {
		const struct estimate *a = &c.usd[COST_HIRING][l], *b = &c.usd[COST_ONBOARDING][l];
		sum[l] = (struct estimate){a->mid + b->mid, a->low + b->low, a->high + b->high};
	}
	cost_row(f, "Together", &sum[LANG_GO], &sum[LANG_RUST]);
	/* what the figures count, in the words of the cost report (render_cost_counts) */
	char text[1024];
	fprintf(f, "</tbody></table>\n<p class=\"calc-note\">");
	esc(f, render_cost_counts(&c, COST_HIRING, text, sizeof text));
	fprintf(f, ". ");
	esc(f, render_cost_counts(&c, COST_ONBOARDING, text, sizeof text));
	fprintf(f,
		". Productive in Go after %.1f months, in Rust after %.1f (averaged over %d "
		"years).</p>\n",
		c.ramp_months[LANG_GO].mid, c.ramp_months[LANG_RUST].mid, c.years);
	cost_from(f, &c, COST_HIRING, COST_ONBOARDING);
	return 0;
}

/* --- the evidence browser --------------------------------------------------------------------- */

static bool contains(const char *hay, const char *needle)
{
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static bool matches(const struct kb *kb, const struct kb_claim *c, const char *q)
{
	if (!q || !*q)
		return true;
	return contains(c->id, q) || contains(c->says, q) || contains(c->source->title, q) ||
	       contains(c->source->by, q) || contains(kb->criteria[c->criterion].name, q) ||
	       contains(c->via, q);
}

/* Where a claim comes in the evidence browser: 0 the seed articles, 1 other published sources,
 * 2 verdict's own assumptions. */
static int evidence_rank(const struct kb_claim *c)
{
	if (c->source->assumption)
		return 2;
	return strcmp(c->source->seed, "none") == 0 ? 1 : 0;
}

/* The query as a URL component (RFC 3986 unreserved characters kept). */
static void url_component(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
			fputc(c, f);
		else
			fprintf(f, "%%%02X", c);
	}
}

static void page_link(FILE *f, const char *q, long page, const char *text, const char *rel)
{
	fprintf(f, "<a class=\"pager-link\" rel=\"%s\" href=\"/evidence?q=", rel);
	url_component(f, q);
	fprintf(f, "&amp;page=%ld\">%s</a>", page, text);
}

void page_evidence(FILE *f, const struct kb *kb, const char *query, long page)
{
	const char *q = query ? query : "";
	size_t total = 0;
	for (size_t i = 0; i < kb->nclaims; i++)
		total += matches(kb, &kb->claims[i], q);
	long pages = total ? (long)((total + PAGE_EVIDENCE_ROWS - 1) / PAGE_EVIDENCE_ROWS) : 1;
	if (page < 1)
		page = 1;
	if (page > pages)
		page = pages;
	fprintf(f,
		"<div id=\"evidence-browser\">\n<form class=\"search\" method=\"get\" "
		"action=\"/evidence\" role=\"search\">\n<label for=\"claim-search\">Search the "
		"evidence</label>\n<input id=\"claim-search\" name=\"q\" type=\"search\" value=\"");
	esc(f, q);
	fprintf(f,
		"\" placeholder=\"build, Discord, s001…\" maxlength=\"80\">\n<button "
		"type=\"submit\">Search</button>\n</form>\n<div id=\"claims-list\">\n<p "
		"class=\"count\" id=\"claim-count\" aria-live=\"polite\">%zu of %zu claims%s",
		total, kb->nclaims, total > PAGE_EVIDENCE_ROWS ? "" : ".");
	if (total > PAGE_EVIDENCE_ROWS)
		fprintf(f, ", page %ld of %ld.", page, pages);
	fprintf(f, "</p>\n");
	if (total) {
		fprintf(f, "<table class=\"claims stack\">\n<thead><tr><th scope=\"col\">Claim</th>"
			   "<th scope=\"col\">Figure</th><th scope=\"col\">What it says</th>"
			   "<th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
		size_t seen = 0, first = (size_t)(page - 1) * PAGE_EVIDENCE_ROWS;
		/* the articles' claims first, then other published sources, then assumptions */
		for (size_t k = 0; k < 3 * kb->nclaims && seen < first + PAGE_EVIDENCE_ROWS; k++) {
			const struct kb_claim *c = &kb->claims[k % kb->nclaims];
			if (evidence_rank(c) != (int)(k / kb->nclaims) || !matches(kb, c, q) ||
			    seen++ < first)
				continue;
			char fig[96];
			fprintf(f, "<tr><td data-label=\"Claim\"><code>");
			esc(f, c->id);
			fprintf(f, "</code></td><td data-label=\"Figure\">");
			esc(f, kb_claim_figure(c, fig, sizeof fig));
			fprintf(f, "</td><td data-label=\"What it says\">");
			esc(f, c->says);
			fprintf(f, "</td><td data-label=\"Source\">");
			source_title(f, c->source);
			fprintf(f, " <span class=\"muted\">(");
			esc(f, c->source->by);
			if (c->via) {
				fprintf(f, ", citing ");
				esc(f, c->via);
			}
			fprintf(f, ")</span>%s</td></tr>\n",
				c->source->assumption ? " <span class=\"tag\">assumption</span>"
				: c->source->measured ? " <span class=\"tag\">measured</span>"
						      : "");
		}
		fprintf(f, "</tbody>\n</table>\n");
	}
	if (pages > 1) {
		fprintf(f, "<nav class=\"pager\" aria-label=\"Pages of claims\">");
		if (page > 1)
			page_link(f, q, page - 1, "&larr; Previous", "prev");
		fprintf(f, "<span>Page %ld of %ld</span>", page, pages);
		if (page < pages)
			page_link(f, q, page + 1, "Next &rarr;", "next");
		fprintf(f, "</nav>\n");
	}
	fprintf(f, "</div>\n</div>\n");
}

static int evidence(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	page_evidence(f, s->kb, NULL, 1);
	return 0;
}

static int conflicts(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	fprintf(f, "<ul class=\"conflicts\">\n");
	for (size_t i = 0; i < s->kb->nconflicts; i++) {
		const struct kb_conflict *k = &s->kb->conflicts[i];
		fprintf(f, "<li><strong>");
		esc(f, k->topic);
		fprintf(f, "</strong>: ");
		esc(f, k->note);
		for (size_t j = 0; j < k->nclaims; j++)
			cite(f, k->claims[j]);
		fprintf(f, "</li>\n");
	}
	fprintf(f, "</ul>\n");
	return 0;
}

/* @results: the latency curve of serve --results, or how to get one. */
static int results(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	if (!s->page->results_json) {
		fprintf(f,
			"<p class=\"muted\">Measure your own service: run <code>verdict load URL "
			"--format json &gt; load.json</code> and start the page with "
			"<code>verdict serve --results load.json</code>.</p>\n");
		return 0;
	}
	fprintf(f, "<div id=\"results\"><img src=\"/results\" alt=\"Measured latency by percentile"
		   " of the load given with --results\" width=\"640\" height=\"290\"></div>\n");
	return 0;
}

static int footer(FILE *f, struct section_ctx *s, const char *arg, struct err *e)
{
	(void)arg;
	(void)e;
	fprintf(f,
		"<p>Knowledge base <code>%s</code> · %zu claims from %zu sources · every figure "
		"published in a source, measured on this machine, or marked as an "
		"assumption.</p>\n",
		s->kb->version, s->kb->nclaims, kb_source_count(s->kb));
	return 0;
}

static const struct {
	const char *name;
	section_fn fn;
} sections[] = {
    {"headline", headline},
    {"glance", glance_table},
    {"kind-options", kind_options},
    {"quick-options", quick_options},
    {"field", field_control},
    {"reuse-options", reuse_options},
    {"answers", answers},
    {"throughput", throughput},
    {"cases", cases},
    {"faq", faq},
    {"calc-ci", calc_ci},
    {"calc-hiring", calc_hiring},
    {"evidence", evidence},
    {"conflicts", conflicts},
    {"results", results},
    {"footer", footer},
};

int page_expand(FILE *f, const struct page_ctx *c, const char *tmpl, struct err *e)
{
	struct section_ctx s = {.page = c, .kb = c->kb};
	if (glance_compute(c->kb, &s.glance, e) != 0)
		return -1;
	const char *p = tmpl;
	const char *m;
	int rc = 0;
	while (rc == 0 && (m = strstr(p, "<!--@")) != NULL) {
		fwrite(p, 1, (size_t)(m - p), f);
		const char *end = strstr(m, "-->");
		char spec[128];
		size_t n = end ? (size_t)(end - m - 5) : 0;
		if (!end || n == 0 || n >= sizeof spec) {
			rc = err_input(e, "index.html", 0,
				       "an unterminated or overlong <!--@ marker");
			break;
		}
		memcpy(spec, m + 5, n);
		spec[n] = '\0';
		char *arg = strchr(spec, ' ');
		if (arg)
			*arg++ = '\0';
		size_t i = 0;
		while (i < sizeof sections / sizeof sections[0] && strcmp(sections[i].name, spec))
			i++;
		if (i == sizeof sections / sizeof sections[0])
			rc = err_input(e, "index.html", 0, "unknown section marker '@%s'", spec);
		else
			rc = sections[i].fn(f, &s, arg, e);
		p = end + 3;
	}
	if (rc == 0)
		fputs(p, f);
	glance_free(&s.glance);
	return rc;
}

/* --- the pages that answer a form --------------------------------------------------------------
 */

void page_open(FILE *f, const char *heading)
{
	fprintf(f, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>");
	esc(f, heading);
	fprintf(f, " · verdict</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n"
		   "<body class=\"answer-page\">\n<header class=\"site\"><a class=\"brand\" "
		   "href=\"/\">verdict</a><a href=\"/\">&larr; Back to the page</a></header>\n"
		   "<main>\n<h1>");
	esc(f, heading);
	fprintf(f, "</h1>\n<div id=\"result\" class=\"result\">\n");
}

void page_close(FILE *f)
{
	fprintf(f, "</div>\n</main>\n</body>\n</html>\n");
}

void page_error(FILE *f, const char *message)
{
	const char *m = message;
	size_t n = strlen(FORM_NAME_PREFIX);
	if (strncmp(m, FORM_NAME_PREFIX ":", n + 1) == 0) {
		const char *q = m + n + 1;
		while (isdigit((unsigned char)*q))
			q++;
		if (q > m + n + 1 && q[0] == ':' && q[1] == ' ')
			m = q + 2;
		else if (q[0] == ' ')
			m = q + 1;
	}
	fprintf(f, "<p class=\"error\" role=\"alert\">");
	esc(f, m);
	fprintf(f, "</p>\n");
}

const char *page_quick_title(const struct kb *kb, const char *building, const char *team,
			     const char *constraint, char *buf, size_t size)
{
	const struct kb_preset *t = kb_preset(kb, "team", team ? team : "neither");
	const struct kb_preset *c = kb_preset(kb, "constraint", constraint ? constraint : "none");
	snprintf(buf, size, "%s · your team writes %s · hardest constraint: %s",
		 building ? kb_kind_title(kb, building) : "?", t ? t->label : (team ? team : "?"),
		 c ? c->label : (constraint ? constraint : "?"));
	return buf;
}
