/*
 * arena — allocate freely, free once. The knowledge base and each decision keep their strings
 * and arrays in one arena, so there is one free per object graph and no leaks on error paths.
 */
#ifndef VERDICT_ARENA_H
#define VERDICT_ARENA_H

#include <stddef.h>

struct arena;

/* Creates an empty arena; NULL when out of memory. Free with arena_free. */
struct arena *arena_new(void);

/* Frees the arena and everything allocated from it. arena_free(NULL) is a no-op. */
void arena_free(struct arena *a);

/* Returns n zeroed bytes aligned for any type, owned by the arena; NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t n);

/* Returns a copy of s owned by the arena (NULL when out of memory or s is NULL). */
char *arena_strdup(struct arena *a, const char *s);

#endif
