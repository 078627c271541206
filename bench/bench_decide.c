/*
 * bench_decide — CPU time of each stage of `verdict decide` in-process, median of many runs:
 * loading the embedded KB, parsing the profile, the point decision, the Monte Carlo at 10,000
 * and 100,000 samples, the flip search, the costs, rendering JSON. CPU time
 * (CLOCK_PROCESS_CPUTIME_ID), so a busy neighbour core does not inflate it.
 * Usage: bench_decide PROFILE.yaml [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "kb.h"
#include "profile.h"
#include "render.h"
#include "uncertainty.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_decide PROFILE.yaml [RUNS]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 200;
	if (runs < 1 || runs > 100000)
		runs = 200;
	enum { LOAD, PARSE, DECIDE, MC10K, MC100K, FLIPS, COSTS, RENDER, TOTAL, STAGES };
	const char *names[STAGES] = {"load KB",		"parse profile",    "decide (point)",
				     "Monte Carlo 10k", "Monte Carlo 100k", "flips",
				     "costs",		"render JSON",	    "total (10k samples)"};
	double *t[STAGES];
	for (int i = 0; i < STAGES; i++)
		t[i] = calloc((size_t)runs, sizeof(double));
	for (int r = 0; r < runs; r++) {
		struct err e = {0};
		double t0 = now_ms();
		struct kb *kb = kb_load(NULL, &e);
		double t1 = now_ms();
		struct profile *p = kb ? profile_load(argv[1], &e) : NULL;
		double t2 = now_ms();
		struct verdict v;
		memset(&v, 0, sizeof v);
		v.kb_version = kb ? kb->version : "";
		if (!p || engine_decide_one(kb, p, &v.overall, &e) != 0) {
			fprintf(stderr, "bench_decide: %s\n", e.msg);
			return 1;
		}
		double t3 = now_ms();
		const struct profile *one = p;
		uncertainty_win_probability(kb, &one, &v.overall, 1, 10000, 1, NULL);
		double t4 = now_ms();
		/* 100k samples are timed on every 10th run only: they dominate otherwise */
		double big = 0;
		if (r % 10 == 0) {
			struct decision *d = malloc(sizeof *d);
			*d = v.overall;
			double b0 = now_ms();
			uncertainty_win_probability(kb, &one, d, 1, 100000, 1, NULL);
			big = now_ms() - b0;
			free(d);
		}
		double t5 = now_ms();
		uncertainty_flips(kb, p, &v.overall);
		double t6 = now_ms();
		cost_estimate(kb, p, 0, &v.overall.costs, &e);
		v.overall.has_costs = true;
		double t7 = now_ms();
		json_t *j = render_json(kb, &v);
		char *s = json_dumps(j, JSON_INDENT(2));
		double t8 = now_ms();
		free(s);
		json_decref(j);
		profile_free(p);
		kb_free(kb);
		t[LOAD][r] = t1 - t0;
		t[PARSE][r] = t2 - t1;
		t[DECIDE][r] = t3 - t2;
		t[MC10K][r] = t4 - t3;
		t[MC100K][r] = big;
		t[FLIPS][r] = t6 - t5;
		t[COSTS][r] = t7 - t6;
		t[RENDER][r] = t8 - t7;
		t[TOTAL][r] = (t4 - t0) + (t8 - t5);
	}
	printf("in-process CPU time, median of %d runs (%s):\n", runs, argv[1]);
	for (int i = 0; i < STAGES; i++) {
		int n = runs;
		if (i == MC100K) { /* only every 10th run measured it */
			n = 0;
			for (int r = 0; r < runs; r += 10)
				t[i][n++] = t[i][r];
		}
		printf("  %-20s %9.3f ms\n", names[i], median(t[i], n));
	}
	for (int i = 0; i < STAGES; i++)
		free(t[i]);
	return 0;
}
