/*
 * test_cost — the seed arithmetic reproduced from profiles, and properties of the cost model.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>

#include "cost.h"

static struct costs estimate(const struct kb *kb, const char *yaml, int years)
{
	struct profile *p = test_profile(yaml);
	struct costs c;
	struct err e = {0};
	if (cost_estimate(kb, p, years, &c, &e) != 0)
		fail_msg("cost_estimate: %s", e.msg);
	profile_free(p);
	return c;
}

/* Seed 001: 20 engineers merging twice a day make 40 builds; at 2 minutes a Rust build that is
 * over an hour of waiting a day, against a 5-second Go build. */
static void seed_ci_arithmetic(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c = estimate(kb, "building: web-service\nteam: {size: 20}\n", 0);
	assert_true(c.builds_per_day == 40);
	assert_true(fabs(c.wait_hours_per_day[LANG_RUST].mid - 40 * 120.0 / 3600) < 1e-9);
	assert_true(fabs(c.wait_hours_per_day[LANG_GO].mid - 40 * 5.0 / 3600) < 1e-9);
	assert_true(c.wait_hours_per_day[LANG_RUST].mid - c.wait_hours_per_day[LANG_GO].mid > 1.0);
	/* the bounds come from the clean-build ranges: 1–3 min and 2–10 s */
	assert_true(fabs(c.wait_hours_per_day[LANG_RUST].low - 40 * 60.0 / 3600) < 1e-9);
	assert_true(fabs(c.wait_hours_per_day[LANG_RUST].high - 40 * 180.0 / 3600) < 1e-9);
	kb_free(kb);
}

/* Seed 001: for a team of five the Rust premium is $125,000–150,000 a year. */
static void seed_premium_for_five(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c = estimate(kb, "building: web-service\nteam: {size: 5}\n", 0);
	assert_true(c.usd[COST_HIRING][LANG_RUST].low == 125000);
	assert_true(c.usd[COST_HIRING][LANG_RUST].high == 150000);
	assert_true(c.usd[COST_HIRING][LANG_RUST].mid == 137500);
	assert_true(c.usd[COST_HIRING][LANG_GO].high == 0);
	kb_free(kb);
}

/* Seed 001: 20% attrition on a 10-person team keeps two people in the learning curve. */
static void seed_attrition_two_learners(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c = estimate(
	    kb, "building: web-service\nteam: {size: 10, attrition: 0.2, hires_per_year: 2}\n", 0);
	assert_true(fabs(c.learners_per_year.mid - 2) < 1e-12);
	/* and every one of them pays the Rust ramp (3–6 months), not Go's (2–3 weeks) */
	assert_true(c.ramp_months[LANG_RUST].low == 3 && c.ramp_months[LANG_RUST].high == 6);
	assert_true(c.ramp_months[LANG_GO].high < 1);
	assert_true(c.usd[COST_ONBOARDING][LANG_RUST].mid >
		    4 * c.usd[COST_ONBOARDING][LANG_GO].mid);
	kb_free(kb);
}

static void profile_prices_override_assumptions(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c =
	    estimate(kb, "building: web-service\ncosts: {engineer_hour_usd: 150}\n", 0);
	assert_null(c.engineer_hour.claim);
	assert_true(c.engineer_hour.value.low == 150 && c.engineer_hour.value.high == 150);
	assert_non_null(c.ci_minute.claim);
	assert_true(c.ci_minute.claim->source->assumption);
	kb_free(kb);
}

static void bounds_are_ordered(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	const char *profiles[] = {
	    "building: web-service\n",
	    "building: proxy\ninstances: 400\nmemory_mb: 64\nteam: {size: 30, know_rust: 10}\n",
	    "building: cli\nteam: {size: 1, attrition: 0}\nci: {merges_per_day: 0}\n",
	};
	for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		struct costs c = estimate(kb, profiles[i], 0);
		for (int k = 0; k < COST_ITEMS; k++)
			for (int l = 0; l < LANG_SCORED; l++) {
				const struct estimate *e = &c.usd[k][l];
				if (!(e->low <= e->mid + 1e-9 && e->mid <= e->high + 1e-9 &&
				      e->low >= 0))
					fail_msg("%s: %s/%s bounds %g %g %g", profiles[i],
						 cost_item_name((enum cost_item)k),
						 lang_name((enum lang)l), e->low, e->mid, e->high);
			}
	}
	kb_free(kb);
}

static double infra_advantage(const struct costs *c, int bound)
{
	const struct estimate *g = &c->usd[COST_INFRASTRUCTURE][LANG_GO];
	const struct estimate *r = &c->usd[COST_INFRASTRUCTURE][LANG_RUST];
	return bound == 0 ? g->mid - r->mid : bound < 0 ? g->low - r->low : g->high - r->high;
}

/* Doubling instances never lowers Rust's infrastructure advantage. */
static void doubling_instances_never_lowers_rust_advantage(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	for (long n = 1; n <= 1 << 16; n *= 2) {
		char a[128], b[128];
		snprintf(a, sizeof a, "building: cache\ninstances: %ld\nmemory_mb: 700\n", n);
		snprintf(b, sizeof b, "building: cache\ninstances: %ld\nmemory_mb: 700\n", 2 * n);
		struct costs x = estimate(kb, a, 0), y = estimate(kb, b, 0);
		for (int bound = -1; bound <= 1; bound++)
			if (infra_advantage(&y, bound) < infra_advantage(&x, bound))
				fail_msg("advantage fell from %g to %g doubling %ld instances",
					 infra_advantage(&x, bound), infra_advantage(&y, bound), n);
	}
	kb_free(kb);
}

static void longer_horizon_spreads_first_ramp(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	const char *yaml = "building: web-service\nteam: {size: 12, attrition: 0}\n";
	struct costs one = estimate(kb, yaml, 1), ten = estimate(kb, yaml, 10);
	assert_int_equal(one.years, 1);
	assert_int_equal(ten.years, 10);
	/* the current team learns once: over ten years that is a tenth a year */
	assert_true(ten.usd[COST_ONBOARDING][LANG_RUST].mid <
		    one.usd[COST_ONBOARDING][LANG_RUST].mid / 5);
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(seed_ci_arithmetic),
	    cmocka_unit_test(seed_premium_for_five),
	    cmocka_unit_test(seed_attrition_two_learners),
	    cmocka_unit_test(profile_prices_override_assumptions),
	    cmocka_unit_test(bounds_are_ordered),
	    cmocka_unit_test(doubling_instances_never_lowers_rust_advantage),
	    cmocka_unit_test(longer_horizon_spreads_first_ramp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
