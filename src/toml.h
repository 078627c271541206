/*
 * toml — a reader for the part of TOML that package manifests use (Cargo.toml, Cargo.lock,
 * pyproject.toml): tables and arrays of tables, dotted and quoted keys, basic and literal strings
 * (one-line and multi-line), numbers, booleans and dates (kept as text), arrays and inline tables.
 * It builds no document: it calls back once per value with the value's whole key path, so a
 * caller picks out the few keys it needs. Debian packages no C TOML library (only C++ ones), so
 * this is ours; it reads untrusted files, so everything is bounded and it is fuzzed
 * (fuzz/fuzz_manifest.c).
 */
#ifndef VERDICT_TOML_H
#define VERDICT_TOML_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define TOML_MAX_DEPTH 16	   /* key path components, arrays and inline tables nested */
#define TOML_MAX_KEY   256	   /* bytes in one key */
#define TOML_MAX_VALUE (64u << 10) /* bytes in one string value */
#define TOML_MAX_BYTES (1u << 20)  /* a manifest larger than this is refused */

enum toml_event {
	TOML_TABLE,	  /* a [table] header: path is the table's */
	TOML_ARRAY_TABLE, /* a [[table]] header: a new element of an array of tables */
	TOML_VALUE, /* a value: path is the table's plus the key's (inline tables flattened) */
};

struct toml_item {
	enum toml_event event;
	const char *const *path; /* the key path (borrowed for the callback's duration) */
	size_t depth;		 /* components in path */
	const char *value;	 /* TOML_VALUE: strings unescaped, other values as written */
	bool is_string;		 /* the value was a string */
	bool in_array;		 /* an element of an array: each element is its own event */
	int line;		 /* where the value or header is */
};

/* Called for every table header and value; a non-zero return stops the reading and is returned. */
typedef int (*toml_fn)(void *ctx, const struct toml_item *it);

/* Reads len bytes of buf (name labels messages) and calls fn for each header and value in file
 * order. Returns 0, fn's non-zero return, or -1 with *e set to "NAME:LINE: what is wrong" for
 * text that is not TOML (input error) or out of memory (internal). */
int toml_read(const char *name, const char *buf, size_t len, toml_fn fn, void *ctx, struct err *e);

/* True when path is exactly the given components (NULL-terminated list). */
bool toml_path_is(const struct toml_item *it, const char *const *want);

#endif
