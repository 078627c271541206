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

#include "label.h"
#include "num.h"
#include "score.h"
#include "template.h"
#include "uncertainty.h"
#include "utf8.h"

struct expand_ctx {
	const struct kb *kb;
	const struct profile *p;
	uint64_t quotes; /* bit f: field f was quoted */
};

/* "4 of your 6 engineers already write Go", "all 3 of your engineers ...", "your one engineer
 * already writes Go": how many of the team write a language, in words that fit the count. */
static void team_writes(const struct profile *p, enum field know, const char *lang, char *out,
			size_t size)
{
	double k = p->v[know], n = p->v[F_TEAM_SIZE];
	/* a team size nobody wrote is the default, not a count to quote back */
	if (k == 0)
		snprintf(out, size, "nobody on your team writes %s yet", lang);
	else if (!p->given[F_TEAM_SIZE] && k == n)
		snprintf(out, size, "your team already writes %s", lang);
	else if (!p->given[F_TEAM_SIZE])
		snprintf(out, size, "%.0f of your engineers already write%s %s", k,
			 k == 1 ? "s" : "", lang);
	else if (n == 1 && k == 1)
		snprintf(out, size, "your one engineer already writes %s", lang);
	else if (k == n)
		snprintf(out, size, "all %.0f of your engineers already write %s", n, lang);
	else if (k == 1)
		snprintf(out, size, "1 of your %.0f engineers already writes %s", n, lang);
	else
		snprintf(out, size, "%.0f of your %.0f engineers already write %s", k, n, lang);
}

static int lookup(void *vctx, const char *name, char *out, size_t size)
{
	struct expand_ctx *ctx = vctx;
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
	if (strncmp(name, "reuses:", 7) == 0) {
		/* "native" is the C and the C++ code together, as reuses.native counts them */
		bool native = strcmp(name + 7, "native") == 0;
		out[0] = '\0';
		size_t used = 0;
		for (int l = 0; profile_reuse_language(l); l++) {
			const char *lang = profile_reuse_language(l);
			bool wanted = native ? strcmp(lang, "c") == 0 || strcmp(lang, "cpp") == 0
					     : strcmp(lang, name + 7) == 0;
			if (!wanted)
				continue;
			ctx->quotes |= UINT64_C(1) << (F_REUSES_FIRST + l);
			char what[(PROFILE_WHAT_MAX + 8) * PROFILE_MAX_REUSES];
			if (used < size && *profile_reuse_what(ctx->p, lang, what, sizeof what))
				used += (size_t)snprintf(out + used, size - used, "%s%s",
							 used ? " and " : "", what);
		}
		if (used >= size) /* cut at a whole character, not inside one */
			out[utf8_whole(out, strlen(out))] = '\0';
		if (!out[0])
			snprintf(out, size, "nothing");
		return 0;
	}
	if (strcmp(name, "team:go") == 0 || strcmp(name, "team:rust") == 0) {
		bool go = name[5] == 'g';
		enum field know = go ? F_TEAM_KNOW_GO : F_TEAM_KNOW_RUST;
		team_writes(ctx->p, know, go ? "Go" : "Rust", out, size);
		ctx->quotes |= UINT64_C(1) << know;
		if (ctx->p->given[F_TEAM_SIZE])
			ctx->quotes |= UINT64_C(1) << F_TEAM_SIZE;
		return 0;
	}
	/* {kind} is the kind's label; {a:kind} puts "a" or "an" before it ("an embedded system") */
	if (strcmp(name, "kind") == 0 || strcmp(name, "a:kind") == 0) {
		const char *label = kb_kind_label(ctx->kb, profile_enum_name(ctx->p, F_BUILDING));
		bool article = name[0] == 'a' && name[1] == ':';
		const char *a = !article				? ""
				: label[0] && strchr("aeiou", label[0]) ? "an "
									: "a ";
		snprintf(out, size, "%s%s", a, label);
		ctx->quotes |= UINT64_C(1) << F_BUILDING;
		return 0;
	}
	int f = profile_field_lookup(name);
	if (f < 0)
		return -1;
	if (profile_field((enum field)f)->type == FT_ENUM)
		snprintf(
		    out, size, "%s",
		    label_in_sentence((enum field)f, profile_enum_name(ctx->p, (enum field)f)));
	else
		profile_format(ctx->p, (enum field)f, out, size);
	ctx->quotes |= UINT64_C(1) << f;
	return 0;
}

/* Expands tmpl against p into out; returns the fields it quoted (bit f for field f). */
static uint64_t expand(const struct kb *kb, const struct profile *p, const char *tmpl, char *out,
		       size_t size)
{
	struct expand_ctx ctx = {kb, p, 0};
	/* templates were checked when the KB was loaded, so expansion cannot fail here */
	if (template_expand(tmpl, lookup, &ctx, out, size, NULL) != 0)
		snprintf(out, size, "%s", tmpl);
	return ctx.quotes;
}

void engine_expand(const struct kb *kb, const struct profile *p, const char *tmpl, char *out,
		   size_t size)
{
	expand(kb, p, tmpl, out, size);
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
	r->quotes = expand(kb, p, tmpl, r->text, sizeof r->text);
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

/* What rule r's `instead_of` rules would have added to (win - lose) had they applied, negated:
 * their absence is r's doing. A rule counts only where the profile meets its `when` and it did
 * not apply (it stood aside because of r's condition). Scores are weighted means, so the gap is
 * recomputed with their weights and scores added, as score_evaluate would have. */
static double stood_aside(const struct kb *kb, const struct profile *p, const struct score_eval *ev,
			  const struct kb_rule *r, const struct decision *d, enum lang win)
{
	enum lang lose = lang_other(win);
	double moved = 0;
	for (int k = 0; k < r->ninstead; k++) {
		const struct kb_rule *q = r->instead_of[k];
		bool fired = false;
		for (size_t i = 0; i < ev->nfired && !fired; i++)
			fired = ev->fired[i] == q;
		if (fired || !score_rule_meets_when(q, p))
			continue;
		double with = 0, wsum = 0;
		for (size_t c = 0; c < kb->ncriteria; c++) {
			double w = d->weight[c] + q->weight[c];
			if (w < 0)
				w = 0;
			double gap = num_clamp01(d->crit[win][c] + q->score[win][c]) -
				     num_clamp01(d->crit[lose][c] + q->score[lose][c]);
			with += w * gap;
			wsum += w;
		}
		if (wsum > 0)
			moved += d->score[win] - d->score[lose] - with / wsum;
	}
	return moved;
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
	double base[LANG_SCORED][KB_MAX_CRITERIA];
	score_midpoints(kb, p, base);
	struct score_eval ev;
	score_evaluate(kb, p, base, NULL, &ev);
	memcpy(d->weight, ev.weight, sizeof d->weight);
	memcpy(d->crit, ev.crit, sizeof d->crit);
	memcpy(d->score, ev.score, sizeof d->score);
	d->leader = d->score[LANG_RUST] > d->score[LANG_GO] ? LANG_RUST : LANG_GO;
	d->margin = fabs(d->score[LANG_GO] - d->score[LANG_RUST]);
	double wsum = ev.wsum;

	if (ev.forced) {
		d->verdict = (enum verdict_kind)ev.forced->force;
		d->margin = 1;
		engine_add_reason(d, kb, p, ev.forced->claim, ev.forced->says, REASON_DECISIVE, -1,
				  1, ev.forced->id);
		return 0;
	}
	const struct kb_rule *const *excluded_by = ev.excluded_by;
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
	} else {
		d->verdict = (enum verdict_kind)score_verdict(kb, &ev);
	}
	/* until the Monte Carlo says otherwise, a toss-up is a close call */
	d->close_call = d->verdict == VERDICT_EITHER;

	/* impacts, as signed contributions to (leader - other), divided by the weight sum */
	enum lang win = d->leader, lose = lang_other(win);
	for (size_t i = 0; i < ev.nfired; i++) {
		const struct kb_rule *r = ev.fired[i];
		if (r->exclude >= 0)
			continue; /* already stated as decisive */
		double contrib = 0;
		for (size_t c = 0; c < nc; c++) {
			contrib += r->weight[c] * (d->crit[win][c] - d->crit[lose][c]);
			contrib +=
			    d->weight[c] * (r->score[win][c] - r->score[lose][c]) * ev.mult[i];
		}
		contrib /= wsum;
		contrib += stood_aside(kb, p, &ev, r, d, win);
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
		/* a criterion that starts level (team, reuse, prototype) is moved only by rules,
		 * whose own reasons already say why */
		struct kb_range rg = score_range(kb, p, (int)c, LANG_GO);
		struct kb_range rr = score_range(kb, p, (int)c, LANG_RUST);
		if (rg.low == rg.high && rr.low == rr.high && rg.low == rr.low)
			continue;
		enum lang fav = gap > 0 ? win : lose;
		const struct kb_criterion *k = &kb->criteria[c];
		const struct kb_claim *claim = k->claims[0];
		if ((int)c == eco && kind->has_ecosystem)
			claim = kind->claim;
		/* off our fleet (users' machines, devices, browsers) footprint and pauses are what
		 * its users feel, not a server's figures under load */
		const char *text = k->reason[fav];
		if (fav == LANG_RUST && k->reason_off_fleet &&
		    strcmp(profile_enum_name(p, F_RUNS_ON), "our-fleet") != 0)
			text = k->reason_off_fleet;
		engine_add_reason(d, kb, p, claim, text, REASON_CRITERION, (int)fav, contrib,
				  k->id);
	}
	engine_sort_reasons(d);
	return 0;
}

/* The answer a part gives the system: score_part_answer once another part has an answer of its
 * own; a system of toss-ups alone stays "either". */
static int part_answer(const struct decision *c, const struct profile *part, bool resolve)
{
	return resolve ? score_part_answer((int)c->verdict, part) : (int)c->verdict;
}

/* The overall verdict of a system: one language when the parts agree, hybrid otherwise. A toss-up
 * part does not decide the system: it goes with its team's language (engine.yaml's either-part
 * note says why). */
static void combine(const struct kb *kb, const struct profile *p,
		    const struct profile *const *parts, struct verdict *v)
{
	struct decision *o = &v->overall;
	bool seen[VERDICT_HYBRID + 1] = {false};
	bool resolve = false, resolved = false;
	o->margin = 1;
	o->close_call = false;
	for (size_t i = 0; i < v->ncomponents; i++) {
		const struct decision *c = &v->components[i];
		if (c->margin < o->margin)
			o->margin = c->margin;
		o->close_call = o->close_call || c->close_call;
		resolve = resolve || c->verdict != VERDICT_EITHER;
	}
	size_t distinct = 0;
	int only = VERDICT_EITHER;
	for (size_t i = 0; i < v->ncomponents; i++) {
		int a = part_answer(&v->components[i], parts[i], resolve);
		resolved = resolved || a != (int)v->components[i].verdict;
		if (a != VERDICT_EITHER && !seen[a]) {
			seen[a] = true;
			distinct++;
			only = a;
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
		struct decision *c = &v->components[i];
		c->in_system = (enum verdict_kind)part_answer(c, parts[i], resolve);
		char answer[64];
		verdict_part_title(c->verdict, c->in_system, answer, sizeof answer);
		char text[ENGINE_REASON_LEN];
		const struct reason *top = c->nreasons ? &c->reasons[0] : NULL;
		int n = snprintf(text, sizeof text, "%s (%s): %s — %s", c->name,
				 kb_kind_label(kb, c->building), answer,
				 top ? top->text : "no decisive evidence");
		if (n > 0 && (size_t)n >= sizeof text)
			text[utf8_whole(text, strlen(text))] = '\0';
		if (o->nreasons < ENGINE_MAX_REASONS) {
			struct reason *r = &o->reasons[o->nreasons++];
			r->claim = top ? top->claim : NULL;
			r->kind = REASON_SYSTEM;
			r->favours = -1;
			r->impact = c->margin;
			r->rule_id = "component";
			r->quotes = top ? top->quotes : 0;
			snprintf(r->text, sizeof r->text, "%s", text);
		}
	}
	/* which answers the parts use, for prose: "Go and Rust", "Go and Python" */
	static const char *const names[] = {"Go", "Rust", "", "Python", "the current language"};
	size_t used = 0, listed = 0;
	for (int k = VERDICT_GO; k <= VERDICT_KEEP; k++) {
		if (k == VERDICT_EITHER || !seen[k])
			continue;
		listed++;
		const char *sep = listed == 1 ? "" : listed == distinct ? " and " : ", ";
		int w = snprintf(o->mix + used, sizeof o->mix - used, "%s%s", sep, names[k]);
		used += w > 0 && (size_t)w < sizeof o->mix - used ? (size_t)w : 0;
	}
	/* what the KB says about such a system: how a toss-up part was settled, then a Go/Rust
	 * split or any other mix */
	enum kb_system_for mix =
	    seen[VERDICT_GO] && seen[VERDICT_RUST] ? SYSTEM_FOR_GO_AND_RUST : SYSTEM_FOR_MIXED;
	for (size_t i = 0; i < kb->nsystem; i++) {
		const struct kb_system_note *n = &kb->system[i];
		bool says = n->applies == SYSTEM_FOR_EITHER_PART
				? resolved
				: o->verdict == VERDICT_HYBRID && n->applies == mix;
		if (says)
			engine_add_reason(o, kb, p, n->claim, n->says, REASON_SYSTEM, -1, 0, n->id);
	}
}

struct engine_options engine_defaults(void)
{
	struct engine_options o = {
	    .seed = 1, .samples = 0, .years = 0, .flips = true, .costs = true};
	return o;
}

/* Win probability decides close calls: a leader that wins fewer than close_probability of the
 * samples is not a safe call, whatever the point margin says. */
static void settle_close_call(const struct kb *kb, struct decision *d)
{
	if (d->verdict == VERDICT_EITHER) {
		d->close_call = true;
		return;
	}
	double p = d->win_probability[d->verdict == VERDICT_HYBRID ? VERDICT_GO : d->verdict];
	d->close_call = p < kb->close_probability;
}

double engine_answer_probability(const struct verdict *v)
{
	const struct decision *d = &v->overall;
	if (v->has_system_probability)
		return v->system_probability[d->verdict == VERDICT_EITHER ? VERDICT_HYBRID
									  : d->verdict];
	return d->verdict == VERDICT_EITHER ? d->either_probability
					    : d->win_probability[d->verdict];
}

/* Probability, flips and costs for one decided part. */
static int enrich(const struct kb *kb, const struct profile *p, const struct engine_options *o,
		  struct decision *d, struct err *e)
{
	if (o->flips)
		uncertainty_flips(kb, p, d);
	if (o->costs) {
		if (cost_estimate(kb, p, o->years, &d->costs, e) != 0)
			return -1;
		d->has_costs = true;
	}
	return 0;
}

int engine_decide(const struct kb *kb, const struct profile *p, const struct engine_options *opts,
		  struct verdict *v, struct err *e)
{
	struct engine_options o = opts ? *opts : engine_defaults();
	long samples = o.samples == 0 ? kb->samples : o.samples;
	memset(v, 0, sizeof *v);
	v->kb_version = kb->version;
	if (p->ncomponents == 0) {
		if (engine_decide_one(kb, p, &v->overall, e) != 0)
			return -1;
		if (samples > 0) {
			uncertainty_win_probability(kb, &p, &v->overall, 1, samples, o.seed, NULL);
			settle_close_call(kb, &v->overall);
		}
		return enrich(kb, p, &o, &v->overall, e);
	}
	v->components = calloc(p->ncomponents, sizeof *v->components);
	const struct profile **parts = calloc(p->ncomponents, sizeof *parts);
	if (!v->components || !parts) {
		free(parts);
		verdict_free(v);
		return err_internal(e, "out of memory");
	}
	v->ncomponents = p->ncomponents;
	for (size_t i = 0; i < p->ncomponents; i++) {
		parts[i] = &p->components[i];
		if (engine_decide_one(kb, parts[i], &v->components[i], e) != 0) {
			free(parts);
			verdict_free(v);
			return -1;
		}
	}
	snprintf(v->overall.name, sizeof v->overall.name, "%s", p->name);
	v->overall.building = profile_enum_name(p, F_BUILDING);
	combine(kb, p, parts, v);
	if (samples > 0) {
		uncertainty_win_probability(kb, parts, v->components, v->ncomponents, samples,
					    o.seed, v->system_probability);
		v->has_system_probability = true;
		for (size_t i = 0; i < v->ncomponents; i++)
			settle_close_call(kb, &v->components[i]);
		v->overall.samples = samples;
		v->overall.seed = o.seed;
		/* the system verdict holds when its pattern (all Go, all Rust, or mixed) holds */
		v->overall.close_call = engine_answer_probability(v) < kb->close_probability;
	}
	free(parts);
	for (size_t i = 0; i < v->ncomponents; i++)
		if (enrich(kb, &p->components[i], &o, &v->components[i], e) != 0) {
			verdict_free(v);
			return -1;
		}
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
