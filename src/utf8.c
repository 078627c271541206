/*
 * utf8 — decoding, counting, cutting and repairing UTF-8 (see utf8.h).
 */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	*cp = 0xFFFD;
	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* the lead byte says the length; C0, C1 (overlong) and F5..FF never start a character */
	size_t len = u[0] >= 0xC2 && u[0] <= 0xDF   ? 2
		     : u[0] >= 0xE0 && u[0] <= 0xEF ? 3
		     : u[0] >= 0xF0 && u[0] <= 0xF4 ? 4
						    : 0;
	if (len == 0)
		return 0;
	static const uint32_t lead_mask[5] = {0, 0, 0x1F, 0x0F, 0x07};
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	uint32_t c = u[0] & lead_mask[len];
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (u[i] & 0x3Fu);
	}
	if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

long utf8_count(const char *s, size_t n)
{
	long count = 0;
	for (size_t i = 0; i < n; count++) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			return -1;
		i += len;
	}
	return count;
}

size_t utf8_cut(const char *s, size_t n, size_t max)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			len = 1;
		if (i + len > max)
			break;
		i += len;
	}
	return i;
}

size_t utf8_whole(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	/* back over up to 3 continuation bytes to the lead byte of the last character */
	size_t lead = n;
	while (lead > 0 && n - lead < 4 && (u[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0 || n - lead >= 4)
		return n;
	lead--;
	size_t want = u[lead] >= 0xF0 ? 4 : u[lead] >= 0xE0 ? 3 : u[lead] >= 0xC0 ? 2 : 1;
	return n - lead < want ? lead : n;
}

size_t utf8_repair(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src), out = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(src + i, n - i, &cp);
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
