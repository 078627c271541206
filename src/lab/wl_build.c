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

#include "lab/run.h"

#define BUILD_TIMEOUT_S 1200

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

/* Runs argv in dir with env, for a build: every core, a generous timeout. On failure records the
 * skip (with the tool's last words) and returns 1; 0 when it built; -1 when the lab must stop. */
static int build_once(struct lab_run *run, enum lab_impl impl, char *const *argv, const char *dir,
		      char *const *env, double *elapsed, double *cpu, struct err *e)
{
	struct proc_spec spec = {.argv = argv,
				 .cwd = dir,
				 .env = env,
				 .cpu = PROC_ANY_CPU,
				 .timeout_s = BUILD_TIMEOUT_S};
	struct proc_result r;
	if (proc_run(&spec, &r, e) != 0)
		return -1;
	int ok = r.exit_code == 0 && !r.timed_out;
	if (!ok) {
		char why[1024];
		const char *tail = r.err_tail;
		size_t len = strlen(tail);
		if (len > 600)
			tail += len - 600;
		snprintf(why, sizeof why, "%s %s failed (exit %d%s): %s", argv[0], argv[1],
			 r.exit_code, r.timed_out ? ", timed out" : "", tail);
		lab_skip(run, LAB_BUILD, impl, why);
	}
	if (elapsed)
		*elapsed = r.elapsed_s;
	if (cpu)
		*cpu = r.cpu_s;
	proc_result_free(&r);
	return ok ? 0 : 1;
}

/* Appends a comment to file: a one-line edit that changes its content (Go's cache is keyed by
 * content, Cargo's by modification time; both see this as a change). */
static int edit(const char *file, int n, struct err *e)
{
	FILE *f = fopen(file, "a");
	if (!f || fprintf(f, "\n// edit %d\n", n) < 0 || fclose(f) != 0)
		return err_internal(e, "cannot edit %s", file);
	return 0;
}

static long file_bytes(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The build commands of impl (go or rust) for the cache directory `cache`. */
struct recipe {
	char *argv[12];
	char *env[6];
	char dir[PATH_MAX];
	char edit_file[2][PATH_MAX]; /* the server's source, then the kernels' */
	char env_buf[2][PATH_MAX + 32];
	char out_dir[PATH_MAX];
	const char *command; /* what the results say was timed */
};

static void recipe(struct lab_run *run, enum lab_impl impl, int clean_n, struct recipe *rc)
{
	memset(rc, 0, sizeof *rc);
	if (impl == IMPL_GO) {
		snprintf(rc->dir, sizeof rc->dir, "%s/go", run->src);
		snprintf(rc->edit_file[0], sizeof rc->edit_file[0], "%s/go/cmd/server/main.go",
			 run->src);
		snprintf(rc->edit_file[1], sizeof rc->edit_file[1], "%s/go/cmd/cpu/main.go",
			 run->src);
		snprintf(rc->out_dir, sizeof rc->out_dir, "%s/bin/go/", run->dir);
		snprintf(rc->env_buf[0], sizeof rc->env_buf[0], "GOCACHE=%s/gocache-%d", run->dir,
			 clean_n);
		rc->env[0] = rc->env_buf[0];
		rc->env[1] = "GOTOOLCHAIN=local";
		rc->env[2] = "GOFLAGS=-buildvcs=false";
		rc->env[3] = "GOWORK=off";
		/* go's own scratch directory inside the run's, so a killed build leaves none */
		snprintf(rc->env_buf[1], sizeof rc->env_buf[1], "GOTMPDIR=%s/gotmp", run->dir);
		rc->env[4] = rc->env_buf[1];
		rc->command = "go build -trimpath ./cmd/... (a fresh GOCACHE for each clean build)";
		char *argv[] = {run->tools[TOOL_GO].path,
				"build",
				"-trimpath",
				"-o",
				rc->out_dir,
				"./cmd/...",
				NULL};
		memcpy(rc->argv, argv, sizeof argv);
	} else {
		snprintf(rc->dir, sizeof rc->dir, "%s/rust", run->src);
		snprintf(rc->edit_file[0], sizeof rc->edit_file[0], "%s/rust/src/bin/server.rs",
			 run->src);
		snprintf(rc->edit_file[1], sizeof rc->edit_file[1], "%s/rust/src/bin/cpu.rs",
			 run->src);
		snprintf(rc->out_dir, sizeof rc->out_dir, "%s/target-%d/release", run->dir,
			 clean_n);
		snprintf(rc->env_buf[0], sizeof rc->env_buf[0], "CARGO_TARGET_DIR=%s/target-%d",
			 run->dir, clean_n);
		rc->env[0] = rc->env_buf[0];
		rc->env[1] = "CARGO_TERM_COLOR=never";
		rc->env[2] = "CARGO_INCREMENTAL=0"; /* release builds: Cargo's default */
		rc->command = "cargo build --release --locked (a fresh target directory for each "
			      "clean build)";
		char *argv[] = {run->tools[TOOL_CARGO].path,
				"build",
				"--release",
				"--locked",
				"--offline",
				"--quiet",
				NULL};
		memcpy(rc->argv, argv, sizeof argv);
	}
}

/* Fetches the Rust dependencies (the network part, not timed). 0 ok, 1 skipped, -1 stop. */
static int fetch(struct lab_run *run, struct err *e)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/rust", run->src);
	char *argv[] = {run->tools[TOOL_CARGO].path, "fetch", "--locked", "--quiet", NULL};
	return build_once(run, IMPL_RUST, argv, dir, (char *[]){"CARGO_TERM_COLOR=never", NULL},
			  NULL, NULL, e);
}

static int build_c(struct lab_run *run, struct err *e)
{
	char src[PATH_MAX], out[PATH_MAX], dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s/bin/c", run->dir);
	snprintf(src, sizeof src, "%s/c/cpu.c", run->src);
	snprintf(out, sizeof out, "%s/cpu", dir);
	mkdir(dir, 0755);
	char *argv[] = {run->tools[TOOL_CC].path, "-O2", "-o", out, src, "-lm", NULL};
	int rc = build_once(run, IMPL_C, argv, run->dir, NULL, NULL, NULL, e);
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
					if (edit(rc[i].edit_file[f], phase * ni + k, e) != 0)
						return -1;
				int r = build_once(run, (enum lab_impl)i, rc[i].argv, rc[i].dir,
						   rc[i].env, &secs[phase][i][k],
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
				 rc[i].out_dir, i == IMPL_GO ? "" : "/",
				 kind == 0 ? "server" : "cpu");
		json_t *x = json_object();
		json_object_set_new(x, "clean_s", lab_stat(secs[CLEAN][i], (size_t)nc));
		json_object_set_new(x, "clean_cpu_s", lab_stat(clean_cpu[i], (size_t)nc));
		json_object_set_new(x, "incremental_s", lab_stat(secs[INCREMENTAL][i], (size_t)ni));
		json_object_set_new(x, "own_code_s", lab_stat(secs[OWN_CODE][i], (size_t)ni));
		json_object_set_new(x, "binary_bytes", json_integer(file_bytes(run->bin[i][0])));
		json_object_set_new(x, "command", json_string(rc[i].command));
		json_object_set_new(b, lab_impl_name((enum lab_impl)i), x);
	}
	json_object_set_new(run->workloads, "build", b);
	return lab_check_stop(run, e);
}
