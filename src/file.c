/*
 * file — bounded reads that never block, atomic writes that never clobber (see file.h).
 */
#include "file.h"

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

const char *file_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return "a regular file";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	return "not a file";
}

/* --- reading ---------------------------------------------------------------------------------
 */

/* Reads fd to its end into a new buffer, refusing more than max bytes; `hint` is the expected
 * size (0 when unknown). label names the input in messages. */
static int read_all(int fd, const char *label, size_t max, size_t hint, char **buf, size_t *len,
		    struct err *e)
{
	size_t cap = (hint < max ? hint : max) + 1, got = 0;
	char *b = malloc(cap + 1);
	if (!b)
		return err_internal(e, "out of memory reading %s", label);
	for (;;) {
		if (got == cap) {
			/* past max: one byte over is enough to know it is too big */
			if (got > max) {
				free(b);
				return err_input(e, label, 0,
						 "holds more than the limit of %zu bytes", max);
			}
			size_t ncap = cap < max / 2 ? cap * 2 : max + 1;
			char *nb = realloc(b, ncap + 1);
			if (!nb) {
				free(b);
				return err_internal(e, "out of memory reading %s", label);
			}
			b = nb;
			cap = ncap;
		}
		ssize_t r = read(fd, b + got, cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int saved = errno;
			free(b);
			return err_input(e, label, 0, "cannot read: %s", strerror(saved));
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got > max) {
		free(b);
		return err_input(e, label, 0, "holds more than the limit of %zu bytes", max);
	}
	b[got] = '\0';
	*buf = b;
	*len = got;
	return 0;
}

int file_read(const char *path, size_t max_bytes, unsigned flags, char **buf, size_t *len,
	      struct err *e)
{
	*buf = NULL;
	*len = 0;
	if ((flags & FILE_STDIN) && strcmp(path, "-") == 0)
		return read_all(STDIN_FILENO, "standard input", max_bytes, 0, buf, len, e);
	/* look before opening: opening a device can have effects of its own (a tape rewinds) */
	struct stat st;
	bool nofollow = flags & FILE_NOFOLLOW;
	if ((nofollow ? lstat(path, &st) : stat(path, &st)) != 0)
		return err_input(e, path, 0, "cannot open: %s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_input(e, path, 0, "not a regular file (%s)", file_kind(st.st_mode));
	/* O_NONBLOCK: should a FIFO be swapped in after the look, open() still returns at once */
	int fd =
	    open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0) {
		if (nofollow && errno == ELOOP)
			return err_input(e, path, 0, "not a regular file (a symbolic link)");
		return err_input(e, path, 0, "cannot open: %s", strerror(errno));
	}
	int fl = fcntl(fd, F_GETFL);
	if (fstat(fd, &st) != 0 || fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
		int saved = errno;
		close(fd);
		return err_input(e, path, 0, "cannot open: %s", strerror(saved));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return err_input(e, path, 0, "not a regular file (%s)", file_kind(st.st_mode));
	}
	if ((unsigned long long)st.st_size > max_bytes) {
		close(fd);
		return err_input(e, path, 0, "file is %llu bytes; the limit is %zu bytes",
				 (unsigned long long)st.st_size, max_bytes);
	}
	/* read to the end rather than st_size bytes: the file may be growing, or be in /proc */
	int rc = read_all(fd, path, max_bytes, (size_t)st.st_size, buf, len, e);
	close(fd);
	return rc;
}

/* --- writing ---------------------------------------------------------------------------------
 */

#define TEMP_PREFIX ".verdict-tmp."
#define TEMP_NAME   TEMP_PREFIX "XXXXXX"

/* Removes the temporary files in dir that no live process holds: a killed run's leftovers.
 * A live writer holds an flock on its temporary file until it is renamed, so taking the lock
 * proves the writer gone; the name is checked to still be the locked file before unlinking. */
static void clean_stale_temps(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL) {
		if (strncmp(ent->d_name, TEMP_PREFIX, sizeof TEMP_PREFIX - 1) != 0 ||
		    strlen(ent->d_name) != sizeof TEMP_NAME - 1)
			continue;
		size_t n = strlen(dir) + sizeof TEMP_NAME + 1;
		char *path = malloc(n);
		if (!path)
			break;
		snprintf(path, n, "%s/%s", dir, ent->d_name);
		int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		struct stat held, named;
		if (fd >= 0 && fstat(fd, &held) == 0 && S_ISREG(held.st_mode) &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0 && lstat(path, &named) == 0 &&
		    held.st_dev == named.st_dev && held.st_ino == named.st_ino)
			unlink(path);
		if (fd >= 0)
			close(fd);
		free(path);
	}
	closedir(d);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Creates and locks a new temporary file in dir; its name goes to tmp (size bytes). Returns the
 * descriptor, or -1 with errno set. */
static int temp_create(const char *dir, char *tmp, size_t size)
{
	for (int attempt = 0; attempt < 8; attempt++) {
		if ((size_t)snprintf(tmp, size, "%s/%s", dir, TEMP_NAME) >= size) {
			errno = ENAMETOOLONG;
			return -1;
		}
		int fd = mkstemp(tmp);
		if (fd < 0)
			return -1;
		struct stat held, named;
		/* a cleaner may take the file between mkstemp and flock: then it is gone (or
		 * going), and we start again with a new name. Where the file system has no locks
		 * at all, cleaners cannot lock either and leave every temporary file alone. */
		bool locked = flock(fd, LOCK_EX) == 0 || errno == ENOLCK || errno == EOPNOTSUPP;
		if (fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && locked && fstat(fd, &held) == 0 &&
		    lstat(tmp, &named) == 0 && held.st_dev == named.st_dev &&
		    held.st_ino == named.st_ino)
			return fd;
		close(fd);
	}
	errno = EAGAIN;
	return -1;
}

/* The mode a plain create gives a new file: 0666 less the umask. */
static mode_t default_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* Fsyncs the directory so that the rename itself survives a crash (best effort: some file
 * systems refuse fsync on a directory). */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Checks what is at path now: 0 when nothing is, 1 (with *st) when a regular file is, or -1
 * with *e set when something we must not replace is. */
static int target(const char *path, struct stat *st, struct err *e)
{
	if (lstat(path, st) != 0)
		return errno == ENOENT ? 0
				       : err_input(e, path, 0, "cannot write: %s", strerror(errno));
	if (!S_ISREG(st->st_mode))
		return err_input(e, path, 0, "cannot write: not a regular file (%s)",
				 file_kind(st->st_mode));
	return 1;
}

int file_write(const char *path, const char *data, size_t len, enum file_write_mode mode,
	       struct err *e)
{
	struct stat old;
	int there = target(path, &old, e);
	if (there < 0)
		return -1;
	if (there && mode == FILE_CREATE) {
		err_input(e, path, 0, "cannot write: %s", strerror(EEXIST));
		return FILE_EXISTS;
	}
	size_t n = strlen(path) + sizeof TEMP_NAME + 2;
	char *dir = malloc(n), *tmp = malloc(n);
	if (!dir || !tmp) {
		free(dir);
		free(tmp);
		return err_internal(e, "out of memory");
	}
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
	clean_stale_temps(dir);
	int rc = 0;
	int fd = temp_create(dir, tmp, n);
	if (fd < 0) {
		rc = err_input(e, path, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (there) {
		/* keep the replaced file's owner (when we may) and permissions */
		if (old.st_uid != geteuid() || old.st_gid != getegid())
			(void)!fchown(fd, old.st_uid, old.st_gid);
	}
	if (write_all(fd, data, len) != 0 ||
	    fchmod(fd, there ? old.st_mode & 07777 : default_mode()) != 0 || fsync(fd) != 0) {
		rc = err_input(e, path, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (mode == FILE_CREATE) {
		/* link() refuses an existing name, atomically: a file is never overwritten */
		if (link(tmp, path) != 0) {
			int saved = errno;
			err_input(e, path, 0, "cannot write: %s", strerror(saved));
			rc = saved == EEXIST ? FILE_EXISTS : -1;
		}
		unlink(tmp);
	} else {
		/* look again just before the rename: whatever appeared since is refused too (and
		 * rename replaces a name, never writes through a link) */
		struct stat now;
		if (target(path, &now, e) < 0) {
			rc = -1;
			unlink(tmp);
		} else if (rename(tmp, path) != 0) {
			rc = err_input(e, path, 0, "cannot write: %s", strerror(errno));
			unlink(tmp);
		}
	}
	if (rc == 0)
		sync_dir(dir);
out:
	if (fd >= 0)
		close(fd); /* releases the lock, after the rename */
	free(dir);
	free(tmp);
	return rc;
}
