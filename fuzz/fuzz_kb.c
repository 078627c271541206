/*
 * fuzz_kb — libFuzzer harness for the knowledge-base loader: the fuzz input is an extra KB file
 * loaded beside the real ones, so mutations reach every section's validation.
 */
#include <stddef.h>
#include <stdint.h>

#include "kb.h"
#include "embedded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[80], *bufs[80];
	size_t lens[80], n = 0;
	for (size_t i = 0; i < kb_embedded_count && n < 79; i++, n++) {
		names[n] = kb_embedded_files[i].name;
		bufs[n] = kb_embedded_files[i].data;
		lens[n] = kb_embedded_files[i].len;
	}
	names[n] = "fuzz.yaml";
	bufs[n] = (const char *)data;
	lens[n] = size;
	n++;
	struct err e = {0};
	kb_free(kb_load_buffers(names, bufs, lens, n, &e));
	return 0;
}
