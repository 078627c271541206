/*
 * wl_build — builds the workloads and times it. A clean build starts from an empty build cache
 * (Go: a fresh GOCACHE, so the standard library compiles too; Rust: a fresh target directory, so
 * every crate compiles; dependencies are fetched beforehand and not timed), in release mode as a
 * CI would ship it. An incremental build edits one source file (the server's) and rebuilds; an
 * own-code build edits both programs' files, so all our code compiles with the dependencies
 * cached (what a CI with a dependency cache pays). The
 * last build's programs are the ones every other workload runs.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lab/buildtime.h"
#include "lab/run.h"

static int clean_repeats(const struct lab_run *run)
{
	return run->o->quick ? 1 : 3;
}

static int incremental_repeats(const struct lab_run *run)
{
	return run->o->quick ? 2 : 5;
}

int wl_steps(const struct lab_run *run, enum lab_workload w)
{
	int r = run->repeats;
	switch (w) {
	case LAB_BUILD:
		return 2 + 2 * (clean_repeats(run) + 2 * incremental_repeats(run));
	case LAB_CPU:
		return 4 * (1 + r);
	case LAB_HTTP_PLAINTEXT:
	case LAB_HTTP_JSON:
		return 1 + 3 * r + 2 * r * (run->o->quick ? 1 : 2);
	case LAB_GC_TAIL:
		return 4;
	case LAB_FOOTPRINT:
		return 2 * r;
	default:
		return 0;
	}
}

/* Runs recipe r for impl's part of the build: 0 when it built, 1 when it failed (the skip is
 * recorded with the tool's last words), -1 when the lab must stop. */
static int build_once(struct lab_run *run, enum lab_impl impl, const struct build_recipe *r,
		      double *elapsed, double *cpu, struct err *e)
{
	char why[1024];
	int rc = buildtime_run(r, elapsed, cpu, why, sizeof why, e);
	if (rc == 1)
		lab_skip(run, LAB_BUILD, impl, why);
	return rc;
}

static long file_bytes(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The build of impl (go or rust) for the clean_n-th clean build, and the files it edits. */
struct recipe {
	struct build_recipe b;
	char edit_file[2][PATH_MAX]; /* the server's source, then the kernels' */
};

static void recipe(struct lab_run *run, enum lab_impl impl, int clean_n, struct recipe *rc)
{
	char dir[PATH_MAX], cache[PATH_MAX], tmp[PATH_MAX], out[PATH_MAX];
	const char *lang = impl == IMPL_GO ? "go" : "rust";
	snprintf(dir, sizeof dir, "%s/%s", run->src, lang);
	if (impl == IMPL_GO) {
		snprintf(rc->edit_file[0], sizeof rc->edit_file[0], "%s/go/cmd/server/main.go",
			 run->src);
		snprintf(rc->edit_file[1], sizeof rc->edit_file[1], "%s/go/cmd/cpu/main.go",
			 run->src);
		snprintf(cache, sizeof cache, "%s/gocache-%d", run->dir, clean_n);
		snprintf(tmp, sizeof tmp, "%s/gotmp", run->dir);
		snprintf(out, sizeof out, "%s/bin/go/", run->dir);
		buildtime_go(&rc->b, run->tools[TOOL_GO].path, dir, "./cmd/...", cache, tmp, out);
	} else {
		snprintf(rc->edit_file[0], sizeof rc->edit_file[0], "%s/rust/src/bin/server.rs",
			 run->src);
		snprintf(rc->edit_file[1], sizeof rc->edit_file[1], "%s/rust/src/bin/cpu.rs",
			 run->src);
		snprintf(out, sizeof out, "%s/target-%d", run->dir, clean_n);
		buildtime_rust(&rc->b, run->tools[TOOL_CARGO].path, dir, out, true);
	}
}

/* Fetches the Rust dependencies (the network part, not timed). 0 ok, 1 skipped, -1 stop. */
static int fetch(struct lab_run *run, struct err *e)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/rust", run->src);
	struct build_recipe r;
	buildtime_rust_fetch(&r, run->tools[TOOL_CARGO].path, dir, true);
	return build_once(run, IMPL_RUST, &r, NULL, NULL, e);
}

static int build_c(struct lab_run *run, struct err *e)
{
	char src[PATH_MAX], out[PATH_MAX], dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/bin/c", run->dir);
	snprintf(src, sizeof src, "%s/c/cpu.c", run->src);
	snprintf(out, sizeof out, "%s/cpu", dir);
	mkdir(dir, 0755);
	struct build_recipe r = {.argv = {run->tools[TOOL_CC].path, "-O2", "-o", out, src, "-lm"},
				 .command = "cc -O2"};
	snprintf(r.dir, sizeof r.dir, "%s", run->dir);
	int rc = build_once(run, IMPL_C, &r, NULL, NULL, e);
	if (rc == 0) {
		snprintf(run->bin[IMPL_C][1], sizeof run->bin[IMPL_C][1], "%s", out);
		run->have[IMPL_C] = true;
	}
	return rc < 0 ? -1 : 0;
}

int wl_build(struct lab_run *run, struct err *e)
{
	static const enum tool needs[2] = {TOOL_GO, TOOL_CARGO};
	bool ok[2] = {false, false};
	for (int i = 0; i < 2; i++) {
		ok[i] = run->tools[needs[i]].found && (i == 0 || run->tools[TOOL_RUSTC].found);
		if (!ok[i]) {
			char why[256];
			snprintf(why, sizeof why, "%s not found; install it with: %s",
				 tool_name(needs[i]), run->tools[needs[i]].install);
			for (int w = 0; w < LAB_WORKLOADS; w++)
				lab_skip(run, (enum lab_workload)w, (enum lab_impl)i, why);
		}
	}
	char bindir[PATH_MAX];
	snprintf(bindir, sizeof bindir, "%s/bin", run->dir);
	mkdir(bindir, 0755);
	snprintf(bindir, sizeof bindir, "%s/gotmp", run->dir);
	mkdir(bindir, 0755);
	lab_step(run, "build: fetching Rust crates");
	if (ok[IMPL_RUST]) {
		int rc = fetch(run, e);
		if (rc < 0)
			return -1;
		ok[IMPL_RUST] = rc == 0;
	}
	lab_step(run, "build: C baseline");
	if (run->tools[TOOL_CC].found && build_c(run, e) != 0)
		return -1;
	if (!run->tools[TOOL_CC].found)
		lab_skip(run, LAB_CPU, IMPL_C,
			 "cc not found; install it with: apt-get install gcc");

	/* clean: a fresh cache each time; incremental: the server's file edited; own code: both
	 * programs' files edited, so all of our code compiles again while the standard library and
	 * the crates stay cached */
	enum { CLEAN, INCREMENTAL, OWN_CODE, PHASES };
	static const char *const phase_name[PHASES] = {"clean", "incremental", "own-code"};
	int nc = clean_repeats(run), ni = incremental_repeats(run);
	double secs[PHASES][2][8], clean_cpu[2][8];
	struct recipe rc[2];
	for (int phase = CLEAN; phase < PHASES; phase++) {
		int n = phase == CLEAN ? nc : ni;
		for (int k = 0; k < n; k++)
			for (int i = 0; i < 2; i++) {
				lab_step(run, "build: %s %s build %d/%d", phase_name[phase],
					 lab_impl_name((enum lab_impl)i), k + 1, n);
				if (!ok[i])
					continue;
				if (phase == CLEAN)
					recipe(run, (enum lab_impl)i, k, &rc[i]);
				for (int f = 0; f < phase;
				     f++) /* INCREMENTAL: one file, OWN_CODE: two */
					if (buildtime_edit(rc[i].edit_file[f], phase * ni + k, e) !=
					    0)
						return -1;
				int r =
				    build_once(run, (enum lab_impl)i, &rc[i].b, &secs[phase][i][k],
					       phase == CLEAN ? &clean_cpu[i][k] : NULL, e);
				if (r < 0)
					return -1;
				ok[i] = r == 0;
			}
	}
	json_t *b = json_object();
	for (int i = 0; i < 2; i++) {
		if (!ok[i])
			continue;
		run->have[i] = true;
		for (int kind = 0; kind < 2; kind++)
			snprintf(run->bin[i][kind], sizeof run->bin[i][kind], "%s%s%s",
				 rc[i].b.out_dir, i == IMPL_GO ? "" : "/",
				 kind == 0 ? "server" : "cpu");
		json_t *x = json_object();
		json_object_set_new(x, "clean_s", lab_stat(secs[CLEAN][i], (size_t)nc));
		json_object_set_new(x, "clean_cpu_s", lab_stat(clean_cpu[i], (size_t)nc));
		json_object_set_new(x, "incremental_s", lab_stat(secs[INCREMENTAL][i], (size_t)ni));
		json_object_set_new(x, "own_code_s", lab_stat(secs[OWN_CODE][i], (size_t)ni));
		json_object_set_new(x, "binary_bytes", json_integer(file_bytes(run->bin[i][0])));
		json_object_set_new(x, "command", json_string(rc[i].b.command));
		json_object_set_new(b, lab_impl_name((enum lab_impl)i), x);
	}
	json_object_set_new(run->workloads, "build", b);
	return lab_check_stop(run, e);
}
