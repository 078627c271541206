/*
 * utf8 — validating, cutting and repairing UTF-8 (see utf8.h). The validity rules are RFC 3629's:
 * the shortest form only, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
 */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

size_t utf8_char_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	size_t len;
	unsigned long cp, min;
	if ((u[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = u[0] & 0x1fu;
		min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = u[0] & 0x0fu;
		min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = u[0] & 0x07u;
		min = 0x10000;
	} else {
		return 0; /* a continuation byte, or 0xf8..0xff */
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (u[i] & 0x3fu);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

size_t utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t cut = max;
	/* back over continuation bytes to the start of the character the limit falls in */
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	return cut;
}

size_t utf8_repair(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src), out = 0;
	for (size_t i = 0; i < n;) {
		size_t len = utf8_char_len(src + i, n - i);
		const char *c = len ? src + i : "?";
		size_t clen = len ? len : 1;
		if (out + clen >= size)
			break;
		memcpy(dst + out, c, clen);
		out += clen;
		i += clen;
	}
	dst[out] = '\0';
	return out;
}

json_t *utf8_json_string(const char *src)
{
	size_t size = strlen(src) + 1; /* a repair never makes text longer */
	char *text = malloc(size);
	if (!text)
		return NULL;
	utf8_repair(text, size, src);
	json_t *j = json_string(text);
	free(text);
	return j;
}
