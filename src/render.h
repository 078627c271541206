/*
 * render — verdicts for people (text) and for programs (JSON with the keys of DESIGN.md).
 * Renderers only format: they never decide, print to stdout, or exit.
 */
#ifndef VERDICT_RENDER_H
#define VERDICT_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "engine.h"
#include "kb.h"

/* How a verdict reads as text. */
struct text_options {
	bool color;	  /* ANSI colour (a terminal without NO_COLOR) */
	bool full;	  /* everything (--long); otherwise the 30-second answer */
	bool quick;	  /* from `quick`: its flips are other answers to its three questions */
	int width;	  /* columns to wrap at (below 40: 96) */
	uint64_t unasked; /* bit f: field f was never given, so the 30-second answer leaves out
			     reasons that quote it */
};

/* Writes the verdict as text: by default the 30-second answer (verdict, how sure, three
 * reasons, one or two flips, the cost difference, the articles behind the reasons); all of it
 * with o->full. `title` heads it ("checkout-api", "learn: from none, for jobs"). */
void render_text(FILE *f, const struct kb *kb, const struct verdict *v, const char *title,
		 const struct text_options *o);

/* A source as people cite it: "\"Title\", site or author, year, link" (the link only where the
 * article names one). Returns buf. */
const char *render_source_text(const struct kb_source *src, char *buf, size_t size);

/* How the total cost of `subject` compares with the other language's, in one line: "Go costs
 * about $407K a year less than Rust ($233K–$671K less), $1.2M over 3 years". Returns buf. */
const char *render_cost_compare(const struct costs *c, enum lang subject, char *buf, size_t size);

/* The cost difference in one line: "Rust costs about $489K a year more than Go ($240K–$740K
 * more), $1.5M over 3 years". Returns buf. */
const char *render_cost_difference(const struct costs *c, char *buf, size_t size);

/* The changes that would flip d worth a reader's 30 seconds, at most max into out: quick's other
 * answers when there are any, else the nearest changes of distinct inputs (never a weight), each
 * where the other side wins outright when it does. Returns how many. */
size_t render_short_flips(const struct decision *d, const struct flip **out, size_t max);

/* True for a flip that changes a criterion weight rather than an input. */
bool render_flip_is_weight(const struct flip *fl);

/* The changes that would flip d in a full report, at most max into out: every input that does,
 * nearest first, then the smallest change of one weight (the only weight flip listed, always
 * last). Returns how many. */
size_t render_full_flips(const struct decision *d, const struct flip **out, size_t max);

/* Builds the verdict as a JSON object (new reference; NULL when out of memory). */
json_t *render_json(const struct kb *kb, const struct verdict *v);

/* The verdict as one self-contained HTML document: inline CSS and SVG, no scripts, no network. */
void render_html(FILE *f, const struct kb *kb, const struct verdict *v, const char *title);

/* The report's body alone (no <html> wrapper), for the web page. */
void render_html_body(FILE *f, const struct kb *kb, const struct verdict *v, const char *title);

/* The web page's answer: the verdict as its biggest line (id="verdict"), how sure, the three
 * strongest reasons, what would change it and the cost a year, then the whole report folded in
 * a <details>. `title` says what was asked. */
void render_html_summary(FILE *f, const struct kb *kb, const struct verdict *v, const char *title);

/* The verdict as Markdown. */
void render_markdown(FILE *f, const struct kb *kb, const struct verdict *v, const char *title);

/* Writes text escaped for Markdown prose and table cells. */
void render_md_text(FILE *f, const char *s);

/* Writes a source for Markdown: title (a link where the article names one), site or author,
 * year. */
void render_md_source(FILE *f, const struct kb_source *s);

/* How often a system's answer held in the Monte Carlo, as one sentence without a capital or a
 * full stop: "the split holds in 87% of 10,000 samples (all Go 3%, all Rust 10%)", "keeping what
 * ships holds in 89% of ... (all Go 0%, all Rust 10%, the split <1%)"; for a system of toss-ups,
 * which no pattern answers, only the shares. Needs v->has_system_probability. */
void render_system_sure(const struct verdict *v, char *out, size_t size);

/* How often an outright answer (keep what ships, Python) held, and what the other samples said:
 * "keep what ships holds in 55% of 10,000 samples (otherwise Go 45%, Rust 0%)". */
void render_outright_sure(const struct decision *d, char *out, size_t size);

/* Whether v rests on a claim of src anywhere: a reason for or against a verdict, overall or for a
 * component, or a figure its costs use. Reports list only the sources they rest on. */
bool render_cites_source(const struct verdict *v, const struct kb_source *src);

/* Costs as JSON: costs.{ci,hiring,onboarding,infrastructure,total}.{go,rust} each
 * {usd_per_year, low, high}, costs.ci.wait_hours_per_day.{go,rust}, and where every figure came
 * from (new reference). */
json_t *render_costs_json(const struct costs *c);

/* What an item's figures count, in words a reviewer can check: who the premium applies to
 * (COST_HIRING), who goes through onboarding (COST_ONBOARDING), how long engineers wait for
 * builds (COST_CI). Returns buf. */
const char *render_cost_counts(const struct costs *c, enum cost_item item, char *buf, size_t size);

/* Writes the costs as an aligned table, what each figure counts, and (o->full) the claims each
 * line rests on. */
void render_costs_text(FILE *f, const struct costs *c, const struct text_options *o);

/* A claim as JSON: id, says, lang, value/range, unit, criterion, source (new reference). */
json_t *render_claim_json(const struct kb *kb, const struct kb_claim *c);

/* A conflict between sources as JSON (new reference). */
json_t *render_conflict_json(const struct kb *kb, const struct kb_conflict *k);

/* The whole evidence base as JSON: kb_version, sources, claims, conflicts (new reference). */
json_t *render_claims_json(const struct kb *kb);

/* The costs of a profile as JSON: {name, costs} or {name, components: [{name, costs}]}, from
 * cs (one per component, or one) as cost_estimate_all computed them (new reference). */
json_t *render_cost_report_json(const struct kb *kb, const struct profile *p,
				const struct costs *cs);

/* Writes obj to f as indented JSON with a final newline. Returns 0 or -1. */
int render_json_dump(FILE *f, json_t *obj);

#endif
