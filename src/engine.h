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

struct decision {
	char name[PROFILE_NAME_MAX + 1];
	const char *building;
	enum verdict_kind verdict;
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
};

struct verdict {
	struct decision overall;
	struct decision *components; /* one per profile component; NULL when none */
	size_t ncomponents;
	const char *kb_version; /* borrowed from the KB */
};

/* Decides for profile p (and each of its components). Returns 0 and fills *out, or -1 with *e
 * set when the profile's constraints rule out every option. Free with verdict_free. */
int engine_decide(const struct kb *kb, const struct profile *p, struct verdict *out, struct err *e);

/* Decides for one profile, ignoring its components. */
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
