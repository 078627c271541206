/*
 * backtest — the engine judged against decisions real teams made and documented. Each case is
 * a profile file (the situation before the decision) whose header says what the team chose,
 * which answers a reasonable expert accepts, and the source:
 *   # chose: go | rust | python | keep | hybrid
 *   # accept: go either             (space-separated verdicts)
 *   # source: https://...           (required)
 *   # year: 2021                    (optional)
 *   # expect-component: NAME=VERDICT (optional, repeatable)
 * The summary says how often the verdict is accepted, per chosen class and overall, against
 * answering "go" or "rust" every time; how sure the engine was when it was wrong; the Brier
 * score of its confidence; and how often answers at each confidence level are right.
 */
#ifndef VERDICT_BACKTEST_H
#define VERDICT_BACKTEST_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "kb.h"
#include "lang.h"

#define BACKTEST_MAX_CASES 1000
#define BACKTEST_BINS	   6

struct backtest_case {
	char *file;		 /* path as given (owned) */
	char *source;		 /* URL (owned) */
	int year;		 /* 0 when not given */
	enum verdict_kind chose; /* what the team did */
	unsigned accept;	 /* mask of 1u << verdict_kind */
	enum verdict_kind got;	 /* the engine's verdict */
	double confidence;	 /* the engine's probability for its own answer */
	bool ok;		 /* got is accepted */
	int components_expected, components_ok;
};

/* A confidence band [low, high) and how the answers in it fared. */
struct backtest_bin {
	double low, high;
	size_t n, right;
	double mean_confidence;
};

struct backtest {
	struct backtest_case *cases;
	size_t n;
	size_t agree;
	size_t class_n[VERDICT_HYBRID + 1], class_agree[VERDICT_HYBRID + 1];
	size_t always_go, always_rust; /* what a constant answer would get right */
	size_t confident_wrong;	       /* wrong at confidence >= 0.9 */
	double brier;		       /* mean of (confidence - right)^2 */
	struct backtest_bin bins[BACKTEST_BINS];
};

/* Runs the engine (Monte Carlo with `samples` draws and seed 1) on every *.yaml case in the
 * given paths (directories are read in name order, not recursively; files are taken as they
 * are). Returns 0 and fills *b (free with backtest_free), or -1 with *e set: "FILE:LINE: what
 * is wrong" for a case whose header or profile is bad, and nothing left allocated. */
int backtest_run(const struct kb *kb, const char *const *paths, size_t npaths, long samples,
		 struct backtest *b, struct err *e);

/* Frees what backtest_run allocated; backtest_free(NULL) is a no-op. */
void backtest_free(struct backtest *b);

#endif
