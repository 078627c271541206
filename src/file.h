/*
 * file — the one way verdict reads an input file and the one way it writes an output file.
 *
 * Reading is bounded and never blocks on a FIFO: a profile, a knowledge-base file, lab results
 * or a load result is opened with O_NONBLOCK and refused unless it is a regular file.
 *
 * Writing is atomic and never clobbers what is not ours: the bytes go to a temporary file in
 * the target's directory, are fsync'ed, then renamed (or linked, for a new file) into place.
 * A device, FIFO, socket, directory or symbolic link at the target is refused, and a file that
 * is replaced keeps its permissions. Temporary files are named `.verdict-tmp.XXXXXX` and held
 * under flock(2) while they live, so the next write into a directory can tell the ones a killed
 * run left behind (no lock) from another live run's (locked) and remove only the former.
 */
#ifndef VERDICT_FILE_H
#define VERDICT_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "err.h"

/* --- reading ---------------------------------------------------------------------------------
 */

#define FILE_STDIN    1u /* a path of "-" reads standard input (a pipe or a terminal is fine) */
#define FILE_NOFOLLOW 2u /* refuse a symbolic link at path (an ADR about to be rewritten) */

/* Reads the regular file at path whole, if it holds at most max_bytes. Returns 0 with *buf (free
 * with free) holding *len bytes plus a terminating NUL, or -1 with *e set to "PATH: what is
 * wrong" (cannot open: REASON; not a regular file (a FIFO); file is N bytes; the limit is M
 * bytes; cannot read: REASON) and *buf NULL. Never blocks in open(). */
int file_read(const char *path, size_t max_bytes, unsigned flags, char **buf, size_t *len,
	      struct err *e);

/* What a file of this st_mode is, for messages: "a directory", "a FIFO", "a symbolic link"... */
const char *file_kind(mode_t mode);

/* --- writing ---------------------------------------------------------------------------------
 */

enum file_write_mode {
	FILE_REPLACE, /* write path, replacing the regular file there (keeping its mode) */
	FILE_CREATE,  /* write path only if nothing is there: FILE_EXISTS otherwise */
};

#define FILE_EXISTS (-2) /* file_write(FILE_CREATE) found the name taken: pick another */

/* Writes the len bytes of data to path atomically: readers see the old file or the whole new
 * one, never part of it, and a failed write leaves the old file as it was. A new file gets the
 * mode a plain create would give it (0666 & ~umask). Returns 0; FILE_EXISTS (FILE_CREATE only,
 * with *e set); or -1 with *e set to "PATH: cannot write: REASON" (exit 2). Before writing,
 * removes the temporary files that killed runs left in path's directory. */
int file_write(const char *path, const char *data, size_t len, enum file_write_mode mode,
	       struct err *e);

#endif
