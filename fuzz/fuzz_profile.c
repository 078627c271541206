/*
 * fuzz_profile — libFuzzer harness for the profile parser and the engine behind it: any bytes
 * must either parse into a profile that the engine can decide, or fail with an input error.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "engine.h"
#include "kb.h"
#include "profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kb *kb;
	struct err e = {0};
	if (!kb) {
		kb = kb_load(NULL, &e);
		if (!kb)
			abort();
	}
	struct profile *p = profile_parse("fuzz.yaml", (const char *)data, size, &e);
	if (!p) {
		if (e.kind != ERR_INPUT && e.kind != ERR_INTERNAL)
			abort(); /* a failure must always say why */
		return 0;
	}
	/* every stage runs (sampling, flips, costs), with few samples: the fuzzer is after code
	 * paths, and 10,000 identical draws per input would only slow it down */
	struct engine_options o = engine_defaults();
	o.samples = 200;
	struct verdict v;
	if (engine_decide(kb, p, &o, &v, &e) == 0)
		verdict_free(&v);
	profile_free(p);
	return 0;
}
