/*
 * render — verdicts for people (text) and for programs (JSON with the keys of DESIGN.md).
 * Renderers only format: they never decide, print to stdout, or exit.
 */
#ifndef VERDICT_RENDER_H
#define VERDICT_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "engine.h"
#include "kb.h"

/* Writes the verdict as aligned text; ANSI colour only when color is true. `title` heads it
 * ("checkout-api", "quick verdict", "what to learn"). */
void render_text(FILE *f, const struct kb *kb, const struct verdict *v, const char *title,
		 bool color);

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

/* Costs as JSON: costs.{ci,hiring,onboarding,infrastructure,total}.{go,rust} each
 * {usd_per_year, low, high}, costs.ci.wait_hours_per_day.{go,rust}, and where every figure came
 * from (new reference). */
json_t *render_costs_json(const struct costs *c);

/* Writes the costs as an aligned table with the source of each line. */
void render_costs_text(FILE *f, const struct costs *c, bool color);

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
