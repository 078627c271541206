/*
 * server — the lab's side of its HTTP workloads: starting a Go, Rust or nginx server pinned to
 * the server core and waiting until it answers (which times the cold start), a small blocking
 * GET for the servers' control routes, and running `verdict load` in-process from the other core.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab/http.h"
#include "lab/run.h"

#define GET_MAX (64u << 10)

/* GET path; body receives the body, or with raw the whole response (head and body). */
static int http_get(int port, const char *path, double timeout_s, int *status, char *body,
		    size_t size, bool raw, struct err *e)
{
	double deadline = proc_now() + timeout_s;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return err_internal(e, "socket: %s", strerror(errno));
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	char req[512];
	int len = snprintf(req, sizeof req,
			   "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n",
			   path, port);
	char *buf = malloc(GET_MAX);
	struct http_parser *p = malloc(sizeof *p);
	size_t got = 0, sent = 0;
	int rc = -1;
	if (!buf || !p) {
		err_internal(e, "out of memory");
		goto done;
	}
	http_parser_reset(p, false);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0 && errno != EINPROGRESS) {
		err_internal(e, "cannot connect to 127.0.0.1:%d: %s", port, strerror(errno));
		goto done;
	}
	while (p->state != HTTP_DONE) {
		double left = deadline - proc_now();
		if (left <= 0) {
			err_internal(e, "no answer from 127.0.0.1:%d%s within %.0f s", port, path,
				     timeout_s);
			goto done;
		}
		struct pollfd pf = {.fd = fd, .events = sent < (size_t)len ? POLLOUT : POLLIN};
		if (poll(&pf, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		if (sent < (size_t)len) {
			ssize_t w = send(fd, req + sent, (size_t)len - sent, MSG_NOSIGNAL);
			if (w < 0) {
				err_internal(e, "cannot reach 127.0.0.1:%d: %s", port,
					     strerror(errno));
				goto done;
			}
			sent += (size_t)w;
			continue;
		}
		ssize_t r = recv(fd, buf + got, GET_MAX - 1 - got, 0);
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (r <= 0) {
			if (!http_parser_eof(p)) {
				err_internal(e, "127.0.0.1:%d%s: the connection ended mid-response",
					     port, path);
				goto done;
			}
			break;
		}
		http_parser_feed(p, buf + got, (size_t)r);
		got += (size_t)r;
		if (p->state == HTTP_FAILED) {
			err_internal(e, "127.0.0.1:%d%s: %s", port, path, p->error);
			goto done;
		}
		if (got >= GET_MAX - 1) {
			err_internal(e, "127.0.0.1:%d%s: the response is too large", port, path);
			goto done;
		}
	}
	buf[got] = '\0';
	*status = p->status;
	const char *b = strstr(buf, "\r\n\r\n");
	if (body && size)
		snprintf(body, size, "%s", raw ? buf : b ? b + 4 : "");
	rc = 0;
done:
	close(fd);
	free(buf);
	free(p);
	return rc;
}

int lab_http_get(int port, const char *path, double timeout_s, int *status, char *body, size_t size,
		 struct err *e)
{
	return http_get(port, path, timeout_s, status, body, size, false, e);
}

/* The value of header name (lower case) in a raw response, copied into out; false if absent. */
static bool header(const char *raw, const char *name, char *out, size_t size)
{
	size_t n = strlen(name);
	const char *end = strstr(raw, "\r\n\r\n");
	for (const char *l = strstr(raw, "\r\n"); l && (!end || l < end);
	     l = strstr(l + 2, "\r\n")) {
		if (strncasecmp(l + 2, name, n) != 0 || l[2 + n] != ':')
			continue;
		const char *v = l + 3 + n;
		v += strspn(v, " ");
		snprintf(out, size, "%.*s", (int)strcspn(v, "\r"), v);
		return true;
	}
	return false;
}

int lab_http_check(int port, const char *path, const char *body, const char *type, char *date,
		   size_t date_size, struct err *e)
{
	char raw[4096], v[256];
	int status = 0;
	if (http_get(port, path, 5, &status, raw, sizeof raw, true, e) != 0)
		return -1;
	const char *b = strstr(raw, "\r\n\r\n");
	if (status != 200)
		return err_internal(e, "GET %s answered %d, not 200", path, status);
	if (!b || strcmp(b + 4, body) != 0)
		return err_internal(e, "GET %s: the body is not %s", path, body);
	if (!header(raw, "content-type", v, sizeof v) || strncmp(v, type, strlen(type)) != 0)
		return err_internal(e, "GET %s: Content-Type is not %s", path, type);
	if (!header(raw, "server", v, sizeof v))
		return err_internal(e, "GET %s: no Server header", path);
	if (!header(raw, "date", date, date_size))
		return err_internal(e, "GET %s: no Date header", path);
	return 0;
}

/* A free loopback port, for nginx (which cannot report the one it was given). */
static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = {.sin_family = AF_INET};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof a;
	int port = -1;
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* Writes nginx's configuration for port into the run's directory: one process, no logs, the
 * two TechEmpower routes answered from memory. Returns 0 or -1. */
static int nginx_config(const struct lab_run *run, int port, char *path, size_t size)
{
	snprintf(path, size, "%s/nginx.conf", run->dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(
	    f,
	    "daemon off;\nmaster_process off;\nworker_processes 1;\npid %s/nginx.pid;\n"
	    "error_log %s/nginx-error.log warn;\n"
	    "events { worker_connections 4096; }\n"
	    "http {\n  access_log off;\n  keepalive_requests 10000000;\n"
	    "  client_body_temp_path %s;\n  proxy_temp_path %s;\n  fastcgi_temp_path %s;\n"
	    "  uwsgi_temp_path %s;\n  scgi_temp_path %s;\n"
	    "  server {\n    listen 127.0.0.1:%d;\n"
	    "    location = /plaintext { default_type text/plain; return 200 \"Hello, World!\"; }\n"
	    "    location = /json { default_type application/json; "
	    "return 200 '{\"message\":\"Hello, World!\"}'; }\n  }\n}\n",
	    run->dir, run->dir, run->dir, run->dir, run->dir, run->dir, run->dir, port);
	return fclose(f) == 0 ? 0 : -1;
}

int lab_server_start(struct lab_run *run, enum lab_impl impl, char *const *extra, double timeout_s,
		     struct lab_server *s, struct err *e)
{
	memset(s, 0, sizeof *s);
	s->proc.out_fd = -1;
	char *argv[16], conf[PATH_MAX], log[PATH_MAX];
	int n = 0;
	snprintf(log, sizeof log, "%s/%s-server.log", run->dir, lab_impl_name(impl));
	if (impl == IMPL_NGINX) {
		s->port = free_port();
		if (s->port < 0 || nginx_config(run, s->port, conf, sizeof conf) != 0)
			return err_internal(e, "cannot configure nginx in %s", run->dir);
		argv[n++] = run->tools[TOOL_NGINX].path;
		argv[n++] = "-c";
		argv[n++] = conf;
		argv[n++] = "-p";
		argv[n++] = run->dir;
		argv[n++] = "-e";
		argv[n++] = log;
	} else {
		argv[n++] = run->bin[impl][0];
		argv[n++] = "--addr";
		argv[n++] = "127.0.0.1:0";
	}
	for (char *const *x = extra; x && *x && n < 14; x++)
		argv[n++] = *x;
	argv[n] = NULL;
	struct proc_spec spec = {
	    .argv = argv, .cpu = run->server_cpu, .stderr_path = impl == IMPL_NGINX ? NULL : log};
	if (proc_start(&spec, &s->proc, e) != 0)
		return -1;
	if (impl != IMPL_NGINX) {
		char line[64];
		if (proc_read_line(&s->proc, timeout_s, line, sizeof line, e) != 0 ||
		    sscanf(line, "port %d", &s->port) != 1) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s", e->msg);
			lab_server_stop(s);
			return err_internal(e, "the %s server did not start (%s; see %s)",
					    lab_impl_name(impl), msg, log);
		}
	}
	double deadline = s->proc.started + timeout_s;
	for (;;) {
		int status = 0;
		struct err ge;
		if (lab_http_get(s->port, "/plaintext", 2, &status, NULL, 0, &ge) == 0 &&
		    status == 200)
			break;
		if (proc_stopping || proc_now() > deadline ||
		    waitpid(s->proc.pid, NULL, WNOHANG) == s->proc.pid) {
			lab_server_stop(s);
			return err_internal(e, "the %s server never answered on port %d",
					    lab_impl_name(impl), s->port);
		}
		nanosleep(&(struct timespec){0, 1000000}, NULL);
	}
	s->ready_s = proc_now() - s->proc.started;
	return 0;
}

void lab_server_stop(struct lab_server *s)
{
	proc_stop(&s->proc);
}

int lab_load(struct lab_run *run, int port, const char *path, int connections, int pipeline,
	     double duration_s, double rate, bool windows, struct load_result *r, struct err *e)
{
	struct load_config c;
	memset(&c, 0, sizeof c);
	char url[256];
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
	if (load_parse_url(&c, url, e) != 0)
		return -1;
	c.connections = connections;
	c.threads = 1;
	c.duration_s = duration_s;
	c.rate = rate;
	c.pipeline = pipeline;
	c.timeout_s = 10;
	c.windows = windows;
	cpu_set_t old, set;
	bool pinned = false;
	if (run->load_cpu >= 0 && pthread_getaffinity_np(pthread_self(), sizeof old, &old) == 0) {
		CPU_ZERO(&set);
		CPU_SET(run->load_cpu, &set);
		pinned = pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
	}
	int rc = load_run(&c, run->stop, r, e);
	if (pinned)
		pthread_setaffinity_np(pthread_self(), sizeof old, &old);
	if (rc == 0 && lab_check_stop(run, e) != 0) {
		load_result_free(r);
		return -1;
	}
	return rc;
}
