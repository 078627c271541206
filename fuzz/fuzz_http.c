/*
 * fuzz_http — libFuzzer harness for the HTTP response parser: the input is a byte stream fed in
 * pieces whose sizes come from the input itself; the parser must consume every byte, end each
 * response or fail cleanly, and never read outside what it is given.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lab/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t step = (size_t)data[0] % 64 + 1;
	bool head = data[0] & 0x80;
	data++;
	size--;
	struct http_parser p;
	http_parser_reset(&p, head);
	size_t off = 0;
	while (off < size) {
		size_t n = size - off < step ? size - off : step;
		/* a private copy, so reading past n is caught by ASan */
		char *piece = malloc(n);
		memcpy(piece, data + off, n);
		size_t used = 0;
		while (used < n) {
			size_t k = http_parser_feed(&p, piece + used, n - used);
			if (k > n - used)
				abort();
			used += k;
			if (p.state == HTTP_FAILED) {
				if (!p.error)
					abort();
				free(piece);
				return 0;
			}
			if (p.state == HTTP_DONE)
				http_parser_reset(&p, head);
			else if (k == 0)
				abort(); /* no progress without an ending */
		}
		free(piece);
		off += n;
	}
	http_parser_eof(&p);
	return 0;
}
