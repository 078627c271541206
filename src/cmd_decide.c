/*
 * cmd_decide — `verdict decide PROFILE.yaml`: the full decision for a project profile.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "engine.h"
#include "profile.h"

static const char usage[] =
    "usage: verdict decide PROFILE.yaml|- [--long] [--format text|json|markdown|html] [-o FILE]\n"
    "                      [--evidence RESULTS.json] [--seed N] [--samples N] [--years N]\n"
    "                      [--kb DIR]\n"
    "\n"
    "Decides between Go and Rust (or Python, or keeping what ships) for the project described\n"
    "in PROFILE.yaml, and for each of its components. Every reason cites a claim of the\n"
    "knowledge base; `verdict claims ID` shows the claim and its source. With -, the profile\n"
    "is read from standard input: verdict scan | verdict decide -\n"
    "\n"
    "      --long       all of it: every reason, what speaks for the other language, every\n"
    "                   input that flips it and the smallest change of weights that does, the\n"
    "                   cost table and the claims cited (default: the 30-second answer; json,\n"
    "                   markdown and html always hold all of it)\n"
    "  -f, --format F   text (default), json, markdown or html (a self-contained report)\n"
    "  -o, --output F   write to file F (atomically) instead of standard output\n"
    "      --evidence R decide from `verdict lab -o R` measurements of this machine: they\n"
    "                   replace the published figures of the criteria they measure\n"
    "      --seed N     seed of the Monte Carlo draws (same seed, same answer)\n"
    "      --samples N  Monte Carlo samples (default 10000)\n"
    "      --years N    horizon of the cost estimate (default: the profile's)\n"
    "      --kb DIR     read the knowledge base from DIR (default: $VERDICT_KB, else built in)\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status: 0 decided, 2 bad input (FILE:LINE: message on stderr), 1 internal failure.\n";

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
	    CLI_OPT_FORMAT,  CLI_OPT_LONG,  CLI_OPT_OUTPUT,   CLI_OPT_KB,   CLI_OPT_SEED,
	    CLI_OPT_SAMPLES, CLI_OPT_YEARS, CLI_OPT_EVIDENCE, CLI_OPT_HELP, CLI_OPT_END};
	struct cli_opts o = cli_opts("decide", usage, FORMATS_REPORT);
	int rc = cli_parse(&o, argc, argv, ":f:o:h", opts, NULL, NULL);
	if (rc != CLI_NEXT)
		return rc;
	struct kb *kb;
	struct profile *p;
	rc = cli_open_profile(&o, argc, argv, &kb, &p);
	if (rc != CLI_NEXT)
		return rc;
	struct err e = {0};
	struct verdict v;
	rc = engine_decide(kb, p, &o.eo, &v, &e);
	if (rc == 0)
		rc = cli_emit_verdict(kb, &v, &o, p->name[0] ? p->name : argv[optind], NULL, &e);
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
