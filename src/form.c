/*
 * form — form bodies into fields, fields into a profile's JSON (see form.h). Decoding is strict
 * where a browser is never sloppy (every % starts a two-digit escape) so that a mangled request is
 * refused with a message rather than guessed at.
 */
#include "form.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "profile.h"

/* Decodes src[0..n) into dst (at least n + 1 bytes); returns the decoded length or -1. */
static long decode(const char *src, size_t n, char *dst)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)src[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= n)
				return -1;
			int hi = num_hex_digit((unsigned char)src[i + 1]),
			    lo = num_hex_digit((unsigned char)src[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = hi * 16 + lo;
			i += 2;
		}
		if (c == 0)
			return -1;
		dst[o++] = (char)c;
	}
	dst[o] = '\0';
	return (long)o;
}

int form_parse(struct form *fm, const char *body, size_t len, struct err *e)
{
	memset(fm, 0, sizeof *fm);
	/* every field decodes to at most its own length, plus a NUL for name and value */
	fm->buf = malloc(len + 2 * FORM_MAX_FIELDS + 2);
	if (!fm->buf)
		return err_internal(e, "out of memory");
	char *out = fm->buf;
	size_t i = 0;
	while (i < len) {
		const char *amp = memchr(body + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - body) : len;
		if (end > i) {
			if (fm->n == FORM_MAX_FIELDS) {
				form_free(fm);
				return err_input(e, NULL, 0, "the form has more than %d fields",
						 FORM_MAX_FIELDS);
			}
			const char *eq = memchr(body + i, '=', end - i);
			size_t name_end = eq ? (size_t)(eq - body) : end;
			long nl = decode(body + i, name_end - i, out);
			long vl = nl < 0 ? -1
				  : eq	 ? decode(eq + 1, end - name_end - 1, out + nl + 1)
					 : (out[nl + 1] = '\0', 0);
			if (nl < 0 || vl < 0) {
				size_t field = fm->n + 1;
				form_free(fm);
				return err_input(
				    e, NULL, 0,
				    "the form's field %zu is not URL-encoded (a stray %% or "
				    "a NUL byte)",
				    field);
			}
			fm->fields[fm->n].name = out;
			fm->fields[fm->n].value = out + nl + 1;
			fm->n++;
			out += nl + vl + 2;
		}
		i = end + 1;
	}
	return 0;
}

void form_free(struct form *fm)
{
	free(fm->buf);
	memset(fm, 0, sizeof *fm);
}

const char *form_get(const struct form *fm, const char *name)
{
	for (size_t i = 0; i < fm->n; i++)
		if (strcmp(fm->fields[i].name, name) == 0)
			return fm->fields[i].value;
	return NULL;
}

/* The value as the profile's field `name` expects it: a number for number fields, a boolean for
 * boolean ones (a checkbox sends "true" or "on"), text otherwise and whenever it does not parse. */
static json_t *typed(const char *name, const char *value)
{
	int f = profile_field_lookup(name);
	double v;
	if (f >= 0 &&
	    (profile_field((enum field)f)->type == FT_NUMBER ||
	     profile_field((enum field)f)->type == FT_INT) &&
	    num_parse_double(value, &v) == 0)
		return v == (double)(json_int_t)v && profile_field((enum field)f)->type == FT_INT
			   ? json_integer((json_int_t)v)
			   : json_real(v);
	if (f >= 0 && profile_field((enum field)f)->type == FT_BOOL &&
	    (strcmp(value, "true") == 0 || strcmp(value, "on") == 0 || strcmp(value, "false") == 0))
		return json_boolean(value[0] != 'f');
	return json_string(value);
}

/* Sets the dotted name in root to v (consumed), creating objects on the way. */
static int put(json_t *root, const char *name, json_t *v, struct err *e)
{
	char part[96];
	json_t *o = root;
	const char *p = name;
	const char *dot;
	while ((dot = strchr(p, '.')) != NULL) {
		size_t n = (size_t)(dot - p);
		if (n == 0 || n >= sizeof part)
			break;
		memcpy(part, p, n);
		part[n] = '\0';
		json_t *next = json_object_get(o, part);
		if (!next) {
			next = json_object();
			if (!next || json_object_set_new(o, part, next) != 0) {
				json_decref(v);
				return err_internal(e, "out of memory");
			}
		} else if (!json_is_object(next)) {
			json_decref(v);
			return err_input(
			    e, NULL, 0, "the form gives '%s' both as a value and as a group", part);
		}
		o = next;
		p = dot + 1;
	}
	if (json_object_get(o, p)) {
		json_decref(v);
		return err_input(e, NULL, 0, "the form gives '%s' twice", name);
	}
	if (!v || json_object_set_new(o, p, v) != 0)
		return err_internal(e, "out of memory");
	return 0;
}

char *form_profile_json(const struct form *fm, struct err *e)
{
	json_t *root = json_object();
	json_t *reuse = json_object();
	if (!root || !reuse) {
		json_decref(root);
		json_decref(reuse);
		err_internal(e, "out of memory");
		return NULL;
	}
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < fm->n; i++) {
		const char *name = fm->fields[i].name, *value = fm->fields[i].value;
		if (!*value || strncmp(name, FORM_CALC_PREFIX, strlen(FORM_CALC_PREFIX)) == 0)
			continue;
		if (strncmp(name, "reuse.", 6) == 0)
			rc = put(reuse, name + 6, json_string(value), e);
		else
			rc = put(root, name, typed(name, value), e);
	}
	/* one reuses entry: it counts only when its language is given */
	if (rc == 0 && json_object_get(reuse, "language")) {
		json_t *list = json_array();
		if (!list || json_array_append(list, reuse) != 0) {
			json_decref(list);
			rc = err_internal(e, "out of memory");
		} else if (json_object_set_new(root, "reuses", list) != 0) {
			rc = err_internal(e, "out of memory");
		}
	}
	char *s = rc == 0 ? json_dumps(root, JSON_PRESERVE_ORDER | JSON_COMPACT) : NULL;
	if (rc == 0 && !s)
		err_internal(e, "out of memory");
	json_decref(reuse);
	json_decref(root);
	return s;
}
