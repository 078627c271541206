/*
 * wl_http — TechEmpower's plaintext and JSON tests: Go (net/http), Rust (axum on tokio) and nginx
 * as the native ceiling. Each server is checked against the test's rules first (body,
 * Content-Type, Server, and a Date that changes), then driven by the in-process load generator
 * from the other core: closed-loop runs for peak throughput, then open-loop runs at fixed
 * fractions of the lower of the Go and Rust peaks, so both face the same offered load, for
 * latency percentiles measured from each request's intended send time.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lab/run.h"

#define CONNECTIONS 64

struct plan {
	double warmup_s, peak_s, open_s;
	double fractions[2];
	int nfractions;
};

static struct plan plan_of(const struct lab_run *run)
{
	if (run->o->quick)
		return (struct plan){1, 1.5, 1.5, {0.5, 0}, 1};
	return (struct plan){2, 5, 6, {0.5, 0.9}, 2};
}

int wl_http(struct lab_run *run, enum lab_workload w, struct err *e)
{
	bool json = w == LAB_HTTP_JSON;
	const char *path = json ? "/json" : "/plaintext";
	const char *body = json ? "{\"message\":\"Hello, World!\"}" : "Hello, World!";
	/* Go's encoder ends the JSON with a newline, which TechEmpower allows */
	const char *go_body = json ? "{\"message\":\"Hello, World!\"}\n" : body;
	const char *type = json ? "application/json" : "text/plain";
	int pipeline = json ? 1 : 16; /* TechEmpower pipelines plaintext 16 deep */
	struct plan pl = plan_of(run);
	static const enum lab_impl impls[] = {IMPL_GO, IMPL_RUST, IMPL_NGINX};
	enum { N = sizeof impls / sizeof *impls };
	struct lab_server srv[N];
	bool up[N] = {false};
	char date[N][64];
	int rc = 0;

	lab_step(run, "%s: starting and checking the servers", lab_workload_name(w));
	if (!run->tools[TOOL_NGINX].found)
		lab_skip(run, w, IMPL_NGINX,
			 "nginx not found; install it with: apt-get install nginx-light");
	for (int i = 0; i < N && rc == 0; i++) {
		enum lab_impl im = impls[i];
		if (im == IMPL_NGINX ? !run->tools[TOOL_NGINX].found : !run->have[im])
			continue;
		struct err se;
		if (lab_server_start(run, im, NULL, 30, &srv[i], &se) != 0) {
			rc = lab_check_stop(run, e);
			lab_skip(run, w, im, se.msg);
			continue;
		}
		up[i] = true;
		if (lab_http_check(srv[i].port, path, im == IMPL_GO ? go_body : body, type, date[i],
				   sizeof date[i], &se) != 0) {
			lab_skip(run, w, im, se.msg);
			lab_server_stop(&srv[i]);
			up[i] = false;
			continue;
		}
		struct load_result r;
		if (lab_load(run, srv[i].port, path, CONNECTIONS, pipeline, pl.warmup_s, 0, false,
			     &r, e) != 0)
			rc = -1;
		else
			load_result_free(&r);
	}

	json_t *out = json_pack("{s:s, s:i, s:i, s:f, s:f}", "path", path, "connections",
				CONNECTIONS, "pipeline", pipeline, "peak_duration_s", pl.peak_s,
				"open_duration_s", pl.open_s);
	json_object_set_new(run->workloads, lab_workload_name(w), out);
	double peak[N][64], busy[N] = {0};
	uint64_t peak_err[N] = {0};
	int reps = run->repeats < 64 ? run->repeats : 64;
	for (int rep = 0; rep < reps && rc == 0; rep++)
		for (int i = 0; i < N && rc == 0; i++) {
			lab_step(run, "%s: peak %s, run %d/%d", lab_workload_name(w),
				 lab_impl_name(impls[i]), rep + 1, reps);
			if (!up[i])
				continue;
			struct load_result r;
			if (lab_load(run, srv[i].port, path, CONNECTIONS, pipeline, pl.peak_s, 0,
				     false, &r, e) != 0) {
				rc = -1;
				break;
			}
			peak[i][rep] = r.requests_per_s;
			peak_err[i] += load_error_count(&r);
			if (r.generator_busy > busy[i])
				busy[i] = r.generator_busy;
			load_result_free(&r);
		}
	/* the same offered load for Go and Rust: a fraction of the lower of their peaks */
	double lower = 0;
	for (int i = 0; i < 2 && rc == 0; i++) {
		if (!up[i])
			continue;
		double m[64];
		memcpy(m, peak[i], sizeof m);
		double med = lab_median(m, (size_t)reps);
		lower = lower == 0 || med < lower ? med : lower;
	}
	double p50[2][2][64], p99[2][2][64], p999[2][2][64], mx[2][2][64], achieved[2][2][64];
	uint64_t open_err[2][2] = {{0}};
	bool kept_up[2][2] = {{true, true}, {true, true}};
	for (int f = 0; f < pl.nfractions && rc == 0; f++)
		for (int rep = 0; rep < reps && rc == 0; rep++)
			for (int i = 0; i < 2 && rc == 0; i++) {
				lab_step(run, "%s: %s at %.0f%% of the lower peak, run %d/%d",
					 lab_workload_name(w), lab_impl_name(impls[i]),
					 100 * pl.fractions[f], rep + 1, reps);
				if (!up[i] || lower <= 0)
					continue;
				struct load_result r;
				if (lab_load(run, srv[i].port, path, CONNECTIONS, 1, pl.open_s,
					     pl.fractions[f] * lower, false, &r, e) != 0) {
					rc = -1;
					break;
				}
				p50[i][f][rep] = lab_ms(hist_percentile(r.corrected, 50));
				p99[i][f][rep] = lab_ms(hist_percentile(r.corrected, 99));
				p999[i][f][rep] = lab_ms(hist_percentile(r.corrected, 99.9));
				mx[i][f][rep] = lab_ms(hist_max(r.corrected));
				achieved[i][f][rep] = r.requests_per_s;
				open_err[i][f] += load_error_count(&r);
				kept_up[i][f] = kept_up[i][f] && r.kept_up;
				load_result_free(&r);
			}
	/* TechEmpower's Date must change: the runs took more than a second */
	for (int i = 0; i < N && rc == 0; i++) {
		if (!up[i])
			continue;
		char later[64];
		struct err se = {.kind = ERR_NONE};
		if (lab_http_check(srv[i].port, path, impls[i] == IMPL_GO ? go_body : body, type,
				   later, sizeof later, &se) != 0 ||
		    strcmp(later, date[i]) == 0) {
			lab_skip(run, w, impls[i],
				 se.kind ? se.msg : "the Date header did not change over the run");
			lab_server_stop(&srv[i]);
			up[i] = false;
		}
	}
	for (int i = 0; i < N; i++) {
		if (rc == 0 && up[i]) {
			json_t *x = json_object();
			json_object_set_new(x, "peak_rps", lab_stat(peak[i], (size_t)reps));
			json_object_set_new(x, "peak_errors",
					    json_integer((json_int_t)peak_err[i]));
			json_object_set_new(x, "generator_busy", json_real(busy[i]));
			/* a saturated generator means the peak is a lower bound */
			json_object_set_new(x, "generator_bound", json_boolean(busy[i] > 0.9));
			json_object_set_new(x, "cold_start_ms", json_real(srv[i].ready_s * 1000));
			if (i < 2) {
				json_t *ol = json_array();
				for (int f = 0; f < pl.nfractions; f++)
					json_array_append_new(
					    ol, json_pack(
						    "{s:f, s:f, s:o, s:o, s:o, s:o, s:o, s:I, s:b}",
						    "fraction", pl.fractions[f], "rate",
						    pl.fractions[f] * lower, "achieved_rps",
						    lab_stat(achieved[i][f], (size_t)reps),
						    "p50_ms", lab_stat(p50[i][f], (size_t)reps),
						    "p99_ms", lab_stat(p99[i][f], (size_t)reps),
						    "p999_ms", lab_stat(p999[i][f], (size_t)reps),
						    "max_ms", lab_stat(mx[i][f], (size_t)reps),
						    "errors", (json_int_t)open_err[i][f], "kept_up",
						    kept_up[i][f]));
				json_object_set_new(x, "open_loop", ol);
			}
			json_object_set_new(out, lab_impl_name(impls[i]), x);
		}
		if (up[i])
			lab_server_stop(&srv[i]);
	}
	return rc;
}
