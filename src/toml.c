/*
 * toml — the manifest subset of TOML, read with callbacks (see toml.h). One pass over the bytes
 * with a cursor; the key path lives in fixed buffers; string values are unescaped into one
 * growing buffer capped at TOML_MAX_VALUE.
 */
#include "toml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

struct reader {
	const char *name;
	const char *p, *end;
	int line;
	toml_fn fn;
	void *ctx;
	struct err *e;
	char comp[TOML_MAX_DEPTH][TOML_MAX_KEY + 1];
	const char *path[TOML_MAX_DEPTH];
	size_t table_depth; /* components of the current [table] */
	int nest;	    /* arrays and inline tables open */
	char *val;
	size_t len, cap;
};

static int bad(struct reader *r, const char *what)
{
	return err_input(r->e, r->name, r->line, "not valid TOML: %s", what);
}

static bool at_end(const struct reader *r)
{
	return r->p >= r->end;
}

static void skip_ws(struct reader *r)
{
	while (!at_end(r) && (*r->p == ' ' || *r->p == '\t'))
		r->p++;
}

static void skip_comment(struct reader *r)
{
	if (!at_end(r) && *r->p == '#')
		while (!at_end(r) && *r->p != '\n')
			r->p++;
}

/* Whitespace, comments and newlines, as between array elements and top-level lines. */
static int skip_blank(struct reader *r)
{
	for (;;) {
		skip_ws(r);
		skip_comment(r);
		if (at_end(r))
			return 0;
		if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
			r->p++;
		if (*r->p != '\n')
			return 0;
		r->p++;
		r->line++;
	}
}

/* The end of a line: optional whitespace and comment, then a newline or the end. */
static int end_of_line(struct reader *r)
{
	skip_ws(r);
	skip_comment(r);
	if (at_end(r))
		return 0;
	if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
		r->p++;
	if (*r->p != '\n')
		return bad(r, "unexpected text after a value (one key = value per line)");
	r->p++;
	r->line++;
	return 0;
}

static int put(struct reader *r, char c)
{
	if (r->len >= TOML_MAX_VALUE)
		return err_input(r->e, r->name, r->line, "a string is longer than %u bytes",
				 TOML_MAX_VALUE);
	if (r->len + 1 >= r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		char *v = realloc(r->val, cap);
		if (!v)
			return err_internal(r->e, "out of memory");
		r->val = v;
		r->cap = cap;
	}
	r->val[r->len++] = c;
	r->val[r->len] = '\0';
	return 0;
}

static int put_utf8(struct reader *r, unsigned long cp)
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0)
		return bad(r, "\\u escape names no character");
	unsigned char b[4];
	int n;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	for (int i = 0; i < n; i++)
		if (put(r, (char)b[i]) != 0)
			return -1;
	return 0;
}

/* After a backslash in a basic string. */
static int escape(struct reader *r, bool multiline)
{
	if (at_end(r))
		return bad(r, "a string ends inside an escape");
	char c = *r->p++;
	switch (c) {
	case 'b':
		return put(r, '\b');
	case 't':
		return put(r, '\t');
	case 'n':
		return put(r, '\n');
	case 'f':
		return put(r, '\f');
	case 'r':
		return put(r, '\r');
	case 'e':
		return put(r, 0x1b);
	case '"':
		return put(r, '"');
	case '\\':
		return put(r, '\\');
	case 'u':
	case 'U': {
		int digits = c == 'u' ? 4 : 8;
		unsigned long cp = 0;
		for (int i = 0; i < digits; i++) {
			int h = at_end(r) ? -1 : num_hex_digit((unsigned char)*r->p);
			if (h < 0)
				return bad(r, "a \\u escape needs hex digits");
			cp = cp * 16 + (unsigned long)h;
			r->p++;
		}
		return put_utf8(r, cp);
	}
	default:
		break;
	}
	if (multiline && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
		/* a line-ending backslash: drop the newline and the whitespace after it */
		r->p--;
		while (!at_end(r) &&
		       (*r->p == ' ' || *r->p == '\t' || *r->p == '\r' || *r->p == '\n')) {
			if (*r->p == '\n')
				r->line++;
			r->p++;
		}
		return 0;
	}
	return bad(r, "unknown escape in a string");
}

/* A string starting at the quote under the cursor, into r->val. */
static int read_string(struct reader *r)
{
	char q = *r->p;
	bool basic = q == '"';
	bool multi = r->end - r->p >= 3 && r->p[1] == q && r->p[2] == q;
	r->len = 0;
	if (put(r, 'x') != 0) /* makes sure the buffer exists */
		return -1;
	r->len = 0;
	r->val[0] = '\0';
	r->p += multi ? 3 : 1;
	if (multi) { /* a newline right after the opening delimiter is not part of the string */
		if (r->end - r->p >= 2 && r->p[0] == '\r' && r->p[1] == '\n')
			r->p++;
		if (!at_end(r) && *r->p == '\n') {
			r->p++;
			r->line++;
		}
	}
	for (;;) {
		if (at_end(r))
			return bad(r, "a string is not closed");
		char c = *r->p;
		if (c == q) {
			if (!multi) {
				r->p++;
				return 0;
			}
			size_t run = 0;
			while (r->p + run < r->end && r->p[run] == q && run < 5)
				run++;
			if (run >= 3) { /* up to two quotes before the closing three are content */
				for (size_t i = 0; i < run - 3; i++)
					if (put(r, q) != 0)
						return -1;
				r->p += run;
				return 0;
			}
			for (size_t i = 0; i < run; i++)
				if (put(r, q) != 0)
					return -1;
			r->p += run;
			continue;
		}
		if (c == '\0')
			return bad(r, "a NUL byte in a string");
		if (c == '\n') {
			if (!multi)
				return bad(r, "a newline inside a one-line string");
			r->line++;
		}
		r->p++;
		if (basic && c == '\\') {
			if (escape(r, multi) != 0)
				return -1;
			continue;
		}
		if (put(r, c) != 0)
			return -1;
	}
}

static bool bare_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* One key (bare or quoted) into r->comp[at]. */
static int read_key(struct reader *r, size_t at)
{
	if (at >= TOML_MAX_DEPTH)
		return err_input(r->e, r->name, r->line, "keys nested deeper than %d levels",
				 TOML_MAX_DEPTH);
	char *out = r->comp[at];
	if (!at_end(r) && (*r->p == '"' || *r->p == '\'')) {
		if (r->end - r->p >= 3 && r->p[1] == *r->p && r->p[2] == *r->p)
			return bad(r, "a key cannot be a multi-line string");
		if (read_string(r) != 0)
			return -1;
		if (r->len > TOML_MAX_KEY)
			return err_input(r->e, r->name, r->line, "a key is longer than %d bytes",
					 TOML_MAX_KEY);
		memcpy(out, r->val, r->len + 1);
	} else {
		size_t n = 0;
		while (!at_end(r) && bare_key_char(*r->p)) {
			if (n == TOML_MAX_KEY)
				return err_input(r->e, r->name, r->line,
						 "a key is longer than %d bytes", TOML_MAX_KEY);
			out[n++] = *r->p++;
		}
		if (n == 0)
			return bad(r, "expected a key");
		out[n] = '\0';
	}
	r->path[at] = out;
	return 0;
}

/* key ( '.' key )* from component `at`; *depth is the path length after it. */
static int read_key_path(struct reader *r, size_t at, size_t *depth)
{
	for (;;) {
		skip_ws(r);
		if (read_key(r, at++) != 0)
			return -1;
		skip_ws(r);
		if (at_end(r) || *r->p != '.')
			break;
		r->p++;
	}
	*depth = at;
	return 0;
}

static int emit(struct reader *r, enum toml_event ev, size_t depth, const char *value,
		bool is_string, bool in_array)
{
	struct toml_item it = {.event = ev,
			       .path = r->path,
			       .depth = depth,
			       .value = value,
			       .is_string = is_string,
			       .in_array = in_array,
			       .line = r->line};
	return r->fn(r->ctx, &it);
}

static bool bare_value_char(char c)
{
	return bare_key_char(c) || c == '+' || c == '.' || c == ':';
}

static int read_value(struct reader *r, size_t depth, bool in_array);

/* After an element of an array (close ']', where newlines and comments may come between) or of
 * an inline table ('}'): *closed tells whether the closing bracket (consumed) or a comma came.
 * Returns 0, or -1 with *e set. */
static int next_element(struct reader *r, char close, bool *closed)
{
	if (close == ']' && skip_blank(r) != 0)
		return -1;
	if (close != ']')
		skip_ws(r);
	if (at_end(r))
		return bad(r, close == ']' ? "an array is not closed"
					   : "an inline table is not closed");
	*closed = *r->p == close;
	if (*r->p != ',' && *r->p != close)
		return bad(r, close == ']' ? "expected ',' or ']' in an array"
					   : "expected ',' or '}' in an inline table");
	r->p++;
	return 0;
}

static int read_array(struct reader *r, size_t depth)
{
	r->p++;
	for (;;) {
		if (skip_blank(r) != 0)
			return -1;
		if (at_end(r))
			return bad(r, "an array is not closed");
		if (*r->p == ']') { /* empty, or after a trailing comma */
			r->p++;
			return 0;
		}
		bool closed = false;
		int rc = read_value(r, depth, true);
		if (rc == 0)
			rc = next_element(r, ']', &closed);
		if (rc != 0 || closed)
			return rc;
	}
}

static int read_inline_table(struct reader *r, size_t depth, bool in_array)
{
	r->p++;
	skip_ws(r);
	if (!at_end(r) && *r->p == '}') {
		r->p++;
		return 0;
	}
	for (;;) {
		size_t d;
		if (read_key_path(r, depth, &d) != 0)
			return -1;
		if (at_end(r) || *r->p != '=')
			return bad(r, "expected '=' after a key in an inline table");
		r->p++;
		skip_ws(r);
		bool closed = false;
		int rc = read_value(r, d, in_array);
		if (rc == 0)
			rc = next_element(r, '}', &closed);
		if (rc != 0 || closed)
			return rc;
	}
}

static int read_value(struct reader *r, size_t depth, bool in_array)
{
	if (at_end(r))
		return bad(r, "expected a value");
	char c = *r->p;
	if (c == '"' || c == '\'') {
		if (read_string(r) != 0)
			return -1;
		return emit(r, TOML_VALUE, depth, r->val, true, in_array);
	}
	if (c == '[' || c == '{') {
		if (r->nest >= TOML_MAX_DEPTH)
			return err_input(r->e, r->name, r->line,
					 "arrays and tables nested deeper than %d levels",
					 TOML_MAX_DEPTH);
		r->nest++;
		int rc = c == '[' ? read_array(r, depth) : read_inline_table(r, depth, in_array);
		r->nest--;
		return rc;
	}
	char tok[128];
	size_t n = 0;
	while (!at_end(r) && bare_value_char(*r->p)) {
		if (n + 1 == sizeof tok)
			return bad(r, "a value is too long");
		tok[n++] = *r->p++;
	}
	/* a date and a time separated by a space: 1979-05-27 07:32:00 */
	if (n == 10 && tok[4] == '-' && r->end - r->p > 1 && *r->p == ' ' && r->p[1] >= '0' &&
	    r->p[1] <= '9') {
		tok[n++] = *r->p++;
		while (!at_end(r) && bare_value_char(*r->p) && n + 1 < sizeof tok)
			tok[n++] = *r->p++;
	}
	tok[n] = '\0';
	if (n == 0)
		return bad(r, "expected a value");
	return emit(r, TOML_VALUE, depth, tok, false, in_array);
}

static int read_all(struct reader *r)
{
	for (;;) {
		if (skip_blank(r) != 0)
			return -1;
		if (at_end(r))
			return 0;
		int rc;
		if (*r->p == '[') {
			bool array = r->end - r->p > 1 && r->p[1] == '[';
			r->p += array ? 2 : 1;
			size_t d;
			if (read_key_path(r, 0, &d) != 0)
				return -1;
			if (at_end(r) || *r->p != ']' ||
			    (array && (r->end - r->p < 2 || r->p[1] != ']')))
				return bad(r, array ? "expected ']]' after a table name"
						    : "expected ']' after a table name");
			r->p += array ? 2 : 1;
			r->table_depth = d;
			rc = emit(r, array ? TOML_ARRAY_TABLE : TOML_TABLE, d, NULL, false, false);
		} else {
			size_t d;
			if (read_key_path(r, r->table_depth, &d) != 0)
				return -1;
			if (at_end(r) || *r->p != '=')
				return bad(r, "expected '=' after a key");
			r->p++;
			skip_ws(r);
			rc = read_value(r, d, false);
		}
		if (rc != 0)
			return rc;
		if (end_of_line(r) != 0)
			return -1;
	}
}

int toml_read(const char *name, const char *buf, size_t len, toml_fn fn, void *ctx, struct err *e)
{
	if (len > TOML_MAX_BYTES)
		return err_input(e, name, 0, "larger than %u bytes: not read", TOML_MAX_BYTES);
	if (memchr(buf, '\0', len))
		return err_input(e, name, 0, "contains a NUL byte: not a TOML text file");
	struct reader *r = calloc(1, sizeof *r);
	if (!r)
		return err_internal(e, "out of memory");
	r->name = name;
	r->p = buf;
	r->end = buf + len;
	r->line = 1;
	r->fn = fn;
	r->ctx = ctx;
	r->e = e;
	/* a byte-order mark is allowed at the start */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
	int rc = read_all(r);
	free(r->val);
	free(r);
	return rc;
}

bool toml_path_is(const struct toml_item *it, const char *const *want)
{
	size_t i = 0;
	for (; want[i]; i++)
		if (i >= it->depth || strcmp(it->path[i], want[i]) != 0)
			return false;
	return i == it->depth;
}
