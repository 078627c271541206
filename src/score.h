/*
 * score — the numeric core of a decision: which rules a profile meets, the criterion weights and
 * scores they leave, each language's weighted score and who wins. No text and no allocation, so
 * the engine (one evaluation, then reasons), the Monte Carlo (thousands of draws) and the flip
 * search (a bisection per input) all share it. A draw lets the Monte Carlo vary what is judgement:
 * criterion weights, rule effect sizes, and whether a rule that holds only usually applies.
 */
#ifndef VERDICT_SCORE_H
#define VERDICT_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "kb.h"
#include "lang.h"
#include "profile.h"

#define SCORE_MAX_FIRED 128

/* One Monte Carlo draw of the model's own uncertainty; every pointer may be NULL (no change). */
struct score_draw {
	const double *weight_factor; /* per criterion: multiplies its final weight */
	const double *rule_factor;   /* per rule (kb->rules order): multiplies its effect sizes */
	const bool *rule_off;	     /* per rule: true when this draw skips it */
};

/* What one evaluation leaves: weights, scores and the rules that applied. */
struct score_eval {
	double weight[KB_MAX_CRITERIA];
	double crit[LANG_SCORED][KB_MAX_CRITERIA];
	double score[LANG_SCORED];
	double wsum;
	const struct kb_rule *forced;			/* outright verdict, or NULL */
	const struct kb_rule *excluded_by[LANG_SCORED]; /* knock-outs, or NULL */
	const struct kb_rule *fired[SCORE_MAX_FIRED];	/* weight/score rules that applied */
	double mult[SCORE_MAX_FIRED]; /* their `per` multiplier times the draw's */
	size_t nfired;
};

/* True when rule r holds for profile p: every `when` condition, no `unless` condition, every
 * `given` field written by the user and no `assumed` field written. */
bool score_rule_applies(const struct kb_rule *r, const struct profile *p);

/* True when p meets rule r's `when`, `given` and `assumed`, whatever its `unless` says: a rule
 * that stood aside for a reason meets them but does not apply. */
bool score_rule_meets_when(const struct kb_rule *r, const struct profile *p);

/* The range of language l's baseline score on criterion c for profile p (the kind's ecosystem
 * fit replaces the criterion's own for "ecosystem"). */
struct kb_range score_range(const struct kb *kb, const struct profile *p, int c, enum lang l);

/* Fills base[l][c] with the middle of every score_range: the point estimate. */
void score_midpoints(const struct kb *kb, const struct profile *p,
		     double base[LANG_SCORED][KB_MAX_CRITERIA]);

/* Evaluates rules and weighted scores for p from baseline scores base[l][c] (read, not written:
 * C11 cannot pass a 2-D array as const), varied by draw (NULL: the point estimate). Rules apply
 * in KB order: the first outright verdict wins (but a keep stands aside where a knock-out rules
 * out the language that ships), knock-outs and shifts accumulate. Never fails. */
void score_evaluate(const struct kb *kb, const struct profile *p,
		    double base[LANG_SCORED][KB_MAX_CRITERIA], const struct score_draw *draw,
		    struct score_eval *ev);

/* Who wins an evaluation outright: the forced verdict, the language a knock-out leaves, or the
 * higher score (never "either"); -1 when both languages are knocked out. */
int score_winner(const struct score_eval *ev);

/* What a part of a system is written in, given its verdict: the verdict itself, or for a part
 * where both fit ("either"), the language more of its team writes, Go on a tie (engine.yaml's
 * either-part note). The verdict and every Monte Carlo sample settle toss-ups through it. */
int score_part_answer(int verdict, const struct profile *part);

/* The verdict an evaluation gives: score_winner, except "either" when the scores are within the
 * KB's either_margin. */
int score_verdict(const struct kb *kb, const struct score_eval *ev);

#endif
