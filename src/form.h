/*
 * form — what a browser's form sends (application/x-www-form-urlencoded) read into name/value
 * pairs, and a profile's JSON built from them, so the page's forms work without JavaScript and go
 * through the same profile parser, with the same messages, as a YAML file or the JSON API.
 */
#ifndef VERDICT_FORM_H
#define VERDICT_FORM_H

#include <stddef.h>

#include "err.h"

#define FORM_MAX_FIELDS	 64	 /* the full profile form sends about forty */
#define FORM_NAME_PREFIX "form"	 /* the file name profile messages carry: "form:1: ..." */
#define FORM_CALC_PREFIX "calc." /* fields of a calculator, not of the profile */

struct form_field {
	const char *name, *value; /* decoded, NUL-terminated (owned by the form) */
};

struct form {
	struct form_field fields[FORM_MAX_FIELDS];
	size_t n;
	char *buf; /* the decoded text the fields point into */
};

/* Decodes body (len bytes, not NUL-terminated) into *fm: '&'-separated name=value pairs, '+' a
 * space, %XX a byte. Returns 0, or -1 with *e set (input: more than FORM_MAX_FIELDS fields, a bad
 * %-escape, a NUL byte) and *fm empty. Free with form_free. */
int form_parse(struct form *fm, const char *body, size_t len, struct err *e);

/* Frees what form_parse allocated; the form is left empty. */
void form_free(struct form *fm);

/* The value of the first field called name, or NULL (borrowed from fm). */
const char *form_get(const struct form *fm, const char *name);

/* The profile the form's fields describe, as JSON text for profile_parse: dotted names nest
 * ("team.size"), numbers and booleans of the profile's number and boolean fields are typed,
 * empty fields are left out (the profile's default applies), the reuse.language / reuse.what /
 * reuse.share fields make one `reuses` entry, and FORM_CALC_PREFIX fields are skipped. Anything
 * else is passed as text, for the parser to accept or refuse. Returns a string to free with
 * free, or NULL with *e set (a field given twice; out of memory). */
char *form_profile_json(const struct form *fm, struct err *e);

#endif
