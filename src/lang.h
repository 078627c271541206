/*
 * lang — the languages the evidence talks about and the verdicts we can give, with their names.
 * Only Go and Rust are scored; Python and "keep what you have" are outcomes of knock-out rules.
 */
#ifndef VERDICT_LANG_H
#define VERDICT_LANG_H

#include <stddef.h>

enum lang {
	LANG_GO,     /* Go */
	LANG_RUST,   /* Rust */
	LANG_PYTHON, /* Python (ML and data work) */
	LANG_BOTH,   /* a claim about Go and Rust alike */
	LANG_NONE,   /* a claim about neither (other languages, general facts) */
};
#define LANG_SCORED 2 /* LANG_GO and LANG_RUST: the two the engine scores */

enum verdict_kind {
	VERDICT_GO,	/* build it in Go */
	VERDICT_RUST,	/* build it in Rust */
	VERDICT_EITHER, /* too close to call: both fit */
	VERDICT_PYTHON, /* neither: Python (ML / data work) */
	VERDICT_KEEP,	/* neither: keep what already ships */
	VERDICT_HYBRID, /* components differ: Go for some, Rust for others */
};

/* "go", "rust", "python", "both", "none". */
const char *lang_name(enum lang l);

/* "Go", "Rust", ... for prose. */
const char *lang_title(enum lang l);

/* Parses a language name as written in the KB; -1 when unknown. */
int lang_parse(const char *s);

/* "go", "rust", "either", "python", "keep", "hybrid". */
const char *verdict_name(enum verdict_kind v);

/* "Go", "Rust", "either", "Python", "keep what ships", "hybrid": for prose. */
const char *verdict_title(enum verdict_kind v);

/* A part of a system, for prose: its own verdict's title, and where a toss-up part is written in
 * its team's language, "either, so Go here". */
void verdict_part_title(enum verdict_kind own, enum verdict_kind in_system, char *buf, size_t n);

/* What a flip to v reads as: "Go wins", "Rust wins", "it becomes a toss-up", ... */
const char *verdict_outcome(enum verdict_kind v);

/* Parses a verdict name; -1 when unknown. */
int verdict_parse(const char *s);

/* The other scored language. */
enum lang lang_other(enum lang l);

#endif
