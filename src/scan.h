/*
 * scan — `verdict scan`: a profile inferred from a git repository, every field with the evidence
 * it came from. The history (scan_history.c, through libgit2) gives the team's numbers; the
 * committed tree (scan_code.c) the languages, the way GitHub's linguist counts them; the
 * manifests and imports (scan_deps.c, mapped by data/kb/dependencies.yaml) what is being built,
 * where it runs and what it reuses; `--build` (scan_build.c) the repository's own build times.
 * Where the evidence is weak a field keeps its default and says why: never a guess presented as
 * a finding.
 */
#ifndef VERDICT_SCAN_H
#define VERDICT_SCAN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "kb.h"

#define SCAN_DEFAULT_SINCE_DAYS 90

struct scan_options {
	const char *dir;	   /* the repository's top (a work tree or a bare repository) */
	long since_days;	   /* the team window before HEAD's date */
	bool build;		   /* also build the repository and time it */
	bool show_people;	   /* name the people counted (never by default) */
	const char *build_dir;	   /* --build works here (NULL: $TMPDIR or /tmp) */
	FILE *progress;		   /* --build reports each step here, or NULL */
	const char *evidence_path; /* where --build's evidence is written, for the profile's note */
};

struct scan;

/* Scans the repository o->dir with kb's dependency table. Returns the scan (free with scan_free)
 * or NULL with *e set: an input error for what is not a scannable repository (not git, no
 * commits, unreadable objects), internal for out of memory. Reads only; --build works in a
 * directory of its own that is removed again. */
struct scan *scan_run(const struct kb *kb, const struct scan_options *o, struct err *e);

/* Frees s; scan_free(NULL) is a no-op. */
void scan_free(struct scan *s);

/* Writes the profile as YAML with a comment after each field naming its evidence. */
void scan_write_yaml(FILE *f, const struct scan *s);

/* The same fields as one JSON object, each {value, inferred, evidence}, plus what was read.
 * Returns a new reference, NULL when out of memory. */
json_t *scan_to_json(const struct scan *s);

/* With --build: the measurements as evidence for `decide --evidence` (a new reference), or NULL
 * when the scan did not build. */
json_t *scan_build_evidence(const struct scan *s);

/* Parses a --since duration: N followed by d (days), w (weeks), m (months of 30 days) or y
 * (years of 365 days), from 1 day to 10 years. Returns 0 or -1. */
int scan_parse_since(const char *s, long *days);

#endif
