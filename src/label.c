/*
 * label — readable names for the profile's fields and values (see label.h). One table each, so
 * a field added to the profile gets its label here and nowhere else.
 */
#include "label.h"

#include <string.h>

static const char *const field_labels[F_COUNT] = {
    [F_BUILDING] = "what you are building",
    [F_STAGE] = "stage",
    [F_CURRENT_LANGUAGE] = "language it is written in now",
    [F_PAIN] = "what hurts",
    [F_WORKLOAD] = "workload",
    [F_P99_MS] = "p99 target",
    [F_GC] = "garbage collector",
    [F_MEMORY_MB] = "memory per instance",
    [F_INSTANCES] = "instances",
    [F_UNTRUSTED_INPUT] = "parses untrusted input",
    [F_SECURITY_CRITICAL] = "security-critical",
    [F_KUBERNETES] = "Kubernetes",
    [F_TIME_TO_MARKET] = "time to market",
    [F_HORIZON_YEARS] = "horizon",
    [F_TEAM_SIZE] = "team size",
    [F_TEAM_KNOW_GO] = "Go-fluent engineers",
    [F_TEAM_KNOW_RUST] = "Rust-fluent engineers",
    [F_TEAM_BACKGROUND] = "team background",
    [F_TEAM_ATTRITION] = "attrition a year",
    [F_TEAM_HIRES_PER_YEAR] = "hires a year",
    [F_CI_MERGES_PER_DAY] = "merges a day",
    [F_COSTS_ENGINEER_HOUR_USD] = "engineer hour",
    [F_COSTS_CI_MINUTE_USD] = "CI minute",
    [F_COSTS_MEMORY_GB_MONTH_USD] = "memory, a GB for a month",
    [F_RUNS_ON] = "runs on",
    [F_EMBEDDED_IN] = "loaded into",
    [F_PROTOTYPE_GO] = "a Go prototype",
    [F_PROTOTYPE_RUST] = "a Rust prototype",
    [F_TEAM_GO_SHARE] = "share of Go-fluent engineers",
    [F_TEAM_RUST_SHARE] = "share of Rust-fluent engineers",
    [F_REUSES_GO] = "Go code it builds on",
    [F_REUSES_RUST] = "Rust code it builds on",
    [F_REUSES_C] = "C code it builds on",
    [F_REUSES_CPP] = "C++ code it builds on",
    [F_REUSES_PYTHON] = "Python code it builds on",
    [F_REUSES_TYPESCRIPT] = "TypeScript code it builds on",
    [F_REUSES_JAVA] = "Java code it builds on",
    [F_REUSES_OTHER] = "other code it builds on",
    [F_REUSES_ANY] = "code it builds on",
    [F_REUSES_NATIVE] = "C or C++ code it builds on",
    [F_REUSES_GC_CODE] = "garbage-collected code it builds on",
};

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
    {"typescript", "TypeScript"},
    {"other", "another language"},
    {"mixed", "mixed"},
};

const char *label_field(enum field f)
{
	if ((unsigned)f < F_COUNT && field_labels[f])
		return field_labels[f];
	return (unsigned)f < F_COUNT ? profile_field(f)->name : "?";
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
