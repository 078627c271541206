/*
 * adr — Architecture Decision Records from a verdict: the record's text (MADR 4, or MADR 2 as
 * log4brains reads it), and numbered files in a directory that are never overwritten, supersede
 * their predecessors, and are not written again for unchanged inputs.
 */
#ifndef VERDICT_ADR_H
#define VERDICT_ADR_H

#include <stddef.h>
#include <stdio.h>

#include "engine.h"

enum adr_template {
	ADR_MADR4,	/* MADR 4: front matter with status, date and decision-makers */
	ADR_LOG4BRAINS, /* MADR 2 as log4brains reads it: "- Status:" lines under the title */
};

/* How a record is written. */
struct adr_options {
	const char *status;   /* "proposed" (also when NULL) or "accepted" */
	const char *deciders; /* who decides, "Ann, Bob"; NULL when not given (checked by the
				 caller: no control characters) */
	enum adr_template template;
};

/* Writes the record as Markdown in o's template (NULL: MADR 4, proposed): the context, the
 * drivers, the outcome with its consequences (the cost among them), the triggers to revisit it
 * and the options' pros and cons; SOURCE_DATE_EPOCH fixes the date. `supersedes` is the file
 * name of the record this one replaces, or NULL. */
void adr_write(FILE *f, const struct kb *kb, const struct profile *p, const struct verdict *v,
	       const char *subject, const char *supersedes, const struct adr_options *o);

/* What a decision was made from, as the record states it: the profile's fingerprint, the KB's
 * version, the lab evidence in use and the Monte Carlo seed and samples. Returns buf. */
const char *adr_inputs(const struct kb *kb, const struct profile *p, const struct verdict *v,
		       char *buf, size_t size);

#define ADR_SLUG_MAX 160 /* bytes of a slug: the record's file name stays under 255 */
#define ADR_HASH_LEN 9	 /* "-" and 8 hex digits */

/* The name as a file-name slug: lowercase ASCII letters and digits, other runs as '-'
 * ("Checkout API" -> "checkout-api"); Latin letters with diacritics become their base letters
 * ("Zürich" -> "zurich"). When a character has no ASCII form, or the slug is cut to fit size,
 * a hash of the whole name follows ("日本" -> "project-6b3f52f8"), so that different names
 * never share a slug. Writes at most size bytes (at least 32, else an empty slug). */
void adr_slug(const char *name, char *out, size_t size);

#define ADR_UNCHANGED 1 /* adr_record: the last record was decided from the same inputs */

/* Writes the next numbered record in dir (created if missing): NNNN-language-for-SLUG.md. When
 * an earlier record for the same subject exists, the new one supersedes it and the old one's
 * status is updated, unless the latest was decided from the same inputs (adr_inputs): then
 * nothing is written and ADR_UNCHANGED is returned with that record's path in written. Never
 * overwrites a file. Returns 0 and the new path in written, ADR_UNCHANGED, or -1 with *e set
 * (nothing is left half-written). */
int adr_record(const char *dir, const struct kb *kb, const struct profile *p,
	       const struct verdict *v, const char *subject, const struct adr_options *o,
	       char *written, size_t size, struct err *e);

#endif
