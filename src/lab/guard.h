/*
 * guard — Ctrl-C for the commands that run children (`verdict lab`, `verdict scan --build`):
 * SIGINT, SIGTERM and SIGHUP are taken by one thread of their own, which raises a flag, tells
 * proc.c to start nothing more and kills every registered process group at once; the command
 * then cleans up, writes nothing and says it was interrupted.
 */
#ifndef VERDICT_GUARD_H
#define VERDICT_GUARD_H

#include <pthread.h>
#include <signal.h>

#include "err.h"

struct guard {
	volatile sig_atomic_t stop;   /* set once a signal arrived */
	volatile sig_atomic_t signal; /* which one */
	sigset_t set, old;
	pthread_t thread;
};

/* Blocks the signals in this thread (and every thread it creates from now on) and starts the
 * thread that takes them. Returns 0, or -1 with *e set and the signal mask as it was. */
int guard_start(struct guard *g, struct err *e);

/* Ends the signal thread and restores the signal mask. */
void guard_end(struct guard *g);

#endif
