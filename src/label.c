/*
 * label — readable names for the profile's values and languages (see label.h); a field's own
 * name is in profile.c's field table, with its type and range.
 */
#include "label.h"

#include <string.h>

struct value_label {
	enum field field;
	const char *value, *label;
};

/* Values whose profile spelling does not read as words; languages are in language_labels. */
static const struct value_label value_labels[] = {
    {F_STAGE, "new", "a new project"},
    {F_STAGE, "shipping", "already shipping"},
    {F_PAIN, "none", "nothing in particular"},
    {F_PAIN, "gc-pauses", "GC pauses"},
    {F_PAIN, "memory-cost", "memory cost"},
    {F_PAIN, "cpu-saturation", "CPU saturation"},
    {F_PAIN, "end-of-life", "the platform is end of life"},
    {F_PAIN, "infra-cost", "infrastructure cost"},
    {F_PAIN, "slow-delivery", "slow delivery"},
    {F_WORKLOAD, "io-bound", "I/O-bound"},
    {F_WORKLOAD, "cpu-bound", "CPU-bound"},
    {F_GC, "ok", "fine"},
    {F_GC, "avoid", "better avoided"},
    {F_KUBERNETES, "none", "not involved"},
    {F_KUBERNETES, "runs-on", "runs on it"},
    {F_KUBERNETES, "extends", "extends it (operators, controllers)"},
    {F_RUNS_ON, "our-fleet", "our servers"},
    {F_RUNS_ON, "user-machines", "users' machines"},
    {F_RUNS_ON, "mobile", "phones"},
    {F_RUNS_ON, "browser", "the browser"},
    {F_RUNS_ON, "device", "a device"},
    {F_EMBEDDED_IN, "none", "nothing: a program of its own"},
    {F_EMBEDDED_IN, "python", "a Python process"},
    {F_EMBEDDED_IN, "node", "a Node.js process"},
    {F_EMBEDDED_IN, "jvm", "the JVM"},
    {F_EMBEDDED_IN, "ruby", "a Ruby process"},
    {F_EMBEDDED_IN, "c-host", "a C or C++ host"},
    {F_EMBEDDED_IN, "mobile-app", "a mobile app"},
    {F_PROTOTYPE_GO, "none", "not tried"},
    {F_PROTOTYPE_RUST, "none", "not tried"},
    {F_TEAM_BACKGROUND, "none", "new to programming"},
};

static const char *const language_labels[][2] = {
    {"none", "none"},
    {"go", "Go"},
    {"rust", "Rust"},
    {"java", "Java"},
    {"python", "Python"},
    {"cpp", "C++"},
    {"c", "C"},
    {"node", "Node.js"},
    {"ruby", "Ruby"},
    {"jvm", "JVM"},
    {"typescript", "TypeScript"},
    {"other", "another language"},
    {"mixed", "mixed"},
};

const char *label_field(enum field f)
{
	return (unsigned)f < F_COUNT ? profile_field(f)->label : "?";
}

const char *label_language(const char *lang)
{
	for (size_t i = 0; i < sizeof language_labels / sizeof language_labels[0]; i++)
		if (strcmp(language_labels[i][0], lang) == 0)
			return language_labels[i][1];
	return lang;
}

const char *label_value(enum field f, const char *value)
{
	for (size_t i = 0; i < sizeof value_labels / sizeof value_labels[0]; i++)
		if (value_labels[i].field == f && strcmp(value_labels[i].value, value) == 0)
			return value_labels[i].label;
	if (f == F_CURRENT_LANGUAGE || f == F_TEAM_BACKGROUND)
		return label_language(value);
	return value;
}

const char *label_in_sentence(enum field f, const char *value)
{
	if (f == F_EMBEDDED_IN)
		return label_language(value);
	/* "a migration that stays in its present language" */
	if (f == F_CURRENT_LANGUAGE && strcmp(value, "other") == 0)
		return "its present language";
	return label_value(f, value);
}
