/*
 * run — what the lab's workload modules share while a run is under way (internal to src/lab):
 * the run's directory and binaries, the cores to pin to, the progress bar, starting a workload
 * server and talking to it, and the JSON shape of repeated measurements.
 */
#ifndef VERDICT_LAB_RUN_H
#define VERDICT_LAB_RUN_H

#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>

#include "err.h"
#include "lab/lab.h"
#include "lab/load.h"
#include "lab/machine.h"
#include "lab/proc.h"

struct lab_run {
	const struct lab_options *o;
	volatile sig_atomic_t *stop;
	char dir[PATH_MAX];		   /* this run's directory */
	char src[PATH_MAX];		   /* the unpacked workloads */
	char bin[IMPL_COUNT][2][PATH_MAX]; /* [impl][0 server, 1 cpu] */
	bool have[IMPL_COUNT];		   /* its programs built and usable */
	struct toolchain tools[TOOL_COUNT];
	struct machine machine;
	int server_cpu, load_cpu; /* cores, or PROC_ANY_CPU when there are too few to split */
	int repeats;
	json_t *workloads; /* "workloads" of the results (borrowed from the results object) */
	json_t *skipped;   /* "skipped" array */
	/* progress */
	int steps_done, steps_total;
	double started;
};

/* A workload step: measures and adds its object to run->workloads. Returns 0, or -1 with *e set
 * when the run must end (a stop, or a failure that makes the rest meaningless); a workload that
 * cannot run for one implementation records that in `skipped` and goes on. */
int wl_build(struct lab_run *run, struct err *e);
int wl_cpu(struct lab_run *run, struct err *e);
int wl_http(struct lab_run *run, enum lab_workload w, struct err *e);
int wl_gc_tail(struct lab_run *run, struct err *e);
int wl_footprint(struct lab_run *run, struct err *e);

/* How many progress steps each workload reports (for the bar's total). */
int wl_steps(const struct lab_run *run, enum lab_workload w);

/* Advances the progress bar by one step and names what runs next. */
void lab_step(struct lab_run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Records that impl's part of workload w was skipped, and why. */
void lab_skip(struct lab_run *run, enum lab_workload w, enum lab_impl impl, const char *why);

/* -1 with *e set when the run has been asked to stop, else 0. */
int lab_check_stop(const struct lab_run *run, struct err *e);

/* --- measurements ------------------------------------------------------------------------------
 */

/* Microseconds (as histograms keep them) in milliseconds (as results report them). */
static inline double lab_ms(uint64_t us)
{
	return (double)us / 1000;
}

/* {"median": m, "min": a, "max": b, "runs": [...]} of n values (n >= 1). */
json_t *lab_stat(const double *v, size_t n);

/* The median of n values (sorted in place). */
double lab_median(double *v, size_t n);

/* --- servers -----------------------------------------------------------------------------------
 */

/* A workload server: its process and the port it listens on. */
struct lab_server {
	struct proc proc;
	int port;
	double ready_s; /* from fork to its first good response: the cold start */
};

/* Starts impl's HTTP server with extra arguments (NULL-terminated, may be NULL) pinned to the
 * server core, and waits until it answers GET /plaintext with 200 (at most timeout_s).
 * Returns 0 or -1 with *e set (the process ended). */
int lab_server_start(struct lab_run *run, enum lab_impl impl, char *const *extra, double timeout_s,
		     struct lab_server *s, struct err *e);

/* Ends the server. */
void lab_server_stop(struct lab_server *s);

/* GET path from 127.0.0.1:port; the status and up to size-1 body bytes into body. Returns 0 or
 * -1 with *e set (no connection, no complete response within timeout_s). */
int lab_http_get(int port, const char *path, double timeout_s, int *status, char *body, size_t size,
		 struct err *e);

/* Checks a TechEmpower response: status 200, exactly `body`, a Content-Type starting with
 * `type`, a Server header and a Date header (copied into date, so a later call can check that it
 * changes). Returns 0 or -1 with *e saying what is wrong. */
int lab_http_check(int port, const char *path, const char *body, const char *type, char *date,
		   size_t date_size, struct err *e);

/* Runs load against 127.0.0.1:port/path from the load core: closed loop when rate is 0.
 * Returns 0 with *r filled (free with load_result_free) or -1 with *e set. */
int lab_load(struct lab_run *run, int port, const char *path, int connections, int pipeline,
	     double duration_s, double rate, bool windows, struct load_result *r, struct err *e);

#endif
