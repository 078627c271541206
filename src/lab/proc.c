/*
 * proc — starting, measuring and ending the lab's child processes (see proc.h). The registry of
 * live process groups is the one piece of shared state: the lab's signal thread reads it to kill
 * everything on Ctrl-C while the main thread is blocked waiting for a child.
 */
#define _GNU_SOURCE
#include "lab/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_GROUPS    32
#define RSS_SAMPLE_MS 5 /* how often proc_run samples the program's peak resident set */

volatile sig_atomic_t proc_stopping;

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static pid_t groups[MAX_GROUPS];

static void registry_add(pid_t pg)
{
	pthread_mutex_lock(&registry_lock);
	for (int i = 0; i < MAX_GROUPS; i++)
		if (!groups[i]) {
			groups[i] = pg;
			break;
		}
	pthread_mutex_unlock(&registry_lock);
	if (proc_stopping) /* a signal came between fork and now */
		kill(-pg, SIGKILL);
}

static void registry_remove(pid_t pg)
{
	pthread_mutex_lock(&registry_lock);
	for (int i = 0; i < MAX_GROUPS; i++)
		if (groups[i] == pg)
			groups[i] = 0;
	pthread_mutex_unlock(&registry_lock);
}

void proc_kill_all(void)
{
	pthread_mutex_lock(&registry_lock);
	for (int i = 0; i < MAX_GROUPS; i++)
		if (groups[i])
			kill(-groups[i], SIGKILL);
	pthread_mutex_unlock(&registry_lock);
}

int proc_file_field(const char *path, const char *key, char *out, size_t size)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[512];
	size_t n = strlen(key);
	int rc = -1;
	while (rc != 0 && fgets(line, sizeof line, f)) {
		if (strncmp(line, key, n) != 0)
			continue;
		char *v = line + n + strspn(line + n, " \t");
		if (*v != ':')
			continue;
		v += 1 + strspn(v + 1, " \t");
		v[strcspn(v, "\n")] = '\0';
		snprintf(out, size, "%s", v);
		rc = 0;
	}
	fclose(f);
	return rc;
}

/* A "Name:   N kB" field of /proc/PID/status; -1 when unreadable (gone, or a zombie). */
static long status_kb(pid_t pid, const char *field)
{
	char path[64], value[64];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	return proc_file_field(path, field, value, sizeof value) == 0 ? strtol(value, NULL, 10)
								      : -1;
}

double proc_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* In the child, after fork: its own group, death with the parent, signals as at exec, the cores,
 * the directory, the environment and the standard streams. Never returns. */
static void child_exec(const struct proc_spec *s, pid_t parent, int out_fd, int err_fd,
		       int report_fd)
{
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	sigset_t none;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	cpu_set_t set;
	CPU_ZERO(&set);
	if (s->cpu >= 0) {
		CPU_SET(s->cpu, &set);
	} else {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		for (long i = 0; i < n && i < CPU_SETSIZE; i++)
			CPU_SET((int)i, &set);
	}
	sched_setaffinity(0, sizeof set, &set);
	int devnull = open("/dev/null", O_RDONLY);
	if (devnull >= 0)
		dup2(devnull, 0);
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	int e = 0;
	if (s->cwd && chdir(s->cwd) != 0)
		e = errno;
	for (char *const *v = s->env; !e && v && *v; v++)
		if (putenv(*v) != 0)
			e = errno;
	if (!e) {
		execvp(s->argv[0], s->argv);
		e = errno;
	}
	ssize_t unused = write(report_fd, &e, sizeof e);
	(void)unused;
	_exit(127);
}

/* Forks and execs spec; *out_r and *err_r receive the read ends of its stdout and stderr (err_r
 * NULL: stderr goes to spec->stderr_path or /dev/null). Returns the pid or -1 with *e set. */
static pid_t spawn(const struct proc_spec *s, int *out_r, int *err_r, double *started,
		   struct err *e)
{
	if (proc_stopping)
		return err_internal(e, "the lab is stopping");
	int out[2] = {-1, -1}, errp[2] = {-1, -1}, report[2] = {-1, -1};
	int err_w = -1;
	if (pipe2(out, O_CLOEXEC) != 0 || pipe2(report, O_CLOEXEC) != 0)
		goto fail;
	if (err_r) {
		if (pipe2(errp, O_CLOEXEC) != 0)
			goto fail;
		err_w = errp[1];
	} else {
		err_w = open(s->stderr_path ? s->stderr_path : "/dev/null",
			     O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (err_w < 0)
			goto fail;
	}
	pid_t parent = getpid();
	*started = proc_now();
	pid_t pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0)
		child_exec(s, parent, out[1], err_w, report[1]);
	setpgid(pid, pid);
	registry_add(pid);
	close(out[1]);
	close(report[1]);
	close(err_w);
	int child_errno = 0;
	ssize_t got = read(report[0], &child_errno, sizeof child_errno);
	close(report[0]);
	if (got == (ssize_t)sizeof child_errno) {
		waitpid(pid, NULL, 0);
		registry_remove(pid);
		close(out[0]);
		if (err_r)
			close(errp[0]);
		return err_internal(e, "cannot run %s: %s", s->argv[0], strerror(child_errno));
	}
	*out_r = out[0];
	if (err_r)
		*err_r = errp[0];
	return pid;
fail:;
	int saved = errno;
	int fds[] = {out[0], out[1], errp[0], report[0], report[1], err_w};
	for (size_t i = 0; i < sizeof fds / sizeof *fds; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return err_internal(e, "cannot start %s: %s", s->argv[0], strerror(saved));
}

/* Keeps the last bytes of stderr in tail (a NUL-terminated string of at most size - 1 bytes). */
static void keep_tail(char *tail, size_t size, const char *buf, size_t n)
{
	size_t have = strlen(tail);
	if (n >= size - 1) {
		memcpy(tail, buf + n - (size - 1), size - 1);
		tail[size - 1] = '\0';
		return;
	}
	if (have + n > size - 1) {
		size_t drop = have + n - (size - 1);
		memmove(tail, tail + drop, have - drop + 1);
		have -= drop;
	}
	memcpy(tail + have, buf, n);
	tail[have + n] = '\0';
}

int proc_run(const struct proc_spec *spec, struct proc_result *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	int out_fd = -1, err_fd = -1;
	double started;
	pid_t pid = spawn(spec, &out_fd, spec->stderr_path ? NULL : &err_fd, &started, e);
	if (pid < 0)
		return -1;
	size_t cap = 4096;
	r->out = malloc(cap);
	bool too_much = !r->out;
	struct pollfd fds[2] = {{.fd = out_fd, .events = POLLIN}, {.fd = err_fd, .events = POLLIN}};
	int open_fds = err_fd >= 0 ? 2 : 1;
	char buf[8192];
	/* spawn returned after the exec, so from here VmHWM is the program's own peak; but not at
	 * once: the exec closes the pipe spawn waits on before the program is loaded, and a sample
	 * then says a few KB. The samples after the first wait of the loop count. */
	long peak_kb = -1;
	while (open_fds > 0) {
		int wait_ms = RSS_SAMPLE_MS;
		if (spec->timeout_s > 0 && !r->timed_out) {
			double left = started + spec->timeout_s - proc_now();
			if (left * 1000 < wait_ms)
				wait_ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
		}
		int n = poll(fds, 2, wait_ms);
		long hwm = status_kb(pid, "VmHWM");
		if (hwm > peak_kb)
			peak_kb = hwm;
		if (n < 0 && errno != EINTR)
			break;
		if (n == 0) {
			if (spec->timeout_s > 0 && !r->timed_out &&
			    proc_now() >= started + spec->timeout_s) {
				r->timed_out = true;
				kill(-pid, SIGKILL);
			}
			continue;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t got = read(fds[i].fd, buf, sizeof buf);
			if (got <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			} else if (i == 1) {
				keep_tail(r->err_tail, sizeof r->err_tail, buf, (size_t)got);
			} else if (!too_much) {
				if (r->out_len + (size_t)got + 1 > cap) {
					size_t ncap = cap * 2 + (size_t)got;
					char *bigger =
					    ncap <= PROC_MAX_OUTPUT ? realloc(r->out, ncap) : NULL;
					if (!bigger) {
						too_much = true;
						continue;
					}
					r->out = bigger;
					cap = ncap;
				}
				memcpy(r->out + r->out_len, buf, (size_t)got);
				r->out_len += (size_t)got;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	int status = 0;
	struct rusage ru = {0};
	while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	r->elapsed_s = proc_now() - started;
	kill(-pid, SIGKILL); /* anything the program left behind in its group */
	registry_remove(pid);
	r->cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		   (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	/* VmHWM first: ru_maxrss counts the memory image the child had before exec, a copy of the
	 * lab's, which dwarfs a 2 MB program; but a program that ended before the first sample
	 * has only that figure, and an upper bound labelled as one beats a 0 */
	r->max_rss_kb = proc_peak_rss_kb(peak_kb, ru.ru_maxrss, &r->rss_source);
	r->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (r->out)
		r->out[r->out_len] = '\0';
	if (proc_stopping) {
		proc_result_free(r);
		return err_internal(e, "interrupted");
	}
	if (too_much) {
		proc_result_free(r);
		return err_internal(e, "%s wrote more than %u bytes", spec->argv[0],
				    PROC_MAX_OUTPUT);
	}
	return 0;
}

long proc_peak_rss_kb(long sampled_kb, long wait4_kb, enum proc_rss_source *source)
{
	if (sampled_kb > 0) {
		*source = PROC_RSS_VMHWM;
		return sampled_kb;
	}
	if (wait4_kb > 0) {
		*source = PROC_RSS_WAIT4;
		return wait4_kb;
	}
	*source = PROC_RSS_NONE;
	return 0;
}

const char *proc_rss_source_name(enum proc_rss_source s)
{
	return s == PROC_RSS_VMHWM ? "vmhwm" : s == PROC_RSS_WAIT4 ? "wait4" : "none";
}

void proc_result_free(struct proc_result *r)
{
	free(r->out);
	r->out = NULL;
	r->out_len = 0;
}

int proc_start(const struct proc_spec *spec, struct proc *p, struct err *e)
{
	p->pid = 0;
	p->out_fd = -1;
	pid_t pid = spawn(spec, &p->out_fd, NULL, &p->started, e);
	if (pid < 0)
		return -1;
	p->pid = pid;
	return 0;
}

int proc_read_line(struct proc *p, double timeout_s, char *buf, size_t size, struct err *e)
{
	double deadline = proc_now() + timeout_s;
	size_t len = 0;
	for (;;) {
		if (proc_stopping)
			return err_internal(e, "interrupted");
		double left = deadline - proc_now();
		if (left <= 0)
			return err_internal(e, "no output within %.0f s", timeout_s);
		struct pollfd pf = {.fd = p->out_fd, .events = POLLIN};
		int n = poll(&pf, 1, (int)(left * 1000) + 1);
		if (n <= 0)
			continue;
		char c;
		if (read(p->out_fd, &c, 1) != 1)
			return err_internal(e, "it exited before it was ready");
		if (c == '\n')
			break;
		if (len + 1 < size)
			buf[len++] = c;
	}
	buf[len] = '\0';
	return 0;
}

void proc_stop(struct proc *p)
{
	if (p->out_fd >= 0)
		close(p->out_fd);
	p->out_fd = -1;
	if (p->pid <= 0)
		return;
	kill(-p->pid, SIGTERM);
	double deadline = proc_now() + 2;
	bool reaped = false;
	while (!reaped && proc_now() < deadline) {
		pid_t w = waitpid(p->pid, NULL, WNOHANG);
		if (w == p->pid || (w < 0 && errno == ECHILD))
			reaped = true;
		else
			nanosleep(&(struct timespec){0, 10000000}, NULL);
	}
	kill(-p->pid, SIGKILL);
	if (!reaped)
		waitpid(p->pid, NULL, 0);
	registry_remove(p->pid);
	p->pid = 0;
}

long proc_rss_kb(pid_t pid)
{
	return status_kb(pid, "VmRSS");
}
