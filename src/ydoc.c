/*
 * ydoc — loading and checking YAML documents (see ydoc.h). The text is first read as libyaml's
 * event stream, which is checked as it comes (nesting depth, one document, no NUL in a value):
 * a hostile file is refused at the event that crosses a limit, before any tree is built. Only
 * then is the document loaded. libyaml resolves aliases to shared nodes rather than copies, so
 * "billion laughs" files stay small; a walk with a budget bounds them once expanded.
 */
#include "ydoc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"

struct ydoc {
	const char *name;
	yaml_document_t doc;
};

const char *ydoc_name(const struct ydoc *d)
{
	return d->name;
}

yaml_node_t *ydoc_root(struct ydoc *d)
{
	return yaml_document_get_root_node(&d->doc);
}

yaml_node_t *ydoc_node(struct ydoc *d, int index)
{
	return yaml_document_get_node(&d->doc, index);
}

int ydoc_line(const yaml_node_t *n)
{
	return n ? (int)n->start_mark.line + 1 : 0;
}

const char *ydoc_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

bool ydoc_null(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return false;
	if (n->tag && strcmp((const char *)n->tag, YAML_NULL_TAG) == 0)
		return true;
	const char *s = (const char *)n->data.scalar.value;
	return ydoc_plain(n) && (strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
				 strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0);
}

bool ydoc_plain(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

const char *ydoc_kind(const yaml_node_t *n)
{
	if (!n)
		return "nothing";
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_SCALAR_NODE:
		return n->data.scalar.length == 0 ? "an empty value" : "text";
	default:
		return "nothing";
	}
}

/* Depth of the node graph below n, stopping once it exceeds the limit. Aliases make the graph
 * a DAG (libyaml refuses recursive aliases), so this terminates; the limit also bounds time. */
static int depth_exceeds(struct ydoc *d, yaml_node_t *n, int depth, int *line, long *budget)
{
	if (!n)
		return 0;
	if (depth > YDOC_MAX_DEPTH || --*budget < 0) {
		*line = ydoc_line(n);
		return 1;
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = n->data.sequence.items.start;
		     i < n->data.sequence.items.top; i++)
			if (depth_exceeds(d, ydoc_node(d, *i), depth + 1, line, budget))
				return 1;
	} else if (n->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		     p < n->data.mapping.pairs.top; p++)
			if (depth_exceeds(d, ydoc_node(d, p->key), depth + 1, line, budget) ||
			    depth_exceeds(d, ydoc_node(d, p->value), depth + 1, line, budget))
				return 1;
	}
	return 0;
}

/* --- the text libyaml reads -------------------------------------------------------------------
 *
 * libyaml's marks count characters, not bytes, and skip a byte-order mark; these helpers move
 * between the two. The text is valid UTF-8 (libyaml refused it otherwise).
 */

static size_t bom_bytes(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* The byte offset of the character at mark index `index`, or len when past the end. */
static size_t byte_offset(const char *text, size_t len, size_t index)
{
	size_t i = bom_bytes(text, len);
	for (size_t chars = 0; i < len; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80 && chars++ == index)
			return i;
	return len;
}

static int hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		*v = *v << 4 | (unsigned)d;
	}
	return 0;
}

/* libyaml says only "found invalid Unicode character escape code": name the escape. */
static bool escape_error(yaml_parser_t *p, const char *text, size_t len, const char *name,
			 struct err *e)
{
	if (!p->problem || strcmp(p->problem, "found invalid Unicode character escape code") != 0)
		return false;
	/* the mark is on the escape's first hex digit, after \u or \U */
	size_t at = byte_offset(text, len, p->problem_mark.index);
	if (at < 2 || at >= len || text[at - 2] != '\\' ||
	    (text[at - 1] != 'u' && text[at - 1] != 'U'))
		return false;
	int line = (int)p->problem_mark.line + 1;
	unsigned v;
	if (text[at - 1] == 'u' && len - at >= 4 && hex4(text + at, &v) == 0)
		err_input(e, name, line,
			  "not valid YAML: \\u%.4s is half of a UTF-16 surrogate pair without its "
			  "other half (a character beyond U+FFFF is written \\ud83d\\ude00 or "
			  "\\U0001F600)",
			  text + at);
	else
		err_input(e, name, line,
			  "not valid YAML: \\U%.8s is beyond the last Unicode "
			  "character (U+10FFFF)",
			  text + at);
	return true;
}

static void parser_error(yaml_parser_t *p, const char *text, size_t len, const char *name,
			 struct err *e)
{
	int line = (int)p->problem_mark.line + 1;
	if (p->error == YAML_MEMORY_ERROR) {
		err_internal(e, "%s: out of memory while reading YAML", name);
		return;
	}
	if (escape_error(p, text, len, name, e))
		return;
	int started = (int)p->context_mark.line + 1;
	if (p->context && started < line)
		err_input(e, name, line, "not valid YAML: %s %s (started at line %d)",
			  p->problem ? p->problem : "error", p->context, started);
	else if (p->context)
		err_input(e, name, line, "not valid YAML: %s %s", p->problem ? p->problem : "error",
			  p->context);
	else
		err_input(e, name, line, "not valid YAML: %s", p->problem ? p->problem : "error");
}

/* --- JSON's surrogate pairs ---------------------------------------------------------------------
 *
 * JSON writes a character beyond U+FFFF as two escapes, a UTF-16 surrogate pair ("\ud83d\ude00"
 * is 😀), and YAML 1.2 is meant to read every JSON text; libyaml (a YAML 1.1 parser) refuses each
 * half. So each pair inside a double-quoted scalar is rewritten as the one escape YAML has for
 * the character ("\U0001f600") before libyaml reads the text. Where a scalar starts and ends
 * does not depend on these characters (backslashes, letters and digits alike), so libyaml's own
 * events on the rewritten text say which pairs were in double-quoted scalars; one anywhere else
 * (a comment, a plain or single-quoted scalar, where it is literal text) is put back as it was.
 */

struct pair {
	size_t from; /* byte offset of the pair's backslash in the original text */
	size_t at;   /* character index of its rewrite in the fully rewritten text */
	bool quoted; /* inside a double-quoted scalar: the rewrite stands */
};

#define PAIR_BYTES 12 /* \ud83d\ude00 */
#define ONE_BYTES  10 /* \U0001f600 */

/* True when the 12 bytes at s are an escaped high surrogate and an escaped low one. */
static bool surrogate_pair(const char *s, size_t n, uint32_t *cp)
{
	unsigned hi, lo;
	if (n < PAIR_BYTES || s[0] != '\\' || s[1] != 'u' || s[6] != '\\' || s[7] != 'u' ||
	    hex4(s + 2, &hi) != 0 || hex4(s + 8, &lo) != 0 || hi < 0xD800 || hi > 0xDBFF ||
	    lo < 0xDC00 || lo > 0xDFFF)
		return false;
	*cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	return true;
}

/* Finds the pairs: a backslash that begins an escape (after an even run of backslashes) followed
 * by a surrogate pair. Returns how many (0 when none or out of memory; *pairs NULL then). */
static size_t find_pairs(const char *text, size_t len, struct pair **pairs)
{
	*pairs = NULL;
	size_t n = 0, cap = 0;
	bool escaped = false;
	for (size_t i = 0; i < len; i++) {
		uint32_t cp;
		if (text[i] != '\\') {
			escaped = false;
			continue;
		}
		if (escaped || !surrogate_pair(text + i, len - i, &cp)) {
			escaped = !escaped;
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct pair *np = realloc(*pairs, cap * sizeof *np);
			if (!np) {
				free(*pairs);
				*pairs = NULL;
				return 0;
			}
			*pairs = np;
		}
		(*pairs)[n++] = (struct pair){.from = i, .at = 0, .quoted = false};
		i += PAIR_BYTES - 1;
	}
	return n;
}

/* A copy of text with the pairs rewritten (all of them, or only the quoted ones), setting each
 * rewritten pair's character index. NULL when out of memory. */
static char *rewrite_pairs(const char *text, size_t len, struct pair *pairs, size_t n, bool all,
			   size_t *out_len)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0, chars = 0, from = 0;
	size_t bom = bom_bytes(text, len);
	for (size_t k = 0; k <= n; k++) {
		size_t upto = k < n ? pairs[k].from : len;
		for (size_t i = from; i < upto; i++) {
			if (i >= bom && ((unsigned char)text[i] & 0xC0) != 0x80)
				chars++;
			out[o++] = text[i];
		}
		if (k == n)
			break;
		from = upto;
		if (!all && !pairs[k].quoted)
			continue;
		uint32_t cp;
		surrogate_pair(text + upto, len - upto, &cp);
		pairs[k].at = chars;
		snprintf(out + o, ONE_BYTES + 1, "\\U%08x", (unsigned)cp);
		o += ONE_BYTES;
		chars += ONE_BYTES;
		from = upto + PAIR_BYTES;
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

/* --- checks on libyaml's events, before any document is built -------------------------------
 */

/* Reads text's events once, checking as it goes: valid YAML, exactly one document, nesting no
 * deeper than YDOC_MAX_DEPTH (refused at the event that goes deeper, so a file of a million '['
 * costs no more than 33 of them), no NUL in a scalar. Marks the pairs that fall in double-quoted
 * scalars. Returns 0 or -1 with *e set. */
static int check_events(const char *name, const char *text, size_t len, struct pair *pairs,
			size_t npairs, struct err *e)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return err_internal(e, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	int depth = 0, docs = 0, rc = 0;
	size_t k = 0;
	for (bool end = false; rc == 0 && !end;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(&parser, text, len, name, e);
			rc = -1;
			break;
		}
		int line = (int)ev.start_mark.line + 1;
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = err_input(e, name, line,
					       "a second YAML document: one document per file");
			break;
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth > YDOC_MAX_DEPTH) {
				rc = err_input(e, name, line, "nesting deeper than %d levels",
					       YDOC_MAX_DEPTH);
				break;
			}
			if (ev.type == YAML_SEQUENCE_START_EVENT ||
			    ev.type == YAML_MAPPING_START_EVENT)
				depth++;
			if (ev.type != YAML_SCALAR_EVENT)
				break;
			if (memchr(ev.data.scalar.value, '\0', ev.data.scalar.length)) {
				rc = err_input(e, name, line,
					       "a value contains a NUL character (\\0)");
				break;
			}
			for (; k < npairs && pairs[k].at < ev.end_mark.index; k++)
				pairs[k].quoted =
				    pairs[k].at >= ev.start_mark.index &&
				    ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			end = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	if (rc == 0 && docs == 0)
		rc = err_input(e, name, 1, "the file holds no YAML document (only comments?)");
	yaml_parser_delete(&parser);
	return rc;
}

/* Checks buf (see check_events) and returns the text libyaml is to load: buf itself, or a copy
 * with JSON's surrogate pairs rewritten, in *owned (free it). Returns NULL with *e set. */
static const char *checked_text(const char *name, const char *buf, size_t len, char **owned,
				size_t *text_len, struct err *e)
{
	*owned = NULL;
	*text_len = len;
	struct pair *pairs;
	size_t n = find_pairs(buf, len, &pairs);
	if (n == 0)
		return check_events(name, buf, len, NULL, 0, e) == 0 ? buf : NULL;
	char *all = rewrite_pairs(buf, len, pairs, n, true, text_len);
	int rc = all ? check_events(name, all, *text_len, pairs, n, e)
		     : err_internal(e, "out of memory");
	size_t quoted = 0;
	for (size_t k = 0; rc == 0 && k < n; k++)
		quoted += pairs[k].quoted;
	if (rc == 0 && quoted < n) {
		/* some pairs were literal text: rewrite only the others, and check that text */
		free(all);
		all = rewrite_pairs(buf, len, pairs, n, false, text_len);
		rc = all ? check_events(name, all, *text_len, NULL, 0, e)
			 : err_internal(e, "out of memory");
	}
	free(pairs);
	if (rc != 0) {
		free(all);
		return NULL;
	}
	*owned = all;
	return all;
}

struct ydoc *ydoc_load_buffer(const char *name, const char *buf, size_t len, struct err *e)
{
	size_t blank = 0; /* buf need not be NUL-terminated: count within len */
	while (blank < len && (buf[blank] == ' ' || buf[blank] == '\t' || buf[blank] == '\r' ||
			       buf[blank] == '\n'))
		blank++;
	if (blank == len) {
		err_input(e, name, 1, "the file is empty");
		return NULL;
	}
	if (memchr(buf, '\0', len)) {
		err_input(e, name, 1, "the file contains a NUL byte: not a YAML text file");
		return NULL;
	}
	char *owned;
	size_t text_len;
	const char *text = checked_text(name, buf, len, &owned, &text_len, e);
	if (!text)
		return NULL;
	struct ydoc *d = calloc(1, sizeof *d);
	yaml_parser_t parser;
	if (!d || !yaml_parser_initialize(&parser)) {
		free(d);
		free(owned);
		err_internal(e, "out of memory");
		return NULL;
	}
	d->name = name;
	/* the text has passed check_events: one document, of bounded depth, so loading it builds
	 * a tree no larger than the text */
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, text_len);
	int loaded = yaml_parser_load(&parser, &d->doc);
	if (!loaded)
		parser_error(&parser, text, text_len, name, e);
	yaml_parser_delete(&parser);
	free(owned);
	if (!loaded) {
		free(d);
		return NULL;
	}
	int line = 0;
	long budget = YDOC_MAX_VISITS;
	if (depth_exceeds(d, ydoc_root(d), 0, &line, &budget)) {
		if (budget < 0)
			err_input(e, name, line, "more than %d values once aliases are expanded",
				  YDOC_MAX_VISITS);
		else
			err_input(e, name, line, "nesting deeper than %d levels", YDOC_MAX_DEPTH);
		ydoc_free(d);
		return NULL;
	}
	return d;
}

struct ydoc *ydoc_load_file(const char *path, size_t max_bytes, struct err *e)
{
	char *buf;
	size_t len;
	if (file_read(path, max_bytes, FILE_STDIN, &buf, &len, e) != 0)
		return NULL;
	struct ydoc *d =
	    ydoc_load_buffer(strcmp(path, "-") == 0 ? "standard input" : path, buf, len, e);
	free(buf);
	return d;
}

void ydoc_free(struct ydoc *d)
{
	if (!d)
		return;
	yaml_document_delete(&d->doc);
	free(d);
}

int ydoc_check_mapping(struct ydoc *d, yaml_node_t *n, const char *what, struct err *e)
{
	if (!n || n->type != YAML_MAPPING_NODE)
		return err_input(e, d->name, ydoc_line(n),
				 "%s must be a mapping of key: value, got %s", what, ydoc_kind(n));
	if (n->data.mapping.pairs.top - n->data.mapping.pairs.start > YDOC_MAX_KEYS)
		return err_input(e, d->name, ydoc_line(n), "%s has more than %d keys", what,
				 YDOC_MAX_KEYS);
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_node(d, p->key);
		const char *ks = ydoc_scalar(k);
		/* quoted keys are fine ("building": cli), which also lets JSON through */
		if (!ks || !*ks)
			return err_input(e, d->name, ydoc_line(k),
					 "keys in %s must be text, got %s", what, ydoc_kind(k));
		for (yaml_node_pair_t *q = n->data.mapping.pairs.start; q < p; q++) {
			const char *qs = ydoc_scalar(ydoc_node(d, q->key));
			if (qs && strcmp(qs, ks) == 0)
				return err_input(e, d->name, ydoc_line(k),
						 "duplicate key '%s' in %s (first at line %d)", ks,
						 what, ydoc_line(ydoc_node(d, q->key)));
		}
	}
	return 0;
}
