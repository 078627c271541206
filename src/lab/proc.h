/*
 * proc — the lab's child processes. Every child runs in a process group of its own, pinned to
 * the cores it is given, and dies with the lab (PR_SET_PDEATHSIG); the groups alive are kept in
 * one registry so that proc_kill_all (from the lab's signal thread) ends every one of them and
 * its descendants (compilers that cargo and go start) at once. proc_run measures a program the
 * way the Benchmarks Game does: wall time and CPU time from wait4 on the program itself, and its
 * peak RSS from its own VmHWM (wait4's maxrss also counts the pre-exec copy of the lab). A program
 * that ends before the first VmHWM sample gets wait4's figure instead, labelled as such: Linux
 * carries the pre-exec image into ru_maxrss, so that figure is an upper bound, never a zero.
 */
#ifndef VERDICT_PROC_H
#define VERDICT_PROC_H

#include <stdbool.h>
#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "err.h"

#define PROC_MAX_OUTPUT (1u << 20) /* stdout kept by proc_run; more is an error */
#define PROC_ANY_CPU	(-1)

struct proc_spec {
	char *const *argv; /* argv[0] is looked up in PATH; borrowed */
	const char *cwd;   /* NULL: the lab's */
	char *const *env;  /* extra "NAME=value" settings, NULL-terminated, or NULL; borrowed */
	int cpu;	   /* the core to pin to, or PROC_ANY_CPU for every online core */
	double timeout_s;  /* proc_run: kill the group after this long (0: no limit) */
	const char *stderr_path; /* where the child's stderr goes (NULL: kept, last 2 KB) */
};

/* Where a peak RSS figure came from. */
enum proc_rss_source {
	PROC_RSS_NONE,	/* no figure (0 KB): neither source had one */
	PROC_RSS_VMHWM, /* the program's own VmHWM, sampled while it ran: its peak */
	PROC_RSS_WAIT4, /* wait4's ru_maxrss: it ended before the first sample; an upper bound,
			   as it includes the image the child had before exec */
};

struct proc_result {
	int exit_code;	  /* the exit status, or 128 + signal */
	bool timed_out;	  /* killed for exceeding timeout_s */
	double elapsed_s; /* from fork to exit */
	double cpu_s;	  /* user + system, the child and the descendants it waited for */
	long max_rss_kb;  /* the program's peak resident set: VmHWM, sampled every 5 ms from 5 ms
			     after exec (or its first output), or wait4's figure when it ended
			     before the first sample (see rss_source) */
	enum proc_rss_source rss_source;
	char *out; /* stdout, NUL-terminated (free with proc_result_free) */
	size_t out_len;
	char err_tail[2048]; /* the end of stderr, for messages */
};

/* A server or other long-lived child started with proc_start. */
struct proc {
	pid_t pid;	/* also its process group; 0 when not running */
	int out_fd;	/* its stdout, readable by the lab (-1 once closed) */
	double started; /* monotonic seconds at fork */
};

/* Seconds on CLOCK_MONOTONIC. */
double proc_now(void);

/* Runs spec to completion, capturing stdout. Returns 0 with *r filled (whatever the exit code),
 * or -1 with *e set when it could not be started or the lab is stopping (*r is then empty). */
int proc_run(const struct proc_spec *spec, struct proc_result *r, struct err *e);

/* The peak RSS proc_run reports from the VmHWM samples' peak (<= 0: no sample succeeded) and
 * wait4's ru_maxrss (KB): the sampled figure when there is one, else wait4's; *source says which
 * (PROC_RSS_NONE and 0 when neither has a figure). */
long proc_peak_rss_kb(long sampled_kb, long wait4_kb, enum proc_rss_source *source);

/* "vmhwm", "wait4" or "none", as results and summaries name a figure's source. */
const char *proc_rss_source_name(enum proc_rss_source s);

/* Frees r->out. */
void proc_result_free(struct proc_result *r);

/* Starts spec in the background with its stdout on a pipe (p->out_fd). Returns 0 or -1 with *e. */
int proc_start(const struct proc_spec *spec, struct proc *p, struct err *e);

/* Reads one line from p's stdout within timeout_s into buf (without the newline). Returns 0, or
 * -1 with *e set on timeout, end of output or a stop. */
int proc_read_line(struct proc *p, double timeout_s, char *buf, size_t size, struct err *e);

/* Ends p's whole process group (SIGTERM, then SIGKILL after a grace period) and reaps it. Safe on
 * a proc that is not running. */
void proc_stop(struct proc *p);

/* Kills every registered process group with SIGKILL; async-signal-unsafe parts are avoided so
 * the lab's signal thread may call it at any time. */
void proc_kill_all(void);

/* Set once the lab is stopping (a signal arrived): proc_run and proc_start refuse to start. */
extern volatile sig_atomic_t proc_stopping;

/* The value after "KEY:" (spaces or tabs may come before the colon) on the first such line of a
 * /proc-style file, trimmed, into out. Returns 0, or -1 when the file or the key is missing. */
int proc_file_field(const char *path, const char *key, char *out, size_t size);

/* Resident set size of a running process in KB, from /proc/PID/status; -1 when unreadable. */
long proc_rss_kb(pid_t pid);

#endif
