/*
 * file — reading a whole input file, bounded. Profiles and lab results are read the same way
 * (open, refuse anything but a regular file, refuse one over the limit, read it all); each
 * caller words the failure for its own kind of file.
 */
#ifndef VERDICT_FILE_H
#define VERDICT_FILE_H

#include <stddef.h>

enum file_status {
	FILE_OK,	  /* read: *buf holds *len bytes and a NUL */
	FILE_CANNOT_OPEN, /* open or fstat failed: *sys_errno says why */
	FILE_IS_DIR,	  /* a directory */
	FILE_NOT_REGULAR, /* a device, FIFO, socket, ... */
	FILE_TOO_BIG,	  /* over max_bytes: *len is its size */
	FILE_NO_MEMORY,	  /* the buffer could not be had */
};

/* Reads path whole if it is a regular file of at most max_bytes. On FILE_OK *buf (free with free)
 * holds *len bytes plus a terminating NUL; otherwise *buf is NULL. */
enum file_status file_read(const char *path, size_t max_bytes, char **buf, size_t *len,
			   int *sys_errno);

#endif
