/*
 * uncertainty — Monte Carlo win probability and flip search (see uncertainty.h). Both call the
 * numeric core (score_evaluate) many times on a private copy of the profile; nothing
 * here writes reasons, so a sample costs about a microsecond.
 */
#include "uncertainty.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "num.h"
#include "rng.h"
#include "score.h"

/* --- win probability -------------------------------------------------------------------------- */

/* Every group, criterion, uncertain input and rule draws from its own stream, seeded from the
 * run's seed and its name: what a sample draws for one rule depends on that rule alone, so
 * adding, removing or reordering another in the KB leaves every other draw, and the answer for
 * a profile the change does not touch, exactly as it was. */
static void seed_stream(struct rng *r, uint64_t seed, const char *kind, const char *name)
{
	uint64_t h = hash_string(hash_string(HASH_FNV1A_BASIS, kind), ":");
	rng_seed(r, seed ^ hash_string(h, name));
}

/* The streams of one run, in the order: groups, criteria, uncertain inputs, rules. */
static struct rng *open_streams(const struct kb *kb, uint64_t seed)
{
	size_t n = kb->ngroups + kb->ncriteria + kb->nuncertain + kb->nrules;
	struct rng *r = calloc(n ? n : 1, sizeof *r), *at = r;
	if (!r)
		return NULL;
	for (size_t g = 0; g < kb->ngroups; g++)
		seed_stream(at++, seed, "group", kb->groups[g]);
	for (size_t c = 0; c < kb->ncriteria; c++)
		seed_stream(at++, seed, "criterion", kb->criteria[c].id);
	for (size_t k = 0; k < kb->nuncertain; k++)
		seed_stream(at++, seed, "input",
			    profile_field((enum field)kb->uncertain[k].field)->name);
	for (size_t k = 0; k < kb->nrules; k++)
		seed_stream(at++, seed, "rule", kb->rules[k].id);
	return r;
}

static void vary_inputs(const struct kb *kb, const struct profile *p, struct profile *q,
			const double *draw)
{
	for (size_t i = 0; i < kb->nuncertain; i++) {
		const struct kb_uncertain *u = &kb->uncertain[i];
		const struct field_info *fi = profile_field((enum field)u->field);
		double v = p->v[u->field] * (1 + u->spread * (2 * draw[i] - 1));
		if (fi->type == FT_INT)
			v = round(v);
		if (v < fi->min)
			v = fi->min;
		if (v > fi->max)
			v = fi->max;
		q->v[u->field] = v;
	}
}

void uncertainty_win_probability(const struct kb *kb, const struct profile *const *ps,
				 struct decision *ds, size_t n, long samples, uint64_t seed,
				 double system[VERDICT_HYBRID + 1])
{
	struct rng *stream = open_streams(kb, seed);
	size_t nc = kb->ncriteria;
	struct kb_range(*range)[LANG_SCORED][KB_MAX_CRITERIA] = calloc(n, sizeof *range);
	struct profile *q = calloc(n, sizeof *q);
	long(*count)[VERDICT_KEEP + 1] = calloc(n, sizeof *count);
	long *either = calloc(n, sizeof *either);
	long sys[VERDICT_HYBRID + 1] = {0};
	size_t nr = kb->nrules ? kb->nrules : 1;
	double *rule_factor = calloc(nr, sizeof *rule_factor);
	bool *rule_off = calloc(nr, sizeof *rule_off);
	if (!stream || !range || !q || !count || !either || !rule_factor || !rule_off)
		goto done;
	struct rng *group_r = stream, *crit_r = group_r + kb->ngroups, *input_r = crit_r + nc,
		   *rule_r = input_r + kb->nuncertain;
	for (size_t i = 0; i < n; i++) {
		q[i] = *ps[i];
		q[i].components = NULL;
		q[i].ncomponents = 0;
		for (size_t c = 0; c < nc; c++)
			for (int l = 0; l < LANG_SCORED; l++)
				range[i][l][c] = score_range(kb, ps[i], (int)c, (enum lang)l);
	}
	for (long s = 0; s < samples; s++) {
		double u[LANG_SCORED][KB_MAX_CRITERIA], draw[KB_MAX_UNCERTAIN];
		double wf[KB_MAX_CRITERIA], gf[KB_MAX_GROUPS];
		for (size_t g = 0; g < kb->ngroups; g++)
			gf[g] = 1 + kb->group_spread * (2 * rng_unit(&group_r[g]) - 1);
		for (size_t c = 0; c < nc; c++) {
			for (int l = 0; l < LANG_SCORED; l++)
				u[l][c] = rng_unit(&crit_r[c]);
			wf[c] = (1 + kb->weight_spread * (2 * rng_unit(&crit_r[c]) - 1)) *
				gf[kb->criteria[c].group];
		}
		for (size_t k = 0; k < kb->nuncertain; k++)
			draw[k] = rng_unit(&input_r[k]);
		for (size_t k = 0; k < kb->nrules; k++) {
			rule_factor[k] = 1 + kb->rule_spread * (2 * rng_unit(&rule_r[k]) - 1);
			rule_off[k] = rng_unit(&rule_r[k]) >= kb->rules[k].confidence;
		}
		struct score_draw sd = {wf, rule_factor, rule_off};
		int first = -2;
		bool mixed = false;
		for (size_t i = 0; i < n; i++) {
			double base[LANG_SCORED][KB_MAX_CRITERIA];
			for (size_t c = 0; c < nc; c++)
				for (int l = 0; l < LANG_SCORED; l++)
					base[l][c] =
					    range[i][l][c].low +
					    u[l][c] * (range[i][l][c].high - range[i][l][c].low);
			vary_inputs(kb, ps[i], &q[i], draw);
			profile_derive(&q[i]);
			struct score_eval ev;
			score_evaluate(kb, &q[i], base, &sd, &ev);
			int w = score_winner(&ev);
			if (w >= 0)
				count[i][w]++;
			int verdict = score_verdict(kb, &ev);
			if (verdict == VERDICT_EITHER)
				either[i]++;
			/* the system's pattern: what each part is written in */
			int a = score_part_answer(verdict, ps[i]);
			if (first == -2)
				first = a;
			else if (a != first)
				mixed = true;
		}
		if (system) /* a system of one part too: its pattern is that part's answer */
			sys[mixed || first < 0 ? VERDICT_HYBRID : first]++;
	}
	for (size_t i = 0; i < n; i++) {
		ds[i].samples = samples;
		ds[i].seed = seed;
		for (int v = 0; v <= VERDICT_KEEP; v++)
			ds[i].win_probability[v] =
			    samples ? (double)count[i][v] / (double)samples : 0;
		ds[i].either_probability = samples ? (double)either[i] / (double)samples : 0;
	}
	if (system)
		for (int v = 0; v <= VERDICT_HYBRID; v++)
			system[v] = samples ? (double)sys[v] / (double)samples : 0;
done:
	free(stream);
	free(range);
	free(q);
	free(count);
	free(either);
	free(rule_factor);
	free(rule_off);
}

/* --- flips ------------------------------------------------------------------------------------ */

enum scale {
	SCALE_LOG,    /* multiplicative steps */
	SCALE_LINEAR, /* additive steps */
	SCALE_COUNT,  /* whole numbers */
};

struct probe {
	enum field field;
	enum scale scale;
	double min, max, step; /* step: additive for linear, per-step factor exponent for log */
	const char *unit;      /* after the number: " ms", " MB", "%" */
	double shown;	       /* the number shown is the value times this (attrition as a %) */
	bool yours;	       /* "your p99 target" rather than "daily merges" */
	bool plural;	       /* the label takes a plural verb: "merges a day rise above" */
};

/* The inputs probed, in the user's terms: each reads as "your LABEL drops below N UNIT", with
 * LABEL from the profile's field table. */
static const struct probe probes[] = {
    {F_P99_MS, SCALE_LOG, 0.05, 10000, 0.05, " ms", 1, true, false},
    {F_MEMORY_MB, SCALE_LOG, 0.5, 65536, 0.05, " MB", 1, true, false},
    {F_INSTANCES, SCALE_LOG, 1, 100000, 0.05, "", 1, true, false},
    {F_TEAM_SIZE, SCALE_COUNT, 1, 200, 1, " engineers", 1, true, false},
    {F_TEAM_KNOW_GO, SCALE_COUNT, 0, 200, 1, "", 1, true, true},
    {F_TEAM_KNOW_RUST, SCALE_COUNT, 0, 200, 1, "", 1, true, true},
    {F_TEAM_ATTRITION, SCALE_LINEAR, 0, 0.6, 0.01, "%", 100, true, false},
    {F_TEAM_HIRES_PER_YEAR, SCALE_COUNT, 0, 100, 1, "", 1, true, true},
    {F_CI_MERGES_PER_DAY, SCALE_LOG, 0.5, 2000, 0.05, "", 1, true, true},
    {F_HORIZON_YEARS, SCALE_COUNT, 1, 30, 1, " years", 1, true, false},
};

/* The verdict for p with field f set to x (team counts kept within the team size). */
static int verdict_at(const struct kb *kb, struct profile *q, const struct profile *p,
		      double base[LANG_SCORED][KB_MAX_CRITERIA], enum field f, double x)
{
	memcpy(q->v, p->v, sizeof q->v);
	q->v[f] = x;
	if (f == F_TEAM_SIZE) {
		q->v[F_TEAM_KNOW_GO] = fmin(q->v[F_TEAM_KNOW_GO], x);
		q->v[F_TEAM_KNOW_RUST] = fmin(q->v[F_TEAM_KNOW_RUST], x);
	}
	profile_derive(q);
	struct score_eval ev;
	score_evaluate(kb, q, base, NULL, &ev);
	return score_verdict(kb, &ev);
}

static void add_flip(struct decision *d, const struct probe *pr, double from, double at, int dir,
		     enum verdict_kind to, const struct profile *p)
{
	if (d->nflips == ENGINE_MAX_FLIPS)
		return;
	struct flip *f = &d->flips[d->nflips++];
	memset(f, 0, sizeof *f);
	f->field = (int)pr->field;
	f->criterion = -1;
	f->from = from;
	f->at = at;
	f->to = to;
	bool team = pr->field == F_TEAM_KNOW_GO || pr->field == F_TEAM_KNOW_RUST;
	char num[32], of[48] = "";
	num_format(at * pr->shown, num, sizeof num);
	if (team)
		snprintf(of, sizeof of, " of %g", p->v[F_TEAM_SIZE]);
	const char *verb;
	if (pr->scale == SCALE_COUNT) {
		f->distance = fabs(at - from) / fmax(1, team ? p->v[F_TEAM_SIZE] : fmax(from, 1));
		verb = dir > 0 ? (pr->plural ? "reach" : "reaches")
			       : (pr->plural ? "fall to" : "falls to");
	} else {
		f->distance = pr->scale == SCALE_LOG
				  ? fabs(log10(fmax(at, 1e-9) / fmax(from, 1e-9)))
				  : fabs(at - from) / fmax(from, 0.05);
		verb = dir > 0 ? (pr->plural ? "rise above" : "rises above")
			       : (pr->plural ? "drop below" : "drops below");
	}
	char when[sizeof f->when];
	snprintf(when, sizeof when, "%s%s %s %s%s%s", pr->yours ? "your " : "",
		 profile_field(pr->field)->label, verb, num, of, pr->unit);
	memcpy(f->when, when, sizeof when);
	snprintf(f->text, sizeof f->text, "%s if %s", verdict_outcome(to), when);
}

/* Walks from the current value in direction dir until the verdict changes; refines continuous
 * thresholds by bisection. Records up to two flips: the first change, and the other language
 * winning when the first change is only to "either". */
static void probe_direction(const struct kb *kb, const struct profile *p, struct profile *q,
			    double base[LANG_SCORED][KB_MAX_CRITERIA], const struct probe *pr,
			    int dir, int v0, struct decision *d)
{
	double from = p->v[pr->field];
	double max = pr->max;
	if (pr->field == F_TEAM_KNOW_GO || pr->field == F_TEAM_KNOW_RUST)
		max = p->v[F_TEAM_SIZE];
	int current = v0;
	double last = from;
	for (int step = 1; step <= 400; step++) {
		double x;
		if (pr->scale == SCALE_LOG)
			x = from * pow(10, dir * pr->step * step);
		else
			x = from + dir * pr->step * step;
		if (pr->scale == SCALE_COUNT)
			x = round(x);
		if (x < pr->min || x > max)
			return;
		int v = verdict_at(kb, q, p, base, pr->field, x);
		if (v < 0 || v == current) {
			last = x;
			continue;
		}
		double at = x;
		bool at_start = false; /* the edge lies at the value the profile already has */
		if (pr->scale != SCALE_COUNT) {
			double a = last, b = x; /* verdict is `current` at a, `v` at b */
			for (int i = 0; i < 60; i++) {
				double mid = pr->scale == SCALE_LOG ? sqrt(a * b) : (a + b) / 2;
				if (verdict_at(kb, q, p, base, pr->field, mid) == current)
					a = mid;
				else
					b = mid;
			}
			at = b;
			/* report the boundary itself when it is a round number within 0.1% */
			double r = round(at * 1000) / 1000;
			if (fabs(r - at) <= 1e-3 * fmax(fabs(at), 1e-9))
				at = r;
			char shown_at[32], shown_from[32];
			num_format(at * pr->shown, shown_at, sizeof shown_at);
			num_format(from * pr->shown, shown_from, sizeof shown_from);
			at_start = strcmp(shown_at, shown_from) == 0;
		}
		/* a walk through a toss-up that comes back to the verdict it started from changes
		 * nothing */
		if (v == v0)
			return;
		/* a verdict on the edge turns at the value the profile already has: "drops below
		 * 1024 MB" said of 1024 MB is no advice, so it is not given, and past a toss-up the
		 * walk goes on to where the other side wins as after any toss-up */
		if (!at_start)
			add_flip(d, pr, from, at, dir, (enum verdict_kind)v, p);
		if (v != VERDICT_EITHER || current != v0)
			return;
		current = v; /* a toss-up first: keep walking to where the other side wins */
		last = x;
	}
}

/* The smallest change of one criterion weight that puts the other language ahead. */
static void weight_flips(const struct kb *kb, struct decision *d)
{
	if (d->verdict != VERDICT_GO && d->verdict != VERDICT_RUST && d->verdict != VERDICT_EITHER)
		return;
	if (d->excluded[LANG_GO] || d->excluded[LANG_RUST])
		return;
	enum lang win = d->leader, lose = lang_other(win);
	double gap = 0, wsum = 0;
	for (size_t c = 0; c < kb->ncriteria; c++) {
		gap += d->weight[c] * (d->crit[win][c] - d->crit[lose][c]);
		wsum += d->weight[c];
	}
	for (size_t c = 0; c < kb->ncriteria && d->nflips < ENGINE_MAX_FLIPS; c++) {
		double g = d->crit[win][c] - d->crit[lose][c];
		if (fabs(g) < 1e-9)
			continue;
		double delta = -gap / g; /* weight change at which the gap closes */
		double at = d->weight[c] + delta;
		if (at < 0)
			continue; /* even a zero weight would not do it */
		struct flip *f = &d->flips[d->nflips++];
		memset(f, 0, sizeof *f);
		f->field = -1;
		f->criterion = (int)c;
		f->from = d->weight[c];
		f->at = at;
		f->to = lose == LANG_GO ? VERDICT_GO : VERDICT_RUST;
		f->distance = fabs(delta) / wsum;
		char a[32], b[32], w[32];
		num_format(at, a, sizeof a);
		num_format(d->weight[c], b, sizeof b);
		num_format(wsum, w, sizeof w);
		snprintf(f->text, sizeof f->text,
			 "%s would lead if %s weighed %s %s (now %s of %s)", lang_title(lose),
			 kb->criteria[c].name, delta > 0 ? "more than" : "less than", a, b, w);
	}
}

static int by_distance(const void *a, const void *b)
{
	const struct flip *x = a, *y = b;
	if (x->distance != y->distance)
		return x->distance < y->distance ? -1 : 1;
	return strcmp(x->text, y->text);
}

void uncertainty_flips(const struct kb *kb, const struct profile *p, struct decision *d)
{
	d->nflips = 0;
	double base[LANG_SCORED][KB_MAX_CRITERIA];
	score_midpoints(kb, p, base);
	struct profile q = *p;
	q.components = NULL;
	q.ncomponents = 0;
	int v0 = (int)d->verdict;
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++)
		for (int dir = -1; dir <= 1; dir += 2)
			probe_direction(kb, p, &q, base, &probes[i], dir, v0, d);
	weight_flips(kb, d);
	qsort(d->flips, d->nflips, sizeof *d->flips, by_distance);
}
