/*
 * hist — HDR-style histogram (see hist.h). A value v falls in bucket b = the position of its
 * highest bit above the 11 bits a sub-bucket range covers, and sub-bucket v >> b; the first
 * bucket uses all 2048 sub-buckets, every later one only its upper half (the lower half would
 * repeat the previous bucket), giving 1024 new slots per doubling of the value.
 */
#include "hist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SUB_BITS  11		   /* 2048 sub-buckets: 3 significant figures */
#define SUB_COUNT (1u << SUB_BITS) /* 2048 */
#define SUB_HALF  (SUB_COUNT / 2)  /* 1024 */
#define SUB_MASK  ((uint64_t)SUB_COUNT - 1)
#define BUCKETS	  22			     /* 2048 x 2^21 > 3.6e9 µs */
#define SLOTS	  ((BUCKETS + 1) * SUB_HALF) /* counts array length */

struct hist {
	uint64_t counts[SLOTS];
	uint64_t total, saturated, min, max;
	double sum, sum_sq;
};

static unsigned bucket_of(uint64_t v)
{
	/* position of the highest set bit of (v | SUB_MASK), less the sub-bucket bits */
	unsigned top = 63u - (unsigned)__builtin_clzll(v | SUB_MASK);
	return top - (SUB_BITS - 1);
}

static size_t slot_of(uint64_t v)
{
	unsigned b = bucket_of(v);
	uint64_t sub = v >> b; /* in [SUB_HALF, SUB_COUNT) except in bucket 0 */
	return ((size_t)b << (SUB_BITS - 1)) + (size_t)sub;
}

/* The lowest value that lands in slot i, and the width of the slot. */
static uint64_t slot_low(size_t i, uint64_t *width)
{
	size_t b = i >> (SUB_BITS - 1);
	uint64_t sub = i & (SUB_HALF - 1);
	if (b == 0) {
		*width = 1;
		return i;
	}
	sub += SUB_HALF;
	b -= 1;
	*width = (uint64_t)1 << b;
	return sub << b;
}

struct hist *hist_new(void)
{
	struct hist *h = calloc(1, sizeof *h);
	return h;
}

void hist_free(struct hist *h)
{
	free(h);
}

void hist_reset(struct hist *h)
{
	memset(h, 0, sizeof *h);
}

void hist_record_n(struct hist *h, uint64_t us, uint64_t count)
{
	if (count == 0)
		return;
	if (us > HIST_MAX_US) {
		us = HIST_MAX_US;
		h->saturated += count;
	}
	h->counts[slot_of(us)] += count;
	if (h->total == 0 || us < h->min)
		h->min = us;
	if (us > h->max)
		h->max = us;
	h->total += count;
	h->sum += (double)us * (double)count;
	h->sum_sq += (double)us * (double)us * (double)count;
}

void hist_record(struct hist *h, uint64_t us)
{
	hist_record_n(h, us, 1);
}

void hist_merge(struct hist *into, const struct hist *from)
{
	if (from->total == 0)
		return;
	for (size_t i = 0; i < SLOTS; i++)
		into->counts[i] += from->counts[i];
	if (into->total == 0 || from->min < into->min)
		into->min = from->min;
	if (from->max > into->max)
		into->max = from->max;
	into->total += from->total;
	into->saturated += from->saturated;
	into->sum += from->sum;
	into->sum_sq += from->sum_sq;
}

uint64_t hist_count(const struct hist *h)
{
	return h->total;
}

uint64_t hist_saturated(const struct hist *h)
{
	return h->saturated;
}

uint64_t hist_min(const struct hist *h)
{
	return h->total ? h->min : 0;
}

uint64_t hist_max(const struct hist *h)
{
	return h->max;
}

double hist_mean(const struct hist *h)
{
	return h->total ? h->sum / (double)h->total : 0;
}

double hist_stddev(const struct hist *h)
{
	if (h->total == 0)
		return 0;
	double m = hist_mean(h);
	double var = h->sum_sq / (double)h->total - m * m;
	return var > 0 ? sqrt(var) : 0;
}

/* The highest value equivalent to those in slot i, capped at the exact max. */
static uint64_t slot_value(const struct hist *h, size_t i)
{
	uint64_t width, low = slot_low(i, &width);
	uint64_t v = low + width - 1;
	return v > h->max ? h->max : v < h->min ? h->min : v;
}

uint64_t hist_percentile(const struct hist *h, double p)
{
	if (h->total == 0)
		return 0;
	if (p <= 0)
		return h->min;
	if (p >= 100)
		return h->max;
	uint64_t want = (uint64_t)ceil(p / 100 * (double)h->total);
	if (want == 0)
		want = 1;
	uint64_t seen = 0;
	for (size_t i = 0; i < SLOTS; i++) {
		seen += h->counts[i];
		if (seen >= want)
			return slot_value(h, i);
	}
	return h->max;
}

void hist_spectrum(const struct hist *h, int ticks,
		   void (*fn)(void *ctx, double percentile, uint64_t value_us, uint64_t count),
		   void *ctx)
{
	if (h->total == 0 || ticks < 1)
		return;
	/* percentiles 0, then steps of (remaining / 2) / ticks: 50%, 75%, 87.5%, ... each split
	 * into `ticks` points, until the last recorded value */
	uint64_t seen = 0;
	size_t i = 0;
	double next = 0;
	int points = 0;
	/* stop refining once less than half a recorded value remains above `next`: finer
	 * percentiles cannot differ, and the steps would shrink below floating-point resolution */
	double floor_pct = 50.0 / (double)h->total;
	while (i < SLOTS) {
		while (i < SLOTS && h->counts[i] == 0)
			i++;
		if (i == SLOTS)
			break;
		seen += h->counts[i];
		double at = 100.0 * (double)seen / (double)h->total;
		while (next <= at && 100 - next > floor_pct && points < 4000) {
			fn(ctx, next, slot_value(h, i), seen);
			points++;
			double remaining = 100 - next;
			double half = pow(2, floor(log2(100 / remaining)) + 1);
			next += 100 / half / ticks;
		}
		i++;
	}
	fn(ctx, 100, h->max, h->total);
}

double hist_resolution(void)
{
	return 1.0 / SUB_HALF;
}
