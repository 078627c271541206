/*
 * adr — Architecture Decision Records (MADR 4) from a verdict: the record's text, and numbered
 * files in a directory that are never overwritten and supersede their predecessors.
 */
#ifndef VERDICT_ADR_H
#define VERDICT_ADR_H

#include <stdio.h>

#include "engine.h"

/* Writes the record as MADR 4 Markdown (front matter with status and date; SOURCE_DATE_EPOCH
 * fixes the date). `supersedes` is the file name of the record this one replaces, or NULL. */
void adr_write(FILE *f, const struct kb *kb, const struct profile *p, const struct verdict *v,
	       const char *subject, const char *supersedes);

#define ADR_SLUG_MAX 160 /* bytes of a slug: the record's file name stays under 255 */
#define ADR_HASH_LEN 9	 /* "-" and 8 hex digits */

/* The name as a file-name slug: lowercase ASCII letters and digits, other runs as '-'
 * ("Checkout API" -> "checkout-api"); Latin letters with diacritics become their base letters
 * ("Zürich" -> "zurich"). When a character has no ASCII form, or the slug is cut to fit size,
 * a hash of the whole name follows ("日本" -> "project-6b3f52f8"), so that different names
 * never share a slug. Writes at most size bytes (at least 32, else an empty slug). */
void adr_slug(const char *name, char *out, size_t size);

/* Writes the next numbered record in dir (created if missing): NNNN-language-for-SLUG.md. When
 * an earlier record for the same subject exists, the new one supersedes it and the old one's
 * status is updated. Never overwrites a file. Returns 0 and the new path in written, or -1 with
 * *e set (nothing is left half-written). */
int adr_record(const char *dir, const struct kb *kb, const struct profile *p,
	       const struct verdict *v, const char *subject, char *written, size_t size,
	       struct err *e);

#endif
