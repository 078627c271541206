/*
 * cost — the money side of the decision (see cost.h): only what differs between Go and Rust.
 * Each item is a sum of products of non-negative factors, each increasing in every uncertain
 * figure, so its low bound is the formula over the figures' lows and its high bound over their
 * highs (interval arithmetic); newcomers' staffing adds its own range on top.
 *   CI           builds/day x (build min x CI price + build h x engineer hour) x working days
 *                (seed 001: 40 builds x 2 min is over an hour of waiting a day against 5 s)
 *   premium      Rust only, Go is the baseline: (engineers who do not yet write Rust + newcomers
 *                hired fluent) x premium; never the engineers already paid as Rust engineers
 *                (seed 001: a team of five new to Rust, 5 x $25-30K = $125-150K a year)
 *   onboarding   (engineers who do not yet write it / years + newcomers trained a year) x ramp
 *                months x output lost x hours a month x engineer hour; newcomers a year =
 *                max(attrition x size, hires) (seed 001: 20% of 10 keeps two in the curve)
 *   infra        on our own fleet only: instances x memory x price per GB-month x 12; Rust's
 *                memory is Go's times a ratio from the published pairs (seeds 001, 002, 004)
 */
#include "cost.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

static struct estimate from_range(struct kb_range r)
{
	struct estimate e = {kb_mid(r), r.low, r.high};
	return e;
}

static struct estimate from_claim(const struct kb_claim *c)
{
	return from_range((struct kb_range){c->low, c->high});
}

static struct estimate scaled(struct estimate a, double k)
{
	struct estimate e = {a.mid * k, a.low * k, a.high * k};
	return e;
}

static struct estimate times(struct estimate a, struct estimate b)
{
	struct estimate e = {a.mid * b.mid, a.low * b.low, a.high * b.high};
	return e;
}

static struct estimate plus(struct estimate a, struct estimate b)
{
	struct estimate e = {a.mid + b.mid, a.low + b.low, a.high + b.high};
	return e;
}

static struct estimate exact(double v)
{
	struct estimate e = {v, v, v};
	return e;
}

static double months(const struct kb_claim *c, double v)
{
	if (strcmp(c->unit, "days") == 0)
		return v / 30.44;
	if (strcmp(c->unit, "weeks") == 0)
		return v * 7 / 30.44;
	return v;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Whether memory ratio i of the cost model speaks for kind `kind` (a building index): the entries
 * that name the kind when any does, else the ones that name no kind. */
static bool ratio_applies(const struct kb_cost_model *cm, size_t i, int kind)
{
	bool named = false;
	for (size_t j = 0; j < cm->nmemory_ratio; j++)
		named = named || (cm->memory_ratio_kinds[j] >> kind & 1);
	return named ? (cm->memory_ratio_kinds[i] >> kind & 1) != 0
		     : cm->memory_ratio_kinds[i] == 0;
}

/* Rust's memory as a fraction of Go's for a kind: the median over the cost model's sources for
 * it, bounded by the lowest and highest any of them allows (a measured ratio brings its
 * spread). */
static struct estimate memory_ratio(const struct kb_cost_model *cm, int kind)
{
	double mid[KB_MAX_RATIOS], lo = INFINITY, hi = 0;
	size_t n = 0;
	for (size_t i = 0; i < cm->nmemory_ratio; i++) {
		if (!ratio_applies(cm, i, kind))
			continue;
		const struct kb_claim *a = cm->memory_ratio[i][0], *b = cm->memory_ratio[i][1];
		double m, l, h;
		if (b) {
			m = kb_mid((struct kb_range){a->low, a->high}) /
			    kb_mid((struct kb_range){b->low, b->high});
			l = a->low / b->high;
			h = a->high / b->low;
		} else if (strcmp(a->unit, "x less memory") == 0) {
			m = 1 / kb_mid((struct kb_range){a->low, a->high});
			l = 1 / a->high;
			h = 1 / a->low;
		} else {
			m = 1 - kb_mid((struct kb_range){a->low, a->high}) / 100;
			l = 1 - a->high / 100;
			h = 1 - a->low / 100;
		}
		mid[n++] = m;
		lo = fmin(lo, fmin(l, m));
		hi = fmax(hi, fmax(h, m));
	}
	qsort(mid, n, sizeof *mid, by_value);
	struct estimate e = {n % 2 ? mid[n / 2] : (mid[n / 2 - 1] + mid[n / 2]) / 2, lo, hi};
	return e;
}

static struct price price(const struct profile *p, enum field f, const struct kb_claim *c)
{
	struct price pr;
	if (p->given[f]) {
		pr.value = exact(p->v[f]);
		pr.claim = NULL;
	} else {
		pr.value = from_claim(c);
		pr.claim = c;
	}
	return pr;
}

static void cite(struct costs *o, enum cost_item i, const struct kb_claim *c)
{
	if (!c)
		return;
	for (int k = 0; k < COST_MAX_FROM; k++) {
		if (o->from[i][k] == c)
			return;
		if (!o->from[i][k]) {
			o->from[i][k] = c;
			return;
		}
	}
}

const char *cost_item_name(enum cost_item i)
{
	static const char *const names[] = {"ci", "hiring", "onboarding", "infrastructure",
					    "total"};
	return (unsigned)i < COST_ITEMS ? names[i] : "?";
}

const char *cost_item_label(enum cost_item i)
{
	static const char *const labels[] = {"CI: builds and waiting", "Rust salary premium",
					     "onboarding (ramp-up)", "infrastructure (memory)",
					     "total"};
	return (unsigned)i < COST_ITEMS ? labels[i] : "?";
}

/* e with each bound multiplied by its own count: low by lo, middle by mid, high by hi. */
static struct estimate counted(struct estimate e, double lo, double mid, double hi)
{
	struct estimate r = {e.mid * mid, e.low * lo, e.high * hi};
	return r;
}

int cost_estimate(const struct kb *kb, const struct profile *p, int years, struct costs *o,
		  struct err *e)
{
	return cost_estimate_with(kb, p, years, NULL, o, e);
}

int cost_estimate_with(const struct kb *kb, const struct profile *p, int years,
		       const struct cost_overrides *ov, struct costs *o, struct err *e)
{
	const struct kb_cost_model *cm = &kb->cost_model;
	memset(o, 0, sizeof *o);
	if (!cm->loaded)
		return err_input(e, NULL, 0, "the knowledge base has no cost_model section");
	o->years = years > 0 ? years : (int)p->v[F_HORIZON_YEARS];
	o->engineer_hour = price(p, F_COSTS_ENGINEER_HOUR_USD, cm->engineer_hour);
	o->ci_minute = price(p, F_COSTS_CI_MINUTE_USD, cm->ci_minute);
	o->memory_gb_month = price(p, F_COSTS_MEMORY_GB_MONTH_USD, cm->memory_gb_month);
	o->working_days = kb_mid((struct kb_range){cm->working_days->low, cm->working_days->high});
	double hours_month =
	    kb_mid((struct kb_range){cm->hours_per_month->low, cm->hours_per_month->high});
	double size = p->v[F_TEAM_SIZE], attrition = p->v[F_TEAM_ATTRITION];
	double know[LANG_SCORED] = {p->v[F_TEAM_KNOW_GO], p->v[F_TEAM_KNOW_RUST]};
	o->builds_per_day = p->v[F_CI_MERGES_PER_DAY];
	o->team_size = size;
	o->newcomers_per_year = fmax(attrition * size, p->v[F_TEAM_HIRES_PER_YEAR]);
	/* memory costs us money only on our own fleet; elsewhere it is product quality */
	o->infra_priced = (int)p->v[F_RUNS_ON] == profile_enum_index(F_RUNS_ON, "our-fleet");

	struct estimate lost = from_claim(cm->ramp_output_lost);
	int kind = (int)p->v[F_BUILDING];
	struct estimate ratio = memory_ratio(cm, kind);
	struct estimate premium =
	    ov && ov->premium ? from_range(ov->premium_usd) : from_claim(cm->salary_premium);
	for (int l = 0; l < LANG_SCORED; l++) {
		/* CI: typical build as the middle, the clean-build range as the bounds */
		struct estimate b = from_claim(cm->build_seconds[l]);
		b.mid = kb_mid((struct kb_range){cm->build_seconds_typical[l]->low,
						 cm->build_seconds_typical[l]->high});
		if (ov && ov->build[l])
			b = from_range(ov->build_seconds[l]);
		o->build_seconds[l] = b;
		o->wait_hours_per_day[l] = scaled(b, o->builds_per_day / 3600);
		struct estimate ci_day =
		    plus(times(scaled(b, o->builds_per_day / 60), o->ci_minute.value),
			 times(o->wait_hours_per_day[l], o->engineer_hour.value));
		o->usd[COST_CI][l] = scaled(ci_day, o->working_days);

		/* newcomers: those replacing a fluent engineer come fluent; the rest are trained
		 * (the middle) or hired fluent (the other end of the range) */
		double now = size - know[l], fluent = attrition * know[l];
		double open = o->newcomers_per_year - fluent;
		o->current_learners[l] = now;
		o->learners_per_year[l] = (struct estimate){open, 0, open};

		/* premium: Go is the baseline; on Rust rates go the engineers who learn Rust and
		 * the newcomers hired fluent, never those already paid as Rust engineers */
		struct estimate pay = l == LANG_RUST ? premium : exact(0);
		o->usd[COST_HIRING][l] =
		    counted(pay, now + fluent, now + fluent, now + fluent + open);
		if (l == LANG_RUST)
			o->rust_rate_engineers =
			    (struct estimate){now + fluent, now + fluent, now + fluent + open};

		/* onboarding: the current team once over the horizon, trained newcomers yearly */
		struct estimate ramp = from_claim(cm->ramp[l]);
		ramp =
		    (struct estimate){months(cm->ramp[l], ramp.mid), months(cm->ramp[l], ramp.low),
				      months(cm->ramp[l], ramp.high)};
		o->ramp_months[l] = ramp;
		struct estimate person =
		    times(times(ramp, lost), scaled(o->engineer_hour.value, hours_month));
		double once = o->current_learners[l] / o->years;
		o->usd[COST_ONBOARDING][l] = counted(person, once, once + open, once + open);

		/* infrastructure: the profile's budget is what a Go instance is provisioned with */
		struct estimate mb =
		    l == LANG_GO ? exact(p->v[F_MEMORY_MB]) : scaled(ratio, p->v[F_MEMORY_MB]);
		o->memory_mb[l] = mb;
		o->usd[COST_INFRASTRUCTURE][l] =
		    o->infra_priced
			? times(scaled(mb, p->v[F_INSTANCES] * 12 / 1024), o->memory_gb_month.value)
			: exact(0);

		/* the total: each open newcomer is either hired fluent or trained, so its bounds
		 * take the cheaper way for all of them and the dearer way, not the cheapest of
		 * each item (which no staffing reaches) */
		struct estimate fixed =
		    plus(plus(o->usd[COST_CI][l], o->usd[COST_INFRASTRUCTURE][l]),
			 plus(scaled(pay, now + fluent), scaled(person, once)));
		struct estimate total = {fixed.mid + open * person.mid,
					 fixed.low + open * fmin(pay.low, person.low),
					 fixed.high + open * fmax(pay.high, person.high)};
		o->usd[COST_TOTAL][l] = total;
	}
	for (int l = 0; l < LANG_SCORED; l++) {
		if (!ov || !ov->build[l]) {
			cite(o, COST_CI, cm->build_seconds[l]);
			cite(o, COST_CI, cm->build_seconds_typical[l]);
		}
		cite(o, COST_ONBOARDING, cm->ramp[l]);
	}
	cite(o, COST_CI, o->ci_minute.claim);
	cite(o, COST_CI, o->engineer_hour.claim);
	cite(o, COST_CI, cm->working_days);
	if (!ov || !ov->premium)
		cite(o, COST_HIRING, cm->salary_premium);
	cite(o, COST_ONBOARDING, cm->ramp_output_lost);
	cite(o, COST_ONBOARDING, o->engineer_hour.claim);
	cite(o, COST_ONBOARDING, cm->hours_per_month);
	if (o->infra_priced) {
		for (size_t i = 0; i < cm->nmemory_ratio; i++) {
			if (!ratio_applies(cm, i, kind))
				continue;
			cite(o, COST_INFRASTRUCTURE, cm->memory_ratio[i][0]);
			cite(o, COST_INFRASTRUCTURE, cm->memory_ratio[i][1]);
		}
		cite(o, COST_INFRASTRUCTURE, o->memory_gb_month.claim);
	}
	return 0;
}

struct costs *cost_estimate_all(const struct kb *kb, const struct profile *p, int years,
				struct err *e)
{
	size_t n = p->ncomponents ? p->ncomponents : 1;
	struct costs *cs = calloc(n, sizeof *cs);
	if (!cs) {
		err_internal(e, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (cost_estimate(kb, p->ncomponents ? &p->components[i] : p, years, &cs[i], e) !=
		    0) {
			free(cs);
			return NULL;
		}
	return cs;
}
