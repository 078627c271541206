/*
 * evidence — lab results into the knowledge base (see evidence.h). Everything is read and checked
 * first and only then applied, so a bad file leaves the knowledge base as it was. Scores: the
 * language that measured better keeps the top score; the other gets top x advantage^-k, with k
 * calibrated per criterion so that the published ratio (measures.yaml) reproduces the published
 * scores (criteria.yaml) — a measurement equal to the articles changes nothing, a measurement
 * away from them moves the score as far as the articles' own figures would have.
 * A file of kind "scan-build" (`verdict scan --build`) is one repository's own build instead: it
 * replaces the published build times in the cost model and becomes the build criterion's
 * evidence (see apply_scan_build).
 */
#include "evidence.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "file.h"
#include "utf8.h"

#define MAX_MEASURES 64
#define TOP_SCORE    0.975 /* the middle of the best published scores, [0.95, 1.0] */
#define SCORE_SPREAD 0.025

struct measured {
	const struct kb_measure *m;
	double advantage, low, high; /* Rust's advantage and its bounds */
	double go, rust;	     /* medians, in m->unit */
};

/* Rust's advantage, and its bounds, beyond which a measurement is broken rather than surprising:
 * two implementations of one small program do not differ a thousandfold. */
#define ADVANTAGE_MIN 1e-3
#define ADVANTAGE_MAX 1e3

/* What a measurement in each unit can plausibly be on one machine (a value outside is a broken
 * or forged file: go 1e9 s against rust 1e-320 s once passed as "Rust 5x better"). */
static const struct plausible {
	const char *unit;
	double low, high;
	const char *says;
} plausible[] = {
    {"s", 1e-6, 86400, "1 µs to a day"},
    {"ms", 1e-3, 3.6e6, "1 µs to an hour"},
    {"MB", 1e-3, 1e7, "1 KB to 10 TB"},
    {"req/s", 1e-3, 1e9, "up to a billion a second"},
};

/* The plausible range of a value in unit (a generous one for a unit not listed). */
static const struct plausible *plausible_for(const char *unit)
{
	static const struct plausible other = {"", 1e-9, 1e12, "1e-09 to 1e+12"};
	for (size_t i = 0; i < sizeof plausible / sizeof *plausible; i++)
		if (strcmp(plausible[i].unit, unit) == 0)
			return &plausible[i];
	return &other;
}

/* A finite number above 0, or -1. */
static double positive(const json_t *j)
{
	if (!json_is_number(j))
		return -1;
	double v = json_number_value(j);
	return isfinite(v) && v > 0 ? v : -1;
}

/* a and b agree to 6 significant digits (the precision results are written with); false for
 * anything not finite */
static bool same(double a, double b)
{
	return isfinite(a) && isfinite(b) && fabs(a - b) <= 1e-4 * fmax(fabs(a), fabs(b));
}

/* Printable text of at most 64 bytes, cut on a character boundary (a name cut inside one is not
 * UTF-8, and JSON output refuses it), without the braces reason templates use. */
static void clean(char *out, size_t size, const char *s)
{
	size_t n = 0;
	while (s && *s) {
		uint32_t cp;
		size_t len = utf8_decode(s, strlen(s), &cp);
		if (!len) { /* not UTF-8 (jansson only loads UTF-8; a caller may not) */
			s++;
			continue;
		}
		bool keep =
		    len > 1 || ((unsigned char)*s >= 0x20 && *s != 0x7f && *s != '{' && *s != '}');
		if (keep && (n + len >= size || n + len > 64))
			break;
		if (keep) {
			memcpy(out + n, s, len);
			n += len;
		}
		s += len;
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "unknown");
}

/* One language's figures of a measure: its median, and its min and max when the file has them
 * (`verdict lab` writes them; a hand-made file may not). */
struct figures {
	double median, min, max;
	bool spread;
};

/* Checks one language's figures: a plausible median in the measure's unit, and min <= median <=
 * max when given. Returns 0 or -1 with *e set. */
static int read_figures(const char *name, size_t i, const struct kb_measure *m, const char *lang,
			const json_t *x, struct figures *f, struct err *e)
{
	const json_t *o = json_object_get(x, lang);
	const struct plausible *p = plausible_for(m->unit);
	f->median = positive(json_object_get(o, "median"));
	if (f->median < 0)
		return err_input(e, name, 0,
				 "measures[%zu] ('%s'): go.median and rust.median must be numbers "
				 "above 0",
				 i, m->id);
	if (f->median < p->low || f->median > p->high)
		return err_input(e, name, 0,
				 "measures[%zu] ('%s'): %s.median %.3g %s is not a plausible "
				 "measurement (%s)",
				 i, m->id, lang, f->median, m->unit, p->says);
	const json_t *lo = json_object_get(o, "min"), *hi = json_object_get(o, "max");
	f->spread = lo || hi;
	if (!f->spread)
		return 0;
	f->min = positive(lo);
	f->max = positive(hi);
	if (f->min < 0 || f->max < 0 || f->min > f->median * (1 + 1e-6) ||
	    f->max < f->median * (1 - 1e-6))
		return err_input(e, name, 0,
				 "measures[%zu] ('%s'): %s.min, %s.median and %s.max must be "
				 "numbers above 0, in that order",
				 i, m->id, lang, lang, lang);
	return 0;
}

/* Checks a measure's advantage against its figures: plausible, between low and high, and
 * following from the medians (and low and high from the extremes, when given). Returns 0 or -1
 * with *e set. */
static int check_advantage(const char *name, size_t i, const struct kb_measure *m,
			   const struct measured *me, const struct figures *go,
			   const struct figures *rust, struct err *e)
{
	const double v[] = {me->advantage, me->low, me->high};
	for (size_t k = 0; k < 3; k++)
		if (v[k] < ADVANTAGE_MIN || v[k] > ADVANTAGE_MAX)
			return err_input(
			    e, name, 0,
			    "measures[%zu] ('%s'): %s %.3g is not plausible: Rust's advantage "
			    "is from 0.001 to 1000 (two builds of one program do not differ "
			    "more)",
			    i, m->id,
			    k == 0   ? "rust_advantage"
			    : k == 1 ? "low"
				     : "high",
			    v[k]);
	if (me->low > me->advantage * (1 + 1e-4) || me->high < me->advantage * (1 - 1e-4))
		return err_input(e, name, 0,
				 "measures[%zu] ('%s'): rust_advantage must lie between low and "
				 "high",
				 i, m->id);
	double expect = m->higher_better ? rust->median / go->median : go->median / rust->median;
	if (!same(expect, me->advantage))
		return err_input(e, name, 0,
				 "measures[%zu] ('%s'): rust_advantage does not follow from the go "
				 "and rust medians",
				 i, m->id);
	if (!go->spread || !rust->spread)
		return 0;
	double low = m->higher_better ? rust->min / go->max : go->min / rust->max;
	double high = m->higher_better ? rust->max / go->min : go->max / rust->min;
	if (!same(low, me->low) || !same(high, me->high))
		return err_input(e, name, 0,
				 "measures[%zu] ('%s'): low and high do not follow from the go and "
				 "rust minima and maxima",
				 i, m->id);
	return 0;
}

/* Reads and checks the document; fills ms (n of them) and the run's description. */
static int read_results(const struct kb *kb, const char *name, const json_t *r, struct measured *ms,
			size_t *n, char *title, size_t title_size, char *date, char *host_out,
			size_t host_size, struct err *e)
{
	if (!json_is_object(r))
		return err_input(e, name, 0, "not `verdict lab` results: expected a JSON object");
	const json_t *v = json_object_get(r, "results_version");
	if (!json_is_integer(v))
		return err_input(e, name, 0,
				 "not `verdict lab` results: no results_version (make one with "
				 "`verdict lab -o FILE`)");
	if (json_integer_value(v) != 1)
		return err_input(e, name, 0,
				 "results_version %lld is not one this verdict reads (1)",
				 (long long)json_integer_value(v));
	const char *started = json_string_value(json_object_get(r, "started"));
	const char *host =
	    json_string_value(json_object_get(json_object_get(r, "machine"), "host"));
	const json_t *tc = json_object_get(r, "toolchains");
	const char *go = json_string_value(json_object_get(json_object_get(tc, "go"), "version"));
	const char *rust =
	    json_string_value(json_object_get(json_object_get(tc, "rustc"), "version"));
	if (!started || strlen(started) < 10)
		return err_input(e, name, 0, "'started' must be the run's date and time");
	if (!host)
		return err_input(e, name, 0, "'machine.host' must be text");
	if (!go || !rust)
		return err_input(e, name, 0,
				 "the run has no %s toolchain: it cannot compare Go and Rust",
				 go ? "Rust" : "Go");
	char g[72], ru[72];
	clean(host_out, host_size, host);
	clean(g, sizeof g, go);
	clean(ru, sizeof ru, rust);
	snprintf(date, 11, "%.10s", started);
	clean(date, 11, date);
	/* the articles' GC claims are about Go 1.26's collector: an older Go must say so */
	bool old_go = json_is_false(json_object_get(json_object_get(tc, "go"), "green_tea_gc"));
	snprintf(title, title_size, "measured on %s, %s, %s%s, %s", host_out, date, g,
		 old_go ? " (before Go 1.26's Green Tea GC)" : "", ru);

	const json_t *list = json_object_get(r, "measures");
	if (!json_is_array(list))
		return err_input(e, name, 0, "'measures' must be a list");
	if (json_array_size(list) > MAX_MEASURES)
		return err_input(e, name, 0, "more than %d measures", MAX_MEASURES);
	*n = 0;
	size_t i;
	const json_t *x;
	json_array_foreach(list, i, x)
	{
		const char *id = json_string_value(json_object_get(x, "id"));
		if (!id)
			return err_input(e, name, 0, "measures[%zu]: 'id' must be text", i);
		const struct kb_measure *m = kb_measure(kb, id);
		if (!m)
			return err_input(e, name, 0, "measures[%zu]: unknown measure '%s'", i, id);
		for (size_t j = 0; j < *n; j++)
			if (ms[j].m == m)
				return err_input(e, name, 0, "measures[%zu]: '%s' appears twice", i,
						 id);
		struct measured me = {
		    .m = m,
		    .advantage = positive(json_object_get(x, "rust_advantage")),
		    .low = positive(json_object_get(x, "low")),
		    .high = positive(json_object_get(x, "high")),
		};
		if (me.advantage < 0 || me.low < 0 || me.high < 0)
			return err_input(
			    e, name, 0,
			    "measures[%zu] ('%s'): rust_advantage, low and high must be "
			    "numbers above 0",
			    i, id);
		struct figures go_f, rust_f;
		if (read_figures(name, i, m, "go", x, &go_f, e) != 0 ||
		    read_figures(name, i, m, "rust", x, &rust_f, e) != 0 ||
		    check_advantage(name, i, m, &me, &go_f, &rust_f, e) != 0)
			return -1;
		me.go = go_f.median;
		me.rust = rust_f.median;
		ms[(*n)++] = me;
	}
	for (i = 0; i < *n; i++)
		if (ms[i].m->criterion >= 0)
			return 0;
	char weighed[256] = "";
	for (i = 0; i < kb->nmeasures; i++)
		if (kb->measures[i].criterion >= 0) {
			size_t used = strlen(weighed);
			snprintf(weighed + used, sizeof weighed - used, "%s%s", used ? ", " : "",
				 kb->measures[i].id);
		}
	return err_input(e, name, 0,
			 "the run measured nothing the decision weighs (%s): run `verdict lab` "
			 "without --only",
			 weighed);
}

/* The score exponent of a measure: its elasticity, or calibrated on the published figures. */
static double exponent(const struct kb_measure *m, const struct kb_criterion *cr)
{
	if (m->elasticity > 0)
		return m->elasticity;
	double go = kb_mid(cr->score[LANG_GO]), rust = kb_mid(cr->score[LANG_RUST]);
	double better = fmax(go, rust), worse = fmin(go, rust);
	double L = fabs(log(sqrt(m->published.low * m->published.high)));
	if (!(better > 0) || !(worse > 0) || worse >= better || L < 1e-6)
		return 1;
	return -log(worse / better) / L;
}

static double score_of(enum lang l, double x, double k)
{
	if (l == LANG_GO)
		return x > 1 ? TOP_SCORE * pow(x, -k) : TOP_SCORE;
	return x < 1 ? TOP_SCORE * pow(x, k) : TOP_SCORE;
}

static struct kb_range score_range(enum lang l, const struct measured *me, double k)
{
	double a = score_of(l, me->low, k), b = score_of(l, me->high, k);
	struct kb_range r = {fmax(0, fmin(a, b) - SCORE_SPREAD),
			     fmin(1, fmax(a, b) + SCORE_SPREAD)};
	return r;
}

static char *text(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *text(struct arena *a, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return arena_strdup(a, buf);
}

static void figure(char *buf, size_t size, double v, const char *unit)
{
	snprintf(buf, size, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.3g %s", v, unit);
}

/* "Rust 1.6x better", "Go 6–90x better" or "Go 1.2x to Rust 1.3x better" for Rust's advantage
 * between lo and hi. */
static void better(char *buf, size_t size, double lo, double hi)
{
	char a[24], b[24];
	if (lo >= 1 || hi <= 1) {
		const char *who = lo >= 1 ? "Rust" : "Go";
		double x = lo >= 1 ? lo : 1 / hi, y = lo >= 1 ? hi : 1 / lo;
		snprintf(a, sizeof a, "%.2g", x);
		snprintf(b, sizeof b, "%.2g", y);
		if (strcmp(a, b) == 0)
			snprintf(buf, size, "%s %sx better", who, a);
		else
			snprintf(buf, size, "%s %s–%sx better", who, a, b);
		return;
	}
	snprintf(buf, size, "Go %.2gx to Rust %.2gx better", 1 / lo, hi);
}

/* A new claim in kb's arena: the measurement of me, about its criterion. */
static struct kb_claim *claim_for(struct kb *kb, const struct measured *me,
				  const struct kb_source *src, const char *host)
{
	struct kb_claim *c = arena_alloc(kb->arena, sizeof *c);
	if (!c)
		return NULL;
	memset(c, 0, sizeof *c);
	char g[40], r[40], here[48], pub[96] = "";
	figure(g, sizeof g, me->go, me->m->unit);
	figure(r, sizeof r, me->rust, me->m->unit);
	better(here, sizeof here, me->advantage, me->advantage);
	if (me->m->has_published) {
		char p[48];
		better(p, sizeof p, me->m->published.low, me->m->published.high);
		snprintf(pub, sizeof pub, " (the articles: %s)", p);
	}
	c->id = text(kb->arena, "lab-%s", me->m->id);
	c->says = text(kb->arena, "measured on %s: %s: Go %s, Rust %s, %s%s", host, me->m->name, g,
		       r, here, pub);
	c->lang = me->advantage >= 1 ? LANG_RUST : LANG_GO;
	c->has_value = true;
	c->low = me->low;
	c->high = me->high;
	c->unit = "x Rust's advantage";
	c->criterion = me->m->criterion;
	c->source = src;
	c->file = src->title;
	return c->id && c->says ? c : NULL;
}

static int apply(struct kb *kb, const struct measured *ms, size_t n, const char *title,
		 const char *date, const char *host, struct err *e)
{
	struct arena *a = kb->arena;
	struct kb_source *src = arena_alloc(a, sizeof *src);
	if (!src)
		return err_internal(e, "out of memory");
	memset(src, 0, sizeof *src);
	src->id = "lab";
	src->title = arena_strdup(a, title);
	src->by = "verdict lab";
	src->date = arena_strdup(a, date);
	src->seed = "lab";
	src->measured = true;
	char criteria[256] = "";
	for (size_t i = 0; i < n; i++) {
		const struct measured *me = &ms[i];
		const struct kb_measure *m = me->m;
		bool memory = strcmp(m->id, "footprint-holding") == 0;
		bool build = strcmp(m->id, "build-own-code") == 0;
		if (m->criterion < 0 && !memory && !build)
			continue;
		struct kb_claim *c = claim_for(kb, me, src, host);
		if (!c)
			return err_internal(e, "out of memory");
		if (m->criterion >= 0) {
			struct kb_criterion *cr =
			    (struct kb_criterion *)&kb->criteria[m->criterion];
			double k = exponent(m, cr);
			const struct kb_claim **claims =
			    arena_alloc(a, (cr->nclaims + 1) * sizeof *claims);
			const struct kb_claim **spread = arena_alloc(a, sizeof *spread);
			const char *reason = c->says;
			if (!claims || !spread)
				return err_internal(e, "out of memory");
			claims[0] = c;
			memcpy(claims + 1, cr->claims, cr->nclaims * sizeof *claims);
			spread[0] = c;
			cr->claims = claims;
			cr->nclaims++;
			cr->spread_from = spread;
			cr->nspread = 1;
			for (int l = 0; l < LANG_SCORED; l++) {
				cr->score[l] = score_range((enum lang)l, me, k);
				cr->reason[l] = reason;
			}
			cr->reason_off_fleet = NULL; /* the measurement speaks wherever it runs */
			size_t used = strlen(criteria);
			snprintf(criteria + used, sizeof criteria - used, "%s%s", used ? ", " : "",
				 cr->id);
		}
		struct kb_cost_model *cm = &kb->cost_model;
		if (memory && cm->loaded) {
			struct kb_claim *mem = arena_alloc(a, sizeof *mem);
			if (!mem)
				return err_internal(e, "out of memory");
			*mem = *c;
			mem->unit = "x less memory"; /* Rust's memory is Go's / advantage */
			cm->memory_ratio[0][0] = mem;
			cm->memory_ratio[0][1] = NULL;
			cm->memory_ratio_kinds[0] = 0;
			cm->nmemory_ratio = 1;
		}
		if (build && cm->loaded) {
			/* the workloads are small: their build times do not scale to a real
			 * codebase, their ratio does. Rust's time = Go's published time /
			 * advantage. */
			const struct kb_claim *go = cm->build_seconds[LANG_GO];
			const struct kb_claim *go_typ = cm->build_seconds_typical[LANG_GO];
			struct kb_claim *rb = arena_alloc(a, sizeof *rb);
			struct kb_claim *rt = arena_alloc(a, sizeof *rt);
			if (!rb || !rt)
				return err_internal(e, "out of memory");
			*rb = *c;
			rb->id = "lab-build-rust";
			rb->says = text(
			    a,
			    "Rust's builds take %.2fx Go's (its own code, dependencies cached, "
			    "measured on %s), applied to the published Go time (%s)",
			    1 / me->advantage, host, go->id);
			rb->lang = LANG_RUST;
			rb->unit = "s";
			rb->low = go->low / me->high;
			rb->high = go->high / me->low;
			*rt = *rb;
			rt->id = "lab-build-typical-rust";
			rt->low = rt->high =
			    kb_mid((struct kb_range){go_typ->low, go_typ->high}) / me->advantage;
			if (!rb->says)
				return err_internal(e, "out of memory");
			rt->says = rb->says;
			cm->build_seconds[LANG_RUST] = rb;
			cm->build_seconds_typical[LANG_RUST] = rt;
		}
	}
	kb->measured = src;
	kb->measured_criteria = arena_strdup(a, criteria);
	return kb->measured_criteria ? 0 : err_internal(e, "out of memory");
}

/* --- `verdict scan --build`: one repository's own build --------------------------------------- */

/* A {median, min, max} of seconds, checked: all above 0 and min <= median <= max. */
static int seconds(const json_t *x, const char *name, const char *key, double v[3], struct err *e)
{
	v[0] = positive(json_object_get(x, "median"));
	v[1] = positive(json_object_get(x, "min"));
	v[2] = positive(json_object_get(x, "max"));
	if (v[0] < 0 || v[1] < 0 || v[2] < 0)
		return err_input(e, name, 0,
				 "build.%s: median, min and max must be numbers above 0", key);
	if (v[1] > v[0] || v[0] > v[2])
		return err_input(e, name, 0, "build.%s: min <= median <= max does not hold", key);
	return 0;
}

/* The measured build of the repository's language replaces its published build time in the
 * cost model; the other language's is the published ratio (the build-own-code measure) applied
 * to it. The criterion's scores stay the published ones (one language measured is no ratio), its
 * first claim and its reason become the measurement. */
static int apply_scan_build(struct kb *kb, const char *name, const json_t *r, struct err *e)
{
	if (json_integer_value(json_object_get(r, "results_version")) != 1 ||
	    !json_is_integer(json_object_get(r, "results_version")))
		return err_input(e, name, 0, "results_version must be 1");
	const char *started = json_string_value(json_object_get(r, "started"));
	const char *host =
	    json_string_value(json_object_get(json_object_get(r, "machine"), "host"));
	const char *language = json_string_value(json_object_get(r, "language"));
	if (!started || strlen(started) < 10)
		return err_input(e, name, 0, "'started' must be the run's date and time");
	if (!host)
		return err_input(e, name, 0, "'machine.host' must be text");
	if (!language || (strcmp(language, "go") != 0 && strcmp(language, "rust") != 0))
		return err_input(e, name, 0, "'language' must be go or rust");
	enum lang l = language[0] == 'g' ? LANG_GO : LANG_RUST;
	const char *tool = json_string_value(json_object_get(
	    json_object_get(json_object_get(r, "toolchains"), l == LANG_GO ? "go" : "rustc"),
	    "version"));
	if (!tool)
		return err_input(e, name, 0, "'toolchains.%s.version' must be text",
				 l == LANG_GO ? "go" : "rustc");
	const json_t *b = json_object_get(r, "build");
	double clean_s[3], inc_s[3];
	if (!json_is_object(b))
		return err_input(e, name, 0, "'build' must be an object");
	if (seconds(json_object_get(b, "clean_s"), name, "clean_s", clean_s, e) != 0 ||
	    seconds(json_object_get(b, "incremental_s"), name, "incremental_s", inc_s, e) != 0)
		return -1;
	const struct kb_measure *m = kb_measure(kb, "build-own-code");
	struct kb_cost_model *cm = &kb->cost_model;
	int crit = kb_criterion_index(kb, "build");
	if (!m || !m->has_published || crit < 0 || !cm->loaded)
		return err_input(
		    e, name, 0, "this knowledge base has no build-own-code measure to apply it to");
	char h[72], t[72], date[11];
	clean(h, sizeof h, host);
	clean(t, sizeof t, tool);
	snprintf(date, sizeof date, "%.10s", started);
	clean(date, sizeof date, date);
	struct arena *a = kb->arena;
	struct kb_source *src = arena_alloc(a, sizeof *src);
	struct kb_claim *c = arena_alloc(a, sizeof *c), *other = arena_alloc(a, sizeof *other),
			*typ = arena_alloc(a, sizeof *typ), *otyp = arena_alloc(a, sizeof *otyp);
	const struct kb_claim **claims =
	    arena_alloc(a, (kb->criteria[crit].nclaims + 1) * sizeof *claims);
	if (!src || !c || !other || !typ || !otyp || !claims)
		return err_internal(e, "out of memory");
	memset(src, 0, sizeof *src);
	memset(c, 0, sizeof *c);
	src->id = "lab";
	src->title = text(a,
			  "measured on %s, %s, %s: this repository's own build (verdict scan "
			  "--build)",
			  h, date, t);
	src->by = "verdict scan --build";
	src->date = arena_strdup(a, date);
	src->seed = "lab";
	src->measured = true;
	/* the other language: the published ratio of own-code builds (Go's time over Rust's) */
	double lo = m->published.low, hi = m->published.high, ratio_typ = 1;
	const struct kb_claim *gt = cm->build_seconds_typical[LANG_GO],
			      *rt = cm->build_seconds_typical[LANG_RUST];
	if (gt && rt && gt->low > 0)
		ratio_typ = kb_mid((struct kb_range){rt->low, rt->high}) /
			    kb_mid((struct kb_range){gt->low, gt->high});
	double olow = l == LANG_GO ? clean_s[1] / hi : clean_s[1] * lo;
	double ohigh = l == LANG_GO ? clean_s[2] / lo : clean_s[2] * hi;
	double otypical = l == LANG_GO ? clean_s[0] * ratio_typ : clean_s[0] / ratio_typ;
	const char *me = lang_title(l), *them = lang_title(lang_other(l));
	c->id = text(a, "scan-build-%s", lang_name(l));
	c->says = text(a,
		       "this repository builds clean in %.3g s in %s (median of its clean builds, "
		       "%.3g–%.3g s; one file edited: %.3g s), measured on %s with %s",
		       clean_s[0], me, clean_s[1], clean_s[2], inc_s[0], h, t);
	c->lang = l;
	c->has_value = true;
	c->low = clean_s[1];
	c->high = clean_s[2];
	c->unit = "s";
	c->criterion = crit;
	c->source = src;
	c->file = src->title;
	*typ = *c;
	typ->id = text(a, "scan-build-typical-%s", lang_name(l));
	typ->low = typ->high = clean_s[0];
	*other = *c;
	other->id = text(a, "scan-build-%s", lang_name(lang_other(l)));
	other->lang = lang_other(l);
	other->says = text(a,
			   "%s would build this repository in about %.3g–%.3g s: its measured %s "
			   "build at the published own-code gap (build-own-code, %.3g–%.3gx)",
			   them, olow, ohigh, me, 1 / hi, 1 / lo);
	other->low = olow;
	other->high = ohigh;
	*otyp = *other;
	otyp->id = text(a, "scan-build-typical-%s", lang_name(lang_other(l)));
	otyp->low = otyp->high = otypical;
	if (!src->title || !src->date || !c->id || !c->says || !typ->id || !other->id ||
	    !other->says || !otyp->id)
		return err_internal(e, "out of memory");
	struct kb_criterion *cr = (struct kb_criterion *)&kb->criteria[crit];
	claims[0] = c;
	memcpy(claims + 1, cr->claims, cr->nclaims * sizeof *claims);
	cr->claims = claims;
	cr->nclaims++;
	cr->reason[LANG_GO] = text(a, "%s; %s", l == LANG_GO ? c->says : other->says,
				   l == LANG_GO ? other->says : c->says);
	if (!cr->reason[LANG_GO])
		return err_internal(e, "out of memory");
	cm->build_seconds[l] = c;
	cm->build_seconds_typical[l] = typ;
	cm->build_seconds[lang_other(l)] = other;
	cm->build_seconds_typical[lang_other(l)] = otyp;
	kb->measured = src;
	kb->measured_criteria =
	    "build (this repository's own build; scores stay the published ones)";
	return 0;
}

int evidence_apply_buffer(struct kb *kb, const char *name, const char *buf, size_t len,
			  struct err *e)
{
	if (kb->measured)
		return err_input(e, name, 0, "evidence from a lab run is already applied");
	json_error_t je;
	json_t *r = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!r)
		return err_input(e, name, je.line > 0 ? je.line : 0, "not valid JSON: %s", je.text);
	const json_t *kind = json_object_get(r, "kind");
	if (kind) {
		int rc =
		    json_is_string(kind) && strcmp(json_string_value(kind), "scan-build") == 0
			? apply_scan_build(kb, name, r, e)
			: err_input(e, name, 0,
				    "unknown kind of results (verdict reads `verdict lab` results "
				    "and kind \"scan-build\")");
		json_decref(r);
		return rc;
	}
	struct measured ms[MAX_MEASURES];
	size_t n = 0;
	char title[320], date[11], host[72];
	int rc = read_results(kb, name, r, ms, &n, title, sizeof title, date, host, sizeof host, e);
	json_decref(r);
	if (rc != 0)
		return -1;
	return apply(kb, ms, n, title, date, host, e);
}

int evidence_apply(struct kb *kb, const char *path, struct err *e)
{
	char *buf;
	size_t len;
	if (file_read(path, EVIDENCE_MAX_BYTES, 0, &buf, &len, e) != 0)
		return -1;
	int rc = evidence_apply_buffer(kb, path, buf, len, e);
	free(buf);
	return rc;
}
