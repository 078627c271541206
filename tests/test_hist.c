/*
 * test_hist — the histogram against exact percentiles of sorted data, merging, bounds.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lab/hist.h"
#include "rng.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The exact percentile of sorted values, with the histogram's rank rule (ceil). */
static uint64_t exact(const uint64_t *v, size_t n, double p)
{
	if (p <= 0)
		return v[0];
	size_t rank = (size_t)ceil(p / 100 * (double)n);
	if (rank == 0)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

static void check_against_sorted(uint64_t *v, size_t n, const char *what)
{
	struct hist *h = hist_new();
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		hist_record(h, v[i]);
		sum += (double)v[i];
	}
	qsort(v, n, sizeof *v, cmp_u64);
	const double ps[] = {0, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100};
	for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
		uint64_t want = exact(v, n, ps[i]), got = hist_percentile(h, ps[i]);
		/* the histogram reports the top of the bucket holding the exact value: never below
		 * it, and above by at most its resolution (3 significant figures) */
		double bound = (double)want * hist_resolution() + 1;
		if (got < want || (double)(got - want) > bound)
			fail_msg("%s: p%g exact %llu, histogram %llu (bound %g)", what, ps[i],
				 (unsigned long long)want, (unsigned long long)got, bound);
	}
	assert_int_equal(hist_count(h), n);
	assert_int_equal(hist_min(h), v[0]);
	assert_int_equal(hist_max(h), v[n - 1]);
	assert_true(fabs(hist_mean(h) - sum / (double)n) <= 1e-9 * sum / (double)n + 1e-9);
	hist_free(h);
}

static void percentiles_match_sorted_data(void **state)
{
	(void)state;
	struct rng r;
	rng_seed(&r, 7);
	size_t n = 200000;
	uint64_t *v = malloc(n * sizeof *v);
	/* log-uniform over 1 µs .. 1 h: every bucket of the range */
	for (size_t i = 0; i < n; i++)
		v[i] = (uint64_t)exp(rng_unit(&r) * log((double)HIST_MAX_US));
	check_against_sorted(v, n, "log-uniform");
	/* latency-like: a 100 µs body and a 1% tail up to 100 ms */
	for (size_t i = 0; i < n; i++)
		v[i] = rng_unit(&r) < 0.99 ? 50 + (uint64_t)(rng_unit(&r) * 100)
					   : 1000 + (uint64_t)(rng_unit(&r) * 99000);
	check_against_sorted(v, n, "bimodal");
	/* small integers are exact */
	for (size_t i = 0; i < n; i++)
		v[i] = rng_next(&r) % 2048;
	check_against_sorted(v, n, "small");
	free(v);
}

static void merge_equals_recording_all(void **state)
{
	(void)state;
	struct rng r;
	rng_seed(&r, 11);
	struct hist *a = hist_new(), *b = hist_new(), *all = hist_new();
	for (int i = 0; i < 50000; i++) {
		uint64_t x = (uint64_t)exp(rng_unit(&r) * 20);
		hist_record(i % 3 ? a : b, x);
		hist_record(all, x);
	}
	hist_merge(a, b);
	assert_int_equal(hist_count(a), hist_count(all));
	assert_int_equal(hist_min(a), hist_min(all));
	assert_int_equal(hist_max(a), hist_max(all));
	assert_true(fabs(hist_mean(a) - hist_mean(all)) < 1e-6 * hist_mean(all));
	assert_true(fabs(hist_stddev(a) - hist_stddev(all)) < 1e-6 * hist_stddev(all));
	for (double p = 0; p <= 100; p += 0.5)
		assert_int_equal(hist_percentile(a, p), hist_percentile(all, p));
	hist_free(a);
	hist_free(b);
	hist_free(all);
}

static void bounds_and_saturation(void **state)
{
	(void)state;
	struct hist *h = hist_new();
	assert_int_equal(hist_percentile(h, 50), 0);
	hist_record(h, 0);
	hist_record(h, 1);
	hist_record(h, HIST_MAX_US);
	hist_record(h, HIST_MAX_US * 10);
	assert_int_equal(hist_saturated(h), 1);
	assert_int_equal(hist_max(h), HIST_MAX_US);
	assert_int_equal(hist_min(h), 0);
	assert_int_equal(hist_percentile(h, 100), HIST_MAX_US);
	hist_record_n(h, 500, 1000);
	assert_int_equal(hist_count(h), 1004);
	assert_int_equal(hist_percentile(h, 50), 500);
	hist_reset(h);
	assert_int_equal(hist_count(h), 0);
	hist_free(h);
}

struct spectrum {
	double last_p;
	uint64_t last_v;
	int points;
	bool ended;
};

static void on_point(void *ctx, double p, uint64_t v, uint64_t count)
{
	struct spectrum *s = ctx;
	(void)count;
	assert_true(p >= s->last_p);
	assert_true(v >= s->last_v);
	s->last_p = p;
	s->last_v = v;
	s->points++;
	s->ended = p == 100;
}

static void spectrum_is_monotone_and_ends_at_max(void **state)
{
	(void)state;
	struct hist *h = hist_new();
	for (uint64_t i = 1; i <= 100000; i++)
		hist_record(h, i);
	struct spectrum s = {0};
	hist_spectrum(h, 5, on_point, &s);
	assert_true(s.ended);
	assert_int_equal(s.last_v, 100000);
	assert_true(s.points > 40 && s.points < 4100);
	hist_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(percentiles_match_sorted_data),
	    cmocka_unit_test(merge_equals_recording_all),
	    cmocka_unit_test(bounds_and_saturation),
	    cmocka_unit_test(spectrum_is_monotone_and_ends_at_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
