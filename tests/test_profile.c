/*
 * test_profile — parsing, defaults, inheritance and the exact error messages users see.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void defaults_fill_every_field(void **state)
{
	(void)state;
	struct profile *p = test_profile("building: cli\n");
	assert_string_equal(profile_enum_name(p, F_BUILDING), "cli");
	assert_string_equal(profile_enum_name(p, F_STAGE), "new");
	assert_string_equal(profile_enum_name(p, F_WORKLOAD), "io-bound");
	assert_true(p->v[F_P99_MS] == 100);
	assert_true(p->v[F_MEMORY_MB] == 512);
	assert_true(p->v[F_TEAM_SIZE] == 5);
	assert_true(fabs(p->v[F_TEAM_ATTRITION] - 0.15) < 1e-12);
	/* seed 001's CI example: each engineer merges twice a day */
	assert_true(p->v[F_CI_MERGES_PER_DAY] == 10);
	assert_true(p->v[F_TEAM_RUST_SHARE] == 0);
	assert_false(p->given[F_P99_MS]);
	profile_free(p);
}

/* Issue 13: people read "p99 target" and "Rust-fluent engineers", not p99_ms or
 * team.know_rust: every field has a readable label, none of them a dotted or snake_case name. */
static void every_field_has_a_readable_label(void **state)
{
	(void)state;
	for (int f = 0; f < F_COUNT; f++) {
		const struct field_info *fi = profile_field((enum field)f);
		if (!fi->label || !*fi->label || strchr(fi->label, '_') || strchr(fi->label, '.'))
			fail_msg("field %s has label '%s'", fi->name, fi->label ? fi->label : "");
	}
	assert_string_equal(profile_field(F_P99_MS)->label, "p99 target");
	assert_string_equal(profile_field(F_MEMORY_MB)->label, "memory per instance");
	assert_string_equal(profile_field(F_TEAM_KNOW_RUST)->label, "Rust-fluent engineers");
}

/* Two profiles that say the same hash the same however they are written; a change does not. */
static void fingerprint_follows_what_a_profile_says(void **state)
{
	(void)state;
	struct profile *a = test_profile("name: x\nbuilding: cli\nteam: {size: 4}\n");
	struct profile *b = test_profile("# a comment\nteam:\n  size: 4\nbuilding: cli\nname: x\n");
	struct profile *c = test_profile("name: x\nbuilding: cli\nteam: {size: 5}\n");
	struct profile *d = test_profile("name: x\nbuilding: cli\nteam: {size: 4}\n"
					 "components: [{name: a, building: proxy}]\n");
	/* a component that names its own team size says more than one that inherits the same */
	struct profile *e =
	    test_profile("name: x\nbuilding: cli\nteam: {size: 4}\n"
			 "components: [{name: a, building: proxy, team: {size: 4}}]\n");
	assert_true(profile_fingerprint(a) == profile_fingerprint(b));
	assert_true(profile_fingerprint(a) != profile_fingerprint(c));
	assert_true(profile_fingerprint(a) != profile_fingerprint(d));
	assert_true(profile_fingerprint(d) != profile_fingerprint(e));
	profile_free(a);
	profile_free(b);
	profile_free(c);
	profile_free(d);
	profile_free(e);
}

static void full_profile_parses(void **state)
{
	(void)state;
	struct profile *p = test_profile("name: checkout-api\n"
					 "building: web-service\n"
					 "stage: shipping\n"
					 "current_language: go\n"
					 "pain: gc-pauses\n"
					 "workload: mixed\n"
					 "p99_ms: 2.5\n"
					 "gc: avoid\n"
					 "memory_mb: 256\n"
					 "instances: 20\n"
					 "untrusted_input: true\n"
					 "security_critical: false\n"
					 "kubernetes: extends\n"
					 "time_to_market: critical\n"
					 "horizon_years: 4\n"
					 "team:\n"
					 "  size: 6\n"
					 "  know_go: 2\n"
					 "  know_rust: 3\n"
					 "  background: cpp\n"
					 "  attrition: 0.2\n"
					 "  hires_per_year: 4\n"
					 "ci:\n"
					 "  merges_per_day: 12\n"
					 "costs:\n"
					 "  engineer_hour_usd: 120\n"
					 "  ci_minute_usd: 0.008\n"
					 "  memory_gb_month_usd: 3.25\n");
	assert_string_equal(p->name, "checkout-api");
	assert_true(p->v[F_P99_MS] == 2.5);
	assert_true(p->v[F_UNTRUSTED_INPUT] == 1);
	assert_string_equal(profile_enum_name(p, F_KUBERNETES), "extends");
	assert_true(p->v[F_CI_MERGES_PER_DAY] == 12);
	assert_true(p->v[F_TEAM_RUST_SHARE] == 0.5);
	assert_true(p->v[F_COSTS_ENGINEER_HOUR_USD] == 120);
	assert_int_equal(p->set_line[F_P99_MS], 7);
	profile_free(p);
}

static void components_inherit_and_override(void **state)
{
	(void)state;
	/* p99_ms is written after `components`: it must still be inherited */
	struct profile *p = test_profile("building: web-service\n"
					 "team: {size: 10, know_go: 4}\n"
					 "components:\n"
					 "  - name: api\n"
					 "  - name: edge\n"
					 "    building: proxy\n"
					 "    p99_ms: 1\n"
					 "    team: {know_rust: 2}\n"
					 "p99_ms: 40\n");
	assert_int_equal(p->ncomponents, 2);
	struct profile *api = &p->components[0], *edge = &p->components[1];
	assert_string_equal(api->name, "api");
	assert_string_equal(profile_enum_name(api, F_BUILDING), "web-service");
	assert_true(api->v[F_P99_MS] == 40);
	assert_string_equal(profile_enum_name(edge, F_BUILDING), "proxy");
	assert_true(edge->v[F_P99_MS] == 1);
	assert_true(edge->v[F_TEAM_SIZE] == 10);
	assert_true(edge->v[F_TEAM_KNOW_GO] == 4);
	assert_true(edge->v[F_TEAM_KNOW_RUST] == 2);
	assert_true(edge->v[F_TEAM_RUST_SHARE] == 0.2);
	/* the system's team size says nothing of how much of it one part is (built_by) */
	assert_true(p->v[F_BUILT_BY] == 10);
	assert_true(api->v[F_BUILT_BY] == 0);
	assert_true(edge->v[F_BUILT_BY] == 0);
	profile_free(p);
	p = test_profile("building: web-service\ncomponents:\n  - name: api\n"
			 "  - name: core\n    team: {size: 60}\n");
	assert_true(p->v[F_BUILT_BY] == 5);
	assert_true(p->components[0].v[F_BUILT_BY] == 5);
	assert_true(p->components[1].v[F_BUILT_BY] == 60);
	profile_free(p);
}

/* The DESIGN.md profile additions: defaults keep an old profile's meaning; reuses derive the
 * per-language fields rules test; a component inherits reuses unless it writes its own. */
static void profile_additions_parse_and_default(void **state)
{
	(void)state;
	struct profile *old = test_profile("building: web-service\n");
	assert_string_equal(profile_enum_name(old, F_RUNS_ON), "our-fleet");
	assert_string_equal(profile_enum_name(old, F_EMBEDDED_IN), "none");
	assert_string_equal(profile_enum_name(old, F_PROTOTYPE_GO), "none");
	assert_string_equal(profile_enum_name(old, F_PROTOTYPE_RUST), "none");
	assert_int_equal(old->nreuses, 0);
	for (int l = 0; l < PROFILE_REUSE_LANGS; l++)
		assert_true(old->v[F_REUSES_FIRST + l] == REUSE_NONE);
	profile_free(old);

	struct profile *p =
	    test_profile("building: database\n"
			 "runs_on: user-machines\n"
			 "embedded_in: python\n"
			 "prototypes: {go: failed, rust: worked}\n"
			 "stage: shipping\n"
			 "current_language: python\n"
			 "pain: end-of-life\n"
			 "reuses:\n"
			 "  - language: go\n"
			 "    what: \"Prometheus TSDB\"\n"
			 "  - {language: go, what: \"the Cortex ring\", share: core}\n"
			 "  - {language: cpp}\n"
			 "components:\n"
			 "  - name: ingest\n"
			 "  - name: query\n"
			 "    building: query-engine\n"
			 "    reuses: [{language: rust, what: DataFusion, share: core}]\n");
	assert_string_equal(profile_enum_name(p, F_RUNS_ON), "user-machines");
	assert_string_equal(profile_enum_name(p, F_EMBEDDED_IN), "python");
	assert_string_equal(profile_enum_name(p, F_PROTOTYPE_GO), "failed");
	assert_string_equal(profile_enum_name(p, F_PROTOTYPE_RUST), "worked");
	assert_string_equal(profile_enum_name(p, F_PAIN), "end-of-life");
	assert_string_equal(profile_enum_name(p, F_REUSES_GO), "core");
	assert_string_equal(profile_enum_name(p, F_REUSES_CPP), "some");
	assert_string_equal(profile_enum_name(p, F_REUSES_RUST), "none");
	char buf[200];
	assert_string_equal(profile_reuse_what(p, "go", buf, sizeof buf),
			    "Prometheus TSDB and the Cortex ring");
	assert_string_equal(profile_reuse_what(p, "cpp", buf, sizeof buf), "existing C++ code");
	assert_string_equal(profile_reuse_what(p, "rust", buf, sizeof buf), "");
	const struct profile *ingest = &p->components[0], *query = &p->components[1];
	assert_int_equal(ingest->nreuses, 3);
	assert_string_equal(profile_enum_name(ingest, F_REUSES_GO), "core");
	assert_int_equal(query->nreuses, 1);
	assert_string_equal(profile_enum_name(query, F_REUSES_GO), "none");
	assert_string_equal(profile_enum_name(query, F_REUSES_RUST), "core");
	assert_string_equal(profile_enum_name(query, F_BUILDING), "query-engine");
	profile_free(p);
}

struct bad {
	const char *text, *message;
};

static const struct bad bad_profiles[] = {
    {"bulding: cli\n", "test.yaml:1: unknown key 'bulding' (did you mean 'building'?)"},
    {"building: web-servce\n",
     "test.yaml:1: building: unknown value \"web-servce\" (did you mean \"web-service\"?); "
     "expected one of: web-service | cli | embedded | kernel | blockchain | trading | "
     "game-engine | ml-inference | data-pipeline | k8s-operator | proxy | parser | database | "
     "runtime | wasm | library | cache | desktop-app | agent | vmm | compiler | query-engine"},
    {"building: cli\nteam:\n  size: -3\n",
     "test.yaml:3: team.size must be between 1 and 100000 engineers, got -3"},
    {"building: cli\nteam:\n  size: six\n",
     "test.yaml:3: team.size must be a whole number of engineers, got \"six\""},
    {"building: cli\nteam: {attrition: 1.5}\n",
     "test.yaml:2: team.attrition must be at least 0 and at most 1 a fraction per year, got 1.5"},
    {"building: cli\np99_ms: 0\n",
     "test.yaml:2: p99_ms must be above 0 and at most 3600000 milliseconds, got 0"},
    {"building: cli\np99_ms: \"50\"\n",
     "test.yaml:2: p99_ms must be a number of milliseconds, got \"50\""},
    {"building: cli\np99_ms: 50ms\n",
     "test.yaml:2: p99_ms must be a number of milliseconds, got \"50ms\""},
    {"building: cli\nuntrusted_input: yes\n",
     "test.yaml:2: untrusted_input must be true or false, got \"yes\""},
    {"stage: new\n",
     "test.yaml:1: missing 'building': say what you are building (e.g. building: web-service)"},
    {"building: cli\nteam: {size: 3, know_go: 5}\n",
     "test.yaml:2: team.know_go (5) cannot exceed team.size (3)"},
    {"building: cli\nteam: {know_go: 7}\n",
     "test.yaml:2: team.know_go (7) cannot exceed team.size, which is 5 when not given: set "
     "team.size"},
    {"building: cli\ncurrent_language: go\n",
     "test.yaml:2: current_language applies only with stage: shipping"},
    {"building: cli\nbuilding: proxy\n",
     "test.yaml:2: duplicate key 'building' in the profile (first at line 1)"},
    {"- building: cli\n", "test.yaml:1: the profile must be a mapping of key: value, got a list"},
    {"building: cli\nruns_on: cloud\n",
     "test.yaml:2: runs_on: unknown value \"cloud\"; expected one of: our-fleet | user-machines | "
     "mobile | browser | device"},
    {"building: cli\nembedded_in: pyhton\n",
     "test.yaml:2: embedded_in: unknown value \"pyhton\" (did you mean \"python\"?); expected one "
     "of: none | python | node | jvm | ruby | c-host | mobile-app"},
    {"building: cli\nprototypes: {go: great}\n",
     "test.yaml:2: prototypes.go: unknown value \"great\"; expected one of: none | worked | "
     "failed"},
    {"building: cli\nprototypes: {java: worked}\n", "test.yaml:2: unknown key 'prototypes.java'"},
    {"building: cli\nreuses: {language: go}\n",
     "test.yaml:2: reuses must be a list of entries (- language: go), got a mapping"},
    {"building: cli\nreuses:\n  - what: x\n",
     "test.yaml:3: a reuses entry needs a language (go | rust | c | cpp | python | typescript | "
     "java | other)"},
    {"building: cli\nreuses: [{language: go, share: most}]\n",
     "test.yaml:2: reuses: share: unknown value \"most\"; expected one of: some | core"},
    {"building: cli\nreuses: [{language: go, shares: core}]\n",
     "test.yaml:2: unknown key 'reuses.shares' (did you mean 'reuses.share'?)"},
    {"building: cli\nreuses: [go]\n",
     "test.yaml:2: a reuses entry must be a mapping of key: value, got text"},
    {"building: cli\nreuses.go: core\n", "test.yaml:2: unknown key 'reuses.go'"},
    {"building: [cli]\n", "test.yaml:1: building must be a single value, got a list"},
    {"building: cli\nteam: 5\n", "test.yaml:2: team must be a mapping of key: value, got text"},
    {"building: cli\nteam: {sise: 5}\n",
     "test.yaml:2: unknown key 'team.sise' (did you mean 'team.size'?)"},
    {"building: cli\np99_ms:\n", "test.yaml:2: p99_ms has no value"},
    {"building: cli\ncomponents: []\n", "test.yaml:2: components is an empty list"},
    {"building: cli\ncomponents:\n  - building: proxy\n", "test.yaml:3: component 1 has no name"},
    {"building: cli\ncomponents:\n  - name: a\n    components: []\n",
     "test.yaml:4: components cannot be nested"},
    {"building: cli\ncomponents:\n  - name: a\n  - name: a\n",
     "test.yaml:4: two components are named 'a' (first at line 3)"},
    {"", "test.yaml:1: the file is empty"},
    {"# only a comment\n", "test.yaml:1: the file holds no YAML document (only comments?)"},
    {"building: cli\n---\nbuilding: proxy\n",
     "test.yaml:2: a second YAML document: one document per file"},
    {"building: [cli\n", "test.yaml:2: not valid YAML: did not find expected ',' or ']' while "
			 "parsing a flow sequence (started at line 1)"},
    {"team.go_share: 1\nbuilding: cli\n", "test.yaml:1: unknown key 'team.go_share'"},
    {"building: cli\nteam: {writes_current: \"no\"}\n",
     "test.yaml:2: unknown key 'team.writes_current'"},
};

static void bad_profiles_name_file_line_and_fix(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_profiles / sizeof bad_profiles[0]; i++) {
		const char *msg = test_profile_error(bad_profiles[i].text);
		if (strcmp(msg, bad_profiles[i].message) != 0)
			fail_msg("input %zu:\n%s\nexpected: %s\n     got: %s", i,
				 bad_profiles[i].text, bad_profiles[i].message, msg);
	}
}

static void hostile_nesting_and_aliases_are_bounded(void **state)
{
	(void)state;
	/* deep nesting */
	char deep[4096];
	size_t n = 0;
	n += (size_t)snprintf(deep + n, sizeof deep - n, "building: cli\nx: ");
	for (int i = 0; i < 1000; i++)
		deep[n++] = '[';
	for (int i = 0; i < 1000; i++)
		deep[n++] = ']';
	deep[n++] = '\n';
	deep[n] = '\0';
	const char *msg = test_profile_error(deep);
	assert_non_null(strstr(msg, "nesting deeper than 32 levels"));
	/* "billion laughs": aliases that expand exponentially */
	const char *laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
			     "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			     "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
			     "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
			     "building: cli\n";
	msg = test_profile_error(laughs);
	assert_non_null(strstr(msg, "once aliases are expanded"));
}

static void profile_set_validates_like_yaml(void **state)
{
	(void)state;
	struct profile *p = profile_new();
	struct err e = {0};
	assert_int_equal(profile_set(p, "team.size", "0", NULL, 0, &e), -1);
	assert_string_equal(e.msg, "team.size must be between 1 and 100000 engineers, got 0");
	assert_int_equal(profile_set(p, "building", "proxy", NULL, 0, &e), 0);
	assert_int_equal(profile_finish(p, &e), 0);
	assert_string_equal(profile_enum_name(p, F_BUILDING), "proxy");
	profile_free(p);
}

/* Regression (found by fuzz_profile): a whitespace-only buffer that is not NUL-terminated was
 * scanned past its end. */
static void unterminated_blank_buffer_is_empty(void **state)
{
	(void)state;
	char *buf = malloc(1);
	buf[0] = ' ';
	struct err e = {0};
	assert_null(profile_parse("blank.yaml", buf, 1, &e));
	assert_string_equal(e.msg, "blank.yaml:1: the file is empty");
	free(buf);
}

/* Regression: names were counted in bytes ("120 characters" for 60 × é). */
static void names_are_counted_in_characters(void **state)
{
	(void)state;
	char text[512];
	size_t n = (size_t)snprintf(text, sizeof text, "building: cli\nname: ");
	for (int i = 0; i < 64; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "é");
	snprintf(text + n, sizeof text - n, "\n");
	struct profile *p = test_profile(text); /* 64 characters, 128 bytes: fits */
	assert_int_equal(strlen(p->name), 128);
	profile_free(p);
	snprintf(text + n, sizeof text - n, "€\n");
	assert_string_equal(test_profile_error(text),
			    "test.yaml:2: name is 65 characters; the limit is 64");
}

/* Regression: a NUL in a name ("check\0out") silently cut it to "check". */
static void nul_in_a_name_is_refused(void **state)
{
	(void)state;
	assert_string_equal(test_profile_error("building: cli\nname: \"check\\0out\"\n"),
			    "test.yaml:2: a value contains a NUL character (\\0)");
	assert_string_equal(test_profile_error("{\"building\": \"cli\\u0000x\"}"),
			    "test.yaml:1: a value contains a NUL character (\\0)");
}

/* Regression: `"name": null` became the name "null". A null name is an error; the project
 * called null is written with quotes. */
static void null_name_is_an_error(void **state)
{
	(void)state;
	const char *want = "test.yaml:1: name is null: give the project a name, or leave name out";
	assert_string_equal(test_profile_error("{\"building\": \"cli\", \"name\": null}"), want);
	assert_string_equal(test_profile_error("name: ~\nbuilding: cli\n"), want);
	assert_string_equal(test_profile_error("name: !!null x\nbuilding: cli\n"), want);
	struct profile *p = test_profile("name: \"null\"\nbuilding: cli\n");
	assert_string_equal(p->name, "null");
	profile_free(p);
}

/* Regression: JSON's escaped surrogate pair ("\ud83d\ude00", valid JSON) was refused as "not
 * valid YAML". It is one character; the same letters outside a double-quoted scalar are text. */
static void json_surrogate_pairs_are_one_character(void **state)
{
	(void)state;
	struct profile *p =
	    test_profile("{\"building\": \"cli\", \"name\": \"ok \\ud83d\\ude00\"}");
	assert_string_equal(p->name, "ok \xF0\x9F\x98\x80");
	profile_free(p);
	p = test_profile("building: cli\ncomponents:\n"
			 "  - name: a \\ud83d\\ude00 # \\ud83d\\ude00\n"
			 "  - name: 'b \\uD83D\\uDE00'\n"
			 "  - name: \"c \\\\ud83d\\\\ude00 \\uD83D\\uDE00\"\n"
			 "  - name: |-\n      d \\ud83d\\ude00\n");
	assert_string_equal(p->components[0].name, "a \\ud83d\\ude00");
	assert_string_equal(p->components[1].name, "b \\uD83D\\uDE00");
	assert_string_equal(p->components[2].name, "c \\ud83d\\ude00 \xF0\x9F\x98\x80");
	assert_string_equal(p->components[3].name, "d \\ud83d\\ude00");
	profile_free(p);
	/* half a pair is still refused, and the message names it */
	assert_string_equal(
	    test_profile_error("{\"building\": \"cli\", \"name\": \"\\ud83d!\"}"),
	    "test.yaml:1: not valid YAML: \\ud83d is half of a UTF-16 surrogate pair without its "
	    "other half (a character beyond U+FFFF is written \\ud83d\\ude00 or \\U0001F600)");
}

/* Regression: nesting was checked after a full parse (100 KB of '[' took 22 s, 1 MB never
 * finished). Now it is refused at the event that goes too deep: before libyaml has read the
 * syntax error further on, which a full parse would have reported instead. */
static void nesting_is_refused_while_parsing(void **state)
{
	(void)state;
	char text[256];
	size_t n = (size_t)snprintf(text, sizeof text, "building: cli\nx: ");
	for (int i = 0; i < 40; i++)
		text[n++] = '[';
	snprintf(text + n, sizeof text - n, "\n\n\n}}} not: [valid\n");
	assert_string_equal(test_profile_error(text), "test.yaml:2: nesting deeper than 32 levels");
	/* a megabyte of '[' costs no more than 33 of them */
	size_t big = PROFILE_MAX_BYTES - 16;
	char *deep = malloc(big + 1);
	memcpy(deep, "x: ", 3);
	memset(deep + 3, '[', big - 3);
	deep[big] = '\0';
	struct err e = {0};
	assert_null(profile_parse("deep.yaml", deep, big, &e));
	assert_string_equal(e.msg, "deep.yaml:1: nesting deeper than 32 levels");
	free(deep);
}

struct derived_case {
	const char *yaml, *want;
};

/* Each case's profile derives field f as the case says. */
static void check_derived(enum field f, const struct derived_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct profile *p = test_profile(cases[i].yaml);
		if (strcmp(profile_enum_name(p, f), cases[i].want) != 0)
			fail_msg("%s: %s, want %s", cases[i].yaml, profile_enum_name(p, f),
				 cases[i].want);
		profile_free(p);
	}
}

/* reuses.elsewhere: how much of the project rests on reused Go or Rust code where another
 * language ships; a C library under Python, or Go code under Go, is not adoption. */
static void reuses_elsewhere_is_code_in_another_language_than_what_ships(void **state)
{
	(void)state;
	static const struct derived_case cases[] = {
	    {"building: cli\nreuses:\n  - {language: rust, share: core}\n", "none"},
	    {"building: cli\nstage: shipping\ncurrent_language: c\nreuses:\n"
	     "  - {language: rust, share: core}\n",
	     "core"},
	    {"building: cli\nstage: shipping\ncurrent_language: go\nreuses:\n"
	     "  - {language: go, share: core}\n  - {language: rust, share: some}\n",
	     "some"},
	    {"building: cli\nstage: shipping\ncurrent_language: python\nreuses:\n"
	     "  - {language: c, what: libpq, share: core}\n",
	     "none"},
	    {"building: cli\nstage: shipping\ncurrent_language: rust\nreuses:\n"
	     "  - {language: c, what: SQLite, share: core}\n",
	     "none"},
	    {"building: cli\nstage: shipping\ncurrent_language: node\nreuses:\n"
	     "  - {language: go, share: core}\n",
	     "core"},
	    /* Python code is no adoption of Go or Rust, even for a model service (the ML rules
	     * weigh it) */
	    {"building: ml-inference\nstage: shipping\ncurrent_language: node\nreuses:\n"
	     "  - {language: python, share: core}\n",
	     "none"},
	};
	check_derived(F_REUSES_ELSEWHERE, cases, sizeof cases / sizeof cases[0]);
}

/* unsafe_exposed: what ships is C or C++ that takes untrusted input where security is critical;
 * the same input in Go, Java or a project that does not ship yet is no such exposure. */
static void unsafe_exposed_is_shipping_c_facing_untrusted_input(void **state)
{
	(void)state;
	static const struct derived_case cases[] = {
	    {"building: parser\n", "no"},
	    {"building: parser\nuntrusted_input: true\nsecurity_critical: true\n", "no"},
	    {"building: parser\nstage: shipping\ncurrent_language: c\nuntrusted_input: true\n"
	     "security_critical: true\n",
	     "yes"},
	    {"building: parser\nstage: shipping\ncurrent_language: cpp\nuntrusted_input: true\n"
	     "security_critical: true\n",
	     "yes"},
	    {"building: parser\nstage: shipping\ncurrent_language: cpp\nuntrusted_input: true\n",
	     "no"},
	    {"building: parser\nstage: shipping\ncurrent_language: go\nuntrusted_input: true\n"
	     "security_critical: true\n",
	     "no"},
	};
	check_derived(F_UNSAFE_EXPOSED, cases, sizeof cases / sizeof cases[0]);
}

struct numeric_case {
	const char *yaml;
	double want;
};

static void check_numeric(enum field f, const struct numeric_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct profile *p = test_profile(cases[i].yaml);
		if (fabs(p->v[f] - cases[i].want) > 1e-9)
			fail_msg("%s: %g, want %g", cases[i].yaml, p->v[f], cases[i].want);
		profile_free(p);
	}
}

/* prototypes.replacement: the share of the team writing the language of a Go or Rust prototype
 * that worked, in a language other than what ships; a prototype nobody on the team can carry
 * on, one that failed, or one in the language that already ships counts 0. */
static void prototype_replacement_is_the_share_that_writes_it(void **state)
{
	(void)state;
	static const struct numeric_case cases[] = {
	    {"building: cli\nprototypes: {go: worked}\nteam: {know_go: 1}\n", 0},
	    {"building: cli\nstage: shipping\ncurrent_language: ruby\nprototypes: {go: worked}\n"
	     "team: {size: 4, know_go: 1}\n",
	     0.25},
	    {"building: cli\nstage: shipping\ncurrent_language: ruby\nprototypes: {go: worked}\n",
	     0},
	    {"building: cli\nstage: shipping\ncurrent_language: c\nprototypes: {rust: worked}\n"
	     "team: {size: 10, know_rust: 1}\n",
	     0.1},
	    {"building: cli\nstage: shipping\ncurrent_language: c\nprototypes: {rust: failed}\n"
	     "team: {know_rust: 1}\n",
	     0},
	    {"building: cli\nstage: shipping\ncurrent_language: go\nprototypes: {go: worked}\n"
	     "team: {know_go: 1}\n",
	     0},
	    {"building: cli\nstage: shipping\ncurrent_language: python\n"
	     "prototypes: {go: worked, rust: worked}\nteam: {size: 8, know_go: 1, know_rust: 4}\n",
	     0.5},
	};
	check_numeric(F_PROTOTYPE_REPLACEMENT, cases, sizeof cases / sizeof cases[0]);
}

/* runtime_on_users: where a Python, Node.js, Ruby or Java program ships to users' machines, the
 * larger of the shares writing Go and Rust (either ships a single binary); 0 anywhere else. */
static void runtime_on_users_is_the_share_that_could_ship_a_binary(void **state)
{
	(void)state;
	static const struct numeric_case cases[] = {
	    {"building: cli\nstage: shipping\ncurrent_language: ruby\nruns_on: user-machines\n"
	     "team: {size: 4, know_go: 3}\n",
	     0.75},
	    {"building: cli\nstage: shipping\ncurrent_language: python\nruns_on: user-machines\n"
	     "team: {size: 10, know_go: 1, know_rust: 4}\n",
	     0.4},
	    {"building: desktop-app\nstage: shipping\ncurrent_language: java\n"
	     "runs_on: user-machines\nteam: {size: 5, know_rust: 1}\n",
	     0.2},
	    {"building: cli\nstage: shipping\ncurrent_language: node\nruns_on: user-machines\n"
	     "team: {size: 4, know_go: 2}\n",
	     0.5},
	    {"building: web-service\nstage: shipping\ncurrent_language: node\n"
	     "runs_on: user-machines\nteam: {size: 4, know_go: 1}\n",
	     0.25},
	    {"building: cli\nstage: shipping\ncurrent_language: node\nruns_on: user-machines\n"
	     "team: {size: 4, know_go: 0}\n",
	     0},
	    /* a library, or code loaded into a host: what loads it brings the runtime */
	    {"building: library\nstage: shipping\ncurrent_language: python\n"
	     "runs_on: user-machines\nteam: {size: 4, know_rust: 2}\n",
	     0},
	    {"building: cli\nstage: shipping\ncurrent_language: node\nembedded_in: node\n"
	     "runs_on: user-machines\nteam: {size: 4, know_go: 2}\n",
	     0},
	    /* on our own fleet the runtime is ours to install once */
	    {"building: cli\nstage: shipping\ncurrent_language: ruby\nruns_on: our-fleet\n"
	     "team: {size: 4, know_go: 3}\n",
	     0},
	    /* compiled code, or a language whose runtime the profile cannot tell */
	    {"building: cli\nstage: shipping\ncurrent_language: cpp\nruns_on: user-machines\n"
	     "team: {size: 4, know_rust: 3}\n",
	     0},
	    {"building: cli\nstage: shipping\ncurrent_language: other\nruns_on: user-machines\n"
	     "team: {size: 4, know_go: 3}\n",
	     0},
	    {"building: cli\nruns_on: user-machines\nteam: {size: 4, know_go: 3}\n", 0},
	};
	check_numeric(F_RUNTIME_ON_USERS, cases, sizeof cases / sizeof cases[0]);
}

/* team.writes_current: whether the team writes what ships, from the team's fluency in Go or Rust
 * or its background; unknown (and so no different from before) where the profile cannot say. */
static void writes_current_is_derived_from_the_team(void **state)
{
	(void)state;
	static const struct derived_case cases[] = {
	    {"building: cli\n", "unknown"},
	    {"building: cli\nstage: shipping\ncurrent_language: java\n", "unknown"},
	    {"building: cli\nstage: shipping\ncurrent_language: go\nteam: {know_go: 1}\n", "yes"},
	    {"building: cli\nstage: shipping\ncurrent_language: go\nteam: {background: python}\n",
	     "no"},
	    {"building: cli\nstage: shipping\ncurrent_language: rust\nteam: {background: go}\n",
	     "no"},
	    {"building: cli\nstage: shipping\ncurrent_language: python\nteam: {background: "
	     "python}\n",
	     "yes"},
	    {"building: cli\nstage: shipping\ncurrent_language: node\nteam: {background: "
	     "typescript}\n",
	     "yes"},
	    {"building: cli\nstage: shipping\ncurrent_language: c\nteam: {background: cpp}\n",
	     "yes"},
	    {"building: cli\nstage: shipping\ncurrent_language: other\nteam: {background: go}\n",
	     "no"},
	    {"building: cli\nstage: shipping\ncurrent_language: ruby\nteam: {background: mixed}\n",
	     "unknown"},
	    {"building: cli\nstage: shipping\ncurrent_language: ruby\nteam: {background: "
	     "typescript}\n",
	     "unknown"},
	    {"building: cli\nstage: shipping\ncurrent_language: other\nteam: {background: "
	     "python}\n",
	     "unknown"},
	    {"building: cli\nstage: shipping\ncurrent_language: ruby\nteam: {background: rust}\n",
	     "no"},
	};
	check_derived(F_TEAM_WRITES_CURRENT, cases, sizeof cases / sizeof cases[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults_fill_every_field),
	    cmocka_unit_test(every_field_has_a_readable_label),
	    cmocka_unit_test(fingerprint_follows_what_a_profile_says),
	    cmocka_unit_test(full_profile_parses),
	    cmocka_unit_test(components_inherit_and_override),
	    cmocka_unit_test(profile_additions_parse_and_default),
	    cmocka_unit_test(bad_profiles_name_file_line_and_fix),
	    cmocka_unit_test(hostile_nesting_and_aliases_are_bounded),
	    cmocka_unit_test(profile_set_validates_like_yaml),
	    cmocka_unit_test(unterminated_blank_buffer_is_empty),
	    cmocka_unit_test(names_are_counted_in_characters),
	    cmocka_unit_test(nul_in_a_name_is_refused),
	    cmocka_unit_test(null_name_is_an_error),
	    cmocka_unit_test(json_surrogate_pairs_are_one_character),
	    cmocka_unit_test(nesting_is_refused_while_parsing),
	    cmocka_unit_test(writes_current_is_derived_from_the_team),
	    cmocka_unit_test(prototype_replacement_is_the_share_that_writes_it),
	    cmocka_unit_test(runtime_on_users_is_the_share_that_could_ship_a_binary),
	    cmocka_unit_test(unsafe_exposed_is_shipping_c_facing_untrusted_input),
	    cmocka_unit_test(reuses_elsewhere_is_code_in_another_language_than_what_ships),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
