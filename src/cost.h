/*
 * cost — what the language decision costs in money, per language and per year: CI (build
 * minutes and engineers waiting), the Rust hiring premium, onboarding under attrition, and
 * infrastructure memory. Every figure comes from a KB claim named in the KB's cost_model (or
 * from the profile's `costs` section), and carries low/high bounds from the claims' ranges.
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
	COST_HIRING,	     /* salary premium */
	COST_ONBOARDING,     /* ramp-up of new and replacement engineers */
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

struct costs {
	int years; /* horizon the per-year figures average over */
	struct estimate usd[COST_ITEMS][LANG_SCORED];		/* USD per year */
	const struct kb_claim *from[COST_ITEMS][COST_MAX_FROM]; /* claims each item used */
	double builds_per_day;
	struct estimate build_seconds[LANG_SCORED];
	struct estimate wait_hours_per_day[LANG_SCORED];
	struct estimate learners_per_year;
	struct estimate ramp_months[LANG_SCORED];
	struct estimate memory_mb[LANG_SCORED]; /* per instance */
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

#endif
