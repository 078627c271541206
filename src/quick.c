/*
 * quick — answers to profile (see quick.h). Every value goes through profile_set, so an answer
 * can never produce a profile a YAML file could not.
 */
#include "quick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static int apply(const struct kb *kb, struct profile *p, const char *question, const char *answer,
		 struct err *e)
{
	const struct kb_preset *pr = kb_preset(kb, question, answer);
	if (!pr) {
		char list[256] = "";
		size_t used = 0;
		for (size_t i = 0; i < kb->npresets; i++)
			if (strcmp(kb->presets[i].question, question) == 0 && used < sizeof list) {
				int n = snprintf(list + used, sizeof list - used, "%s%s",
						 used ? ", " : "", kb->presets[i].id);
				used += n > 0 ? (size_t)n : 0;
			}
		return err_input(e, NULL, 0, "%s: unknown answer \"%.40s\" (one of: %s)", question,
				 answer, list);
	}
	for (size_t i = 0; i < pr->n; i++)
		if (profile_set(p, pr->keys[i], pr->values[i], NULL, 0, e) != 0)
			return -1;
	return 0;
}

struct profile *quick_profile(const struct kb *kb, const char *building, const char *team,
			      const char *constraint, struct err *e)
{
	struct profile *p = profile_new();
	if (!p) {
		err_internal(e, "out of memory");
		return NULL;
	}
	if (!building || !*building)
		err_input(e, NULL, 0, "say what you are building (building: KIND)");
	else if (profile_set(p, "building", building, NULL, 0, e) == 0 &&
		 apply(kb, p, "team", team ? team : "neither", e) == 0 &&
		 apply(kb, p, "constraint", constraint ? constraint : "none", e) == 0 &&
		 profile_finish(p, e) == 0)
		return p;
	profile_free(p);
	return NULL;
}

uint64_t quick_unasked(const struct kb *kb, const char *team, const char *constraint)
{
	uint64_t asked = UINT64_C(1) << F_BUILDING;
	const struct kb_preset *pr[2] = {
	    kb_preset(kb, "team", team ? team : "neither"),
	    kb_preset(kb, "constraint", constraint ? constraint : "none")};
	for (int q = 0; q < 2; q++)
		for (size_t i = 0; pr[q] && i < pr[q]->n; i++) {
			int f = profile_field_lookup(pr[q]->keys[i]);
			if (f >= 0)
				asked |= UINT64_C(1) << f;
		}
	uint64_t all = F_COUNT >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << F_COUNT) - 1;
	return all & ~asked;
}

/* The other answers, as they read after "... wins if ". */
static const struct {
	const char *question, *answer, *reads;
} answers[] = {
    {"team", "go", "your team writes Go"},
    {"team", "rust", "your team writes Rust"},
    {"team", "both", "your team writes both Go and Rust"},
    {"team", "neither", "your team writes neither yet"},
    {"constraint", "none", "nothing is a hard constraint"},
    {"constraint", "ship-fast", "shipping fast is your hardest constraint"},
    {"constraint", "latency", "latency (p99 under 5 ms) is your hardest constraint"},
    {"constraint", "memory", "a tight memory budget is your hardest constraint"},
    {"constraint", "safety", "safety on untrusted input is your hardest constraint"},
};

int quick_flips(const struct kb *kb, const char *building, const char *team, const char *constraint,
		struct decision *d, struct err *e)
{
	struct flip found[sizeof answers / sizeof answers[0]];
	size_t n = 0;
	team = team ? team : "neither";
	constraint = constraint ? constraint : "none";
	struct decision *alt = malloc(sizeof *alt);
	if (!alt)
		return err_internal(e, "out of memory");
	for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++) {
		bool is_team = strcmp(answers[i].question, "team") == 0;
		const char *now = is_team ? team : constraint;
		if (strcmp(answers[i].answer, now) == 0)
			continue;
		struct profile *p = quick_profile(kb, building, is_team ? answers[i].answer : team,
						  is_team ? constraint : answers[i].answer, e);
		int rc = p ? engine_decide_one(kb, p, alt, e) : -1;
		profile_free(p);
		if (rc != 0) {
			free(alt);
			return -1;
		}
		if (alt->verdict == d->verdict)
			continue;
		struct flip *f = &found[n++];
		memset(f, 0, sizeof *f);
		f->field = -1;
		f->criterion = -1;
		f->question = answers[i].question;
		f->answer = answers[i].answer;
		f->to = alt->verdict;
		f->distance = 0;
		snprintf(f->when, sizeof f->when, "%s", answers[i].reads);
		snprintf(f->text, sizeof f->text, "%s if %s", verdict_outcome(alt->verdict),
			 answers[i].reads);
	}
	free(alt);
	size_t keep = d->nflips + n > ENGINE_MAX_FLIPS ? ENGINE_MAX_FLIPS - n : d->nflips;
	memmove(d->flips + n, d->flips, keep * sizeof *d->flips);
	memcpy(d->flips, found, n * sizeof *found);
	d->nflips = keep + n;
	return (int)n;
}

int quick_decide(const struct kb *kb, const char *building, const char *team,
		 const char *constraint, const struct engine_options *o, struct verdict *v,
		 struct err *e)
{
	memset(v, 0, sizeof *v);
	struct profile *p = quick_profile(kb, building, team, constraint, e);
	int rc = p ? engine_decide(kb, p, o, v, e) : -1;
	profile_free(p);
	/* what would change it, in the terms quick asked in: the other answers */
	if (rc == 0 && quick_flips(kb, building, team, constraint, &v->overall, e) < 0)
		rc = -1;
	if (rc != 0)
		verdict_free(v);
	return rc;
}
