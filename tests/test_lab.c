/*
 * test_lab — the lab runner's parts that need no toolchain: child processes (output, exit
 * codes, timeouts that kill the whole group), the workload list, Go version parsing, turning
 * workloads into measures, and the SQLite history.
 */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "lab/history.h"
#include "lab/lab.h"
#include "lab/machine.h"
#include "lab/proc.h"

static void proc_captures_output_and_status(void **state)
{
	(void)state;
	char *argv[] = {"sh", "-c", "echo hello; echo oops >&2; exit 3", NULL};
	struct proc_spec spec = {.argv = argv, .cpu = PROC_ANY_CPU, .timeout_s = 10};
	struct proc_result r;
	struct err e = {0};
	assert_int_equal(proc_run(&spec, &r, &e), 0);
	assert_string_equal(r.out, "hello\n");
	assert_string_equal(r.err_tail, "oops\n");
	assert_int_equal(r.exit_code, 3);
	assert_false(r.timed_out);
	/* the shell may end before the first VmHWM sample: then wait4's figure, labelled */
	assert_true(r.max_rss_kb > 0);
	assert_true(r.rss_source == PROC_RSS_VMHWM || r.rss_source == PROC_RSS_WAIT4);
	proc_result_free(&r);
}

/* Regression (issue 10): a program that ended before the 5 ms sampler first looked was reported
 * with 0 KB (and the unit suite failed 2 runs in 5). Thirty runs of `true`, most of them over
 * before any sample on a busy machine: every one has a figure and says where it came from. */
static void proc_rss_of_a_short_program_is_never_zero(void **state)
{
	(void)state;
	char *argv[] = {"true", NULL};
	struct proc_spec spec = {.argv = argv, .cpu = PROC_ANY_CPU, .timeout_s = 10};
	for (int i = 0; i < 30; i++) {
		struct proc_result r;
		struct err e = {0};
		assert_int_equal(proc_run(&spec, &r, &e), 0);
		assert_int_equal(r.exit_code, 0);
		if (r.max_rss_kb <= 0 || r.rss_source == PROC_RSS_NONE)
			fail_msg("run %d: %ld KB from %s", i, r.max_rss_kb,
				 proc_rss_source_name(r.rss_source));
		proc_result_free(&r);
	}
}

/* Which figure proc_run reports: the sampled VmHWM whenever there is one, else wait4's, and the
 * label says which. */
static void proc_rss_source_is_labelled(void **state)
{
	(void)state;
	enum proc_rss_source s;
	assert_int_equal(proc_peak_rss_kb(1800, 130000, &s), 1800);
	assert_int_equal(s, PROC_RSS_VMHWM);
	assert_string_equal(proc_rss_source_name(s), "vmhwm");
	assert_int_equal(proc_peak_rss_kb(-1, 130000, &s), 130000);
	assert_int_equal(s, PROC_RSS_WAIT4);
	assert_string_equal(proc_rss_source_name(s), "wait4");
	assert_int_equal(proc_peak_rss_kb(0, 0, &s), 0);
	assert_int_equal(s, PROC_RSS_NONE);
	assert_string_equal(proc_rss_source_name(s), "none");
}

/* The peak RSS is the program's own, not the copy of the caller it started as: a test holding
 * 128 MB runs a program that needs one or two (wait4's ru_maxrss would say 128 MB). The program
 * never ends by itself: the timeout kills it, and proc_run samples before it kills, so it is
 * sampled however slow the machine is. */
static void proc_rss_is_the_programs_own(void **state)
{
	(void)state;
	size_t big = 128u << 20;
	char *ballast = malloc(big);
	assert_non_null(ballast);
	memset(ballast, 1, big);
	char *argv[] = {"sleep", "30", NULL};
	struct proc_spec spec = {.argv = argv, .cpu = PROC_ANY_CPU, .timeout_s = 0.3};
	struct proc_result r;
	struct err e = {0};
	assert_int_equal(proc_run(&spec, &r, &e), 0);
	assert_true(r.timed_out);
	assert_int_equal(r.rss_source, PROC_RSS_VMHWM);
	assert_true(r.max_rss_kb > 0);
	assert_true(r.max_rss_kb < 32 * 1024);
	proc_result_free(&r);
	free(ballast);
}

/* A timeout kills the program and what it started (its whole process group). */
static void proc_timeout_kills_the_group(void **state)
{
	(void)state;
	char *argv[] = {"sh", "-c", "sleep 30 & sleep 30; wait", NULL};
	struct proc_spec spec = {.argv = argv, .cpu = 0, .timeout_s = 0.3};
	struct proc_result r;
	struct err e = {0};
	assert_int_equal(proc_run(&spec, &r, &e), 0);
	assert_true(r.timed_out);
	assert_true(r.elapsed_s < 5);
	assert_int_equal(r.exit_code, 128 + 9);
	proc_result_free(&r);
}

static void proc_reports_a_missing_program(void **state)
{
	(void)state;
	char *argv[] = {"no-such-program-verdict", NULL};
	struct proc_spec spec = {.argv = argv, .cpu = PROC_ANY_CPU};
	struct proc_result r;
	struct err e = {0};
	assert_int_equal(proc_run(&spec, &r, &e), -1);
	assert_string_equal(e.msg, "cannot run no-such-program-verdict: No such file or directory");
}

static void proc_start_read_line_and_stop(void **state)
{
	(void)state;
	char *argv[] = {"sh", "-c", "echo port 1234; exec sleep 30", NULL};
	struct proc_spec spec = {.argv = argv, .cpu = PROC_ANY_CPU};
	struct proc p;
	struct err e = {0};
	char line[64];
	assert_int_equal(proc_start(&spec, &p, &e), 0);
	assert_int_equal(proc_read_line(&p, 5, line, sizeof line, &e), 0);
	assert_string_equal(line, "port 1234");
	assert_true(proc_rss_kb(p.pid) > 0);
	pid_t pid = p.pid;
	proc_stop(&p);
	assert_int_equal(p.pid, 0);
	assert_true(kill(pid, 0) != 0); /* gone, and reaped */
}

/* Regression (issue 10): a host name that is not UTF-8 (or cut inside a character) made json_pack
 * fail, and the results silently had no `machine` object; a PATH entry that is not UTF-8 lost a
 * toolchain the same way. Every text is repaired, byte by byte, instead. */
static void machine_texts_that_are_not_utf8_are_repaired(void **state)
{
	(void)state;
	struct machine m = {.cores = 2, .memory_mb = 4096};
	snprintf(m.host, sizeof m.host, "box\xff\xfe-1");
	snprintf(m.cpu, sizeof m.cpu, "EPYC \xe2\x82"); /* a "€" cut after two of its bytes */
	snprintf(m.kernel, sizeof m.kernel, "Linux 6.1");
	json_t *j = machine_json(&m);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "host")), "box?"
									   "?-1");
	assert_string_equal(json_string_value(json_object_get(j, "cpu")), "EPYC ??");
	assert_int_equal(json_integer_value(json_object_get(j, "cores")), 2);
	assert_int_equal(json_object_size(j), 5);
	json_decref(j);
	struct toolchain t[TOOL_COUNT] = {0};
	t[TOOL_GO].found = true;
	snprintf(t[TOOL_GO].path, sizeof t[TOOL_GO].path, "/opt/g\xe9/bin/go"); /* Latin-1 */
	snprintf(t[TOOL_GO].version, sizeof t[TOOL_GO].version, "go1.22.3");
	for (int i = 1; i < TOOL_COUNT; i++)
		t[i].install = "apt-get install x";
	j = toolchains_json(t);
	const json_t *go = json_object_get(j, "go");
	assert_string_equal(json_string_value(json_object_get(go, "path")), "/opt/g?/bin/go");
	assert_false(json_is_true(json_object_get(go, "green_tea_gc")));
	assert_non_null(
	    strstr(json_string_value(json_object_get(go, "note")), "go1.22.3 predates"));
	assert_int_equal(json_object_size(j), TOOL_COUNT);
	json_decref(j);
}

static void only_lists(void **state)
{
	(void)state;
	unsigned mask;
	struct err e = {0};
	assert_int_equal(lab_parse_only("cpu,gc-tail", &mask, &e), 0);
	assert_int_equal(mask, 1u << LAB_CPU | 1u << LAB_GC_TAIL);
	assert_int_equal(lab_parse_only("cpu,,build", &mask, &e), -1);
	assert_string_equal(e.msg, "--only 'cpu,,build' has an empty workload name");
	assert_int_equal(lab_parse_only("", &mask, &e), -1);
	assert_int_equal(lab_parse_only("cpus", &mask, &e), -1);
	assert_non_null(strstr(e.msg, "unknown workload 'cpus'"));
}

static void go_versions(void **state)
{
	(void)state;
	int major, minor;
	assert_true(go_version_parse("go1.26.8", &major, &minor));
	assert_int_equal(minor, 26);
	assert_true(go_version_parse("go1.19", &major, &minor));
	assert_int_equal(minor, 19);
	assert_false(go_version_parse("devel +abc", &major, &minor));
}

static json_t *stat_of(double median, double min, double max)
{
	return json_pack("{s:f, s:f, s:f, s:[f]}", "median", median, "min", min, "max", max, "runs",
			 median);
}

/* Results with a Go/Rust pair for the clean build, the kernels and JSON throughput. */
static json_t *sample_results(void)
{
	json_t *k = json_object();
	const char *names[] = {"nbody", "fannkuch", "spectral", "trees"};
	for (int i = 0; i < 4; i++)
		json_object_set_new(k, names[i],
				    json_pack("{s:{s:o}, s:{s:o}}", "go", "elapsed_s",
					      stat_of(2, 2, 2), "rust", "elapsed_s",
					      stat_of(1, 1, 1)));
	json_t *r =
	    json_pack("{s:{s:{s:o}, s:{s:o}}, s:{s:o}, s:{s:{s:o}, s:{s:o, s:b}}}", "build", "go",
		      "clean_s", stat_of(10, 9, 11), "rust", "clean_s", stat_of(40, 36, 44), "cpu",
		      "kernels", k, "http-json", "go", "peak_rps", stat_of(1000, 900, 1100), "rust",
		      "peak_rps", stat_of(1200, 1200, 1200), "generator_bound", 1);
	return r; /* Rust's JSON peak was the load generator's limit */
}

static const json_t *measure(const json_t *r, const char *id)
{
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(r, "measures"), i,
			   m) if (strcmp(json_string_value(json_object_get(m, "id")), id) ==
				  0) return m;
	return NULL;
}

static double num(const json_t *m, const char *key)
{
	return json_number_value(json_object_get(m, key));
}

static void measures_from_workloads(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	json_t *r = json_pack("{s:o}", "workloads", sample_results());
	lab_measures(r, kb);
	const json_t *b = measure(r, "build-clean");
	assert_non_null(b);
	assert_true(fabs(num(b, "rust_advantage") - 0.25) < 1e-9); /* 10 s / 40 s */
	assert_true(fabs(num(b, "low") - 9.0 / 44) < 1e-9);
	assert_true(fabs(num(b, "high") - 11.0 / 36) < 1e-9);
	assert_string_equal(json_string_value(json_object_get(b, "finding")),
			    "disagrees: Go's edge is smaller than published");
	const json_t *c = measure(r, "cpu"); /* geometric mean of four 2x kernels */
	assert_true(fabs(num(c, "rust_advantage") - 2) < 1e-9);
	assert_string_equal(json_string_value(json_object_get(c, "finding")),
			    "disagrees: Rust's edge is larger than published");
	const json_t *h = measure(r, "http-json-peak"); /* higher is better: 1200 / 1000 */
	assert_true(fabs(num(h, "rust_advantage") - 1.2) < 1e-9);
	assert_string_equal(json_string_value(json_object_get(h, "finding")),
			    "agrees with the published figure (the load generator was the limit: a "
			    "floor)");
	assert_true(json_is_true(json_object_get(h, "generator_bound")));
	assert_false(json_is_true(json_object_get(c, "generator_bound")));
	assert_null(measure(r, "gc-tail-p999")); /* not measured: not reported */
	json_decref(r);
	kb_free(kb);
}

static void history_round_trip(void **state)
{
	(void)state;
	char dir[] = "/tmp/verdict-test-history-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/deep/er/lab.sqlite", dir);
	struct err e = {0};
	struct history *h = history_open(path, &e);
	assert_non_null(h);
	struct kb *kb = test_kb();
	json_t *r = json_pack("{s:s, s:b, s:{s:s, s:i}, s:{s:{s:s}, s:{s:s}}, s:o}", "started",
			      "2026-11-23T10:00:00Z", "quick", 1, "machine", "host", "box", "cores",
			      2, "toolchains", "go", "version", "go1.26.8", "rustc", "version",
			      "rustc 1.95.0", "workloads", sample_results());
	lab_measures(r, kb);
	assert_int_equal(history_add(h, r, &e), 1);
	assert_int_equal(history_add(h, r, &e), 2);
	history_close(h);
	h = history_open(path, &e); /* reopened: the rows persisted */
	json_t *list = history_list(h, &e);
	assert_int_equal(json_array_size(list), 2);
	const json_t *first = json_array_get(list, 0);
	assert_string_equal(json_string_value(json_object_get(first, "go")), "go1.26.8");
	assert_true(json_is_true(json_object_get(first, "quick")));
	assert_true(
	    fabs(json_number_value(json_object_get(json_object_get(first, "measures"), "cpu")) -
		 2) < 1e-9);
	json_decref(list);
	json_decref(r);
	history_close(h);
	kb_free(kb);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(proc_captures_output_and_status),
	    cmocka_unit_test(proc_rss_of_a_short_program_is_never_zero),
	    cmocka_unit_test(proc_rss_source_is_labelled),
	    cmocka_unit_test(proc_rss_is_the_programs_own),
	    cmocka_unit_test(proc_timeout_kills_the_group),
	    cmocka_unit_test(proc_reports_a_missing_program),
	    cmocka_unit_test(proc_start_read_line_and_stop),
	    cmocka_unit_test(machine_texts_that_are_not_utf8_are_repaired),
	    cmocka_unit_test(only_lists),
	    cmocka_unit_test(go_versions),
	    cmocka_unit_test(measures_from_workloads),
	    cmocka_unit_test(history_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
