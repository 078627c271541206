/*
 * fuzz_manifest — libFuzzer harness for what `verdict scan` reads from a repository: every input
 * goes through each manifest and source reader (go.mod, Cargo.toml, the TOML lock files,
 * package.json, pyproject.toml, requirements.txt, Go and Rust sources) and the generated-code
 * check. Readers must return 0 or an error, never crash, hang or leak.
 */
#include <stddef.h>
#include <stdint.h>

#include "scan_manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_dep(void *ctx, enum scan_eco eco, const char *name, enum dep_kind kind)
{
	(void)eco;
	(void)kind;
	*(size_t *)ctx += name[0] != '\0';
	return 0;
}

static int on_fact(void *ctx, const char *fact)
{
	*(size_t *)ctx += fact[0] != '\0';
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	size_t seen = 0;
	struct manifest_sink s = {.ctx = &seen, .dep = on_dep, .fact = on_fact};
	struct err e = {0};
	if (size > MANIFEST_MAX_BYTES)
		return 0;
	manifest_go_mod("go.mod", buf, size, &s, &e);
	manifest_cargo_toml("Cargo.toml", buf, size, &s, &e);
	manifest_lock("Cargo.lock", ECO_RUST, buf, size, &s, &e);
	manifest_lock("poetry.lock", ECO_PYTHON, buf, size, &s, &e);
	manifest_package_json("package.json", buf, size, &s, &e);
	manifest_pyproject("pyproject.toml", buf, size, &s, &e);
	manifest_requirements("requirements.txt", buf, size, false, &s, &e);
	manifest_go_source("main.go", buf, size, false, &s, &e);
	manifest_go_source("main_test.go", buf, size, true, &s, &e);
	manifest_rust_source("lib.rs", buf, size, &s, &e);
	manifest_generated(buf, size);
	return 0;
}
