/*
 * engine — the decision (see engine.h). Scores are weighted means over criteria, each in 0..1,
 * so the gap between Go and Rust is itself in 0..1 and serves as the margin. A rule's or a
 * criterion's impact is its share of that gap: what the gap would lose without it.
 */
#include "engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"

struct expand_ctx {
	const struct kb *kb;
	const struct profile *p;
};

static int lookup(void *vctx, const char *name, char *out, size_t size)
{
	const struct expand_ctx *ctx = vctx;
	if (strncmp(name, "claim:", 6) == 0) {
		const struct kb_claim *c = kb_claim(ctx->kb, name + 6);
		if (!c)
			return -1;
		kb_claim_figure(c, out, size);
		return 0;
	}
	if (strcmp(name, "name") == 0) {
		snprintf(out, size, "%s", ctx->p->name[0] ? ctx->p->name : "this project");
		return 0;
	}
	if (strcmp(name, "kind") == 0) {
		snprintf(out, size, "%s", profile_enum_name(ctx->p, F_BUILDING));
		return 0;
	}
	int f = profile_field_lookup(name);
	if (f < 0)
		return -1;
	profile_format(ctx->p, (enum field)f, out, size);
	return 0;
}

void engine_expand(const struct kb *kb, const struct profile *p, const char *tmpl, char *out,
		   size_t size)
{
	struct expand_ctx ctx = {kb, p};
	/* templates were checked when the KB was loaded, so expansion cannot fail here */
	if (template_expand(tmpl, lookup, &ctx, out, size, NULL) != 0)
		snprintf(out, size, "%s", tmpl);
}

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

static bool rule_fires(const struct kb_rule *r, const struct profile *p)
{
	for (int i = 0; i < r->ncond; i++)
		if (!cond_holds(&r->cond[i], p))
			return false;
	return true;
}

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

void engine_add_reason(struct decision *d, const struct kb *kb, const struct profile *p,
		       const struct kb_claim *claim, const char *tmpl, enum reason_kind kind,
		       int favours, double impact, const char *id)
{
	bool against = favours >= 0 && d->verdict != VERDICT_EITHER && favours != (int)d->leader;
	struct reason *list = against ? d->against : d->reasons;
	size_t *n = against ? &d->nagainst : &d->nreasons;
	if (*n == ENGINE_MAX_REASONS)
		return;
	struct reason *r = &list[(*n)++];
	r->claim = claim;
	r->kind = kind;
	r->favours = favours;
	r->impact = impact;
	r->rule_id = id;
	engine_expand(kb, p, tmpl, r->text, sizeof r->text);
}

static int by_impact(const void *a, const void *b)
{
	const struct reason *x = a, *y = b;
	if (x->kind == REASON_DECISIVE && y->kind != REASON_DECISIVE)
		return -1;
	if (y->kind == REASON_DECISIVE && x->kind != REASON_DECISIVE)
		return 1;
	double dx = fabs(x->impact), dy = fabs(y->impact);
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return strcmp(x->rule_id, y->rule_id); /* stable order for equal impact */
}

void engine_sort_reasons(struct decision *d)
{
	qsort(d->reasons, d->nreasons, sizeof *d->reasons, by_impact);
	qsort(d->against, d->nagainst, sizeof *d->against, by_impact);
}

int engine_decide_one(const struct kb *kb, const struct profile *p, struct decision *d,
		      struct err *e)
{
	memset(d, 0, sizeof *d);
	snprintf(d->name, sizeof d->name, "%s", p->name);
	d->building = profile_enum_name(p, F_BUILDING);
	const struct kb_kind *kind = kb_kind(kb, d->building);
	int eco = kb_criterion_index(kb, "ecosystem");
	size_t nc = kb->ncriteria;
	for (size_t c = 0; c < nc; c++) {
		d->weight[c] = kind->weight[c];
		for (int l = 0; l < LANG_SCORED; l++)
			d->crit[l][c] = kb->criteria[c].score[l];
	}
	if (kind->has_ecosystem && eco >= 0)
		for (int l = 0; l < LANG_SCORED; l++)
			d->crit[l][eco] = kind->ecosystem[l];

	/* rules, in KB order; remember which fired and with what multiplier */
	const struct kb_rule *fired[256];
	double mult[256];
	size_t nfired = 0;
	const struct kb_rule *decisive = NULL, *excluded_by[LANG_SCORED] = {NULL, NULL};
	for (size_t i = 0; i < kb->nrules; i++) {
		const struct kb_rule *r = &kb->rules[i];
		if (!rule_fires(r, p))
			continue;
		if (r->force >= 0 && !decisive) {
			decisive = r;
			continue;
		}
		if (r->exclude >= 0 && !excluded_by[r->exclude])
			excluded_by[r->exclude] = r;
		double m = r->per >= 0 ? p->v[r->per] : 1.0;
		for (size_t c = 0; c < nc; c++) {
			d->weight[c] += r->weight[c];
			if (d->weight[c] < 0)
				d->weight[c] = 0;
			for (int l = 0; l < LANG_SCORED; l++)
				d->crit[l][c] += r->score[l][c] * m;
		}
		if (nfired < 256) {
			fired[nfired] = r;
			mult[nfired] = m;
			nfired++;
		}
	}
	for (size_t c = 0; c < nc; c++)
		for (int l = 0; l < LANG_SCORED; l++)
			d->crit[l][c] = clamp01(d->crit[l][c]);

	double wsum = 0;
	for (size_t c = 0; c < nc; c++)
		wsum += d->weight[c];
	if (wsum <= 0)
		wsum = 1;
	for (int l = 0; l < LANG_SCORED; l++) {
		double s = 0;
		for (size_t c = 0; c < nc; c++)
			s += d->weight[c] * d->crit[l][c];
		d->score[l] = s / wsum;
	}
	d->leader = d->score[LANG_RUST] > d->score[LANG_GO] ? LANG_RUST : LANG_GO;
	d->margin = fabs(d->score[LANG_GO] - d->score[LANG_RUST]);

	if (decisive) {
		d->verdict = (enum verdict_kind)decisive->force;
		d->margin = 1;
		engine_add_reason(d, kb, p, decisive->claim, decisive->says, REASON_DECISIVE, -1, 1,
				  decisive->id);
		return 0;
	}
	for (int l = 0; l < LANG_SCORED; l++)
		d->excluded[l] = excluded_by[l] != NULL;
	if (d->excluded[LANG_GO] && d->excluded[LANG_RUST])
		return err_input(e, p->file, p->line,
				 "%s%sthe constraints rule out both Go and Rust: %s (rule %s) and "
				 "%s (rule %s)",
				 p->name[0] ? p->name : "", p->name[0] ? ": " : "",
				 excluded_by[LANG_GO]->says, excluded_by[LANG_GO]->id,
				 excluded_by[LANG_RUST]->says, excluded_by[LANG_RUST]->id);
	if (d->excluded[LANG_GO] || d->excluded[LANG_RUST]) {
		enum lang out = d->excluded[LANG_GO] ? LANG_GO : LANG_RUST;
		d->leader = lang_other(out);
		d->verdict = d->leader == LANG_GO ? VERDICT_GO : VERDICT_RUST;
		d->margin = 1;
		engine_add_reason(d, kb, p, excluded_by[out]->claim, excluded_by[out]->says,
				  REASON_DECISIVE, d->leader, 1, excluded_by[out]->id);
	} else if (d->margin < kb->either_margin) {
		d->verdict = VERDICT_EITHER;
	} else {
		d->verdict = d->leader == LANG_GO ? VERDICT_GO : VERDICT_RUST;
	}
	d->close_call = d->margin < kb->close_margin;

	/* impacts, as signed contributions to (leader - other), divided by the weight sum */
	enum lang win = d->leader, lose = lang_other(win);
	for (size_t i = 0; i < nfired; i++) {
		const struct kb_rule *r = fired[i];
		if (r->exclude >= 0)
			continue; /* already stated as decisive */
		double contrib = 0;
		for (size_t c = 0; c < nc; c++) {
			contrib += r->weight[c] * (d->crit[win][c] - d->crit[lose][c]);
			contrib += d->weight[c] * (r->score[win][c] - r->score[lose][c]) * mult[i];
		}
		contrib /= wsum;
		if (fabs(contrib) < 1e-4)
			continue;
		engine_add_reason(d, kb, p, r->claim, r->says, REASON_RULE,
				  contrib > 0 ? (int)win : (int)lose, contrib, r->id);
	}
	for (size_t c = 0; c < nc; c++) {
		double gap = d->crit[win][c] - d->crit[lose][c];
		double contrib = d->weight[c] * gap / wsum;
		if (fabs(contrib) < 1e-4)
			continue;
		enum lang fav = gap > 0 ? win : lose;
		const struct kb_criterion *k = &kb->criteria[c];
		const struct kb_claim *claim = k->claims[0];
		if ((int)c == eco && kind->has_ecosystem)
			claim = kind->claim;
		engine_add_reason(d, kb, p, claim, k->reason[fav], REASON_CRITERION, (int)fav,
				  contrib, k->id);
	}
	engine_sort_reasons(d);
	return 0;
}

/* The overall verdict of a system: one language when the components agree, hybrid otherwise. */
static void combine(const struct kb *kb, const struct profile *p, struct verdict *v)
{
	struct decision *o = &v->overall;
	bool seen[VERDICT_HYBRID + 1] = {false};
	size_t distinct = 0;
	int only = VERDICT_EITHER;
	o->margin = 1;
	o->close_call = false;
	for (size_t i = 0; i < v->ncomponents; i++) {
		const struct decision *c = &v->components[i];
		if (c->margin < o->margin)
			o->margin = c->margin;
		o->close_call = o->close_call || c->close_call;
		if (c->verdict != VERDICT_EITHER && !seen[c->verdict]) {
			seen[c->verdict] = true;
			distinct++;
			only = (int)c->verdict;
		}
	}
	o->verdict = distinct == 0   ? VERDICT_EITHER
		     : distinct == 1 ? (enum verdict_kind)only
				     : VERDICT_HYBRID;
	o->leader = only == VERDICT_RUST ? LANG_RUST : LANG_GO;
	for (int l = 0; l < LANG_SCORED; l++) {
		double s = 0;
		for (size_t i = 0; i < v->ncomponents; i++)
			s += v->components[i].score[l];
		o->score[l] = s / (double)v->ncomponents;
	}
	for (size_t i = 0; i < v->ncomponents; i++) {
		const struct decision *c = &v->components[i];
		char text[ENGINE_REASON_LEN];
		const struct reason *top = c->nreasons ? &c->reasons[0] : NULL;
		snprintf(text, sizeof text, "%s (%s): %s — %s", c->name, c->building,
			 verdict_name(c->verdict), top ? top->text : "no decisive evidence");
		if (o->nreasons < ENGINE_MAX_REASONS) {
			struct reason *r = &o->reasons[o->nreasons++];
			r->claim = top ? top->claim : NULL;
			r->kind = REASON_SYSTEM;
			r->favours = -1;
			r->impact = c->margin;
			r->rule_id = "component";
			snprintf(r->text, sizeof r->text, "%s", text);
		}
	}
	if (o->verdict == VERDICT_HYBRID) {
		const struct kb_claim *hy = kb_claim(kb, "s003-hybrid-architecture");
		const struct kb_claim *cost = kb_claim(kb, "s004-rust-expertise-concentrates");
		if (hy)
			engine_add_reason(
			    o, kb, p, hy,
			    "the parts want different languages, which is the hybrid pattern "
			    "the sources describe: Go for orchestration and services, Rust "
			    "for the performance-critical layers",
			    REASON_SYSTEM, -1, 0, "hybrid");
		if (cost)
			engine_add_reason(
			    o, kb, p, cost,
			    "two languages cost more to run: two toolchains and CI set-ups, "
			    "hiring for both, and Rust expertise that tends to concentrate in "
			    "two or three people",
			    REASON_SYSTEM, -1, 0, "hybrid-cost");
	}
}

int engine_decide(const struct kb *kb, const struct profile *p, struct verdict *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	v->kb_version = kb->version;
	if (p->ncomponents == 0)
		return engine_decide_one(kb, p, &v->overall, e);
	v->components = calloc(p->ncomponents, sizeof *v->components);
	if (!v->components)
		return err_internal(e, "out of memory");
	v->ncomponents = p->ncomponents;
	for (size_t i = 0; i < p->ncomponents; i++)
		if (engine_decide_one(kb, &p->components[i], &v->components[i], e) != 0) {
			verdict_free(v);
			return -1;
		}
	snprintf(v->overall.name, sizeof v->overall.name, "%s", p->name);
	v->overall.building = profile_enum_name(p, F_BUILDING);
	combine(kb, p, v);
	return 0;
}

void verdict_free(struct verdict *v)
{
	if (!v)
		return;
	free(v->components);
	v->components = NULL;
	v->ncomponents = 0;
}
