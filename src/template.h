/*
 * template — the reason texts in the KB carry placeholders: {p99_ms} is a profile field,
 * {claim:ID} is a claim's figure ("2–10 s"). One expander serves both the KB check at load
 * time (every placeholder must resolve) and the engine (fill in this profile's values).
 */
#ifndef VERDICT_TEMPLATE_H
#define VERDICT_TEMPLATE_H

#include <stddef.h>

/* Resolves one placeholder (the text between the braces) into out. Returns 0, or -1 when the
 * placeholder is unknown. */
typedef int (*template_lookup)(void *ctx, const char *name, char *out, size_t size);

/* Expands tmpl into out (always NUL-terminated, truncated to size). Returns 0, or -1 when a
 * placeholder is unknown or unterminated; *bad then points into tmpl at the offending brace. */
int template_expand(const char *tmpl, template_lookup lookup, void *ctx, char *out, size_t size,
		    const char **bad);

#endif
