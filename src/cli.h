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
#include "profile.h"

enum format {
	FORMAT_TEXT,	 /* aligned text for people */
	FORMAT_JSON,	 /* one JSON object, keys as in DESIGN.md */
	FORMAT_MARKDOWN, /* Markdown report */
	FORMAT_HTML,	 /* a self-contained HTML report */
};
#define FORMATS_REPORT                                                                             \
	(1u << FORMAT_TEXT | 1u << FORMAT_JSON | 1u << FORMAT_MARKDOWN | 1u << FORMAT_HTML)

#include <getopt.h>
#include <jansson.h>

#include "engine.h"

/* Parses a --format value; -1 when it is not one of `allowed` (a mask of 1 << FORMAT_x). */
int cli_format(const char *s, unsigned allowed);

/* --- the options commands share ----------------------------------------------------------------
 */

/* Where the shared options land. Fill with cli_opts(); parse with cli_option(). */
struct cli_opts {
	const char *cmd;   /* the command's name, for messages */
	const char *usage; /* printed by --help */
	unsigned formats;  /* the --format values it accepts (mask of 1 << FORMAT_x) */
	int format;
	const char *output, *kbdir;
	const char *evidence; /* --evidence: `verdict lab` results to decide from, or NULL */
	bool full;	      /* --long: all of the text answer, not the 30-second one */
	struct engine_options eo;
};

/* getopt_long entries for the shared options (each command lists the ones it takes). */
#define CLI_OPT_FORMAT                                                                             \
	{                                                                                          \
		"format", required_argument, NULL, 'f'                                             \
	}
#define CLI_OPT_OUTPUT                                                                             \
	{                                                                                          \
		"output", required_argument, NULL, 'o'                                             \
	}
#define CLI_OPT_KB                                                                                 \
	{                                                                                          \
		"kb", required_argument, NULL, 'k'                                                 \
	}
#define CLI_OPT_SEED                                                                               \
	{                                                                                          \
		"seed", required_argument, NULL, 's'                                               \
	}
#define CLI_OPT_SAMPLES                                                                            \
	{                                                                                          \
		"samples", required_argument, NULL, 'n'                                            \
	}
#define CLI_OPT_YEARS                                                                              \
	{                                                                                          \
		"years", required_argument, NULL, 'y'                                              \
	}
#define CLI_OPT_EVIDENCE                                                                           \
	{                                                                                          \
		"evidence", required_argument, NULL, 'E'                                           \
	}
#define CLI_OPT_LONG                                                                               \
	{                                                                                          \
		"long", no_argument, NULL, 'L'                                                     \
	}
#define CLI_OPT_HELP                                                                               \
	{                                                                                          \
		"help", no_argument, NULL, 'h'                                                     \
	}
#define CLI_OPT_END                                                                                \
	{                                                                                          \
		NULL, 0, NULL, 0                                                                   \
	}

#define CLI_NEXT     (-1) /* the option was taken, go on */
#define CLI_NOT_MINE (-2) /* from a command's own handler: a shared option, not its own */

/* Defaults: text format, standard output, the embedded KB, engine_defaults(). */
struct cli_opts cli_opts(const char *cmd, const char *usage, unsigned formats);

/* Takes getopt_long's result c when it is a shared option (-f -o -k -s -n -y -h) or an error
 * (':' missing value, '?' unknown option). Returns CLI_NEXT, or the exit code the command must
 * return at once: 0 after --help, 2 after a usage error (already printed). Call it from the
 * `default:` of the command's own switch. */
int cli_option(struct cli_opts *o, int c, char **argv);

/* A command's handler for its own options: returns CLI_NEXT when it took c, CLI_NOT_MINE when c is
 * not one of its own, or an exit code (after printing a usage error). */
typedef int (*cli_own_option)(void *ctx, int c, const char *arg);

/* Parses argv with getopt_long (optind restarts at 1): the command's own options through own
 * (NULL when it has none), the shared ones into o. Returns CLI_NEXT when every option was good,
 * or the exit code the command must return (0 after --help, 2 after a usage error). */
int cli_parse(struct cli_opts *o, int argc, char **argv, const char *shortopts,
	      const struct option *longopts, cli_own_option own, void *ctx);

/* Checks that exactly one PROFILE.yaml argument is left, then loads the KB (with the lab
 * evidence of --evidence applied) and the profile.
 * Returns CLI_NEXT with *kb and *p set (free both), or the exit code after printing the error
 * (nothing left allocated). */
int cli_open_profile(const struct cli_opts *o, int argc, char **argv, struct kb **kb,
		     struct profile **p);

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
 * with file_write (a regular file only; an existing one keeps its mode). Returns 0 or -1 with
 * *e set. Frees. */
int out_commit(struct out *o, const char *path, struct err *e);

/* Discards the buffer without writing anything. */
void out_discard(struct out *o);

/* Writes text for people, from ctx, to f. */
typedef void (*cli_text_fn)(FILE *f, const void *ctx);

/* Writes j as JSON when format is FORMAT_JSON, else text(f, ctx), to output (NULL: stdout) with
 * out_commit. j is borrowed; a NULL j with FORMAT_JSON is an out-of-memory error. Returns 0 or
 * -1 with *e set; nothing is written on failure. */
int cli_emit(int format, json_t *j, cli_text_fn text, const void *ctx, const char *output,
	     struct err *e);

struct verdict;

struct text_options;

/* Renders v in o's format and writes it to o->output (NULL: stdout) with out_commit. `title`
 * heads it; `text` says how the text form reads (NULL: cli_text_options(o)). Returns 0 or -1
 * with *e set; nothing is written on failure. */
int cli_emit_verdict(const struct kb *kb, const struct verdict *v, const struct cli_opts *o,
		     const char *title, const struct text_options *text, struct err *e);

/* How text for o's output reads: colour and the terminal's width when it goes to a terminal,
 * the whole answer with --long. */
struct text_options cli_text_options(const struct cli_opts *o);

/* True when colour may be used on stream f: a terminal, and NO_COLOR unset. */
bool cli_color(FILE *f);

/* The columns text on stream f wraps at: the terminal's width (40 to 120), else 96. */
int cli_width(FILE *f);

#endif
