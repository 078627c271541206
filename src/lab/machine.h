/*
 * machine — what the lab records about where it ran: the host, CPU model, cores, kernel and
 * memory, and the toolchains it found (path and version), each with the Debian package that
 * installs it when it is missing. A result is only comparable with another from the same machine
 * and toolchains, so every result carries both.
 */
#ifndef VERDICT_MACHINE_H
#define VERDICT_MACHINE_H

#include <jansson.h>
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

/* The machine as results record it: {host, cpu, cores, kernel, memory_mb}, every text valid
 * UTF-8 (a host name is any bytes the system allows: one that is not UTF-8 is repaired, each
 * stray byte a '?', rather than lost with the whole object). New reference. */
json_t *machine_json(const struct machine *m);

/* The toolchains as results record them: {go: {found, path, version, green_tea_gc, note}, ...},
 * texts repaired to UTF-8 likewise. New reference. */
json_t *toolchains_json(const struct toolchain t[TOOL_COUNT]);

/* Go's major and minor version from a "go1.26.8"-style string; false when unparseable. */
bool go_version_parse(const char *v, int *major, int *minor);

#endif
