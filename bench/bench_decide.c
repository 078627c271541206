/*
 * bench_decide — CPU time of each stage of `verdict decide` in-process, median of many runs:
 * loading the embedded KB, parsing the profile, deciding, rendering JSON. CPU time
 * (CLOCK_PROCESS_CPUTIME_ID), so a busy neighbour core does not inflate it.
 * Usage: bench_decide PROFILE.yaml [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "engine.h"
#include "kb.h"
#include "profile.h"
#include "render.h"

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
	double *t[5];
	for (int i = 0; i < 5; i++)
		t[i] = calloc((size_t)runs, sizeof(double));
	for (int r = 0; r < runs; r++) {
		struct err e = {0};
		double t0 = now_ms();
		struct kb *kb = kb_load(NULL, &e);
		double t1 = now_ms();
		struct profile *p = kb ? profile_load(argv[1], &e) : NULL;
		double t2 = now_ms();
		struct verdict v;
		if (!p || engine_decide(kb, p, NULL, &v, &e) != 0) {
			fprintf(stderr, "bench_decide: %s\n", e.msg);
			return 1;
		}
		double t3 = now_ms();
		json_t *j = render_json(kb, &v);
		char *s = json_dumps(j, JSON_INDENT(2));
		double t4 = now_ms();
		free(s);
		json_decref(j);
		verdict_free(&v);
		profile_free(p);
		kb_free(kb);
		t[0][r] = t1 - t0;
		t[1][r] = t2 - t1;
		t[2][r] = t3 - t2;
		t[3][r] = t4 - t3;
		t[4][r] = t4 - t0;
	}
	const char *names[] = {"load KB", "parse profile", "decide", "render JSON", "total"};
	printf("in-process CPU time, median of %d runs (%s):\n", runs, argv[1]);
	for (int i = 0; i < 5; i++)
		printf("  %-14s %8.3f ms\n", names[i], median(t[i], runs));
	for (int i = 0; i < 5; i++)
		free(t[i]);
	return 0;
}
