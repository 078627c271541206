/*
 * main — dispatches `verdict COMMAND ...` to the command's front end. Nothing else lives here.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

#define VERDICT_VERSION "0.1.0"

static const struct cmd *const commands[] = {&cmd_quick,  &cmd_decide,	 &cmd_learn, &cmd_cost,
					     &cmd_claims, &cmd_adr,	 &cmd_serve, &cmd_load,
					     &cmd_lab,	  &cmd_backtest, &cmd_scan};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void help(FILE *f)
{
	fprintf(f, "usage: verdict COMMAND [ARGS]\n\n"
		   "Go or Rust? An evidence-based answer for your project, with its sources.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "\n'verdict COMMAND --help' shows a command's options.\n"
		   "Environment: VERDICT_KB=DIR reads the knowledge base from DIR; NO_COLOR turns "
		   "colour off.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		help(stderr);
		return 2;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		help(stdout);
		return 0;
	}
	if (strcmp(name, "--version") == 0) {
		printf("verdict %s\n", VERDICT_VERSION);
		return 0;
	}
	if (strcmp(name, "help") == 0 && argc == 3)
		name = argv[2];
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i]->name, name) != 0)
			continue;
		if (strcmp(argv[1], "help") == 0) {
			fputs(commands[i]->usage, stdout);
			return 0;
		}
		return commands[i]->run(argc - 1, argv + 1);
	}
	fprintf(stderr, "verdict: unknown command '%s'\n", name);
	help(stderr);
	return 2;
}
