/*
 * profile — what the user tells us about their project, parsed from YAML into a validated
 * struct with a default for every omitted field. One table (profile.c) describes every field:
 * its YAML name, type, allowed values and range; parsing, defaults, the KB's rule conditions
 * and `quick` presets all go through it, so a field is added in one place.
 */
#ifndef VERDICT_PROFILE_H
#define VERDICT_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum field {
	F_BUILDING,		     /* project kind (required) */
	F_STAGE,		     /* new | shipping */
	F_CURRENT_LANGUAGE,	     /* with stage shipping */
	F_PAIN,			     /* with stage shipping */
	F_WORKLOAD,		     /* io-bound | cpu-bound | mixed */
	F_P99_MS,		     /* latency target, ms */
	F_GC,			     /* ok | avoid | forbidden */
	F_MEMORY_MB,		     /* budget per instance */
	F_INSTANCES,		     /* instances in production */
	F_UNTRUSTED_INPUT,	     /* parses input from the outside world */
	F_SECURITY_CRITICAL,	     /* a breach is catastrophic */
	F_KUBERNETES,		     /* none | runs-on | extends */
	F_TIME_TO_MARKET,	     /* critical | normal | relaxed */
	F_HORIZON_YEARS,	     /* how long the decision must hold */
	F_TEAM_SIZE,		     /* engineers */
	F_TEAM_KNOW_GO,		     /* of whom fluent in Go */
	F_TEAM_KNOW_RUST,	     /* of whom fluent in Rust */
	F_TEAM_BACKGROUND,	     /* where the team comes from */
	F_TEAM_ATTRITION,	     /* fraction leaving per year */
	F_TEAM_HIRES_PER_YEAR,	     /* hires per year */
	F_CI_MERGES_PER_DAY,	     /* merges (CI builds) per day */
	F_COSTS_ENGINEER_HOUR_USD,   /* loaded cost of an engineer hour */
	F_COSTS_CI_MINUTE_USD,	     /* price of a CI minute */
	F_COSTS_MEMORY_GB_MONTH_USD, /* price of a GB of memory for a month */
	F_RUNS_ON,		     /* where it runs: our-fleet | user-machines | ... */
	F_EMBEDDED_IN,		     /* a host runtime it is loaded into, or none */
	F_PROTOTYPE_GO,		     /* what a Go prototype showed: none | worked | failed */
	F_PROTOTYPE_RUST,	     /* what a Rust prototype showed */
	F_TEAM_GO_SHARE,	     /* derived: know_go / size */
	F_TEAM_RUST_SHARE,	     /* derived: know_rust / size */
	F_REUSES_GO,		     /* derived from reuses: none | some | core */
	F_REUSES_RUST,		     /* derived */
	F_REUSES_C,		     /* derived */
	F_REUSES_CPP,		     /* derived */
	F_REUSES_PYTHON,	     /* derived */
	F_REUSES_TYPESCRIPT,	     /* derived */
	F_REUSES_JAVA,		     /* derived */
	F_REUSES_OTHER,		     /* derived */
	F_REUSES_ANY,		     /* derived: the largest share of any language */
	F_REUSES_NATIVE,	     /* derived: C or C++ */
	F_REUSES_GC_CODE,	     /* derived: code written for a GC runtime (python, ts, java) */
	F_REUSES_ELSEWHERE,	     /* derived: Go or Rust code where another language ships */
	F_TEAM_WRITES_CURRENT,	     /* derived: unknown | yes | no, see profile_derive */
	F_UNSAFE_EXPOSED,	     /* derived: no | yes, shipping C/C++ facing untrusted input */
	F_PROTOTYPE_REPLACEMENT,     /* derived: 0..1, the share writing a worked port's language */
	F_RUNTIME_ON_USERS,	     /* derived: 0..1, the share that could ship a single binary */
	F_BUILT_BY,		     /* derived: engineers who built what this profile describes */
	F_COUNT
};

/* The first of the reuses.LANGUAGE fields, in the order of reuse_languages (profile.c). */
#define F_REUSES_FIRST	    F_REUSES_GO
#define PROFILE_REUSE_LANGS 8

enum field_type {
	FT_ENUM,    /* one of field_info.values; stored as its index */
	FT_NUMBER,  /* a real number in [min, max] */
	FT_INT,	    /* a whole number in [min, max] */
	FT_BOOL,    /* true | false */
	FT_DERIVED, /* computed, never written in a profile (an enum when values is set) */
};

struct field_info {
	const char *name; /* as written in YAML, dotted for nested: "team.size" */
	enum field_type type;
	const char *const *values; /* FT_ENUM: NULL-terminated */
	double min, max;	   /* FT_NUMBER / FT_INT: inclusive unless min_open */
	bool min_open;		   /* true when the value must be strictly above min */
	const char *unit;	   /* for messages: "milliseconds" */
	const char *label;	   /* for people: "p99 target", "Rust-fluent engineers" */
};

#define PROFILE_MAX_COMPONENTS 32
#define PROFILE_MAX_BYTES      (1u << 20) /* 1 MiB */
#define PROFILE_NAME_MAX       64	  /* characters (UTF-8 code points), not bytes */
#define PROFILE_NAME_BYTES     (4 * PROFILE_NAME_MAX)
#define PROFILE_MAX_REUSES     16
#define PROFILE_WHAT_MAX       120 /* bytes of a reuses entry's `what` */

enum reuse_share {
	REUSE_NONE, /* not reused (only in the derived reuses.LANGUAGE fields) */
	REUSE_SOME, /* part of the project rests on it */
	REUSE_CORE, /* most of the project rests on it */
};

/* One entry of `reuses`: code or libraries the project is built on. */
struct profile_reuse {
	int language; /* index into the reuses languages: go rust c cpp python typescript java other
		       */
	char what[PROFILE_WHAT_MAX + 1]; /* quoted in reasons; "" when not given */
	enum reuse_share share;
	int line;
};

struct profile {
	char name[PROFILE_NAME_BYTES + 1]; /* UTF-8, at most PROFILE_NAME_MAX characters */
	const char *file;		   /* where it was read from (borrowed), for messages */
	int line;			   /* line of the profile (or component) start */
	double v[F_COUNT];		   /* every field's value; enums hold their index */
	int set_line[F_COUNT];	 /* line where the field was set (a component's inherited field
				  * keeps the top level's line), 0 when defaulted */
	bool given[F_COUNT];	 /* written by the user (here or inherited from the top level) */
	bool inherited[F_COUNT]; /* a component's field taken from the top level, not its own */
	struct profile_reuse reuses[PROFILE_MAX_REUSES];
	size_t nreuses;
	struct profile *components;
	size_t ncomponents;
};

/* --- the field table -------------------------------------------------------------------------- */

/* The description of field f (never NULL for f < F_COUNT). */
const struct field_info *profile_field(enum field f);

/* The field called name ("team.size"), or -1. */
int profile_field_lookup(const char *name);

/* The index of value s among field f's enum values, or -1. */
int profile_enum_index(enum field f, const char *s);

/* The text of an enum field's current value ("web-service"). */
const char *profile_enum_name(const struct profile *p, enum field f);

/* The scored language what ships is written in (LANG_GO or LANG_RUST from lang.h), or -1 when
 * nothing ships or another language does. */
int profile_ships_lang(const struct profile *p);

/* --- building profiles ------------------------------------------------------------------------ */

/* Reads and validates the profile file at path ("-": standard input). Returns a profile to free
 * with profile_free, or NULL with *e set to "FILE:LINE: what is wrong" (input errors) and nothing
 * allocated. */
struct profile *profile_load(const char *path, struct err *e);

/* Same, from memory; name labels messages and must outlive the profile. */
struct profile *profile_parse(const char *name, const char *buf, size_t len, struct err *e);

/* A profile with every field at its default and building set to kind (already validated by the
 * caller through profile_set). Returns NULL when out of memory. */
struct profile *profile_new(void);

/* Sets the field called name from text, as if written in YAML at file:line (file may be NULL).
 * Returns 0, or -1 with *e set; p is unchanged on failure. Call profile_finish afterwards. */
int profile_set(struct profile *p, const char *name, const char *text, const char *file, int line,
		struct err *e);

/* Fills derived fields and defaults that depend on others, then checks cross-field rules
 * (know_go <= size, current_language only when shipping, ...). Returns 0 or -1 with *e set. */
int profile_finish(struct profile *p, struct err *e);

/* Recomputes the derived fields of p alone (team shares; merges a day when not given) after a
 * field was changed directly in p->v. */
void profile_derive(struct profile *p);

/* A hash of what p says: its name, every field's value (defaults included), what it reuses
 * and its components. Two profiles that say the same, however written, hash the same. */
uint64_t profile_fingerprint(const struct profile *p);

/* Frees p and its components; profile_free(NULL) is a no-op. */
void profile_free(struct profile *p);

/* The name of reuses language i ("go", "cpp", ...), or NULL past the last. */
const char *profile_reuse_language(int i);

/* What p reuses in language `lang` ("go"), for prose: the `what` texts joined with " and ", or
 * "existing Go code" when none was given; "" when nothing in that language is reused. */
const char *profile_reuse_what(const struct profile *p, const char *lang, char *buf, size_t size);

/* Formats field f's value for prose ("2", "0.15", "web-service", "true"). Returns buf. */
const char *profile_format(const struct profile *p, enum field f, char *buf, size_t size);

#endif
