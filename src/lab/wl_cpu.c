/*
 * wl_cpu — Benchmarks Game kernels (n-body, fannkuch-redux, spectral-norm, binary-trees), the
 * same single-threaded algorithm in Go, Rust and C, each pinned to one core. Every program is
 * first run at the benchmark's own check size and its output compared with the published one;
 * every timed run's output is compared too. Elapsed and CPU time come from wait4 on the program
 * itself, peak RSS from its VmHWM (or wait4's figure, labelled, for a run too short to sample).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lab/run.h"

#define CPU_TIMEOUT_S 600

struct kernel {
	const char *name; /* the program's argument and the results' key */
	long check_n, quick_n, full_n;
	/* expected output at each size; NULL: computed (binary-trees) */
	const char *check_out, *quick_out, *full_out;
};

/* Outputs at check size are the Benchmarks Game's; the larger sizes were produced by the three
 * implementations agreeing with each other. */
static const struct kernel kernels[] = {
    {"nbody", 1000, 2000000, 10000000, "-0.169075164\n-0.169087605\n",
     "-0.169075164\n-0.169026286\n", "-0.169075164\n-0.169077842\n"},
    {"fannkuch", 7, 10, 11, "228\nPfannkuchen(7) = 16\n", "73196\nPfannkuchen(10) = 38\n",
     "556355\nPfannkuchen(11) = 51\n"},
    {"spectral", 100, 1500, 3000, "1.274219991\n", "1.274224151\n", "1.274224153\n"},
    {"trees", 10, 17, 19, NULL, NULL, NULL},
};
#define NKERNELS (sizeof kernels / sizeof *kernels)

/* binary-trees' output follows from its depth: a full tree of depth d has 2^(d+1) - 1 nodes. */
static void trees_output(long n, char *buf, size_t size)
{
	int max = n < 6 ? 6 : (int)n;
	size_t off = 0;
	off += (size_t)snprintf(buf + off, size - off, "stretch tree of depth %d\t check: %ld\n",
				max + 1, (1L << (max + 2)) - 1);
	for (int d = 4; d <= max && off < size; d += 2) {
		long iters = 1L << (max - d + 4);
		off += (size_t)snprintf(buf + off, size - off,
					"%ld\t trees of depth %d\t check: %ld\n", iters, d,
					iters * ((1L << (d + 1)) - 1));
	}
	if (off < size)
		snprintf(buf + off, size - off, "long lived tree of depth %d\t check: %ld\n", max,
			 (1L << (max + 1)) - 1);
}

static const char *expected(long n, const char *given, char *buf, size_t size)
{
	if (given)
		return given;
	trees_output(n, buf, size);
	return buf;
}

/* Runs one program once. Returns 0 (result in *r, output checked: *right), or -1 to stop. */
static int run_kernel(struct lab_run *run, enum lab_impl impl, const struct kernel *k, long n,
		      const char *want, struct proc_result *r, bool *right, struct err *e)
{
	char arg[32];
	snprintf(arg, sizeof arg, "%ld", n);
	char *argv[] = {run->bin[impl][1], (char *)k->name, arg, NULL};
	struct proc_spec spec = {.argv = argv, .cpu = run->server_cpu, .timeout_s = CPU_TIMEOUT_S};
	if (proc_run(&spec, r, e) != 0)
		return -1;
	*right = r->exit_code == 0 && !r->timed_out && strcmp(r->out, want) == 0;
	return 0;
}

/* Says where each run's peak RSS came from: "rss_sources" run by run, and "rss_source" for the
 * figure as a whole: "vmhwm" or "wait4" when every run agrees, else "mixed". */
static void rss_sources(json_t *x, const enum proc_rss_source *src, size_t n)
{
	json_t *list = json_array();
	const char *all = n ? proc_rss_source_name(src[0]) : "none";
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(list, json_string(proc_rss_source_name(src[i])));
		if (src[i] != src[0])
			all = "mixed";
	}
	json_object_set_new(x, "rss_source", json_string(all));
	json_object_set_new(x, "rss_sources", list);
}

int wl_cpu(struct lab_run *run, struct err *e)
{
	static const enum lab_impl impls[] = {IMPL_GO, IMPL_RUST, IMPL_C};
	json_t *kj = json_object();
	json_t *cpu = json_pack("{s:o}", "kernels", kj);
	json_object_set_new(cpu, "pinned_cpu",
			    run->server_cpu >= 0 ? json_integer(run->server_cpu) : json_null());
	json_object_set_new(run->workloads, "cpu", cpu);
	int reps = run->repeats;
	for (size_t ki = 0; ki < NKERNELS; ki++) {
		const struct kernel *k = &kernels[ki];
		long n = run->o->quick ? k->quick_n : k->full_n;
		char check_buf[1024], want_buf[1024];
		const char *check = expected(k->check_n, k->check_out, check_buf, sizeof check_buf);
		const char *want = expected(n, run->o->quick ? k->quick_out : k->full_out, want_buf,
					    sizeof want_buf);
		bool ok[IMPL_COUNT] = {false};
		lab_step(run, "cpu: %s, checking output", k->name);
		for (size_t i = 0; i < sizeof impls / sizeof *impls; i++) {
			enum lab_impl im = impls[i];
			if (!run->have[im])
				continue;
			struct proc_result r;
			bool right;
			if (run_kernel(run, im, k, k->check_n, check, &r, &right, e) != 0)
				return -1;
			ok[im] = right;
			if (!right) {
				char why[512];
				snprintf(why, sizeof why, "%s %ld printed the wrong result: %.200s",
					 k->name, k->check_n, r.out_len ? r.out : r.err_tail);
				lab_skip(run, LAB_CPU, im, why);
			}
			proc_result_free(&r);
		}
		double el[IMPL_COUNT][64], cp[IMPL_COUNT][64], rss[IMPL_COUNT][64];
		enum proc_rss_source src[IMPL_COUNT][64];
		for (int rep = 0; rep < reps && rep < 64; rep++) {
			lab_step(run, "cpu: %s %ld, run %d/%d", k->name, n, rep + 1, reps);
			for (size_t i = 0; i < sizeof impls / sizeof *impls; i++) {
				enum lab_impl im = impls[i];
				if (!ok[im])
					continue;
				struct proc_result r;
				bool right;
				if (run_kernel(run, im, k, n, want, &r, &right, e) != 0)
					return -1;
				el[im][rep] = r.elapsed_s;
				cp[im][rep] = r.cpu_s;
				rss[im][rep] = (double)r.max_rss_kb;
				src[im][rep] = r.rss_source;
				if (!right) {
					ok[im] = false;
					lab_skip(run, LAB_CPU, im,
						 "a timed run printed the wrong result");
				}
				proc_result_free(&r);
			}
		}
		json_t *kr = json_pack("{s:I}", "n", (json_int_t)n);
		for (size_t i = 0; i < sizeof impls / sizeof *impls; i++) {
			enum lab_impl im = impls[i];
			if (!ok[im])
				continue;
			json_t *x = json_pack("{s:o, s:o, s:o}", "elapsed_s",
					      lab_stat(el[im], (size_t)reps), "cpu_s",
					      lab_stat(cp[im], (size_t)reps), "max_rss_kb",
					      lab_stat(rss[im], (size_t)reps));
			rss_sources(x, src[im], (size_t)reps);
			json_object_set_new(kr, lab_impl_name(im), x);
		}
		json_object_set_new(kj, k->name, kr);
	}
	return lab_check_stop(run, e);
}
