/*
 * cli — shared front-end helpers (see cli.h).
 */
#include "cli.h"
#include "evidence.h"

#include "engine.h"
#include "file.h"
#include "num.h"
#include "render.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int cli_format(const char *s, unsigned allowed)
{
	static const char *const names[] = {"text", "json", "markdown", "html"};
	for (int i = 0; i < 4; i++)
		if ((allowed & (1u << i)) && strcmp(s, names[i]) == 0)
			return i;
	if ((allowed & (1u << FORMAT_MARKDOWN)) && strcmp(s, "md") == 0)
		return FORMAT_MARKDOWN;
	return -1;
}

struct kb *cli_kb(const char *dir, struct err *e)
{
	if (!dir || !*dir)
		dir = getenv("VERDICT_KB");
	return kb_load(dir && *dir ? dir : NULL, e);
}

int cli_fail(const struct err *e)
{
	fprintf(stderr, "verdict: %s\n", e->msg);
	return e->kind == ERR_INTERNAL ? 1 : 2;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "verdict %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'verdict %s --help'.\n", cmd);
	return 2;
}

struct cli_opts cli_opts(const char *cmd, const char *usage, unsigned formats)
{
	struct cli_opts o = {.cmd = cmd,
			     .usage = usage,
			     .formats = formats,
			     .format = FORMAT_TEXT,
			     .output = NULL,
			     .kbdir = NULL,
			     .eo = engine_defaults()};
	return o;
}

int cli_option(struct cli_opts *o, int c, char **argv)
{
	static const char *const names[] = {"text", "json", "markdown", "html"};
	long n = 0;
	switch (c) {
	case 'f':
		o->format = cli_format(optarg, o->formats);
		if (o->format < 0) {
			char list[64] = "";
			size_t used = 0;
			for (int i = 0; i < 4; i++)
				if (o->formats & (1u << i))
					used +=
					    (size_t)snprintf(list + used, sizeof list - used,
							     "%s%s", used ? ", " : "", names[i]);
			return cli_usage_error(o->cmd, "unknown format '%s' (%s)", optarg, list);
		}
		return CLI_NEXT;
	case 'o':
		o->output = optarg;
		return CLI_NEXT;
	case 'k':
		o->kbdir = optarg;
		return CLI_NEXT;
	case 'E':
		o->evidence = optarg;
		return CLI_NEXT;
	case 'L':
		o->full = true;
		return CLI_NEXT;
	case 's':
		if (cli_number(o->cmd, "--seed", optarg, 0, 0x7fffffffffffffffL, &n))
			return 2;
		o->eo.seed = (unsigned long long)n;
		return CLI_NEXT;
	case 'n':
		if (cli_number(o->cmd, "--samples", optarg, 100, 10000000, &n))
			return 2;
		o->eo.samples = n;
		return CLI_NEXT;
	case 'y':
		if (cli_number(o->cmd, "--years", optarg, 1, 30, &n))
			return 2;
		o->eo.years = (int)n;
		return CLI_NEXT;
	case 'h':
		fputs(o->usage, stdout);
		return 0;
	case ':':
		return cli_usage_error(o->cmd, "%s needs a value", argv[optind - 1]);
	default:
		return cli_usage_error(o->cmd, "unknown option '%s'", argv[optind - 1]);
	}
}

int cli_parse(struct cli_opts *o, int argc, char **argv, const char *shortopts,
	      const struct option *longopts, cli_own_option own, void *ctx)
{
	opterr = 0;
	optind = 1;
	for (;;) {
		int c = getopt_long(argc, argv, shortopts, longopts, NULL);
		if (c == -1)
			return CLI_NEXT;
		int rc = own ? own(ctx, c, optarg) : CLI_NOT_MINE;
		if (rc == CLI_NOT_MINE)
			rc = cli_option(o, c, argv);
		if (rc != CLI_NEXT)
			return rc;
	}
}

int cli_open_profile(const struct cli_opts *o, int argc, char **argv, struct kb **kb,
		     struct profile **p)
{
	if (optind != argc - 1)
		return cli_usage_error(o->cmd, optind == argc ? "which profile? give PROFILE.yaml"
							      : "one profile at a time");
	struct err e = {0};
	*kb = cli_kb(o->kbdir, &e);
	if (!*kb)
		return cli_fail(&e);
	if (o->evidence && evidence_apply(*kb, o->evidence, &e) != 0) {
		kb_free(*kb);
		*kb = NULL;
		return cli_fail(&e);
	}
	*p = profile_load(argv[optind], &e);
	if (!*p) {
		kb_free(*kb);
		*kb = NULL;
		return cli_fail(&e);
	}
	return CLI_NEXT;
}

int cli_number(const char *cmd, const char *flag, const char *arg, long min, long max, long *out)
{
	if (num_parse_long(arg, min, max, out) == 0)
		return 0;
	return cli_usage_error(cmd, "%s must be a whole number from %ld to %ld, got '%s'", flag,
			       min, max, arg);
}

int out_open(struct out *o)
{
	o->buf = NULL;
	o->len = 0;
	o->f = open_memstream(&o->buf, &o->len);
	return o->f ? 0 : -1;
}

void out_discard(struct out *o)
{
	if (o->f)
		fclose(o->f);
	free(o->buf);
	o->f = NULL;
	o->buf = NULL;
}

int out_commit(struct out *o, const char *path, struct err *e)
{
	int rc = 0;
	if (fclose(o->f) != 0) {
		o->f = NULL;
		free(o->buf);
		return err_internal(e, "out of memory while rendering");
	}
	o->f = NULL;
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(o->buf, 1, o->len, stdout) != o->len || fflush(stdout) != 0)
			rc =
			    err_internal(e, "cannot write to standard output: %s", strerror(errno));
	} else {
		rc = file_write(path, o->buf, o->len, FILE_REPLACE, e) == 0 ? 0 : -1;
	}
	free(o->buf);
	o->buf = NULL;
	return rc;
}

bool cli_color(FILE *f)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	const char *term = getenv("TERM");
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(f));
}

int cli_emit(int format, json_t *j, cli_text_fn text, const void *ctx, const char *output,
	     struct err *e)
{
	struct out o;
	if (out_open(&o) != 0)
		return err_internal(e, "out of memory");
	if (format != FORMAT_JSON) {
		text(o.f, ctx);
	} else if (render_json_dump(o.f, j) != 0) {
		out_discard(&o);
		return err_internal(e, "out of memory rendering JSON");
	}
	return out_commit(&o, output, e);
}

int cli_width(FILE *f)
{
	struct winsize ws;
	if (!isatty(fileno(f)) || ioctl(fileno(f), TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0)
		return 96;
	return ws.ws_col < 40 ? 40 : ws.ws_col > 120 ? 120 : ws.ws_col;
}

struct text_options cli_text_options(const struct cli_opts *o)
{
	bool tty = !o->output || strcmp(o->output, "-") == 0;
	struct text_options t = {.color = tty && cli_color(stdout),
				 .full = o->full,
				 .quick = false,
				 .width = tty ? cli_width(stdout) : 96,
				 .unasked = 0};
	return t;
}

int cli_emit_verdict(const struct kb *kb, const struct verdict *v, const struct cli_opts *opts,
		     const char *title, const struct text_options *text, struct err *e)
{
	int format = opts->format;
	const char *output = opts->output;
	struct out o;
	if (out_open(&o) != 0)
		return err_internal(e, "out of memory");
	if (format == FORMAT_JSON) {
		json_t *j = render_json(kb, v);
		int rc = render_json_dump(o.f, j);
		json_decref(j);
		if (rc != 0) {
			out_discard(&o);
			return err_internal(e, "out of memory rendering JSON");
		}
	} else if (format == FORMAT_HTML) {
		render_html(o.f, kb, v, title);
	} else if (format == FORMAT_MARKDOWN) {
		render_markdown(o.f, kb, v, title);
	} else {
		struct text_options t = text ? *text : cli_text_options(opts);
		render_text(o.f, kb, v, title, &t);
	}
	return out_commit(&o, output, e);
}
