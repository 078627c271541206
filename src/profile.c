/*
 * profile — parsing and validating project profiles (see profile.h). Every message names the
 * file, the line, the key and what would be accepted; an enum typo gets a "did you mean".
 * Components start as a copy of the top level and override the fields they write.
 */
#include "profile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "num.h"
#include "utf8.h"
#include "ydoc.h"

static const char *const kinds[] = {
    "web-service", "cli",	   "embedded",	    "kernel",	    "blockchain", "trading",
    "game-engine", "ml-inference", "data-pipeline", "k8s-operator", "proxy",	  "parser",
    "database",	   "runtime",	   "wasm",	    "library",	    "cache",	  "desktop-app",
    "agent",	   "vmm",	   "compiler",	    "query-engine", NULL};
static const char *const stages[] = {"new", "shipping", NULL};
static const char *const currents[] = {"none", "go",   "rust", "java",	"python", "cpp",
				       "c",    "node", "ruby", "other", NULL};
static const char *const pains[] = {"none",	      "gc-pauses",     "memory-cost",
				    "cpu-saturation", "incidents",     "end-of-life",
				    "infra-cost",     "slow-delivery", NULL};
static const char *const workloads[] = {"io-bound", "cpu-bound", "mixed", NULL};
static const char *const gcs[] = {"ok", "avoid", "forbidden", NULL};
static const char *const k8s[] = {"none", "runs-on", "extends", NULL};
static const char *const ttms[] = {"critical", "normal", "relaxed", NULL};
static const char *const runs_on[] = {"our-fleet", "user-machines", "mobile",
				      "browser",   "device",	    NULL};
static const char *const hosts[] = {"none", "python", "node",	    "jvm",
				    "ruby", "c-host", "mobile-app", NULL};
static const char *const prototype_results[] = {"none", "worked", "failed", NULL};
static const char *const reuse_languages[] = {"go",	    "rust", "c",     "cpp", "python",
					      "typescript", "java", "other", NULL};
static const char *const reuse_shares[] = {"none", "some", "core", NULL};
static const char *const writes_current_values[] = {"unknown", "yes", "no", NULL};
static const char *const no_yes[] = {"no", "yes", NULL};
static const char *const reuse_titles[] = {"Go",     "Rust",	   "C",	   "C++",
					   "Python", "TypeScript", "Java", "other"};
static const char *const backgrounds[] = {"none", "python", "typescript", "java",  "cpp",
					  "c",	  "go",	    "rust",	  "mixed", NULL};

#define BIG 1e9

static const struct field_info fields[F_COUNT] = {
    [F_BUILDING] = {"building", FT_ENUM, kinds, 0, 0, false, NULL, "project kind"},
    [F_STAGE] = {"stage", FT_ENUM, stages, 0, 0, false, NULL, "stage"},
    [F_CURRENT_LANGUAGE] = {"current_language", FT_ENUM, currents, 0, 0, false, NULL,
			    "current language"},
    [F_PAIN] = {"pain", FT_ENUM, pains, 0, 0, false, NULL, "what hurts today"},
    [F_WORKLOAD] = {"workload", FT_ENUM, workloads, 0, 0, false, NULL, "workload"},
    [F_P99_MS] = {"p99_ms", FT_NUMBER, NULL, 0, 3600000, true, "milliseconds", "p99 target"},
    [F_GC] = {"gc", FT_ENUM, gcs, 0, 0, false, NULL, "garbage-collection tolerance"},
    [F_MEMORY_MB] = {"memory_mb", FT_NUMBER, NULL, 0, 16777216, true, "megabytes",
		     "memory per instance"},
    [F_INSTANCES] = {"instances", FT_INT, NULL, 1, 10000000, false, "instances", "instance count"},
    [F_UNTRUSTED_INPUT] = {"untrusted_input", FT_BOOL, NULL, 0, 0, false, NULL, "untrusted input"},
    [F_SECURITY_CRITICAL] = {"security_critical", FT_BOOL, NULL, 0, 0, false, NULL,
			     "security-critical"},
    [F_KUBERNETES] = {"kubernetes", FT_ENUM, k8s, 0, 0, false, NULL, "Kubernetes"},
    [F_TIME_TO_MARKET] = {"time_to_market", FT_ENUM, ttms, 0, 0, false, NULL, "time to market"},
    [F_HORIZON_YEARS] = {"horizon_years", FT_INT, NULL, 1, 30, false, "years", "horizon"},
    [F_TEAM_SIZE] = {"team.size", FT_INT, NULL, 1, 100000, false, "engineers", "team size"},
    [F_TEAM_KNOW_GO] = {"team.know_go", FT_INT, NULL, 0, 100000, false, "engineers",
			"Go-fluent engineers"},
    [F_TEAM_KNOW_RUST] = {"team.know_rust", FT_INT, NULL, 0, 100000, false, "engineers",
			  "Rust-fluent engineers"},
    [F_TEAM_BACKGROUND] = {"team.background", FT_ENUM, backgrounds, 0, 0, false, NULL,
			   "team background"},
    [F_TEAM_ATTRITION] = {"team.attrition", FT_NUMBER, NULL, 0, 1, false, "a fraction per year",
			  "yearly attrition"},
    [F_TEAM_HIRES_PER_YEAR] = {"team.hires_per_year", FT_INT, NULL, 0, 100000, false, "hires",
			       "hires a year"},
    [F_CI_MERGES_PER_DAY] = {"ci.merges_per_day", FT_NUMBER, NULL, 0, 1000000, false, "merges",
			     "merges a day"},
    [F_COSTS_ENGINEER_HOUR_USD] = {"costs.engineer_hour_usd", FT_NUMBER, NULL, 0, 100000, false,
				   "US dollars", "engineer hour (USD)"},
    [F_COSTS_CI_MINUTE_USD] = {"costs.ci_minute_usd", FT_NUMBER, NULL, 0, 1000, false, "US dollars",
			       "CI minute (USD)"},
    [F_COSTS_MEMORY_GB_MONTH_USD] = {"costs.memory_gb_month_usd", FT_NUMBER, NULL, 0, 100000, false,
				     "US dollars", "memory GB-month (USD)"},
    [F_RUNS_ON] = {"runs_on", FT_ENUM, runs_on, 0, 0, false, NULL, "where it runs"},
    [F_EMBEDDED_IN] = {"embedded_in", FT_ENUM, hosts, 0, 0, false, NULL, "host it is loaded into"},
    [F_PROTOTYPE_GO] = {"prototypes.go", FT_ENUM, prototype_results, 0, 0, false, NULL,
			"Go prototype"},
    [F_PROTOTYPE_RUST] = {"prototypes.rust", FT_ENUM, prototype_results, 0, 0, false, NULL,
			  "Rust prototype"},
    [F_TEAM_GO_SHARE] = {"team.go_share", FT_DERIVED, NULL, 0, 1, false, NULL, "share writing Go"},
    [F_TEAM_RUST_SHARE] = {"team.rust_share", FT_DERIVED, NULL, 0, 1, false, NULL,
			   "share writing Rust"},
    [F_REUSES_GO] = {"reuses.go", FT_DERIVED, reuse_shares, 0, 0, false, NULL, "reused Go code"},
    [F_REUSES_RUST] = {"reuses.rust", FT_DERIVED, reuse_shares, 0, 0, false, NULL,
		       "reused Rust code"},
    [F_REUSES_C] = {"reuses.c", FT_DERIVED, reuse_shares, 0, 0, false, NULL, "reused C code"},
    [F_REUSES_CPP] = {"reuses.cpp", FT_DERIVED, reuse_shares, 0, 0, false, NULL, "reused C++ code"},
    [F_REUSES_PYTHON] = {"reuses.python", FT_DERIVED, reuse_shares, 0, 0, false, NULL,
			 "reused Python code"},
    [F_REUSES_TYPESCRIPT] = {"reuses.typescript", FT_DERIVED, reuse_shares, 0, 0, false, NULL,
			     "reused TypeScript code"},
    [F_REUSES_JAVA] = {"reuses.java", FT_DERIVED, reuse_shares, 0, 0, false, NULL,
		       "reused Java code"},
    [F_REUSES_OTHER] = {"reuses.other", FT_DERIVED, reuse_shares, 0, 0, false, NULL,
			"reused code in another language"},
    [F_REUSES_ANY] = {"reuses.any", FT_DERIVED, reuse_shares, 0, 0, false, NULL, "reused code"},
    [F_REUSES_NATIVE] = {"reuses.native", FT_DERIVED, reuse_shares, 0, 0, false, NULL,
			 "reused C or C++ code"},
    [F_REUSES_GC_CODE] = {"reuses.gc_code", FT_DERIVED, reuse_shares, 0, 0, false, NULL,
			  "reused code from a garbage-collected language"},
    [F_REUSES_ELSEWHERE] = {"reuses.elsewhere", FT_DERIVED, reuse_shares, 0, 0, false, NULL,
			    "reused Go or Rust code where the other language ships"},
    [F_TEAM_WRITES_CURRENT] = {"team.writes_current", FT_DERIVED, writes_current_values, 0, 0,
			       false, NULL, "whether the team writes what ships"},
    [F_UNSAFE_EXPOSED] =
	{"unsafe_exposed", FT_DERIVED, no_yes, 0, 0, false, NULL,
	 "whether what ships is C or C++ that takes untrusted input where security "
	 "is critical"},
    [F_PROTOTYPE_REPLACEMENT] =
	{"prototypes.replacement", FT_DERIVED, NULL, 0, 1, false, NULL,
	 "share of the team writing the language of a worked port of what ships"},
    [F_RUNTIME_ON_USERS] = {"runtime_on_users", FT_DERIVED, NULL, 0, 1, false, NULL,
			    "share of the team writing Go or Rust where what ships carries "
			    "its interpreter or JVM to users' machines"},
    [F_BUILT_BY] = {"built_by", FT_DERIVED, NULL, 0, 100000, false, "engineers",
		    "engineers who built what the profile describes (a component counts its own "
		    "team size only)"},
};

/* Defaults for omitted fields. NAN marks "derived from other fields" (see profile_finish) or,
 * for costs, "use the KB's sourced default price". */
static const double defaults[F_COUNT] = {
    [F_BUILDING] = 0,
    [F_STAGE] = 0,	      /* new */
    [F_CURRENT_LANGUAGE] = 0, /* none */
    [F_PAIN] = 0,	      /* none */
    [F_WORKLOAD] = 0,	      /* io-bound */
    [F_P99_MS] = 100,
    [F_GC] = 0, /* ok */
    [F_MEMORY_MB] = 512,
    [F_INSTANCES] = 3,
    [F_UNTRUSTED_INPUT] = 0,
    [F_SECURITY_CRITICAL] = 0,
    [F_KUBERNETES] = 0,	    /* none */
    [F_TIME_TO_MARKET] = 1, /* normal */
    [F_HORIZON_YEARS] = 3,
    [F_TEAM_SIZE] = 5,
    [F_TEAM_KNOW_GO] = 0,
    [F_TEAM_KNOW_RUST] = 0,
    [F_TEAM_BACKGROUND] = 8, /* mixed */
    [F_TEAM_ATTRITION] = 0.15,
    [F_TEAM_HIRES_PER_YEAR] = 1,
    [F_CI_MERGES_PER_DAY] = NAN, /* 2 per engineer, the seed 001 example */
    [F_COSTS_ENGINEER_HOUR_USD] = NAN,
    [F_COSTS_CI_MINUTE_USD] = NAN,
    [F_COSTS_MEMORY_GB_MONTH_USD] = NAN,
    [F_RUNS_ON] = 0,	    /* our-fleet */
    [F_EMBEDDED_IN] = 0,    /* none */
    [F_PROTOTYPE_GO] = 0,   /* none */
    [F_PROTOTYPE_RUST] = 0, /* none */
    [F_TEAM_GO_SHARE] = 0,
    [F_TEAM_RUST_SHARE] = 0,
    /* reuses.*: 0 (none) by static initialisation */
};

const struct field_info *profile_field(enum field f)
{
	return &fields[f];
}

int profile_field_lookup(const char *name)
{
	for (int f = 0; f < F_COUNT; f++)
		if (strcmp(fields[f].name, name) == 0)
			return f;
	return -1;
}

int profile_enum_index(enum field f, const char *s)
{
	if (!fields[f].values || !s)
		return -1;
	for (int i = 0; fields[f].values[i]; i++)
		if (strcmp(fields[f].values[i], s) == 0)
			return i;
	return -1;
}

const char *profile_enum_name(const struct profile *p, enum field f)
{
	return fields[f].values[(int)p->v[f]];
}

const char *profile_reuse_language(int i)
{
	return i >= 0 && i < PROFILE_REUSE_LANGS ? reuse_languages[i] : NULL;
}

const char *profile_reuse_what(const struct profile *p, const char *lang, char *buf, size_t size)
{
	buf[0] = '\0';
	size_t used = 0, listed = 0;
	for (size_t i = 0; i < p->nreuses; i++) {
		const struct profile_reuse *r = &p->reuses[i];
		if (strcmp(reuse_languages[r->language], lang) != 0)
			continue;
		char fallback[48];
		const char *what = r->what;
		if (!*what) {
			snprintf(fallback, sizeof fallback, "existing %s code",
				 reuse_titles[r->language]);
			what = fallback;
		}
		int n = snprintf(buf + used, size - used, "%s%s", listed ? " and " : "", what);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
		listed++;
	}
	return buf;
}

/* Edit distance, capped: enough to suggest "web-service" for "web-servce". */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

/* The closest of a NULL-terminated list to s, when it is close enough to be a typo. */
static const char *closest(const char *s, const char *const *list)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; list[i]; i++) {
		size_t d = edit_distance(s, list[i]);
		if (d < best_d) {
			best_d = d;
			best = list[i];
		}
	}
	return best;
}

static void join_values(const char *const *values, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; values[i]; i++) {
		int n = snprintf(buf + used, size - used, "%s%s", i ? " | " : "", values[i]);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

/* Shortens text quoted in a message so a hostile value cannot flood the terminal. */
static const char *quote(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);
	if (n < size) {
		memcpy(buf, s, n + 1);
	} else {
		memcpy(buf, s, size - 4);
		memcpy(buf + size - 4, "...", 4);
	}
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = '?';
	return buf;
}

static int set_value(struct profile *p, int f, const char *text, bool plain, const char *file,
		     int line, struct err *e)
{
	const struct field_info *fi = &fields[f];
	char q[48], list[512], lo[32], hi[32];
	quote(text, q, sizeof q);
	switch (fi->type) {
	case FT_ENUM: {
		int i = profile_enum_index((enum field)f, text);
		if (i < 0) {
			join_values(fi->values, list, sizeof list);
			const char *near = closest(text, fi->values);
			if (near)
				return err_input(e, file, line,
						 "%s: unknown value \"%s\" (did you mean \"%s\"?); "
						 "expected one of: %s",
						 fi->name, q, near, list);
			return err_input(e, file, line,
					 "%s: unknown value \"%s\"; expected one of: %s", fi->name,
					 q, list);
		}
		p->v[f] = i;
		break;
	}
	case FT_BOOL:
		if (plain && strcmp(text, "true") == 0)
			p->v[f] = 1;
		else if (plain && strcmp(text, "false") == 0)
			p->v[f] = 0;
		else
			return err_input(e, file, line, "%s must be true or false, got \"%s\"",
					 fi->name, q);
		break;
	case FT_INT:
	case FT_NUMBER: {
		double v = 0;
		long lv = 0;
		num_format(fi->min, lo, sizeof lo);
		num_format(fi->max, hi, sizeof hi);
		if (fi->type == FT_INT) {
			int r =
			    plain ? num_parse_long(text, (long)fi->min, (long)fi->max, &lv) : -1;
			if (r == -1)
				return err_input(e, file, line,
						 "%s must be a whole number of %s, got \"%s\"",
						 fi->name, fi->unit, q);
			if (r == -2)
				return err_input(e, file, line,
						 "%s must be between %s and %s %s, got %s",
						 fi->name, lo, hi, fi->unit, q);
			v = (double)lv;
		} else {
			if (!plain || num_parse_double(text, &v) != 0)
				return err_input(e, file, line,
						 "%s must be a number of %s, got \"%s\"", fi->name,
						 fi->unit, q);
			bool low = fi->min_open ? v <= fi->min : v < fi->min;
			if (low || v > fi->max)
				return err_input(e, file, line,
						 "%s must be %s %s and at most %s %s, got %s",
						 fi->name, fi->min_open ? "above" : "at least", lo,
						 hi, fi->unit, q);
		}
		p->v[f] = v;
		break;
	}
	case FT_DERIVED:
		return err_input(e, file, line, "%s is computed by verdict and cannot be set",
				 fi->name);
	}
	p->set_line[f] = line;
	p->given[f] = true;
	p->inherited[f] = false;
	return 0;
}

int profile_set(struct profile *p, const char *name, const char *text, const char *file, int line,
		struct err *e)
{
	int f = profile_field_lookup(name);
	if (f < 0)
		return err_input(e, file, line, "unknown profile field '%s'", name);
	return set_value(p, f, text, true, file, line, e);
}

struct profile *profile_new(void)
{
	struct profile *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	for (int f = 0; f < F_COUNT; f++)
		p->v[f] = defaults[f];
	return p;
}

/* FNV-1a, 64 bits, continued from h over n bytes. */
static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * UINT64_C(1099511628211);
	return h;
}

static uint64_t fingerprint_one(uint64_t h, const struct profile *p)
{
	char buf[PROFILE_WHAT_MAX + 96];
	h = fnv(h, p->name, strlen(p->name) + 1);
	for (int f = 0; f < F_COUNT; f++) {
		if (fields[f].type == FT_DERIVED)
			continue;
		int n = snprintf(buf, sizeof buf, "%s=%.17g;", fields[f].name, p->v[f]);
		h = fnv(h, buf, n > 0 ? (size_t)n : 0);
	}
	/* a component that names a value says something one that inherits it does not */
	for (int f = 0; f < F_COUNT; f++)
		if (p->inherited[f])
			h = fnv(h, fields[f].name, strlen(fields[f].name) + 1);
	for (size_t i = 0; i < p->nreuses; i++) {
		int n = snprintf(buf, sizeof buf, "reuse=%d,%d,%s;", p->reuses[i].language,
				 (int)p->reuses[i].share, p->reuses[i].what);
		h = fnv(h, buf, n > 0 ? (size_t)n : 0);
	}
	return h;
}

uint64_t profile_fingerprint(const struct profile *p)
{
	uint64_t h = fingerprint_one(UINT64_C(14695981039346656037), p);
	for (size_t i = 0; i < p->ncomponents; i++)
		h = fingerprint_one(fnv(h, "component", 9), &p->components[i]);
	return h;
}

void profile_free(struct profile *p)
{
	if (!p)
		return;
	free(p->components);
	free(p);
}

/* --- YAML walking ----------------------------------------------------------------------------- */

static const char *const top_keys[] = {
    "name",	   "building",	     "stage",		"current_language",
    "pain",	   "workload",	     "p99_ms",		"gc",
    "memory_mb",   "instances",	     "untrusted_input", "security_critical",
    "kubernetes",  "time_to_market", "horizon_years",	"team",
    "ci",	   "costs",	     "components",	"runs_on",
    "embedded_in", "reuses",	     "prototypes",	NULL};

static int walk_mapping(struct ydoc *d, yaml_node_t *map, const char *prefix, struct profile *p,
			bool component, struct err *e);

static int set_name(struct ydoc *d, yaml_node_t *v, struct profile *p, struct err *e)
{
	const char *s = ydoc_scalar(v);
	/* a null name is a mistake (a form's empty field, a template's placeholder), not a name:
	 * the project called "null" is written name: "null" */
	if (ydoc_null(v))
		return err_input(e, ydoc_name(d), ydoc_line(v),
				 "name is null: give the project a name, or leave name out");
	if (!s || !*s)
		return err_input(e, ydoc_name(d), ydoc_line(v), "name must be text, got %s",
				 ydoc_kind(v));
	size_t n = strlen(s);
	long chars = utf8_count(s, n);
	if (chars < 0)
		return err_input(e, ydoc_name(d), ydoc_line(v), "name is not valid UTF-8");
	if (chars > PROFILE_NAME_MAX)
		return err_input(e, ydoc_name(d), ydoc_line(v),
				 "name is %ld characters; the limit is %d", chars,
				 PROFILE_NAME_MAX);
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20)
			return err_input(e, ydoc_name(d), ydoc_line(v),
					 "name contains a control character");
	memcpy(p->name, s, n + 1);
	return 0;
}

/* The value of one key of a reuses entry as text, or -1 with *e set. */
static int reuse_text(struct ydoc *d, yaml_node_t *v, const char *key, const char **out,
		      struct err *e)
{
	*out = ydoc_scalar(v);
	if (!*out)
		return err_input(e, ydoc_name(d), ydoc_line(v), "reuses: %s must be text, got %s",
				 key, ydoc_kind(v));
	if (!**out)
		return err_input(e, ydoc_name(d), ydoc_line(v), "reuses: %s has no value", key);
	return 0;
}

/* One entry of reuses: {language, what, share}. */
static int walk_reuse(struct ydoc *d, yaml_node_t *item, struct profile_reuse *r, struct err *e)
{
	static const char *const keys[] = {"language", "what", "share", NULL};
	const char *file = ydoc_name(d);
	char q[48], list[160];
	r->line = ydoc_line(item);
	r->language = -1;
	r->share = REUSE_SOME;
	if (ydoc_check_mapping(d, item, "a reuses entry", e) != 0)
		return -1;
	for (yaml_node_pair_t *pr = item->data.mapping.pairs.start;
	     pr < item->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = ydoc_node(d, pr->key), *v = ydoc_node(d, pr->value);
		const char *key = ydoc_scalar(k), *text = NULL;
		if (strcmp(key, "language") != 0 && strcmp(key, "what") != 0 &&
		    strcmp(key, "share") != 0) {
			const char *near = closest(key, keys);
			quote(key, q, sizeof q);
			if (near)
				return err_input(
				    e, file, ydoc_line(k),
				    "unknown key 'reuses.%s' (did you mean 'reuses.%s'?)", q, near);
			return err_input(e, file, ydoc_line(k),
					 "unknown key 'reuses.%s'; a reuses entry has language, "
					 "what and share",
					 q);
		}
		if (reuse_text(d, v, key, &text, e) != 0)
			return -1;
		quote(text, q, sizeof q);
		if (strcmp(key, "what") == 0) {
			size_t n = strlen(text);
			if (n > PROFILE_WHAT_MAX)
				return err_input(e, file, ydoc_line(v),
						 "reuses: what is %zu bytes; the limit is %d", n,
						 PROFILE_WHAT_MAX);
			for (const char *c = text; *c; c++)
				if ((unsigned char)*c < 0x20)
					return err_input(e, file, ydoc_line(v),
							 "reuses: what contains a control "
							 "character");
			memcpy(r->what, text, n + 1);
			continue;
		}
		const char *const *values =
		    strcmp(key, "language") == 0 ? reuse_languages : reuse_shares + 1;
		int i = -1;
		for (int j = 0; values[j]; j++)
			if (strcmp(values[j], text) == 0)
				i = j;
		if (i < 0) {
			join_values(values, list, sizeof list);
			const char *near = closest(text, values);
			if (near)
				return err_input(e, file, ydoc_line(v),
						 "reuses: %s: unknown value \"%s\" (did you mean "
						 "\"%s\"?); expected one of: %s",
						 key, q, near, list);
			return err_input(e, file, ydoc_line(v),
					 "reuses: %s: unknown value \"%s\"; expected one of: %s",
					 key, q, list);
		}
		if (strcmp(key, "language") == 0)
			r->language = i;
		else
			r->share = (enum reuse_share)(i + 1);
	}
	if (r->language < 0)
		return err_input(e, file, r->line,
				 "a reuses entry needs a language (go | rust | c | cpp | python | "
				 "typescript | java | other)");
	return 0;
}

/* reuses: a list of {language, what, share}; replaces what a component inherited. */
static int walk_reuses(struct ydoc *d, yaml_node_t *seq, struct profile *p, struct err *e)
{
	const char *file = ydoc_name(d);
	if (seq->type != YAML_SEQUENCE_NODE)
		return err_input(e, file, ydoc_line(seq),
				 "reuses must be a list of entries (- language: go), got %s",
				 ydoc_kind(seq));
	size_t n = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
	if (n > PROFILE_MAX_REUSES)
		return err_input(e, file, ydoc_line(seq), "reuses has %zu entries; the limit is %d",
				 n, PROFILE_MAX_REUSES);
	struct profile_reuse list[PROFILE_MAX_REUSES];
	memset(list, 0, sizeof list);
	for (size_t i = 0; i < n; i++)
		if (walk_reuse(d, ydoc_node(d, seq->data.sequence.items.start[i]), &list[i], e) !=
		    0)
			return -1;
	memcpy(p->reuses, list, sizeof list);
	p->nreuses = n;
	return 0;
}

static int walk_components(struct ydoc *d, yaml_node_t *seq, struct profile *p, struct err *e)
{
	const char *file = ydoc_name(d);
	if (seq->type != YAML_SEQUENCE_NODE)
		return err_input(e, file, ydoc_line(seq),
				 "components must be a list of components (- name: ...), got %s",
				 ydoc_kind(seq));
	size_t n = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
	if (n == 0)
		return err_input(e, file, ydoc_line(seq), "components is an empty list");
	if (n > PROFILE_MAX_COMPONENTS)
		return err_input(e, file, ydoc_line(seq), "%zu components; the limit is %d", n,
				 PROFILE_MAX_COMPONENTS);
	p->components = calloc(n, sizeof *p->components);
	if (!p->components)
		return err_internal(e, "out of memory");
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *item = ydoc_node(d, seq->data.sequence.items.start[i]);
		struct profile *c = &p->components[i];
		memcpy(c->v, p->v, sizeof c->v);
		memcpy(c->given, p->given, sizeof c->given);
		memcpy(c->inherited, p->given, sizeof c->inherited);
		memcpy(c->set_line, p->set_line, sizeof c->set_line);
		memcpy(c->reuses, p->reuses, sizeof c->reuses);
		c->nreuses = p->nreuses;
		c->file = file;
		c->line = ydoc_line(item);
		if (walk_mapping(d, item, "", c, true, e) != 0)
			return -1;
		if (!c->name[0])
			return err_input(e, file, c->line, "component %zu has no name", i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->components[j].name, c->name) == 0)
				return err_input(e, file, c->line,
						 "two components are named '%s' (first at line %d)",
						 c->name, p->components[j].line);
		p->ncomponents = i + 1;
	}
	return 0;
}

static int walk_mapping(struct ydoc *d, yaml_node_t *map, const char *prefix, struct profile *p,
			bool component, struct err *e)
{
	const char *file = ydoc_name(d);
	char what[32];
	if (*prefix)
		snprintf(what, sizeof what, "%.*s", (int)strlen(prefix) - 1, prefix);
	else
		snprintf(what, sizeof what, "%s", component ? "a component" : "the profile");
	if (ydoc_check_mapping(d, map, what, e) != 0)
		return -1;
	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *k = ydoc_node(d, pr->key), *v = ydoc_node(d, pr->value);
		const char *key = ydoc_scalar(k);
		int line = ydoc_line(k);
		if (!*prefix && strcmp(key, "name") == 0) {
			if (set_name(d, v, p, e) != 0)
				return -1;
			continue;
		}
		if (!*prefix && strcmp(key, "reuses") == 0) {
			if (walk_reuses(d, v, p, e) != 0)
				return -1;
			continue;
		}
		if (!*prefix && (strcmp(key, "team") == 0 || strcmp(key, "ci") == 0 ||
				 strcmp(key, "costs") == 0 || strcmp(key, "prototypes") == 0)) {
			char sub[16];
			snprintf(sub, sizeof sub, "%s.", key);
			if (walk_mapping(d, v, sub, p, component, e) != 0)
				return -1;
			continue;
		}
		if (!*prefix && strcmp(key, "components") == 0) {
			/* walked after every top-level field is known, so order does not matter */
			if (component)
				return err_input(e, file, line, "components cannot be nested");
			continue;
		}
		char full[96];
		snprintf(full, sizeof full, "%s%s", prefix, key);
		int f = profile_field_lookup(full);
		if (f < 0 || fields[f].type == FT_DERIVED) {
			char q[48];
			quote(key, q, sizeof q);
			const char *near = NULL;
			if (!*prefix) {
				near = closest(key, top_keys);
			} else {
				const char *sub[F_COUNT + 1];
				size_t ns = 0;
				size_t pl = strlen(prefix);
				for (int g = 0; g < F_COUNT; g++)
					if (fields[g].type != FT_DERIVED &&
					    strncmp(fields[g].name, prefix, pl) == 0)
						sub[ns++] = fields[g].name + pl;
				sub[ns] = NULL;
				near = closest(key, sub);
			}
			if (near)
				return err_input(e, file, line,
						 "unknown key '%s%s' (did you mean '%s%s'?)",
						 prefix, q, prefix, near);
			return err_input(e, file, line, "unknown key '%s%s'", prefix, q);
		}
		const char *text = ydoc_scalar(v);
		if (!text)
			return err_input(e, file, ydoc_line(v), "%s must be a single value, got %s",
					 full, ydoc_kind(v));
		if (!*text)
			return err_input(e, file, ydoc_line(v), "%s has no value", full);
		if (set_value(p, f, text, ydoc_plain(v), file, ydoc_line(v), e) != 0)
			return -1;
	}
	return 0;
}

static int check_bounded(const struct profile *p, enum field f, enum field limit, struct err *e)
{
	if (p->v[f] <= p->v[limit])
		return 0;
	int line = p->set_line[f] ? p->set_line[f] : p->set_line[limit];
	char a[32], b[32], bound[128];
	profile_format(p, limit, b, sizeof b);
	if (p->given[limit])
		snprintf(bound, sizeof bound, "%s (%s)", fields[limit].name, b);
	else /* the user never wrote the limit: say it is the default, and how to set it */
		snprintf(bound, sizeof bound, "%s, which is %s when not given: set %s",
			 fields[limit].name, b, fields[limit].name);
	return err_input(e, p->file, line ? line : p->line, "%s (%s) cannot exceed %s",
			 fields[f].name, profile_format(p, f, a, sizeof a), bound);
}

static int finish_one(struct profile *p, struct err *e)
{
	if (!p->given[F_BUILDING])
		return err_input(e, p->file, p->line,
				 "missing 'building': say what you are building (e.g. building: "
				 "web-service)");
	if (check_bounded(p, F_TEAM_KNOW_GO, F_TEAM_SIZE, e) ||
	    check_bounded(p, F_TEAM_KNOW_RUST, F_TEAM_SIZE, e))
		return -1;
	bool shipping = (int)p->v[F_STAGE] == profile_enum_index(F_STAGE, "shipping");
	if (!shipping && (int)p->v[F_CURRENT_LANGUAGE] != 0)
		return err_input(e, p->file, p->set_line[F_CURRENT_LANGUAGE],
				 "current_language applies only with stage: shipping");
	if (!shipping && (int)p->v[F_PAIN] != 0)
		return err_input(e, p->file, p->set_line[F_PAIN],
				 "pain applies only with stage: shipping");
	profile_derive(p);
	return 0;
}

/* The fields that speak of each scored language, indexed by enum lang (LANG_GO, LANG_RUST). */
static const enum field reuses_of[LANG_SCORED] = {F_REUSES_GO, F_REUSES_RUST};
static const enum field know_of[LANG_SCORED] = {F_TEAM_KNOW_GO, F_TEAM_KNOW_RUST};
static const enum field prototype_of[LANG_SCORED] = {F_PROTOTYPE_GO, F_PROTOTYPE_RUST};

int profile_ships_lang(const struct profile *p)
{
	int l = lang_parse(profile_enum_name(p, F_CURRENT_LANGUAGE));
	return l == LANG_GO || l == LANG_RUST ? l : -1;
}

/* Whether lang (a current_language or background name) is C or C++, which count as one. */
static bool c_or_cpp(const char *lang)
{
	return strcmp(lang, "c") == 0 || strcmp(lang, "cpp") == 0;
}

/* Whether anything ships (current_language is not none). */
static bool ships_something(const struct profile *p)
{
	return strcmp(profile_enum_name(p, F_CURRENT_LANGUAGE), "none") != 0;
}

/* How much of the project rests on reused Go or Rust code when the other language, or neither,
 * ships: where that is the core (Rust reimplementations adopted in place of C tools), replacing
 * what ships is adoption more than rewrite. A library it links (SQLite, libpq, a C extension) is
 * what it is built on either way and does not count. Nothing ships: none. */
static double reuses_elsewhere(const struct profile *p)
{
	if (!ships_something(p))
		return REUSE_NONE;
	int ships = profile_ships_lang(p);
	double most = REUSE_NONE;
	for (int l = 0; l < LANG_SCORED; l++)
		if (l != ships)
			most = fmax(most, p->v[reuses_of[l]]);
	return most;
}

/* Whether the team writes the language of what ships (an index into writes_current_values):
 * yes when it ships in Go or Rust and someone writes it, or when the team's background is that
 * language (TypeScript for Node.js; C and C++ as one); no when the background names another
 * language (only Go or Rust for Ruby and other, which no background names); unknown when nothing
 * ships, or the background is mixed or none. */
static double writes_current(const struct profile *p)
{
	enum { UNKNOWN, YES, NO };
	const char *cur = profile_enum_name(p, F_CURRENT_LANGUAGE);
	const char *bg = profile_enum_name(p, F_TEAM_BACKGROUND);
	if (!ships_something(p))
		return UNKNOWN;
	int ships = profile_ships_lang(p);
	if (ships >= 0 && p->v[know_of[ships]] > 0)
		return YES;
	if (strcmp(bg, "mixed") == 0 || strcmp(bg, "none") == 0)
		return UNKNOWN;
	/* the backgrounds name no Ruby or other language: a Rails team may write "typescript" for
	 * its front end, so only a Go or Rust background says it has left what ships */
	bool unnamed = strcmp(cur, "ruby") == 0 || strcmp(cur, "other") == 0;
	if (unnamed && strcmp(bg, "go") != 0 && strcmp(bg, "rust") != 0)
		return UNKNOWN;
	if ((c_or_cpp(cur) && c_or_cpp(bg)) || strcmp(bg, cur) == 0 ||
	    (strcmp(bg, "typescript") == 0 && strcmp(cur, "node") == 0))
		return YES;
	return NO;
}

/* Whether what ships is memory-unsafe code exposed where it matters: C or C++ that takes
 * untrusted input in a security-critical place, the problem the seeds' memory-safety figures
 * (about 70% of vulnerabilities) are about. Go and Rust are both memory-safe; a Java or Python
 * service is too. */
static bool unsafe_exposed(const struct profile *p)
{
	return c_or_cpp(profile_enum_name(p, F_CURRENT_LANGUAGE)) && p->v[F_UNTRUSTED_INPUT] != 0 &&
	       p->v[F_SECURITY_CRITICAL] != 0;
}

/* How much of the team could carry on a working replacement of what ships: the share writing
 * the language of a Go or Rust prototype that worked, in a language other than what ships (the
 * larger where both did; 0 where none did, or nothing ships). A port one engineer of three
 * hundred wrote shows the rewrite can work, not that the team can carry it; the rules say how
 * large a share sets a keep aside. */
static double prototype_replacement(const struct profile *p)
{
	if (!ships_something(p))
		return 0;
	int ships = profile_ships_lang(p);
	int worked = profile_enum_index(F_PROTOTYPE_GO, "worked");
	double most = 0;
	for (int l = 0; l < LANG_SCORED; l++)
		if (l != ships && (int)p->v[prototype_of[l]] == worked)
			most = fmax(most, p->v[know_of[l]] / p->v[F_TEAM_SIZE]);
	return most;
}

/* Where what ships is a Python, Node.js, Ruby or Java program on users' machines, each user
 * needs its interpreter or JVM, where Go and Rust ship a single binary: how much of the team
 * could ship one instead, the larger of the shares writing Go and Rust. 0 where nothing ships,
 * it runs elsewhere, or in another language (which may need no runtime), and for a library or
 * code loaded into a host: the program that loads it brings the runtime, and neither ships as
 * a binary of its own. The rules say how large a share sets a keep aside. */
static double runtime_on_users(const struct profile *p)
{
	static const char *const runtimes[] = {"python", "node", "ruby", "java", NULL};
	if (!ships_something(p) || strcmp(profile_enum_name(p, F_RUNS_ON), "user-machines") != 0 ||
	    strcmp(profile_enum_name(p, F_EMBEDDED_IN), "none") != 0 ||
	    strcmp(profile_enum_name(p, F_BUILDING), "library") == 0)
		return 0;
	const char *cur = profile_enum_name(p, F_CURRENT_LANGUAGE);
	for (int i = 0; runtimes[i]; i++)
		if (strcmp(cur, runtimes[i]) == 0)
			return fmax(p->v[F_TEAM_GO_SHARE], p->v[F_TEAM_RUST_SHARE]);
	return 0;
}

void profile_derive(struct profile *p)
{
	if (isnan(p->v[F_CI_MERGES_PER_DAY]) || !p->given[F_CI_MERGES_PER_DAY])
		p->v[F_CI_MERGES_PER_DAY] = 2 * p->v[F_TEAM_SIZE];
	p->v[F_TEAM_GO_SHARE] = p->v[F_TEAM_KNOW_GO] / p->v[F_TEAM_SIZE];
	p->v[F_TEAM_RUST_SHARE] = p->v[F_TEAM_KNOW_RUST] / p->v[F_TEAM_SIZE];
	for (int l = 0; l < PROFILE_REUSE_LANGS; l++)
		p->v[F_REUSES_FIRST + l] = REUSE_NONE;
	for (size_t i = 0; i < p->nreuses; i++) {
		double *v = &p->v[F_REUSES_FIRST + p->reuses[i].language];
		if ((double)p->reuses[i].share > *v)
			*v = p->reuses[i].share;
	}
	p->v[F_REUSES_ANY] = p->v[F_REUSES_NATIVE] = p->v[F_REUSES_GC_CODE] = REUSE_NONE;
	for (int f = F_REUSES_FIRST; f < F_REUSES_FIRST + PROFILE_REUSE_LANGS; f++)
		p->v[F_REUSES_ANY] = fmax(p->v[F_REUSES_ANY], p->v[f]);
	p->v[F_REUSES_NATIVE] = fmax(p->v[F_REUSES_C], p->v[F_REUSES_CPP]);
	p->v[F_REUSES_GC_CODE] =
	    fmax(p->v[F_REUSES_PYTHON], fmax(p->v[F_REUSES_TYPESCRIPT], p->v[F_REUSES_JAVA]));
	p->v[F_REUSES_ELSEWHERE] = reuses_elsewhere(p);
	p->v[F_TEAM_WRITES_CURRENT] = writes_current(p);
	p->v[F_UNSAFE_EXPOSED] = unsafe_exposed(p);
	p->v[F_PROTOTYPE_REPLACEMENT] = prototype_replacement(p);
	p->v[F_RUNTIME_ON_USERS] = runtime_on_users(p);
	/* the team that builds a system says nothing of how much of it one part is: a component
	 * counts the engineers it names itself, and none otherwise */
	p->v[F_BUILT_BY] = p->inherited[F_TEAM_SIZE] ? 0 : p->v[F_TEAM_SIZE];
}

int profile_finish(struct profile *p, struct err *e)
{
	if (finish_one(p, e) != 0)
		return -1;
	for (size_t i = 0; i < p->ncomponents; i++)
		if (finish_one(&p->components[i], e) != 0)
			return -1;
	return 0;
}

/* Builds the profile from a loaded document; consumes d. */
static struct profile *from_doc(struct ydoc *d, const char *name, struct err *e)
{
	if (!d)
		return NULL;
	struct profile *p = profile_new();
	if (!p) {
		ydoc_free(d);
		err_internal(e, "out of memory");
		return NULL;
	}
	p->file = name;
	p->line = 1;
	yaml_node_t *root = ydoc_root(d);
	int rc = walk_mapping(d, root, "", p, false, e);
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	     rc == 0 && pr < root->data.mapping.pairs.top; pr++)
		if (strcmp(ydoc_scalar(ydoc_node(d, pr->key)), "components") == 0)
			rc = walk_components(d, ydoc_node(d, pr->value), p, e);
	if (rc == 0)
		rc = profile_finish(p, e);
	ydoc_free(d);
	if (rc != 0) {
		profile_free(p);
		return NULL;
	}
	return p;
}

struct profile *profile_parse(const char *name, const char *buf, size_t len, struct err *e)
{
	if (len > PROFILE_MAX_BYTES) {
		err_input(e, name, 0, "profile is %zu bytes; the limit is %u bytes", len,
			  PROFILE_MAX_BYTES);
		return NULL;
	}
	return from_doc(ydoc_load_buffer(name, buf, len, e), name, e);
}

struct profile *profile_load(const char *path, struct err *e)
{
	struct ydoc *d = ydoc_load_file(path, PROFILE_MAX_BYTES, e);
	return from_doc(d, d ? ydoc_name(d) : path, e);
}
const char *profile_format(const struct profile *p, enum field f, char *buf, size_t size)
{
	switch (fields[f].type) {
	case FT_ENUM:
		snprintf(buf, size, "%s", profile_enum_name(p, f));
		break;
	case FT_DERIVED:
		if (fields[f].values)
			snprintf(buf, size, "%s", profile_enum_name(p, f));
		else
			num_format(p->v[f], buf, size);
		break;
	case FT_BOOL:
		snprintf(buf, size, "%s", p->v[f] != 0 ? "true" : "false");
		break;
	default:
		num_format(p->v[f], buf, size);
	}
	return buf;
}
