/*
 * cli — shared front-end helpers (see cli.h).
 */
#include "cli.h"

#include "engine.h"
#include "num.h"
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_format(const char *s, unsigned allowed)
{
	static const char *const names[] = {"text", "json", "markdown", "html"};
	for (int i = 0; i < 4; i++)
		if ((allowed & (1u << i)) && strcmp(s, names[i]) == 0)
			return i;
	if ((allowed & (1u << FORMAT_MARKDOWN)) && strcmp(s, "md") == 0)
		return FORMAT_MARKDOWN;
	return -1;
}

struct kb *cli_kb(const char *dir, struct err *e)
{
	if (!dir || !*dir)
		dir = getenv("VERDICT_KB");
	return kb_load(dir && *dir ? dir : NULL, e);
}

int cli_fail(const struct err *e)
{
	fprintf(stderr, "verdict: %s\n", e->msg);
	return e->kind == ERR_INTERNAL ? 1 : 2;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "verdict %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'verdict %s --help'.\n", cmd);
	return 2;
}

int cli_number(const char *cmd, const char *flag, const char *arg, long min, long max, long *out)
{
	if (num_parse_long(arg, min, max, out) == 0)
		return 0;
	return cli_usage_error(cmd, "%s must be a whole number from %ld to %ld, got '%s'", flag,
			       min, max, arg);
}

int out_open(struct out *o)
{
	o->buf = NULL;
	o->len = 0;
	o->f = open_memstream(&o->buf, &o->len);
	return o->f ? 0 : -1;
}

void out_discard(struct out *o)
{
	if (o->f)
		fclose(o->f);
	free(o->buf);
	o->f = NULL;
	o->buf = NULL;
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

/* mkstemp creates 0600; give the final file the mode a plain create would have (0666 & ~umask). */
static int fchmod_path_default(const char *path)
{
	mode_t mask = umask(0);
	umask(mask);
	return chmod(path, 0666 & ~mask);
}

int out_commit(struct out *o, const char *path, struct err *e)
{
	int rc = 0;
	if (fclose(o->f) != 0) {
		o->f = NULL;
		free(o->buf);
		return err_internal(e, "out of memory while rendering");
	}
	o->f = NULL;
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(o->buf, 1, o->len, stdout) != o->len || fflush(stdout) != 0)
			rc =
			    err_internal(e, "cannot write to standard output: %s", strerror(errno));
		free(o->buf);
		return rc;
	}
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp) {
		free(o->buf);
		return err_internal(e, "out of memory");
	}
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		rc = err_input(e, path, 0, "cannot write: %s", strerror(errno));
	} else {
		if (write_all(fd, o->buf, o->len) != 0 || fsync(fd) != 0) {
			rc = err_input(e, path, 0, "cannot write: %s", strerror(errno));
			close(fd);
			unlink(tmp);
		} else if (close(fd) != 0 || fchmod_path_default(tmp) != 0 ||
			   rename(tmp, path) != 0) {
			rc = err_input(e, path, 0, "cannot write: %s", strerror(errno));
			unlink(tmp);
		}
	}
	free(tmp);
	free(o->buf);
	return rc;
}

bool cli_color(FILE *f)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	const char *term = getenv("TERM");
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(f));
}

int cli_emit_verdict(const struct kb *kb, const struct verdict *v, int format, const char *output,
		     const char *title, struct err *e)
{
	struct out o;
	if (out_open(&o) != 0)
		return err_internal(e, "out of memory");
	if (format == FORMAT_JSON) {
		json_t *j = render_json(kb, v);
		int rc = render_json_dump(o.f, j);
		json_decref(j);
		if (rc != 0) {
			out_discard(&o);
			return err_internal(e, "out of memory rendering JSON");
		}
	} else if (format == FORMAT_HTML) {
		render_html(o.f, kb, v, title);
	} else if (format == FORMAT_MARKDOWN) {
		render_markdown(o.f, kb, v, title);
	} else {
		render_text(o.f, kb, v, title, !output && cli_color(stdout));
	}
	return out_commit(&o, output, e);
}
