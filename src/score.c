/*
 * score — the numeric core (see score.h). Scores are weighted means over criteria, each in 0..1,
 * so the gap between Go and Rust is itself in 0..1 and serves as the margin.
 */
#include "score.h"

#include <math.h>
#include <string.h>

#include "num.h"

static bool cond_holds(const struct kb_cond *c, const struct profile *p)
{
	double v = p->v[c->field];
	switch (c->op) {
	case KB_EQ:
		return v == c->value;
	case KB_NE:
		return v != c->value;
	case KB_LT:
		return v < c->value;
	case KB_LE:
		return v <= c->value;
	case KB_GT:
		return v > c->value;
	case KB_GE:
		return v >= c->value;
	case KB_IN:
		for (int i = 0; i < c->nin; i++)
			if (v == c->in[i])
				return true;
		return false;
	}
	return false;
}

bool score_rule_meets_when(const struct kb_rule *r, const struct profile *p)
{
	for (int i = 0; i < r->ncond; i++)
		if (!cond_holds(&r->cond[i], p))
			return false;
	for (int i = 0; i < r->ngiven; i++)
		if (!p->given[r->given[i]])
			return false;
	for (int i = 0; i < r->nassumed; i++)
		if (p->given[r->assumed[i]])
			return false;
	return true;
}

bool score_rule_applies(const struct kb_rule *r, const struct profile *p)
{
	if (!score_rule_meets_when(r, p))
		return false;
	for (int i = 0; i < r->nunless; i++)
		if (cond_holds(&r->unless[i], p))
			return false;
	return true;
}

struct kb_range score_range(const struct kb *kb, const struct profile *p, int c, enum lang l)
{
	const struct kb_kind *kind = kb_kind(kb, profile_enum_name(p, F_BUILDING));
	if (kind->has_ecosystem && strcmp(kb->criteria[c].id, "ecosystem") == 0)
		return kind->ecosystem[l];
	return kb->criteria[c].score[l];
}

void score_midpoints(const struct kb *kb, const struct profile *p,
		     double base[LANG_SCORED][KB_MAX_CRITERIA])
{
	for (size_t c = 0; c < kb->ncriteria; c++)
		for (int l = 0; l < LANG_SCORED; l++)
			base[l][c] = kb_mid(score_range(kb, p, (int)c, (enum lang)l));
}

void score_evaluate(const struct kb *kb, const struct profile *p,
		    double base[LANG_SCORED][KB_MAX_CRITERIA], const struct score_draw *draw,
		    struct score_eval *ev)
{
	const struct kb_kind *kind = kb_kind(kb, profile_enum_name(p, F_BUILDING));
	size_t nc = kb->ncriteria;
	ev->forced = NULL;
	ev->excluded_by[LANG_GO] = ev->excluded_by[LANG_RUST] = NULL;
	ev->nfired = 0;
	const struct kb_rule *force[KB_MAX_VERDICT_RULES];
	size_t nforce = 0;
	for (size_t c = 0; c < nc; c++) {
		ev->weight[c] = kind->weight[c];
		for (int l = 0; l < LANG_SCORED; l++)
			ev->crit[l][c] = base[l][c];
	}
	for (size_t i = 0; i < kb->nrules; i++) {
		const struct kb_rule *r = &kb->rules[i];
		if (draw && draw->rule_off && draw->rule_off[i])
			continue;
		if (!score_rule_applies(r, p))
			continue;
		if (r->force >= 0) {
			if (nforce < KB_MAX_VERDICT_RULES)
				force[nforce++] = r;
			continue;
		}
		if (r->exclude >= 0 && !ev->excluded_by[r->exclude])
			ev->excluded_by[r->exclude] = r;
		double m = r->per >= 0 ? p->v[r->per] : 1.0;
		if (draw && draw->rule_factor)
			m *= draw->rule_factor[i];
		/* a weight shift is judgement too: the draw scales it like a score shift */
		double wm = draw && draw->rule_factor ? draw->rule_factor[i] : 1.0;
		for (size_t c = 0; c < nc; c++) {
			ev->weight[c] += r->weight[c] * wm;
			if (ev->weight[c] < 0)
				ev->weight[c] = 0;
			for (int l = 0; l < LANG_SCORED; l++)
				ev->crit[l][c] += r->score[l][c] * m;
		}
		if (ev->nfired < SCORE_MAX_FIRED) {
			ev->fired[ev->nfired] = r;
			ev->mult[ev->nfired] = m;
			ev->nfired++;
		}
	}
	/* The first outright verdict decides, except that keeping what ships is no answer where a
	 * hard constraint rules out the language that ships (a Go network stack for a kernel). */
	int ships = profile_ships_lang(p);
	for (size_t i = 0; i < nforce && !ev->forced; i++)
		if (force[i]->force != VERDICT_KEEP || ships < 0 || !ev->excluded_by[ships])
			ev->forced = force[i];
	ev->wsum = 0;
	for (size_t c = 0; c < nc; c++) {
		if (draw && draw->weight_factor)
			ev->weight[c] *= draw->weight_factor[c];
		ev->wsum += ev->weight[c];
		for (int l = 0; l < LANG_SCORED; l++)
			ev->crit[l][c] = num_clamp01(ev->crit[l][c]);
	}
	if (ev->wsum <= 0)
		ev->wsum = 1;
	for (int l = 0; l < LANG_SCORED; l++) {
		double s = 0;
		for (size_t c = 0; c < nc; c++)
			s += ev->weight[c] * ev->crit[l][c];
		ev->score[l] = s / ev->wsum;
	}
}

int score_winner(const struct score_eval *ev)
{
	if (ev->forced)
		return ev->forced->force;
	if (ev->excluded_by[LANG_GO] && ev->excluded_by[LANG_RUST])
		return -1;
	if (ev->excluded_by[LANG_GO])
		return VERDICT_RUST;
	if (ev->excluded_by[LANG_RUST])
		return VERDICT_GO;
	return ev->score[LANG_RUST] > ev->score[LANG_GO] ? VERDICT_RUST : VERDICT_GO;
}

int score_part_answer(int verdict, const struct profile *part)
{
	if (verdict != VERDICT_EITHER)
		return verdict;
	return part->v[F_TEAM_KNOW_RUST] > part->v[F_TEAM_KNOW_GO] ? VERDICT_RUST : VERDICT_GO;
}

int score_verdict(const struct kb *kb, const struct score_eval *ev)
{
	int w = score_winner(ev);
	bool scored = !ev->forced && !ev->excluded_by[LANG_GO] && !ev->excluded_by[LANG_RUST];
	if (scored && fabs(ev->score[LANG_GO] - ev->score[LANG_RUST]) < kb->either_margin)
		return VERDICT_EITHER;
	return w;
}
