/*
 * kb — the knowledge base: sources, claims, criteria, project kinds, knock-out and weighting
 * rules, conflicts, and the tables behind `quick` and `learn`. Loaded from data/kb/ (every .yaml)
 * (embedded in the binary at build time, or read from a directory given by --kb / VERDICT_KB)
 * and validated as a whole on load: every reference must resolve, every claim must have a source.
 * The KB version is a hash of the files' names and bytes, so an output names the evidence it used.
 */
#ifndef VERDICT_KB_H
#define VERDICT_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "lang.h"

#define KB_MAX_CRITERIA	     16
#define KB_MAX_CONDS	     16
#define KB_MAX_INSTEAD	     4
#define KB_MAX_VERDICT_RULES 16 /* rules with `verdict:`, considered in order */
#define KB_MAX_IN	     16
#define KB_MAX_FILE_BYTES    (4u << 20)

struct kb_source {
	const char *id, *title, *by, *date, *seed, *url; /* url may be NULL */
	bool assumption; /* verdict's own modelling assumption, not a published article */
	bool measured;	 /* `verdict lab` on the user's machine (evidence.c), not an article */
};

/* A value known only within bounds: published figures disagree or come as ranges. */
struct kb_range {
	double low, high;
};

/* The middle of a range: the point estimate the deterministic verdict uses. */
static inline double kb_mid(struct kb_range r)
{
	return (r.low + r.high) / 2;
}

struct kb_claim {
	const char *id;
	const char *says;  /* the claim in our own words */
	enum lang lang;	   /* which language it is about (LANG_NONE: general) */
	bool has_value;	   /* false for a recommendation without a figure */
	double low, high;  /* equal for a single value */
	const char *unit;  /* "s", "MB", "USD/year", ... (NULL without a value) */
	const char *label; /* a short name for charts ("Fiber (Go), plaintext"), or NULL */
	int criterion;	   /* index into kb.criteria */
	const struct kb_source *source;
	const char *via;  /* the study the article cites, or NULL */
	const char *file; /* where it is defined, for messages */
	int line;
};

struct kb_criterion {
	const char *id, *name;
	struct kb_range score[LANG_SCORED]; /* published baseline, 0..1, with its uncertainty */
	const struct kb_claim **claims;	    /* evidence; claims[0] is cited in reasons */
	size_t nclaims;
	const struct kb_claim **spread_from; /* the claims whose ranges make the score a range */
	size_t nspread;
	const char *reason[LANG_SCORED]; /* text when this criterion favours the language */
	const char *reason_off_fleet;	 /* Rust's text where it runs off our fleet, or NULL */
	int group; /* index into kb.groups: criteria whose weights are uncertain together */
};
#define KB_MAX_GROUPS 8

struct kb_kind {
	const char *id;
	const char
	    *label; /* in a sentence: "Kubernetes operator" (the id when the KB gives none) */
	const char
	    *title;  /* as a heading: "Kubernetes operator or controller" (the label if unset) */
	bool glance; /* among the first rows of the page's at-a-glance table */
	const struct kb_claim *claim;
	double weight[KB_MAX_CRITERIA];
	struct kb_range ecosystem[LANG_SCORED];
	bool has_ecosystem;
};

enum kb_op {
	KB_EQ, /* equal */
	KB_NE, /* not equal */
	KB_LT, /* less than */
	KB_LE, /* at most */
	KB_GT, /* greater than */
	KB_GE, /* at least */
	KB_IN, /* one of a list */
};

struct kb_cond {
	int field; /* enum field from profile.h */
	enum kb_op op;
	double value;
	double in[KB_MAX_IN];
	int nin;
};

struct kb_rule {
	const char *id;
	struct kb_cond cond[KB_MAX_CONDS]; /* all must hold */
	int ncond;
	struct kb_cond unless[KB_MAX_CONDS]; /* none may hold */
	int nunless;
	int given[KB_MAX_CONDS]; /* fields the user must have written */
	int ngiven;
	int assumed[KB_MAX_CONDS]; /* fields the user must have left to their defaults */
	int nassumed;
	double confidence; /* how often the rule holds where it applies (1: always); the Monte
			      Carlo skips it in the other samples */
	int exclude;	   /* LANG_GO or LANG_RUST to knock out, -1 for none */
	int force;	   /* VERDICT_PYTHON / VERDICT_KEEP to decide outright, -1 for none */
	double weight[KB_MAX_CRITERIA];		    /* added to criterion weights */
	double score[LANG_SCORED][KB_MAX_CRITERIA]; /* added to language scores */
	int per; /* field whose value multiplies the score deltas, -1 for none */
	/* rules defined above this one that stand aside where it applies (their `unless` names
	 * its condition): its reason also carries the effect they would have had */
	const struct kb_rule *instead_of[KB_MAX_INSTEAD];
	int ninstead;
	const struct kb_claim *claim;
	const char *says; /* reason template: {field} and {claim:ID} are filled in */
	const char *file;
	int line;
};

struct kb_conflict {
	const char *topic, *note;
	const struct kb_claim **claims;
	size_t nclaims;
};

struct kb_preset {
	const char *id; /* the answer, e.g. "ship-fast" */
	const char *question;
	const char *label; /* the answer as people read it, placeholders filled in (id if unset) */
	const char **keys, **values; /* profile fields it sets, as text */
	size_t n;
	const struct kb_claim *claim; /* may be NULL */
};

struct kb_learn_criterion {
	const char *id, *name;
	struct kb_range score[LANG_SCORED];
	const struct kb_claim *claim;
	const char *reason[LANG_SCORED];
};

struct kb_learn_case {
	const char *id;				    /* goal or background name */
	double weight[KB_MAX_CRITERIA];		    /* goals: criterion weights */
	double score[LANG_SCORED][KB_MAX_CRITERIA]; /* backgrounds: score adjustments */
	int exclude; /* backgrounds: language already known, -1 for none */
	const struct kb_claim *claim;
	const char *says;
};

/* A production case study (page.yaml `cases`): a company, what it built, and the claims that give
 * its figures. */
struct kb_case {
	const char *id, *who, *what;
	enum lang lang;	 /* the language it is about (LANG_BOTH for a split) */
	const char *url; /* the company's own write-up, or NULL */
	const struct kb_claim **claims;
	size_t nclaims;
};

/* A question of the page's FAQ (page.yaml `faq`): answered by its claims in order and, when `ask`
 * is set, by the quick verdict for those three answers (team and constraint may be NULL). */
struct kb_faq {
	const char *id, *question;
	const struct kb_claim **claims;
	size_t nclaims;
	const char *ask_building, *ask_team, *ask_constraint; /* ask_building NULL: no verdict */
};

#define KB_MAX_UNCERTAIN 8

/* What a system note speaks to (engine.yaml `system`, its `for`). */
enum kb_system_for {
	SYSTEM_FOR_GO_AND_RUST, /* a split between Go and Rust */
	SYSTEM_FOR_MIXED,	/* any other mix */
	SYSTEM_FOR_EITHER_PART, /* a part where both fit, given its team's language */
};

/* A statement about a system as a whole, for its verdict (engine.yaml `system`). */
struct kb_system_note {
	const char *id;
	enum kb_system_for applies;
	const struct kb_claim *claim;
	const char *says;
};
#define KB_MAX_SYSTEM_NOTES 8

/* A profile input that is an estimate: Monte Carlo varies it by +-spread (relative). */
struct kb_uncertain {
	int field;
	double spread;
};

/* A measurement `verdict lab` makes (its results' "measures"), as Rust's advantage over Go: Go's
 * value over Rust's where lower is better, Rust's over Go's where higher is better; above 1 Rust
 * does better. `published` is the same ratio as the articles give it. */
struct kb_measure {
	const char *id, *name, *unit, *note; /* note may be NULL */
	bool higher_better;
	int criterion;		      /* the criterion a measurement rescores, or -1 */
	const struct kb_claim **from; /* the published claims it tests (and replaces) */
	size_t nfrom;
	struct kb_range published; /* when has_published */
	bool has_published;
	double elasticity; /* when set (> 0): the score exponent, instead of calibrating */
};

#define KB_MAX_RATIOS 8

/* Which claims the cost model takes its figures from (cost.c). */
struct kb_cost_model {
	const struct kb_claim *build_seconds[LANG_SCORED];	   /* clean build: the range */
	const struct kb_claim *build_seconds_typical[LANG_SCORED]; /* the typical value */
	const struct kb_claim *salary_premium;			   /* Rust over Go, per engineer */
	const struct kb_claim *ramp[LANG_SCORED];		   /* time to productive */
	const struct kb_claim *ramp_output_lost;		   /* fraction of output lost */
	const struct kb_claim *engineer_hour, *ci_minute, *memory_gb_month;
	const struct kb_claim *working_days, *hours_per_month;
	/* Rust's memory as a fraction of Go's: a pair [rust, go] of MB claims, or one claim in
	 * "x less memory" or "% less memory" */
	const struct kb_claim *memory_ratio[KB_MAX_RATIOS][2];
	unsigned long memory_ratio_kinds[KB_MAX_RATIOS]; /* bit i: building value i; 0: any kind */
	size_t nmemory_ratio;
	bool loaded;
};

#define KB_DEP_ECOS	4 /* the ecosystems of enum scan_eco: go, rust, node, python */
#define KB_MAX_DEP_SETS 4

/* One entry of data/kb/dependencies.yaml: what `verdict scan` concludes when a repository
 * depends on a package, holds a file or shows a fact of its code. */
struct kb_dep_rule {
	const char *id;
	const char **names[KB_DEP_ECOS]; /* package patterns per ecosystem ("embassy-*") */
	size_t nnames[KB_DEP_ECOS];
	const char **facts; /* facts of the code (scan_manifest.h's manifest_facts) */
	size_t nfacts;
	const char **files; /* path globs: without '/' the file's name at any depth */
	size_t nfiles;
	const char *contains;		/* with files: the file must hold this text, or NULL */
	int set_field[KB_MAX_DEP_SETS]; /* profile fields it sets (enum fields)... */
	int set_value[KB_MAX_DEP_SETS]; /* ...to these values (their index) */
	size_t nsets;
	const char *family; /* a dependency family, for `reuses`, or NULL */
	const struct kb_claim *claim;
	const char *file;
	int line;
};

/* `verdict scan`'s settings (the `scan` section). */
struct kb_scan {
	double significant_share; /* a language's manifests count at this share of the code */
	const char **bots;	  /* substrings of a bot's name or e-mail address */
	size_t nbots;
};

struct kb {
	struct arena *arena;
	struct kb_cost_model cost_model;
	char version[17];	  /* 16 hex digits */
	double either_margin;	  /* score gap under which the verdict is "either" */
	double close_probability; /* leader's win probability under which it is a close call */
	long samples;		  /* Monte Carlo samples by default */
	double weight_spread;	  /* Monte Carlo varies each criterion weight by +-this fraction */
	double rule_spread;	  /* ... and each rule's effect size by +-this fraction */
	double group_spread;	  /* ... and each group of criteria's weights together by +-this */
	const char *groups[KB_MAX_GROUPS]; /* group names, in order of first use */
	size_t ngroups;
	double default_weight[KB_MAX_CRITERIA]; /* a criterion's weight in kinds that omit it */
	/* verdict's own judgement behind the numbers (labelled assumptions): criterion scores,
	 * kind weights and fits, rule effect sizes and confidences */
	const struct kb_claim *judgement_scores, *judgement_kinds, *judgement_rules;
	struct kb_system_note system[KB_MAX_SYSTEM_NOTES];
	size_t nsystem;
	struct kb_uncertain uncertain[KB_MAX_UNCERTAIN];
	size_t nuncertain;
	const struct kb_source *sources;
	size_t nsources;
	const struct kb_claim *claims;
	size_t nclaims;
	const struct kb_criterion *criteria;
	size_t ncriteria;
	const struct kb_kind *kinds;
	size_t nkinds;
	const struct kb_rule *rules;
	size_t nrules;
	const struct kb_conflict *conflicts;
	size_t nconflicts;
	const struct kb_preset *presets; /* quick answers */
	size_t npresets;
	const struct kb_learn_criterion *learn_criteria;
	size_t nlearn_criteria;
	const struct kb_learn_case *learn_goals, *learn_backgrounds;
	size_t nlearn_goals, nlearn_backgrounds;
	const struct kb_measure *measures; /* what the lab measures, and what it tests */
	size_t nmeasures;
	const struct kb_dep_rule *dep_rules; /* `verdict scan`'s dependency table, in file order */
	size_t ndep_rules;
	struct kb_scan scan;
	const struct kb_case *cases; /* the page's case studies */
	size_t ncases;
	const struct kb_faq *faqs; /* the page's questions */
	size_t nfaqs;
	const struct kb_source *measured; /* set by evidence_apply: the lab run in use, or NULL */
	const char *measured_criteria;	  /* "build, cpu, ..." the measurements rescored */
};

/* The sources a verdict can cite: the KB's, then the lab run in use (kb->measured) if any. */
size_t kb_source_count(const struct kb *kb);
const struct kb_source *kb_source_at(const struct kb *kb, size_t i);

/* Kind id as a heading ("Web service, API, microservice"): its title, else its label, else id. */
const char *kb_kind_title(const struct kb *kb, const char *id);

/* "measured", "assumption" or "published": the kind of evidence a claim is. */
const char *kb_evidence_kind(const struct kb_claim *c);

/* The measure with this id, or NULL. */
const struct kb_measure *kb_measure(const struct kb *kb, const char *id);

/* --- loading ---------------------------------------------------------------------------------- */

/* Loads the KB from directory dir (every *.yaml in it), or from the copy embedded in the binary
 * when dir is NULL. Returns NULL with *e set (file and line of the first problem). Free with
 * kb_free. */
struct kb *kb_load(const char *dir, struct err *e);

/* Loads a KB from in-memory files (used by kb_load and the fuzzer). names[i] labels buf[i]. */
struct kb *kb_load_buffers(const char *const *names, const char *const *bufs, const size_t *lens,
			   size_t n, struct err *e);

/* Frees the KB; kb_free(NULL) is a no-op. */
void kb_free(struct kb *kb);

/* --- lookups (all return borrowed pointers or -1/NULL when absent) -----------------------------
 */

const struct kb_claim *kb_claim(const struct kb *kb, const char *id);
int kb_criterion_index(const struct kb *kb, const char *id);
const struct kb_kind *kb_kind(const struct kb *kb, const char *id);

/* The readable name of kind id ("Kubernetes operator"), or id itself when the KB has no such
 * kind. */
const char *kb_kind_label(const struct kb *kb, const char *id);
const struct kb_preset *kb_preset(const struct kb *kb, const char *question, const char *answer);

/* Formats a claim's figure as "2–10 s" / "45 MB" into buf ("" when it has none). Returns buf. */
const char *kb_claim_figure(const struct kb_claim *c, char *buf, size_t size);

#endif
