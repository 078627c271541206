/*
 * ydoc — loading and checking YAML documents (see ydoc.h). libyaml resolves aliases to shared
 * nodes rather than copies, so "billion laughs" files stay small; we still bound nesting depth
 * so that no walk over a hostile file can recurse without limit.
 */
#include "ydoc.h"

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

static void parser_error(yaml_parser_t *p, const char *name, struct err *e)
{
	int line = (int)p->problem_mark.line + 1;
	if (p->error == YAML_MEMORY_ERROR) {
		err_internal(e, "%s: out of memory while reading YAML", name);
		return;
	}
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
	struct ydoc *d = calloc(1, sizeof *d);
	if (!d) {
		err_internal(e, "out of memory");
		return NULL;
	}
	d->name = name;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		free(d);
		err_internal(e, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &d->doc)) {
		parser_error(&parser, name, e);
		yaml_parser_delete(&parser);
		free(d);
		return NULL;
	}
	yaml_node_t *root = yaml_document_get_root_node(&d->doc);
	if (!root) {
		err_input(e, name, 1, "the file holds no YAML document (only comments?)");
		goto fail;
	}
	yaml_document_t second;
	if (!yaml_parser_load(&parser, &second)) {
		parser_error(&parser, name, e);
		goto fail;
	}
	bool more = yaml_document_get_root_node(&second) != NULL;
	int second_line = (int)second.start_mark.line + 1;
	yaml_document_delete(&second);
	if (more) {
		err_input(e, name, second_line, "a second YAML document: one document per file");
		goto fail;
	}
	int line = 0;
	long budget = YDOC_MAX_VISITS;
	if (depth_exceeds(d, root, 0, &line, &budget)) {
		if (budget < 0)
			err_input(e, name, line, "more than %d values once aliases are expanded",
				  YDOC_MAX_VISITS);
		else
			err_input(e, name, line, "nesting deeper than %d levels", YDOC_MAX_DEPTH);
		goto fail;
	}
	yaml_parser_delete(&parser);
	return d;
fail:
	yaml_parser_delete(&parser);
	yaml_document_delete(&d->doc);
	free(d);
	return NULL;
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
