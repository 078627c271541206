/*
 * page — the web page's sections, computed from the knowledge base and the engine, never copied:
 * seed 000's headline and at-a-glance table, the 30-second answers, HTTP throughput published and
 * measured on this machine, the case studies, the FAQ, the CI-cost and hiring-cost calculators,
 * the profile form's controls and the evidence browser; and the frame of the pages the forms
 * answer with (so every form works without JavaScript). web.c expands the page once at start-up
 * and calls the rest per request. Everything from the KB, a profile or a request is escaped.
 */
#ifndef VERDICT_PAGE_H
#define VERDICT_PAGE_H

#include <stdio.h>

#include "err.h"
#include "form.h"
#include "kb.h"

#define PAGE_EVIDENCE_ROWS 20 /* claims on a page of the evidence browser */

struct page_ctx {
	const struct kb *kb;
	long samples;		   /* Monte Carlo samples for the page's verdicts (0: the KB's) */
	const char *evidence_json; /* `verdict lab` results (serve --evidence), or NULL */
	const char *results_json;  /* a `verdict load --format json` result (serve --results), or
				    * NULL */
};

/* Writes tmpl (the page, NUL-terminated) to f with every <!--@NAME ARG--> marker replaced by its
 * section. Returns 0, or -1 with *e set: an unknown marker (input), a failed verdict (internal). */
int page_expand(FILE *f, const struct page_ctx *c, const char *tmpl, struct err *e);

/* Opens a page that answers a form: the whole document up to inside <div id="result"> (the
 * part the page's script lifts into place), under an <h1> saying `heading`. */
void page_open(FILE *f, const char *heading);

/* Closes what page_open opened. */
void page_close(FILE *f);

/* A refusal where the answer would be: message as an alert, without the profile parser's
 * "form:1: " prefix (a form has no lines). */
void page_error(FILE *f, const char *message);

/* "Network proxy, data plane · your team writes Go · hardest constraint: tail latency (p99 under
 * 5 ms)": what the three questions asked, in words, into buf. Unknown answers are shown as given.
 */
const char *page_quick_title(const struct kb *kb, const char *building, const char *team,
			     const char *constraint, char *buf, size_t size);

/* The evidence browser (<div id="evidence-browser">): its search form, the claims whose id,
 * text, criterion or source contain query (case-insensitive; NULL or "" for all), page `page`
 * (1-based, clamped to the last) of PAGE_EVIDENCE_ROWS, and links to the pages around it. */
void page_evidence(FILE *f, const struct kb *kb, const char *query, long page);

/* The CI-cost and hiring-cost calculators' answers for a submitted form (team.size,
 * ci.merges_per_day, costs.*, team.hires_per_year, team.attrition, and calc.* ranges for build
 * seconds and the salary premium). Returns 0, or -1 with *e set (input: a value the profile or
 * the calculator refuses) and nothing written. */
int page_ci_cost(FILE *f, const struct kb *kb, const struct form *fm, struct err *e);
int page_hiring_cost(FILE *f, const struct kb *kb, const struct form *fm, struct err *e);

#endif
