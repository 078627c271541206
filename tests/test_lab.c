/*
 * test_lab — the lab runner's parts that need no toolchain: child processes (output, exit
 * codes, timeouts that kill the whole group, peak RSS and where it came from), the machine as
 * results record it, the workload list, Go version parsing, turning workloads into measures,
 * the SQLite history (read-only listing, a damaged database set aside) and run directories
 * (owned through a lock, swept once their lab is gone). Nothing here depends on timing: a
 * process is never assumed to live long enough to be observed.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include "testutil.h"

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab/history.h"
#include "lab/lab.h"
#include "lab/machine.h"
#include "lab/proc.h"
#include "lab/workdir.h"
#include "path.h"

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

/* A results document like a run's (with `pad` bytes of padding to spread it over pages). */
static json_t *sample_run(const struct kb *kb, size_t pad)
{
	json_t *r = json_pack("{s:s, s:b, s:{s:s, s:i}, s:{s:{s:s}, s:{s:s}}, s:o}", "started",
			      "2026-11-23T10:00:00Z", "quick", 1, "machine", "host", "box", "cores",
			      2, "toolchains", "go", "version", "go1.26.8", "rustc", "version",
			      "rustc 1.95.0", "workloads", sample_results());
	lab_measures(r, kb);
	if (pad) {
		char *p = malloc(pad + 1);
		assert_non_null(p);
		memset(p, 'x', pad);
		p[pad] = '\0';
		json_object_set_new(r, "padding", json_string(p));
		free(p);
	}
	return r;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		chmod(path, 0700); /* a test made it read-only */
	return remove(path) == 0 ? 0 : -1;
}

/* rm -rf dir, without a shell */
static void remove_tree(const char *dir)
{
	assert_int_equal(nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

/* Makes a fresh directory from the template dir, and in it path = DIR/lab.sqlite holding `runs`
 * sample runs with `pad` bytes of padding each. */
static void history_fixture(char *dir, char *path, size_t size, int runs, size_t pad)
{
	assert_non_null(mkdtemp(dir));
	snprintf(path, size, "%s/lab.sqlite", dir);
	struct err e = {0};
	struct history *h = history_open(path, HISTORY_APPEND, &e);
	assert_non_null(h);
	struct kb *kb = test_kb();
	json_t *r = sample_run(kb, pad);
	for (int i = 0; i < runs; i++)
		assert_int_equal(history_add(h, r, &e), i + 1);
	history_close(h);
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
	struct history *h = history_open(path, HISTORY_APPEND, &e);
	assert_non_null(h);
	assert_string_equal(history_notice(h), "");
	struct kb *kb = test_kb();
	json_t *r = sample_run(kb, 0);
	assert_int_equal(history_add(h, r, &e), 1);
	assert_int_equal(history_add(h, r, &e), 2);
	history_close(h);
	h = history_open(path, HISTORY_READ, &e); /* reopened: the rows persisted */
	json_t *list = history_list(h, &e);
	assert_int_equal(json_array_size(list), 2);
	const json_t *first = json_array_get(list, 0);
	assert_string_equal(json_string_value(json_object_get(first, "go")), "go1.26.8");
	assert_true(json_is_true(json_object_get(first, "quick")));
	assert_true(
	    fabs(json_number_value(json_object_get(json_object_get(first, "measures"), "cpu")) -
		 2) < 1e-9);
	assert_int_equal(history_add(h, r, &e), -1); /* opened to read: never written */
	json_decref(list);
	json_decref(r);
	history_close(h);
	kb_free(kb);
	remove_tree(dir);
}

/* Listing a history that does not exist lists nothing and creates nothing. */
static void history_listing_creates_nothing(void **state)
{
	(void)state;
	char dir[] = "/tmp/verdict-test-history-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/sub/lab.sqlite", dir);
	struct err e = {0};
	struct history *h = history_open(path, HISTORY_READ, &e);
	assert_non_null(h);
	json_t *list = history_list(h, &e);
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	history_close(h);
	snprintf(path, sizeof path, "%s/sub", dir);
	assert_int_equal(access(path, F_OK), -1); /* not even its directory */
	remove_tree(dir);
}

/* Regression (issue 10): `lab --history` wrote to the database (PRAGMA user_version), so a
 * history the user may only read could not be listed. Listed here by a process that cannot write
 * the file or its directory (as root, a child that becomes nobody: root ignores modes). */
static void history_lists_a_read_only_database(void **state)
{
	(void)state;
	char dir[] = "/tmp/verdict-test-history-XXXXXX", path[128];
	history_fixture(dir, path, sizeof path, 1, 0);
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(chmod(dir, 0555), 0);
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		if (access(path, W_OK) == 0)
			_exit(4); /* the test would prove nothing */
		struct err ce = {0};
		struct history *ro = history_open(path, HISTORY_READ, &ce);
		if (!ro) {
			fprintf(stderr, "history_open: %s\n", ce.msg);
			_exit(1);
		}
		json_t *list = history_list(ro, &ce);
		int ok = list && json_array_size(list) == 1;
		json_decref(list);
		history_close(ro);
		_exit(ok ? 0 : 2);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(stat(path, &after), 0);
	assert_true(before.st_mtime == after.st_mtime && before.st_size == after.st_size);
	assert_int_equal(chmod(dir, 0700), 0);
	remove_tree(dir);
}

/* Regression (issue 10): a history damaged mid-file took the next run's row without a word,
 * then every `lab --history` failed "database disk image is malformed". Appending now checks
 * first, and sets a damaged database aside (renamed, with a message naming --no-history); the
 * listing says it is damaged instead of failing obscurely. */
static void history_sets_a_damaged_database_aside(void **state)
{
	(void)state;
	char dir[] = "/tmp/verdict-test-history-XXXXXX", path[128];
	history_fixture(dir, path, sizeof path, 6, 20000); /* rows over several pages */
	/* overwrite a page in the middle of the file */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	long page = (long)(st.st_size / 4096 / 2);
	assert_true(page > 1);
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	char junk[4096];
	memset(junk, 0xff, sizeof junk);
	assert_int_equal(fseek(f, page * 4096, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	assert_int_equal(fclose(f), 0);

	struct err e = {0};
	struct history *h = history_open(path, HISTORY_READ, &e);
	assert_null(h);
	assert_non_null(strstr(e.msg, ": the history database is damaged ("));
	assert_non_null(strstr(e.msg, "the next `verdict lab` sets it aside"));

	h = history_open(path, HISTORY_APPEND, &e);
	assert_non_null(h);
	const char *notice = history_notice(h);
	assert_non_null(strstr(notice, "was damaged"));
	assert_non_null(strstr(notice, "--no-history"));
	char aside[256];
	const char *as = strstr(notice, "set aside as ");
	assert_non_null(as);
	snprintf(aside, sizeof aside, "%.*s", (int)strcspn(as + 13, " "), as + 13);
	assert_non_null(strstr(aside, "/lab.sqlite.corrupt-"));
	assert_int_equal(access(aside, F_OK), 0); /* kept, not deleted */
	struct kb *kb = test_kb();
	json_t *r = sample_run(kb, 0);
	assert_int_equal(history_add(h, r, &e), 1);
	history_close(h);
	h = history_open(path, HISTORY_READ, &e);
	assert_non_null(h);
	json_t *list = history_list(h, &e);
	assert_int_equal(json_array_size(list), 1);
	json_decref(list);
	history_close(h);
	json_decref(r);
	kb_free(kb);
	remove_tree(dir);
}

/* A file that is not a database at all is refused, not renamed: it may be the user's; and what is
 * not a file at all is refused before SQLite opens it. */
static void history_refuses_a_file_that_is_not_one(void **state)
{
	(void)state;
	char dir[] = "/tmp/verdict-test-history-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("my notes, not a database\n", f);
	assert_int_equal(fclose(f), 0);
	struct err e = {0};
	assert_null(history_open(path, HISTORY_APPEND, &e));
	assert_int_equal(e.kind, ERR_INPUT);
	char want[256];
	snprintf(want, sizeof want,
		 "%s: not a history database: file is not a database (name another with "
		 "--history-db, or record nothing with --no-history)",
		 path);
	assert_string_equal(e.msg, want);
	assert_int_equal(access(path, F_OK), 0);
	/* a FIFO blocked SQLite's open() forever; a directory was "disk I/O error" */
	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	for (int mode = HISTORY_READ; mode <= HISTORY_APPEND; mode++) {
		assert_null(history_open(path, (enum history_mode)mode, &e));
		snprintf(want, sizeof want,
			 "%s: not a regular file (a FIFO): the history is an SQLite file", path);
		assert_string_equal(e.msg, want);
	}
	assert_null(history_open(dir, HISTORY_APPEND, &e));
	snprintf(want, sizeof want,
		 "%s: not a regular file (a directory): the history is an SQLite file", dir);
	assert_string_equal(e.msg, want);
	remove_tree(dir);
}

/* Sets path's times to age_s seconds ago (a run directory's age is its mtime). */
static void date_back(const char *path, double age_s)
{
	struct timespec t[2] = {{.tv_sec = time(NULL) - (time_t)age_s}, {0}};
	t[1] = t[0];
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* mkdir path, with a file in it, and date it `age_s` seconds ago. */
static void old_dir(const char *path, double age_s)
{
	assert_int_equal(mkdir(path, 0700), 0);
	char file[512];
	snprintf(file, sizeof file, "%s/big.o", path);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	assert_int_equal(fputs("object code", f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	date_back(path, age_s);
}

static bool exists(const char *base, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", base, name);
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Regression (issue 10): a SIGKILLed lab left its run directory (180-215 MB) and no later run
 * removed it. A sweep removes the run directories older than a day that no live lab owns, and
 * nothing else: not a locked one, not a fresh one, not a symlink, not a name it did not make. */
static void workdir_sweep_removes_only_orphans(void **state)
{
	(void)state;
	char base[] = "/tmp/verdict-test-workdir-XXXXXX";
	assert_non_null(mkdtemp(base));
	char path[512];
	const double two_days = 2 * 24 * 3600.0;
	snprintf(path, sizeof path, "%s/run-Orph4n", base); /* killed: no lock held */
	old_dir(path, two_days);
	snprintf(path, sizeof path, "%s/run-L1ve00", base); /* a live lab holds its lock */
	old_dir(path, two_days);
	snprintf(path, sizeof path, "%s/run-L1ve00/lock", base);
	int held = open(path, O_RDWR | O_CREAT, 0600);
	assert_true(held >= 0);
	assert_int_equal(flock(held, LOCK_EX), 0);
	snprintf(path, sizeof path, "%s/run-L1ve00", base);
	date_back(path, two_days); /* making the lock file dated it today */
	snprintf(path, sizeof path, "%s/run-Fresh0", base); /* an hour old */
	old_dir(path, 3600);
	snprintf(path, sizeof path, "%s/notarun", base); /* not a name the lab makes */
	old_dir(path, two_days);
	snprintf(path, sizeof path, "%s/target", base); /* a symlink's target, old */
	old_dir(path, two_days);
	char link[512];
	snprintf(link, sizeof link, "%s/run-Link00", base);
	assert_int_equal(symlink(path, link), 0);

	struct workdir_swept swept;
	workdir_sweep(base, time(NULL), WORKDIR_STALE_S, &swept);
	assert_int_equal(swept.dirs, 1);
	assert_int_equal(swept.bytes, (long long)strlen("object code"));
	assert_false(exists(base, "run-Orph4n"));
	assert_true(exists(base, "run-L1ve00/big.o"));
	assert_true(exists(base, "run-Fresh0/big.o"));
	assert_true(exists(base, "notarun/big.o"));
	assert_true(exists(base, "run-Link00"));
	assert_true(exists(base, "target/big.o"));

	close(held); /* its lab ended: the next sweep takes it */
	workdir_sweep(base, time(NULL), WORKDIR_STALE_S, &swept);
	assert_int_equal(swept.dirs, 1);
	assert_false(exists(base, "run-L1ve00"));
	remove_tree(base);
}

/* Several labs at once: one in another process owns its run directory (even once it is a day
 * old) until that process is killed with SIGKILL, which releases the lock; then a sweep takes it.
 */
static void workdir_of_a_live_lab_survives_until_it_is_killed(void **state)
{
	(void)state;
	char base[] = "/tmp/verdict-test-workdir-XXXXXX";
	assert_non_null(mkdtemp(base));
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct workdir w;
		struct err e = {0};
		close(ready[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlives a test that failed early */
		alarm(120);
		if (workdir_create(base, &w, &e) != 0)
			_exit(1);
		size_t n = strlen(w.path) + 1;
		if (write(ready[1], w.path, n) != (ssize_t)n)
			_exit(1);
		for (;;)
			pause(); /* a lab at work, until SIGKILL */
	}
	close(ready[1]);
	char dir[PATH_MAX] = "";
	ssize_t got = read(ready[0], dir, sizeof dir - 1); /* returns once the lock is held */
	close(ready[0]);
	assert_true(got > 0);
	date_back(dir, 3 * 24 * 3600.0);
	struct workdir_swept swept;
	workdir_sweep(base, time(NULL), WORKDIR_STALE_S, &swept);
	assert_int_equal(swept.dirs, 0);
	assert_int_equal(access(dir, F_OK), 0);
	kill(pid, SIGKILL);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	workdir_sweep(base, time(NULL), WORKDIR_STALE_S, &swept);
	assert_int_equal(swept.dirs, 1);
	assert_int_equal(access(dir, F_OK), -1);
	remove_tree(base);
}

/* A lab's own directory: locked while it runs, removed with everything in it at the end. */
static void workdir_create_and_remove(void **state)
{
	(void)state;
	char base[] = "/tmp/verdict-test-workdir-XXXXXX";
	assert_non_null(mkdtemp(base));
	struct workdir w;
	struct err e = {0};
	assert_int_equal(workdir_create(base, &w, &e), 0);
	assert_true(w.lock_fd >= 0);
	char sub[PATH_MAX + 16];
	snprintf(sub, sizeof sub, "%s/src/go", w.path);
	assert_int_equal(path_mkdirs(sub, &e), 0);
	snprintf(sub, sizeof sub, "%s/src", w.path);
	assert_int_equal(chmod(sub, 0500), 0); /* read-only, as a module cache is */
	struct workdir_swept swept;
	workdir_sweep(base, time(NULL), 0, &swept); /* even "stale at once": it is owned */
	assert_int_equal(swept.dirs, 0);
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s", w.path);
	workdir_remove(&w);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(w.lock_fd, -1);
	workdir_remove(&w); /* twice is harmless */
	snprintf(path, sizeof path, "%s/missing", base);
	assert_int_equal(workdir_create(path, &w, &e), -1);
	assert_non_null(strstr(e.msg, "cannot create a directory in "));
	remove_tree(base);
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
	    cmocka_unit_test(history_listing_creates_nothing),
	    cmocka_unit_test(history_lists_a_read_only_database),
	    cmocka_unit_test(history_sets_a_damaged_database_aside),
	    cmocka_unit_test(history_refuses_a_file_that_is_not_one),
	    cmocka_unit_test(workdir_sweep_removes_only_orphans),
	    cmocka_unit_test(workdir_of_a_live_lab_survives_until_it_is_killed),
	    cmocka_unit_test(workdir_create_and_remove),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
