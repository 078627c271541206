/*
 * strset — a set of strings, each with a count, in insertion order: index i is the i-th key
 * added, so a caller can keep a parallel array of its own per key. Open addressing with FNV-1a;
 * it doubles when half full. `verdict scan` keeps people, addresses, files and dependencies in
 * them.
 */
#ifndef VERDICT_STRSET_H
#define VERDICT_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset {
	char **keys;	  /* in insertion order (owned) */
	unsigned *counts; /* how often each key was added */
	uint32_t *slots;
	size_t n, nslots, cap;
};

/* The index of key, or -1. */
long strset_find(const struct strset *s, const char *key);

/* Adds key with a count of 1, or counts it once more. Returns its index, or -1 when out of
 * memory (s unchanged). */
long strset_add(struct strset *s, const char *key);

/* Frees what s holds and empties it; an all-zero strset is empty already. */
void strset_free(struct strset *s);

#endif
