/*
 * cmd_serve — `verdict serve`: the web page and its JSON API over HTTP (libmicrohttpd). This
 * file moves bytes between the network and web.c, which decides every answer and every refusal
 * (web_check on the request line and header fields, before a byte of the body is read;
 * web_handle on the whole request). Here are the limits that keep a hostile client from holding
 * the server: loopback by default, a memory cap per connection (oversized headers are refused),
 * exactly 512 connections, at most 64 from one remote address, and a deadline for every step
 * of an exchange (conn.c) that the main thread enforces, since libmicrohttpd only cuts idle
 * clients and one sending a byte a second would hold its slot for ever.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "cli.h"
#include "cmd.h"
#include "conn.h"
#include "evidence.h"
#include "file.h"
#include "web.h"

#define SERVE_CONNECTIONS 512 /* all together */
#define SERVE_PER_REMOTE  64  /* from one address other than loopback */

static const char usage[] =
    "usage: verdict serve [--bind 127.0.0.1] [--port 8080] [--results FILE]\n"
    "                     [--evidence RESULTS.json] [--kb DIR]\n"
    "\n"
    "Serves the verdict page: the three questions and every other form (they work without\n"
    "JavaScript), the use-case table, the 30-second answers, published and measured throughput,\n"
    "case studies, FAQ, the CI and hiring calculators, the full profile and the evidence browser;\n"
    "with --results, a chart of measured latency. Behind it, a JSON API answering with the same\n"
    "JSON as the CLI:\n"
    "  POST /api/decide, POST /api/cost   a profile as JSON with the YAML's keys\n"
    "  POST /api/quick                     {\"building\", \"team\", \"constraint\"} (or GET with\n"
    "                                      ?building=&team=&constraint=)\n"
    "  GET  /api/claims                    the evidence base\n"
    "\n"
    "  --bind ADDR      address to listen on (default 127.0.0.1: only this machine)\n"
    "  --port N         port (default 8080; 0 picks a free one and prints it)\n"
    "  --results FILE   a `verdict load --format json` result to chart\n"
    "  --evidence R     decide every request from `verdict lab -o R` measurements of this\n"
    "                   machine (they replace the published figures they measure), and show\n"
    "                   them beside the published figures\n"
    "  --timeout S      seconds a client has for each step: to send a request (else 408), to\n"
    "                   take the answer, to use an idle connection (default 10)\n"
    "  --kb DIR         read the knowledge base from DIR\n"
    "  -h, --help       show this help\n"
    "\n"
    "Stops on Ctrl-C or SIGTERM.\n";

/* One request, from its request line (uri_seen) to its end (completed). */
struct request_state {
	struct conn *conn; /* the connection's entry in the table, or NULL */
	bool head_checked; /* web_check has passed the request line and header fields */
	bool url_has_nul;
	size_t args_sent; /* query arguments in the URL as sent */
	char *body;
	size_t len;
	bool too_big;
};

struct server {
	const struct web_site *site;
	struct conn_table *conns;
	char timeout_reply[512]; /* the 408 for a request that did not arrive in time */
	size_t timeout_reply_len;
};

/* Up to cap key/value pairs of one kind (query arguments, header fields), counting them all. */
struct fields {
	struct web_arg *a;
	size_t cap, n, sent;
};

static enum MHD_Result collect_field(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	(void)kind;
	struct fields *f = cls;
	if (f->n < f->cap) {
		f->a[f->n].key = key;
		f->a[f->n].value = value ? value : "";
		f->n++;
	}
	f->sent++;
	return MHD_YES;
}

static struct conn *connection_entry(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *info =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return info ? info->socket_context : NULL;
}

/* libmicrohttpd's notice of a connection opened or closed: the table follows. A connection
 * the table refuses (too many from its address) is shut down; libmicrohttpd then closes it. */
static void connection_notice(void *cls, struct MHD_Connection *c, void **socket_context,
			      enum MHD_ConnectionNotificationCode code)
{
	struct server *srv = cls;
	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		conn_close(srv->conns, *socket_context);
		*socket_context = NULL;
		return;
	}
	const union MHD_ConnectionInfo *fd = MHD_get_connection_info(
					   c, MHD_CONNECTION_INFO_CONNECTION_FD),
				       *peer = MHD_get_connection_info(
					   c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!fd)
		return;
	uint32_t addr = 0;
	if (peer && peer->client_addr && peer->client_addr->sa_family == AF_INET) {
		struct sockaddr_in in;
		memcpy(&in, peer->client_addr, sizeof in);
		addr = in.sin_addr.s_addr;
	}
	*socket_context = conn_open(srv->conns, fd->connect_fd, addr, conn_now_ms());
	if (!*socket_context)
		shutdown(fd->connect_fd, SHUT_RDWR);
}

/* Called with the raw URL as soon as a request line is in, before libmicrohttpd splits its
 * query: starts the request's deadline and notes what web_check must refuse. libmicrohttpd
 * 0.9.75 stores each query argument in the connection's 32 KB pool, and when they exhaust it
 * the 431 it queues is lost and the request hangs until the timeout; so a URL with more
 * arguments than we take has its query cut here, in libmicrohttpd's buffer (the argument is
 * const only in the prototype), and web_check refuses it by count. */
static void *uri_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct server *srv = cls;
	struct request_state *st = calloc(1, sizeof *st);
	if (!st)
		return NULL;
	st->conn = connection_entry(c);
	conn_enter(srv->conns, st->conn, CONN_RECEIVING, conn_now_ms());
	st->url_has_nul = strstr(uri, "%00") != NULL;
	char *query = strchr(uri, '?');
	if (query && query[1]) {
		st->args_sent = 1;
		for (const char *p = query + 1; *p; p++)
			st->args_sent += *p == '&';
		if (st->args_sent > WEB_MAX_ARGS)
			query[1] = '\0';
	}
	return st;
}

static enum MHD_Result queue(struct MHD_Connection *c, const struct web_response *r)
{
	/* the whole body for HEAD too: libmicrohttpd sends its length and leaves it out */
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", r->content_type);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(
	    resp, "Content-Security-Policy",
	    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->close)
		MHD_add_response_header(resp, "Connection", "close");
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* The request as web.c sees it, from libmicrohttpd's view of it (fields borrowed from c, at
 * most WEB_MAX_ARGS arguments and WEB_MAX_HEADERS header fields, all of them counted). */
static struct web_request request_of(struct MHD_Connection *c, const struct request_state *st,
				     const char *method, const char *version, const char *url,
				     struct fields *args, struct fields *headers)
{
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_field, args);
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect_field, headers);
	return (struct web_request){.method = method,
				    .version = version,
				    .path = url,
				    .url_has_nul = st->url_has_nul,
				    .args = args->a,
				    .nargs = args->n,
				    .args_sent =
					st->args_sent > args->sent ? st->args_sent : args->sent,
				    .headers = headers->a,
				    .nheaders = headers->n,
				    .headers_sent = headers->sent,
				    .body = st->body,
				    .body_len = st->too_big ? WEB_MAX_BODY + 1 : st->len};
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url,
			       const char *method, const char *version, const char *upload,
			       size_t *upload_size, void **state)
{
	struct server *srv = cls;
	struct request_state *st = *state;
	if (!st)
		return MHD_NO; /* out of memory in uri_seen */
	struct web_arg arg[WEB_MAX_ARGS], header[WEB_MAX_HEADERS];
	struct fields args = {arg, WEB_MAX_ARGS, 0, 0}, headers = {header, WEB_MAX_HEADERS, 0, 0};
	struct web_response res;
	if (!st->head_checked) {
		/* the request line and header fields are in, no byte of the body is read: refuse
		 * here what must be refused, before a 100 Continue or a wait for the body */
		st->head_checked = true;
		struct web_request req = request_of(c, st, method, version, url, &args, &headers);
		int refused = web_check(&req, &res);
		if (refused <= 0)
			return refused == 0 ? MHD_YES : MHD_NO;
		enum MHD_Result ret = queue(c, &res);
		web_response_free(&res);
		conn_enter(srv->conns, st->conn, CONN_SENDING, conn_now_ms());
		return ret;
	}
	if (*upload_size) {
		if (st->len + *upload_size > WEB_MAX_BODY) {
			st->too_big = true;
		} else {
			char *nb = realloc(st->body, st->len + *upload_size + 1);
			if (!nb)
				return MHD_NO;
			st->body = nb;
			memcpy(st->body + st->len, upload, *upload_size);
			st->len += *upload_size;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	conn_enter(srv->conns, st->conn, CONN_WORKING, conn_now_ms());
	struct web_request req = request_of(c, st, method, version, url, &args, &headers);
	if (web_handle(srv->site, &req, &res) != 0)
		return MHD_NO;
	enum MHD_Result ret = queue(c, &res);
	web_response_free(&res);
	conn_enter(srv->conns, st->conn, CONN_SENDING, conn_now_ms());
	return ret;
}

static void completed(void *cls, struct MHD_Connection *c, void **state,
		      enum MHD_RequestTerminationCode code)
{
	(void)c;
	(void)code;
	struct server *srv = cls;
	struct request_state *st = *state;
	if (st) {
		conn_enter(srv->conns, st->conn, CONN_IDLE, conn_now_ms());
		free(st->body);
		free(st);
		*state = NULL;
	}
}

/* Cuts a connection past its deadline (conn_expire, table locked: fd is still its socket). A
 * request that was arriving gets its 408 first; whatever else is just closed, since an answer
 * may be half sent. shutdown, not close: libmicrohttpd owns the socket, sees the end of it and
 * closes it in its own thread. */
static void cut(int fd, enum conn_phase phase, void *ctx)
{
	const struct server *srv = ctx;
	if (phase == CONN_RECEIVING)
		(void)!send(fd, srv->timeout_reply, srv->timeout_reply_len,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
	shutdown(fd, SHUT_RDWR);
}

/* The raw 408 that cut() sends, with web.c's JSON error as its body. Returns 0, or -1. */
static int timeout_reply(struct server *srv, long timeout)
{
	char msg[128];
	snprintf(msg, sizeof msg, "the request did not arrive whole within %ld s", timeout);
	struct web_response r;
	if (web_error(&r, 408, msg) != 0)
		return -1;
	int n = snprintf(srv->timeout_reply, sizeof srv->timeout_reply,
			 "HTTP/1.1 408 Request Timeout\r\nContent-Type: %s\r\nContent-Length: "
			 "%zu\r\nX-Content-Type-Options: nosniff\r\nCache-Control: "
			 "no-store\r\nConnection: close\r\n\r\n%s",
			 r.content_type, r.len, r.body);
	web_response_free(&r);
	if (n < 0 || (size_t)n >= sizeof srv->timeout_reply)
		return -1;
	srv->timeout_reply_len = (size_t)n;
	return 0;
}

/* Reads a `verdict load --format json` result once, bounded and never blocking like every
 * input (file_read). Returns its JSON re-indented (free with free), or NULL with *e filled. */
static char *load_results(const char *path, struct err *e)
{
	char *buf;
	size_t len;
	if (file_read(path, WEB_MAX_RESULTS, 0, &buf, &len, e) != 0)
		return NULL;
	json_error_t je;
	json_t *j = json_loadb(buf, len, 0, &je);
	free(buf);
	if (!j || !json_is_array(json_object_get(j, "spectrum"))) {
		err_input(e, path, j ? 1 : je.line, "%s",
			  j ? "not a `verdict load --format json` result (no spectrum)" : je.text);
		json_decref(j);
		return NULL;
	}
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (!s)
		err_internal(e, "out of memory reading %s", path);
	return s;
}

struct settings {
	const char *bind_addr, *results;
	long port, timeout;
};

/* serve's own options. */
static int own_option(void *ctx, int c, const char *arg)
{
	struct settings *st = ctx;
	switch (c) {
	case 'b':
		st->bind_addr = arg;
		return CLI_NEXT;
	case 'p':
		return cli_number("serve", "--port", arg, 0, 65535, &st->port) ? 2 : CLI_NEXT;
	case 'r':
		st->results = arg;
		return CLI_NEXT;
	case 't':
		return cli_number("serve", "--timeout", arg, 1, 3600, &st->timeout) ? 2 : CLI_NEXT;
	default:
		return CLI_NOT_MINE;
	}
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"bind", required_argument, NULL, 'b'},
					     {"port", required_argument, NULL, 'p'},
					     {"results", required_argument, NULL, 'r'},
					     {"timeout", required_argument, NULL, 't'},
					     CLI_OPT_KB,
					     CLI_OPT_EVIDENCE,
					     CLI_OPT_HELP,
					     CLI_OPT_END};
	struct cli_opts o = cli_opts("serve", usage, 0);
	struct settings st = {"127.0.0.1", NULL, 8080, 10};
	int rc = cli_parse(&o, argc, argv, ":h", opts, own_option, &st);
	if (rc != CLI_NEXT)
		return rc;
	const char *bind_addr = st.bind_addr, *kbdir = o.kbdir, *results = st.results;
	long port = st.port, timeout = st.timeout;
	if (optind != argc)
		return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, bind_addr, &addr.sin_addr) != 1)
		return cli_usage_error("serve", "--bind must be an IPv4 address, got '%s'",
				       bind_addr);
	struct err e = {0};
	struct kb *kb = cli_kb(kbdir, &e);
	/* the lab's results decide every request, and the page shows them beside the published
	 * figures: read once, for both */
	char *lab = NULL;
	size_t lab_len = 0;
	if (kb && o.evidence &&
	    (file_read(o.evidence, EVIDENCE_MAX_BYTES, 0, &lab, &lab_len, &e) != 0 ||
	     evidence_apply_buffer(kb, o.evidence, lab, lab_len, &e) != 0)) {
		kb_free(kb);
		kb = NULL;
	}
	if (!kb) {
		free(lab);
		return cli_fail(&e);
	}
	char *results_json = results ? load_results(results, &e) : NULL;
	struct web_site site = {.kb = kb, .results_json = results_json, .evidence_json = lab};
	struct server srv = {.site = &site};
	if (results && !results_json) {
		free(lab);
		kb_free(kb);
		return cli_fail(&e);
	}
	if (web_site_prepare(&site) != 0 ||
	    !(srv.conns =
		  conn_table_new(SERVE_CONNECTIONS, SERVE_PER_REMOTE, (uint64_t)timeout * 1000)) ||
	    timeout_reply(&srv, timeout) != 0) {
		err_internal(&e, "out of memory building the page");
		rc = cli_fail(&e);
		goto out;
	}
	/* block the stop signals before the server's threads exist, so they inherit the mask and
	 * only the main thread's sigtimedwait below receives them */
	sigset_t stop_set;
	sigemptyset(&stop_set);
	sigaddset(&stop_set, SIGINT);
	sigaddset(&stop_set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop_set, NULL);
	/* poll, two threads: a full thread stops accepting, so the cap holds across the pool (not
	 * epoll: libmicrohttpd 0.9.75 waits out the whole timeout when one epoll_wait returns its
	 * maximum of 128 events, leaving them and the rest unserved meanwhile) */
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, handler, &srv,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)2, MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_CONNECTIONS,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)(32 * 1024), MHD_OPTION_NOTIFY_CONNECTION, connection_notice, &srv,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_seen, &srv, MHD_OPTION_NOTIFY_COMPLETED, completed,
	    &srv, MHD_OPTION_END);
	if (!d) {
		err_input(&e, NULL, 0, "cannot listen on %s:%ld (in use, or not allowed)",
			  bind_addr, port);
		rc = cli_fail(&e);
		goto out;
	}
	if ((ntohl(addr.sin_addr.s_addr) >> 24) != 127)
		fprintf(stderr,
			"verdict serve: warning: listening on %s, beyond this machine: the server "
			"has no authentication, so anyone who can reach it can use it\n",
			bind_addr);
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("verdict serving on http://%s:%u/ (Ctrl-C stops)\n", bind_addr,
	       info ? info->port : (unsigned)port);
	fflush(stdout);
	/* the main thread waits for a stop signal and, meanwhile, cuts whoever is past a
	 * deadline; waking at the next deadline keeps each cut within milliseconds of it */
	for (;;) {
		uint64_t wait_ms = conn_expire(srv.conns, conn_now_ms(), cut, &srv);
		struct timespec ts = {.tv_sec = (time_t)(wait_ms / 1000),
				      .tv_nsec = (long)(wait_ms % 1000) * 1000000};
		int sig = sigtimedwait(&stop_set, NULL, &ts);
		if (sig == SIGINT || sig == SIGTERM)
			break;
	}
	MHD_stop_daemon(d);
	rc = 0;
out:
	conn_table_free(srv.conns);
	web_site_release(&site);
	free(results_json);
	free(lab);
	kb_free(kb);
	return rc;
}

const struct cmd cmd_serve = {
    .name = "serve",
    .summary = "the web page and its JSON API (loopback by default)",
    .usage = usage,
    .run = run,
};
