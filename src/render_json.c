/*
 * render_json — verdicts as JSON. Key names are a contract (DESIGN.md): add, never rename.
 * Numbers are rounded to 4 decimals so outputs are stable and diffable.
 */
#include "render.h"

#include <math.h>
#include <string.h>

static double round4(double x)
{
	return round(x * 10000.0) / 10000.0;
}

json_t *render_claim_json(const struct kb *kb, const struct kb_claim *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "says", json_string(c->says));
	json_object_set_new(o, "lang", json_string(lang_name(c->lang)));
	if (c->has_value) {
		if (c->low == c->high) {
			json_object_set_new(o, "value", json_real(c->low));
		} else {
			json_object_set_new(o, "low", json_real(c->low));
			json_object_set_new(o, "high", json_real(c->high));
		}
		json_object_set_new(o, "unit", json_string(c->unit));
	}
	json_object_set_new(o, "criterion", json_string(kb->criteria[c->criterion].id));
	json_t *src = json_object();
	json_object_set_new(src, "id", json_string(c->source->id));
	json_object_set_new(src, "title", json_string(c->source->title));
	json_object_set_new(src, "by", json_string(c->source->by));
	json_object_set_new(src, "date", json_string(c->source->date));
	json_object_set_new(src, "seed", json_string(c->source->seed));
	if (c->source->url)
		json_object_set_new(src, "url", json_string(c->source->url));
	json_object_set_new(o, "source", src);
	if (c->via)
		json_object_set_new(o, "via", json_string(c->via));
	json_object_set_new(o, "evidence", json_string(kb_evidence_kind(c)));
	return o;
}

static json_t *reasons_json(const struct reason *r, size_t n)
{
	static const char *const kinds[] = {"decisive", "rule", "criterion", "system"};
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "claim",
				    r[i].claim ? json_string(r[i].claim->id) : json_null());
		json_object_set_new(o, "text", json_string(r[i].text));
		json_object_set_new(o, "kind", json_string(kinds[r[i].kind]));
		json_object_set_new(o, "favours",
				    r[i].favours >= 0
					? json_string(lang_name((enum lang)r[i].favours))
					: json_null());
		json_object_set_new(o, "impact", json_real(round4(r[i].impact)));
		json_object_set_new(o, "source",
				    r[i].claim ? json_string(r[i].claim->source->id) : json_null());
		/* published, measured, or verdict's own assumption (a001: the model's judgement) */
		json_object_set_new(o, "evidence",
				    r[i].claim ? json_string(kb_evidence_kind(r[i].claim))
					       : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *estimate_json(struct estimate e)
{
	json_t *o = json_object();
	json_object_set_new(o, "usd_per_year", json_real(round(e.mid)));
	json_object_set_new(o, "low", json_real(round(e.low)));
	json_object_set_new(o, "high", json_real(round(e.high)));
	return o;
}

static json_t *range_json(struct estimate e, double scale)
{
	json_t *o = json_object();
	json_object_set_new(o, "value", json_real(round4(e.mid * scale)));
	json_object_set_new(o, "low", json_real(round4(e.low * scale)));
	json_object_set_new(o, "high", json_real(round4(e.high * scale)));
	return o;
}

static json_t *price_json(struct price p)
{
	json_t *o = range_json(p.value, 1);
	json_object_set_new(o, "from", p.claim ? json_string(p.claim->id) : json_string("profile"));
	json_object_set_new(o, "assumption", json_boolean(p.claim && p.claim->source->assumption));
	return o;
}

json_t *render_costs_json(const struct costs *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "years", json_integer(c->years));
	for (int i = 0; i < COST_ITEMS; i++) {
		json_t *item = json_object();
		for (int l = 0; l < LANG_SCORED; l++)
			json_object_set_new(item, lang_name((enum lang)l),
					    estimate_json(c->usd[i][l]));
		json_object_set_new(item, "label", json_string(cost_item_label((enum cost_item)i)));
		json_t *over = json_object();
		for (int l = 0; l < LANG_SCORED; l++)
			json_object_set_new(over, lang_name((enum lang)l),
					    json_real(round(c->usd[i][l].mid * c->years)));
		json_object_set_new(item, "over_horizon", over);
		json_t *from = json_array();
		for (int k = 0; k < COST_MAX_FROM && c->from[i][k]; k++)
			json_array_append_new(from, json_string(c->from[i][k]->id));
		if (i != COST_TOTAL)
			json_object_set_new(item, "from", from);
		else
			json_decref(from);
		if (i == COST_CI) {
			json_t *w = json_object();
			for (int l = 0; l < LANG_SCORED; l++)
				json_object_set_new(
				    w, lang_name((enum lang)l),
				    json_real(round4(c->wait_hours_per_day[l].mid)));
			json_object_set_new(item, "wait_hours_per_day", w);
			json_object_set_new(item, "builds_per_day",
					    json_real(round4(c->builds_per_day)));
			json_t *b = json_object();
			for (int l = 0; l < LANG_SCORED; l++)
				json_object_set_new(b, lang_name((enum lang)l),
						    range_json(c->build_seconds[l], 1));
			json_object_set_new(item, "build_seconds", b);
		}
		if (i == COST_HIRING)
			json_object_set_new(item, "engineers_at_rust_rates",
					    range_json(c->rust_rate_engineers, 1));
		if (i == COST_ONBOARDING) {
			/* kept: Rust's trained newcomers a year, the learning curve seed 001 counts
			 */
			json_object_set_new(item, "learners_per_year",
					    json_real(round4(c->learners_per_year[LANG_RUST].mid)));
			json_object_set_new(item, "newcomers_per_year",
					    json_real(round4(c->newcomers_per_year)));
			json_t *now = json_object(), *t = json_object();
			for (int l = 0; l < LANG_SCORED; l++) {
				json_object_set_new(now, lang_name((enum lang)l),
						    json_real(round4(c->current_learners[l])));
				json_object_set_new(t, lang_name((enum lang)l),
						    range_json(c->learners_per_year[l], 1));
			}
			json_object_set_new(item, "current_team_learners", now);
			json_object_set_new(item, "trained_newcomers_per_year", t);
			json_t *r = json_object();
			for (int l = 0; l < LANG_SCORED; l++)
				json_object_set_new(r, lang_name((enum lang)l),
						    range_json(c->ramp_months[l], 1));
			json_object_set_new(item, "ramp_months", r);
		}
		if (i == COST_INFRASTRUCTURE) {
			json_object_set_new(item, "priced", json_boolean(c->infra_priced));
			json_t *m = json_object();
			for (int l = 0; l < LANG_SCORED; l++)
				json_object_set_new(m, lang_name((enum lang)l),
						    range_json(c->memory_mb[l], 1));
			json_object_set_new(item, "memory_mb_per_instance", m);
		}
		json_object_set_new(o, cost_item_name((enum cost_item)i), item);
	}
	json_t *prices = json_object();
	json_object_set_new(prices, "engineer_hour_usd", price_json(c->engineer_hour));
	json_object_set_new(prices, "ci_minute_usd", price_json(c->ci_minute));
	json_object_set_new(prices, "memory_gb_month_usd", price_json(c->memory_gb_month));
	json_object_set_new(o, "prices", prices);
	json_object_set_new(o, "working_days_per_year", json_real(c->working_days));
	json_object_set_new(o, "team_size", json_real(c->team_size));
	return o;
}

static json_t *flip_json(const struct kb *kb, const struct flip *f)
{
	json_t *o = json_object();
	char input[64];
	if (f->question)
		snprintf(input, sizeof input, "quick.%s", f->question);
	else if (f->field >= 0)
		snprintf(input, sizeof input, "%s", profile_field((enum field)f->field)->name);
	else
		snprintf(input, sizeof input, "weight.%s", kb->criteria[f->criterion].id);
	json_object_set_new(o, "input", json_string(input));
	if (f->question) { /* another answer to a quick question: the answer is the threshold */
		json_object_set_new(o, "at", json_string(f->answer));
	} else {
		json_object_set_new(o, "from", json_real(round4(f->from)));
		json_object_set_new(o, "at", json_real(round4(f->at)));
	}
	json_object_set_new(o, "to", json_string(verdict_name(f->to)));
	json_object_set_new(o, "label",
			    json_string(f->question	? f->question
					: f->field >= 0 ? profile_field((enum field)f->field)->label
							: kb->criteria[f->criterion].name));
	json_object_set_new(o, "text", json_string(f->text));
	return o;
}

static json_t *probability_json(const struct decision *d)
{
	json_t *o = json_object();
	for (int v = 0; v <= VERDICT_KEEP; v++)
		if (v <= VERDICT_RUST || d->win_probability[v] > 0)
			json_object_set_new(o, verdict_name((enum verdict_kind)v),
					    json_real(round4(d->win_probability[v])));
	return o;
}

static json_t *decision_json(const struct kb *kb, const struct decision *d, bool detail)
{
	json_t *o = json_object();
	if (d->name[0])
		json_object_set_new(o, "name", json_string(d->name));
	json_object_set_new(o, "building", json_string(d->building));
	json_object_set_new(o, "verdict", json_string(verdict_name(d->verdict)));
	json_object_set_new(o, "margin", json_real(round4(d->margin)));
	json_object_set_new(o, "close_call", json_boolean(d->close_call));
	json_t *sc = json_object();
	for (int l = 0; l < LANG_SCORED; l++)
		json_object_set_new(sc, lang_name((enum lang)l), json_real(round4(d->score[l])));
	json_object_set_new(o, "scores", sc);
	json_t *ex = json_array();
	for (int l = 0; l < LANG_SCORED; l++)
		if (d->excluded[l])
			json_array_append_new(ex, json_string(lang_name((enum lang)l)));
	json_object_set_new(o, "excluded", ex);
	json_object_set_new(o, "reasons", reasons_json(d->reasons, d->nreasons));
	json_object_set_new(o, "against", reasons_json(d->against, d->nagainst));
	if (d->samples > 0) {
		json_object_set_new(o, "win_probability", probability_json(d));
		json_object_set_new(o, "samples", json_integer(d->samples));
		json_object_set_new(o, "seed", json_integer((json_int_t)d->seed));
	}
	json_t *flips = json_array();
	const struct flip *weight = NULL;
	for (size_t i = 0; i < d->nflips; i++) {
		json_array_append_new(flips, flip_json(kb, &d->flips[i]));
		if (!weight && d->flips[i].criterion >= 0)
			weight = &d->flips[i];
	}
	json_object_set_new(o, "flips", flips);
	json_object_set_new(o, "smallest_weight_change",
			    weight ? flip_json(kb, weight) : json_null());
	if (d->has_costs)
		json_object_set_new(o, "costs", render_costs_json(&d->costs));
	if (detail && d->verdict != VERDICT_PYTHON && d->verdict != VERDICT_KEEP &&
	    d->verdict != VERDICT_HYBRID) {
		json_t *cr = json_array();
		for (size_t c = 0; c < kb->ncriteria; c++) {
			json_t *x = json_object();
			json_object_set_new(x, "id", json_string(kb->criteria[c].id));
			json_object_set_new(x, "name", json_string(kb->criteria[c].name));
			json_object_set_new(x, "weight", json_real(round4(d->weight[c])));
			for (int l = 0; l < LANG_SCORED; l++)
				json_object_set_new(x, lang_name((enum lang)l),
						    json_real(round4(d->crit[l][c])));
			json_array_append_new(cr, x);
		}
		json_object_set_new(o, "criteria", cr);
	}
	return o;
}

json_t *render_json(const struct kb *kb, const struct verdict *v)
{
	json_t *o = decision_json(kb, &v->overall, v->ncomponents == 0);
	if (!o)
		return NULL;
	if (v->has_system_probability) {
		json_t *p = json_object();
		json_object_set_new(p, "go", json_real(round4(v->system_probability[VERDICT_GO])));
		json_object_set_new(p, "rust",
				    json_real(round4(v->system_probability[VERDICT_RUST])));
		json_object_set_new(p, "hybrid",
				    json_real(round4(v->system_probability[VERDICT_HYBRID])));
		json_object_set_new(o, "win_probability", p);
		json_object_set_new(o, "samples", json_integer(v->overall.samples));
		json_object_set_new(o, "seed", json_integer((json_int_t)v->overall.seed));
	}
	if (v->ncomponents) {
		json_t *a = json_array();
		for (size_t i = 0; i < v->ncomponents; i++) {
			json_t *c = decision_json(kb, &v->components[i], true);
			json_object_set_new(c, "in_system",
					    json_string(verdict_name(v->components[i].in_system)));
			json_array_append_new(a, c);
		}
		json_object_set_new(o, "components", a);
	}
	json_object_set_new(o, "kb_version", json_string(v->kb_version));
	if (kb->measured) /* `--evidence`: which criteria a lab run rescored */
		json_object_set_new(o, "measured",
				    json_pack("{s:s, s:s, s:s}", "source", kb->measured->title,
					      "date", kb->measured->date, "criteria",
					      kb->measured_criteria));
	return o;
}

int render_json_dump(FILE *f, json_t *obj)
{
	if (!obj ||
	    json_dumpf(obj, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) != 0)
		return -1;
	fputc('\n', f);
	return 0;
}

json_t *render_conflict_json(const struct kb *kb, const struct kb_conflict *k)
{
	json_t *o = json_object(), *a = json_array();
	json_object_set_new(o, "topic", json_string(k->topic));
	for (size_t i = 0; i < k->nclaims; i++)
		json_array_append_new(a, render_claim_json(kb, k->claims[i]));
	json_object_set_new(o, "claims", a);
	json_object_set_new(o, "note", json_string(k->note));
	return o;
}

json_t *render_claims_json(const struct kb *kb)
{
	json_t *o = json_object(), *s = json_array(), *c = json_array(), *k = json_array();
	for (size_t i = 0; i < kb->nsources; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "id", json_string(kb->sources[i].id));
		json_object_set_new(x, "title", json_string(kb->sources[i].title));
		json_object_set_new(x, "by", json_string(kb->sources[i].by));
		json_object_set_new(x, "date", json_string(kb->sources[i].date));
		json_object_set_new(x, "seed", json_string(kb->sources[i].seed));
		if (kb->sources[i].url)
			json_object_set_new(x, "url", json_string(kb->sources[i].url));
		json_object_set_new(x, "assumption", json_boolean(kb->sources[i].assumption));
		json_array_append_new(s, x);
	}
	for (size_t i = 0; i < kb->nclaims; i++)
		json_array_append_new(c, render_claim_json(kb, &kb->claims[i]));
	for (size_t i = 0; i < kb->nconflicts; i++)
		json_array_append_new(k, render_conflict_json(kb, &kb->conflicts[i]));
	json_object_set_new(o, "kb_version", json_string(kb->version));
	json_object_set_new(o, "sources", s);
	json_object_set_new(o, "claims", c);
	json_object_set_new(o, "conflicts", k);
	return o;
}

json_t *render_cost_report_json(const struct kb *kb, const struct profile *p,
				const struct costs *cs)
{
	json_t *j = json_object();
	if (p->name[0])
		json_object_set_new(j, "name", json_string(p->name));
	if (!p->ncomponents) {
		json_object_set_new(j, "costs", render_costs_json(&cs[0]));
	} else {
		json_t *a = json_array();
		for (size_t i = 0; i < p->ncomponents; i++) {
			json_t *x = json_object();
			json_object_set_new(x, "name", json_string(p->components[i].name));
			json_object_set_new(x, "costs", render_costs_json(&cs[i]));
			json_array_append_new(a, x);
		}
		json_object_set_new(j, "components", a);
	}
	json_object_set_new(j, "kb_version", json_string(kb->version));
	return j;
}
