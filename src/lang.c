/*
 * lang — names of languages and verdicts (see lang.h).
 */
#include "lang.h"

#include <stdio.h>
#include <string.h>

static const char *const lang_names[] = {"go", "rust", "python", "both", "none"};
static const char *const lang_titles[] = {"Go", "Rust", "Python", "Go and Rust", "neither"};
static const char *const verdict_names[] = {"go", "rust", "either", "python", "keep", "hybrid"};

const char *lang_name(enum lang l)
{
	return (unsigned)l < 5 ? lang_names[l] : "?";
}

const char *lang_title(enum lang l)
{
	return (unsigned)l < 5 ? lang_titles[l] : "?";
}

int lang_parse(const char *s)
{
	for (int i = 0; i < 5; i++)
		if (s && strcmp(s, lang_names[i]) == 0)
			return i;
	return -1;
}

const char *verdict_name(enum verdict_kind v)
{
	return (unsigned)v < 6 ? verdict_names[v] : "?";
}

const char *verdict_title(enum verdict_kind v)
{
	static const char *const titles[] = {"Go",    "Rust", "either", "Python", "keep what ships",
					     "hybrid"};
	return (unsigned)v < 6 ? titles[v] : "?";
}

void verdict_part_title(enum verdict_kind own, enum verdict_kind in_system, char *buf, size_t n)
{
	if (own == in_system)
		snprintf(buf, n, "%s", verdict_title(own));
	else
		snprintf(buf, n, "%s, so %s here", verdict_title(own), verdict_title(in_system));
}

const char *verdict_outcome(enum verdict_kind v)
{
	static const char *const outcomes[] = {"Go wins",
					       "Rust wins",
					       "it becomes a toss-up",
					       "Python becomes the answer",
					       "keeping what ships becomes the answer",
					       "the parts split between languages"};
	return (unsigned)v < 6 ? outcomes[v] : "the verdict changes";
}

int verdict_parse(const char *s)
{
	for (int i = 0; i < 6; i++)
		if (s && strcmp(s, verdict_names[i]) == 0)
			return i;
	return -1;
}

enum lang lang_other(enum lang l)
{
	return l == LANG_GO ? LANG_RUST : LANG_GO;
}
