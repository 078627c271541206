/*
 * learn — scoring the career question (see learn.h). Weights come from the goal, baseline
 * scores from the learn criteria, adjustments (or a knock-out: you already know it) from the
 * background.
 */
#include "learn.h"

#include "rng.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct kb_learn_case *find(const struct kb_learn_case *list, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].id, id) == 0)
			return &list[i];
	return NULL;
}

static void names(const struct kb_learn_case *list, size_t n, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", list[i].id);
		if (w < 0 || (size_t)w >= size - used)
			return;
		used += (size_t)w;
	}
}

/* Weighted score of language l over the learn criteria, from per-criterion scores s[l][c]. */
static double learn_score(const struct kb *kb, const struct kb_learn_case *g,
			  double s[LANG_SCORED][KB_MAX_CRITERIA], enum lang l, double wsum)
{
	double t = 0;
	for (size_t c = 0; c < kb->nlearn_criteria; c++)
		t += g->weight[c] * s[l][c];
	return t / wsum;
}

/* Win probability: each criterion's score drawn within its range (the claims' spread). */
static void learn_probability(const struct kb *kb, const struct kb_learn_case *g,
			      const struct kb_learn_case *b, double wsum, long samples,
			      uint64_t seed, struct decision *d)
{
	struct rng r;
	rng_seed(&r, seed);
	long wins[LANG_SCORED] = {0, 0};
	for (long i = 0; i < samples; i++) {
		double s[LANG_SCORED][KB_MAX_CRITERIA];
		for (size_t c = 0; c < kb->nlearn_criteria; c++)
			for (int l = 0; l < LANG_SCORED; l++) {
				struct kb_range rg = kb->learn_criteria[c].score[l];
				s[l][c] = fmin(
				    1, fmax(0, rng_between(&r, rg.low, rg.high) + b->score[l][c]));
			}
		if (b->exclude >= 0)
			wins[lang_other((enum lang)b->exclude)]++;
		else
			wins[learn_score(kb, g, s, LANG_RUST, wsum) >
				     learn_score(kb, g, s, LANG_GO, wsum)
				 ? LANG_RUST
				 : LANG_GO]++;
	}
	d->samples = samples;
	d->seed = seed;
	for (int l = 0; l < LANG_SCORED; l++)
		d->win_probability[l] = (double)wins[l] / (double)samples;
}

int learn_decide(const struct kb *kb, const char *background, const char *goal,
		 const struct engine_options *opts, struct verdict *v, struct err *e)
{
	struct engine_options o = opts ? *opts : engine_defaults();
	long samples = o.samples == 0 ? kb->samples : o.samples;
	char list[256];
	memset(v, 0, sizeof *v);
	v->kb_version = kb->version;
	const struct kb_learn_case *g = find(kb->learn_goals, kb->nlearn_goals, goal);
	if (!g) {
		names(kb->learn_goals, kb->nlearn_goals, list, sizeof list);
		return err_input(e, NULL, 0, "unknown goal '%s' (one of: %s)", goal, list);
	}
	const struct kb_learn_case *b =
	    find(kb->learn_backgrounds, kb->nlearn_backgrounds, background);
	if (!b) {
		names(kb->learn_backgrounds, kb->nlearn_backgrounds, list, sizeof list);
		return err_input(e, NULL, 0, "unknown background '%s' (one of: %s)", background,
				 list);
	}
	struct profile *p = profile_new(); /* for template expansion only */
	if (!p)
		return err_internal(e, "out of memory");
	struct decision *d = &v->overall;
	snprintf(d->name, sizeof d->name, "learn: from %s, for %s", background, goal);
	d->building = "career";
	size_t nc = kb->nlearn_criteria;
	double wsum = 0;
	for (size_t c = 0; c < nc; c++) {
		d->weight[c] = g->weight[c];
		wsum += g->weight[c];
		for (int l = 0; l < LANG_SCORED; l++)
			d->crit[l][c] = fmin(
			    1, fmax(0, kb_mid(kb->learn_criteria[c].score[l]) + b->score[l][c]));
	}
	if (wsum <= 0)
		wsum = 1;
	for (int l = 0; l < LANG_SCORED; l++)
		d->score[l] = learn_score(kb, g, d->crit, (enum lang)l, wsum);
	d->leader = d->score[LANG_RUST] > d->score[LANG_GO] ? LANG_RUST : LANG_GO;
	d->margin = fabs(d->score[LANG_GO] - d->score[LANG_RUST]);
	if (b->exclude >= 0) {
		d->leader = lang_other((enum lang)b->exclude);
		d->excluded[b->exclude] = true;
		d->margin = 1;
		d->verdict = d->leader == LANG_GO ? VERDICT_GO : VERDICT_RUST;
		engine_add_reason(d, kb, p, b->claim, b->says, REASON_DECISIVE, (int)d->leader, 1,
				  b->id);
	} else {
		d->verdict = d->margin < kb->either_margin ? VERDICT_EITHER
			     : d->leader == LANG_GO	   ? VERDICT_GO
							   : VERDICT_RUST;
		double bshift = 0;
		enum lang win = d->leader, lose = lang_other(win);
		for (size_t c = 0; c < nc; c++)
			bshift += d->weight[c] * (b->score[win][c] - b->score[lose][c]) / wsum;
		if (fabs(bshift) >= 1e-4)
			engine_add_reason(d, kb, p, b->claim, b->says, REASON_RULE,
					  bshift > 0 ? (int)win : (int)lose, bshift, b->id);
	}
	d->close_call = d->verdict == VERDICT_EITHER;
	enum lang win = d->leader, lose = lang_other(win);
	for (size_t c = 0; c < nc; c++) {
		double gap = d->crit[win][c] - d->crit[lose][c];
		double contrib = d->weight[c] * gap / wsum;
		if (fabs(contrib) < 1e-4)
			continue;
		enum lang fav = gap > 0 ? win : lose;
		const struct kb_learn_criterion *k = &kb->learn_criteria[c];
		engine_add_reason(d, kb, p, k->claim, k->reason[fav], REASON_CRITERION, (int)fav,
				  contrib, k->id);
	}
	engine_sort_reasons(d);
	profile_free(p);
	if (samples > 0) {
		learn_probability(kb, g, b, wsum, samples, o.seed, d);
		if (d->verdict != VERDICT_EITHER)
			d->close_call = d->win_probability[d->verdict] < kb->close_probability;
	}
	return 0;
}
