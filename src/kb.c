/*
 * kb — loading and validating the knowledge base (see kb.h). Files may hold any sections in any
 * order: we first collect every section from every file, then build them in dependency order
 * (sources, criteria, claims, kinds, rules, ...), so that a reference is resolved exactly once
 * and an unresolved one is reported at the line that makes it.
 */
#include "kb.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "embedded.h"
#include "file.h"
#include "hash.h"
#include "num.h"
#include "profile.h"
#include "scan_manifest.h"
#include "template.h"
#include "ydoc.h"

#define KB_MAX_FILES 64

enum section {
	SEC_ENGINE,
	SEC_SOURCES,
	SEC_CRITERIA,
	SEC_CLAIMS,
	SEC_KINDS,
	SEC_RULES,
	SEC_CONFLICTS,
	SEC_QUICK,
	SEC_LEARN,
	SEC_COST_MODEL,
	SEC_MEASURES,
	SEC_DEPENDENCIES,
	SEC_SCAN,
	SEC_CASES,
	SEC_FAQ,
	SEC_COUNT
};
static const char *const section_names[SEC_COUNT] = {
    "engine", "sources",    "criteria", "claims",	"kinds", "rules", "conflicts", "quick",
    "learn",  "cost_model", "measures", "dependencies", "scan",	 "cases", "faq"};

struct part {
	struct ydoc *doc;
	yaml_node_t *node;
};

struct loader {
	struct kb *kb;
	struct err *e;
	struct ydoc *doc; /* the document being read, for messages */
	struct part parts[SEC_COUNT][KB_MAX_FILES];
	size_t nparts[SEC_COUNT];
};

/* --- small helpers ---------------------------------------------------------------------------- */

__attribute__((format(printf, 3, 4))) static int fail(struct loader *L, const yaml_node_t *n,
						      const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_input(L->e, ydoc_name(L->doc), ydoc_line(n), "%s", msg);
}

static yaml_node_t *get(struct loader *L, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++)
		if (strcmp(ydoc_scalar(ydoc_node(L->doc, p->key)), key) == 0)
			return ydoc_node(L->doc, p->value);
	return NULL;
}

/* Checks that map is a mapping with only the allowed keys. */
static int check_keys(struct loader *L, yaml_node_t *map, const char *what,
		      const char *const *allowed)
{
	if (ydoc_check_mapping(L->doc, map, what, L->e) != 0)
		return -1;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_node(L->doc, p->key);
		const char *ks = ydoc_scalar(k);
		size_t i = 0;
		while (allowed[i] && strcmp(allowed[i], ks) != 0)
			i++;
		if (!allowed[i])
			return fail(L, k, "unknown key '%s' in %s", ks, what);
	}
	return 0;
}

/* A required (or optional, when out may stay NULL) text value copied into the arena. */
static int text(struct loader *L, yaml_node_t *map, const char *key, bool required,
		const char **out)
{
	yaml_node_t *v = get(L, map, key);
	if (!v) {
		*out = NULL;
		return required ? fail(L, map, "missing '%s'", key) : 0;
	}
	const char *s = ydoc_scalar(v);
	if (!s || !*s)
		return fail(L, v, "'%s' must be text, got %s", key, ydoc_kind(v));
	*out = arena_strdup(L->kb->arena, s);
	return *out ? 0 : err_internal(L->e, "out of memory");
}

static int number(struct loader *L, yaml_node_t *v, const char *what, double *out)
{
	const char *s = ydoc_scalar(v);
	if (!s || !ydoc_plain(v) || num_parse_double(s, out) != 0)
		return fail(L, v, "%s must be a number, got '%s'", what, s ? s : ydoc_kind(v));
	return 0;
}

/* An optional true/false value: *out is left as it is when key is absent. */
static int flag(struct loader *L, yaml_node_t *map, const char *key, bool *out)
{
	yaml_node_t *v = get(L, map, key);
	if (!v)
		return 0;
	const char *s = ydoc_scalar(v);
	if (!s || (strcmp(s, "true") != 0 && strcmp(s, "false") != 0))
		return fail(L, v, "%s must be true or false", key);
	*out = strcmp(s, "true") == 0;
	return 0;
}

static int unit_score(struct loader *L, yaml_node_t *v, const char *what, double *out)
{
	if (number(L, v, what, out) != 0)
		return -1;
	if (*out < -1 || *out > 1)
		return fail(L, v, "%s must be between -1 and 1, got %s", what, ydoc_scalar(v));
	return 0;
}

static void *alloc(struct loader *L, size_t n, size_t size)
{
	void *p = arena_alloc(L->kb->arena, n * size + 1);
	if (!p)
		err_internal(L->e, "out of memory");
	return p;
}

static size_t seq_len(yaml_node_t *n)
{
	return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

/* Counts the items of every part of a section, checking each part is a list. */
static int count_items(struct loader *L, enum section s, size_t *count)
{
	*count = 0;
	for (size_t i = 0; i < L->nparts[s]; i++) {
		L->doc = L->parts[s][i].doc;
		yaml_node_t *n = L->parts[s][i].node;
		if (n->type != YAML_SEQUENCE_NODE)
			return fail(L, n, "section '%s' must be a list, got %s", section_names[s],
				    ydoc_kind(n));
		*count += seq_len(n);
	}
	return 0;
}

/* Calls fn on every item of every part of section s, in file order. */
typedef int (*item_fn)(struct loader *L, yaml_node_t *item, size_t index);
static int each_item(struct loader *L, enum section s, item_fn fn)
{
	size_t index = 0;
	for (size_t i = 0; i < L->nparts[s]; i++) {
		L->doc = L->parts[s][i].doc;
		yaml_node_t *n = L->parts[s][i].node;
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++)
			if (fn(L, ydoc_node(L->doc, *it), index++) != 0)
				return -1;
	}
	return 0;
}

static int check_id(struct loader *L, yaml_node_t *item, const char *id)
{
	for (const char *c = id; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		      *c == '.' || *c == '_'))
			return fail(L, get(L, item, "id"),
				    "id '%s' may use only a-z, 0-9, '-', '.' and '_'", id);
	return 0;
}

/* --- lookups ---------------------------------------------------------------------------------- */

const struct kb_claim *kb_claim(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nclaims; i++)
		if (kb->claims[i].id && strcmp(kb->claims[i].id, id) == 0)
			return &kb->claims[i];
	return NULL;
}

int kb_criterion_index(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->ncriteria; i++)
		if (kb->criteria[i].id && strcmp(kb->criteria[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct kb_kind *kb_kind(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nkinds; i++)
		if (strcmp(kb->kinds[i].id, id) == 0)
			return &kb->kinds[i];
	return NULL;
}

const char *kb_kind_label(const struct kb *kb, const char *id)
{
	const struct kb_kind *k = kb_kind(kb, id);
	return k && k->label ? k->label : id;
}

const char *kb_kind_title(const struct kb *kb, const char *id)
{
	const struct kb_kind *k = kb_kind(kb, id);
	return k && k->title ? k->title : kb_kind_label(kb, id);
}

const struct kb_preset *kb_preset(const struct kb *kb, const char *question, const char *answer)
{
	for (size_t i = 0; i < kb->npresets; i++)
		if (strcmp(kb->presets[i].question, question) == 0 &&
		    strcmp(kb->presets[i].id, answer) == 0)
			return &kb->presets[i];
	return NULL;
}

/* A number with thousands separators when it is large and whole: 25000 -> "25,000". */
static void grouped(double v, char *buf, size_t size)
{
	if (fabs(v) < 10000 || v != floor(v) || fabs(v) >= 1e15)
		num_format(v, buf, size);
	else
		num_grouped(v, buf, size);
}

const char *kb_claim_figure(const struct kb_claim *c, char *buf, size_t size)
{
	char lo[40], hi[40], num[90];
	if (!c->has_value) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	double low = c->low, high = c->high;
	const char *unit = c->unit;
	/* whole minutes read better than seconds: 60–180 s -> 1–3 min */
	if (strcmp(unit, "s") == 0 && low >= 60 && fmod(low, 60) == 0 && fmod(high, 60) == 0) {
		low /= 60;
		high /= 60;
		unit = "min";
	}
	grouped(low, lo, sizeof lo);
	grouped(high, hi, sizeof hi);
	if (low == high)
		snprintf(num, sizeof num, "%s", lo);
	else
		snprintf(num, sizeof num, "%s–%s", lo, hi);
	if (strncmp(unit, "USD", 3) == 0)
		snprintf(buf, size, "$%s%s", num, unit + 3);
	else if (unit[0] == '%' || unit[0] == 'x')
		snprintf(buf, size, "%s%s", num, unit);
	else
		snprintf(buf, size, "%s %s", num, unit);
	return buf;
}

static const struct kb_claim *claim_ref(struct loader *L, yaml_node_t *map, const char *key,
					bool required)
{
	yaml_node_t *v = get(L, map, key);
	if (!v) {
		if (required)
			fail(L, map, "missing '%s' (the claim id this rests on)", key);
		return NULL;
	}
	const char *s = ydoc_scalar(v);
	const struct kb_claim *c = s ? kb_claim(L->kb, s) : NULL;
	if (!c)
		fail(L, v, "'%s' names no known claim: '%s'", key, s ? s : ydoc_kind(v));
	return c;
}

/* --- templates: every placeholder must name a profile field or a claim with a figure ---------- */

/* The claim a {claim:ID} placeholder names, or NULL where there is none or it has no figure: the
 * placeholder prints the figure, so one without would print nothing. */
static const struct kb_claim *placeholder_claim(const struct kb *kb, const char *id)
{
	const struct kb_claim *c = kb_claim(kb, id);
	return c && c->has_value ? c : NULL;
}

static int check_placeholder(void *ctx, const char *name, char *out, size_t size)
{
	const struct kb *kb = ctx;
	if (strncmp(name, "claim:", 6) == 0)
		return placeholder_claim(kb, name + 6) ? (snprintf(out, size, "x"), 0) : -1;
	if (strcmp(name, "name") == 0 || strcmp(name, "kind") == 0 || strcmp(name, "a:kind") == 0 ||
	    strcmp(name, "team:go") == 0 || strcmp(name, "team:rust") == 0 ||
	    strcmp(name, "reuses:native") == 0)
		return snprintf(out, size, "x"), 0;
	for (int i = 0; strncmp(name, "reuses:", 7) == 0 && profile_reuse_language(i); i++)
		if (strcmp(name + 7, profile_reuse_language(i)) == 0)
			return snprintf(out, size, "x"), 0;
	return profile_field_lookup(name) >= 0 ? (snprintf(out, size, "x"), 0) : -1;
}

/* The error for a template's placeholder at bad: a claim that exists but has no figure to print,
 * or a name that is unknown or unclosed. */
static int placeholder_error(struct loader *L, yaml_node_t *at, const char *key, const char *bad)
{
	const char *end = strchr(bad, '}');
	if (strncmp(bad, "{claim:", 7) == 0 && end) {
		char id[128];
		snprintf(id, sizeof id, "%.*s", (int)(end - bad - 7), bad + 7);
		if (kb_claim(L->kb, id))
			return fail(L, at, "'%s' prints the figure of claim '%s', which has none",
				    key, id);
	}
	return fail(L, at, "'%s' has an unknown or unclosed placeholder at \"%.30s\"", key, bad);
}

static int check_template(struct loader *L, yaml_node_t *map, const char *key, const char *t)
{
	if (!t)
		return 0;
	char out[16];
	const char *bad = NULL;
	if (template_expand(t, check_placeholder, L->kb, out, sizeof out, &bad) == 0)
		return 0;
	return placeholder_error(L, get(L, map, key), key, bad);
}

/* --- sections --------------------------------------------------------------------------------- */

static int read_engine(struct loader *L)
{
	static const char *const keys[] = {"either_margin",
					   "close_probability",
					   "samples",
					   "uncertain_inputs",
					   "weight_spread",
					   "rule_spread",
					   "group_spread",
					   "default_weights",
					   "judgement",
					   "system",
					   NULL};
	struct kb *kb = L->kb;
	kb->either_margin = 0.03;
	kb->close_probability = 0.8;
	kb->samples = 10000;
	for (size_t i = 0; i < L->nparts[SEC_ENGINE]; i++) {
		L->doc = L->parts[SEC_ENGINE][i].doc;
		yaml_node_t *m = L->parts[SEC_ENGINE][i].node;
		if (check_keys(L, m, "engine", keys) != 0)
			return -1;
		yaml_node_t *v = get(L, m, "either_margin");
		if (v && unit_score(L, v, "either_margin", &kb->either_margin) != 0)
			return -1;
		v = get(L, m, "close_probability");
		if (v && unit_score(L, v, "close_probability", &kb->close_probability) != 0)
			return -1;
		v = get(L, m, "samples");
		double n = 0;
		if (v && number(L, v, "samples", &n) != 0)
			return -1;
		if (v && (n < 100 || n > 10000000 || n != floor(n)))
			return fail(L, v, "samples must be a whole number from 100 to 10000000");
		if (v)
			kb->samples = (long)n;
		v = get(L, m, "weight_spread");
		if (v && unit_score(L, v, "weight_spread", &kb->weight_spread) != 0)
			return -1;
		if (kb->weight_spread < 0)
			return fail(L, v, "weight_spread is a fraction from 0 to 1");
		v = get(L, m, "rule_spread");
		if (v && unit_score(L, v, "rule_spread", &kb->rule_spread) != 0)
			return -1;
		v = get(L, m, "group_spread");
		if (v && unit_score(L, v, "group_spread", &kb->group_spread) != 0)
			return -1;
		if (kb->rule_spread < 0 || kb->group_spread < 0)
			return fail(L, m, "rule_spread and group_spread are fractions from 0 to 1");
		v = get(L, m, "uncertain_inputs");
		if (!v)
			continue;
		if (ydoc_check_mapping(L->doc, v, "uncertain_inputs", L->e) != 0)
			return -1;
		for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
		     p < v->data.mapping.pairs.top; p++) {
			yaml_node_t *k = ydoc_node(L->doc, p->key);
			int f = profile_field_lookup(ydoc_scalar(k));
			const struct field_info *fi = f >= 0 ? profile_field((enum field)f) : NULL;
			if (!fi || (fi->type != FT_NUMBER && fi->type != FT_INT))
				return fail(L, k,
					    "uncertain input '%s' is not a numeric profile field",
					    ydoc_scalar(k));
			if (kb->nuncertain == KB_MAX_UNCERTAIN)
				return fail(L, k, "more than %d uncertain inputs",
					    KB_MAX_UNCERTAIN);
			struct kb_uncertain *u = &kb->uncertain[kb->nuncertain++];
			u->field = f;
			if (number(L, ydoc_node(L->doc, p->value), "a spread", &u->spread) != 0)
				return -1;
			if (u->spread < 0 || u->spread > 1)
				return fail(L, ydoc_node(L->doc, p->value),
					    "a spread is a fraction from 0 to 1");
		}
	}
	return 0;
}

static int read_criterion_map(struct loader *L, yaml_node_t *v, const char *what, double *w,
			      bool scores);
static const struct kb_claim *claim_ref(struct loader *L, yaml_node_t *map, const char *key,
					bool required);

/* One entry of engine.yaml's `system`: {id, for: go-and-rust | mixed | either-part, claim, says}.
 */
static int read_system_note(struct loader *L, yaml_node_t *m)
{
	static const char *const keys[] = {"id", "for", "claim", "says", NULL};
	struct kb *kb = L->kb;
	if (kb->nsystem == KB_MAX_SYSTEM_NOTES)
		return fail(L, m, "more than %d system notes", KB_MAX_SYSTEM_NOTES);
	struct kb_system_note *n = &kb->system[kb->nsystem];
	const char *who = NULL;
	if (check_keys(L, m, "a system note", keys) || text(L, m, "id", true, &n->id) ||
	    text(L, m, "for", true, &who) || text(L, m, "says", true, &n->says))
		return -1;
	static const char *const applies[] = {"go-and-rust", "mixed", "either-part"};
	size_t a = 0;
	while (a < sizeof applies / sizeof *applies && strcmp(who, applies[a]) != 0)
		a++;
	if (a == sizeof applies / sizeof *applies)
		return fail(L, get(L, m, "for"),
			    "'for' is go-and-rust, mixed or either-part, got '%s'", who);
	n->applies = (enum kb_system_for)a;
	n->claim = claim_ref(L, m, "claim", true);
	if (!n->claim)
		return -1;
	kb->nsystem++;
	return check_template(L, m, "says", n->says);
}

/* The parts of engine.yaml that name criteria and claims, read once both are known. */
static int link_engine(struct loader *L)
{
	static const char *const judged[] = {"scores", "kinds", "rules", NULL};
	struct kb *kb = L->kb;
	for (size_t i = 0; i < L->nparts[SEC_ENGINE]; i++) {
		L->doc = L->parts[SEC_ENGINE][i].doc;
		yaml_node_t *m = L->parts[SEC_ENGINE][i].node;
		yaml_node_t *v = get(L, m, "default_weights");
		if (v &&
		    read_criterion_map(L, v, "default_weights", kb->default_weight, false) != 0)
			return -1;
		v = get(L, m, "judgement");
		if (v) {
			if (check_keys(L, v, "judgement", judged) != 0)
				return -1;
			const struct kb_claim **out[] = {
			    &kb->judgement_scores, &kb->judgement_kinds, &kb->judgement_rules};
			for (int j = 0; judged[j]; j++)
				if (get(L, v, judged[j]) &&
				    !(*out[j] = claim_ref(L, v, judged[j], true)))
					return -1;
		}
		v = get(L, m, "system");
		if (!v)
			continue;
		if (v->type != YAML_SEQUENCE_NODE)
			return fail(L, v, "'system' must be a list of notes");
		for (yaml_node_item_t *it = v->data.sequence.items.start;
		     it < v->data.sequence.items.top; it++)
			if (read_system_note(L, ydoc_node(L->doc, *it)) != 0)
				return -1;
	}
	return 0;
}

static int read_source(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"id",   "title", "by",	  "date",
					   "seed", "url",   "assumption", NULL};
	struct kb_source *s = (struct kb_source *)&L->kb->sources[i];
	if (flag(L, m, "assumption", &s->assumption) || check_keys(L, m, "a source", keys) ||
	    text(L, m, "id", true, &s->id) || check_id(L, m, s->id) ||
	    text(L, m, "title", true, &s->title) || text(L, m, "by", true, &s->by) ||
	    text(L, m, "date", true, &s->date) || text(L, m, "seed", true, &s->seed) ||
	    text(L, m, "url", false, &s->url))
		return -1;
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->sources[j].id, s->id) == 0)
			return fail(L, m, "duplicate source id '%s'", s->id);
	return 0;
}

/* {go: N, rust: N} or {go: [LOW, HIGH], rust: [LOW, HIGH]}: scores in 0..1. */
static int read_lang_scores(struct loader *L, yaml_node_t *m, const char *key,
			    struct kb_range *score, bool required)
{
	static const char *const keys[] = {"go", "rust", NULL};
	yaml_node_t *v = get(L, m, key);
	if (!v)
		return required ? fail(L, m, "missing '%s' ({go: N, rust: N})", key) : 0;
	if (check_keys(L, v, key, keys) != 0)
		return -1;
	for (int l = 0; l < LANG_SCORED; l++) {
		yaml_node_t *n = get(L, v, lang_name((enum lang)l));
		if (!n)
			return fail(L, v, "'%s' needs a score for %s", key,
				    lang_name((enum lang)l));
		if (n->type == YAML_SEQUENCE_NODE) {
			if (seq_len(n) != 2)
				return fail(L, n, "a score range is [low, high]");
			if (unit_score(L, ydoc_node(L->doc, n->data.sequence.items.start[0]), key,
				       &score[l].low) ||
			    unit_score(L, ydoc_node(L->doc, n->data.sequence.items.start[1]), key,
				       &score[l].high))
				return -1;
		} else {
			if (unit_score(L, n, key, &score[l].low) != 0)
				return -1;
			score[l].high = score[l].low;
		}
		if (score[l].low < 0 || score[l].low > score[l].high)
			return fail(L, n, "'%s' scores must lie in 0..1 with low <= high", key);
	}
	return 0;
}

static int read_criterion(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {
	    "id",	   "name",	"score",       "claims",
	    "spread_from", "go_reason", "rust_reason", "rust_reason_off_fleet",
	    "group",	   NULL};
	struct kb_criterion *c = (struct kb_criterion *)&L->kb->criteria[i];
	const char *group = NULL;
	if (check_keys(L, m, "a criterion", keys) || text(L, m, "id", true, &c->id) ||
	    check_id(L, m, c->id) || text(L, m, "name", true, &c->name) ||
	    read_lang_scores(L, m, "score", c->score, true) ||
	    text(L, m, "go_reason", true, &c->reason[LANG_GO]) ||
	    text(L, m, "rust_reason", true, &c->reason[LANG_RUST]) ||
	    text(L, m, "rust_reason_off_fleet", false, &c->reason_off_fleet) ||
	    text(L, m, "group", true, &group))
		return -1;
	struct kb *kb = L->kb;
	size_t g = 0;
	while (g < kb->ngroups && strcmp(kb->groups[g], group) != 0)
		g++;
	if (g == kb->ngroups) {
		if (kb->ngroups == KB_MAX_GROUPS)
			return fail(L, get(L, m, "group"), "more than %d criterion groups",
				    KB_MAX_GROUPS);
		kb->groups[kb->ngroups++] = group;
	}
	c->group = (int)g;
	if (!get(L, m, "claims"))
		return fail(L, m, "criterion '%s' cites no claims", c->id);
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->criteria[j].id, c->id) == 0)
			return fail(L, m, "duplicate criterion id '%s'", c->id);
	return 0;
}

/* Resolves a list of claim ids into an arena array; `who` says whose list it is in messages.
 * Returns 0, or -1 with the error at the offending id. */
static int claim_list(struct loader *L, yaml_node_t *list, const char *who,
		      const struct kb_claim ***out, size_t *n)
{
	*out = alloc(L, seq_len(list), sizeof **out);
	*n = 0;
	if (!*out)
		return -1;
	for (yaml_node_item_t *it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		yaml_node_t *node = ydoc_node(L->doc, *it);
		const char *id = ydoc_scalar(node);
		const struct kb_claim *cl = id ? kb_claim(L->kb, id) : NULL;
		if (!cl)
			return fail(L, node, "%s names an unknown claim '%s'", who, id ? id : "?");
		(*out)[(*n)++] = cl;
	}
	return 0;
}

/* Second pass over criteria: resolve their claim lists and check their reason templates. */
static int link_criterion(struct loader *L, yaml_node_t *m, size_t i)
{
	struct kb_criterion *c = (struct kb_criterion *)&L->kb->criteria[i];
	yaml_node_t *list = get(L, m, "claims");
	if (list->type != YAML_SEQUENCE_NODE || seq_len(list) == 0)
		return fail(L, list, "'claims' of criterion '%s' must be a non-empty list", c->id);
	if (claim_list(L, list, "criterion", &c->claims, &c->nclaims) != 0)
		return -1;
	yaml_node_t *spread = get(L, m, "spread_from");
	bool ranged = c->score[LANG_GO].low < c->score[LANG_GO].high ||
		      c->score[LANG_RUST].low < c->score[LANG_RUST].high;
	if (ranged && !spread)
		return fail(L, m, "criterion '%s' has score ranges but no 'spread_from' claims",
			    c->id);
	if (spread) {
		if (spread->type != YAML_SEQUENCE_NODE || seq_len(spread) == 0)
			return fail(L, spread,
				    "'spread_from' must be a non-empty list of claim ids");
		if (claim_list(L, spread, "'spread_from'", &c->spread_from, &c->nspread) != 0)
			return -1;
	}
	return check_template(L, m, "go_reason", c->reason[LANG_GO]) ||
	       check_template(L, m, "rust_reason", c->reason[LANG_RUST]) ||
	       check_template(L, m, "rust_reason_off_fleet", c->reason_off_fleet);
}

static int read_claim(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"id",	"says",	  "lang", "value", "range", "unit",
					   "criterion", "source", "via",  "label", NULL};
	struct kb_claim *c = (struct kb_claim *)&L->kb->claims[i];
	const char *lang = NULL, *crit = NULL, *src = NULL;
	if (check_keys(L, m, "a claim", keys) || text(L, m, "id", true, &c->id) ||
	    check_id(L, m, c->id) || text(L, m, "says", true, &c->says) ||
	    text(L, m, "lang", true, &lang) || text(L, m, "unit", false, &c->unit) ||
	    text(L, m, "criterion", true, &crit) || text(L, m, "source", true, &src) ||
	    text(L, m, "via", false, &c->via) || text(L, m, "label", false, &c->label))
		return -1;
	c->file = ydoc_name(L->doc);
	c->line = ydoc_line(m);
	int l = lang_parse(lang);
	if (l < 0)
		return fail(L, get(L, m, "lang"),
			    "unknown lang '%s' (go | rust | python | both | none)", lang);
	c->lang = (enum lang)l;
	c->criterion = kb_criterion_index(L->kb, crit);
	if (c->criterion < 0)
		return fail(L, get(L, m, "criterion"), "unknown criterion '%s'", crit);
	for (size_t j = 0; j < L->kb->nsources; j++)
		if (strcmp(L->kb->sources[j].id, src) == 0)
			c->source = &L->kb->sources[j];
	if (!c->source)
		return fail(L, get(L, m, "source"), "unknown source '%s'", src);
	yaml_node_t *value = get(L, m, "value"), *range = get(L, m, "range");
	if (value && range)
		return fail(L, m, "a claim has either 'value' or 'range', not both");
	if (value) {
		if (number(L, value, "value", &c->low) != 0)
			return -1;
		c->high = c->low;
		c->has_value = true;
	} else if (range) {
		if (range->type != YAML_SEQUENCE_NODE || seq_len(range) != 2)
			return fail(L, range, "'range' must be [low, high]");
		if (number(L, ydoc_node(L->doc, range->data.sequence.items.start[0]), "range low",
			   &c->low) ||
		    number(L, ydoc_node(L->doc, range->data.sequence.items.start[1]), "range high",
			   &c->high))
			return -1;
		if (c->low > c->high)
			return fail(L, range, "bad range: low is above high");
		c->has_value = true;
	}
	if (c->has_value && !c->unit)
		return fail(L, m, "claim '%s' has a figure but no 'unit'", c->id);
	if (!c->has_value && c->unit)
		return fail(L, m, "claim '%s' has a 'unit' but no value or range", c->id);
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->claims[j].id, c->id) == 0)
			return fail(L, m, "duplicate claim id '%s' (first at %s:%d)", c->id,
				    L->kb->claims[j].file, L->kb->claims[j].line);
	return 0;
}

/* Reads {criterion: number, ...} into w (indexed by criterion). */
static int read_criterion_map(struct loader *L, yaml_node_t *v, const char *what, double *w,
			      bool scores)
{
	if (ydoc_check_mapping(L->doc, v, what, L->e) != 0)
		return -1;
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_node(L->doc, p->key);
		int ci = kb_criterion_index(L->kb, ydoc_scalar(k));
		if (ci < 0)
			return fail(L, k, "unknown criterion '%s' in %s", ydoc_scalar(k), what);
		yaml_node_t *n = ydoc_node(L->doc, p->value);
		if (scores) {
			if (unit_score(L, n, what, &w[ci]) != 0)
				return -1;
		} else {
			if (number(L, n, what, &w[ci]) != 0)
				return -1;
			if (w[ci] < -100 || w[ci] > 100)
				return fail(L, n, "%s must be between -100 and 100", what);
		}
	}
	return 0;
}

static int read_kind(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"id",    "label",   "title",	    "glance",
					   "claim", "weights", "ecosystem", NULL};
	struct kb_kind *k = (struct kb_kind *)&L->kb->kinds[i];
	if (check_keys(L, m, "a kind", keys) || text(L, m, "id", true, &k->id) ||
	    text(L, m, "label", false, &k->label) || text(L, m, "title", false, &k->title) ||
	    flag(L, m, "glance", &k->glance))
		return -1;
	if (!k->label)
		k->label = k->id;
	if (profile_enum_index(F_BUILDING, k->id) < 0)
		return fail(L, get(L, m, "id"),
			    "kind '%s' is not a value of the profile's 'building'", k->id);
	k->claim = claim_ref(L, m, "claim", true);
	if (!k->claim)
		return -1;
	yaml_node_t *w = get(L, m, "weights");
	if (!w)
		return fail(L, m, "kind '%s' has no weights", k->id);
	memcpy(k->weight, L->kb->default_weight, sizeof k->weight);
	if (read_criterion_map(L, w, "weights", k->weight, false) != 0)
		return -1;
	for (size_t c = 0; c < L->kb->ncriteria; c++)
		if (k->weight[c] < 0)
			return fail(L, w, "weights must not be negative");
	k->has_ecosystem = get(L, m, "ecosystem") != NULL;
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->kinds[j].id, k->id) == 0)
			return fail(L, m, "duplicate kind '%s'", k->id);
	return read_lang_scores(L, m, "ecosystem", k->ecosystem, false);
}

/* A number in a condition: a literal, or "claim:ID" / "claim:ID.low" / "claim:ID.high", and
 * "claim:ID.fraction" for a single percentage compared with a 0..1 field. */
static int cond_number(struct loader *L, yaml_node_t *n, double *out)
{
	const char *s = ydoc_scalar(n);
	if (s && strncmp(s, "claim:", 6) == 0) {
		char id[96];
		snprintf(id, sizeof id, "%s", s + 6);
		int bound = 0; /* 0 single value, 1 low, 2 high, 3 a percentage as a fraction */
		size_t len = strlen(id);
		if (len > 9 && strcmp(id + len - 9, ".fraction") == 0) {
			id[len - 9] = '\0';
			bound = 3;
		} else if (len > 4 && strcmp(id + len - 4, ".low") == 0) {
			id[len - 4] = '\0';
			bound = 1;
		} else if (len > 5 && strcmp(id + len - 5, ".high") == 0) {
			id[len - 5] = '\0';
			bound = 2;
		}
		const struct kb_claim *c = kb_claim(L->kb, id);
		if (!c || !c->has_value)
			return fail(L, n, "'%s' names no claim with a figure", s);
		if ((bound == 0 || bound == 3) && c->low != c->high)
			return fail(L, n, "'%s' is a range: say .low or .high", s);
		if (bound == 3 && (!c->unit || c->unit[0] != '%'))
			return fail(L, n, "'%s': .fraction needs a claim in %%", s);
		*out = bound == 2 ? c->high : bound == 3 ? c->low / 100 : c->low;
		return 0;
	}
	return number(L, n, "a condition value", out);
}

/* A value for field f in a condition: enum name, true/false, or a number. */
static int cond_value(struct loader *L, int f, yaml_node_t *n, double *out)
{
	const struct field_info *fi = profile_field((enum field)f);
	const char *s = ydoc_scalar(n);
	if (!s)
		return fail(L, n, "condition on '%s' needs a value, got %s", fi->name,
			    ydoc_kind(n));
	if (fi->values) { /* an enum, or a derived one such as reuses.go */
		int i = profile_enum_index((enum field)f, s);
		if (i < 0)
			return fail(L, n, "'%s' is not a value of '%s'", s, fi->name);
		*out = i;
		return 0;
	}
	if (fi->type == FT_BOOL) {
		if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
			return fail(L, n, "'%s' is true or false, got '%s'", fi->name, s);
		*out = strcmp(s, "true") == 0;
		return 0;
	}
	return cond_number(L, n, out);
}

/* Conditions {field: value | [values] | {op: value}} into conds (at most KB_MAX_CONDS). */
static int read_conds(struct loader *L, yaml_node_t *when, const char *what, struct kb_cond *conds,
		      int *ncond)
{
	static const char *const ops[] = {"eq", "ne", "lt", "le", "gt", "ge", NULL};
	if (ydoc_check_mapping(L->doc, when, what, L->e) != 0)
		return -1;
	for (yaml_node_pair_t *p = when->data.mapping.pairs.start; p < when->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_node(L->doc, p->key), *v = ydoc_node(L->doc, p->value);
		int f = profile_field_lookup(ydoc_scalar(k));
		if (f < 0)
			return fail(L, k, "unknown profile field '%s' in a condition",
				    ydoc_scalar(k));
		if (v->type == YAML_MAPPING_NODE) {
			if (check_keys(L, v, "a comparison", ops) != 0)
				return -1;
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
			     q < v->data.mapping.pairs.top; q++) {
				if (*ncond == KB_MAX_CONDS)
					return fail(L, v, "more than 16 conditions");
				struct kb_cond *c = &conds[(*ncond)++];
				const char *op = ydoc_scalar(ydoc_node(L->doc, q->key));
				c->field = f;
				c->op = (enum kb_op)(strcmp(op, "eq") == 0   ? KB_EQ
						     : strcmp(op, "ne") == 0 ? KB_NE
						     : strcmp(op, "lt") == 0 ? KB_LT
						     : strcmp(op, "le") == 0 ? KB_LE
						     : strcmp(op, "gt") == 0 ? KB_GT
									     : KB_GE);
				if (cond_value(L, f, ydoc_node(L->doc, q->value), &c->value) != 0)
					return -1;
			}
			continue;
		}
		if (*ncond == KB_MAX_CONDS)
			return fail(L, v, "more than 16 conditions");
		struct kb_cond *c = &conds[(*ncond)++];
		c->field = f;
		if (v->type == YAML_SEQUENCE_NODE) {
			c->op = KB_IN;
			if (seq_len(v) == 0 || seq_len(v) > KB_MAX_IN)
				return fail(L, v, "a list of 1 to 16 values is expected");
			for (yaml_node_item_t *it = v->data.sequence.items.start;
			     it < v->data.sequence.items.top; it++)
				if (cond_value(L, f, ydoc_node(L->doc, *it), &c->in[c->nin++]) != 0)
					return -1;
		} else {
			c->op = KB_EQ;
			if (cond_value(L, f, v, &c->value) != 0)
				return -1;
		}
	}
	return 0;
}

/* score: {go: {criterion: delta}, rust: {...}} */
static int read_score_deltas(struct loader *L, yaml_node_t *v, double score[][KB_MAX_CRITERIA])
{
	static const char *const keys[] = {"go", "rust", NULL};
	if (check_keys(L, v, "score", keys) != 0)
		return -1;
	for (int l = 0; l < LANG_SCORED; l++) {
		yaml_node_t *n = get(L, v, lang_name((enum lang)l));
		if (n && read_criterion_map(L, n, "score", score[l], true) != 0)
			return -1;
	}
	return 0;
}

/* The rule defined above rule i (rules[0..i-1]) with this id, or NULL. */
static const struct kb_rule *rule_above(const struct loader *L, size_t i, const char *id)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->rules[j].id, id) == 0)
			return &L->kb->rules[j];
	return NULL;
}

/* `instead_of`: the rules above rule i that stand aside where it applies. Each is a shift of
 * weights or scores (an outright verdict, a knock-out or a `per` multiplier has no single effect
 * to carry), so the engine can say what its absence moved. */
static int read_instead_of(struct loader *L, yaml_node_t *list, size_t i, struct kb_rule *r)
{
	if (list->type != YAML_SEQUENCE_NODE || seq_len(list) == 0 ||
	    seq_len(list) > KB_MAX_INSTEAD)
		return fail(L, list, "'instead_of' is a list of 1 to %d rule ids", KB_MAX_INSTEAD);
	for (yaml_node_item_t *it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		yaml_node_t *n = ydoc_node(L->doc, *it);
		const char *id = ydoc_scalar(n) ? ydoc_scalar(n) : "";
		const struct kb_rule *q = rule_above(L, i, id);
		if (!q)
			return fail(L, n,
				    "'instead_of' names '%s', which is no rule defined above '%s'",
				    id, r->id);
		if (q->force >= 0 || q->exclude >= 0 || q->per >= 0)
			return fail(
			    L, n,
			    "'instead_of' names '%s', which is not a plain shift of weights or "
			    "scores",
			    id);
		r->instead_of[r->ninstead++] = q;
	}
	return 0;
}

/* `given` and `assumed`: lists of fields a user writes (the rule needs them written, or left
 * to their defaults). */
static int read_fields(struct loader *L, yaml_node_t *list, const char *key, int *out, int *n)
{
	if (!list)
		return 0;
	if (list->type != YAML_SEQUENCE_NODE || seq_len(list) == 0 || seq_len(list) > KB_MAX_CONDS)
		return fail(L, list, "'%s' is a list of 1 to %d profile fields", key, KB_MAX_CONDS);
	for (yaml_node_item_t *it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		yaml_node_t *g = ydoc_node(L->doc, *it);
		int f = profile_field_lookup(ydoc_scalar(g) ? ydoc_scalar(g) : "");
		if (f < 0 || profile_field((enum field)f)->type == FT_DERIVED)
			return fail(L, g, "'%s' names no profile field a user writes", key);
		out[(*n)++] = f;
	}
	return 0;
}

static int read_rule(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {
	    "id",    "when", "unless", "given",	     "assumed", "exclude",    "verdict", "weight",
	    "score", "per",  "claim",  "confidence", "says",	"instead_of", NULL};
	struct kb_rule *r = (struct kb_rule *)&L->kb->rules[i];
	const char *excl = NULL, *force = NULL, *per = NULL;
	r->exclude = r->force = r->per = -1;
	r->confidence = 1;
	r->file = ydoc_name(L->doc);
	r->line = ydoc_line(m);
	if (check_keys(L, m, "a rule", keys) || text(L, m, "id", true, &r->id) ||
	    check_id(L, m, r->id) || text(L, m, "says", true, &r->says) ||
	    text(L, m, "exclude", false, &excl) || text(L, m, "verdict", false, &force) ||
	    text(L, m, "per", false, &per))
		return -1;
	yaml_node_t *when = get(L, m, "when");
	if (!when)
		return fail(L, m, "rule '%s' has no 'when'", r->id);
	if (read_conds(L, when, "when", r->cond, &r->ncond) != 0)
		return -1;
	/* `unless`: a map, or a list of maps whose conditions all count (an anchored map shares
	 * one set of conditions among rules) */
	yaml_node_t *unless = get(L, m, "unless");
	if (unless && unless->type == YAML_SEQUENCE_NODE) {
		if (seq_len(unless) == 0)
			return fail(L, unless,
				    "'unless' is an empty list: give a map of conditions, "
				    "or a list of such maps");
		yaml_node_item_t *first = unless->data.sequence.items.start;
		for (yaml_node_item_t *it = first; it < unless->data.sequence.items.top; it++) {
			yaml_node_t *item = ydoc_node(L->doc, *it);
			/* an alias's node carries its anchor's line: name the list and the item */
			bool map = item && item->type == YAML_MAPPING_NODE;
			if (!map || item->data.mapping.pairs.top == item->data.mapping.pairs.start)
				return fail(
				    L, unless,
				    "'unless' item %d must be a map of one or more conditions, "
				    "got %s",
				    (int)(it - first) + 1, map ? "an empty map" : ydoc_kind(item));
			if (read_conds(L, item, "unless", r->unless, &r->nunless) != 0)
				return -1;
		}
	} else if (unless && read_conds(L, unless, "unless", r->unless, &r->nunless) != 0) {
		return -1;
	}
	if (read_fields(L, get(L, m, "given"), "given", r->given, &r->ngiven) != 0 ||
	    read_fields(L, get(L, m, "assumed"), "assumed", r->assumed, &r->nassumed) != 0)
		return -1;
	yaml_node_t *conf = get(L, m, "confidence");
	if (conf && unit_score(L, conf, "confidence", &r->confidence) != 0)
		return -1;
	if (conf && r->confidence <= 0)
		return fail(L, conf, "a rule's confidence is above 0 and at most 1");
	r->claim = claim_ref(L, m, "claim", true);
	if (!r->claim)
		return -1;
	if (excl) {
		r->exclude = lang_parse(excl);
		if (r->exclude != LANG_GO && r->exclude != LANG_RUST)
			return fail(L, get(L, m, "exclude"), "exclude must be go or rust, got '%s'",
				    excl);
	}
	if (force) {
		r->force = verdict_parse(force);
		if (r->force != VERDICT_PYTHON && r->force != VERDICT_KEEP)
			return fail(L, get(L, m, "verdict"),
				    "a rule's verdict must be python or keep, got '%s'", force);
		size_t verdicts = 1;
		for (size_t k = 0; k < i; k++)
			verdicts += L->kb->rules[k].force >= 0;
		if (verdicts > KB_MAX_VERDICT_RULES)
			return fail(L, get(L, m, "verdict"),
				    "more than %d rules decide a verdict outright",
				    KB_MAX_VERDICT_RULES);
	}
	if (per) {
		r->per = profile_field_lookup(per);
		if (r->per < 0 || profile_field((enum field)r->per)->type == FT_ENUM ||
		    profile_field((enum field)r->per)->type == FT_BOOL)
			return fail(L, get(L, m, "per"),
				    "'per' must name a numeric field, got '%s'", per);
	}
	yaml_node_t *w = get(L, m, "weight"), *s = get(L, m, "score");
	if (w && read_criterion_map(L, w, "weight", r->weight, false) != 0)
		return -1;
	if (s && read_score_deltas(L, s, r->score) != 0)
		return -1;
	if (!excl && !force && !w && !s)
		return fail(L, m, "rule '%s' has no effect (exclude, verdict, weight or score)",
			    r->id);
	if (rule_above(L, i, r->id))
		return fail(L, m, "duplicate rule id '%s'", r->id);
	yaml_node_t *instead = get(L, m, "instead_of");
	if (instead && read_instead_of(L, instead, i, r) != 0)
		return -1;
	return check_template(L, m, "says", r->says);
}

static int read_conflict(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"topic", "claims", "note", NULL};
	struct kb_conflict *c = (struct kb_conflict *)&L->kb->conflicts[i];
	if (check_keys(L, m, "a conflict", keys) || text(L, m, "topic", true, &c->topic) ||
	    text(L, m, "note", true, &c->note))
		return -1;
	yaml_node_t *list = get(L, m, "claims");
	if (!list || list->type != YAML_SEQUENCE_NODE || seq_len(list) < 2)
		return fail(L, list ? list : m,
			    "a conflict needs 'claims': a list of at least two");
	return claim_list(L, list, "conflict", &c->claims, &c->nclaims);
}

static int read_case(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"id", "who", "what", "lang", "claims", "url", NULL};
	struct kb_case *c = (struct kb_case *)&L->kb->cases[i];
	const char *lang = NULL;
	if (check_keys(L, m, "a case study", keys) || text(L, m, "id", true, &c->id) ||
	    check_id(L, m, c->id) || text(L, m, "who", true, &c->who) ||
	    text(L, m, "what", true, &c->what) || text(L, m, "lang", true, &lang) ||
	    text(L, m, "url", false, &c->url))
		return -1;
	int l = lang_parse(lang);
	if (l < 0)
		return fail(L, get(L, m, "lang"),
			    "unknown lang '%s' (go | rust | python | both | none)", lang);
	c->lang = (enum lang)l;
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->cases[j].id, c->id) == 0)
			return fail(L, m, "duplicate case study '%s'", c->id);
	yaml_node_t *list = get(L, m, "claims");
	if (!list || list->type != YAML_SEQUENCE_NODE || seq_len(list) < 1)
		return fail(L, list ? list : m, "a case study needs 'claims': its figures");
	return claim_list(L, list, "case study", &c->claims, &c->nclaims);
}

static int read_faq(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"id", "question", "claims", "ask", NULL};
	static const char *const ask_keys[] = {"building", "team", "constraint", NULL};
	struct kb_faq *q = (struct kb_faq *)&L->kb->faqs[i];
	if (check_keys(L, m, "a question", keys) || text(L, m, "id", true, &q->id) ||
	    check_id(L, m, q->id) || text(L, m, "question", true, &q->question))
		return -1;
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->faqs[j].id, q->id) == 0)
			return fail(L, m, "duplicate question '%s'", q->id);
	yaml_node_t *ask = get(L, m, "ask");
	if (ask) {
		if (check_keys(L, ask, "ask", ask_keys) ||
		    text(L, ask, "building", true, &q->ask_building) ||
		    text(L, ask, "team", false, &q->ask_team) ||
		    text(L, ask, "constraint", false, &q->ask_constraint))
			return -1;
		if (!kb_kind(L->kb, q->ask_building))
			return fail(L, get(L, ask, "building"), "ask: unknown kind '%s'",
				    q->ask_building);
		if (q->ask_team && !kb_preset(L->kb, "team", q->ask_team))
			return fail(L, get(L, ask, "team"), "ask: unknown team answer '%s'",
				    q->ask_team);
		if (q->ask_constraint && !kb_preset(L->kb, "constraint", q->ask_constraint))
			return fail(L, get(L, ask, "constraint"),
				    "ask: unknown constraint answer '%s'", q->ask_constraint);
	}
	yaml_node_t *list = get(L, m, "claims");
	if (!list || list->type != YAML_SEQUENCE_NODE || seq_len(list) < 1)
		return fail(L, list ? list : m, "a question needs 'claims': its answer");
	return claim_list(L, list, "question", &q->claims, &q->nclaims);
}

static int read_measure(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"id",   "name",	"unit",	      "better", "criterion",
					   "from", "published", "elasticity", "note",	NULL};
	struct kb_measure *me = (struct kb_measure *)&L->kb->measures[i];
	const char *better, *criterion;
	if (check_keys(L, m, "a measure", keys) || text(L, m, "id", true, &me->id) ||
	    check_id(L, m, me->id) || text(L, m, "name", true, &me->name) ||
	    text(L, m, "unit", true, &me->unit) || text(L, m, "better", true, &better) ||
	    text(L, m, "criterion", false, &criterion) || text(L, m, "note", false, &me->note))
		return -1;
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->measures[j].id, me->id) == 0)
			return fail(L, m, "duplicate measure id '%s'", me->id);
	if (strcmp(better, "lower") != 0 && strcmp(better, "higher") != 0)
		return fail(L, get(L, m, "better"), "'better' must be lower or higher, got '%s'",
			    better);
	me->higher_better = better[0] == 'h';
	me->criterion = -1;
	if (criterion) {
		me->criterion = kb_criterion_index(L->kb, criterion);
		if (me->criterion < 0)
			return fail(L, get(L, m, "criterion"), "unknown criterion '%s'", criterion);
	}
	yaml_node_t *list = get(L, m, "from");
	if (!list || list->type != YAML_SEQUENCE_NODE || seq_len(list) < 1)
		return fail(L, list ? list : m, "a measure needs 'from': the claims it tests");
	if (claim_list(L, list, "measure", &me->from, &me->nfrom) != 0)
		return -1;
	yaml_node_t *pub = get(L, m, "published");
	if (pub) {
		if (pub->type != YAML_SEQUENCE_NODE || seq_len(pub) != 2)
			return fail(L, pub, "'published' must be [low, high], got %s",
				    ydoc_kind(pub));
		yaml_node_item_t *it = pub->data.sequence.items.start;
		if (number(L, ydoc_node(L->doc, it[0]), "published low", &me->published.low) ||
		    number(L, ydoc_node(L->doc, it[1]), "published high", &me->published.high))
			return -1;
		if (!(me->published.low > 0) || me->published.high < me->published.low)
			return fail(L, pub, "'published' must be 0 < low <= high");
		me->has_published = true;
	}
	yaml_node_t *el = get(L, m, "elasticity");
	if (el) {
		if (number(L, el, "elasticity", &me->elasticity) != 0)
			return -1;
		if (!(me->elasticity > 0) || me->elasticity > 5)
			return fail(L, el, "elasticity must be above 0 and at most 5, got %s",
				    ydoc_scalar(el));
	}
	if (me->criterion >= 0 && !me->has_published && !el)
		return fail(L, m,
			    "measure '%s' drives a criterion: it needs 'published' (to calibrate) "
			    "or 'elasticity'",
			    me->id);
	return 0;
}

/* --- verdict scan: the dependency table and its settings -------------------------------------- */

/* A list of non-empty strings into an arena array; `what` names it in messages. */
static int string_list(struct loader *L, yaml_node_t *list, const char *what, const char ***out,
		       size_t *n)
{
	if (list->type != YAML_SEQUENCE_NODE || seq_len(list) == 0)
		return fail(L, list, "'%s' must be a non-empty list", what);
	*out = alloc(L, seq_len(list), sizeof **out);
	*n = 0;
	if (!*out)
		return -1;
	for (yaml_node_item_t *it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		yaml_node_t *node = ydoc_node(L->doc, *it);
		const char *s = ydoc_scalar(node);
		if (!s || !*s)
			return fail(L, node, "'%s' holds text, got %s", what, ydoc_kind(node));
		if (!((*out)[(*n)++] = arena_strdup(L->kb->arena, s)))
			return err_internal(L->e, "out of memory");
	}
	return 0;
}

static int read_dep_when(struct loader *L, yaml_node_t *when, struct kb_dep_rule *r)
{
	static const char *const keys[] = {"go",   "rust", "node",     "python",
					   "fact", "file", "contains", NULL};
	if (check_keys(L, when, "when", keys) != 0)
		return -1;
	for (int eco = 0; eco < KB_DEP_ECOS; eco++) {
		const char *name = manifest_eco_name((enum scan_eco)eco);
		yaml_node_t *v = get(L, when, name);
		if (v && string_list(L, v, name, &r->names[eco], &r->nnames[eco]) != 0)
			return -1;
		for (size_t i = 0; i < r->nnames[eco]; i++) {
			const char *star = strchr(r->names[eco][i], '*');
			if (star && star[1] != '\0')
				return fail(L, v, "'%s': '*' may only end a pattern",
					    r->names[eco][i]);
		}
	}
	yaml_node_t *v = get(L, when, "fact");
	if (v && string_list(L, v, "fact", &r->facts, &r->nfacts) != 0)
		return -1;
	for (size_t i = 0; i < r->nfacts; i++) {
		size_t k = 0;
		while (manifest_facts[k] && strcmp(manifest_facts[k], r->facts[i]) != 0)
			k++;
		if (!manifest_facts[k])
			return fail(L, v, "unknown fact '%s'", r->facts[i]);
	}
	v = get(L, when, "file");
	if (v && string_list(L, v, "file", &r->files, &r->nfiles) != 0)
		return -1;
	if (text(L, when, "contains", false, &r->contains) != 0)
		return -1;
	if (r->contains && !r->nfiles)
		return fail(L, when, "'contains' needs 'file': the files that must contain it");
	size_t any = r->nfacts + r->nfiles;
	for (int eco = 0; eco < KB_DEP_ECOS; eco++)
		any += r->nnames[eco];
	return any ? 0 : fail(L, when, "'when' names nothing to match");
}

static int read_dep_rule(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"id", "when", "sets", "family", "claim", NULL};
	struct kb_dep_rule *r = (struct kb_dep_rule *)&L->kb->dep_rules[i];
	r->file = ydoc_name(L->doc);
	r->line = ydoc_line(m);
	if (check_keys(L, m, "a dependency entry", keys) || text(L, m, "id", true, &r->id) ||
	    check_id(L, m, r->id) || text(L, m, "family", false, &r->family))
		return -1;
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->dep_rules[j].id, r->id) == 0)
			return fail(L, m, "duplicate dependency entry '%s'", r->id);
	yaml_node_t *when = get(L, m, "when");
	if (!when)
		return fail(L, m, "dependency entry '%s' has no 'when'", r->id);
	if (read_dep_when(L, when, r) != 0)
		return -1;
	yaml_node_t *sets = get(L, m, "sets");
	if (sets) {
		if (ydoc_check_mapping(L->doc, sets, "sets", L->e) != 0)
			return -1;
		for (yaml_node_pair_t *p = sets->data.mapping.pairs.start;
		     p < sets->data.mapping.pairs.top; p++) {
			yaml_node_t *k = ydoc_node(L->doc, p->key),
				    *v = ydoc_node(L->doc, p->value);
			int f = profile_field_lookup(ydoc_scalar(k));
			if (f < 0 || profile_field((enum field)f)->type != FT_ENUM)
				return fail(L, k, "'%s' is not a profile field with named values",
					    ydoc_scalar(k));
			if (r->nsets == KB_MAX_DEP_SETS)
				return fail(L, k, "more than %d fields set", KB_MAX_DEP_SETS);
			const char *s = ydoc_scalar(v);
			int val = s ? profile_enum_index((enum field)f, s) : -1;
			if (val < 0)
				return fail(L, v, "'%s' is not a value of '%s'", s ? s : "?",
					    ydoc_scalar(k));
			r->set_field[r->nsets] = f;
			r->set_value[r->nsets++] = val;
		}
	}
	if (!r->nsets && !r->family)
		return fail(L, m, "dependency entry '%s' sets nothing and names no family", r->id);
	r->claim = claim_ref(L, m, "claim", true);
	return r->claim ? 0 : -1;
}

static int read_scan(struct loader *L)
{
	static const char *const keys[] = {"significant_share", "bots", NULL};
	struct kb_scan *sc = &L->kb->scan;
	sc->significant_share = 0.2;
	for (size_t i = 0; i < L->nparts[SEC_SCAN]; i++) {
		L->doc = L->parts[SEC_SCAN][i].doc;
		yaml_node_t *m = L->parts[SEC_SCAN][i].node;
		if (check_keys(L, m, "scan", keys) != 0)
			return -1;
		yaml_node_t *v = get(L, m, "significant_share");
		if (v && unit_score(L, v, "significant_share", &sc->significant_share) != 0)
			return -1;
		if (sc->significant_share < 0)
			return fail(L, v, "significant_share is a fraction from 0 to 1");
		v = get(L, m, "bots");
		if (v && string_list(L, v, "bots", &sc->bots, &sc->nbots) != 0)
			return -1;
	}
	return 0;
}

size_t kb_source_count(const struct kb *kb)
{
	return kb->nsources + (kb->measured != NULL);
}

const struct kb_source *kb_source_at(const struct kb *kb, size_t i)
{
	return i < kb->nsources ? &kb->sources[i] : kb->measured;
}

const char *kb_evidence_kind(const struct kb_claim *c)
{
	return c->source->measured     ? "measured"
	       : c->source->assumption ? "assumption"
				       : "published";
}

const struct kb_measure *kb_measure(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nmeasures; i++)
		if (strcmp(kb->measures[i].id, id) == 0)
			return &kb->measures[i];
	return NULL;
}

struct label_ctx {
	const struct kb *kb;
	const struct profile *p;
};

/* A label's placeholder: a claim's figure, or a field of the profile the answer sets. */
static int label_placeholder(void *ctx, const char *name, char *out, size_t size)
{
	const struct label_ctx *c = ctx;
	if (strncmp(name, "claim:", 6) == 0) {
		const struct kb_claim *cl = placeholder_claim(c->kb, name + 6);
		return cl ? (kb_claim_figure(cl, out, size), 0) : -1;
	}
	int f = profile_field_lookup(name);
	return f >= 0 ? (profile_format(c->p, (enum field)f, out, size), 0) : -1;
}

/* Expands the template t against profile p into an arena copy at *out. */
static int fill_label(struct loader *L, yaml_node_t *map, const struct profile *p, const char *t,
		      const char **out)
{
	char buf[200];
	const char *bad = NULL;
	struct label_ctx ctx = {L->kb, p};
	if (template_expand(t, label_placeholder, &ctx, buf, sizeof buf, &bad) != 0)
		return placeholder_error(L, get(L, map, "label"), "label", bad);
	*out = arena_strdup(L->kb->arena, buf);
	return *out ? 0 : err_internal(L->e, "out of memory");
}

static int read_preset(struct loader *L, yaml_node_t *m, size_t i)
{
	static const char *const keys[] = {"question", "answer", "label", "sets", "claim", NULL};
	struct kb_preset *p = (struct kb_preset *)&L->kb->presets[i];
	const char *label = NULL;
	if (check_keys(L, m, "a quick answer", keys) ||
	    text(L, m, "question", true, &p->question) || text(L, m, "answer", true, &p->id) ||
	    text(L, m, "label", false, &label))
		return -1;
	if (strcmp(p->question, "building") != 0 && strcmp(p->question, "team") != 0 &&
	    strcmp(p->question, "constraint") != 0)
		return fail(L, get(L, m, "question"),
			    "question must be building, team or constraint, got '%s'", p->question);
	if (get(L, m, "claim")) {
		p->claim = claim_ref(L, m, "claim", true);
		if (!p->claim)
			return -1;
	}
	yaml_node_t *sets = get(L, m, "sets");
	if (!sets)
		return fail(L, m, "missing 'sets' (the profile fields this answer sets)");
	if (ydoc_check_mapping(L->doc, sets, "sets", L->e) != 0)
		return -1;
	size_t n = (size_t)(sets->data.mapping.pairs.top - sets->data.mapping.pairs.start);
	p->keys = alloc(L, n, sizeof *p->keys);
	p->values = alloc(L, n, sizeof *p->values);
	if (!p->keys || !p->values)
		return -1;
	struct profile *probe = profile_new();
	if (!probe)
		return err_internal(L->e, "out of memory");
	for (yaml_node_pair_t *q = sets->data.mapping.pairs.start; q < sets->data.mapping.pairs.top;
	     q++) {
		yaml_node_t *k = ydoc_node(L->doc, q->key), *v = ydoc_node(L->doc, q->value);
		const char *val = ydoc_scalar(v);
		/* validate through the profile's own setter, so a preset can never hold a value a
		 * profile could not */
		if (!val || profile_set(probe, ydoc_scalar(k), val, ydoc_name(L->doc), ydoc_line(k),
					L->e) != 0) {
			profile_free(probe);
			return val ? -1 : fail(L, v, "a value is expected");
		}
		p->keys[p->n] = arena_strdup(L->kb->arena, ydoc_scalar(k));
		p->values[p->n] = arena_strdup(L->kb->arena, val);
		p->n++;
	}
	/* the label's placeholders read the answer's own values: "({memory_mb} MB an instance)" */
	int rc = label ? fill_label(L, m, probe, label, &p->label) : 0;
	profile_free(probe);
	if (rc != 0)
		return -1;
	if (!p->label)
		p->label = p->id;
	for (size_t j = 0; j < i; j++)
		if (strcmp(L->kb->presets[j].question, p->question) == 0 &&
		    strcmp(L->kb->presets[j].id, p->id) == 0)
			return fail(L, m, "duplicate quick answer '%s'", p->id);
	return 0;
}

/* learn: {criteria: [...], goals: [...], backgrounds: [...]} */
static int learn_criterion_index(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nlearn_criteria; i++)
		if (strcmp(kb->learn_criteria[i].id, id) == 0)
			return (int)i;
	return -1;
}

static int read_learn_map(struct loader *L, yaml_node_t *v, const char *what, double *out,
			  bool scores)
{
	if (ydoc_check_mapping(L->doc, v, what, L->e) != 0)
		return -1;
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_node(L->doc, p->key);
		int ci = learn_criterion_index(L->kb, ydoc_scalar(k));
		if (ci < 0)
			return fail(L, k, "unknown learn criterion '%s' in %s", ydoc_scalar(k),
				    what);
		yaml_node_t *n = ydoc_node(L->doc, p->value);
		if ((scores ? unit_score(L, n, what, &out[ci]) : number(L, n, what, &out[ci])) != 0)
			return -1;
	}
	return 0;
}

static int read_learn(struct loader *L)
{
	static const char *const keys[] = {"criteria", "goals", "backgrounds", NULL};
	static const char *const ckeys[] = {"id",	 "name",	"score", "claim",
					    "go_reason", "rust_reason", NULL};
	static const char *const gkeys[] = {"id", "weights", "claim", "says", NULL};
	static const char *const bkeys[] = {"id", "score", "exclude", "claim", "says", NULL};
	struct kb *kb = L->kb;
	if (L->nparts[SEC_LEARN] == 0)
		return err_input(L->e, NULL, 0, "knowledge base: no 'learn' section");
	if (L->nparts[SEC_LEARN] > 1)
		return err_input(L->e, NULL, 0, "knowledge base: more than one 'learn' section");
	L->doc = L->parts[SEC_LEARN][0].doc;
	yaml_node_t *m = L->parts[SEC_LEARN][0].node;
	if (check_keys(L, m, "learn", keys) != 0)
		return -1;
	yaml_node_t *crit = get(L, m, "criteria"), *goals = get(L, m, "goals"),
		    *bgs = get(L, m, "backgrounds");
	if (!crit || !goals || !bgs || crit->type != YAML_SEQUENCE_NODE ||
	    goals->type != YAML_SEQUENCE_NODE || bgs->type != YAML_SEQUENCE_NODE)
		return fail(L, m, "learn needs lists 'criteria', 'goals' and 'backgrounds'");
	if (seq_len(crit) > KB_MAX_CRITERIA)
		return fail(L, crit, "too many learn criteria");
	struct kb_learn_criterion *lc = alloc(L, seq_len(crit), sizeof *lc);
	struct kb_learn_case *lg = alloc(L, seq_len(goals), sizeof *lg);
	struct kb_learn_case *lb = alloc(L, seq_len(bgs), sizeof *lb);
	if (!lc || !lg || !lb)
		return -1;
	kb->learn_criteria = lc;
	kb->learn_goals = lg;
	kb->learn_backgrounds = lb;
	for (yaml_node_item_t *it = crit->data.sequence.items.start;
	     it < crit->data.sequence.items.top; it++) {
		yaml_node_t *n = ydoc_node(L->doc, *it);
		struct kb_learn_criterion *c = &lc[kb->nlearn_criteria];
		if (check_keys(L, n, "a learn criterion", ckeys) ||
		    text(L, n, "id", true, &c->id) || text(L, n, "name", true, &c->name) ||
		    read_lang_scores(L, n, "score", c->score, true) ||
		    text(L, n, "go_reason", true, &c->reason[LANG_GO]) ||
		    text(L, n, "rust_reason", true, &c->reason[LANG_RUST]))
			return -1;
		c->claim = claim_ref(L, n, "claim", true);
		if (!c->claim)
			return -1;
		kb->nlearn_criteria++;
	}
	for (yaml_node_item_t *it = goals->data.sequence.items.start;
	     it < goals->data.sequence.items.top; it++) {
		yaml_node_t *n = ydoc_node(L->doc, *it);
		struct kb_learn_case *g = &lg[kb->nlearn_goals];
		g->exclude = -1;
		if (check_keys(L, n, "a learn goal", gkeys) || text(L, n, "id", true, &g->id) ||
		    text(L, n, "says", true, &g->says))
			return -1;
		yaml_node_t *w = get(L, n, "weights");
		if (!w)
			return fail(L, n, "goal '%s' has no weights", g->id);
		if (read_learn_map(L, w, "weights", g->weight, false) != 0)
			return -1;
		g->claim = claim_ref(L, n, "claim", true);
		if (!g->claim)
			return -1;
		kb->nlearn_goals++;
	}
	for (yaml_node_item_t *it = bgs->data.sequence.items.start;
	     it < bgs->data.sequence.items.top; it++) {
		yaml_node_t *n = ydoc_node(L->doc, *it);
		struct kb_learn_case *b = &lb[kb->nlearn_backgrounds];
		const char *excl = NULL;
		b->exclude = -1;
		if (check_keys(L, n, "a learn background", bkeys) ||
		    text(L, n, "id", true, &b->id) || text(L, n, "says", true, &b->says) ||
		    text(L, n, "exclude", false, &excl))
			return -1;
		if (excl) {
			b->exclude = lang_parse(excl);
			if (b->exclude != LANG_GO && b->exclude != LANG_RUST)
				return fail(L, get(L, n, "exclude"), "exclude must be go or rust");
		}
		yaml_node_t *s = get(L, n, "score");
		if (s) {
			static const char *const lk[] = {"go", "rust", NULL};
			if (check_keys(L, s, "score", lk) != 0)
				return -1;
			for (int l = 0; l < LANG_SCORED; l++) {
				yaml_node_t *x = get(L, s, lang_name((enum lang)l));
				if (x && read_learn_map(L, x, "score", b->score[l], true) != 0)
					return -1;
			}
		}
		b->claim = claim_ref(L, n, "claim", true);
		if (!b->claim)
			return -1;
		kb->nlearn_backgrounds++;
	}
	return 0;
}

/* --- the cost model -------------------------------------------------------------------------- */

/* A claim reference whose unit must start with `unit` (NULL: any unit, but a figure). */
static const struct kb_claim *model_claim(struct loader *L, yaml_node_t *n, const char *what,
					  const char *unit)
{
	const char *id = ydoc_scalar(n);
	const struct kb_claim *c = id ? kb_claim(L->kb, id) : NULL;
	if (!c) {
		fail(L, n, "cost_model.%s names no known claim: '%s'", what,
		     id ? id : ydoc_kind(n));
		return NULL;
	}
	if (!c->has_value) {
		fail(L, n, "cost_model.%s: claim '%s' has no figure", what, id);
		return NULL;
	}
	if (unit && strncmp(c->unit, unit, strlen(unit)) != 0) {
		fail(L, n, "cost_model.%s: claim '%s' is in '%s', expected '%s'", what, id, c->unit,
		     unit);
		return NULL;
	}
	return c;
}

static int model_pair(struct loader *L, yaml_node_t *m, const char *key,
		      const struct kb_claim **out, const char *unit)
{
	static const char *const keys[] = {"go", "rust", NULL};
	yaml_node_t *v = get(L, m, key);
	if (!v)
		return fail(L, m, "cost_model needs '%s': {go: CLAIM, rust: CLAIM}", key);
	if (check_keys(L, v, key, keys) != 0)
		return -1;
	for (int l = 0; l < LANG_SCORED; l++) {
		yaml_node_t *n = get(L, v, lang_name((enum lang)l));
		if (!n)
			return fail(L, v, "cost_model.%s needs a claim for %s", key,
				    lang_name((enum lang)l));
		out[l] = model_claim(L, n, key, unit);
		if (!out[l])
			return -1;
	}
	return 0;
}

static int model_one(struct loader *L, yaml_node_t *m, const char *key, const struct kb_claim **out,
		     const char *unit)
{
	yaml_node_t *v = get(L, m, key);
	if (!v)
		return fail(L, m, "cost_model needs '%s'", key);
	*out = model_claim(L, v, key, unit);
	return *out ? 0 : -1;
}

static bool ramp_unit(const struct kb_claim *c)
{
	return strcmp(c->unit, "days") == 0 || strcmp(c->unit, "weeks") == 0 ||
	       strcmp(c->unit, "months") == 0;
}

static int read_cost_model(struct loader *L)
{
	static const char *const keys[] = {
	    "build_seconds",	"build_seconds_typical", "salary_premium", "ramp",
	    "ramp_output_lost", "engineer_hour",	 "ci_minute",	   "memory_gb_month",
	    "working_days",	"hours_per_month",	 "memory_ratio",   NULL};
	struct kb_cost_model *cm = &L->kb->cost_model;
	if (L->nparts[SEC_COST_MODEL] == 0)
		return 0; /* costs are then unavailable; cost_estimate says so */
	if (L->nparts[SEC_COST_MODEL] > 1)
		return err_input(L->e, NULL, 0,
				 "knowledge base: more than one 'cost_model' section");
	L->doc = L->parts[SEC_COST_MODEL][0].doc;
	yaml_node_t *m = L->parts[SEC_COST_MODEL][0].node;
	if (check_keys(L, m, "cost_model", keys) ||
	    model_pair(L, m, "build_seconds", cm->build_seconds, "s") ||
	    model_pair(L, m, "build_seconds_typical", cm->build_seconds_typical, "s") ||
	    model_one(L, m, "salary_premium", &cm->salary_premium, "USD/year") ||
	    model_pair(L, m, "ramp", cm->ramp, NULL) ||
	    model_one(L, m, "ramp_output_lost", &cm->ramp_output_lost, "fraction") ||
	    model_one(L, m, "engineer_hour", &cm->engineer_hour, "USD/hour") ||
	    model_one(L, m, "ci_minute", &cm->ci_minute, "USD/minute") ||
	    model_one(L, m, "memory_gb_month", &cm->memory_gb_month, "USD/GB-month") ||
	    model_one(L, m, "working_days", &cm->working_days, "days/year") ||
	    model_one(L, m, "hours_per_month", &cm->hours_per_month, "hours/month"))
		return -1;
	for (int l = 0; l < LANG_SCORED; l++)
		if (!ramp_unit(cm->ramp[l]))
			return fail(L, get(L, m, "ramp"),
				    "cost_model.ramp: claim '%s' must be in days, "
				    "weeks or months",
				    cm->ramp[l]->id);
	if (cm->ramp_output_lost->high > 1)
		return fail(L, get(L, m, "ramp_output_lost"),
			    "ramp_output_lost is a fraction <= 1");
	yaml_node_t *r = get(L, m, "memory_ratio");
	if (!r || r->type != YAML_SEQUENCE_NODE || seq_len(r) == 0 || seq_len(r) > KB_MAX_RATIOS)
		return fail(L, r ? r : m, "cost_model.memory_ratio must list 1 to %d sources",
			    KB_MAX_RATIOS);
	for (yaml_node_item_t *it = r->data.sequence.items.start; it < r->data.sequence.items.top;
	     it++) {
		yaml_node_t *n = ydoc_node(L->doc, *it);
		unsigned long *kinds = &cm->memory_ratio_kinds[cm->nmemory_ratio];
		const struct kb_claim **slot = cm->memory_ratio[cm->nmemory_ratio++];
		if (n->type == YAML_MAPPING_NODE) { /* {ratio: ..., kinds: [k8s-operator]} */
			static const char *const entry_keys[] = {"ratio", "kinds", NULL};
			yaml_node_t *kl = get(L, n, "kinds");
			if (check_keys(L, n, "a memory ratio", entry_keys) != 0)
				return -1;
			if (!kl || kl->type != YAML_SEQUENCE_NODE || seq_len(kl) == 0 ||
			    !get(L, n, "ratio"))
				return fail(L, n,
					    "a memory ratio entry is {ratio: ..., kinds: [...]}");
			for (yaml_node_item_t *k = kl->data.sequence.items.start;
			     k < kl->data.sequence.items.top; k++) {
				const char *kind = ydoc_scalar(ydoc_node(L->doc, *k));
				int ki = kind ? profile_enum_index(F_BUILDING, kind) : -1;
				if (ki < 0 || ki >= (int)(8 * sizeof *kinds))
					return fail(L, kl, "'%s' is not a kind of project",
						    kind ? kind : "?");
				*kinds |= 1ul << ki;
			}
			n = get(L, n, "ratio");
		}
		if (n->type == YAML_SEQUENCE_NODE) {
			if (seq_len(n) != 2)
				return fail(L, n, "a memory pair is [rust claim, go claim]");
			slot[0] = model_claim(L, ydoc_node(L->doc, n->data.sequence.items.start[0]),
					      "memory_ratio", "MB");
			slot[1] =
			    slot[0]
				? model_claim(L, ydoc_node(L->doc, n->data.sequence.items.start[1]),
					      "memory_ratio", "MB")
				: NULL;
			if (!slot[1])
				return -1;
		} else {
			slot[0] = model_claim(L, n, "memory_ratio", NULL);
			if (!slot[0])
				return -1;
			if (strcmp(slot[0]->unit, "x less memory") != 0 &&
			    strcmp(slot[0]->unit, "% less memory") != 0)
				return fail(L, n,
					    "cost_model.memory_ratio: claim '%s' must be in 'x "
					    "less memory' or '%% less memory'",
					    slot[0]->id);
		}
	}
	cm->loaded = true;
	return 0;
}

/* --- whole-KB checks -------------------------------------------------------------------------- */

static int check_complete(struct loader *L)
{
	struct kb *kb = L->kb;
	if (kb->nsources == 0 || kb->nclaims == 0 || kb->ncriteria == 0 || kb->nkinds == 0)
		return err_input(
		    L->e, NULL, 0,
		    "knowledge base: sources, claims, criteria and kinds are all required");
	const struct field_info *b = profile_field(F_BUILDING);
	for (size_t i = 0; b->values[i]; i++)
		if (!kb_kind(kb, b->values[i]))
			return err_input(L->e, NULL, 0, "knowledge base: no kind for building '%s'",
					 b->values[i]);
	const struct field_info *bg = profile_field(F_TEAM_BACKGROUND);
	for (size_t i = 0; bg->values[i]; i++) {
		size_t j = 0;
		while (j < kb->nlearn_backgrounds &&
		       strcmp(kb->learn_backgrounds[j].id, bg->values[i]))
			j++;
		if (j == kb->nlearn_backgrounds && strcmp(bg->values[i], "mixed") != 0)
			return err_input(L->e, NULL, 0,
					 "knowledge base: learn has no background '%s'",
					 bg->values[i]);
	}
	return 0;
}

/* FNV-1a over each file's name, a NUL and its bytes. It starts from a basis short of FNV's by its
 * last digit, as it always has: every KB version written so far (in ADRs, JSON, the lab's
 * history) stays the same. */
static void version_hash(struct kb *kb, const char *const *names, const char *const *bufs,
			 const size_t *lens, size_t n)
{
	uint64_t h = UINT64_C(1469598103934665603);
	for (size_t i = 0; i < n; i++) {
		const char *base = strrchr(names[i], '/');
		base = base ? base + 1 : names[i];
		h = hash_bytes(hash_string(h, base), "", 1);
		h = hash_bytes(h, bufs[i], lens[i]);
	}
	snprintf(kb->version, sizeof kb->version, "%016llx", (unsigned long long)h);
}

static int build(struct loader *L)
{
	struct kb *kb = L->kb;
	size_t n;
	if (read_engine(L) != 0)
		return -1;
#define SECTION(sec, field, count, fn)                                                             \
	if (count_items(L, sec, &n) != 0)                                                          \
		return -1;                                                                         \
	kb->field = alloc(L, n, sizeof *kb->field);                                                \
	if (!kb->field)                                                                            \
		return -1;                                                                         \
	kb->count = n;                                                                             \
	if (each_item(L, sec, fn) != 0)                                                            \
		return -1;
	SECTION(SEC_SOURCES, sources, nsources, read_source)
	if (count_items(L, SEC_CRITERIA, &n) != 0)
		return -1;
	if (n > KB_MAX_CRITERIA)
		return err_input(L->e, NULL, 0, "knowledge base: more than %d criteria",
				 KB_MAX_CRITERIA);
	SECTION(SEC_CRITERIA, criteria, ncriteria, read_criterion)
	SECTION(SEC_CLAIMS, claims, nclaims, read_claim)
	if (each_item(L, SEC_CRITERIA, link_criterion) != 0 || link_engine(L) != 0)
		return -1;
	SECTION(SEC_KINDS, kinds, nkinds, read_kind)
	SECTION(SEC_RULES, rules, nrules, read_rule)
	SECTION(SEC_CONFLICTS, conflicts, nconflicts, read_conflict)
	SECTION(SEC_QUICK, presets, npresets, read_preset)
	SECTION(SEC_MEASURES, measures, nmeasures, read_measure)
	SECTION(SEC_DEPENDENCIES, dep_rules, ndep_rules, read_dep_rule)
	SECTION(SEC_CASES, cases, ncases, read_case)
	SECTION(SEC_FAQ, faqs, nfaqs, read_faq)
#undef SECTION
	if (read_learn(L) != 0 || read_cost_model(L) != 0 || read_scan(L) != 0)
		return -1;
	return check_complete(L);
}

struct kb *kb_load_buffers(const char *const *names, const char *const *bufs, const size_t *lens,
			   size_t n, struct err *e)
{
	if (n > KB_MAX_FILES) {
		err_input(e, NULL, 0, "knowledge base: more than %d files", KB_MAX_FILES);
		return NULL;
	}
	struct loader *L = calloc(1, sizeof *L);
	struct kb *kb = calloc(1, sizeof *kb);
	struct ydoc *docs[KB_MAX_FILES] = {0};
	int rc = -1;
	if (!L || !kb || !(kb->arena = arena_new())) {
		err_internal(e, "out of memory");
		goto done;
	}
	L->kb = kb;
	L->e = e;
	for (size_t i = 0; i < n; i++) {
		if (lens[i] > KB_MAX_FILE_BYTES) {
			err_input(e, names[i], 0, "file is larger than %u bytes",
				  KB_MAX_FILE_BYTES);
			goto done;
		}
		/* the name lives as long as the KB: claims and rules keep it for messages */
		const char *name = arena_strdup(kb->arena, names[i]);
		if (!name) {
			err_internal(e, "out of memory");
			goto done;
		}
		docs[i] = ydoc_load_buffer(name, bufs[i], lens[i], e);
		if (!docs[i])
			goto done;
		L->doc = docs[i];
		yaml_node_t *root = ydoc_root(docs[i]);
		if (ydoc_check_mapping(docs[i], root, "a knowledge-base file", e) != 0)
			goto done;
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
		     p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *k = ydoc_node(docs[i], p->key);
			int s = 0;
			while (s < SEC_COUNT && strcmp(section_names[s], ydoc_scalar(k)) != 0)
				s++;
			if (s == SEC_COUNT) {
				fail(L, k,
				     "unknown section '%s' (engine, sources, criteria, claims, "
				     "kinds, rules, conflicts, quick, learn, cost_model, measures, "
				     "dependencies, scan, cases, faq)",
				     ydoc_scalar(k));
				goto done;
			}
			L->parts[s][L->nparts[s]].doc = docs[i];
			L->parts[s][L->nparts[s]].node = ydoc_node(docs[i], p->value);
			L->nparts[s]++;
		}
	}
	rc = build(L);
	if (rc == 0)
		version_hash(kb, names, bufs, lens, n);
done:
	for (size_t i = 0; i < n && i < KB_MAX_FILES; i++)
		ydoc_free(docs[i]);
	free(L);
	if (rc != 0) {
		kb_free(kb);
		return NULL;
	}
	return kb;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct kb *kb_load(const char *dir, struct err *e)
{
	const char *names[KB_MAX_FILES], *bufs[KB_MAX_FILES];
	size_t lens[KB_MAX_FILES];
	char labels[KB_MAX_FILES][80];
	if (!dir) {
		size_t n = kb_embedded_count < KB_MAX_FILES ? kb_embedded_count : KB_MAX_FILES;
		for (size_t i = 0; i < n; i++) {
			snprintf(labels[i], sizeof labels[i], "data/kb/%s",
				 kb_embedded_files[i].name);
			names[i] = labels[i];
			bufs[i] = kb_embedded_files[i].data;
			lens[i] = kb_embedded_files[i].len;
		}
		return kb_load_buffers(names, bufs, lens, n, e);
	}
	DIR *d = opendir(dir);
	if (!d) {
		err_input(e, dir, 0, "cannot open the knowledge-base directory: %s",
			  strerror(errno));
		return NULL;
	}
	char *paths[KB_MAX_FILES];
	size_t n = 0;
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL) {
		size_t len = strlen(ent->d_name);
		if (len < 6 || strcmp(ent->d_name + len - 5, ".yaml") != 0 || ent->d_name[0] == '.')
			continue;
		if (n == KB_MAX_FILES) {
			err_input(e, dir, 0, "more than %d .yaml files", KB_MAX_FILES);
			break;
		}
		size_t size = strlen(dir) + len + 2;
		paths[n] = malloc(size);
		if (!paths[n]) {
			err_internal(e, "out of memory");
			break;
		}
		snprintf(paths[n], size, "%s/%s", dir, ent->d_name);
		n++;
	}
	closedir(d);
	struct kb *kb = NULL;
	size_t loaded = 0;
	if (e->kind == ERR_NONE && n == 0)
		err_input(e, dir, 0, "no .yaml files in the knowledge-base directory");
	if (e->kind == ERR_NONE) {
		qsort(paths, n, sizeof *paths, by_name);
		for (; loaded < n; loaded++) {
			char *buf;
			size_t len;
			if (file_read(paths[loaded], KB_MAX_FILE_BYTES, 0, &buf, &len, e) != 0)
				break;
			names[loaded] = paths[loaded];
			bufs[loaded] = buf;
			lens[loaded] = len;
		}
		if (e->kind == ERR_NONE)
			kb = kb_load_buffers(names, bufs, lens, n, e);
	}
	for (size_t i = 0; i < loaded; i++)
		free((char *)bufs[i]);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	return kb;
}

void kb_free(struct kb *kb)
{
	if (!kb)
		return;
	arena_free(kb->arena);
	free(kb);
}
