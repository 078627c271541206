/*
 * cmd_decide — `verdict decide PROFILE.yaml`: the full decision for a project profile.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "engine.h"
#include "evidence.h"
#include "profile.h"

#define STDIN_NAME "<stdin>"

static const char usage[] =
    "usage: verdict decide PROFILE.yaml|- [--format text|json|markdown|html] [-o FILE]\n"
    "                      [--evidence RESULTS.json] [--seed N] [--samples N] [--years N]\n"
    "                      [--kb DIR]\n"
    "\n"
    "Decides between Go and Rust (or Python, or keeping what ships) for the project described\n"
    "in PROFILE.yaml, and for each of its components. Every reason cites a claim of the\n"
    "knowledge base; `verdict claims ID` shows the claim and its source. With -, the profile\n"
    "is read from standard input: verdict scan | verdict decide -\n"
    "\n"
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

/* The profile on standard input (at most PROFILE_MAX_BYTES), or NULL with *e set. */
static struct profile *stdin_profile(struct err *e)
{
	size_t cap = PROFILE_MAX_BYTES + 1, len = 0;
	char *buf = malloc(cap);
	if (!buf) {
		err_internal(e, "out of memory");
		return NULL;
	}
	while (len < cap) {
		size_t n = fread(buf + len, 1, cap - len, stdin);
		if (n == 0)
			break;
		len += n;
	}
	struct profile *p = NULL;
	if (ferror(stdin))
		err_input(e, STDIN_NAME, 0, "cannot read standard input: %s", strerror(errno));
	else if (len > PROFILE_MAX_BYTES)
		err_input(e, STDIN_NAME, 0,
			  "more than %u bytes: the limit for a profile is %u bytes",
			  PROFILE_MAX_BYTES, PROFILE_MAX_BYTES);
	else
		p = profile_parse(STDIN_NAME, buf, len, e);
	free(buf);
	return p;
}

/* `decide -`: the profile from standard input, then the KB (with --evidence applied). Returns
 * CLI_NEXT with both set, or the exit code after printing the error. */
static int open_stdin(const struct cli_opts *o, struct kb **kb, struct profile **p)
{
	struct err e = {0};
	*kb = NULL;
	*p = stdin_profile(&e);
	if (*p)
		*kb = cli_kb(o->kbdir, &e);
	if (*kb && o->evidence && evidence_apply(*kb, o->evidence, &e) != 0) {
		kb_free(*kb);
		*kb = NULL;
	}
	if (*kb)
		return CLI_NEXT;
	profile_free(*p);
	*p = NULL;
	return cli_fail(&e);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {CLI_OPT_FORMAT,   CLI_OPT_OUTPUT,	CLI_OPT_KB,
					     CLI_OPT_SEED,     CLI_OPT_SAMPLES, CLI_OPT_YEARS,
					     CLI_OPT_EVIDENCE, CLI_OPT_HELP,	CLI_OPT_END};
	struct cli_opts o = cli_opts("decide", usage, FORMATS_REPORT);
	int rc = cli_parse(&o, argc, argv, ":f:o:h", opts, NULL, NULL);
	if (rc != CLI_NEXT)
		return rc;
	struct kb *kb;
	struct profile *p;
	if (optind == argc - 1 && strcmp(argv[optind], "-") == 0)
		rc = open_stdin(&o, &kb, &p);
	else
		rc = cli_open_profile(&o, argc, argv, &kb, &p);
	if (rc != CLI_NEXT)
		return rc;
	struct err e = {0};
	struct verdict v;
	rc = engine_decide(kb, p, &o.eo, &v, &e);
	if (rc == 0)
		rc = cli_emit_verdict(kb, &v, o.format, o.output,
				      p->name[0] ? p->name : argv[optind], &e);
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
