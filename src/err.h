/*
 * err — errors as values. A function that can fail fills a caller-provided struct err with a
 * message a user can act on, already prefixed with "FILE:LINE: " when a file is involved.
 * The front end prints err.msg and picks the exit code from err.kind.
 */
#ifndef VERDICT_ERR_H
#define VERDICT_ERR_H

enum err_kind {
	ERR_NONE = 0,	  /* no error */
	ERR_INPUT = 2,	  /* the user's input is wrong: exit 2 */
	ERR_INTERNAL = 1, /* our fault or the system's (out of memory, I/O): exit 1 */
};

struct err {
	enum err_kind kind;
	char msg[512];
};

/* Sets *e to an input error at FILE:LINE (line 0 omits the line, file NULL omits both) and
 * returns -1, so callers can write `return err_input(e, ...)`. */
int err_input(struct err *e, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Same for an internal failure (exit code 1). */
int err_internal(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
