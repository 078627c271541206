/*
 * err — formatting of error values (see err.h).
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

__attribute__((format(printf, 5, 0))) static void
vset(struct err *e, enum err_kind kind, const char *file, int line, const char *fmt, va_list ap)
{
	int n = 0;
	e->kind = kind;
	if (file && line > 0)
		n = snprintf(e->msg, sizeof e->msg, "%s:%d: ", file, line);
	else if (file)
		n = snprintf(e->msg, sizeof e->msg, "%s: ", file);
	if (n < 0 || (size_t)n >= sizeof e->msg)
		n = 0;
	int m = vsnprintf(e->msg + n, sizeof e->msg - (size_t)n, fmt, ap);
	/* a message cut at the buffer's end must not end in half a character (JSON refuses it) */
	if (m > 0 && (size_t)m >= sizeof e->msg - (size_t)n)
		e->msg[utf8_whole(e->msg, strlen(e->msg))] = '\0';
}

int err_input(struct err *e, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(e, ERR_INPUT, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

int err_internal(struct err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(e, ERR_INTERNAL, NULL, 0, fmt, ap);
	va_end(ap);
	return -1;
}
