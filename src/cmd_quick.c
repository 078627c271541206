/*
 * cmd_quick — `verdict quick`: seed 000's three questions (what are you building, what does
 * your team know, what is your hardest constraint). Flags answer them; on a terminal, missing
 * answers are asked for. The answers become a profile through the KB's `quick` presets.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "engine.h"
#include "profile.h"
#include "quick.h"
#include "render.h"

static const char usage[] =
    "usage: verdict quick [--building KIND] [--team go|rust|both|neither]\n"
    "                     [--constraint none|ship-fast|latency|memory|safety]\n"
    "                     [--long] [--format text|json|markdown|html] [-o FILE] [--kb DIR]\n"
    "\n"
    "The three-question verdict. On a terminal, questions you did not answer with a flag are\n"
    "asked; otherwise --building is required and the others default to 'neither' and 'none'.\n"
    "\n"
    "  --building KIND     web-service, cli, embedded, kernel, blockchain, trading, game-engine,\n"
    "                      ml-inference, data-pipeline, k8s-operator, proxy, parser, database,\n"
    "                      runtime, wasm, library, cache, desktop-app, agent, vmm, compiler,\n"
    "                      query-engine\n"
    "  --team T            what your team already writes: go, rust, both or neither\n"
    "  --constraint C      your hardest constraint: none, ship-fast, latency (p99 under 5 ms),\n"
    "                      memory (tight budget), safety (untrusted input, security-critical)\n"
    "      --long          all of it: every reason, what speaks for the other language, the\n"
    "                      cost table and the claims cited (default: the 30-second answer)\n"
    "  -f, --format F      text (default), json, markdown or html\n"
    "  -o, --output F      write to file F instead of standard output\n"
    "      --kb DIR        read the knowledge base from DIR\n"
    "  -h, --help          show this help\n";

static const char *const teams[] = {"go", "rust", "both", "neither", NULL};
static const char *const constraints[] = {"none", "ship-fast", "latency", "memory", "safety", NULL};

/* Asks on stderr, reads stdin; accepts the number or the name. Returns the answer or NULL on
 * end of input. */
static const char *ask(const char *question, const char *const *choices)
{
	static char line[128];
	for (int tries = 0; tries < 5; tries++) {
		fprintf(stderr, "%s\n", question);
		for (int i = 0; choices[i]; i++)
			fprintf(stderr, "  %2d) %s\n", i + 1, choices[i]);
		fprintf(stderr, "> ");
		if (!fgets(line, sizeof line, stdin))
			return NULL;
		line[strcspn(line, "\r\n")] = '\0';
		for (int i = 0; choices[i]; i++) {
			char num[16];
			snprintf(num, sizeof num, "%d", i + 1);
			if (strcmp(line, choices[i]) == 0 || strcmp(line, num) == 0)
				return choices[i];
		}
		fprintf(stderr, "'%s' is not one of the choices.\n", line);
	}
	return NULL;
}

static int one_of(const char *s, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* What the team answer says, for the title: "Go", "Go and Rust". */
static const char *team_words(const char *team)
{
	static const char *const words[] = {"Go", "Rust", "Go and Rust", "neither"};
	for (int i = 0; teams[i]; i++)
		if (strcmp(team, teams[i]) == 0)
			return words[i];
	return team;
}

struct answers {
	const char *building, *team, *constraint;
};

/* quick's own options: the three answers. */
static int own_option(void *ctx, int c, const char *arg)
{
	struct answers *a = ctx;
	switch (c) {
	case 'b':
		a->building = arg;
		return CLI_NEXT;
	case 't':
		a->team = arg;
		if (!one_of(arg, teams))
			return cli_usage_error(
			    "quick", "--team must be go, rust, both or neither, got '%s'", arg);
		return CLI_NEXT;
	case 'c':
		a->constraint = arg;
		if (!one_of(arg, constraints))
			return cli_usage_error(
			    "quick",
			    "--constraint must be none, ship-fast, latency, memory or "
			    "safety, got '%s'",
			    arg);
		return CLI_NEXT;
	default:
		return CLI_NOT_MINE;
	}
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"building", required_argument, NULL, 'b'},
					     {"team", required_argument, NULL, 't'},
					     {"constraint", required_argument, NULL, 'c'},
					     CLI_OPT_FORMAT,
					     CLI_OPT_LONG,
					     CLI_OPT_OUTPUT,
					     CLI_OPT_KB,
					     CLI_OPT_SEED,
					     CLI_OPT_SAMPLES,
					     CLI_OPT_HELP,
					     CLI_OPT_END};
	struct cli_opts o = cli_opts("quick", usage, FORMATS_REPORT);
	struct answers a = {NULL, NULL, NULL};
	int rc = cli_parse(&o, argc, argv, ":f:o:h", opts, own_option, &a);
	if (rc != CLI_NEXT)
		return rc;
	const char *building = a.building, *team = a.team, *constraint = a.constraint;
	if (optind != argc)
		return cli_usage_error("quick", "unexpected argument '%s'", argv[optind]);
	bool interactive = isatty(STDIN_FILENO);
	if (!building && interactive)
		building = ask("What are you building?", profile_field(F_BUILDING)->values);
	if (!team && interactive)
		team = ask("What does your team already write?", teams);
	if (!constraint && interactive)
		constraint = ask("What is your hardest constraint?", constraints);
	if (!building)
		return cli_usage_error("quick", "say what you are building: --building KIND");
	if (!team)
		team = "neither";
	if (!constraint)
		constraint = "none";

	struct err e = {0};
	struct kb *kb = cli_kb(o.kbdir, &e);
	if (!kb)
		return cli_fail(&e);
	struct verdict v;
	rc = quick_decide(kb, building, team, constraint, &o.eo, &v, &e);
	if (rc == 0) {
		char title[160];
		snprintf(title, sizeof title, "%s · team writes %s · hardest constraint: %s",
			 kb_kind_label(kb, building), team_words(team), constraint);
		struct text_options t = cli_text_options(&o);
		t.quick = true;
		t.unasked = quick_unasked(kb, team, constraint);
		rc = cli_emit_verdict(kb, &v, &o, title, &t, &e);
		verdict_free(&v);
	}
	kb_free(kb);
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_quick = {
    .name = "quick",
    .summary = "the three-question verdict",
    .usage = usage,
    .run = run,
};
