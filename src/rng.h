/*
 * rng — a small, seeded pseudo-random generator (xoshiro256**, seeded through splitmix64, after
 * Blackman and Vigna). Same seed, same sequence, on every machine: Monte Carlo results are
 * reproducible byte for byte. Not for anything secret.
 */
#ifndef VERDICT_RNG_H
#define VERDICT_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* Seeds the generator; every seed (0 included) gives a usable state. */
void rng_seed(struct rng *r, uint64_t seed);

/* The next 64 random bits. */
uint64_t rng_next(struct rng *r);

/* A uniform double in [0, 1). */
double rng_unit(struct rng *r);

/* A uniform double in [low, high] (low when they are equal). */
double rng_between(struct rng *r, double low, double high);

#endif
