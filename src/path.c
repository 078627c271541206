/*
 * path — `mkdir -p` (see path.h).
 */
#include "path.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int make(const char *dir, struct err *e)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return err_input(e, dir, 0, "cannot create: %s", strerror(errno));
	return 0;
}

/* Makes every directory above the first `len` bytes of path, then (when whole) path itself. */
static int mkdirs(const char *path, size_t len, struct err *e)
{
	char buf[PATH_MAX];
	if (len >= sizeof buf)
		return err_input(e, NULL, 0, "path too long: %.80s...", path);
	memcpy(buf, path, len);
	buf[len] = '\0';
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (make(buf, e) != 0)
			return -1;
		*p = '/';
	}
	return len && buf[len - 1] != '/' ? make(buf, e) : 0;
}

int path_mkdirs(const char *dir, struct err *e)
{
	return mkdirs(dir, strlen(dir), e);
}

int path_mkdir_parents(const char *file, struct err *e)
{
	const char *slash = strrchr(file, '/');
	return slash && slash != file ? mkdirs(file, (size_t)(slash - file), e) : 0;
}
