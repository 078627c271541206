/*
 * embedded — files compiled into the binary by tools/embed.c: the knowledge base (data/kb) and
 * the web page's assets (web/), the lab's workload sources (lab/workloads). Each set is an array of
 * {name, bytes, length}.
 */
#ifndef VERDICT_EMBEDDED_H
#define VERDICT_EMBEDDED_H

#include <stddef.h>
#include <string.h>

struct embedded_file {
	const char *name; /* file name without directory */
	const char *data; /* NUL-terminated */
	size_t len;	  /* bytes, without the NUL */
};

extern const struct embedded_file kb_embedded_files[];
extern const size_t kb_embedded_count;
extern const struct embedded_file web_embedded_files[];
extern const size_t web_embedded_count;
extern const struct embedded_file lab_embedded_files[]; /* names: paths below lab/workloads */
extern const size_t lab_embedded_count;

/* The embedded file called name in a set, or NULL. */
static inline const struct embedded_file *embedded_find(const struct embedded_file *set, size_t n,
							const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(set[i].name, name) == 0)
			return &set[i];
	return NULL;
}

#endif
