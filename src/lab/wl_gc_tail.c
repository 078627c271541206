/*
 * wl_gc_tail — the Discord Read States question: a cache of millions of small entries, served
 * over HTTP with a steady rate of reads and updates (3 to 1), in Go (a garbage-collected heap of
 * pointers) and in Rust (no collector). The load is open-loop at half the lower of the two peaks
 * and runs long enough for periodic collections to land inside it; the result is the tail (p99,
 * p99.9, max), every second's p99, the worst second, and how many collections Go ran meanwhile.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/run.h"

#define CONNECTIONS 64
#define FRACTION    0.5

/* Reads the server's {"gc": N, ...} count of collections; -1 when it cannot. */
static long collections(int port)
{
	char body[256];
	int status = 0;
	struct err e;
	if (lab_http_get(port, "/stats", 5, &status, body, sizeof body, &e) != 0 || status != 200)
		return -1;
	const char *g = strstr(body, "\"gc\":");
	return g ? strtol(g + 5, NULL, 10) : -1;
}

int wl_gc_tail(struct lab_run *run, struct err *e)
{
	long entries = run->o->quick ? 200000 : 2000000;
	double probe_s = run->o->quick ? 1 : 3, duration_s = run->o->quick ? 5 : 60;
	char entries_arg[32];
	snprintf(entries_arg, sizeof entries_arg, "%ld", entries);
	char *extra[] = {"--entries", entries_arg, NULL};
	struct lab_server srv[2];
	bool up[2] = {false, false};
	int rc = 0;
	lab_step(run, "gc-tail: filling %ld entries", entries);
	for (int i = 0; i < 2 && rc == 0; i++) {
		if (!run->have[i])
			continue;
		struct err se;
		if (lab_server_start(run, (enum lab_impl)i, extra, 300, &srv[i], &se) != 0) {
			rc = lab_check_stop(run, e);
			lab_skip(run, LAB_GC_TAIL, (enum lab_impl)i, se.msg);
			continue;
		}
		up[i] = true;
	}
	lab_step(run, "gc-tail: finding the peak");
	double lower = 0;
	for (int i = 0; i < 2 && rc == 0; i++) {
		if (!up[i])
			continue;
		struct load_result r;
		if (lab_load(run, srv[i].port, "/cache", CONNECTIONS, 1, probe_s, 0, false, &r,
			     e) != 0) {
			rc = -1;
			break;
		}
		if (lower == 0 || r.requests_per_s < lower)
			lower = r.requests_per_s;
		load_result_free(&r);
	}
	json_t *out = json_pack("{s:I, s:i, s:f, s:f, s:f}", "entries", (json_int_t)entries,
				"connections", CONNECTIONS, "rate", FRACTION * lower, "fraction",
				FRACTION, "duration_s", duration_s);
	json_object_set_new(run->workloads, "gc-tail", out);
	for (int i = 0; i < 2; i++) {
		if (rc == 0)
			lab_step(run, "gc-tail: %s for %.0f s", lab_impl_name((enum lab_impl)i),
				 duration_s);
		if (rc != 0 || !up[i] || lower <= 0)
			continue;
		long gc_before = collections(srv[i].port);
		struct load_result r;
		if (lab_load(run, srv[i].port, "/cache", CONNECTIONS, 1, duration_s,
			     FRACTION * lower, true, &r, e) != 0) {
			rc = -1;
			break;
		}
		long gc_after = collections(srv[i].port);
		json_t *win = json_array();
		size_t worst = 0;
		for (size_t w = 0; w < r.nwindows; w++) {
			json_array_append_new(win, json_real(lab_ms(r.windows[w].p99_us)));
			if (r.windows[w].p99_us > r.windows[worst].p99_us)
				worst = w;
		}
		json_t *x = json_object();
		json_object_set_new(x, "achieved_rps", json_real(r.requests_per_s));
		json_object_set_new(x, "p50_ms",
				    json_real(lab_ms(hist_percentile(r.corrected, 50))));
		json_object_set_new(x, "p99_ms",
				    json_real(lab_ms(hist_percentile(r.corrected, 99))));
		json_object_set_new(x, "p999_ms",
				    json_real(lab_ms(hist_percentile(r.corrected, 99.9))));
		json_object_set_new(x, "max_ms", json_real(lab_ms(hist_max(r.corrected))));
		json_object_set_new(
		    x, "worst_second",
		    r.nwindows ? json_pack("{s:I, s:f, s:f, s:f}", "at_s", (json_int_t)worst,
					   "p99_ms", lab_ms(r.windows[worst].p99_us), "p999_ms",
					   lab_ms(r.windows[worst].p999_us), "max_ms",
					   lab_ms(r.windows[worst].max_us))
			       : json_null());
		json_object_set_new(x, "p99_per_second_ms", win);
		json_object_set_new(x, "collections",
				    gc_before >= 0 && gc_after >= 0
					? json_integer(gc_after - gc_before)
					: json_null());
		json_object_set_new(x, "errors", json_integer((json_int_t)load_error_count(&r)));
		json_object_set_new(x, "kept_up", json_boolean(r.kept_up));
		json_object_set_new(x, "rss_mb",
				    json_real((double)proc_rss_kb(srv[i].proc.pid) / 1024));
		json_object_set_new(out, lab_impl_name((enum lab_impl)i), x);
		load_result_free(&r);
	}
	for (int i = 0; i < 2; i++)
		if (up[i])
			lab_server_stop(&srv[i]);
	return rc;
}
