/*
 * cmd_serve — `verdict serve`: the web page and its JSON API over HTTP (libmicrohttpd). This
 * file only moves bytes between the network and web_handle(): it gathers the query arguments
 * and the body (at most 64 KB, else 413), and applies the limits that keep a hostile client
 * from holding the server: loopback by default, a memory cap per connection (oversized headers
 * are refused), a connection cap, and a timeout for slow clients.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "evidence.h"
#include "file.h"
#include "web.h"

/* a `verdict load --format json` result is a few hundred KB; refuse what cannot be one */
#define RESULTS_MAX_BYTES (16u << 20)

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
    "  --timeout S      close a connection idle for S seconds (default 10; slow clients)\n"
    "  --kb DIR         read the knowledge base from DIR\n"
    "  -h, --help       show this help\n"
    "\n"
    "Stops on Ctrl-C or SIGTERM.\n";

struct request_state {
	char *body;
	size_t len;
	bool too_big;
};

struct args {
	struct web_arg a[WEB_MAX_ARGS];
	size_t n;
	bool too_many;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	(void)kind;
	struct args *args = cls;
	if (args->n == WEB_MAX_ARGS) {
		args->too_many = true;
		return MHD_NO;
	}
	args->a[args->n].key = key;
	args->a[args->n].value = value ? value : "";
	args->n++;
	return MHD_YES;
}

static enum MHD_Result queue(struct MHD_Connection *c, const struct web_response *r, bool head)
{
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(head ? 0 : r->len, r->body, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", r->content_type);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(
	    resp, "Content-Security-Policy",
	    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url,
			       const char *method, const char *version, const char *upload,
			       size_t *upload_size, void **state)
{
	(void)version;
	const struct web_site *site = cls;
	struct request_state *st = *state;
	if (!st) {
		st = calloc(1, sizeof *st);
		if (!st)
			return MHD_NO;
		*state = st;
		return MHD_YES;
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
	struct args args = {0};
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &args);
	struct web_request req = {.method = method,
				  .path = url,
				  .args = args.a,
				  .nargs = args.n,
				  .body = st->body,
				  .body_len = st->too_big ? WEB_MAX_BODY + 1 : st->len};
	struct web_response res;
	if (args.too_many) {
		static const char msg[] =
		    "{\"error\": \"too many query arguments\", \"status\": 400}";
		res = (struct web_response){400, "application/json", (char *)msg, sizeof msg - 1};
		return queue(c, &res, false);
	}
	if (web_handle(site, &req, &res) != 0)
		return MHD_NO;
	enum MHD_Result ret = queue(c, &res, strcmp(method, "HEAD") == 0);
	web_response_free(&res);
	return ret;
}

static void completed(void *cls, struct MHD_Connection *c, void **state,
		      enum MHD_RequestTerminationCode code)
{
	(void)cls;
	(void)c;
	(void)code;
	struct request_state *st = *state;
	if (st) {
		free(st->body);
		free(st);
		*state = NULL;
	}
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
	if (kb && o.evidence && evidence_apply(kb, o.evidence, &e) != 0) {
		kb_free(kb);
		kb = NULL;
	}
	if (!kb)
		return cli_fail(&e);
	char *results_json = NULL;
	if (results) {
		json_error_t je;
		char *buf;
		size_t len;
		if (file_read(results, RESULTS_MAX_BYTES, 0, &buf, &len, &e) != 0) {
			kb_free(kb);
			return cli_fail(&e);
		}
		json_t *j = json_loadb(buf, len, 0, &je);
		free(buf);
		if (!j || !json_is_array(json_object_get(j, "spectrum"))) {
			json_decref(j);
			kb_free(kb);
			err_input(&e, results, j ? 1 : je.line, "%s",
				  j ? "not a `verdict load --format json` result (no spectrum)"
				    : je.text);
			return cli_fail(&e);
		}
		results_json = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(j);
	}
	/* the page shows the lab's figures beside the published ones (evidence_apply checked the
	 * file above) */
	json_t *lab = o.evidence ? json_load_file(o.evidence, 0, NULL) : NULL;
	char *evidence_json = lab ? json_dumps(lab, JSON_COMPACT) : NULL;
	json_decref(lab);
	struct web_site site = {
	    .kb = kb, .results_json = results_json, .evidence_json = evidence_json};
	if (web_site_prepare(&site) != 0) {
		free(evidence_json);
		free(results_json);
		kb_free(kb);
		err_internal(&e, "out of memory building the page");
		return cli_fail(&e);
	}
	/* block the stop signals before the server's threads exist, so they inherit the mask and
	 * only sigwait below receives them: otherwise a worker thread could take the signal */
	sigset_t stop_set;
	sigemptyset(&stop_set);
	sigaddset(&stop_set, SIGINT);
	sigaddset(&stop_set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop_set, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, handler, &site,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)2, MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_END);
	if (!d) {
		web_site_release(&site);
		free(evidence_json);
		free(results_json);
		kb_free(kb);
		err_input(&e, NULL, 0, "cannot listen on %s:%ld (in use, or not allowed)",
			  bind_addr, port);
		return cli_fail(&e);
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("verdict serving on http://%s:%u/ (Ctrl-C stops)\n", bind_addr,
	       info ? info->port : (unsigned)port);
	fflush(stdout);
	int sig = 0;
	sigwait(&stop_set, &sig);
	MHD_stop_daemon(d);
	web_site_release(&site);
	free(evidence_json);
	free(results_json);
	kb_free(kb);
	return 0;
}

const struct cmd cmd_serve = {
    .name = "serve",
    .summary = "the web page and its JSON API (loopback by default)",
    .usage = usage,
    .run = run,
};
