/*
 * cmd — the subcommand table. Each cmd_*.c parses its own flags, calls the modules, renders,
 * and exports one `const struct cmd`; main.c only dispatches. Adding a command is adding a file
 * and a line in main.c's table.
 */
#ifndef VERDICT_CMD_H
#define VERDICT_CMD_H

struct cmd {
	const char *name;
	const char *summary;		   /* one line for `verdict --help` */
	const char *usage;		   /* the full --help text */
	int (*run)(int argc, char **argv); /* argv[0] is the command name; returns the exit code */
};

extern const struct cmd cmd_quick, cmd_decide, cmd_learn, cmd_cost, cmd_claims, cmd_adr, cmd_load,
    cmd_serve, cmd_lab, cmd_backtest, cmd_scan;

#endif
