/*
 * svg — charts drawn by us as inline SVG, for the HTML report and the web page: horizontal bars
 * with ranges, the tornado of flips, latency percentiles on a log scale, cost over the horizon.
 * Output is plain SVG 1.1 text with no scripts and no external references; every text is
 * escaped, so a name from a profile cannot inject markup.
 */
#ifndef VERDICT_SVG_H
#define VERDICT_SVG_H

#include <stdio.h>

/* One bar: a value with an optional range, in one of two series (0 = Go, 1 = Rust). */
struct svg_bar {
	const char *label;
	double value[2], low[2], high[2];
};

/* Paired horizontal bars (Go and Rust) per label, with range whiskers; `unit` labels the axis,
 * `max` is the axis end (<= 0: the largest high). */
void svg_bars(FILE *f, const char *title, const struct svg_bar *bars, int n, double max,
	      const char *unit);

/* One flip for the tornado: how far the input must move (relative distance) and a label. */
struct svg_flip {
	const char *label;
	double distance;
	int to_rust; /* colour: 1 Rust, 0 Go, -1 other */
};

/* Tornado chart: the nearest flips as bars, shortest first. */
void svg_tornado(FILE *f, const char *title, const struct svg_flip *flips, int n);

/* One point of a latency curve. */
struct svg_point {
	double percentile, ms;
};

/* Latency by percentile: x on a "nines" log scale (50%, 90%, 99%, ...), y in ms on a log scale;
 * up to two series (names[i], points[i], counts[i]). */
void svg_latency(FILE *f, const char *title, const char *const *names,
		 const struct svg_point *const *points, const int *counts, int series);

/* Cumulative cost over `years` years for Go and Rust, with low/high bands; per_year[l] and
 * once[l] are USD (once: paid in the first year). */
void svg_cost_horizon(FILE *f, const char *title, int years, const double per_year[2],
		      const double low[2], const double high[2]);

/* Writes s with &, <, >, " and ' escaped for XML/HTML. */
void svg_escape(FILE *f, const char *s);

#endif
