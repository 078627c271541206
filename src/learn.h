/*
 * learn — the career question: which of Go and Rust to learn next, from a background and a
 * goal. Scored like a project decision, from the KB's `learn` tables (seed 004's learn-Rust-if
 * and learn-Go-if lists, seed 000's advice to beginners), with the same reasons and margins.
 */
#ifndef VERDICT_LEARN_H
#define VERDICT_LEARN_H

#include "engine.h"
#include "kb.h"

/* Decides what to learn. background: a team.background value other than mixed; goal: one of
 * the KB's learn goals; opts gives the Monte Carlo seed and samples (NULL: defaults; flips and
 * costs do not apply). Returns 0 with *v filled (free with verdict_free), or -1 with *e set
 * for an unknown background or goal. */
int learn_decide(const struct kb *kb, const char *background, const char *goal,
		 const struct engine_options *opts, struct verdict *v, struct err *e);

#endif
