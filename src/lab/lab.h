/*
 * lab — `verdict lab`: builds the reference workloads (lab/workloads, embedded in the binary and
 * unpacked into a fresh directory per run), checks each program's output, then measures Go
 * against Rust (and C or nginx where a native baseline helps) on this machine: build times, CPU
 * kernels, HTTP throughput and latency, GC tail latency, memory footprint. The result is one
 * JSON document (results_version 1) with the machine, the toolchains, every run, medians and
 * spreads, and the Go/Rust ratios beside the published figures they test.
 */
#ifndef VERDICT_LAB_H
#define VERDICT_LAB_H

#include <jansson.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>

#include "err.h"
#include "kb.h"
#include "lab/machine.h"

#define LAB_RESULTS_VERSION 1

enum lab_workload {
	LAB_BUILD,	    /* clean and incremental build times */
	LAB_CPU,	    /* Benchmarks Game kernels */
	LAB_HTTP_PLAINTEXT, /* TechEmpower plaintext */
	LAB_HTTP_JSON,	    /* TechEmpower JSON */
	LAB_GC_TAIL,	    /* a Read-States-like cache under open-loop load */
	LAB_FOOTPRINT,	    /* RSS, binary size, cold start */
	LAB_WORKLOADS
};

/* The implementations a workload can have. */
enum lab_impl {
	IMPL_GO,    /* Go: net/http, the gc toolchain */
	IMPL_RUST,  /* Rust: axum on tokio, cargo --release */
	IMPL_C,	    /* C baseline (cpu kernels), gcc -O2 */
	IMPL_NGINX, /* nginx: the native HTTP ceiling */
	IMPL_COUNT
};

struct lab_options {
	bool quick;	     /* the short run (under 3 minutes on 2 cores) */
	unsigned only;	     /* mask of 1 << LAB_x; 0: every workload */
	int repeats;	     /* 0: the mode's default */
	const char *workdir; /* where runs unpack and build; NULL: ~/.cache/verdict/lab */
	FILE *progress;	     /* a progress bar goes here (a terminal), or NULL */
	FILE *log;	     /* one line per step goes here, or NULL */
};

/* The workload's name in LIST, results and messages: "build", "cpu", "http-plaintext", ... */
const char *lab_workload_name(enum lab_workload w);

/* The implementation's name: "go", "rust", "c", "nginx". */
const char *lab_impl_name(enum lab_impl i);

/* Parses a comma-separated list of workload names into a mask. Returns 0 or -1 with *e set. */
int lab_parse_only(const char *list, unsigned *mask, struct err *e);

/* Runs the lab. Returns 0 and sets *results (a new JSON object; the caller owns it), or -1 with
 * *e set; on -1 every child process has been ended and the run's directory removed.
 * `stop` is polled throughout: when it becomes non-zero the run ends early with an error. */
int lab_run(const struct lab_options *o, const struct kb *kb, volatile sig_atomic_t *stop,
	    json_t **results, struct err *e);

/* Computes results' "measures" array: every measure of kb->measures the run has both a Go and a
 * Rust value for, as Rust's advantage with its spread, beside the published range. */
void lab_measures(json_t *results, const struct kb *kb);

/* Writes a human summary of results (as lab_run makes them) to f: the machine, the toolchains,
 * and the Go/Rust ratio of each measure beside the published figure. */
void lab_summary(FILE *f, const json_t *results);

#endif
