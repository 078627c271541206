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
	json_object_set_new(o, "evidence", json_string("published"));
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
		json_array_append_new(a, o);
	}
	return a;
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
	if (v->ncomponents) {
		json_t *a = json_array();
		for (size_t i = 0; i < v->ncomponents; i++)
			json_array_append_new(a, decision_json(kb, &v->components[i], true));
		json_object_set_new(o, "components", a);
	}
	json_object_set_new(o, "kb_version", json_string(v->kb_version));
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
