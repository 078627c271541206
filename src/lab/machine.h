/*
 * machine — what the lab records about where it ran: the host, CPU model, cores, kernel and
 * memory, and the toolchains it found (path and version), each with the Debian package that
 * installs it when it is missing. A result is only comparable with another from the same machine
 * and toolchains, so every result carries both.
 */
#ifndef VERDICT_MACHINE_H
#define VERDICT_MACHINE_H

#include <stdbool.h>

enum tool {
	TOOL_GO,    /* go: the Go workloads */
	TOOL_CARGO, /* cargo: the Rust workloads (with rustc) */
	TOOL_RUSTC, /* rustc: its version is the Rust version recorded */
	TOOL_CC,    /* cc: the C baseline */
	TOOL_NGINX, /* nginx: the native HTTP ceiling */
	TOOL_COUNT
};

struct toolchain {
	bool found;
	char path[512];
	char version[128];   /* "go1.26.8", "rustc 1.95.0", ... */
	const char *install; /* the apt-get line that installs it */
};

struct machine {
	char host[256], cpu[256], kernel[256];
	int cores;	/* online cores this process may run on */
	long memory_mb; /* total RAM */
};

/* Fills *m from uname, /proc/cpuinfo, /proc/meminfo and the affinity mask. Never fails: what
 * cannot be read is "unknown" or 0. */
void machine_read(struct machine *m);

/* Looks up each tool in PATH (and /usr/sbin for nginx) and asks it for its version. */
void toolchains_detect(struct toolchain t[TOOL_COUNT]);

/* The tool's name as the lab reports it ("go", "cargo", "rustc", "cc", "nginx"). */
const char *tool_name(enum tool t);

/* Go's major and minor version from a "go1.26.8"-style string; false when unparseable. */
bool go_version_parse(const char *v, int *major, int *minor);

#endif
