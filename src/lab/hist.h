/*
 * hist — a latency histogram in the HDR style: logarithmic buckets, each split into 2048
 * linear sub-buckets, so any value from 1 µs to 1 hour is kept to 3 significant figures in
 * constant time and fixed memory (about 190 KB). Histograms of the same shape merge by adding
 * counts, so each load-generator thread records into its own and they are merged at the end.
 * Exact count, sum, sum of squares, min and max are kept beside the buckets.
 */
#ifndef VERDICT_HIST_H
#define VERDICT_HIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HIST_MAX_US 3600000000ULL /* 1 hour in microseconds: the largest value kept apart */

struct hist;

/* A new, empty histogram; NULL when out of memory. Free with hist_free. */
struct hist *hist_new(void);

/* Frees h; hist_free(NULL) is a no-op. */
void hist_free(struct hist *h);

/* Empties h. */
void hist_reset(struct hist *h);

/* Records one value in microseconds; values above HIST_MAX_US are recorded as HIST_MAX_US and
 * counted in hist_saturated. Constant time. */
void hist_record(struct hist *h, uint64_t us);

/* Records `count` copies of a value. */
void hist_record_n(struct hist *h, uint64_t us, uint64_t count);

/* Adds every recorded value of `from` to `into`. */
void hist_merge(struct hist *into, const struct hist *from);

/* --- reading ---------------------------------------------------------------------------------- */

uint64_t hist_count(const struct hist *h);
uint64_t hist_saturated(const struct hist *h); /* values that exceeded HIST_MAX_US */
uint64_t hist_min(const struct hist *h);       /* exact; 0 when empty */
uint64_t hist_max(const struct hist *h);       /* exact; 0 when empty */
double hist_mean(const struct hist *h);	       /* exact; 0 when empty */
double hist_stddev(const struct hist *h);      /* exact population standard deviation */

/* The value at percentile p (0..100): the highest value equivalent (to 3 significant figures) to
 * the smallest recorded value with at least p% of the count at or below it. 0 when empty. */
uint64_t hist_percentile(const struct hist *h, double p);

/* Calls fn for each point of the percentile spectrum (HdrHistogram style: finer steps towards
 * the tail, `ticks` per halving of the remaining distance to 100%), ending at 100%. */
void hist_spectrum(const struct hist *h, int ticks,
		   void (*fn)(void *ctx, double percentile, uint64_t value_us, uint64_t count),
		   void *ctx);

/* The relative resolution: two values within this fraction of each other may share a bucket. */
double hist_resolution(void);

#endif
