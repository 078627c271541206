/*
 * wl_footprint — what a service costs to keep running, in the spirit of seed 002's operators
 * (8 and 28 MB in Rust against 45 and 320 MB in Go): resident memory once the server answers,
 * and again while it holds 5,000 decoded Kubernetes-like resources; the server binary's size;
 * and the cold start, from exec to the first good response. Each start is a fresh process.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "lab/run.h"

#define RESOURCES 5000

int wl_footprint(struct lab_run *run, struct err *e)
{
	json_t *out = json_pack("{s:i}", "resources", RESOURCES);
	json_object_set_new(run->workloads, "footprint", out);
	int reps = run->repeats < 64 ? run->repeats : 64;
	double start_mb[2][64], hold_mb[2][64], cold_ms[2][64];
	bool ok[2] = {run->have[IMPL_GO], run->have[IMPL_RUST]};
	char path[64];
	snprintf(path, sizeof path, "/hold?n=%d", RESOURCES);
	for (int rep = 0; rep < reps; rep++)
		for (int i = 0; i < 2; i++) {
			lab_step(run, "footprint: %s, start %d/%d", lab_impl_name((enum lab_impl)i),
				 rep + 1, reps);
			if (!ok[i])
				continue;
			struct lab_server s;
			struct err se;
			if (lab_server_start(run, (enum lab_impl)i, NULL, 30, &s, &se) != 0) {
				if (lab_check_stop(run, e) != 0)
					return -1;
				lab_skip(run, LAB_FOOTPRINT, (enum lab_impl)i, se.msg);
				ok[i] = false;
				continue;
			}
			cold_ms[i][rep] = s.ready_s * 1000;
			start_mb[i][rep] = (double)proc_rss_kb(s.proc.pid) / 1024;
			char body[64];
			int status = 0;
			if (lab_http_get(s.port, path, 60, &status, body, sizeof body, &se) != 0 ||
			    status != 200) {
				lab_skip(run, LAB_FOOTPRINT, (enum lab_impl)i,
					 status ? "GET /hold did not answer 200" : se.msg);
				ok[i] = false;
			}
			hold_mb[i][rep] = (double)proc_rss_kb(s.proc.pid) / 1024;
			lab_server_stop(&s);
			if (lab_check_stop(run, e) != 0)
				return -1;
		}
	for (int i = 0; i < 2; i++) {
		if (!ok[i])
			continue;
		struct stat st;
		double bin_mb = stat(run->bin[i][0], &st) == 0 ? (double)st.st_size / 1048576 : 0;
		json_object_set_new(out, lab_impl_name((enum lab_impl)i),
				    json_pack("{s:o, s:o, s:o, s:f}", "rss_start_mb",
					      lab_stat(start_mb[i], (size_t)reps), "rss_holding_mb",
					      lab_stat(hold_mb[i], (size_t)reps), "cold_start_ms",
					      lab_stat(cold_ms[i], (size_t)reps), "binary_mb",
					      bin_mb));
	}
	return 0;
}
