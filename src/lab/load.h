/*
 * load — an HTTP/1.1 load generator, used in-process by the lab and by `verdict load`.
 * N threads, each with its own epoll loop and share of the keep-alive connections. Closed loop
 * (as wrk): every connection keeps `pipeline` requests in flight. Open loop (as wrk2, -R): each
 * request has an intended send time t0 + n/rate; latency is recorded both from that intended time
 * (corrected: a stalled server delays everything queued behind it) and from the actual send
 * (uncorrected). Pacing uses timerfd on CLOCK_MONOTONIC, so it is sub-millisecond and needs no
 * calibration. Every error is counted, none aborts the run; timed-out requests are counted and
 * recorded at the time they were given up, so the tail is never flattered. When the duration
 * ends, nothing more is sent but the requests in flight are waited for (up to timeout_s each):
 * every request sent is answered, or counted as an error or a timeout, never dropped.
 */
#ifndef VERDICT_LOAD_H
#define VERDICT_LOAD_H

#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "err.h"
#include "lab/hist.h"

#define LOAD_MAX_HEADERS     32
#define LOAD_MAX_PIPELINE    64
#define LOAD_MAX_CONNECTIONS 100000
#define LOAD_MAX_THREADS     256
#define LOAD_MAX_RATE	     1e8 /* requests a second */

struct load_config {
	char host[256], port[8], path[2048];
	struct sockaddr_storage addr;
	socklen_t addrlen;
	int connections;   /* total keep-alive connections */
	int threads;	   /* event loops; connections are spread over them */
	double duration_s; /* how long to run */
	double rate;	   /* requests per second in total; 0 = closed loop */
	int pipeline;	   /* requests in flight per connection */
	double timeout_s;  /* a request outstanding longer than this is a timeout */
	const char *headers[LOAD_MAX_HEADERS]; /* extra "Name: value" lines (borrowed) */
	int nheaders;
	bool windows; /* also keep per-second statistics (load_result.windows) */
};

/* One second of a run: the latency (corrected in open loop) of the responses completed in it. */
struct load_window {
	uint64_t count;
	uint64_t p99_us, p999_us, max_us;
};

struct load_errors {
	uint64_t connect; /* could not connect */
	uint64_t
	    read; /* the connection failed or closed mid-response, or the response was malformed */
	uint64_t write;	  /* the request could not be sent */
	uint64_t timeout; /* no response within timeout_s */
	uint64_t status;  /* a response outside 2xx */
};

struct load_result {
	uint64_t requests;   /* completed responses */
	uint64_t sent;	     /* requests written */
	uint64_t unanswered; /* in flight when the run was stopped early: not answered, not yet
				timed out */
	uint64_t unsent;     /* open loop: due during the run but never sent, because every
				connection was waiting on the server (or could not connect) */
	uint64_t bytes_read;
	double duration_s;     /* actual time run (shorter when stopped early) */
	double requests_per_s; /* responses completed within the duration, a second */
	double target_rate;    /* 0 in closed loop */
	double generator_busy; /* the busiest thread's CPU time / wall time */
	bool kept_up;	       /* false when the generator itself could not hold the target rate */
	bool stopped_early;
	struct load_errors errors;
	uint64_t status_class[6];    /* responses by first digit (index 1..5) */
	struct hist *corrected;	     /* from intended send time; NULL in closed loop */
	struct hist *uncorrected;    /* from actual send time */
	struct load_window *windows; /* per second, when the config asked (else NULL) */
	size_t nwindows;
};

/* Fills c from an http:// URL (host, port, path; the host is resolved now). Defaults for the
 * rest must be set by the caller. Returns 0 or -1 with *e set. */
int load_parse_url(struct load_config *c, const char *url, struct err *e);

/* Checks the numeric settings of c (connections, threads, ...). Returns 0 or -1 with *e set. */
int load_check(const struct load_config *c, struct err *e);

/* Runs the load described by c until its duration ends or *stop becomes non-zero. Returns 0 and
 * fills *r (free with load_result_free), or -1 with *e set when nothing could run (threads or
 * memory could not be had); errors during the run are counted in r->errors, not returned. */
int load_run(const struct load_config *c, volatile sig_atomic_t *stop, struct load_result *r,
	     struct err *e);

/* Every error of the run, of whatever kind. */
uint64_t load_error_count(const struct load_result *r);

/* Responses with a 2xx status: the requests that succeeded. */
uint64_t load_succeeded(const struct load_result *r);

/* Frees the histograms of r. */
void load_result_free(struct load_result *r);

#endif
