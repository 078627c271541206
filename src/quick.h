/*
 * quick — the three questions of seed 000's page turned into a profile: what you are building
 * (a project kind), what your team writes (go, rust, both, neither) and your hardest constraint
 * (none, ship-fast, latency, memory, safety), through the KB's `quick` presets. Shared by
 * `verdict quick` and the web page.
 */
#ifndef VERDICT_QUICK_H
#define VERDICT_QUICK_H

#include <stdint.h>

#include "decision.h"
#include "engine.h"
#include "kb.h"
#include "profile.h"

/* A finished profile for the three answers (team and constraint may be NULL: neither, none).
 * NULL with *e set (exit 2) for an answer the KB does not know. Free with profile_free. */
struct profile *quick_profile(const struct kb *kb, const char *building, const char *team,
			      const char *constraint, struct err *e);

/* The profile fields quick never asks about (bit f for field f): all but what you build, your
 * team answer and the fields the constraint answer sets. Reasons that quote them are
 * left out of quick's 30-second answer ("at 10 merges a day" was never said). */
uint64_t quick_unasked(const struct kb *kb, const char *team, const char *constraint);

/* Adds to d's flips, first, every other single answer to the team and constraint questions
 * that changes d's verdict ("Rust wins if your team writes Rust"), in quick's own terms. Returns
 * how many were added; 0 with *e set when a profile for an answer cannot be decided. */
int quick_flips(const struct kb *kb, const char *building, const char *team, const char *constraint,
		struct decision *d, struct err *e);

/* The verdict for the three answers (see quick_profile) decided with o, its flips led by
 * quick_flips' other answers. Returns 0, or -1 with *e set and v freed. */
int quick_decide(const struct kb *kb, const char *building, const char *team,
		 const char *constraint, const struct engine_options *o, struct verdict *v,
		 struct err *e);

#endif
