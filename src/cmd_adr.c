/*
 * cmd_adr — `verdict adr PROFILE.yaml [-o DIR]`: records the decision as an Architecture
 * Decision Record (MADR 4) in DIR (default docs/adr), numbered, superseding earlier ones.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "adr.h"
#include "cli.h"
#include "cmd.h"
#include "engine.h"
#include "profile.h"

static const char usage[] =
    "usage: verdict adr PROFILE.yaml [-o DIR] [--stdout] [--seed N] [--kb DIR]\n"
    "\n"
    "Writes the decision for PROFILE.yaml as an Architecture Decision Record in MADR 4 format:\n"
    "context, decision drivers with their weights, the options with pros and cons, the outcome,\n"
    "consequences, the triggers to revisit it (what would change the verdict) and the sources.\n"
    "Records are numbered files, DIR/NNNN-language-for-NAME.md; an existing record is never\n"
    "overwritten. Deciding again for the same NAME writes a new record that supersedes the\n"
    "previous one and marks that one superseded. SOURCE_DATE_EPOCH fixes the date.\n"
    "\n"
    "  -o, --output DIR  directory of records (default docs/adr, created if missing)\n"
    "      --stdout      print the record instead of writing a file\n"
    "      --seed N      Monte Carlo seed (default 1)\n"
    "      --kb DIR      read the knowledge base from DIR\n"
    "  -h, --help        show this help\n";

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'}, {"stdout", no_argument, NULL, 'S'},
	    {"seed", required_argument, NULL, 's'},   {"kb", required_argument, NULL, 'k'},
	    {"help", no_argument, NULL, 'h'},	      {NULL, 0, NULL, 0}};
	const char *dir = "docs/adr", *kbdir = NULL;
	bool to_stdout = false;
	struct engine_options eo = engine_defaults();
	long n = 0;
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			dir = optarg;
			break;
		case 'S':
			to_stdout = true;
			break;
		case 's':
			if (cli_number("adr", "--seed", optarg, 0, 0x7fffffffffffffffL, &n))
				return 2;
			eo.seed = (unsigned long long)n;
			break;
		case 'k':
			kbdir = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case ':':
			return cli_usage_error("adr", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("adr", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("adr", optind == argc ? "which profile? give PROFILE.yaml"
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
	/* the subject: the profile's name, else its file name without directory and extension */
	char subject[PROFILE_NAME_MAX + 1];
	if (p->name[0]) {
		snprintf(subject, sizeof subject, "%s", p->name);
	} else {
		const char *base = strrchr(argv[optind], '/');
		base = base ? base + 1 : argv[optind];
		snprintf(subject, sizeof subject, "%.*s", (int)strcspn(base, "."), base);
	}
	struct verdict v;
	int rc = engine_decide(kb, p, &eo, &v, &e);
	if (rc == 0) {
		if (to_stdout) {
			struct out o;
			rc = out_open(&o) == 0 ? 0 : err_internal(&e, "out of memory");
			if (rc == 0) {
				adr_write(o.f, kb, p, &v, subject, NULL);
				rc = out_commit(&o, NULL, &e);
			}
		} else {
			char written[1024];
			rc = adr_record(dir, kb, p, &v, subject, written, sizeof written, &e);
			if (rc == 0)
				printf("%s\n", written);
		}
		verdict_free(&v);
	}
	profile_free(p);
	kb_free(kb);
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_adr = {
    .name = "adr",
    .summary = "record the decision as an Architecture Decision Record (MADR 4)",
    .usage = usage,
    .run = run,
};
