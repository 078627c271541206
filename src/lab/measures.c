/*
 * measures — turns a run's raw workloads into the measures the knowledge base knows
 * (data/kb/measures.yaml): for each, Go's and Rust's median with their spread, Rust's advantage
 * (above 1 Rust does better) with bounds from the runs' extremes, and whether the articles'
 * figure holds on this machine. Also the human summary `verdict lab` prints.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lab/lab.h"

struct value {
	double median, min, max;
	bool ok;
};

/* A stat object {"median", "min", "max"} or a plain number. */
static struct value value_of(const json_t *j)
{
	struct value v = {0, 0, 0, false};
	if (json_is_number(j)) {
		v.median = v.min = v.max = json_number_value(j);
		v.ok = true;
	} else if (json_is_object(j) && json_is_number(json_object_get(j, "median"))) {
		v.median = json_number_value(json_object_get(j, "median"));
		v.min = json_number_value(json_object_get(j, "min"));
		v.max = json_number_value(json_object_get(j, "max"));
		v.ok = true;
	}
	v.ok = v.ok && v.median > 0 && v.min > 0 && v.max > 0;
	return v;
}

/* workloads.<w>.<impl>.<key> (key may be "a.b" for one level of nesting). */
static struct value lookup(const json_t *workloads, const char *w, const char *impl,
			   const char *key)
{
	const json_t *x = json_object_get(json_object_get(workloads, w), impl);
	char first[64];
	const char *dot = strchr(key, '.');
	if (dot) {
		snprintf(first, sizeof first, "%.*s", (int)(dot - key), key);
		x = json_object_get(x, first);
		if (json_is_array(x))
			x = json_array_get(x, 0);
		key = dot + 1;
	}
	return value_of(json_object_get(x, key));
}

/* Where each measure's values are: workload, key. */
static const struct {
	const char *id, *workload, *key;
} where[] = {
    {"build-clean", "build", "clean_s"},
    {"build-incremental", "build", "incremental_s"},
    {"build-own-code", "build", "own_code_s"},
    {"http-plaintext-peak", "http-plaintext", "peak_rps"},
    {"http-json-peak", "http-json", "peak_rps"},
    {"http-json-p99", "http-json", "open_loop.p99_ms"},
    {"gc-tail-p99", "gc-tail", "p99_ms"},
    {"gc-tail-p999", "gc-tail", "p999_ms"},
    {"gc-tail-max", "gc-tail", "max_ms"},
    {"gc-tail-worst-second", "gc-tail", "worst_second.p99_ms"},
    {"footprint-start", "footprint", "rss_start_mb"},
    {"footprint-holding", "footprint", "rss_holding_mb"},
    {"binary-size", "footprint", "binary_mb"},
    {"cold-start", "footprint", "cold_start_ms"},
};

/* The workload a measure's values come from, or NULL. */
static const char *workload_of(const char *id)
{
	for (size_t i = 0; i < sizeof where / sizeof *where; i++)
		if (strcmp(where[i].id, id) == 0)
			return where[i].workload;
	return NULL;
}

static const char *const kernels[] = {"nbody", "fannkuch", "spectral", "trees"};

/* The values of measure id for impl ("go" or "rust"). */
static struct value measure_value(const json_t *workloads, const char *id, const char *impl)
{
	for (size_t i = 0; i < sizeof where / sizeof *where; i++)
		if (strcmp(where[i].id, id) == 0)
			return lookup(workloads, where[i].workload, impl, where[i].key);
	const json_t *k = json_object_get(json_object_get(workloads, "cpu"), "kernels");
	if (strncmp(id, "cpu-", 4) == 0)
		return value_of(json_object_get(json_object_get(json_object_get(k, id + 4), impl),
						"elapsed_s"));
	if (strcmp(id, "cpu") == 0) { /* geometric mean over the kernels both languages ran */
		struct value g = {0, 0, 0, true};
		int n = 0;
		for (size_t i = 0; i < sizeof kernels / sizeof *kernels; i++) {
			const json_t *kk = json_object_get(k, kernels[i]);
			struct value go =
			    value_of(json_object_get(json_object_get(kk, "go"), "elapsed_s"));
			struct value ru =
			    value_of(json_object_get(json_object_get(kk, "rust"), "elapsed_s"));
			if (!go.ok || !ru.ok)
				continue;
			struct value v = strcmp(impl, "go") == 0 ? go : ru;
			g.median += log(v.median);
			g.min += log(v.min);
			g.max += log(v.max);
			n++;
		}
		if (n == 0)
			return (struct value){0, 0, 0, false};
		return (struct value){exp(g.median / n), exp(g.min / n), exp(g.max / n), true};
	}
	return (struct value){0, 0, 0, false};
}

static json_t *value_json(struct value v)
{
	return json_pack("{s:f, s:f, s:f}", "median", v.median, "min", v.min, "max", v.max);
}

/* What Rust's advantage a says about the published range p. */
static const char *compare(double a, struct kb_range p, char *buf, size_t size)
{
	if (a >= p.low * 0.999 && a <= p.high * 1.001)
		return "agrees with the published figure";
	const char *here = a > 1 ? "Rust" : "Go";
	if (p.low >= 1 && a < 1)
		snprintf(buf, size, "disagrees: Go does better here, the articles say Rust does");
	else if (p.high <= 1 && a > 1)
		snprintf(buf, size, "disagrees: Rust does better here, the articles say Go does");
	else
		snprintf(buf, size, "disagrees: %s's edge is %s than published", here,
			 (a > p.high) == (a > 1) ? "larger" : "smaller");
	return buf;
}

void lab_measures(json_t *results, const struct kb *kb)
{
	const json_t *workloads = json_object_get(results, "workloads");
	json_t *list = json_array();
	for (size_t i = 0; kb && i < kb->nmeasures; i++) {
		const struct kb_measure *m = &kb->measures[i];
		struct value go = measure_value(workloads, m->id, "go");
		struct value ru = measure_value(workloads, m->id, "rust");
		if (!go.ok || !ru.ok)
			continue;
		double a, lo, hi;
		if (m->higher_better) {
			a = ru.median / go.median;
			lo = ru.min / go.max;
			hi = ru.max / go.min;
		} else {
			a = go.median / ru.median;
			lo = go.min / ru.max;
			hi = go.max / ru.min;
		}
		json_t *x =
		    json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:f, s:f, s:f}", "id", m->id, "name",
			      m->name, "unit", m->unit, "better",
			      m->higher_better ? "higher" : "lower", "go", value_json(go), "rust",
			      value_json(ru), "rust_advantage", a, "low", lo, "high", hi);
		json_object_set_new(x, "criterion",
				    m->criterion >= 0 ? json_string(kb->criteria[m->criterion].id)
						      : json_null());
		json_t *claims = json_array();
		for (size_t c = 0; c < m->nfrom; c++)
			json_array_append_new(claims, json_string(m->from[c]->id));
		const char *finding = "no published figure to compare";
		char buf[128], floor_text[200];
		if (m->has_published) {
			json_object_set_new(x, "published",
					    json_pack("{s:f, s:f, s:o}", "low", m->published.low,
						      "high", m->published.high, "claims", claims));
			finding = compare(a, m->published, buf, sizeof buf);
		} else {
			json_object_set_new(x, "published", json_null());
			json_object_set_new(x, "claims", claims);
		}
		/* a throughput measured at the load generator's limit is only a floor */
		const char *w = workload_of(m->id);
		bool floor =
		    w && m->higher_better &&
		    (json_is_true(
			 json_object_get(json_object_get(json_object_get(workloads, w), "go"),
					 "generator_bound")) ||
		     json_is_true(
			 json_object_get(json_object_get(json_object_get(workloads, w), "rust"),
					 "generator_bound")));
		json_object_set_new(x, "generator_bound", json_boolean(floor));
		if (floor) {
			snprintf(floor_text, sizeof floor_text,
				 "%s (the load generator was the limit: a floor)", finding);
			finding = floor_text;
		}
		json_object_set_new(x, "finding", json_string(finding));
		json_array_append_new(list, x);
	}
	json_object_set_new(results, "measures", list);
}

/* --- the summary ------------------------------------------------------------------------------ */

static void figure(char *buf, size_t size, double v, const char *unit)
{
	if (strcmp(unit, "req/s") == 0)
		snprintf(buf, size, "%.0f/s", v);
	else if (v >= 100)
		snprintf(buf, size, "%.0f %s", v, unit);
	else if (v >= 10)
		snprintf(buf, size, "%.1f %s", v, unit);
	else
		snprintf(buf, size, "%.2f %s", v, unit);
}

static void ratio(char *buf, size_t size, double a)
{
	snprintf(buf, size, a >= 10 || a < 0.1 ? "%.2gx" : "%.2fx", a);
}

static const json_t *workloads_of(const json_t *results)
{
	return json_object_get(results, "workloads");
}

/* The CPU kernels' peak memory, each figure with the source it came from. */
static void rss_summary(FILE *f, const json_t *k)
{
	static const char *const impls[] = {"go", "rust", "c"};
	bool any = false;
	for (size_t i = 0; i < sizeof kernels / sizeof *kernels; i++) {
		const json_t *kk = json_object_get(k, kernels[i]);
		char line[256];
		size_t used = 0;
		for (size_t j = 0; j < sizeof impls / sizeof *impls; j++) {
			const json_t *x = json_object_get(kk, impls[j]);
			struct value v = value_of(json_object_get(x, "max_rss_kb"));
			const char *src = json_string_value(json_object_get(x, "rss_source"));
			if (!v.ok || used >= sizeof line)
				continue;
			used += (size_t)snprintf(line + used, sizeof line - used,
						 "   %-4s %7.1f MB (%s)", impls[j], v.median / 1024,
						 src ? src : "?");
		}
		if (!used)
			continue;
		if (!any)
			fprintf(
			    f,
			    "\n  peak memory of the CPU kernels (median; vmhwm: the program's own "
			    "peak, sampled; wait4: it ended\n  before the first sample, so "
			    "ru_maxrss, an upper bound that includes the image before exec)\n");
		any = true;
		fprintf(f, "    %-10s%s\n", kernels[i], line);
	}
}

void lab_summary(FILE *f, const json_t *results)
{
	const json_t *m = json_object_get(results, "machine");
	const json_t *t = json_object_get(results, "toolchains");
	fprintf(f, "verdict lab: %s, %s (%lld cores), %s\n",
		json_string_value(json_object_get(m, "host")),
		json_string_value(json_object_get(m, "cpu")),
		(long long)json_integer_value(json_object_get(m, "cores")),
		json_string_value(json_object_get(m, "kernel")));
	fprintf(f, "  %s run, %s, %.0f s\n",
		json_is_true(json_object_get(results, "quick")) ? "quick" : "full",
		json_string_value(json_object_get(results, "started")),
		json_number_value(json_object_get(results, "duration_s")));
	const json_t *go = json_object_get(t, "go");
	fprintf(f, "  Go:   %s",
		json_is_true(json_object_get(go, "found"))
		    ? json_string_value(json_object_get(go, "version"))
		    : "not found");
	if (json_is_true(json_object_get(go, "green_tea_gc")))
		fprintf(f, " (Green Tea GC: the Go the articles' GC claims are about)");
	fprintf(f, "\n");
	if (json_object_get(go, "note"))
		fprintf(f, "        note: %s\n", json_string_value(json_object_get(go, "note")));
	const char *keys[] = {"rustc", "cc", "nginx"}, *labels[] = {"Rust", "C", "nginx"};
	for (int i = 0; i < 3; i++) {
		const json_t *x = json_object_get(t, keys[i]);
		fprintf(f, "  %-5s %s\n", labels[i],
			json_is_true(json_object_get(x, "found"))
			    ? json_string_value(json_object_get(x, "version"))
			    : "not found");
	}
	const json_t *pin = json_object_get(results, "pinning");
	if (json_is_object(pin))
		fprintf(f, "  pinned: programs on core %lld, load generator on core %lld\n",
			(long long)json_integer_value(json_object_get(pin, "server_cpu")),
			(long long)json_integer_value(json_object_get(pin, "load_cpu")));
	else
		fprintf(f, "  not pinned: fewer than two cores\n");
	fprintf(f, "\n  %-38s %10s %10s %9s %13s  %s\n", "measure (median of runs)", "Go", "Rust",
		"Rust adv.", "published", "finding");
	size_t i;
	const json_t *x;
	json_array_foreach(json_object_get(results, "measures"), i, x)
	{
		const char *unit = json_string_value(json_object_get(x, "unit"));
		char g[32], r[32], a[32], p[40] = "-";
		figure(g, sizeof g,
		       json_number_value(json_object_get(json_object_get(x, "go"), "median")),
		       unit);
		figure(r, sizeof r,
		       json_number_value(json_object_get(json_object_get(x, "rust"), "median")),
		       unit);
		ratio(a, sizeof a, json_number_value(json_object_get(x, "rust_advantage")));
		const json_t *pub = json_object_get(x, "published");
		if (json_is_object(pub)) {
			char lo[16], hi[16];
			ratio(lo, sizeof lo, json_number_value(json_object_get(pub, "low")));
			ratio(hi, sizeof hi, json_number_value(json_object_get(pub, "high")));
			if (strcmp(lo, hi) == 0)
				snprintf(p, sizeof p, "%s", lo);
			else
				snprintf(p, sizeof p, "%s-%s", lo, hi);
		}
		fprintf(f, "  %-38.38s %10s %10s %9s %13s  %s\n",
			json_string_value(json_object_get(x, "name")), g, r, a, p,
			json_string_value(json_object_get(x, "finding")));
	}
	fprintf(f, "\n  Rust adv.: Go's value / Rust's for times and memory, Rust's / Go's for "
		   "throughput; above 1x Rust does better.\n");
	rss_summary(f, json_object_get(json_object_get(workloads_of(results), "cpu"), "kernels"));
	const json_t *sk = json_object_get(results, "skipped");
	if (json_array_size(sk))
		fprintf(f, "\n  skipped:\n");
	json_array_foreach(sk, i, x)
	    fprintf(f, "    %s/%s: %s\n", json_string_value(json_object_get(x, "workload")),
		    json_string_value(json_object_get(x, "implementation")),
		    json_string_value(json_object_get(x, "reason")));
}
