/*
 * buildtime — timing Go and Rust builds (see buildtime.h). The commands and environments the lab
 * has always used, in one place, so `verdict scan --build` measures a repository exactly as the
 * lab measures its workloads.
 */
#include "lab/buildtime.h"

#include <stdio.h>
#include <string.h>

#include "lab/proc.h"

void buildtime_go(struct build_recipe *r, const char *go, const char *dir, const char *pkgs,
		  const char *cache, const char *tmp, const char *out_dir)
{
	memset(r, 0, sizeof *r);
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	snprintf(r->out_dir, sizeof r->out_dir, "%s", out_dir);
	snprintf(r->pkgs, sizeof r->pkgs, "%s", pkgs);
	snprintf(r->env_buf[0], sizeof r->env_buf[0], "GOCACHE=%s", cache);
	/* go's own scratch directory inside the caller's, so a killed build leaves none */
	snprintf(r->env_buf[1], sizeof r->env_buf[1], "GOTMPDIR=%s", tmp);
	r->env[0] = r->env_buf[0];
	r->env[1] = "GOTOOLCHAIN=local";
	r->env[2] = "GOFLAGS=-buildvcs=false";
	r->env[3] = "GOWORK=off";
	r->env[4] = r->env_buf[1];
	snprintf(r->command_buf, sizeof r->command_buf,
		 "go build -trimpath %s (a fresh GOCACHE for each clean build)", pkgs);
	r->command = r->command_buf;
	char *argv[] = {(char *)go, "build", "-trimpath", "-o", r->out_dir, r->pkgs, NULL};
	memcpy(r->argv, argv, sizeof argv);
}

void buildtime_rust(struct build_recipe *r, const char *cargo, const char *dir, const char *target,
		    bool locked)
{
	memset(r, 0, sizeof *r);
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	snprintf(r->out_dir, sizeof r->out_dir, "%s/release", target);
	snprintf(r->env_buf[0], sizeof r->env_buf[0], "CARGO_TARGET_DIR=%s", target);
	r->env[0] = r->env_buf[0];
	r->env[1] = "CARGO_TERM_COLOR=never";
	r->env[2] = "CARGO_INCREMENTAL=0"; /* release builds: Cargo's default */
	r->command = locked ? "cargo build --release --locked (a fresh target directory for each "
			      "clean build)"
			    : "cargo build --release (a fresh target directory for each clean "
			      "build)";
	size_t n = 0;
	r->argv[n++] = (char *)cargo;
	r->argv[n++] = "build";
	r->argv[n++] = "--release";
	if (locked)
		r->argv[n++] = "--locked";
	r->argv[n++] = "--offline";
	r->argv[n++] = "--quiet";
	r->argv[n] = NULL;
}

void buildtime_go_fetch(struct build_recipe *r, const char *go, const char *dir, const char *cache,
			const char *tmp)
{
	buildtime_go(r, go, dir, "", cache, tmp, "");
	r->command = "go mod download";
	char *argv[] = {(char *)go, "mod", "download", NULL};
	memset(r->argv, 0, sizeof r->argv);
	memcpy(r->argv, argv, sizeof argv);
}

void buildtime_rust_fetch(struct build_recipe *r, const char *cargo, const char *dir, bool locked)
{
	memset(r, 0, sizeof *r);
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	r->env[0] = "CARGO_TERM_COLOR=never";
	r->command = "cargo fetch";
	size_t n = 0;
	r->argv[n++] = (char *)cargo;
	r->argv[n++] = "fetch";
	if (locked)
		r->argv[n++] = "--locked";
	r->argv[n++] = "--quiet";
	r->argv[n] = NULL;
}

int buildtime_edit(const char *file, int n, struct err *e)
{
	FILE *f = fopen(file, "a");
	if (!f || fprintf(f, "\n// edit %d\n", n) < 0 || fclose(f) != 0)
		return err_internal(e, "cannot edit %s", file);
	return 0;
}

int buildtime_run(const struct build_recipe *r, double *elapsed, double *cpu, char *why,
		  size_t why_size, struct err *e)
{
	struct proc_spec spec = {.argv = r->argv,
				 .cwd = r->dir,
				 .env = r->env,
				 .cpu = PROC_ANY_CPU,
				 .timeout_s = BUILDTIME_TIMEOUT_S};
	struct proc_result res;
	if (proc_run(&spec, &res, e) != 0)
		return -1;
	int ok = res.exit_code == 0 && !res.timed_out;
	if (!ok) {
		const char *tail = res.err_tail;
		size_t len = strlen(tail);
		if (len > 600)
			tail += len - 600;
		snprintf(why, why_size, "%s %s failed (exit %d%s): %s", r->argv[0], r->argv[1],
			 res.exit_code, res.timed_out ? ", timed out" : "", tail);
	}
	if (elapsed)
		*elapsed = res.elapsed_s;
	if (cpu)
		*cpu = res.cpu_s;
	proc_result_free(&res);
	return ok ? 0 : 1;
}
