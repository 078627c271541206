/*
 * cmd_lab — `verdict lab`: measure Go against Rust on this machine (src/lab/), print the ratios
 * beside the published figures, write the results atomically (-o) and append them to the
 * history database; `--history` lists past runs. Ctrl-C (or SIGTERM, SIGHUP) ends every child
 * process at once and leaves no results file and no history row behind.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "utf8.h"
#include "lab/history.h"
#include "lab/lab.h"
#include "lab/proc.h"

static const char usage[] =
    "usage: verdict lab [--quick] [--only LIST] [-o RESULTS.json] [--format text|json]\n"
    "                  [--repeats N] [--workdir DIR] [--history-db FILE] [--no-history] [--quiet]\n"
    "       verdict lab --history [--format text|json] [--history-db FILE]\n"
    "\n"
    "Builds reference workloads in Go and Rust (and C and nginx as native baselines), checks\n"
    "their output, and measures them on this machine: clean and incremental builds, CPU kernels,\n"
    "TechEmpower plaintext and JSON, a GC tail-latency cache, memory footprint and cold start.\n"
    "Prints each Go/Rust ratio beside the published figure it tests. Feed the results to\n"
    "`verdict decide|cost --evidence RESULTS.json` to decide from your own measurements.\n"
    "\n"
    "  --quick             the short run (about 2-3 minutes on 2 cores; full: under 20)\n"
    "  --only LIST         some workloads: build,cpu,http-plaintext,http-json,gc-tail,footprint\n"
    "  -o, --output FILE   write the results JSON to FILE (atomically)\n"
    "  -f, --format F      text (default: the summary) or json (the results)\n"
    "  --repeats N         runs of each measurement (default 3 quick, 5 full)\n"
    "  --workdir DIR       where runs unpack and build (default ~/.cache/verdict/lab); run\n"
    "                      directories over a day old that no running lab owns are removed\n"
    "  --history           list the runs recorded so far (read-only), and exit\n"
    "  --history-db FILE   the history database (default ~/.local/share/verdict/lab.sqlite);\n"
    "                      a damaged one is set aside as FILE.corrupt-TIMESTAMP\n"
    "  --no-history        do not record this run\n"
    "  --quiet             no progress on standard error\n"
    "  -k, --kb DIR        read the knowledge base from DIR instead of the embedded copy\n"
    "  -h, --help          show this help\n"
    "\n"
    "Needs go and cargo on the PATH (a missing one is reported with the package that installs\n"
    "it, and its workloads are skipped); cc and nginx add the native baselines. Interrupting a\n"
    "run ends every process it started and writes nothing.\n";

struct lab_cli {
	struct lab_options lo;
	bool history, no_history, quiet;
	const char *history_db;
};

enum {
	OPT_QUICK = 256,
	OPT_ONLY,
	OPT_REPEATS,
	OPT_WORKDIR,
	OPT_HISTORY,
	OPT_HISTORY_DB,
	OPT_NO_HISTORY,
	OPT_QUIET
};

static int own_option(void *ctx, int c, const char *arg)
{
	struct lab_cli *l = ctx;
	struct err e = {0};
	long n;
	switch (c) {
	case OPT_QUICK:
		l->lo.quick = true;
		return CLI_NEXT;
	case OPT_ONLY:
		if (lab_parse_only(arg, &l->lo.only, &e) != 0)
			return cli_usage_error("lab", "%s", e.msg);
		return CLI_NEXT;
	case OPT_REPEATS:
		if (cli_number("lab", "--repeats", arg, 1, 50, &n))
			return 2;
		l->lo.repeats = (int)n;
		return CLI_NEXT;
	case OPT_WORKDIR:
		l->lo.workdir = arg;
		return CLI_NEXT;
	case OPT_HISTORY:
		l->history = true;
		return CLI_NEXT;
	case OPT_HISTORY_DB:
		l->history_db = arg;
		return CLI_NEXT;
	case OPT_NO_HISTORY:
		l->no_history = true;
		return CLI_NEXT;
	case OPT_QUIET:
		l->quiet = true;
		return CLI_NEXT;
	default:
		return CLI_NOT_MINE;
	}
}

/* --- signals ---------------------------------------------------------------------------------- */

static volatile sig_atomic_t stop_flag;
static volatile sig_atomic_t stop_signal;

/* The signal thread: the only one that takes SIGINT, SIGTERM and SIGHUP. It stops the run and
 * kills every child's process group at once; SIGUSR1 from the main thread ends it. */
static void *signal_thread(void *arg)
{
	const sigset_t *set = arg;
	for (;;) {
		int sig = 0;
		if (sigwait(set, &sig) != 0 || sig == SIGUSR1)
			return NULL;
		stop_signal = sig;
		stop_flag = 1;
		proc_stopping = 1;
		proc_kill_all();
	}
}

/* --- history listing -------------------------------------------------------------------------- */

/* Writes s (NULL: "-") in a column of width characters, cut between characters, never inside
 * one (a host name cut mid-"é" is not text), then padded with spaces. */
static void cell(FILE *f, const char *s, int width)
{
	s = s ? s : "-";
	size_t n = strlen(s), len = 0;
	int chars = 0;
	for (; len < n && chars < width; chars++) {
		uint32_t cp;
		size_t c = utf8_decode(s + len, n - len, &cp);
		len += c ? c : 1;
	}
	fprintf(f, "%.*s%*s", (int)len, s, width - chars, "");
}

static void history_text(FILE *f, const void *ctx)
{
	const json_t *list = ctx;
	static const char *const cols[] = {"build-own-code", "cpu", "http-json-peak",
					   "gc-tail-p999", "footprint-holding"};
	if (json_array_size(list) == 0) {
		fprintf(f, "no lab runs recorded yet: run `verdict lab --quick`\n");
		return;
	}
	fprintf(f, "%-4s %-20s %-16s %-10s %-14s %-5s", "id", "started", "host", "go", "rust",
		"mode");
	for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
		fprintf(f, " %13s", cols[c]);
	fprintf(f, "\n");
	size_t i;
	const json_t *r;
	json_array_foreach(list, i, r)
	{
		fprintf(f, "%-4lld %-20s ", (long long)json_integer_value(json_object_get(r, "id")),
			json_string_value(json_object_get(r, "started")));
		cell(f, json_string_value(json_object_get(r, "host")), 16);
		fprintf(f, " ");
		cell(f, json_string_value(json_object_get(r, "go")), 10);
		fprintf(f, " ");
		cell(f, json_string_value(json_object_get(r, "rust")), 14);
		fprintf(f, " %-5s", json_is_true(json_object_get(r, "quick")) ? "quick" : "full");
		for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
			const json_t *a = json_object_get(json_object_get(r, "measures"), cols[c]);
			if (json_is_number(a))
				fprintf(f, " %12.3gx", json_number_value(a));
			else
				fprintf(f, " %13s", "-");
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\nColumns are Rust's advantage over Go (above 1x Rust does better).\n");
}

static int list_history(const char *path, int format, const char *output)
{
	struct err e = {0};
	struct history *h = history_open(path, HISTORY_READ, &e);
	if (!h)
		return cli_fail(&e);
	json_t *list = history_list(h, &e);
	history_close(h);
	if (!list)
		return cli_fail(&e);
	int rc = cli_emit(format, list, history_text, list, output, &e);
	json_decref(list);
	return rc == 0 ? 0 : cli_fail(&e);
}

/* --- a run ------------------------------------------------------------------------------------ */

/* 0 when path can be written (atomically: its directory must take a new file), else -1 with *e. */
static int writable_target(const char *path, struct err *e)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return err_input(e, path, 0, "is a directory; -o needs a file name");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (access(dir, W_OK) != 0)
		return err_input(e, path, 0, "cannot be written: %s is not a writable directory",
				 dir);
	return 0;
}

/* Writes the results (JSON to -o, or to stdout with --format json) and the summary. */
static int emit(json_t *results, int format, const char *output, struct err *e)
{
	if ((output || format == FORMAT_JSON) &&
	    cli_emit(FORMAT_JSON, results, NULL, NULL, output, e) != 0)
		return -1;
	if (format == FORMAT_TEXT) {
		lab_summary(stdout, results);
		if (output)
			printf("\nresults: %s\n", output);
		fflush(stdout);
	}
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"quick", no_argument, NULL, OPT_QUICK},
	    {"only", required_argument, NULL, OPT_ONLY},
	    {"repeats", required_argument, NULL, OPT_REPEATS},
	    {"workdir", required_argument, NULL, OPT_WORKDIR},
	    {"history", no_argument, NULL, OPT_HISTORY},
	    {"history-db", required_argument, NULL, OPT_HISTORY_DB},
	    {"no-history", no_argument, NULL, OPT_NO_HISTORY},
	    {"quiet", no_argument, NULL, OPT_QUIET},
	    CLI_OPT_FORMAT,
	    CLI_OPT_OUTPUT,
	    CLI_OPT_KB,
	    CLI_OPT_HELP,
	    CLI_OPT_END};
	struct lab_cli l = {0};
	struct cli_opts o = cli_opts("lab", usage, 1u << FORMAT_TEXT | 1u << FORMAT_JSON);
	int rc = cli_parse(&o, argc, argv, ":f:o:k:h", opts, own_option, &l);
	if (rc != CLI_NEXT)
		return rc;
	if (optind != argc)
		return cli_usage_error("lab", "unexpected argument '%s'", argv[optind]);
	struct err e = {0};
	char db[4096];
	if (l.history_db)
		snprintf(db, sizeof db, "%s", l.history_db);
	else if (history_default_path(db, sizeof db, &e) != 0)
		return cli_fail(&e);
	if (l.history)
		return list_history(db, o.format, o.output);

	/* what the run will write is checked before it starts, not after a quarter of an hour */
	if (o.output && writable_target(o.output, &e) != 0)
		return cli_fail(&e);
	struct history *hist = NULL;
	if (!l.no_history && !(hist = history_open(db, HISTORY_APPEND, &e)))
		return cli_fail(&e);
	if (hist && *history_notice(hist))
		fprintf(stderr, "verdict lab: %s\n", history_notice(hist));
	struct kb *kb = cli_kb(o.kbdir, &e);
	if (!kb) {
		history_close(hist);
		return cli_fail(&e);
	}
	bool tty = isatty(STDERR_FILENO);
	l.lo.progress = !l.quiet && tty ? stderr : NULL;
	l.lo.log = !l.quiet && !tty ? stderr : NULL;

	/* every thread from here on inherits the blocked set: only signal_thread takes them */
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	pthread_t sig_thread;
	if (pthread_create(&sig_thread, NULL, signal_thread, &set) != 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		kb_free(kb);
		err_internal(&e, "cannot start the signal thread");
		return cli_fail(&e);
	}
	json_t *results = NULL;
	rc = lab_run(&l.lo, kb, &stop_flag, &results, &e);
	if (rc == 0 && !stop_flag)
		rc = emit(results, o.format, o.output, &e);
	if (rc == 0 && !stop_flag && hist) {
		long id = history_add(hist, results, &e);
		if (*history_notice(hist))
			fprintf(stderr, "verdict lab: %s\n", history_notice(hist));
		if (id < 0)
			fprintf(stderr,
				"verdict lab: the run was not recorded in the history: %s\n",
				e.msg);
	}
	pthread_kill(sig_thread, SIGUSR1);
	pthread_join(sig_thread, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	json_decref(results);
	history_close(hist);
	kb_free(kb);
	if (stop_flag) {
		fprintf(stderr, "verdict lab: interrupted; every process it started has ended and "
				"nothing was written\n");
		return 128 + (stop_signal ? stop_signal : SIGINT);
	}
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_lab = {
    .name = "lab",
    .summary = "measure Go against Rust on this machine",
    .usage = usage,
    .run = run,
};
