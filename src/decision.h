/*
 * decision — what a decision is: the verdict, its reasons (each citing a claim), how sure it is,
 * what would change it and what it costs. The engine fills it, uncertainty.c adds probabilities
 * and flips, the renderers print it; keeping the types here lets those modules depend on them
 * without depending on each other.
 */
#ifndef VERDICT_DECISION_H
#define VERDICT_DECISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cost.h"
#include "kb.h"
#include "lang.h"
#include "profile.h"

/* struct reason's `quotes` holds one bit per profile field */
_Static_assert(F_COUNT <= 64, "a reason's quotes mask needs a bit per profile field");

#define ENGINE_MAX_REASONS 64
#define ENGINE_REASON_LEN  400
#define ENGINE_MAX_FLIPS   48

enum reason_kind {
	REASON_DECISIVE,  /* a knock-out or outright verdict */
	REASON_RULE,	  /* a rule that shifted weights or scores for this profile */
	REASON_CRITERION, /* a criterion where one language is ahead */
	REASON_SYSTEM,	  /* about the system as a whole (hybrid) */
};

struct reason {
	const struct kb_claim *claim; /* the evidence (borrowed from the KB) */
	char text[ENGINE_REASON_LEN];
	enum reason_kind kind;
	int favours;	     /* LANG_GO, LANG_RUST, or -1 when it favours neither */
	double impact;	     /* share of the score gap it accounts for; decisive reasons are 1 */
	const char *rule_id; /* rule or criterion id */
	uint64_t quotes;     /* bit f: the text quotes profile field f ("at 16 merges a day") */
};

/* A change of one input that changes the verdict ("Rust wins if your p99 target drops below
 * 5 ms"): a profile field, a criterion weight, or another answer to one of `quick`'s questions. */
struct flip {
	int field;	      /* enum field, or -1 */
	int criterion;	      /* for weights: index into kb.criteria, else -1 */
	const char *question; /* for quick's answers: "team", "constraint"; else NULL */
	const char *answer;   /* the answer that flips it: "rust", "latency" */
	double from, at;      /* current value and the threshold where the verdict changes */
	enum verdict_kind to;
	double distance; /* relative size of the change, for ranking */
	char when[200];	 /* the change alone, a trigger to watch: "your p99 target drops below 5
			    ms" ("" for weights) */
	char text[240];	 /* what happens then: "Rust wins if " and `when` */
};

struct decision {
	char name[PROFILE_NAME_BYTES + 1];
	const char *building;
	enum verdict_kind verdict;
	enum verdict_kind
	    in_system;		   /* a part of a system: what it is written in there (its verdict,
				    * or for "either" its team's language; engine.c's combine) */
	char mix[80];		   /* for a system: the answers its parts use, "Go and Rust" */
	enum lang leader;	   /* the higher-scoring language (meaningful for go/rust/either) */
	double score[LANG_SCORED]; /* weighted score of each language, 0..1 */
	double margin;		   /* 0..1: score gap, 1 when decided by a knock-out */
	bool close_call;
	bool excluded[LANG_SCORED];
	double weight[KB_MAX_CRITERIA];		   /* final criterion weights */
	double crit[LANG_SCORED][KB_MAX_CRITERIA]; /* final criterion scores */
	struct reason reasons[ENGINE_MAX_REASONS]; /* supporting the verdict, strongest first */
	size_t nreasons;
	struct reason against[ENGINE_MAX_REASONS]; /* favouring the other language */
	size_t nagainst;
	/* how sure (uncertainty.c) */
	double
	    win_probability[VERDICT_KEEP + 1]; /* indexed by verdict_kind: go, rust, python, keep */
	double either_probability; /* share of samples whose scores were within either_margin */
	long samples;
	unsigned long long seed;
	struct flip flips[ENGINE_MAX_FLIPS]; /* nearest first */
	size_t nflips;
	/* what it costs (cost.c) */
	struct costs costs;
	bool has_costs;
};

struct verdict {
	struct decision overall;
	/* for a system of components: how often each pattern came out across the Monte Carlo,
	 * indexed by verdict_kind (go: all parts Go, rust: all Rust, hybrid: mixed) */
	double system_probability[VERDICT_HYBRID + 1];
	bool has_system_probability;
	struct decision *components; /* one per profile component; NULL when none */
	size_t ncomponents;
	const char *kb_version; /* borrowed from the KB */
};

#endif
