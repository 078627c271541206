/*
 * guard — the signal thread of commands that run children (see guard.h).
 */
#include "lab/guard.h"

#include "lab/proc.h"

/* The only thread that takes the signals; SIGUSR1 from guard_end ends it. */
static void *signal_thread(void *arg)
{
	struct guard *g = arg;
	for (;;) {
		int sig = 0;
		if (sigwait(&g->set, &sig) != 0 || sig == SIGUSR1)
			return NULL;
		g->signal = sig;
		g->stop = 1;
		proc_stopping = 1;
		proc_kill_all();
	}
}

int guard_start(struct guard *g, struct err *e)
{
	g->stop = 0;
	g->signal = 0;
	sigemptyset(&g->set);
	sigaddset(&g->set, SIGINT);
	sigaddset(&g->set, SIGTERM);
	sigaddset(&g->set, SIGHUP);
	sigaddset(&g->set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &g->set, &g->old);
	if (pthread_create(&g->thread, NULL, signal_thread, g) != 0) {
		pthread_sigmask(SIG_SETMASK, &g->old, NULL);
		return err_internal(e, "cannot start the signal thread");
	}
	return 0;
}

void guard_end(struct guard *g)
{
	pthread_kill(g->thread, SIGUSR1);
	pthread_join(g->thread, NULL);
	pthread_sigmask(SIG_SETMASK, &g->old, NULL);
}
