/*
 * ydoc — a YAML document loaded with libyaml, with the checks every file we read needs: a size
 * cap, a regular file, exactly one document, unique scalar keys, bounded nesting, and errors
 * that name FILE:LINE. Profiles and the knowledge base are both read through it.
 */
#ifndef VERDICT_YDOC_H
#define VERDICT_YDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "err.h"

#define YDOC_MAX_DEPTH	32     /* deeper nesting is rejected: no file of ours needs more than 5 */
#define YDOC_MAX_VISITS 200000 /* values counted with aliases expanded ("billion laughs") */
#define YDOC_MAX_KEYS	256    /* keys in one mapping */

struct ydoc;

/* Reads and parses the file at path (at most max_bytes; "-" reads standard input). Returns the
 * document or NULL with *e set (not a regular file, missing, too large, not YAML, empty, several
 * documents). The name used in messages is `path`, or "standard input" for "-". Free with
 * ydoc_free. */
struct ydoc *ydoc_load_file(const char *path, size_t max_bytes, struct err *e);

/* Parses len bytes of buf; `name` is used in error messages and must outlive the document. */
struct ydoc *ydoc_load_buffer(const char *name, const char *buf, size_t len, struct err *e);

/* Frees the document; ydoc_free(NULL) is a no-op. */
void ydoc_free(struct ydoc *d);

/* The file name given at load (borrowed). */
const char *ydoc_name(const struct ydoc *d);

/* The root node (never NULL for a loaded document). */
yaml_node_t *ydoc_root(struct ydoc *d);

/* The node with the given index, or NULL. */
yaml_node_t *ydoc_node(struct ydoc *d, int index);

/* The 1-based line where the node starts. */
int ydoc_line(const yaml_node_t *n);

/* The node's text when it is a scalar, else NULL (borrowed from the document). */
const char *ydoc_scalar(const yaml_node_t *n);

/* True when n is YAML's null: a plain ~, null, Null or NULL, or a scalar tagged !!null. */
bool ydoc_null(const yaml_node_t *n);

/* True when n is a scalar written without quotes (numbers and booleans must be). */
bool ydoc_plain(const yaml_node_t *n);

/* A short name for the node's type, for messages: "a mapping", "a list", "text". */
const char *ydoc_kind(const yaml_node_t *n);

/* Checks that n is a mapping whose keys are distinct plain scalars. Returns 0, or -1 with *e
 * naming the line of the offending key; `what` names the mapping in messages ("the profile"). */
int ydoc_check_mapping(struct ydoc *d, yaml_node_t *n, const char *what, struct err *e);

#endif
