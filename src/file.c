/*
 * file — bounded whole-file reads (see file.h).
 */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

enum file_status file_read(const char *path, size_t max_bytes, char **buf, size_t *len,
			   int *sys_errno)
{
	*buf = NULL;
	*len = 0;
	*sys_errno = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		*sys_errno = errno;
		if (fd >= 0)
			close(fd);
		return FILE_CANNOT_OPEN;
	}
	enum file_status s = FILE_OK;
	if (S_ISDIR(st.st_mode))
		s = FILE_IS_DIR;
	else if (!S_ISREG(st.st_mode))
		s = FILE_NOT_REGULAR;
	else if ((unsigned long long)st.st_size > max_bytes)
		s = FILE_TOO_BIG;
	*len = s == FILE_TOO_BIG ? (size_t)st.st_size : 0;
	if (s == FILE_OK && !(*buf = malloc((size_t)st.st_size + 1)))
		s = FILE_NO_MEMORY;
	size_t got = 0;
	while (s == FILE_OK && got < (size_t)st.st_size) {
		ssize_t r = read(fd, *buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (s == FILE_OK) {
		(*buf)[got] = '\0';
		*len = got;
	}
	return s;
}
