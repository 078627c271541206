/*
 * cmd_adr — `verdict adr PROFILE.yaml [-o DIR]`: records the decision as an Architecture
 * Decision Record (MADR 4) in DIR (default docs/adr), numbered, superseding earlier ones.
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
    "usage: verdict adr PROFILE.yaml [-o DIR] [--stdout] [--evidence RESULTS.json] [--seed N]\n"
    "                   [--kb DIR]\n"
    "\n"
    "Writes the decision for PROFILE.yaml as an Architecture Decision Record in MADR 4 format:\n"
    "context, decision drivers with their weights, the options with pros and cons, the outcome,\n"
    "consequences, the triggers to revisit it (what would change the verdict) and the sources.\n"
    "Records are numbered files, DIR/NNNN-language-for-NAME.md; an existing record is never\n"
    "overwritten, and runs at the same time each take a number of their own. NAME is the\n"
    "profile's name in lowercase ASCII, with a short hash of it when it has characters ASCII\n"
    "cannot spell. Deciding again for the same NAME writes a new record that supersedes the\n"
    "previous one and marks that one superseded. SOURCE_DATE_EPOCH fixes the date.\n"
    "\n"
    "  -o, --output DIR  directory of records (default docs/adr, created if missing)\n"
    "      --stdout      print the record instead of writing a file\n"
    "      --seed N      Monte Carlo seed (default 1)\n"
    "      --kb DIR      read the knowledge base from DIR\n"
    "      --evidence R  decide from `verdict lab -o R` measurements of this machine\n"
    "  -h, --help        show this help\n";

/* adr's own option: --stdout. */
static int own_option(void *ctx, int c, const char *arg)
{
	(void)arg;
	if (c != 'S')
		return CLI_NOT_MINE;
	*(bool *)ctx = true;
	return CLI_NEXT;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {CLI_OPT_OUTPUT,   {"stdout", no_argument, NULL, 'S'},
					     CLI_OPT_SEED,     CLI_OPT_KB,
					     CLI_OPT_EVIDENCE, CLI_OPT_HELP,
					     CLI_OPT_END};
	struct cli_opts o = cli_opts("adr", usage, 0);
	bool to_stdout = false;
	int rc = cli_parse(&o, argc, argv, ":o:h", opts, own_option, &to_stdout);
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
		if (to_stdout) {
			struct out out;
			rc = out_open(&out) == 0 ? 0 : err_internal(&e, "out of memory");
			if (rc == 0) {
				adr_write(out.f, kb, p, &v, subject, NULL);
				rc = out_commit(&out, NULL, &e);
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
