/*
 * test_cost — the seed arithmetic reproduced from profiles, and properties of the cost model.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>

#include "cost.h"
#include "num.h"
#include "render.h"

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

/* Seed 001: "At 20 engineers each merging twice a day, you're looking at 40 builds per day. A
 * 2-minute average Rust build adds over an hour of cumulative CI wait time per day compared to a
 * 5-second Go build." */
static void seed_001_twenty_engineers_two_merges_two_minutes_over_an_hour(void **state)
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

/* Seed 001: "The salary premium for senior Rust engineers is approximately $25,000–$30,000 ...
 * For a team of five, that's $125,000–$150,000 per year in additional compensation." The team
 * of five is new to Rust and nobody joins or leaves. */
static void seed_001_team_of_five_new_to_rust_pays_125_to_150k_a_year(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c = estimate(
	    kb, "building: web-service\nteam: {size: 5, attrition: 0, hires_per_year: 0}\n", 0);
	assert_true(c.usd[COST_HIRING][LANG_RUST].low == 125000);
	assert_true(c.usd[COST_HIRING][LANG_RUST].high == 150000);
	assert_true(c.usd[COST_HIRING][LANG_RUST].mid == 137500);
	assert_true(c.usd[COST_HIRING][LANG_GO].high == 0);
	/* newcomers who could come fluent widen only the top of the range, never the team's own */
	c = estimate(kb, "building: web-service\nteam: {size: 5}\n", 0);
	assert_true(c.usd[COST_HIRING][LANG_RUST].low == 125000);
	assert_true(c.usd[COST_HIRING][LANG_RUST].mid == 137500);
	assert_true(c.usd[COST_HIRING][LANG_RUST].high == 30000 * (5 + c.newcomers_per_year));
	kb_free(kb);
}

/* Seed 001: "At 20% annual attrition on a 10-person team, you're perpetually running 2 people
 * through the borrow-checker learning curve." */
static void seed_001_twenty_percent_attrition_of_ten_keeps_two_learning(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c = estimate(
	    kb, "building: web-service\nteam: {size: 10, attrition: 0.2, hires_per_year: 2}\n", 0);
	assert_true(fabs(c.newcomers_per_year - 2) < 1e-12);
	assert_true(fabs(c.learners_per_year[LANG_RUST].mid - 2) < 1e-12);
	/* and every one of them pays the Rust ramp (3–6 months), not Go's (2–3 weeks) */
	assert_true(c.ramp_months[LANG_RUST].low == 3 && c.ramp_months[LANG_RUST].high == 6);
	assert_true(c.ramp_months[LANG_GO].high < 1);
	assert_true(c.usd[COST_ONBOARDING][LANG_RUST].mid >
		    4 * c.usd[COST_ONBOARDING][LANG_GO].mid);
	kb_free(kb);
}

/* Issue 13: a team of 12 Rust engineers was told Rust onboarding costs $63K. A team fluent in
 * a language costs it no onboarding: the team writes it, and replacements come fluent; the other
 * language is new to all twelve. */
static void all_rust_and_all_go_teams_pay_no_onboarding_for_their_own(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	static const char *const teams[] = {
	    "building: web-service\nteam: {size: 12, know_go: 12}\n",
	    "building: web-service\nteam: {size: 12, know_rust: 12}\n"};
	for (int l = 0; l < LANG_SCORED; l++) {
		struct costs c = estimate(kb, teams[l], 0);
		const struct estimate *o = &c.usd[COST_ONBOARDING][l];
		assert_true(o->low == 0 && o->mid == 0 && o->high == 0);
		assert_true(c.current_learners[lang_other((enum lang)l)] == 12);
		assert_true(c.usd[COST_ONBOARDING][lang_other((enum lang)l)].mid > 0);
	}
	/* nobody already on Rust rates is charged the premium again: only fluent replacements */
	struct costs c = estimate(kb, teams[LANG_RUST], 0);
	assert_true(fabs(c.rust_rate_engineers.mid - 0.15 * 12) < 1e-9);
	assert_true(c.usd[COST_HIRING][LANG_GO].high == 0);
	kb_free(kb);
}

/* The payments case: 12 engineers, 3 write Go, 1 writes Rust. The one already paid as a
 * Rust engineer is not charged the premium; the eleven who learn Rust are. */
static void payments_team_premium_skips_the_rust_engineer(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c =
	    estimate(kb, "building: web-service\nteam: {size: 12, know_go: 3, know_rust: 1}\n", 0);
	assert_true(c.usd[COST_HIRING][LANG_RUST].low == 25000 * (11 + 0.15));
	assert_true(c.usd[COST_HIRING][LANG_RUST].mid == 27500 * (11 + 0.15));
	assert_true(c.usd[COST_HIRING][LANG_RUST].high == 30000 * (11 + 1.8));
	assert_true(c.current_learners[LANG_RUST] == 11 && c.current_learners[LANG_GO] == 9);
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

/* --- properties over a grid of teams -------------------------------------------------------- */

struct team {
	int size, know_go, know_rust, hires;
	double attrition;
	int merges;
};

static struct costs team_costs(const struct kb *kb, struct team t)
{
	char yaml[256];
	snprintf(yaml, sizeof yaml,
		 "building: web-service\nteam: {size: %d, know_go: %d, know_rust: %d, attrition: "
		 "%g, hires_per_year: %d}\nci: {merges_per_day: %d}\n",
		 t.size, t.know_go, t.know_rust, t.attrition, t.hires, t.merges);
	return estimate(kb, yaml, 0);
}

/* Calls fn for every team of a small grid (sizes 1..40, fluency 0..size, attrition, hires). */
static void each_team(void (*fn)(const struct kb *, struct team))
{
	struct kb *kb = test_kb();
	static const int sizes[] = {1, 2, 5, 12, 40};
	static const double attrition[] = {0, 0.15, 0.3};
	static const int hires[] = {0, 1, 6};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		for (int go = 0; go <= sizes[i]; go += sizes[i] > 5 ? sizes[i] / 4 : 1)
			for (int rust = 0; rust <= sizes[i];
			     rust += sizes[i] > 5 ? sizes[i] / 3 : 1)
				for (size_t a = 0; a < 3; a++)
					for (size_t h = 0; h < 3; h++)
						fn(kb, (struct team){sizes[i], go, rust, hires[h],
								     attrition[a], 2 * sizes[i]});
	kb_free(kb);
}

static void check_fluent_onboarding(const struct kb *kb, struct team t)
{
	struct costs c = team_costs(kb, t);
	int know[LANG_SCORED] = {t.know_go, t.know_rust};
	for (int l = 0; l < LANG_SCORED; l++) {
		const struct estimate *o = &c.usd[COST_ONBOARDING][l];
		/* a team fluent in the language, and not growing past its replacements, pays none
		 */
		if (know[l] == t.size && t.hires <= t.attrition * t.size &&
		    (o->low != 0 || o->mid != 0 || o->high != 0))
			fail_msg("size %d fluent in %s pays onboarding %g", t.size,
				 lang_name((enum lang)l), o->mid);
		/* one more fluent engineer never costs more onboarding */
		if (know[l] < t.size) {
			struct team u = t;
			*(l == LANG_GO ? &u.know_go : &u.know_rust) += 1;
			struct costs d = team_costs(kb, u);
			const struct estimate *p = &d.usd[COST_ONBOARDING][l];
			if (p->low > o->low + 1e-6 || p->mid > o->mid + 1e-6 ||
			    p->high > o->high + 1e-6)
				fail_msg("a fluent engineer raised %s onboarding at size %d",
					 lang_name((enum lang)l), t.size);
		}
	}
}

static void no_onboarding_for_fluent_engineers(void **state)
{
	(void)state;
	each_team(check_fluent_onboarding);
}

static void check_premium_bound(const struct kb *kb, struct team t)
{
	struct costs c = team_costs(kb, t);
	const struct kb_claim *premium = kb->cost_model.salary_premium;
	double bound = t.size - t.know_rust + c.newcomers_per_year;
	const struct estimate *h = &c.usd[COST_HIRING][LANG_RUST];
	if (h->high > bound * premium->high + 1e-6 ||
	    h->mid > bound * (premium->low + premium->high) / 2 + 1e-6 ||
	    h->low > bound * premium->low + 1e-6)
		fail_msg("premium %g exceeds %g engineers x premium (size %d, rust %d)", h->high,
			 bound, t.size, t.know_rust);
	if (c.usd[COST_HIRING][LANG_GO].high != 0)
		fail_msg("Go pays a premium");
}

/* The premium never exceeds (engineers not yet writing Rust + hires) x the premium. */
static void premium_never_exceeds_learners_and_hires(void **state)
{
	(void)state;
	each_team(check_premium_bound);
}

/* Every bound of every item, and the total, of a never below b's. */
static void check_not_below(const struct costs *a, const struct costs *b, const char *what,
			    struct team t)
{
	for (int i = 0; i < COST_ITEMS; i++)
		for (int l = 0; l < LANG_SCORED; l++) {
			const struct estimate *x = &a->usd[i][l], *y = &b->usd[i][l];
			if (x->low < y->low - 1e-6 || x->mid < y->mid - 1e-6 ||
			    x->high < y->high - 1e-6)
				fail_msg("%s lowered %s/%s (size %d, go %d, rust %d, hires %d)",
					 what, cost_item_name((enum cost_item)i),
					 lang_name((enum lang)l), t.size, t.know_go, t.know_rust,
					 t.hires);
		}
}

static void check_monotone(const struct kb *kb, struct team t)
{
	struct costs c = team_costs(kb, t);
	struct team bigger = t, hiring = t, merging = t;
	bigger.size += 1; /* the team alone grows: the same merges a day */
	hiring.hires += 1;
	merging.merges += 5;
	struct costs b = team_costs(kb, bigger), h = team_costs(kb, hiring),
		     m = team_costs(kb, merging);
	check_not_below(&b, &c, "a larger team", t);
	check_not_below(&h, &c, "more hires", t);
	check_not_below(&m, &c, "more merges", t);
}

/* Costs never fall as the team, its hires or its merges grow. */
static void costs_are_monotone_in_team_hires_and_merges(void **state)
{
	(void)state;
	each_team(check_monotone);
}

/* Memory costs us money only on our own fleet: elsewhere it is product quality, not a bill. */
static void off_our_fleet_memory_is_not_priced(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c =
	    estimate(kb, "building: cli\nruns_on: user-machines\ninstances: 9000\n", 0);
	assert_false(c.infra_priced);
	for (int l = 0; l < LANG_SCORED; l++)
		assert_true(c.usd[COST_INFRASTRUCTURE][l].high == 0);
	c = estimate(kb, "building: cli\ninstances: 9000\n", 0);
	assert_true(c.infra_priced && c.usd[COST_INFRASTRUCTURE][LANG_GO].mid > 0);
	kb_free(kb);
}

static void check_total_bounds(const struct kb *kb, struct team t)
{
	struct costs c = team_costs(kb, t);
	for (int l = 0; l < LANG_SCORED; l++) {
		double lows = 0, mids = 0, highs = 0;
		for (int i = 0; i < COST_TOTAL; i++) {
			const struct estimate *e = &c.usd[i][l];
			if (!(e->low >= 0 && e->low <= e->mid + 1e-6 && e->mid <= e->high + 1e-6))
				fail_msg("%s/%s bounds %g %g %g", cost_item_name((enum cost_item)i),
					 lang_name((enum lang)l), e->low, e->mid, e->high);
			lows += e->low;
			mids += e->mid;
			highs += e->high;
		}
		const struct estimate *tot = &c.usd[COST_TOTAL][l];
		if (fabs(tot->mid - mids) > 1e-6 || tot->low < lows - 1e-6 ||
		    tot->low > mids + 1e-6 || tot->high > highs + 1e-6 || tot->high < mids - 1e-6)
			fail_msg("%s total %g %g %g against items %g %g %g (size %d)",
				 lang_name((enum lang)l), tot->low, tot->mid, tot->high, lows, mids,
				 highs, t.size);
	}
}

/* The total's bounds come from staffing every open newcomer one way: never below the cheapest
 * way, never above the dearest. */
static void total_bounds_hold_the_middle(void **state)
{
	(void)state;
	each_team(check_total_bounds);
}

/* Money at a glance: "$516K a year", never "$515659" or "$0K". */
static void money_reads_at_a_glance(void **state)
{
	(void)state;
	char b[32];
	assert_string_equal(num_money(0, b, sizeof b), "$0");
	assert_string_equal(num_money(949.6, b, sizeof b), "$950");
	assert_string_equal(num_money(999.6, b, sizeof b), "$1K");
	assert_string_equal(num_money(515659, b, sizeof b), "$516K");
	assert_string_equal(num_money(999999, b, sizeof b), "$1M");
	assert_string_equal(num_money(1.55e6, b, sizeof b), "$1.6M");
	assert_string_equal(num_money(-12000, b, sizeof b), "-$12K");
	assert_string_equal(num_count(1, "person", "people", b, sizeof b), "1 person");
	assert_string_equal(num_count(1.8, "person", "people", b, sizeof b), "1.8 people");
	assert_string_equal(num_count(0, "person", "people", b, sizeof b), "0 people");
	assert_string_equal(num_percent(0.9999, b, sizeof b), ">99%");
	assert_string_equal(num_grouped(10000, b, sizeof b), "10,000");
	assert_string_equal(num_grouped(-1234567, b, sizeof b), "-1,234,567");
}

/* The payments case's difference in one line, from either side. */
static void cost_difference_in_one_line(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct costs c =
	    estimate(kb, "building: web-service\nteam: {size: 12, know_go: 3, know_rust: 1}\n", 0);
	char text[320];
	render_cost_difference(&c, text, sizeof text);
	assert_non_null(strstr(text, "Rust costs about $489K a year more than Go ("));
	assert_non_null(strstr(text, "), $1.5M over 3 years"));
	render_cost_compare(&c, LANG_GO, text, sizeof text);
	assert_non_null(strstr(text, "Go costs about $489K a year less than Rust ("));
	kb_free(kb);
}

/* "1 engineer who learn Rust": the counts' verbs agree with them. */
static void cost_counts_agree_with_their_verbs(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	char text[400];
	struct costs c = estimate(kb, "building: web-service\nteam: {size: 1}\n", 0);
	render_cost_counts(&c, COST_HIRING, text, sizeof text);
	assert_non_null(strstr(text, "1 engineer who learns Rust ("));
	c = estimate(kb, "building: web-service\nteam: {size: 12, know_go: 3, know_rust: 1}\n", 0);
	render_cost_counts(&c, COST_HIRING, text, sizeof text);
	assert_non_null(strstr(text, "11 engineers who learn Rust ("));
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(seed_001_twenty_engineers_two_merges_two_minutes_over_an_hour),
	    cmocka_unit_test(seed_001_team_of_five_new_to_rust_pays_125_to_150k_a_year),
	    cmocka_unit_test(seed_001_twenty_percent_attrition_of_ten_keeps_two_learning),
	    cmocka_unit_test(all_rust_and_all_go_teams_pay_no_onboarding_for_their_own),
	    cmocka_unit_test(payments_team_premium_skips_the_rust_engineer),
	    cmocka_unit_test(no_onboarding_for_fluent_engineers),
	    cmocka_unit_test(premium_never_exceeds_learners_and_hires),
	    cmocka_unit_test(costs_are_monotone_in_team_hires_and_merges),
	    cmocka_unit_test(off_our_fleet_memory_is_not_priced),
	    cmocka_unit_test(total_bounds_hold_the_middle),
	    cmocka_unit_test(money_reads_at_a_glance),
	    cmocka_unit_test(cost_difference_in_one_line),
	    cmocka_unit_test(cost_counts_agree_with_their_verbs),
	    cmocka_unit_test(profile_prices_override_assumptions),
	    cmocka_unit_test(bounds_are_ordered),
	    cmocka_unit_test(doubling_instances_never_lowers_rust_advantage),
	    cmocka_unit_test(longer_horizon_spreads_first_ramp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
