/*
 * cli — what every command's front end shares: picking the knowledge base (--kb, VERDICT_KB or
 * the embedded copy), output formats, reporting errors with the right exit code, and writing
 * output to stdout or atomically to a file (-o), so a failed run never leaves half a file.
 */
#ifndef VERDICT_CLI_H
#define VERDICT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "kb.h"

enum format {
	FORMAT_TEXT,	 /* aligned text for people */
	FORMAT_JSON,	 /* one JSON object, keys as in DESIGN.md */
	FORMAT_MARKDOWN, /* Markdown report */
	FORMAT_HTML,	 /* a self-contained HTML report */
};
#define FORMATS_REPORT                                                                             \
	(1u << FORMAT_TEXT | 1u << FORMAT_JSON | 1u << FORMAT_MARKDOWN | 1u << FORMAT_HTML)

/* Parses a --format value; -1 when it is not one of `allowed` (a mask of 1 << FORMAT_x). */
int cli_format(const char *s, unsigned allowed);

/* Loads the KB from dir, else $VERDICT_KB, else the embedded copy. NULL with *e set. */
struct kb *cli_kb(const char *dir, struct err *e);

/* Prints e on stderr as "verdict: MSG" and returns its exit code (2 input, 1 internal). */
int cli_fail(const struct err *e);

/* Parses the value of a numeric flag (whole number in [min, max]). Returns 0, or prints a usage
 * error naming the flag and returns 2. */
int cli_number(const char *cmd, const char *flag, const char *arg, long min, long max, long *out);

/* Prints a usage error (exit 2): "verdict CMD: MSG" and a pointer to --help. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A buffer that output is rendered into before it is written anywhere. */
struct out {
	FILE *f;
	char *buf;
	size_t len;
};

/* Opens an in-memory stream. Returns 0 or -1 (out of memory). */
int out_open(struct out *o);

/* Closes the stream and writes its bytes to stdout (path NULL or "-") or atomically to path
 * (a temporary file in the same directory, then rename). Returns 0 or -1 with *e set. Frees. */
int out_commit(struct out *o, const char *path, struct err *e);

/* Discards the buffer without writing anything. */
void out_discard(struct out *o);

struct verdict;

/* Renders v in the given format (text or JSON) and writes it to output (NULL: stdout) with
 * out_commit. `title` heads the text form. Returns 0 or -1 with *e set; nothing is written on
 * failure. */
int cli_emit_verdict(const struct kb *kb, const struct verdict *v, int format, const char *output,
		     const char *title, struct err *e);

/* True when colour may be used on stream f: a terminal, and NO_COLOR unset. */
bool cli_color(FILE *f);

#endif
