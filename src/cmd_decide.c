/*
 * cmd_decide — `verdict decide PROFILE.yaml`: the full decision for a project profile.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "engine.h"
#include "profile.h"

static const char usage[] =
    "usage: verdict decide PROFILE.yaml [--format text|json|markdown|html] [-o FILE] [--kb DIR]\n"
    "\n"
    "Decides between Go and Rust (or Python, or keeping what ships) for the project described\n"
    "in PROFILE.yaml, and for each of its components. Every reason cites a claim of the\n"
    "knowledge base; `verdict claims ID` shows the claim and its source.\n"
    "\n"
    "  -f, --format F   text (default), json, markdown or html (a self-contained report)\n"
    "  -o, --output F   write to file F (atomically) instead of standard output\n"
    "      --kb DIR     read the knowledge base from DIR (default: $VERDICT_KB, else built in)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 decided, 2 bad input (FILE:LINE: message on stderr), 1 internal failure.\n";

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},  {"output", required_argument, NULL, 'o'},
	    {"kb", required_argument, NULL, 'k'},      {"seed", required_argument, NULL, 's'},
	    {"samples", required_argument, NULL, 'n'}, {"years", required_argument, NULL, 'y'},
	    {"help", no_argument, NULL, 'h'},	       {NULL, 0, NULL, 0}};
	int format = FORMAT_TEXT, c;
	const char *output = NULL, *kbdir = NULL;
	struct engine_options eo = engine_defaults();
	long n = 0;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = cli_format(optarg, FORMATS_REPORT);
			if (format < 0)
				return cli_usage_error(
				    "decide", "unknown format '%s' (text, json, markdown, html)",
				    optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'k':
			kbdir = optarg;
			break;
		case 's':
			if (cli_number("decide", "--seed", optarg, 0, 0x7fffffffffffffffL, &n))
				return 2;
			eo.seed = (unsigned long long)n;
			break;
		case 'n':
			if (cli_number("decide", "--samples", optarg, 100, 10000000, &n))
				return 2;
			eo.samples = n;
			break;
		case 'y':
			if (cli_number("decide", "--years", optarg, 1, 30, &n))
				return 2;
			eo.years = (int)n;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case ':':
			return cli_usage_error("decide", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("decide", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("decide", optind == argc ? "which profile? give PROFILE.yaml"
								: "one profile at a time");
	struct err e = {0};
	struct kb *kb = cli_kb(kbdir, &e);
	if (!kb)
		return cli_fail(&e);
	struct profile *p = profile_load(argv[optind], &e);
	if (!p) {
		kb_free(kb);
		return cli_fail(&e);
	}
	struct verdict v;
	int rc = engine_decide(kb, p, &eo, &v, &e);
	if (rc == 0)
		rc = cli_emit_verdict(kb, &v, format, output, p->name[0] ? p->name : argv[optind],
				      &e);
	verdict_free(&v);
	profile_free(p);
	kb_free(kb);
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_decide = {
    .name = "decide",
    .summary = "decide for a project profile (YAML)",
    .usage = usage,
    .run = run,
};
