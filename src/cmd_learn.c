/*
 * cmd_learn — `verdict learn`: which language should I learn next (the career question).
 */
#include <stdio.h>

#include "cli.h"
#include "cmd.h"
#include "engine.h"
#include "learn.h"

static const char usage[] =
    "usage: verdict learn --background B --goal G [--long] [--format text|json|markdown|html]\n"
    "                     [-o FILE] [--kb DIR]\n"
    "\n"
    "Which of Go and Rust to learn next, for your background and goal, with sources.\n"
    "\n"
    "  --background B   none, python, typescript, java, cpp, c, go or rust\n"
    "  --goal G         jobs, salary, systems or services\n"
    "      --long       all of the text answer: every reason, what speaks for the other\n"
    "                   language and the claims cited (default: the short answer)\n"
    "  -f, --format F   text (default), json, markdown or html (a self-contained report)\n"
    "  -o, --output F   write to file F instead of standard output\n"
    "      --kb DIR     read the knowledge base from DIR\n"
    "  -h, --help       show this help\n";

struct answers {
	const char *background, *goal;
};

/* learn's own options: --background and --goal. */
static int own_option(void *ctx, int c, const char *arg)
{
	struct answers *a = ctx;
	if (c == 'b')
		a->background = arg;
	else if (c == 'g')
		a->goal = arg;
	else
		return CLI_NOT_MINE;
	return CLI_NEXT;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"background", required_argument, NULL, 'b'},
					     {"goal", required_argument, NULL, 'g'},
					     CLI_OPT_FORMAT,
					     CLI_OPT_LONG,
					     CLI_OPT_OUTPUT,
					     CLI_OPT_KB,
					     CLI_OPT_SEED,
					     CLI_OPT_SAMPLES,
					     CLI_OPT_HELP,
					     CLI_OPT_END};
	struct cli_opts o = cli_opts("learn", usage, FORMATS_REPORT);
	struct answers a = {NULL, NULL};
	int rc = cli_parse(&o, argc, argv, ":f:o:h", opts, own_option, &a);
	if (rc != CLI_NEXT)
		return rc;
	const char *background = a.background, *goal = a.goal;
	if (optind != argc)
		return cli_usage_error("learn", "unexpected argument '%s'", argv[optind]);
	if (!background || !goal)
		return cli_usage_error("learn", "both --background and --goal are needed");
	struct err e = {0};
	struct kb *kb = cli_kb(o.kbdir, &e);
	if (!kb)
		return cli_fail(&e);
	struct verdict v;
	rc = learn_decide(kb, background, goal, &o.eo, &v, &e);
	if (rc == 0)
		rc = cli_emit_verdict(kb, &v, &o, v.overall.name, NULL, &e);
	verdict_free(&v);
	kb_free(kb);
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_learn = {
    .name = "learn",
    .summary = "which language to learn next (the career question)",
    .usage = usage,
    .run = run,
};
