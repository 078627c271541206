/*
 * lab — one run of `verdict lab` (see lab.h): the machine and toolchains are recorded, the
 * workloads unpacked into a fresh directory, built, checked and measured in turn, and the
 * directory removed again whatever happens. Workloads are interleaved by language inside each
 * step (go, rust, go, rust, ...) so that a slow spell of this noisy machine hits both alike.
 */
#define _GNU_SOURCE
#include "lab/lab.h"

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "embedded.h"
#include "path.h"
#include "utf8.h"
#include "lab/run.h"
#include "lab/workdir.h"

const char *lab_workload_name(enum lab_workload w)
{
	static const char *const names[LAB_WORKLOADS] = {"build",     "cpu",	 "http-plaintext",
							 "http-json", "gc-tail", "footprint"};
	return (unsigned)w < LAB_WORKLOADS ? names[w] : "?";
}

const char *lab_impl_name(enum lab_impl i)
{
	static const char *const names[IMPL_COUNT] = {"go", "rust", "c", "nginx"};
	return (unsigned)i < IMPL_COUNT ? names[i] : "?";
}

int lab_parse_only(const char *list, unsigned *mask, struct err *e)
{
	*mask = 0;
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (n == 0)
			return err_input(e, NULL, 0, "--only '%s' has an empty workload name",
					 list);
		int found = -1;
		for (int w = 0; w < LAB_WORKLOADS; w++)
			if (strlen(lab_workload_name((enum lab_workload)w)) == n &&
			    strncmp(p, lab_workload_name((enum lab_workload)w), n) == 0)
				found = w;
		if (found < 0)
			return err_input(e, NULL, 0,
					 "unknown workload '%.*s' in --only (expected build, cpu, "
					 "http-plaintext, http-json, gc-tail, footprint)",
					 (int)n, p);
		*mask |= 1u << found;
		p += n;
		if (*p == ',')
			p++;
	}
	if (!*mask)
		return err_input(e, NULL, 0, "--only needs at least one workload");
	return 0;
}

/* --- progress --------------------------------------------------------------------------------- */

void lab_step(struct lab_run *run, const char *fmt, ...)
{
	char what[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (run->steps_done < run->steps_total)
		run->steps_done++;
	int elapsed = (int)(proc_now() - run->started);
	if (run->o->log)
		fprintf(run->o->log, "lab: [%d/%d %dm%02ds] %s\n", run->steps_done,
			run->steps_total, elapsed / 60, elapsed % 60, what);
	if (run->o->progress) {
		const int width = 24;
		int filled = run->steps_total ? width * run->steps_done / run->steps_total : 0;
		char bar[32];
		for (int i = 0; i < width; i++)
			bar[i] = i < filled ? '#' : '.';
		bar[width] = '\0';
		fprintf(run->o->progress, "\r\033[K[%s] %3d%% %dm%02ds  %.60s", bar,
			run->steps_total ? 100 * run->steps_done / run->steps_total : 0,
			elapsed / 60, elapsed % 60, what);
		fflush(run->o->progress);
	}
}

void lab_skip(struct lab_run *run, enum lab_workload w, enum lab_impl impl, const char *why)
{
	json_t *s = json_object();
	json_object_set_new(s, "workload", json_string(lab_workload_name(w)));
	json_object_set_new(s, "implementation", json_string(lab_impl_name(impl)));
	json_object_set_new(s, "reason", utf8_json_string(why)); /* may quote a program's output */
	json_array_append_new(run->skipped, s);
	if (run->o->log)
		fprintf(run->o->log, "lab: skipped %s/%s: %s\n", lab_workload_name(w),
			lab_impl_name(impl), why);
}

int lab_check_stop(const struct lab_run *run, struct err *e)
{
	if (*run->stop || proc_stopping)
		return err_internal(e, "interrupted");
	return 0;
}

/* --- statistics ------------------------------------------------------------------------------- */

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double lab_median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

json_t *lab_stat(const double *v, size_t n)
{
	json_t *runs = json_array();
	double sorted[64];
	size_t k = n < 64 ? n : 64;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(runs, json_real(v[i]));
	memcpy(sorted, v, k * sizeof *v);
	double med = lab_median(sorted, k);
	return json_pack("{s:f, s:f, s:f, s:o}", "median", med, "min", k ? sorted[0] : 0, "max",
			 k ? sorted[k - 1] : 0, "runs", runs);
}

/* --- the run's directory ---------------------------------------------------------------------- */

/* Picks the base directory: o->workdir, $XDG_CACHE_HOME/verdict/lab or ~/.cache/verdict/lab. */
static int base_dir(const struct lab_options *o, char *out, size_t size, struct err *e)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	if (o->workdir)
		snprintf(out, size, "%s", o->workdir);
	else if (xdg && *xdg)
		snprintf(out, size, "%s/verdict/lab", xdg);
	else if (home && *home)
		snprintf(out, size, "%s/.cache/verdict/lab", home);
	else
		return err_input(e, NULL, 0, "no HOME: give the lab a directory with --workdir");
	return path_mkdirs(out, e);
}

/* Removes the run directories under base left by labs that were killed (SIGKILL gives a lab no
 * chance to clean up), and says so on the log. */
static void sweep(const struct lab_options *o, const char *base)
{
	struct workdir_swept swept;
	workdir_sweep(base, time(NULL), WORKDIR_STALE_S, &swept);
	FILE *out = o->log ? o->log : o->progress;
	if (swept.dirs && out)
		fprintf(out,
			"lab: removed %d run director%s left in %s by labs that did not finish "
			"(%.0f MB)\n",
			swept.dirs, swept.dirs == 1 ? "y" : "ies", base,
			(double)swept.bytes / 1048576);
}

/* Writes the embedded workload sources below run->src. */
static int unpack(struct lab_run *run, struct err *e)
{
	for (size_t i = 0; i < lab_embedded_count; i++) {
		const struct embedded_file *f = &lab_embedded_files[i];
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/%s", run->src, f->name);
		if (path_mkdir_parents(path, e) != 0) {
			e->kind = ERR_INTERNAL; /* inside the run's own new directory */
			return -1;
		}
		FILE *out = fopen(path, "wb");
		if (!out || fwrite(f->data, 1, f->len, out) != f->len) {
			if (out)
				fclose(out);
			return err_internal(e, "cannot write %s: %s", path, strerror(errno));
		}
		if (fclose(out) != 0)
			return err_internal(e, "cannot write %s: %s", path, strerror(errno));
	}
	return 0;
}

/* --- what the results record about the machine ---------------------------------------------- */

static void utc_now(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Picks the cores: the server on the first this process may use, the load generator on the
 * second; with one core nothing is pinned (and the results say so). */
static void pick_cores(struct lab_run *run)
{
	cpu_set_t set;
	run->server_cpu = run->load_cpu = PROC_ANY_CPU;
	if (sched_getaffinity(0, sizeof set, &set) != 0 || CPU_COUNT(&set) < 2)
		return;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, &set))
			continue;
		if (run->server_cpu < 0)
			run->server_cpu = c;
		else if (run->load_cpu < 0)
			run->load_cpu = c;
	}
}

static bool wanted(const struct lab_options *o, enum lab_workload w)
{
	return !o->only || (o->only & (1u << w));
}

int lab_run(const struct lab_options *o, const struct kb *kb, volatile sig_atomic_t *stop,
	    json_t **results, struct err *e)
{
	*results = NULL;
	struct lab_run *run = calloc(1, sizeof *run);
	if (!run)
		return err_internal(e, "out of memory");
	run->o = o;
	run->stop = stop;
	run->started = proc_now();
	run->repeats = o->repeats > 0 ? o->repeats : o->quick ? 3 : 5;
	machine_read(&run->machine);
	toolchains_detect(run->tools);
	pick_cores(run);

	char base[PATH_MAX - 64], started[32];
	struct workdir wd = {.path = "", .lock_fd = -1};
	int rc = base_dir(o, base, sizeof base, e);
	if (rc == 0) {
		sweep(o, base);
		rc = workdir_create(base, &wd, e);
		snprintf(run->dir, sizeof run->dir, "%s", wd.path);
	}
	utc_now(started, sizeof started);
	json_t *r = json_object();
	run->workloads = json_object();
	run->skipped = json_array();
	json_object_set_new(r, "results_version", json_integer(LAB_RESULTS_VERSION));
	json_object_set_new(r, "started", json_string(started));
	json_object_set_new(r, "quick", json_boolean(o->quick));
	json_object_set_new(r, "repeats", json_integer(run->repeats));
	json_object_set_new(r, "machine", machine_json(&run->machine));
	json_object_set_new(r, "toolchains", toolchains_json(run->tools));
	json_object_set_new(
	    r, "pinning",
	    run->server_cpu >= 0
		? json_pack("{s:i, s:i}", "server_cpu", run->server_cpu, "load_cpu", run->load_cpu)
		: json_null());
	json_object_set_new(r, "workloads", run->workloads);
	json_object_set_new(r, "skipped", run->skipped);

	if (rc == 0) {
		snprintf(run->src, sizeof run->src, "%s/src", run->dir);
		rc = unpack(run, e);
	}
	for (int w = 0; w < LAB_WORKLOADS; w++)
		if (w == LAB_BUILD || wanted(o, (enum lab_workload)w))
			run->steps_total += wl_steps(run, (enum lab_workload)w);
	if (rc == 0)
		rc = wl_build(run, e); /* always: every other workload needs the programs */
	if (rc == 0 && !wanted(o, LAB_BUILD))
		json_object_del(run->workloads, "build");
	if (rc == 0 && wanted(o, LAB_CPU))
		rc = wl_cpu(run, e);
	if (rc == 0 && wanted(o, LAB_HTTP_PLAINTEXT))
		rc = wl_http(run, LAB_HTTP_PLAINTEXT, e);
	if (rc == 0 && wanted(o, LAB_HTTP_JSON))
		rc = wl_http(run, LAB_HTTP_JSON, e);
	if (rc == 0 && wanted(o, LAB_GC_TAIL))
		rc = wl_gc_tail(run, e);
	if (rc == 0 && wanted(o, LAB_FOOTPRINT))
		rc = wl_footprint(run, e);
	if (o->progress) {
		fprintf(o->progress, "\r\033[K");
		fflush(o->progress);
	}
	workdir_remove(&wd);
	if (rc == 0) {
		char finished[32];
		utc_now(finished, sizeof finished);
		json_object_set_new(r, "finished", json_string(finished));
		json_object_set_new(r, "duration_s", json_real(proc_now() - run->started));
		lab_measures(r, kb);
		*results = r;
	} else {
		json_decref(r);
	}
	free(run);
	return rc;
}
