/*
 * template — placeholder expansion for KB texts (see template.h).
 */
#include "template.h"

#include <string.h>

#include "utf8.h"

static void append(char *out, size_t size, size_t *used, const char *s, size_t n)
{
	if (*used + 1 >= size)
		return;
	if (n > size - 1 - *used)
		n = utf8_cut(s, n, size - 1 - *used); /* never half a character */
	memcpy(out + *used, s, n);
	*used += n;
	out[*used] = '\0';
}

int template_expand(const char *tmpl, template_lookup lookup, void *ctx, char *out, size_t size,
		    const char **bad)
{
	size_t used = 0;
	if (size == 0)
		return -1;
	out[0] = '\0';
	const char *p = tmpl;
	while (*p) {
		const char *open = strchr(p, '{');
		if (!open) {
			append(out, size, &used, p, strlen(p));
			break;
		}
		append(out, size, &used, p, (size_t)(open - p));
		const char *close = strchr(open, '}');
		char name[96], value[320]; /* a value may be a name: 64 characters of 4 bytes */
		size_t n = close ? (size_t)(close - open - 1) : 0;
		if (!close || n == 0 || n >= sizeof name) {
			if (bad)
				*bad = open;
			return -1;
		}
		memcpy(name, open + 1, n);
		name[n] = '\0';
		if (lookup(ctx, name, value, sizeof value) != 0) {
			if (bad)
				*bad = open;
			return -1;
		}
		append(out, size, &used, value, strlen(value));
		p = close + 1;
	}
	return 0;
}
