/*
 * cmd_adr — `verdict adr PROFILE.yaml [-o DIR]`: records the decision as an Architecture
 * Decision Record (MADR 4, or MADR 2 for log4brains) in DIR (default docs/adr), numbered,
 * superseding earlier ones, and not again when nothing it was decided from has changed.
 */
#include <stdio.h>
#include <string.h>

#include "adr.h"
#include "cli.h"
#include "cmd.h"
#include "engine.h"
#include "profile.h"
#include "utf8.h"

static const char usage[] =
    "usage: verdict adr PROFILE.yaml [-o DIR] [--status proposed|accepted] [--deciders \"A, B\"]\n"
    "                   [--template madr4|log4brains] [--stdout] [--evidence RESULTS.json]\n"
    "                   [--seed N] [--kb DIR]\n"
    "\n"
    "Writes the decision for PROFILE.yaml as an Architecture Decision Record: context, decision\n"
    "drivers with their weights, the outcome and its consequences (the cost among them), the\n"
    "profile inputs to watch (what would change the verdict), the options' pros and cons and\n"
    "the sources. Records are numbered files, DIR/NNNN-language-for-NAME.md; an existing record\n"
    "is never overwritten, and runs at the same time each take a number of their own. NAME is\n"
    "the profile's name in lowercase ASCII, with a short hash of it when it has characters\n"
    "ASCII cannot spell. Deciding again for the same NAME writes a new record that supersedes\n"
    "the previous one and marks that one superseded; when neither the profile nor the knowledge\n"
    "base changed, it writes nothing and says \"unchanged, see DIR/NNNN-...\". SOURCE_DATE_EPOCH\n"
    "fixes the date.\n"
    "\n"
    "  -o, --output DIR     directory of records (default docs/adr, created if missing)\n"
    "      --status S       proposed (default) or accepted\n"
    "      --deciders LIST  who decides, comma-separated (MADR 4 decision-makers)\n"
    "      --template T     madr4 (default: front matter) or log4brains (MADR 2 \"- Status:\"\n"
    "                       lines under the title, as log4brains 1.1 reads them)\n"
    "      --stdout         print the record instead of writing a file\n"
    "      --seed N         Monte Carlo seed (default 1)\n"
    "      --kb DIR         read the knowledge base from DIR\n"
    "      --evidence R     decide from `verdict lab -o R` measurements of this machine\n"
    "  -h, --help           show this help\n";

#define DECIDERS_MAX 200 /* bytes of --deciders */

struct adr_flags {
	bool to_stdout;
	struct adr_options o;
};

/* adr's own options: --stdout, --status, --deciders, --template. */
static int own_option(void *ctx, int c, const char *arg)
{
	struct adr_flags *fl = ctx;
	switch (c) {
	case 'S':
		fl->to_stdout = true;
		return CLI_NEXT;
	case 'a':
		if (strcmp(arg, "proposed") != 0 && strcmp(arg, "accepted") != 0)
			return cli_usage_error(
			    "adr", "--status must be proposed or accepted, got '%s'", arg);
		fl->o.status = arg;
		return CLI_NEXT;
	case 'd': {
		size_t n = strlen(arg);
		bool control = false;
		for (const char *p = arg; *p; p++)
			control = control || (unsigned char)*p < 0x20 || *p == 0x7f;
		if (n == 0 || n > DECIDERS_MAX || control || utf8_count(arg, n) < 0)
			return cli_usage_error(
			    "adr",
			    "--deciders must be 1 to %d bytes of UTF-8 text on one "
			    "line, names separated by commas",
			    DECIDERS_MAX);
		fl->o.deciders = arg;
		return CLI_NEXT;
	}
	case 't':
		if (strcmp(arg, "madr4") == 0)
			fl->o.template = ADR_MADR4;
		else if (strcmp(arg, "log4brains") == 0)
			fl->o.template = ADR_LOG4BRAINS;
		else
			return cli_usage_error(
			    "adr", "--template must be madr4 or log4brains, got '%s'", arg);
		return CLI_NEXT;
	default:
		return CLI_NOT_MINE;
	}
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {CLI_OPT_OUTPUT,
					     {"stdout", no_argument, NULL, 'S'},
					     {"status", required_argument, NULL, 'a'},
					     {"deciders", required_argument, NULL, 'd'},
					     {"template", required_argument, NULL, 't'},
					     CLI_OPT_SEED,
					     CLI_OPT_KB,
					     CLI_OPT_EVIDENCE,
					     CLI_OPT_HELP,
					     CLI_OPT_END};
	struct cli_opts o = cli_opts("adr", usage, 0);
	struct adr_flags fl = {false, {"proposed", NULL, ADR_MADR4}};
	int rc = cli_parse(&o, argc, argv, ":o:h", opts, own_option, &fl);
	if (rc != CLI_NEXT)
		return rc;
	const char *dir = o.output ? o.output : "docs/adr";
	struct kb *kb;
	struct profile *p;
	rc = cli_open_profile(&o, argc, argv, &kb, &p);
	if (rc != CLI_NEXT)
		return rc;
	struct err e = {0};
	/* the subject: the profile's name, else its file name without directory and extension */
	char subject[PROFILE_NAME_BYTES + 1];
	bool named = true;
	if (p->name[0]) {
		snprintf(subject, sizeof subject, "%s", p->name);
	} else {
		const char *base = strrchr(argv[optind], '/');
		base = base ? base + 1 : argv[optind];
		size_t n = strcspn(base, ".");
		if (utf8_count(base, n) < 0)
			named = err_input(&e, argv[optind], 0,
					  "the profile has no name and its file name is not "
					  "UTF-8 text: give it a name: line") == 0;
		n = utf8_cut(base, n, PROFILE_NAME_BYTES);
		snprintf(subject, sizeof subject, "%.*s", (int)n, base);
	}
	struct verdict v;
	rc = named ? engine_decide(kb, p, &o.eo, &v, &e) : -1;
	if (rc == 0) {
		if (fl.to_stdout) {
			struct out out;
			rc = out_open(&out) == 0 ? 0 : err_internal(&e, "out of memory");
			if (rc == 0) {
				adr_write(out.f, kb, p, &v, subject, NULL, &fl.o);
				rc = out_commit(&out, NULL, &e);
			}
		} else {
			char written[1024];
			rc =
			    adr_record(dir, kb, p, &v, subject, &fl.o, written, sizeof written, &e);
			if (rc == ADR_UNCHANGED)
				printf("unchanged, see %s\n", written);
			else if (rc == 0)
				printf("%s\n", written);
			rc = rc == ADR_UNCHANGED ? 0 : rc;
		}
		verdict_free(&v);
	}
	profile_free(p);
	kb_free(kb);
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_adr = {
    .name = "adr",
    .summary = "record the decision as an Architecture Decision Record (MADR 4 or log4brains)",
    .usage = usage,
    .run = run,
};
