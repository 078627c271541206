/*
 * cmd_scan — `verdict scan [DIR]`: the profile inferred from a git repository, every field with
 * its evidence, ready for `verdict decide -`.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "lab/guard.h"
#include "scan.h"

static const char usage[] =
    "usage: verdict scan [DIR] [-o PROFILE.yaml] [--since DURATION] [--build]\n"
    "                    [--format yaml|json] [--show-people] [--kb DIR]\n"
    "\n"
    "Infers a profile from the git repository at DIR (default: the current directory), with a\n"
    "comment after each field naming its evidence. From the history (libgit2, .mailmap applied,\n"
    "bots left out, Co-authored-by counted): the team's size, who writes Go and Rust, attrition,\n"
    "hires and merges a day, all anchored to HEAD's date. From HEAD's tree: the languages, as\n"
    "GitHub's linguist counts them, and the dependencies, which the KB's table\n"
    "(data/kb/dependencies.yaml) maps to what you are building, where it runs and what it\n"
    "reuses. A field without evidence keeps its default, commented out, and says why.\n"
    "\n"
    "  -o, --output F      write the profile to F (atomically) instead of standard output\n"
    "      --since D       the team window before HEAD's date: 90d (default), 12w, 6m, 1y\n"
    "      --build         also build the repository (Go or Rust) as `verdict lab` builds its\n"
    "                      workloads: 3 clean and 5 incremental builds; the times go to\n"
    "                      PROFILE.build.json beside -o, for decide --evidence\n"
    "      --workdir DIR   where --build exports and builds (default: $TMPDIR or /tmp)\n"
    "  -f, --format F      yaml (default: the profile) or json (each field with its evidence)\n"
    "      --show-people   name the people counted (they are only counted by default)\n"
    "      --kb DIR        read the knowledge base from DIR (default: $VERDICT_KB, else built in)\n"
    "  -h, --help          show this help\n"
    "\n"
    "Then: verdict scan | verdict decide -\n"
    "Exit status: 0 scanned, 2 bad input (not a repository, no commits, ...), 1 internal "
    "failure.\n";

struct scan_cli {
	struct scan_options so;
	bool json;
};

enum { OPT_SINCE = 256, OPT_BUILD, OPT_PEOPLE, OPT_WORKDIR };

static int own(void *ctx, int c, const char *arg)
{
	struct scan_cli *sc = ctx;
	switch (c) {
	case 'f':
		if (strcmp(arg, "yaml") != 0 && strcmp(arg, "json") != 0)
			return cli_usage_error("scan", "unknown format '%s' (yaml, json)", arg);
		sc->json = strcmp(arg, "json") == 0;
		return CLI_NEXT;
	case OPT_SINCE:
		if (scan_parse_since(arg, &sc->so.since_days) != 0)
			return cli_usage_error("scan",
					       "--since must be a duration from 1d to 10y (90d, "
					       "12w, 6m, 1y), got '%s'",
					       arg);
		return CLI_NEXT;
	case OPT_BUILD:
		sc->so.build = true;
		return CLI_NEXT;
	case OPT_PEOPLE:
		sc->so.show_people = true;
		return CLI_NEXT;
	case OPT_WORKDIR:
		sc->so.build_dir = arg;
		return CLI_NEXT;
	default:
		return CLI_NOT_MINE;
	}
}

static void write_yaml(FILE *f, const void *ctx)
{
	scan_write_yaml(f, ctx);
}

/* PROFILE.yaml -> PROFILE.build.json */
static void evidence_path(const char *output, char *out, size_t size)
{
	size_t n = strlen(output);
	if (n > 5 && strcmp(output + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(output + n - 4, ".yml") == 0)
		n -= 4;
	snprintf(out, size, "%.*s.build.json", (int)n, output);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {CLI_OPT_FORMAT,
					     CLI_OPT_OUTPUT,
					     CLI_OPT_KB,
					     {"since", required_argument, NULL, OPT_SINCE},
					     {"build", no_argument, NULL, OPT_BUILD},
					     {"show-people", no_argument, NULL, OPT_PEOPLE},
					     {"workdir", required_argument, NULL, OPT_WORKDIR},
					     CLI_OPT_HELP,
					     CLI_OPT_END};
	struct cli_opts o = cli_opts("scan", usage, 1u << FORMAT_TEXT | 1u << FORMAT_JSON);
	struct scan_cli sc = {.so = {.since_days = SCAN_DEFAULT_SINCE_DAYS}};
	int rc = cli_parse(&o, argc, argv, ":f:o:h", opts, own, &sc);
	if (rc != CLI_NEXT)
		return rc;
	if (argc - optind > 1)
		return cli_usage_error("scan", "one repository at a time");
	sc.so.dir = optind < argc ? argv[optind] : ".";
	bool to_file = o.output && strcmp(o.output, "-") != 0;
	if (sc.so.build && !sc.json && !to_file)
		return cli_usage_error("scan",
				       "--build writes its measurements beside the profile: "
				       "add -o PROFILE.yaml");
	char evidence[4096] = "";
	if (sc.so.build && !sc.json)
		evidence_path(o.output, evidence, sizeof evidence);
	sc.so.evidence_path = *evidence ? evidence : NULL;
	sc.so.progress = sc.so.build && isatty(STDERR_FILENO) ? stderr : NULL;
	struct err e = {0};
	struct kb *kb = cli_kb(o.kbdir, &e);
	if (!kb)
		return cli_fail(&e);
	/* --build runs compilers: Ctrl-C ends every one of them and removes the work directory */
	struct guard g;
	if (sc.so.build && guard_start(&g, &e) != 0) {
		kb_free(kb);
		return cli_fail(&e);
	}
	struct scan *s = scan_run(kb, &sc.so, &e);
	if (sc.so.build)
		guard_end(&g);
	if (sc.so.build && g.stop) {
		scan_free(s);
		kb_free(kb);
		fprintf(stderr, "verdict scan: interrupted; every process it started has ended and "
				"nothing was written\n");
		return 128 + (g.signal ? g.signal : SIGINT);
	}
	rc = s ? 0 : -1;
	if (rc == 0 && sc.json) {
		json_t *j = scan_to_json(s);
		rc = cli_emit(FORMAT_JSON, j, NULL, NULL, o.output, &e);
		json_decref(j);
	} else if (rc == 0) {
		json_t *ev = *evidence ? scan_build_evidence(s) : NULL;
		if (*evidence)
			rc = cli_emit(FORMAT_JSON, ev, NULL, NULL, evidence, &e);
		json_decref(ev);
		if (rc == 0)
			rc = cli_emit(FORMAT_TEXT, NULL, write_yaml, s, o.output, &e);
		if (rc != 0 && *evidence)
			unlink(evidence); /* both files or neither */
	}
	scan_free(s);
	kb_free(kb);
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_scan = {
    .name = "scan",
    .summary = "infer a profile from a git repository, with the evidence for each field",
    .usage = usage,
    .run = run,
};
