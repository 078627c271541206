/*
 * evidence — `verdict decide|cost --evidence RESULTS.json`: a `verdict lab` run becomes evidence
 * that takes precedence over the published figures. Each measure the knowledge base ties to a
 * criterion (data/kb/measures.yaml) becomes a claim whose source is the run ("measured on HOST,
 * DATE, TOOLCHAINS"); it rescores that criterion for both languages, is the claim its reasons
 * cite, and replaces the published figures in the cost model (the memory ratio, and Rust's
 * build time relative to Go's). `verdict scan --build` writes the same kind of file for one
 * repository's own build ("kind": "scan-build"), used for the CI cost and the build criterion.
 */
#ifndef VERDICT_EVIDENCE_H
#define VERDICT_EVIDENCE_H

#include <stddef.h>

#include "err.h"
#include "kb.h"

#define EVIDENCE_MAX_BYTES (16u << 20)

/* Reads the lab results at path and applies them to kb (which must be freshly loaded: the
 * claims and criteria it changes are kb's own, allocated in kb's arena). Returns 0, or -1 with
 * *e set (exit 2 for a malformed or foreign file) and kb unchanged. */
int evidence_apply(struct kb *kb, const char *path, struct err *e);

/* The same from bytes in memory; `name` labels messages (the fuzzer's entry point). */
int evidence_apply_buffer(struct kb *kb, const char *name, const char *buf, size_t len,
			  struct err *e);

#endif
