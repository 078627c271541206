/*
 * cost — what the language decision costs in money, per language and per year: only the costs
 * that differ between the options. CI (build minutes and engineers waiting), the Rust salary
 * premium on the engineers the decision puts on Rust rates, onboarding of the people who do not
 * yet write the language, and infrastructure memory (on our own fleet only). Every figure comes
 * from a KB claim named in the KB's cost_model (or from the profile's `costs` section), and
 * carries low/high bounds from the claims' ranges and from how newcomers are staffed.
 */
#ifndef VERDICT_COST_H
#define VERDICT_COST_H

#include <stdbool.h>

#include "err.h"
#include "kb.h"
#include "lang.h"

struct profile;

enum cost_item {
	COST_CI,	     /* build minutes and engineers' waiting time */
	COST_HIRING,	     /* Rust salary premium (JSON key "hiring") */
	COST_ONBOARDING,     /* ramp-up of the people who do not yet write the language */
	COST_INFRASTRUCTURE, /* memory across instances */
	COST_TOTAL,	     /* the sum */
	COST_ITEMS
};

/* An estimate with its bounds. */
struct estimate {
	double mid, low, high;
};

/* A price used by the model and where it came from. */
struct price {
	struct estimate value;
	const struct kb_claim *claim; /* NULL when the profile set it */
};

#define COST_MAX_FROM 8

/* Who pays what. A newcomer (a hire, at least one per engineer attrition takes a year) who
 * replaces an engineer fluent in the language is hired fluent; every other newcomer is either
 * hired fluent (paying the premium, for Rust) or trained (paying the ramp), never both: trained
 * in the middle estimate (seed 001: "every new hire pays the Rust onboarding cost"), and the
 * choice is the low-high range. */
struct costs {
	int years; /* horizon the per-year figures average over */
	struct estimate usd[COST_ITEMS][LANG_SCORED];		/* USD per year */
	const struct kb_claim *from[COST_ITEMS][COST_MAX_FROM]; /* claims each item used */
	double builds_per_day;
	struct estimate build_seconds[LANG_SCORED];
	struct estimate wait_hours_per_day[LANG_SCORED];
	double team_size;		      /* engineers now */
	double newcomers_per_year;	      /* hires, at least the replacements for attrition */
	double current_learners[LANG_SCORED]; /* engineers now who do not write it: learn it once */
	struct estimate learners_per_year[LANG_SCORED]; /* newcomers trained in it (low: none) */
	struct estimate rust_rate_engineers; /* engineers the premium applies to, a year */
	struct estimate ramp_months[LANG_SCORED];
	struct estimate memory_mb[LANG_SCORED]; /* per instance */
	bool infra_priced; /* false when it runs off our fleet: memory is product quality there */
	struct price engineer_hour, ci_minute, memory_gb_month;
	double working_days; /* per year */
};

/* Estimates the costs for profile p over `years` (0: the profile's horizon_years). Returns 0,
 * or -1 with *e set when the KB lacks the cost model. */
int cost_estimate(const struct kb *kb, const struct profile *p, int years, struct costs *out,
		  struct err *e);

/* What the page's calculators set beyond a profile: each language's build time and the Rust
 * salary premium, as ranges. A figure not set keeps the KB's claim. */
struct cost_overrides {
	bool build[LANG_SCORED];
	struct kb_range build_seconds[LANG_SCORED]; /* when build[l] */
	bool premium;
	struct kb_range premium_usd; /* a year per engineer, when premium */
};

/* cost_estimate with figures set by the user (ov may be NULL); an overridden figure cites no
 * claim. */
int cost_estimate_with(const struct kb *kb, const struct profile *p, int years,
		       const struct cost_overrides *ov, struct costs *out, struct err *e);

/* Estimates the costs of p, or of each of its components: returns an array (free with free) of
 * p->ncomponents entries, or 1 for a single profile; NULL with *e set on failure. */
struct costs *cost_estimate_all(const struct kb *kb, const struct profile *p, int years,
				struct err *e);

/* The JSON key of an item: "ci", "hiring", "onboarding", "infrastructure", "total". */
const char *cost_item_name(enum cost_item i);

/* What people read for an item: "CI: builds and waiting", "Rust salary premium", ... */
const char *cost_item_label(enum cost_item i);

#endif
