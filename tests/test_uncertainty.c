/*
 * test_uncertainty — win probability (reproducible, monotone where the evidence is) and flips
 * (every reported threshold really changes the verdict, and nothing changes just short of it).
 */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "quick.h"
#include "render.h"
#include "uncertainty.h"

static char *decide_json(const struct kb *kb, const char *yaml, unsigned long long seed)
{
	struct profile *p = test_profile(yaml);
	struct engine_options o = engine_defaults();
	o.seed = seed;
	struct verdict v;
	struct err e = {0};
	if (engine_decide(kb, p, &o, &v, &e) != 0)
		fail_msg("decide: %s", e.msg);
	json_t *j = render_json(kb, &v);
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(j);
	verdict_free(&v);
	profile_free(p);
	return s;
}

static void same_seed_same_bytes(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	const char *yaml = "building: cli\nteam: {size: 3, know_rust: 3}\n";
	char *a = decide_json(kb, yaml, 42), *b = decide_json(kb, yaml, 42),
	     *c = decide_json(kb, yaml, 43);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c); /* another seed, other samples */
	free(a);
	free(b);
	free(c);
	kb_free(kb);
}

static double p_rust(const struct kb *kb, const char *yaml)
{
	struct profile *p = test_profile(yaml);
	struct engine_options o = engine_defaults();
	o.samples = 3000;
	o.flips = o.costs = false;
	struct verdict v;
	struct err e = {0};
	assert_int_equal(engine_decide(kb, p, &o, &v, &e), 0);
	double r = v.overall.win_probability[VERDICT_RUST];
	verdict_free(&v);
	profile_free(p);
	return r;
}

/* Each rule draws from its own named stream, so a KB edit that does not touch a profile does
 * not move its probabilities: here a rule that cannot apply to it is taken out, which shifts
 * every later rule's place in the KB. */
static void an_unrelated_rule_leaves_the_draws_alone(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	static const char *const yamls[] = {
	    "building: web-service\nteam: {size: 5, know_rust: 5}\n",
	    "building: database\np99_ms: 20\nteam: {size: 4, know_go: 4}\n",
	    "building: cli\nstage: shipping\ncurrent_language: go\npain: slow-delivery\n"};
	double before[3];
	for (size_t i = 0; i < 3; i++)
		before[i] = p_rust(kb, yamls[i]);
	const struct kb_rule *all = kb->rules;
	size_t n = kb->nrules, cut = n;
	for (size_t k = 0; k < n; k++)
		if (strcmp(all[k].id, "game-frame-budget") == 0)
			cut = k;
	assert_true(cut < n / 2); /* early in the file, so most rules move */
	struct kb_rule *fewer = malloc(n * sizeof *fewer);
	assert_non_null(fewer);
	memcpy(fewer, all, cut * sizeof *fewer);
	memcpy(fewer + cut, all + cut + 1, (n - cut - 1) * sizeof *fewer);
	kb->rules = fewer;
	kb->nrules = n - 1;
	for (size_t i = 0; i < 3; i++)
		if (p_rust(kb, yamls[i]) != before[i])
			fail_msg("%s: P(rust) moved from %g", yamls[i], before[i]);
	kb->rules = all;
	kb->nrules = n;
	free(fewer);
	kb_free(kb);
}

/* With the same seed every sample sees the same draws, so these hold sample by sample. */
static void more_rust_engineers_never_lower_rust_probability(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	const char *kinds[] = {"web-service", "cli", "library", "cache"};
	for (size_t k = 0; k < 4; k++) {
		double prev = -1;
		for (int n = 0; n <= 6; n++) {
			char yaml[128];
			snprintf(yaml, sizeof yaml,
				 "building: %s\nteam: {size: 6, know_rust: %d}\n", kinds[k], n);
			double p = p_rust(kb, yaml);
			if (p < prev)
				fail_msg("%s: P(rust) fell from %g to %g at know_rust=%d", kinds[k],
					 prev, p, n);
			prev = p;
		}
	}
	kb_free(kb);
}

static void lower_p99_never_lowers_rust_probability(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	const double p99[] = {500, 100, 50, 49, 20, 6, 5, 4.9, 2, 0.5};
	const char *kinds[] = {"web-service", "cache", "cli"};
	for (size_t k = 0; k < 3; k++) {
		double prev = -1;
		for (size_t i = 0; i < sizeof p99 / sizeof p99[0]; i++) {
			char yaml[128];
			snprintf(yaml, sizeof yaml,
				 "building: %s\np99_ms: %g\nteam: {size: 6, know_rust: 2}\n",
				 kinds[k], p99[i]);
			double p = p_rust(kb, yaml);
			if (p < prev)
				fail_msg("%s: P(rust) fell from %g to %g at p99=%g", kinds[k], prev,
					 p, p99[i]);
			prev = p;
		}
	}
	kb_free(kb);
}

/* A knock-out or an outright verdict is as sure as its rule's confidence, no surer: in the draws
 * where the rule does not hold, the scores decide. */
static void probabilities_add_up_and_rules_carry_their_confidence(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct profile *p = test_profile("building: embedded\n");
	struct verdict v;
	struct err e = {0};
	assert_int_equal(engine_decide(kb, p, NULL, &v, &e), 0);
	/* no-gc-targets holds in 95% of draws; the scores pick Rust in most of the rest */
	assert_true(v.overall.win_probability[VERDICT_RUST] >= 0.95);
	assert_true(v.overall.win_probability[VERDICT_RUST] < 1);
	assert_false(v.overall.close_call);
	verdict_free(&v);
	profile_free(p);
	p = test_profile("building: ml-inference\n");
	assert_int_equal(engine_decide(kb, p, NULL, &v, &e), 0);
	/* ml-inference-python holds with confidence 0.85: 10,000 draws land within 0.02 of it */
	assert_true(fabs(v.overall.win_probability[VERDICT_PYTHON] - 0.85) < 0.02);
	verdict_free(&v);
	profile_free(p);
	p = test_profile("building: web-service\ncomponents:\n  - {name: a}\n"
			 "  - {name: b, building: proxy, p99_ms: 1}\n");
	assert_int_equal(engine_decide(kb, p, NULL, &v, &e), 0);
	assert_true(v.has_system_probability);
	double sum = v.system_probability[VERDICT_GO] + v.system_probability[VERDICT_RUST] +
		     v.system_probability[VERDICT_HYBRID];
	assert_true(fabs(sum - 1) < 1e-9);
	assert_true(v.system_probability[VERDICT_HYBRID] > 0.9);
	verdict_free(&v);
	profile_free(p);
	kb_free(kb);
}

/* The verdict for p with one field changed. */
static int verdict_with(const struct kb *kb, const struct profile *p, int field, double x)
{
	struct profile q = *p;
	q.v[field] = x;
	if (field == F_TEAM_SIZE) {
		q.v[F_TEAM_KNOW_GO] = fmin(q.v[F_TEAM_KNOW_GO], x);
		q.v[F_TEAM_KNOW_RUST] = fmin(q.v[F_TEAM_KNOW_RUST], x);
	}
	profile_derive(&q);
	struct decision *d = malloc(sizeof *d);
	struct err e = {0};
	assert_int_equal(engine_decide_one(kb, &q, d, &e), 0);
	int v = (int)d->verdict;
	free(d);
	return v;
}

static const char *const flip_profiles[] = {
    "building: web-service\nteam: {size: 6, know_go: 1}\n",
    "building: ml-inference\n",
    "building: cli\nteam: {size: 6, know_go: 3}\n",
    "building: cache\np99_ms: 30\nteam: {size: 8, know_rust: 2}\n",
    "building: web-service\nteam: {size: 5, know_rust: 5}\n",
    "building: proxy\nmemory_mb: 64\nteam: {size: 4, know_go: 4}\n",
};

/* The deterministic decision for yaml with its flips (free it); *p gets the profile. */
static struct decision *flipped(const struct kb *kb, const char *yaml, struct profile **p)
{
	*p = test_profile(yaml);
	struct decision *d = malloc(sizeof *d);
	struct err e = {0};
	assert_non_null(d);
	assert_int_equal(engine_decide_one(kb, *p, d, &e), 0);
	uncertainty_flips(kb, *p, d);
	return d;
}

static void every_flip_flips(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	size_t checked = 0;
	for (size_t i = 0; i < sizeof flip_profiles / sizeof flip_profiles[0]; i++) {
		struct profile *p;
		struct decision *d = flipped(kb, flip_profiles[i], &p);
		assert_true(d->nflips > 0);
		for (size_t k = 0; k < d->nflips; k++) {
			const struct flip *f = &d->flips[k];
			if (k > 0)
				assert_true(f->distance >= d->flips[k - 1].distance);
			if (f->field < 0) {
				/* a weight flip: at that weight the other language leads */
				double gap = 0;
				for (size_t c = 0; c < kb->ncriteria; c++) {
					double w = (int)c == f->criterion
						       ? f->at + (f->at > f->from ? 1e-6 : -1e-6)
						       : d->weight[c];
					gap += w * (d->crit[LANG_GO][c] - d->crit[LANG_RUST][c]);
				}
				assert_true((gap > 0) == (f->to == VERDICT_GO));
				checked++;
				continue;
			}
			bool integer = profile_field((enum field)f->field)->type == FT_INT;
			double dir = f->at > f->from ? 1 : -1;
			double beyond =
			    integer ? f->at : f->at + dir * fmax(fabs(f->at) * 1e-6, 1e-9);
			double before =
			    integer ? f->at - dir : f->at - dir * fmax(fabs(f->at) * 1e-3, 1e-6);
			int v_beyond = verdict_with(kb, p, f->field, beyond);
			if (v_beyond != (int)f->to)
				fail_msg("%s: flip '%s' claims %s at %g, got %s", flip_profiles[i],
					 f->text, verdict_name(f->to), beyond,
					 verdict_name((enum verdict_kind)v_beyond));
			int v_before = verdict_with(kb, p, f->field, before);
			if (v_before == (int)f->to)
				fail_msg("%s: flip '%s' already holds at %g", flip_profiles[i],
					 f->text, before);
			checked++;
		}
		free(d);
		profile_free(p);
	}
	assert_true(checked > 20);
	kb_free(kb);
}

static void seed_thresholds_appear_as_flips(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	/* seed 000: ML inference is Python's unless latency-critical, read as seed 002's 5 ms line
	 * under which GC pauses decide */
	struct profile *p;
	struct decision *d = flipped(kb, "building: ml-inference\n", &p);
	bool found = false;
	for (size_t k = 0; k < d->nflips; k++)
		found = found || (d->flips[k].field == F_P99_MS && d->flips[k].at == 5 &&
				  strcmp(d->flips[k].text,
					 "Rust wins if your p99 target drops below 5 ms") == 0);
	assert_true(found);
	free(d);
	profile_free(p);
	/* seed 004: below a Go service's 10 MB start-up memory, Go is out */
	d = flipped(kb, "building: web-service\nteam: {size: 6, know_go: 1}\n", &p);
	found = false;
	for (size_t k = 0; k < d->nflips; k++)
		found = found || (d->flips[k].field == F_MEMORY_MB && d->flips[k].at == 10 &&
				  d->flips[k].to == VERDICT_RUST);
	assert_true(found);
	free(d);
	profile_free(p);
	kb_free(kb);
}

/* Issue 13: flips read in the user's terms ("Rust wins if your p99 target drops below 5 ms"),
 * never in field names (p99_ms, team.know_rust), and `when` is the trigger alone. */
static void flips_read_in_the_users_terms(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	for (size_t i = 0; i < sizeof flip_profiles / sizeof flip_profiles[0]; i++) {
		struct profile *p;
		struct decision *d = flipped(kb, flip_profiles[i], &p);
		for (size_t k = 0; k < d->nflips; k++) {
			const struct flip *f = &d->flips[k];
			if (f->criterion >= 0) {
				assert_string_equal(f->when, ""); /* weights are not triggers */
				continue;
			}
			const char *label = profile_field((enum field)f->field)->label;
			if (strchr(f->text, '_') || !strstr(f->text, label) ||
			    !strstr(f->text, f->when) || strncmp(f->when, "your ", 5) != 0)
				fail_msg("%s: flip '%s' (when '%s')", flip_profiles[i], f->text,
					 f->when);
		}
		free(d);
		profile_free(p);
	}
	kb_free(kb);
}

/* A verdict on the edge of a toss-up turns at any nudge of a continuous input: "Rust wins if
 * your memory per instance drops below 1024 MB" said of 1024 MB is no advice and is not given,
 * but the walk goes on past that toss-up to where Rust wins (128 MB), and a walk that comes back
 * to the verdict it started from records nothing. */
static void no_flip_at_the_value_already_given(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	static const char *const edges[] = {
	    "building: web-service\nstage: shipping\ncurrent_language: go\n"
	    "pain: cpu-saturation\nworkload: cpu-bound\np99_ms: 20\nmemory_mb: 1024\n"
	    "instances: 120\nteam: {size: 12, know_go: 12, know_rust: 1, background: go}\n",
	    "building: web-service\nstage: shipping\ncurrent_language: go\n"
	    "pain: cpu-saturation\nworkload: io-bound\np99_ms: 20\nmemory_mb: 1024\n"
	    "instances: 120\nteam: {size: 12, know_go: 12, know_rust: 3, background: go}\n",
	};
	bool past_the_edge = false;
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		struct profile *p;
		struct decision *d = flipped(kb, edges[i], &p);
		assert_true(d->nflips > 0);
		for (size_t k = 0; k < d->nflips; k++) {
			const struct flip *f = &d->flips[k];
			if (f->field < 0)
				continue;
			char at[32], from[32];
			num_format(f->at, at, sizeof at);
			num_format(f->from, from, sizeof from);
			if (strcmp(at, from) == 0)
				fail_msg("flip '%s' turns at the value the profile has", f->text);
			if (f->to == d->verdict)
				fail_msg("flip '%s' leads back to the verdict it starts from",
					 f->text);
			past_the_edge = past_the_edge || (f->field == F_MEMORY_MB && f->at == 128 &&
							  f->to == VERDICT_RUST);
		}
		free(d);
		profile_free(p);
	}
	assert_true(past_the_edge);
	kb_free(kb);
}

/* quick's flips are its other answers: a team new to both that must ship fast gets Go, and
 * Rust if the team wrote Rust or latency were the constraint. */
static void quick_flips_are_other_answers(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct err e = {0};
	struct profile *p = quick_profile(kb, "web-service", "neither", "ship-fast", &e);
	assert_non_null(p);
	struct decision *d = malloc(sizeof *d);
	assert_int_equal(engine_decide_one(kb, p, d, &e), 0);
	uncertainty_flips(kb, p, d);
	size_t before = d->nflips;
	assert_int_equal(d->verdict, VERDICT_GO);
	int n = quick_flips(kb, "web-service", "neither", "ship-fast", d, &e);
	assert_true(n >= 2);
	assert_int_equal(d->nflips, before + (size_t)n);
	assert_string_equal(d->flips[0].question, "team");
	assert_string_equal(d->flips[0].answer, "rust");
	assert_int_equal(d->flips[0].to, VERDICT_RUST);
	assert_string_equal(d->flips[0].text, "Rust wins if your team writes Rust");
	for (int k = 0; k < n; k++)
		assert_true(d->flips[k].to != VERDICT_GO && d->flips[k].field == -1);
	/* and the profile's own flips follow */
	assert_null(d->flips[n].question);
	/* quick never asked about merges, team size or memory; it did ask what you build */
	uint64_t unasked = quick_unasked(kb, "neither", "latency");
	assert_true(unasked & UINT64_C(1) << F_CI_MERGES_PER_DAY);
	assert_true(unasked & UINT64_C(1) << F_TEAM_SIZE);
	assert_false(unasked & UINT64_C(1) << F_BUILDING);
	assert_false(unasked & UINT64_C(1) << F_P99_MS); /* the latency answer sets it */
	assert_true(quick_unasked(kb, "neither", "none") & UINT64_C(1) << F_P99_MS);
	free(d);
	profile_free(p);
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(same_seed_same_bytes),
	    cmocka_unit_test(an_unrelated_rule_leaves_the_draws_alone),
	    cmocka_unit_test(more_rust_engineers_never_lower_rust_probability),
	    cmocka_unit_test(lower_p99_never_lowers_rust_probability),
	    cmocka_unit_test(probabilities_add_up_and_rules_carry_their_confidence),
	    cmocka_unit_test(every_flip_flips),
	    cmocka_unit_test(seed_thresholds_appear_as_flips),
	    cmocka_unit_test(flips_read_in_the_users_terms),
	    cmocka_unit_test(no_flip_at_the_value_already_given),
	    cmocka_unit_test(quick_flips_are_other_answers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
