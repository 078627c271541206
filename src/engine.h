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

#include "err.h"
#include "kb.h"
#include "lang.h"
#include "profile.h"

#define ENGINE_MAX_REASONS 64
#define ENGINE_REASON_LEN  400
#define ENGINE_MAX_FIRED   128
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
};

/* A change of one input that changes the verdict ("Rust wins if p99_ms drops below 5"). */
struct flip {
	int field;	 /* enum field, or -1 for a criterion weight */
	int criterion;	 /* for weights: index into kb.criteria */
	double from, at; /* current value and the threshold where the verdict changes */
	enum verdict_kind to;
	double distance; /* relative size of the change, for ranking */
	char text[240];
};

#include "cost.h"

struct decision {
	char name[PROFILE_NAME_BYTES + 1];
	const char *building;
	enum verdict_kind verdict;
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
	long samples;
	unsigned long long seed;
	struct flip flips[ENGINE_MAX_FLIPS]; /* nearest first */
	size_t nflips;
	/* what it costs (cost.c) */
	struct costs costs;
	bool has_costs;
};

/* The numeric core of a decision, without any text: what the Monte Carlo and the flip search
 * evaluate thousands of times. */
struct engine_eval {
	double weight[KB_MAX_CRITERIA];
	double crit[LANG_SCORED][KB_MAX_CRITERIA];
	double score[LANG_SCORED];
	double wsum;
	const struct kb_rule *forced;			/* outright verdict, or NULL */
	const struct kb_rule *excluded_by[LANG_SCORED]; /* knock-outs, or NULL */
	const struct kb_rule *fired[ENGINE_MAX_FIRED];	/* weight/score rules that applied */
	double mult[ENGINE_MAX_FIRED];
	size_t nfired;
};

struct engine_options {
	unsigned long long seed; /* Monte Carlo seed (same seed, same output) */
	long samples;		 /* Monte Carlo samples; 0 = the KB's default; -1 = none */
	int years;		 /* cost horizon; 0 = the profile's horizon_years */
	bool flips;		 /* search for flips */
	bool costs;		 /* estimate costs */
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

/* Default options: KB sample count, seed 1, flips and costs on. */
struct engine_options engine_defaults(void);

/* Decides for profile p (and each of its components): verdict, reasons, win probability,
 * flips and costs as opts asks (NULL: engine_defaults()). Returns 0 and fills *out, or -1 with
 * *e set when the profile's constraints rule out every option. Free with verdict_free. */
int engine_decide(const struct kb *kb, const struct profile *p, const struct engine_options *opts,
		  struct verdict *out, struct err *e);

/* The deterministic part for one profile, ignoring its components: verdict, margin and reasons
 * (no probability, flips or costs). */
int engine_decide_one(const struct kb *kb, const struct profile *p, struct decision *out,
		      struct err *e);

/* --- the numeric core ------------------------------------------------------------------------- */

/* The range of language l's baseline score on criterion c for profile p (the kind's ecosystem
 * fit replaces the criterion's own for "ecosystem"). */
struct kb_range engine_score_range(const struct kb *kb, const struct profile *p, int c,
				   enum lang l);

/* Evaluates rules and weighted scores for p from baseline scores base[l][c] (read, not
 * written: C11 cannot pass a 2-D array as const), with each final criterion weight multiplied by
 * weight_factor[c] (NULL: by 1). Never fails. */
void engine_evaluate(const struct kb *kb, const struct profile *p,
		     double base[LANG_SCORED][KB_MAX_CRITERIA], const double *weight_factor,
		     struct engine_eval *ev);

/* Who wins an evaluation outright: the forced verdict, the language a knock-out leaves, or the
 * higher score (never "either"); -1 when both languages are knocked out. */
int engine_winner(const struct engine_eval *ev);

/* The verdict an evaluation gives: engine_winner, except "either" when the scores are within
 * the KB's either_margin. */
int engine_verdict_of(const struct kb *kb, const struct engine_eval *ev);

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
