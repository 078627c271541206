/*
 * workdir — run directories owned through an flock, and the sweep of those nobody owns (see
 * workdir.h). Everything below a run directory is removed through directory descriptors
 * (openat, unlinkat with O_NOFOLLOW), so a symlink planted inside one is removed, never followed.
 */
#define _GNU_SOURCE
#include "lab/workdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOCK_NAME "lock"
#define MAX_DEPTH 64 /* deeper than any build tree the lab makes */

int workdir_create(const char *base, struct workdir *w, struct err *e)
{
	w->lock_fd = -1;
	int n = snprintf(w->path, sizeof w->path, "%s/run-XXXXXX", base);
	if (n < 0 || (size_t)n >= sizeof w->path) {
		w->path[0] = '\0';
		return err_input(e, NULL, 0, "%s: the directory name is too long", base);
	}
	if (!mkdtemp(w->path)) {
		int saved = errno;
		w->path[0] = '\0';
		return err_input(e, NULL, 0, "cannot create a directory in %s: %s", base,
				 strerror(saved));
	}
	char lock[PATH_MAX + 8];
	snprintf(lock, sizeof lock, "%s/%s", w->path, LOCK_NAME);
	w->lock_fd = open(lock, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (w->lock_fd < 0 || flock(w->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		int saved = errno;
		workdir_remove(w);
		return err_internal(e, "cannot lock the run directory %s: %s", lock,
				    strerror(saved));
	}
	return 0;
}

/* Removes name (in directory dirfd) and, for a directory, everything below it, adding the sizes
 * of the files to *bytes. Failures are skipped: what is left stays for a later sweep. */
static void remove_at(int dirfd, const char *name, long long *bytes, int depth)
{
	struct stat st;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		if (unlinkat(dirfd, name, 0) == 0)
			*bytes += (long long)st.st_size;
		return;
	}
	if (depth >= MAX_DEPTH)
		return;
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	if ((st.st_mode & 0700) != 0700)
		fchmod(fd, st.st_mode | 0700); /* a read-only directory (a module cache) */
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			remove_at(fd, de->d_name, bytes, depth + 1);
	closedir(d);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

/* Removes the directory at path (absolute or relative to the working directory). */
static void remove_path(const char *path, long long *bytes)
{
	remove_at(AT_FDCWD, path, bytes, 0);
}

void workdir_remove(struct workdir *w)
{
	long long bytes = 0;
	if (w->path[0])
		remove_path(w->path, &bytes); /* the lock still held: no sweep can start on it */
	w->path[0] = '\0';
	if (w->lock_fd >= 0)
		close(w->lock_fd);
	w->lock_fd = -1;
}

/* A name mkdtemp gives a run directory: "run-" and six characters from its alphabet. */
static bool run_name(const char *name)
{
	if (strncmp(name, "run-", 4) != 0 || strlen(name) != 10)
		return false;
	for (const char *c = name + 4; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9')))
			return false;
	return true;
}

/* Takes the lock of run directory name (in base, open as basefd) when nobody holds it, creating
 * the lock file of a directory that has none (one older verdict made, or a lab killed before it
 * locked). Returns the locked descriptor, or -1 when a live lab owns it or it cannot be locked. */
static int take_orphan(int basefd, const char *name)
{
	int dfd = openat(basefd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	int fd = openat(dfd, LOCK_NAME, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	close(dfd);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd); /* EWOULDBLOCK: its lab is alive */
		return -1;
	}
	return fd;
}

void workdir_sweep(const char *base, time_t now, double max_age_s, struct workdir_swept *swept)
{
	swept->dirs = 0;
	swept->bytes = 0;
	int basefd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (basefd < 0)
		return;
	DIR *d = fdopendir(basefd);
	if (!d) {
		close(basefd);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		if (!run_name(de->d_name) ||
		    fstatat(basefd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
		    difftime(now, st.st_mtime) <= max_age_s)
			continue;
		int lock = take_orphan(basefd, de->d_name);
		if (lock < 0)
			continue;
		long long bytes = 0;
		remove_at(basefd, de->d_name, &bytes, 0);
		close(lock);
		if (fstatat(basefd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			swept->dirs++;
			swept->bytes += bytes;
		}
	}
	closedir(d);
}
