/*
 * fuzz_evidence — libFuzzer harness for `--evidence`: the input is a lab results file, applied to
 * the embedded KB. A successful apply changes the KB, so the KB is reloaded after one.
 */
#include <stddef.h>
#include <stdint.h>

#include "evidence.h"
#include "kb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kb *kb;
	struct err e = {0};
	if (!kb)
		kb = kb_load(NULL, &e);
	if (!kb)
		return 0;
	if (evidence_apply_buffer(kb, "fuzz.json", (const char *)data, size, &e) == 0) {
		kb_free(kb);
		kb = NULL;
	}
	return 0;
}
