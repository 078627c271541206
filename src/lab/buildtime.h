/*
 * buildtime — how verdict times a build, shared by `verdict lab` (its reference workloads) and
 * `verdict scan --build` (the user's own repository): a Go module or a Cargo workspace built in
 * release mode as a CI would ship it, on every core; a clean build from a fresh cache (Go: a new
 * GOCACHE, so the standard library compiles too; Rust: a new target directory), an incremental
 * one after a one-line edit. Dependencies are fetched beforehand and never timed.
 */
#ifndef VERDICT_BUILDTIME_H
#define VERDICT_BUILDTIME_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define BUILDTIME_TIMEOUT_S 1200

/* One build command: argv, its directory and its environment. */
struct build_recipe {
	char *argv[12];
	char *env[8];
	char dir[PATH_MAX];
	char out_dir[PATH_MAX]; /* where the programs go (Go: with a trailing slash) */
	char env_buf[3][PATH_MAX + 32];
	char pkgs[PATH_MAX];
	char command_buf[PATH_MAX + 96];
	const char *command; /* what the results say was timed */
};

/* `go build -trimpath -o OUT/ PKGS` in dir, with GOCACHE=cache (a fresh one is a clean build),
 * go's scratch files in tmp, and no toolchain download, VCS stamping or workspace. */
void buildtime_go(struct build_recipe *r, const char *go, const char *dir, const char *pkgs,
		  const char *cache, const char *tmp, const char *out_dir);

/* `cargo build --release [--locked] --offline --quiet` in dir with CARGO_TARGET_DIR=target
 * (a fresh one is a clean build). */
void buildtime_rust(struct build_recipe *r, const char *cargo, const char *dir, const char *target,
		    bool locked);

/* The commands that fetch the dependencies first (not timed): `go mod download` with the
 * recipe's environment, `cargo fetch [--locked]`. */
void buildtime_go_fetch(struct build_recipe *r, const char *go, const char *dir, const char *cache,
			const char *tmp);
void buildtime_rust_fetch(struct build_recipe *r, const char *cargo, const char *dir, bool locked);

/* Appends a comment line to file, a one-line edit (Go's cache is keyed by content, Cargo's by
 * modification time: both see a change). Returns 0 or -1 with *e set. */
int buildtime_edit(const char *file, int n, struct err *e);

/* Runs r once. Returns 0 when it built (*elapsed and *cpu set, either may be NULL), 1 when it
 * failed (why says how, with the tool's last words), -1 with *e set when it could not run or
 * the caller is stopping. */
int buildtime_run(const struct build_recipe *r, double *elapsed, double *cpu, char *why,
		  size_t why_size, struct err *e);

#endif
