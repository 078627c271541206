/*
 * hash — FNV-1a, 64 bits: a spread for tables, a content hash for versions, a seed for named
 * random streams. Never for anything secret.
 */
#ifndef VERDICT_HASH_H
#define VERDICT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a's 64-bit offset basis, where a fresh hash starts. */
#define HASH_FNV1A_BASIS UINT64_C(14695981039346656037)

/* h carried on over n bytes at data; start from HASH_FNV1A_BASIS, chain calls to hash pieces. */
uint64_t hash_bytes(uint64_t h, const void *data, size_t n);

/* h carried on over the bytes of string s, its terminator not included. */
uint64_t hash_string(uint64_t h, const char *s);

#endif
