/*
 * workdir — the lab's run directories (BASE/run-XXXXXX, BASE being ~/.cache/verdict/lab by
 * default). A run makes a fresh one and holds an flock on the `lock` file inside it for as long
 * as it lives; the kernel drops that lock however the lab ends, SIGKILL included. So a later lab
 * can tell a directory left behind by a lab that was killed (180–215 MB of builds) from one that
 * another lab running right now owns: it removes the first kind once it is a day old, and never
 * touches the second.
 */
#ifndef VERDICT_WORKDIR_H
#define VERDICT_WORKDIR_H

#include <limits.h>
#include <time.h>

#include "err.h"

#define WORKDIR_STALE_S (24 * 3600) /* a run directory nobody owns is removed after a day */

/* A run directory this lab owns. */
struct workdir {
	char path[PATH_MAX]; /* BASE/run-XXXXXX, or "" when none */
	int lock_fd;	     /* its lock, held (flock) while the run lives; -1 when none */
};

/* Creates a new run directory under base (which must exist) and takes its lock. Returns 0, or -1
 * with *e set (nothing left behind). */
int workdir_create(const char *base, struct workdir *w, struct err *e);

/* Removes w's directory and everything in it, then releases its lock. Safe on a workdir that was
 * never created or is already removed. */
void workdir_remove(struct workdir *w);

/* What workdir_sweep removed. */
struct workdir_swept {
	int dirs;	 /* run directories removed */
	long long bytes; /* the size of the files in them */
};

/* Removes the run directories under base that no live lab owns (their lock is free) and that were
 * last changed more than max_age_s before now: only directories named run-XXXXXX, owned by this
 * user, never followed through a symlink. What cannot be removed is left for a later sweep.
 * Fills *swept; never fails (a base that cannot be read sweeps nothing). */
void workdir_sweep(const char *base, time_t now, double max_age_s, struct workdir_swept *swept);

#endif
