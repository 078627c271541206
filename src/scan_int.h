/*
 * scan_int — what the parts of `verdict scan` hand each other (internal to src/scan*.c): the
 * committed tree classified the way linguist does (scan_code.c), the history's numbers
 * (scan_history.c), what the dependencies set (scan_deps.c) and the build's times (scan_build.c).
 * Each part fills its struct and owns what it allocates; the matching _free releases it.
 */
#ifndef VERDICT_SCAN_INT_H
#define VERDICT_SCAN_INT_H

#include <git2.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "kb.h"
#include "scan.h"
#include "scan_manifest.h"

#define SCAN_MAX_FILES	  1000000 /* files in the tree: more is refused */
#define SCAN_MAX_NOTES	  24	  /* notes kept for the profile's header */
#define SCAN_NOTE	  320
#define SCAN_MAX_FAMILIES 3 /* `reuses` lists at most this many families */
#define SCAN_MAX_SETTINGS 8 /* profile fields the dependency table can set */
#define SCAN_WHAT	  240

/* Things worth telling the reader that are not a field: files skipped, limits reached. */
struct scan_notes {
	char line[SCAN_MAX_NOTES][SCAN_NOTE];
	size_t n, dropped;
};

/* Adds a note (dropped, and counted, beyond SCAN_MAX_NOTES). */
void scan_note(struct scan_notes *n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An array of items of size bytes that holds n: with room for one more, items itself; else
 * a bigger copy (*cap updated), or NULL when out of memory (items unchanged). */
void *scan_grow(void *items, size_t *cap, size_t n, size_t size);

/* Sets *e from libgit2's last error: "DIR: what: libgit2's message" (an input error: the
 * repository is what cannot be read). Returns -1. */
int scan_git_error(struct err *e, const char *dir, const char *what);

/* --- the committed tree (scan_code.c) --------------------------------------------------------- */

enum code_class {
	CLASS_SOURCE,	     /* counted: code in a programming or markup language */
	CLASS_VENDORED,	     /* someone else's code kept in the tree */
	CLASS_GENERATED,     /* written by a tool */
	CLASS_DOCUMENTATION, /* docs, examples, READMEs */
	CLASS_OTHER,	     /* data, prose, binaries: no language linguist counts */
};

struct scan_file {
	char *path;
	git_oid oid;
	int lang; /* scan_lang index, or -1 */
	enum code_class cls;
	bool link; /* a symbolic link (its target is its content; never followed) */
};

#define SCAN_LANGS 64

struct scan_code {
	struct scan_file *files; /* every blob and link of HEAD's tree, sorted by path */
	size_t nfiles;
	size_t submodules;
	unsigned long long bytes[SCAN_LANGS]; /* counted bytes per language */
	size_t files_of[SCAN_LANGS];
	unsigned long long counted_bytes;
	size_t by_class[CLASS_OTHER + 1];
	size_t overridden; /* files .gitattributes reclassified */
	bool attributes;   /* the tree has .gitattributes files */
};

/* Reads HEAD's tree (commit head) and classifies every file. Returns 0 or -1 with *e set. */
int scan_code_read(git_repository *repo, const char *dir, const git_commit *head,
		   struct scan_code *c, struct err *e);
void scan_code_free(struct scan_code *c);

/* The file at path, or NULL. */
const struct scan_file *scan_code_find(const struct scan_code *c, const char *path);

/* Languages, as linguist names them; their profile values (NULL when the profile has none). */
const char *scan_lang_name(int lang);
const char *scan_lang_current(int lang);    /* current_language: go, rust, java, ... */
const char *scan_lang_background(int lang); /* team.background: go, typescript, ... */
int scan_lang_of_path(const char *path);    /* by extension or file name, -1 */
int scan_lang_lookup(const char *name);	    /* by linguist name (linguist-language=), -1 */

/* linguist's path rules (vendor.yml, documentation.yml, generated.rb's path checks). */
enum code_class scan_class_of_path(const char *path, int lang);

/* Reads the blob oid whole when it is at most max bytes: returns 0 with *buf (free) and *len, 1
 * when it is larger (nothing read), -1 with *e set when it cannot be read. */
int scan_blob(git_repository *repo, const char *dir, const git_oid *oid, size_t max, char **buf,
	      size_t *len, struct err *e);

/* --- the history (scan_history.c) ------------------------------------------------------------- */

struct scan_person {
	char *name, *email;  /* after .mailmap */
	int64_t first, last; /* first and last activity walked (author time) */
	unsigned commits;    /* authored or co-authored, in the walk */
	unsigned window_commits;
	unsigned lang_changes[SCAN_LANGS]; /* files changed in the window, by language */
	double gap_days;		   /* median gap between their active days */
	bool bot, in_window, active_year, silent, hire, go, rust;
};

struct scan_history {
	bool shallow;
	int64_t head_time;  /* HEAD's committer time */
	int head_offset;    /* its time zone, minutes */
	int64_t first_time; /* the oldest commit walked */
	bool reached_root;  /* the walk saw the start of the history (not cut by the bound) */
	size_t commits;	    /* commits walked */
	long window_days;
	struct scan_person *people;
	size_t npeople;
	unsigned window_people, window_bots, window_aliases, know_go, know_rust;
	int background_lang; /* the main language of most people in the window, or -1 */
	unsigned background_people, people_with_lang;
	unsigned active_year, silent, hires;
	bool year_known;       /* the history covers the whole last year */
	unsigned integrations; /* first-parent commits in the window */
	double rate_days;      /* days the merge rate is over: the window, or the whole history
				* when it began inside the window */
	double working_days;   /* in rate_days */
	double working_days_per_year;
	unsigned window_merges; /* merge commits among the integrations */
	char hot[2][512];	/* the Go and the Rust file changed most often in the window */
};

/* Walks the history from head (see scan_history.c for the exact definitions). Returns 0 or -1
 * with *e set. A shallow repository is not walked (h->shallow). */
int scan_history_read(git_repository *repo, const char *dir, git_commit *head, const struct kb *kb,
		      long since_days, struct scan_history *h, struct err *e);
void scan_history_free(struct scan_history *h);

/* --- dependencies (scan_deps.c) --------------------------------------------------------------- */

struct scan_setting {
	int field, value;		/* the profile field and its value's index */
	const struct kb_dep_rule *rule; /* the entry that set it */
	char what[SCAN_WHAT]; /* what matched: "sigs.k8s.io/controller-runtime in go.mod" */
	char also[SCAN_WHAT]; /* later entries that matched too */
};

struct scan_family {
	const struct kb_dep_rule *rule;
	enum scan_eco eco;
	size_t packages, direct;
	char names[SCAN_WHAT]; /* the first few package names */
};

struct scan_deps {
	struct scan_setting set[SCAN_MAX_SETTINGS];
	size_t nset;
	struct scan_family families[SCAN_MAX_FAMILIES];
	size_t nfamilies;
	double share[ECO_COUNT];       /* the ecosystem's languages' share of the code */
	bool significant[ECO_COUNT];   /* share >= the KB's significant_share */
	size_t manifests[ECO_COUNT];   /* manifests read */
	size_t packages[ECO_COUNT];    /* distinct dependencies, development ones excluded */
	size_t sources;		       /* Go and Rust files read for imports and facts */
	char unweighed[3 * SCAN_WHAT]; /* what matched in an ecosystem too small to count */
	size_t nunweighed;	       /* entries that matched there (the first three named) */
};

/* Reads the manifests and sources of the tree and applies kb's dependency table. Returns 0 or
 * -1 with *e set (the repository's objects cannot be read). */
int scan_deps_read(git_repository *repo, const char *dir, const struct scan_code *code,
		   const struct kb *kb, struct scan_deps *d, struct scan_notes *notes,
		   struct err *e);

/* The setting for profile field f, or NULL. */
const struct scan_setting *scan_deps_setting(const struct scan_deps *d, int f);

/* --- the build (scan_build.c) ------------------------------------------------------------------
 */

struct scan_build {
	bool done;
	int lang;	  /* LANG_GO or LANG_RUST */
	char module[512]; /* the go.mod or Cargo.toml directory built ("" the top) */
	char edited[512]; /* the file edited for incremental builds */
	char command[256];
	char tool_version[128];
	char host[256];
	char started[32];
	double clean_s[3], clean_cpu_s[3], incremental_s[5];
	int nclean, nincremental;
};

/* Exports HEAD's tree, fetches the dependencies (not timed), then times 3 clean builds (a fresh
 * cache each) and 5 incremental ones (one file edited). Returns 0 or -1 with *e set (no Go or
 * Rust project at the top, the toolchain missing, the build failing). */
int scan_build_run(git_repository *repo, const struct scan_options *o, const git_commit *head,
		   const struct scan_code *code, const struct scan_history *h, struct scan_build *b,
		   struct err *e);

/* The measurements as `decide --evidence` reads them (kind "scan-build"), or NULL when b did not
 * build. A new reference. */
json_t *scan_build_json(const struct scan_build *b, const char *dir, const char *head);

#endif
