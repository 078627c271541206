/*
 * cmd_load — `verdict load URL`: drive an HTTP server and report throughput and latency, with
 * the latency corrected for coordinated omission when a rate is given (-R). Ctrl-C ends the run
 * early and still reports what was measured.
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "lab/load.h"
#include "num.h"

static const char usage[] =
    "usage: verdict load URL [-c CONNS] [-t THREADS] [-d DURATION] [-R RATE] [--pipeline N]\n"
    "                   [-H 'Name: value']... [--timeout T] [--format text|json] [-o FILE]\n"
    "\n"
    "Drives an HTTP/1.1 server with keep-alive connections and reports requests a second and\n"
    "latency percentiles. Without -R it runs closed loop, as fast as the server answers (like\n"
    "wrk). With -R it sends at a constant rate and measures latency from when each request was\n"
    "due (corrected) as well as from when it was sent (uncorrected), so a stalled server cannot\n"
    "hide its queue (coordinated omission). Errors are counted, never dropped.\n"
    "\n"
    "  -c, --connections N  keep-alive connections (default 10)\n"
    "  -t, --threads N      event-loop threads (default 2)\n"
    "  -d, --duration D     how long: 10s, 500ms, 2m (default 10s)\n"
    "  -R, --rate N         requests a second in total: open loop (default: closed loop)\n"
    "      --pipeline N     requests in flight per connection (default 1)\n"
    "  -H, --header H       an extra request header, 'Name: value' (repeatable)\n"
    "      --timeout T      a request unanswered this long is a timeout (default 2s)\n"
    "  -f, --format F       text (default) or json\n"
    "  -o, --output F       write to file F (atomically) instead of standard output\n"
    "  -h, --help           show this help\n"
    "\n"
    "When the duration ends nothing more is sent, and each request in flight gets its answer or\n"
    "its timeout. Ctrl-C ends the run early; the results cover the time run.\n"
    "\n"
    "Exit status: 0 when at least one request succeeded (a 2xx response), 3 when none did (the\n"
    "server refused, never answered or answered only errors: the report is still written), 2 for\n"
    "bad usage, 1 for an internal failure.\n";

/* The exit status of a run that measured no success at all: not bad input (2: the report is
 * written, and the same command may succeed once the server is up) and not verdict failing (1). */
#define EXIT_NO_SUCCESS 3

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

/* "10s", "500ms", "2m", "1h" or plain seconds. Returns -1 when malformed. */
static double parse_duration(const char *s)
{
	char num[32];
	size_t n = strspn(s, "0123456789.");
	if (n == 0 || n >= sizeof num)
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	double v;
	if (num_parse_double(num, &v) != 0)
		return -1;
	const char *unit = s + n;
	if (*unit == '\0' || strcmp(unit, "s") == 0)
		return v;
	if (strcmp(unit, "ms") == 0)
		return v / 1000;
	if (strcmp(unit, "m") == 0)
		return v * 60;
	if (strcmp(unit, "h") == 0)
		return v * 3600;
	return -1;
}

static const double percentiles[] = {50, 75, 90, 99, 99.9, 99.99};
static const char *const pkeys[] = {"p50", "p75", "p90", "p99", "p99_9", "p99_99"};

/* A figure of h in ms, or null when h recorded nothing (0 ms would claim an instant answer). */
static json_t *ms_or_null(const struct hist *h, double us)
{
	return hist_count(h) ? json_real(us / 1000) : json_null();
}

static json_t *latency_json(const struct hist *h)
{
	if (!h)
		return json_null();
	json_t *o = json_object();
	for (size_t i = 0; i < 6; i++)
		json_object_set_new(o, pkeys[i],
				    ms_or_null(h, (double)hist_percentile(h, percentiles[i])));
	json_object_set_new(o, "max", ms_or_null(h, (double)hist_max(h)));
	json_object_set_new(o, "mean", ms_or_null(h, round(hist_mean(h))));
	json_object_set_new(o, "stddev", ms_or_null(h, round(hist_stddev(h))));
	json_object_set_new(o, "samples", json_integer((json_int_t)hist_count(h)));
	return o;
}

static void spectrum_point(void *ctx, double pct, uint64_t us, uint64_t count)
{
	json_t *a = ctx;
	json_t *p = json_object();
	json_object_set_new(p, "percentile", json_real(round(pct * 1e6) / 1e6));
	json_object_set_new(p, "ms", json_real((double)us / 1000));
	json_object_set_new(p, "count", json_integer((json_int_t)count));
	json_array_append_new(a, p);
}

static json_t *result_json(const struct load_config *c, const char *url,
			   const struct load_result *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "url", json_string(url));
	json_object_set_new(o, "threads", json_integer(c->threads));
	json_object_set_new(o, "connections", json_integer(c->connections));
	json_object_set_new(o, "pipeline", json_integer(c->pipeline));
	json_object_set_new(o, "requests", json_integer((json_int_t)r->requests));
	json_object_set_new(o, "sent", json_integer((json_int_t)r->sent));
	json_object_set_new(o, "succeeded", json_integer((json_int_t)load_succeeded(r)));
	json_object_set_new(o, "unanswered", json_integer((json_int_t)r->unanswered));
	json_object_set_new(o, "unsent", json_integer((json_int_t)r->unsent));
	json_object_set_new(o, "duration_s", json_real(round(r->duration_s * 1e6) / 1e6));
	json_object_set_new(o, "requests_per_s", json_real(round(r->requests_per_s * 100) / 100));
	json_object_set_new(o, "target_rate", c->rate > 0 ? json_real(c->rate) : json_null());
	json_object_set_new(o, "kept_up", json_boolean(r->kept_up));
	json_object_set_new(o, "generator_busy", json_real(round(r->generator_busy * 1000) / 1000));
	json_object_set_new(o, "stopped_early", json_boolean(r->stopped_early));
	json_object_set_new(o, "bytes_read", json_integer((json_int_t)r->bytes_read));
	json_t *err = json_object();
	json_object_set_new(err, "connect", json_integer((json_int_t)r->errors.connect));
	json_object_set_new(err, "read", json_integer((json_int_t)r->errors.read));
	json_object_set_new(err, "write", json_integer((json_int_t)r->errors.write));
	json_object_set_new(err, "timeout", json_integer((json_int_t)r->errors.timeout));
	json_object_set_new(err, "status", json_integer((json_int_t)r->errors.status));
	json_object_set_new(o, "errors", err);
	json_t *sc = json_object();
	for (int k = 1; k < 6; k++) {
		char key[8];
		snprintf(key, sizeof key, "%dxx", k);
		json_object_set_new(sc, key, json_integer((json_int_t)r->status_class[k]));
	}
	json_object_set_new(o, "status", sc);
	json_t *lat = json_object();
	json_object_set_new(lat, "corrected", latency_json(r->corrected));
	json_object_set_new(lat, "uncorrected", latency_json(r->uncorrected));
	json_object_set_new(o, "latency_ms", lat);
	json_t *spec = json_array();
	hist_spectrum(r->corrected ? r->corrected : r->uncorrected, 5, spectrum_point, spec);
	json_object_set_new(o, "spectrum", spec);
	json_object_set_new(o, "spectrum_of",
			    json_string(r->corrected ? "corrected" : "uncorrected"));
	return o;
}

/* A latency of h for people ("-" when h recorded nothing). */
static const char *ms(const struct hist *h, uint64_t us, char *buf, size_t size)
{
	if (!hist_count(h))
		snprintf(buf, size, "-");
	else if (us < 1000)
		snprintf(buf, size, "%.0fus", (double)us);
	else if (us < 1000000)
		snprintf(buf, size, "%.2fms", (double)us / 1000);
	else
		snprintf(buf, size, "%.2fs", (double)us / 1e6);
	return buf;
}

/* What the text form reports on. */
struct report {
	const struct load_config *c;
	const char *url;
	const struct load_result *r;
};

static void result_text(FILE *f, const void *ctx)
{
	const struct report *rep = ctx;
	const struct load_config *c = rep->c;
	const char *url = rep->url;
	const struct load_result *r = rep->r;
	char a[32], b[32], m[32];
	fprintf(f, "Running %.2fs test @ %s%s\n", r->duration_s, url,
		r->stopped_early ? " (stopped early)" : "");
	if (c->rate > 0) /* as given: -R 0.5 is not "0 requests/s" */
		fprintf(f, "  %d threads and %d connections, open loop at %.15g requests/s\n",
			c->threads, c->connections, c->rate);
	else
		fprintf(f, "  %d threads and %d connections, closed loop (as fast as answered)\n",
			c->threads, c->connections);
	const struct hist *main = r->corrected ? r->corrected : r->uncorrected;
	fprintf(f, "  Latency%s   avg %s   stdev %s   max %s\n", r->corrected ? " (corrected)" : "",
		ms(main, (uint64_t)hist_mean(main), a, sizeof a),
		ms(main, (uint64_t)hist_stddev(main), b, sizeof b),
		ms(main, hist_max(main), m, sizeof m));
	fprintf(f, "  %llu requests in %.2fs, %.2fMB read\n", (unsigned long long)r->requests,
		r->duration_s, (double)r->bytes_read / 1048576.0);
	if (r->sent != r->requests)
		fprintf(f, "  %llu sent, %llu answered\n", (unsigned long long)r->sent,
			(unsigned long long)r->requests);
	if (r->errors.status)
		fprintf(f, "  Non-2xx responses: %llu\n", (unsigned long long)r->errors.status);
	if (r->errors.connect || r->errors.read || r->errors.write || r->errors.timeout)
		fprintf(f, "  Errors: connect %llu, read %llu, write %llu, timeout %llu\n",
			(unsigned long long)r->errors.connect, (unsigned long long)r->errors.read,
			(unsigned long long)r->errors.write, (unsigned long long)r->errors.timeout);
	if (r->unanswered)
		fprintf(f,
			"  %llu requests in flight when stopped: neither answered nor timed out\n",
			(unsigned long long)r->unanswered);
	if (r->unsent)
		fprintf(f,
			"  %llu requests due but never sent: every connection was waiting for an "
			"answer or a connection\n",
			(unsigned long long)r->unsent);
	fprintf(f, "Requests/sec: %10.2f\n", r->requests_per_s);
	fprintf(f, "Transfer/sec: %10.2fMB\n",
		r->duration_s > 0 ? (double)r->bytes_read / 1048576.0 / r->duration_s : 0);
	if (c->rate > 0 && !r->kept_up)
		fprintf(
		    f,
		    "WARNING: the generator could not keep up: %llu sent of %.0f due, its busiest "
		    "thread at %.0f%% CPU; use more threads\n",
		    (unsigned long long)r->sent, c->rate * r->duration_s, 100 * r->generator_busy);
	fprintf(f, "\n  Latency      %s%s\n", r->corrected ? "corrected    " : "", "uncorrected");
	for (size_t i = 0; i < 6; i++) {
		fprintf(f, "  %7.3f%%", percentiles[i]);
		if (r->corrected)
			fprintf(f, "   %-12s",
				ms(r->corrected, hist_percentile(r->corrected, percentiles[i]), a,
				   sizeof a));
		fprintf(f, "   %s\n",
			ms(r->uncorrected, hist_percentile(r->uncorrected, percentiles[i]), b,
			   sizeof b));
	}
	fprintf(f, "  %7s ", "max");
	if (r->corrected)
		fprintf(f, "   %-12s", ms(r->corrected, hist_max(r->corrected), a, sizeof a));
	fprintf(f, "   %s\n", ms(r->uncorrected, hist_max(r->uncorrected), b, sizeof b));
}

/* load's own options: everything about the load itself. */
static int own_option(void *ctx, int c, const char *arg)
{
	struct load_config *cfg = ctx;
	long n = 0;
	switch (c) {
	case 'c':
		if (cli_number("load", "--connections", arg, 1, LOAD_MAX_CONNECTIONS, &n))
			return 2;
		cfg->connections = (int)n;
		return CLI_NEXT;
	case 't':
		if (cli_number("load", "--threads", arg, 1, LOAD_MAX_THREADS, &n))
			return 2;
		cfg->threads = (int)n;
		return CLI_NEXT;
	case 'p':
		if (cli_number("load", "--pipeline", arg, 1, LOAD_MAX_PIPELINE, &n))
			return 2;
		cfg->pipeline = (int)n;
		return CLI_NEXT;
	case 'd':
	case 'T': {
		double d = parse_duration(arg);
		if (!(d > 0) || d > 86400)
			return cli_usage_error(
			    "load", "%s must be a duration such as 10s, 500ms or 2m, got '%s'",
			    c == 'd' ? "--duration" : "--timeout", arg);
		if (c == 'd')
			cfg->duration_s = d;
		else
			cfg->timeout_s = d;
		return CLI_NEXT;
	}
	case 'R': {
		double r;
		if (num_parse_double(arg, &r) != 0 || !(r > 0) || r > LOAD_MAX_RATE)
			return cli_usage_error(
			    "load",
			    "--rate must be a number of requests a second above 0 "
			    "and at most 100,000,000, got '%s'",
			    arg);
		cfg->rate = r;
		return CLI_NEXT;
	}
	case 'H':
		if (cfg->nheaders == LOAD_MAX_HEADERS)
			return cli_usage_error("load", "at most %d headers", LOAD_MAX_HEADERS);
		if (!strchr(arg, ':') || strpbrk(arg, "\r\n") || arg[0] == ':')
			return cli_usage_error(
			    "load", "a header is 'Name: value' on one line, got '%s'", arg);
		cfg->headers[cfg->nheaders++] = arg;
		return CLI_NEXT;
	default:
		return CLI_NOT_MINE;
	}
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"connections", required_argument, NULL, 'c'},
					     {"threads", required_argument, NULL, 't'},
					     {"duration", required_argument, NULL, 'd'},
					     {"rate", required_argument, NULL, 'R'},
					     {"pipeline", required_argument, NULL, 'p'},
					     {"header", required_argument, NULL, 'H'},
					     {"timeout", required_argument, NULL, 'T'},
					     CLI_OPT_FORMAT,
					     CLI_OPT_OUTPUT,
					     CLI_OPT_HELP,
					     CLI_OPT_END};
	struct load_config cfg = {.connections = 10,
				  .threads = 2,
				  .duration_s = 10,
				  .rate = 0,
				  .pipeline = 1,
				  .timeout_s = 2};
	struct cli_opts o = cli_opts("load", usage, 1u << FORMAT_TEXT | 1u << FORMAT_JSON);
	int rc = cli_parse(&o, argc, argv, ":c:t:d:R:H:f:o:h", opts, own_option, &cfg);
	if (rc != CLI_NEXT)
		return rc;
	int format = o.format;
	const char *output = o.output;
	if (optind != argc - 1)
		return cli_usage_error("load", optind == argc
						   ? "which URL? give http://HOST:PORT/PATH"
						   : "one URL at a time");
	const char *url = argv[optind];
	struct err e = {0};
	if (load_parse_url(&cfg, url, &e) != 0 || load_check(&cfg, &e) != 0)
		return cli_fail(&e);
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	struct load_result r;
	if (load_run(&cfg, &stop_flag, &r, &e) != 0)
		return cli_fail(&e);
	struct report rep = {&cfg, url, &r};
	json_t *j = format == FORMAT_JSON ? result_json(&cfg, url, &r) : NULL;
	rc = cli_emit(format, j, result_text, &rep, output, &e);
	json_decref(j);
	uint64_t succeeded = load_succeeded(&r);
	if (rc == 0 && !succeeded)
		fprintf(stderr,
			"verdict load: no request succeeded: %llu sent, %llu answered, errors: "
			"connect %llu, read %llu, write %llu, timeout %llu, status %llu\n",
			(unsigned long long)r.sent, (unsigned long long)r.requests,
			(unsigned long long)r.errors.connect, (unsigned long long)r.errors.read,
			(unsigned long long)r.errors.write, (unsigned long long)r.errors.timeout,
			(unsigned long long)r.errors.status);
	load_result_free(&r);
	if (rc != 0)
		return cli_fail(&e);
	return succeeded ? 0 : EXIT_NO_SUCCESS;
}

const struct cmd cmd_load = {
    .name = "load",
    .summary = "an HTTP load generator, honest about tail latency",
    .usage = usage,
    .run = run,
};
