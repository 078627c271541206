/*
 * engine — turns a profile and the knowledge base into a verdict. Knock-out rules first (a
 * language ruled out, or Python / keep decided outright), then weighted scoring over the KB's
 * criteria with weights from the project kind adjusted by the KB's rules. Every reason it gives
 * cites a claim, and reasons are ranked by how much they actually moved the score.
 * Deterministic: same profile and KB, same verdict.
 */
#ifndef VERDICT_ENGINE_H
#define VERDICT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "decision.h"
#include "err.h"
#include "kb.h"
#include "profile.h"

struct engine_options {
	unsigned long long seed; /* Monte Carlo seed (same seed, same output) */
	long samples;		 /* Monte Carlo samples; 0 = the KB's default; -1 = none */
	int years;		 /* cost horizon; 0 = the profile's horizon_years */
	bool flips;		 /* search for flips */
	bool costs;		 /* estimate costs */
};

/* Default options: KB sample count, seed 1, flips and costs on. */
struct engine_options engine_defaults(void);

/* How often v's answer held in the Monte Carlo: for a system, the share of samples with its
 * pattern (all Go, all Rust, or mixed for hybrid and either); otherwise its verdict's share, or
 * for "either" the share within the either margin. Needs samples (v->overall.samples > 0). */
double engine_answer_probability(const struct verdict *v);

/* Decides for profile p (and each of its components): verdict, reasons, win probability,
 * flips and costs as opts asks (NULL: engine_defaults()). Returns 0 and fills *out, or -1 with
 * *e set when the profile's constraints rule out every option. Free with verdict_free. */
int engine_decide(const struct kb *kb, const struct profile *p, const struct engine_options *opts,
		  struct verdict *out, struct err *e);

/* The deterministic part for one profile, ignoring its components: verdict, margin and reasons
 * (no probability, flips or costs). */
int engine_decide_one(const struct kb *kb, const struct profile *p, struct decision *out,
		      struct err *e);

/* Releases what engine_decide allocated (not v itself). */
void verdict_free(struct verdict *v);

/* Adds a reason to d: to d->reasons when it supports the verdict (or favours no language),
 * to d->against when it favours the other language. tmpl is expanded against p. Call after
 * d->verdict and d->leader are set. Silently drops reasons beyond ENGINE_MAX_REASONS. */
void engine_add_reason(struct decision *d, const struct kb *kb, const struct profile *p,
		       const struct kb_claim *claim, const char *tmpl, enum reason_kind kind,
		       int favours, double impact, const char *id);

/* Orders d's reasons: decisive first, then by absolute impact, ties by id. */
void engine_sort_reasons(struct decision *d);

/* Expands a KB text template against profile p ({field}, {claim:ID}, {name}, {kind}). */
void engine_expand(const struct kb *kb, const struct profile *p, const char *tmpl, char *out,
		   size_t size);

#endif
