/*
 * cmd_learn — `verdict learn`: which language should I learn next (the career question).
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "cmd.h"
#include "engine.h"
#include "learn.h"

static const char usage[] =
    "usage: verdict learn --background B --goal G [--format text|json|markdown|html] [-o FILE] "
    "[--kb DIR]\n"
    "\n"
    "Which of Go and Rust to learn next, for your background and goal, with sources.\n"
    "\n"
    "  --background B   none, python, typescript, java, cpp, c, go or rust\n"
    "  --goal G         jobs, salary, systems or services\n"
    "  -f, --format F   text (default), json, markdown or html (a self-contained report)\n"
    "  -o, --output F   write to file F instead of standard output\n"
    "      --kb DIR     read the knowledge base from DIR\n"
    "  -h, --help       show this help\n";

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"background", required_argument, NULL, 'b'},
					     {"goal", required_argument, NULL, 'g'},
					     {"format", required_argument, NULL, 'f'},
					     {"output", required_argument, NULL, 'o'},
					     {"kb", required_argument, NULL, 'k'},
					     {"seed", required_argument, NULL, 's'},
					     {"samples", required_argument, NULL, 'n'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	struct engine_options eo = engine_defaults();
	long n = 0;
	const char *background = NULL, *goal = NULL, *output = NULL, *kbdir = NULL;
	int format = FORMAT_TEXT, c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			background = optarg;
			break;
		case 'g':
			goal = optarg;
			break;
		case 'f':
			format = cli_format(optarg, FORMATS_REPORT);
			if (format < 0)
				return cli_usage_error(
				    "learn", "unknown format '%s' (text, json, markdown, html)",
				    optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'k':
			kbdir = optarg;
			break;
		case 's':
			if (cli_number("learn", "--seed", optarg, 0, 0x7fffffffffffffffL, &n))
				return 2;
			eo.seed = (unsigned long long)n;
			break;
		case 'n':
			if (cli_number("learn", "--samples", optarg, 100, 10000000, &n))
				return 2;
			eo.samples = n;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case ':':
			return cli_usage_error("learn", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("learn", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error("learn", "unexpected argument '%s'", argv[optind]);
	if (!background || !goal)
		return cli_usage_error("learn", "both --background and --goal are needed");
	struct err e = {0};
	struct kb *kb = cli_kb(kbdir, &e);
	if (!kb)
		return cli_fail(&e);
	struct verdict v;
	int rc = learn_decide(kb, background, goal, &eo, &v, &e);
	if (rc == 0)
		rc = cli_emit_verdict(kb, &v, format, output, v.overall.name, &e);
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
