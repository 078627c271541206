/*
 * strset — a counted set of strings in insertion order (see strset.h).
 */
#include "strset.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

/* The index of key in s, or -1. */
long strset_find(const struct strset *s, const char *key)
{
	if (!s->nslots)
		return -1;
	size_t at = hash_string(HASH_FNV1A_BASIS, key) & (s->nslots - 1);
	while (s->slots[at] != UINT32_MAX) {
		if (strcmp(s->keys[s->slots[at]], key) == 0)
			return s->slots[at];
		at = (at + 1) & (s->nslots - 1);
	}
	return -1;
}

/* Doubles the slots of s when it is half full, placing every key again. */
static int strset_rehash(struct strset *s)
{
	if ((s->n + 1) * 2 <= s->nslots)
		return 0;
	size_t ns = s->nslots ? s->nslots * 2 : 1024;
	uint32_t *slots = malloc(ns * sizeof *slots);
	if (!slots)
		return -1;
	memset(slots, 0xff, ns * sizeof *slots);
	for (size_t i = 0; i < s->n; i++) {
		size_t at = hash_string(HASH_FNV1A_BASIS, s->keys[i]) & (ns - 1);
		while (slots[at] != UINT32_MAX)
			at = (at + 1) & (ns - 1);
		slots[at] = (uint32_t)i;
	}
	free(s->slots);
	s->slots = slots;
	s->nslots = ns;
	return 0;
}

/* Adds key to s with a count of 1, or counts it once more. Returns its index, -1 out of memory. */
long strset_add(struct strset *s, const char *key)
{
	long i = strset_find(s, key);
	if (i >= 0) {
		s->counts[i]++;
		return i;
	}
	if (strset_rehash(s) != 0)
		return -1;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **k = realloc(s->keys, cap * sizeof *k);
		if (k)
			s->keys = k;
		unsigned *c = k ? realloc(s->counts, cap * sizeof *c) : NULL;
		if (!c)
			return -1;
		s->counts = c;
		s->cap = cap;
	}
	if (!(s->keys[s->n] = strdup(key)))
		return -1;
	s->counts[s->n] = 1;
	size_t at = hash_string(HASH_FNV1A_BASIS, key) & (s->nslots - 1);
	while (s->slots[at] != UINT32_MAX)
		at = (at + 1) & (s->nslots - 1);
	s->slots[at] = (uint32_t)s->n;
	return (long)s->n++;
}

void strset_free(struct strset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->counts);
	free(s->slots);
	memset(s, 0, sizeof *s);
}
