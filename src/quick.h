/*
 * quick — the three questions of seed 000's page turned into a profile: what you are building
 * (a project kind), what your team writes (go, rust, both, neither) and your hardest constraint
 * (none, ship-fast, latency, memory, safety), through the KB's `quick` presets. Shared by
 * `verdict quick` and the web page.
 */
#ifndef VERDICT_QUICK_H
#define VERDICT_QUICK_H

#include "kb.h"
#include "profile.h"

/* A finished profile for the three answers (team and constraint may be NULL: neither, none).
 * NULL with *e set (exit 2) for an answer the KB does not know. Free with profile_free. */
struct profile *quick_profile(const struct kb *kb, const char *building, const char *team,
			      const char *constraint, struct err *e);

#endif
