/*
 * load — the load generator (see load.h). One thread per event loop; a connection belongs to one
 * thread for its whole life, so nothing is shared while running and each thread has its own
 * histograms, merged at the end. Requests are identical, built once. Each connection keeps a
 * ring of its outstanding requests with their intended and actual send times; a response ends the
 * oldest. The open-loop schedule of a connection is rate/connections requests a second, offset
 * so that connections do not fire together.
 */
#include "lab/load.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "lab/http.h"
#include "num.h"

#define READ_BUF     65536
#define MAX_EVENTS   256
#define RETRY_MIN_NS 10000000ULL  /* 10 ms between reconnection attempts at first */
#define RETRY_MAX_NS 200000000ULL /* at most 200 ms */
#define TICK_MS	     10		  /* epoll wakes at least this often: stop flag, timeouts */

struct conn {
	int fd;
	bool connecting, up;
	struct http_parser parser;
	uint64_t intended[LOAD_MAX_PIPELINE], sent[LOAD_MAX_PIPELINE];
	int head, count; /* outstanding requests: a ring */
	char *wbuf;	 /* requests not yet fully written */
	size_t wlen, woff;
	bool want_write;   /* EPOLLOUT armed */
	uint64_t next_due; /* open loop: intended time of the next request */
	uint64_t retry_at; /* when to reconnect after a failure */
	uint64_t backoff;
};

struct thread {
	const struct load_config *cfg;
	volatile sig_atomic_t *stop;
	const char *request;
	size_t request_len;
	struct conn *conns;
	int nconns, first; /* this thread's connections and the index of the first overall */
	int epfd, tfd;
	uint64_t start, end; /* ns, CLOCK_MONOTONIC */
	uint64_t interval;   /* open loop: ns between a connection's requests */
	struct hist *corrected, *uncorrected;
	struct hist **windows; /* per second of the run, made as each second begins */
	size_t nwindows;
	struct load_errors errors;
	uint64_t requests, sent, bytes;
	uint64_t requests_in_time; /* completed before the end of the duration */
	uint64_t unanswered, unsent;
	uint64_t status_class[6];
	double cpu_s;
	pthread_t id;
	bool started;
	char buf[READ_BUF];
};

static uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ULL + (uint64_t)t.tv_nsec;
}

/* --- URL and settings ------------------------------------------------------------------------- */

int load_parse_url(struct load_config *c, const char *url, struct err *e)
{
	const char *p = url;
	if (strncmp(p, "https://", 8) == 0)
		return err_input(
		    e, NULL, 0,
		    "%s: https is not supported: TLS would measure the TLS library, not "
		    "the server; use http://",
		    url);
	if (strncmp(p, "http://", 7) != 0)
		return err_input(e, NULL, 0, "%s: the URL must start with http://", url);
	p += 7;
	size_t authority = strcspn(p, "/?#");
	const char *at = NULL; /* the last '@' before the path ends the user information */
	for (const char *q = p; q < p + authority; q++)
		if (*q == '@')
			at = q;
	if (at) /* the credentials are not echoed: the message shows the URL without them */
		return err_input(e, NULL, 0,
				 "http://%s: a user name or password in the URL ('...@') is not "
				 "supported; send an Authorization header with -H",
				 at + 1);
	const char *host = p, *host_end;
	if (*p == '[') {
		host = p + 1;
		host_end = strchr(host, ']');
		if (!host_end)
			return err_input(e, NULL, 0, "%s: unclosed '[' in the host", url);
		p = host_end + 1;
	} else {
		host_end = p + strcspn(p, ":/?#");
		p = host_end;
	}
	size_t hl = (size_t)(host_end - host);
	if (hl == 0 || hl >= sizeof c->host)
		return err_input(e, NULL, 0, "%s: no host, or a host over 255 characters", url);
	memcpy(c->host, host, hl);
	c->host[hl] = '\0';
	snprintf(c->port, sizeof c->port, "80");
	if (*p == ':') {
		long port = 0;
		char digits[8];
		size_t pl = strcspn(p + 1, "/?#");
		if (pl == 0 || pl >= sizeof digits)
			return err_input(e, NULL, 0, "%s: a port is 1 to 65535", url);
		memcpy(digits, p + 1, pl);
		digits[pl] = '\0';
		if (num_parse_long(digits, 1, 65535, &port) != 0)
			return err_input(e, NULL, 0, "%s: a port is 1 to 65535, got '%s'", url,
					 digits);
		snprintf(c->port, sizeof c->port, "%ld", port);
		p += 1 + pl;
	}
	if (*p == '#')
		p = "";
	size_t pl = strcspn(p, "#");
	if (pl >= sizeof c->path - 1)
		return err_input(e, NULL, 0, "%s: the path is over 2,000 characters", url);
	if (pl == 0 || *p != '/')
		snprintf(c->path, sizeof c->path, "/%.*s", (int)pl, p);
	else
		snprintf(c->path, sizeof c->path, "%.*s", (int)pl, p);
	for (const char *q = c->path; *q; q++)
		if ((unsigned char)*q <= ' ' || *q == 0x7f)
			return err_input(e, NULL, 0,
					 "%s: spaces and control characters are not allowed "
					 "in the path",
					 url);
	struct addrinfo hints = {0}, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	int rc = getaddrinfo(c->host, c->port, &hints, &res);
	if (rc != 0 || !res)
		return err_input(e, NULL, 0, "%s: cannot resolve '%s': %s", url, c->host,
				 gai_strerror(rc));
	memcpy(&c->addr, res->ai_addr, res->ai_addrlen);
	c->addrlen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

int load_check(const struct load_config *c, struct err *e)
{
	if (c->connections < 1 || c->connections > LOAD_MAX_CONNECTIONS)
		return err_input(e, NULL, 0, "connections must be 1 to %d", LOAD_MAX_CONNECTIONS);
	if (c->threads < 1 || c->threads > LOAD_MAX_THREADS)
		return err_input(e, NULL, 0, "threads must be 1 to %d", LOAD_MAX_THREADS);
	if (c->threads > c->connections)
		return err_input(e, NULL, 0,
				 "%d threads for %d connections: each thread needs a connection",
				 c->threads, c->connections);
	if (!(c->duration_s > 0) || c->duration_s > 86400)
		return err_input(e, NULL, 0, "the duration must be above 0 and at most a day");
	if (c->rate < 0 || c->rate > LOAD_MAX_RATE)
		return err_input(e, NULL, 0,
				 "the rate must be 0 (closed loop) to 100,000,000 a second");
	if (c->pipeline < 1 || c->pipeline > LOAD_MAX_PIPELINE)
		return err_input(e, NULL, 0, "pipeline depth must be 1 to %d", LOAD_MAX_PIPELINE);
	if (!(c->timeout_s > 0) || c->timeout_s > 3600)
		return err_input(e, NULL, 0, "the timeout must be above 0 and at most an hour");
	return 0;
}

/* --- connections ------------------------------------------------------------------------------ */

static void arm(struct thread *t, struct conn *cn, bool write)
{
	if (cn->fd < 0 || cn->want_write == write)
		return;
	struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | (write ? EPOLLOUT : 0),
				 .data.ptr = cn};
	epoll_ctl(t->epfd, EPOLL_CTL_MOD, cn->fd, &ev);
	cn->want_write = write;
}

/* Records a latency in the window of second `second` of the run (made when it begins). */
static void record_window(struct thread *t, uint64_t second, uint64_t us)
{
	if (second >= t->nwindows)
		return;
	if (!t->windows[second])
		t->windows[second] = hist_new(); /* once a second; a failure only loses it */
	if (t->windows[second])
		hist_record(t->windows[second], us);
}

static void record(struct thread *t, struct conn *cn, uint64_t now)
{
	uint64_t sent = cn->sent[cn->head], intended = cn->intended[cn->head];
	hist_record(t->uncorrected, (now - sent) / 1000);
	if (t->corrected)
		hist_record(t->corrected, (now - intended) / 1000);
	if (t->windows) /* per-second windows, only when asked for */
		record_window(t, (now - t->start) / 1000000000ULL,
			      (t->corrected ? now - intended : now - sent) / 1000);
	cn->head = (cn->head + 1) % LOAD_MAX_PIPELINE;
	cn->count--;
}

/* Closes the connection; its outstanding requests count as errors of *kind (NULL: none, when
 * the server closed between responses). Schedules a reconnection. */
static void conn_drop(struct conn *cn, uint64_t *kind, uint64_t now)
{
	if (kind)
		*kind += (uint64_t)cn->count;
	if (cn->fd >= 0)
		close(cn->fd);
	cn->fd = -1;
	cn->up = cn->connecting = cn->want_write = false;
	cn->head = cn->count = 0;
	cn->wlen = cn->woff = 0;
	cn->retry_at = now;
}

static void conn_open(struct thread *t, struct conn *cn, uint64_t now)
{
	const struct load_config *c = t->cfg;
	cn->fd = socket(c->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (cn->fd < 0)
		goto failed;
	int one = 1;
	setsockopt(cn->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(cn->fd, (const struct sockaddr *)&c->addr, c->addrlen) != 0 &&
	    errno != EINPROGRESS)
		goto failed;
	struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.ptr = cn};
	if (epoll_ctl(t->epfd, EPOLL_CTL_ADD, cn->fd, &ev) != 0)
		goto failed;
	cn->connecting = true;
	cn->want_write = true;
	http_parser_reset(&cn->parser, false);
	return;
failed:
	t->errors.connect++;
	if (cn->fd >= 0)
		close(cn->fd);
	cn->fd = -1;
	cn->backoff = cn->backoff ? cn->backoff * 2 : RETRY_MIN_NS;
	if (cn->backoff > RETRY_MAX_NS)
		cn->backoff = RETRY_MAX_NS;
	cn->retry_at = now + cn->backoff;
}

static void flush(struct thread *t, struct conn *cn, uint64_t now)
{
	while (cn->woff < cn->wlen) {
		ssize_t w = send(cn->fd, cn->wbuf + cn->woff, cn->wlen - cn->woff, MSG_NOSIGNAL);
		if (w > 0) {
			cn->woff += (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			arm(t, cn, true);
			return;
		}
		conn_drop(cn, &t->errors.write, now);
		return;
	}
	cn->wlen = cn->woff = 0;
	arm(t, cn, false);
}

/* Queues one request intended for `intended`, sent now. */
static void enqueue(struct thread *t, struct conn *cn, uint64_t intended, uint64_t now)
{
	int slot = (cn->head + cn->count) % LOAD_MAX_PIPELINE;
	cn->intended[slot] = intended;
	cn->sent[slot] = now;
	cn->count++;
	memcpy(cn->wbuf + cn->wlen, t->request, t->request_len);
	cn->wlen += t->request_len;
	t->sent++;
}

/* Sends what this connection may send now: closed loop tops up the pipeline; open loop sends
 * the requests whose intended time has come. */
static void top_up(struct thread *t, struct conn *cn, uint64_t now)
{
	if (!cn->up || now >= t->end)
		return;
	bool queued = false;
	if (t->cfg->rate > 0) {
		while (cn->count < t->cfg->pipeline && cn->next_due <= now) {
			enqueue(t, cn, cn->next_due, now);
			cn->next_due += t->interval;
			queued = true;
		}
	} else {
		while (cn->count < t->cfg->pipeline) {
			enqueue(t, cn, now, now);
			queued = true;
		}
	}
	if (queued)
		flush(t, cn, now);
}

/* A response to the oldest outstanding request, with status, has been read. */
static void complete(struct thread *t, struct conn *cn, int status, uint64_t now)
{
	t->requests++;
	if (now < t->end)
		t->requests_in_time++;
	t->status_class[status / 100]++; /* 1..5: the parser refuses others */
	if (status < 200 || status > 299)
		t->errors.status++;
	record(t, cn, now);
}

static void on_readable(struct thread *t, struct conn *cn, uint64_t now)
{
	for (int reads = 0; reads < 8 && cn->fd >= 0; reads++) {
		ssize_t n = recv(cn->fd, t->buf, sizeof t->buf, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0) {
			/* the server closed: a body delimited by the close ends here */
			if (cn->count > 0 && http_parser_eof(&cn->parser))
				complete(t, cn, cn->parser.status, now);
			conn_drop(cn, cn->count ? &t->errors.read : NULL, now);
			return;
		}
		t->bytes += (uint64_t)n;
		size_t off = 0;
		while (off < (size_t)n) {
			if (cn->count == 0) {
				/* bytes nobody asked for: the stream cannot be trusted any more */
				t->errors.read++;
				conn_drop(cn, NULL, now);
				return;
			}
			off += http_parser_feed(&cn->parser, t->buf + off, (size_t)n - off);
			if (cn->parser.state == HTTP_FAILED) {
				conn_drop(cn, &t->errors.read, now);
				return;
			}
			if (cn->parser.state != HTTP_DONE)
				continue;
			bool keep = cn->parser.keep_alive;
			complete(t, cn, cn->parser.status, now);
			http_parser_reset(&cn->parser, false);
			if (!keep) {
				conn_drop(cn, cn->count ? &t->errors.read : NULL, now);
				return;
			}
		}
	}
}

static void on_writable(struct thread *t, struct conn *cn, uint64_t now)
{
	if (cn->connecting) {
		int err = 0;
		socklen_t len = sizeof err;
		getsockopt(cn->fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err != 0) {
			t->errors.connect++;
			conn_drop(cn, NULL, now);
			cn->backoff = cn->backoff ? cn->backoff * 2 : RETRY_MIN_NS;
			if (cn->backoff > RETRY_MAX_NS)
				cn->backoff = RETRY_MAX_NS;
			cn->retry_at = now + cn->backoff;
			return;
		}
		cn->connecting = false;
		cn->up = true;
		cn->backoff = 0;
		arm(t, cn, false);
		top_up(t, cn, now);
		return;
	}
	flush(t, cn, now);
}

/* Requests outstanding beyond the timeout: counted, recorded at the time given up, dropped. */
static void check_timeouts(struct thread *t, uint64_t now)
{
	uint64_t limit = (uint64_t)(t->cfg->timeout_s * 1e9);
	for (int i = 0; i < t->nconns; i++) {
		struct conn *cn = &t->conns[i];
		if (cn->fd < 0 || cn->count == 0 || now - cn->sent[cn->head] < limit)
			continue;
		t->errors.timeout += (uint64_t)cn->count;
		while (cn->count)
			record(t, cn, now);
		conn_drop(cn, NULL, now);
	}
}

/* The earliest moment an open-loop connection may send, for the pacing timer. */
static uint64_t next_wakeup(struct thread *t)
{
	uint64_t next = t->end;
	for (int i = 0; i < t->nconns; i++) {
		const struct conn *cn = &t->conns[i];
		if (cn->up && cn->count < t->cfg->pipeline && cn->next_due < next)
			next = cn->next_due;
		if (cn->fd < 0 && cn->retry_at < next)
			next = cn->retry_at;
	}
	return next;
}

static void set_timer(struct thread *t, uint64_t at)
{
	struct itimerspec its = {0};
	its.it_value.tv_sec = (time_t)(at / 1000000000ULL);
	its.it_value.tv_nsec = (long)(at % 1000000000ULL);
	if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
		its.it_value.tv_nsec = 1;
	timerfd_settime(t->tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

/* Waits up to TICK_MS for the sockets and the pacing timer and handles what is ready. */
static void poll_once(struct thread *t)
{
	struct epoll_event events[MAX_EVENTS];
	int n = epoll_wait(t->epfd, events, MAX_EVENTS, TICK_MS);
	uint64_t now = now_ns();
	for (int i = 0; i < n; i++) {
		if (events[i].data.ptr == NULL) {
			uint64_t expirations;
			if (read(t->tfd, &expirations, sizeof expirations) < 0)
				continue; /* spurious wake-up: nothing to do */
			continue;
		}
		struct conn *cn = events[i].data.ptr;
		if (cn->fd < 0)
			continue;
		uint32_t e = events[i].events;
		if (e & EPOLLOUT)
			on_writable(t, cn, now);
		if (cn->fd >= 0 && (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
			on_readable(t, cn, now);
		if (t->cfg->rate == 0 && cn->fd >= 0)
			top_up(t, cn, now);
	}
}

/* Requests in flight on this thread's connections. */
static uint64_t in_flight(const struct thread *t)
{
	uint64_t n = 0;
	for (int i = 0; i < t->nconns; i++)
		if (t->conns[i].fd >= 0)
			n += (uint64_t)t->conns[i].count;
	return n;
}

/* Open loop: the requests each connection's schedule made due before `until` that it never sent
 * (it was waiting for an answer, or never connected). */
static uint64_t count_unsent(const struct thread *t, uint64_t until)
{
	uint64_t n = 0;
	for (int i = 0; t->cfg->rate > 0 && t->interval > 0 && i < t->nconns; i++) {
		uint64_t due = t->conns[i].next_due;
		if (due < until)
			n += (until - 1 - due) / t->interval + 1;
	}
	return n;
}

static void *thread_main(void *arg)
{
	struct thread *t = arg;
	uint64_t now = now_ns(), next_timeout_check = now;
	for (int i = 0; i < t->nconns; i++)
		conn_open(t, &t->conns[i], now);
	while (!*t->stop) {
		now = now_ns();
		if (now >= t->end)
			break;
		for (int i = 0; i < t->nconns; i++) {
			struct conn *cn = &t->conns[i];
			if (cn->fd < 0 && cn->retry_at <= now)
				conn_open(t, cn, now);
			else if (t->cfg->rate > 0)
				top_up(t, cn, now);
		}
		if (t->cfg->rate > 0)
			set_timer(t, next_wakeup(t));
		poll_once(t);
		now = now_ns();
		if (now >= next_timeout_check) {
			check_timeouts(t, now);
			next_timeout_check = now + 10000000ULL;
		}
	}
	now = now_ns();
	t->unsent = count_unsent(t, now < t->end ? now : t->end);
	/* the duration is over: nothing more is sent, and each request in flight gets its answer
	 * or its timeout (check_timeouts counts it and drops its connection) */
	while (!*t->stop && in_flight(t) > 0) {
		poll_once(t);
		check_timeouts(t, now_ns());
	}
	t->unanswered = in_flight(t); /* stopped early: neither answered nor timed out */
	struct timespec cpu;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
	t->cpu_s = (double)cpu.tv_sec + (double)cpu.tv_nsec / 1e9;
	for (int i = 0; i < t->nconns; i++)
		if (t->conns[i].fd >= 0)
			close(t->conns[i].fd);
	return NULL;
}

/* --- the run ---------------------------------------------------------------------------------- */

static char *build_request(const struct load_config *c, size_t *len)
{
	size_t size = strlen(c->path) + strlen(c->host) + 128;
	for (int i = 0; i < c->nheaders; i++)
		size += strlen(c->headers[i]) + 2;
	char *r = malloc(size);
	if (!r)
		return NULL;
	bool host_set = false;
	for (int i = 0; i < c->nheaders; i++)
		host_set = host_set || strncasecmp(c->headers[i], "host:", 5) == 0;
	int n = snprintf(r, size, "GET %s HTTP/1.1\r\n", c->path);
	if (!host_set) {
		bool v6 = strchr(c->host, ':') != NULL;
		n += snprintf(r + n, size - (size_t)n, "Host: %s%s%s:%s\r\n", v6 ? "[" : "",
			      c->host, v6 ? "]" : "", c->port);
	}
	for (int i = 0; i < c->nheaders; i++)
		n += snprintf(r + n, size - (size_t)n, "%s\r\n", c->headers[i]);
	n += snprintf(r + n, size - (size_t)n, "\r\n");
	*len = (size_t)n;
	return r;
}

static void free_threads(struct thread *ts, int n)
{
	for (int i = 0; i < n; i++) {
		struct thread *t = &ts[i];
		if (t->conns)
			for (int k = 0; k < t->nconns; k++)
				free(t->conns[k].wbuf);
		free(t->conns);
		if (t->epfd >= 0)
			close(t->epfd);
		if (t->tfd >= 0)
			close(t->tfd);
		hist_free(t->corrected);
		hist_free(t->uncorrected);
		for (size_t w = 0; w < t->nwindows; w++)
			hist_free(t->windows[w]);
		free(t->windows);
	}
	free(ts);
}

/* Merges the threads' per-second histograms into r->windows (whole seconds the run covered). */
static void collect_windows(struct thread *ts, int n, struct load_result *r)
{
	size_t nw = (size_t)r->duration_s; /* a last partial second would be a short sample */
	if (nw == 0 || !(r->windows = calloc(nw, sizeof *r->windows)))
		return;
	struct hist *h = hist_new();
	if (!h) {
		free(r->windows);
		r->windows = NULL;
		return;
	}
	r->nwindows = nw;
	for (size_t w = 0; w < nw; w++) {
		hist_reset(h);
		for (int i = 0; i < n; i++)
			if (w < ts[i].nwindows && ts[i].windows[w])
				hist_merge(h, ts[i].windows[w]);
		r->windows[w] = (struct load_window){.count = hist_count(h),
						     .p99_us = hist_percentile(h, 99),
						     .p999_us = hist_percentile(h, 99.9),
						     .max_us = hist_max(h)};
	}
	hist_free(h);
}

int load_run(const struct load_config *c, volatile sig_atomic_t *stop, struct load_result *r,
	     struct err *e)
{
	memset(r, 0, sizeof *r);
	if (load_check(c, e) != 0)
		return -1;
	size_t req_len = 0;
	char *request = build_request(c, &req_len);
	struct thread *ts = calloc((size_t)c->threads, sizeof *ts);
	r->uncorrected = hist_new();
	r->corrected = c->rate > 0 ? hist_new() : NULL;
	if (!request || !ts || !r->uncorrected || (c->rate > 0 && !r->corrected)) {
		free(request);
		free(ts);
		load_result_free(r);
		return err_internal(e, "out of memory");
	}
	for (int i = 0; i < c->threads; i++)
		ts[i].epfd = ts[i].tfd = -1;
	uint64_t start = now_ns();
	uint64_t end = start + (uint64_t)(c->duration_s * 1e9);
	uint64_t interval = c->rate > 0 ? (uint64_t)(1e9 * c->connections / c->rate) : 0;
	int rc = 0, first = 0;
	for (int i = 0; i < c->threads && rc == 0; i++) {
		struct thread *t = &ts[i];
		t->cfg = c;
		t->stop = stop;
		t->request = request;
		t->request_len = req_len;
		t->nconns = c->connections / c->threads + (i < c->connections % c->threads);
		t->first = first;
		t->start = start;
		t->end = end;
		t->interval = interval;
		t->conns = calloc((size_t)t->nconns, sizeof *t->conns);
		t->epfd = epoll_create1(EPOLL_CLOEXEC);
		t->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
		t->uncorrected = hist_new();
		t->corrected = c->rate > 0 ? hist_new() : NULL;
		if (c->windows) {
			t->nwindows = (size_t)c->duration_s + 1;
			t->windows = calloc(t->nwindows, sizeof *t->windows);
		}
		if (!t->conns || t->epfd < 0 || t->tfd < 0 || !t->uncorrected ||
		    (c->rate > 0 && !t->corrected) || (c->windows && !t->windows)) {
			rc =
			    err_internal(e, "cannot set up load thread %d: %s", i, strerror(errno));
			break;
		}
		struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
		epoll_ctl(t->epfd, EPOLL_CTL_ADD, t->tfd, &ev);
		for (int k = 0; k < t->nconns; k++) {
			struct conn *cn = &t->conns[k];
			cn->fd = -1;
			cn->wbuf = malloc(req_len * (size_t)c->pipeline);
			if (!cn->wbuf) {
				rc = err_internal(e, "out of memory");
				break;
			}
			/* spread the connections' schedules over one interval */
			cn->next_due =
			    start + interval * (uint64_t)(first + k) / (uint64_t)c->connections;
		}
		first += t->nconns;
	}
	for (int i = 0; i < c->threads && rc == 0; i++) {
		if (pthread_create(&ts[i].id, NULL, thread_main, &ts[i]) != 0) {
			rc = err_internal(e, "cannot start load thread %d", i);
			*stop = 1;
			break;
		}
		ts[i].started = true;
	}
	for (int i = 0; i < c->threads; i++)
		if (ts[i].started)
			pthread_join(ts[i].id, NULL);
	uint64_t finished = now_ns(), requests_in_time = 0;
	if (rc == 0) {
		r->duration_s = (double)((finished < end ? finished : end) - start) / 1e9;
		r->stopped_early = finished + 1000000ULL < end;
		r->target_rate = c->rate;
		for (int i = 0; i < c->threads; i++) {
			struct thread *t = &ts[i];
			r->requests += t->requests;
			r->sent += t->sent;
			r->unanswered += t->unanswered;
			r->unsent += t->unsent;
			requests_in_time += t->requests_in_time;
			r->bytes_read += t->bytes;
			r->errors.connect += t->errors.connect;
			r->errors.read += t->errors.read;
			r->errors.write += t->errors.write;
			r->errors.timeout += t->errors.timeout;
			r->errors.status += t->errors.status;
			for (int k = 0; k < 6; k++)
				r->status_class[k] += t->status_class[k];
			hist_merge(r->uncorrected, t->uncorrected);
			if (r->corrected)
				hist_merge(r->corrected, t->corrected);
			double busy = r->duration_s > 0 ? t->cpu_s / r->duration_s : 0;
			if (busy > r->generator_busy)
				r->generator_busy = busy;
		}
		if (c->windows)
			collect_windows(ts, c->threads, r);
		r->requests_per_s =
		    r->duration_s > 0 ? (double)requests_in_time / r->duration_s : 0;
		/* the generator fell behind when it sent too little while its threads were
		 * saturated; a slow server makes requests late too, but that is what corrected
		 * latency shows */
		double expected = c->rate * r->duration_s;
		r->kept_up =
		    !(c->rate > 0 && (double)r->sent < 0.95 * expected && r->generator_busy > 0.9);
	}
	free_threads(ts, c->threads);
	free(request);
	if (rc != 0)
		load_result_free(r);
	return rc;
}

uint64_t load_error_count(const struct load_result *r)
{
	const struct load_errors *x = &r->errors;
	return x->connect + x->read + x->write + x->timeout + x->status;
}

uint64_t load_succeeded(const struct load_result *r)
{
	return r->status_class[2];
}

void load_result_free(struct load_result *r)
{
	hist_free(r->corrected);
	hist_free(r->uncorrected);
	free(r->windows);
	r->corrected = r->uncorrected = NULL;
	r->windows = NULL;
	r->nwindows = 0;
}
