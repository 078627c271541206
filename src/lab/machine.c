/*
 * machine — the host and the toolchains the lab runs with (see machine.h).
 */
#define _GNU_SOURCE
#include "lab/machine.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "utf8.h"
#include "lab/proc.h"

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

void machine_read(struct machine *m)
{
	memset(m, 0, sizeof *m);
	copy(m->host, sizeof m->host, "unknown");
	copy(m->cpu, sizeof m->cpu, "unknown");
	copy(m->kernel, sizeof m->kernel, "unknown");
	struct utsname u;
	if (uname(&u) == 0) {
		copy(m->host, sizeof m->host, u.nodename);
		snprintf(m->kernel, sizeof m->kernel, "%s %s %s", u.sysname, u.release, u.machine);
	}
	proc_file_field("/proc/cpuinfo", "model name", m->cpu, sizeof m->cpu);
	char mem[64] = "";
	proc_file_field("/proc/meminfo", "MemTotal", mem, sizeof mem);
	m->memory_mb = strtol(mem, NULL, 10) / 1024;
	cpu_set_t set;
	m->cores = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set)
							       : (int)sysconf(_SC_NPROCESSORS_ONLN);
}

const char *tool_name(enum tool t)
{
	static const char *const names[TOOL_COUNT] = {"go", "cargo", "rustc", "cc", "nginx"};
	return (unsigned)t < TOOL_COUNT ? names[t] : "?";
}

static bool find_in_path(const char *name, const char *extra, char *out, size_t size)
{
	const char *path = getenv("PATH");
	char dirs[4096];
	snprintf(dirs, sizeof dirs, "%s:%s", path ? path : "/usr/bin:/bin", extra ? extra : "");
	for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d;
	     d = strtok_r(NULL, ":", &save)) {
		if (!*d)
			continue;
		snprintf(out, size, "%s/%s", d, name);
		if (access(out, X_OK) == 0)
			return true;
	}
	out[0] = '\0';
	return false;
}

/* The first line of what `path args` prints (stdout, else stderr), trimmed. */
static void first_line(const char *path, const char *arg, char *out, size_t size)
{
	char *argv[] = {(char *)path, (char *)arg, NULL};
	struct proc_spec spec = {.argv = argv, .cpu = PROC_ANY_CPU, .timeout_s = 30};
	struct proc_result r;
	struct err e;
	out[0] = '\0';
	if (proc_run(&spec, &r, &e) != 0)
		return;
	const char *text = r.out_len ? r.out : r.err_tail;
	size_t n = strcspn(text, "\n");
	snprintf(out, size, "%.*s", (int)n, text);
	proc_result_free(&r);
}

void toolchains_detect(struct toolchain t[TOOL_COUNT])
{
	static const char *const install[TOOL_COUNT] = {
	    "apt-get install golang-go", "apt-get install cargo rustc",
	    "apt-get install cargo rustc", "apt-get install gcc", "apt-get install nginx-light"};
	static const char *const version_arg[TOOL_COUNT] = {"version", "--version", "--version",
							    "--version", "-v"};
	for (int i = 0; i < TOOL_COUNT; i++) {
		memset(&t[i], 0, sizeof t[i]);
		t[i].install = install[i];
		t[i].found =
		    find_in_path(tool_name((enum tool)i), i == TOOL_NGINX ? "/usr/sbin" : NULL,
				 t[i].path, sizeof t[i].path);
		if (!t[i].found)
			continue;
		char line[256];
		first_line(t[i].path, version_arg[i], line, sizeof line);
		const char *v = line;
		if (i == TOOL_GO) { /* "go version go1.26.8 linux/amd64" */
			const char *g = strstr(line, "go1");
			v = g ? g : line;
			snprintf(t[i].version, sizeof t[i].version, "%.*s", (int)strcspn(v, " "),
				 v);
			continue;
		}
		if (i == TOOL_NGINX) { /* "nginx version: nginx/1.22.1" */
			const char *s = strstr(line, "nginx/");
			v = s ? s : line;
		}
		if (i == TOOL_RUSTC || i == TOOL_CARGO) { /* "rustc 1.95.0 (59807616e ...)" */
			snprintf(t[i].version, sizeof t[i].version, "%.*s",
				 (int)(strchr(v, '(') ? strchr(v, '(') - v - 1 : (long)strlen(v)),
				 v);
			continue;
		}
		copy(t[i].version, sizeof t[i].version, v);
	}
}

bool go_version_parse(const char *v, int *major, int *minor)
{
	return v && sscanf(v, "go%d.%d", major, minor) == 2;
}

/* {"found": true, "path", "version"} or {"found": false, "install"}; every text repaired to UTF-8
 * (a PATH or a version line is whatever bytes the system has). */
static json_t *tool_json(const struct toolchain *t)
{
	json_t *x = json_object();
	json_object_set_new(x, "found", json_boolean(t->found));
	if (t->found) {
		json_object_set_new(x, "path", utf8_json_string(t->path));
		json_object_set_new(x, "version", utf8_json_string(t->version));
	} else {
		json_object_set_new(x, "install", utf8_json_string(t->install));
	}
	return x;
}

json_t *toolchains_json(const struct toolchain t[TOOL_COUNT])
{
	json_t *o = json_object();
	for (int i = 0; i < TOOL_COUNT; i++)
		json_object_set_new(o, tool_name((enum tool)i), tool_json(&t[i]));
	json_t *go = json_object_get(o, "go");
	int major, minor;
	if (t[TOOL_GO].found && go_version_parse(t[TOOL_GO].version, &major, &minor)) {
		bool green_tea = major > 1 || (major == 1 && minor >= 26);
		json_object_set_new(go, "green_tea_gc", json_boolean(green_tea));
		if (!green_tea) {
			char note[320];
			snprintf(
			    note, sizeof note,
			    "%s predates Go 1.26 and its Green Tea GC: the articles' GC claims "
			    "are about Go 1.26, so this run's GC results do not test them",
			    json_string_value(json_object_get(go, "version")));
			json_object_set_new(go, "note", json_string(note));
		}
	}
	return o;
}

json_t *machine_json(const struct machine *m)
{
	json_t *o = json_object();
	json_object_set_new(o, "host", utf8_json_string(m->host));
	json_object_set_new(o, "cpu", utf8_json_string(m->cpu));
	json_object_set_new(o, "cores", json_integer(m->cores));
	json_object_set_new(o, "kernel", utf8_json_string(m->kernel));
	json_object_set_new(o, "memory_mb", json_integer((json_int_t)m->memory_mb));
	return o;
}
