/*
 * quick — answers to profile (see quick.h). Every value goes through profile_set, so an answer
 * can never produce a profile a YAML file could not.
 */
#include "quick.h"

#include <stdio.h>
#include <string.h>

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
