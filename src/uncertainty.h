/*
 * uncertainty — how sure a verdict is and what would change it. Win probability: a seeded
 * Monte Carlo over the ranges of the criterion scores (which come from the claims' ranges and
 * disagreements), over the model's own judgement — criterion weights (+-weight_spread), each
 * rule's effect size (+-rule_spread) and, for rules that hold only usually, whether the rule
 * applies at all (its confidence) — and over the profile's estimated inputs. Flips: for each
 * numeric input and each criterion weight, the nearest value at which the verdict changes.
 */
#ifndef VERDICT_UNCERTAINTY_H
#define VERDICT_UNCERTAINTY_H

#include <stdint.h>

#include "decision.h"
#include "kb.h"
#include "profile.h"

/* Runs `samples` Monte Carlo draws with `seed` over the n profiles ps (one per decision in ds,
 * sharing each draw, since the evidence is the same for every part of a system) and fills each
 * ds[i].win_probability. When n > 1, fills system[] (indexed by verdict_kind: go = every part
 * Go, rust = every part Rust, hybrid = mixed). */
void uncertainty_win_probability(const struct kb *kb, const struct profile *const *ps,
				 struct decision *ds, size_t n, long samples, uint64_t seed,
				 double system[VERDICT_HYBRID + 1]);

/* Finds what changes d's verdict for profile p: each numeric input moved up or down within a
 * plausible range, and each criterion weight. Fills d->flips, nearest first. */
void uncertainty_flips(const struct kb *kb, const struct profile *p, struct decision *d);

#endif
