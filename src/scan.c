/*
 * scan — one `verdict scan`: opens the repository, runs the parts (scan_code, scan_deps,
 * scan_history, scan_build) and turns what they found into profile fields, each with the
 * sentence that says where it came from. A field without evidence is written commented out,
 * with its default and the reason, so the profile stays valid and the reader sees what is a
 * finding and what is not.
 */
#include "scan_int.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "num.h"
#include "lab/run.h"
#include "profile.h"

#define FIELD_VALUE    128
#define FIELD_EVIDENCE 640
#define MAX_FIELDS     24

enum field_kind {
	OUT_TEXT,   /* an enum value or a name */
	OUT_NUMBER, /* a number */
};

struct out_field {
	const char *key; /* the profile's dotted name: "team.size" */
	enum field_kind kind;
	char value[FIELD_VALUE];
	double number;
	bool inferred;
	char evidence[FIELD_EVIDENCE];
};

struct scan {
	const struct kb *kb;
	char dir[PATH_MAX];
	char head[GIT_OID_HEXSZ + 1];
	char branch[256];
	bool detached, bare;
	char head_date[16];
	size_t tags;
	struct scan_code code;
	struct scan_history hist;
	struct scan_deps deps;
	struct scan_build build;
	struct scan_notes notes;
	bool show_people;
	char evidence_path[PATH_MAX];
	struct out_field fields[MAX_FIELDS];
	size_t nfields;
};

/* --- helpers ---------------------------------------------------------------------------------- */

static struct out_field *field(struct scan *s, const char *key)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].key, key) == 0)
			return &s->fields[i];
	struct out_field *f = &s->fields[s->nfields++];
	memset(f, 0, sizeof *f);
	f->key = key;
	return f;
}

__attribute__((format(printf, 4, 5))) static void set_text(struct scan *s, const char *key,
							   const char *value, const char *fmt, ...)
{
	struct out_field *f = field(s, key);
	f->kind = OUT_TEXT;
	f->inferred = true;
	snprintf(f->value, sizeof f->value, "%s", value);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->evidence, sizeof f->evidence, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 4, 5))) static void set_number(struct scan *s, const char *key,
							     double v, const char *fmt, ...)
{
	struct out_field *f = field(s, key);
	f->kind = OUT_NUMBER;
	f->inferred = true;
	num_format(v, f->value, sizeof f->value);
	/* the JSON value is the profile's: what the YAML says, not more digits */
	if (num_parse_double(f->value, &f->number) != 0)
		f->number = v;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->evidence, sizeof f->evidence, fmt, ap);
	va_end(ap);
}

/* A field left at its default (from a fresh profile), with the reason. */
__attribute__((format(printf, 3, 4))) static void set_default(struct scan *s, const char *key,
							      const char *fmt, ...)
{
	struct out_field *f = field(s, key);
	f->inferred = false;
	int fi = profile_field_lookup(key);
	struct profile *p = profile_new();
	if (p && fi >= 0) {
		profile_derive(p);
		profile_format(p, (enum field)fi, f->value, sizeof f->value);
		f->number = p->v[fi];
		f->kind = profile_field((enum field)fi)->type == FT_ENUM ? OUT_TEXT : OUT_NUMBER;
	}
	profile_free(p);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->evidence, sizeof f->evidence, fmt, ap);
	va_end(ap);
}

static const char *plural(unsigned long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void day(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		snprintf(buf, size, "%s", "?");
}

/* --- the repository --------------------------------------------------------------------------- */

static int open_repo(const char *dir, git_repository **repo, git_commit **head, struct scan *s,
		     struct err *e)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return err_input(e, dir, 0, "cannot open: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return err_input(e, dir, 0, "not a directory: give the top of a git repository");
	if (git_repository_open_ext(repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0) {
		const git_error *g = git_error_last();
		if (g && g->klass == GIT_ERROR_REPOSITORY && strstr(g->message, "not owned"))
			return scan_git_error(e, dir, "cannot open the repository");
		if (g && (g->klass == GIT_ERROR_OS || g->klass == GIT_ERROR_CONFIG ||
			  g->klass == GIT_ERROR_ODB))
			return scan_git_error(e, dir, "cannot open the repository");
		return err_input(e, dir, 0,
				 "not a git repository (verdict scan reads the history: give the "
				 "top of a git checkout)");
	}
	s->bare = git_repository_is_bare(*repo);
	if (git_repository_head_unborn(*repo) == 1)
		return err_input(
		    e, dir, 0, "the repository has no commits yet: there is nothing to infer from");
	git_reference *ref = NULL;
	if (git_repository_head(&ref, *repo) != 0)
		return scan_git_error(e, dir, "cannot read HEAD");
	s->detached = git_repository_head_detached(*repo) == 1;
	snprintf(s->branch, sizeof s->branch, "%s",
		 s->detached ? "" : git_reference_shorthand(ref));
	git_reference *direct = NULL;
	int rc = git_reference_resolve(&direct, ref);
	git_reference_free(ref);
	if (rc != 0)
		return scan_git_error(e, dir, "cannot resolve HEAD");
	git_oid target;
	git_oid_cpy(&target, git_reference_target(direct));
	git_reference_free(direct);
	char hex[GIT_OID_HEXSZ + 1], what[96];
	git_oid_tostr(hex, sizeof hex, &target);
	snprintf(what, sizeof what, "cannot read HEAD's commit %.12s", hex);
	if (git_commit_lookup(head, *repo, &target) != 0)
		return scan_git_error(e, dir, what);
	git_oid_tostr(s->head, sizeof s->head, git_commit_id(*head));
	git_strarray tags = {0};
	if (git_tag_list_match(&tags, "v[0-9]*", *repo) == 0) {
		s->tags = tags.count;
		git_strarray_dispose(&tags);
	}
	if (git_tag_list_match(&tags, "[0-9]*", *repo) == 0) {
		s->tags += tags.count;
		git_strarray_dispose(&tags);
	}
	return 0;
}

/* --- the fields ------------------------------------------------------------------------------- */

static void infer_name(struct scan *s)
{
	char name[PATH_MAX];
	snprintf(name, sizeof name, "%s", s->dir);
	size_t n = strlen(name);
	while (n > 1 && name[n - 1] == '/')
		name[--n] = '\0';
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	char clean[PROFILE_NAME_MAX + 1];
	size_t k = 0;
	for (const char *c = base; *c && k < PROFILE_NAME_MAX; c++)
		if ((unsigned char)*c >= 0x20 && *c != 0x7f && *c != '"' && *c != '\\')
			clean[k++] = *c;
	clean[k] = '\0';
	if (k > 4 && strcmp(clean + k - 4, ".git") == 0)
		clean[k - 4] = '\0';
	if (!*clean || strcmp(clean, ".") == 0 || strcmp(clean, "..") == 0) {
		char cwd[PATH_MAX];
		const char *b = getcwd(cwd, sizeof cwd) ? strrchr(cwd, '/') : NULL;
		snprintf(clean, sizeof clean, "%.64s", b && b[1] ? b + 1 : "repository");
	}
	set_text(s, "name", clean, "%s", "the repository's directory");
}

/* The language with the most bytes; with `programming`, only languages that can be what ships
 * (not HTML, CSS, shell scripts or build files). -1 when there is none. */
static int top_language(const struct scan_code *c, bool programming)
{
	int best = -1;
	for (int l = 0; l < SCAN_LANGS; l++)
		if (c->bytes[l] && (!programming || scan_lang_current(l)) &&
		    (best < 0 || c->bytes[l] > c->bytes[best]))
			best = l;
	return best;
}

static double share(const struct scan_code *c, int lang)
{
	return c->counted_bytes ? (double)c->bytes[lang] / (double)c->counted_bytes : 0;
}

static void infer_setting(struct scan *s, const char *key, const char *none_why)
{
	int f = profile_field_lookup(key);
	if (f < 0)
		return;
	const struct scan_setting *st = scan_deps_setting(&s->deps, f);
	if (!st) {
		set_default(s, key, "%s", none_why);
		return;
	}
	const struct field_info *fi = profile_field((enum field)f);
	char also[SCAN_WHAT + 16] = "";
	if (*st->also)
		snprintf(also, sizeof also, "; also matched: %s", st->also);
	set_text(s, key, fi->values[st->value], "%s (%s, %s)%s", st->what, st->rule->id,
		 st->rule->claim->id, also);
}

static void infer_code(struct scan *s)
{
	const struct scan_code *c = &s->code;
	const struct scan_history *h = &s->hist;
	/* building: the dependency table, or a placeholder that says so */
	int fb = profile_field_lookup("building");
	const struct scan_setting *b = scan_deps_setting(&s->deps, fb);
	if (b) {
		infer_setting(s, "building", "");
	} else {
		struct out_field *f = field(s, "building");
		f->kind = OUT_TEXT;
		f->inferred = false;
		snprintf(f->value, sizeof f->value, "%s", profile_field(F_BUILDING)->values[0]);
		char more[48] = "";
		if (s->deps.nunweighed > 3)
			snprintf(more, sizeof more, " and %zu more", s->deps.nunweighed - 3);
		snprintf(
		    f->evidence, sizeof f->evidence,
		    "NOT INFERRED: nothing in the tree matched the KB's dependency table "
		    "(data/kb/dependencies.yaml)%s%s%s; '%s' is a placeholder: say what you are "
		    "building",
		    *s->deps.unweighed ? "; too small a share of the code to count: " : "",
		    s->deps.unweighed, more, f->value);
	}
	/* stage: a year of history or a version tag is taken to mean it ships */
	int64_t span = h->head_time - h->first_time;
	double years = (double)span / (365.0 * 86400);
	char first[16];
	day(h->first_time, first, sizeof first);
	bool old = !h->shallow && (!h->reached_root || span >= 365LL * 86400);
	bool shipping = old || s->tags > 0;
	char tags[64] = "";
	if (s->tags)
		snprintf(tags, sizeof tags, "%zu version tag%s", s->tags, plural(s->tags, "", "s"));
	if (shipping && old)
		set_text(s, "stage", "shipping",
			 "the history goes back %s%.1f years (%s %s)%s%s: taken to mean it ships",
			 h->reached_root ? "" : "more than ", years,
			 h->reached_root ? "first commit" : "the walk stopped at", first,
			 *tags ? " and it has " : "", tags);
	else if (shipping)
		set_text(s, "stage", "shipping", "it has %s: taken to mean it ships", tags);
	else if (h->shallow)
		set_default(
		    s, "stage",
		    "not inferred: a shallow clone hides the history's age, and there is no "
		    "version tag");
	else
		set_text(s, "stage", "new",
			 "the history is %ld day%s old (first commit %s) and has no version tag",
			 lround((double)span / 86400),
			 plural((unsigned long)lround((double)span / 86400), "", "s"), first);
	/* current_language: the largest language, when shipping */
	int top = top_language(c, true), any = top_language(c, false);
	char langs[160] = "no code linguist counts";
	if (top >= 0)
		snprintf(langs, sizeof langs, "%s is %.0f%% of the code's bytes%s%s%s",
			 scan_lang_name(top), 100 * share(c, top),
			 any != top ? ", the most of any programming language (" : "",
			 any != top ? scan_lang_name(any) : "", any != top ? " has more)" : "");
	else if (any >= 0)
		snprintf(langs, sizeof langs,
			 "%s is %.0f%% of the code's bytes, and no programming "
			 "language is counted",
			 scan_lang_name(any), 100 * share(c, any));
	if (!shipping) {
		set_default(s, "current_language", "applies only with stage: shipping (%s)", langs);
	} else if (top < 0) {
		set_default(s, "current_language", "%s", langs);
	} else {
		const char *current = scan_lang_current(top);
		set_text(s, "current_language", current,
			 "%s%s (linguist's rules: vendored, generated and documentation files set "
			 "aside)",
			 langs,
			 strcmp(current, "other") == 0 ? ", which the profile names as other" : "");
	}
	set_default(s, "pain", "not inferred: a repository cannot say what hurts%s",
		    shipping ? "; with stage: shipping and no pain, decide usually answers keep"
			     : "");
	infer_setting(s, "runs_on",
		      "not inferred: no deployment file (Dockerfile, Helm chart, Kubernetes "
		      "manifests) or installer (goreleaser, cargo-dist, Homebrew, MSI) the KB "
		      "knows");
	infer_setting(s, "embedded_in",
		      "not inferred: nothing the KB knows (pyo3, napi, cdylib, c-shared, gomobile) "
		      "loads it into another program");
	infer_setting(s, "kubernetes",
		      "not inferred: no Kubernetes library, manifest or Helm chart the KB knows");
}

static void history_default(struct scan *s, const char *key, const char *why)
{
	set_default(s, key, "not inferred: %s", why);
}

static void infer_team(struct scan *s)
{
	const struct scan_history *h = &s->hist;
	const char *keys[] = {
	    "team.size",      "team.know_go",	     "team.know_rust",	  "team.background",
	    "team.attrition", "team.hires_per_year", "ci.merges_per_day", NULL};
	if (h->shallow) {
		for (int i = 0; keys[i]; i++)
			history_default(
			    s, keys[i],
			    "a shallow clone: the history is cut, so the team's numbers "
			    "would be wrong (fetch it whole: git fetch --unshallow)");
		return;
	}
	long w = h->window_days;
	if (h->window_people == 0) {
		for (int i = 0; i < 4; i++) {
			char why[160];
			snprintf(why, sizeof why,
				 "no one committed in the %ld days before HEAD (%s)", w,
				 s->head_date);
			history_default(s, keys[i], why);
		}
	} else {
		char extra[160] = "";
		if (h->window_bots || h->window_aliases)
			snprintf(extra, sizeof extra, "; %u bot%s left out and %u alias%s merged",
				 h->window_bots, plural(h->window_bots, "", "s"), h->window_aliases,
				 plural(h->window_aliases, "", "es"));
		set_number(s, "team.size", h->window_people,
			   "%u %s committed in the %ld days before HEAD (%s)%s", h->window_people,
			   plural(h->window_people, "person", "people"), w, s->head_date, extra);
		set_number(s, "team.know_go", h->know_go,
			   "%u of them changed Go files in those %ld days", h->know_go, w);
		set_number(s, "team.know_rust", h->know_rust,
			   "%u of them changed Rust files in those %ld days", h->know_rust, w);
		int bl = h->background_lang;
		if (h->people_with_lang == 0)
			history_default(
			    s, "team.background",
			    "their commits in the window changed no code linguist counts");
		else if (bl >= 0 && 2 * h->background_people > h->people_with_lang &&
			 scan_lang_background(bl))
			set_text(s, "team.background", scan_lang_background(bl),
				 "%s is what %u of the %u people who changed code in the window "
				 "changed most",
				 scan_lang_name(bl), h->background_people, h->people_with_lang);
		else
			set_text(
			    s, "team.background", "mixed",
			    "no one language is what most of the %u people who changed code in "
			    "the window changed most",
			    h->people_with_lang);
	}
	if (!h->year_known) {
		char why[160], first[16];
		day(h->first_time, first, sizeof first);
		snprintf(why, sizeof why,
			 "the history starts %s, less than a year before HEAD: too young to tell "
			 "leavers and hires from its founders",
			 first);
		history_default(s, "team.attrition", why);
		history_default(s, "team.hires_per_year", why);
	} else {
		if (h->active_year == 0)
			history_default(s, "team.attrition",
					"no one committed in the year before HEAD");
		else
			set_number(s, "team.attrition", (double)h->silent / h->active_year,
				   "%u of the %u people active in the year before HEAD %s been "
				   "silent for longer than both %d days and 3 times their usual "
				   "gap between commits",
				   h->silent, h->active_year, plural(h->silent, "has", "have"), 90);
		set_number(s, "team.hires_per_year", h->hires,
			   "%u %s made a first commit in the year before HEAD", h->hires,
			   plural(h->hires, "person", "people"));
	}
	double mpd = h->working_days > 0 ? h->integrations / h->working_days : 0;
	char merges[64] = "";
	if (h->window_merges)
		snprintf(merges, sizeof merges, ", %u of them merge commit%s", h->window_merges,
			 plural(h->window_merges, "", "s"));
	char span[80];
	if (h->rate_days < (double)w)
		snprintf(span, sizeof span, "since its first commit %.1f days before HEAD",
			 h->rate_days);
	else
		snprintf(span, sizeof span, "in the %ld days before HEAD", w);
	set_number(s, "ci.merges_per_day", round(mpd * 1000) / 1000,
		   "%u first-parent commit%s landed on HEAD's branch %s%s: %u / %.1f working "
		   "days (%.0f a year, a000-working-days)",
		   h->integrations, plural(h->integrations, "", "s"), span, merges, h->integrations,
		   h->working_days, h->working_days_per_year);
}

/* --- running ---------------------------------------------------------------------------------- */

/* libgit2 passes over a .mailmap it cannot read; the reader should know its aliases were not
 * merged. */
static void check_mailmap(git_repository *repo, struct scan_notes *notes)
{
	const char *wd = git_repository_workdir(repo);
	char path[PATH_MAX];
	struct stat st;
	if (!wd || snprintf(path, sizeof path, "%s.mailmap", wd) >= (int)sizeof path ||
	    lstat(path, &st) != 0)
		return;
	FILE *f = fopen(path, "r");
	if (f)
		fclose(f);
	else
		scan_note(notes, "cannot read .mailmap (%s): the aliases it names are not merged",
			  strerror(errno));
}

struct scan *scan_run(const struct kb *kb, const struct scan_options *o, struct err *e)
{
	struct scan *s = calloc(1, sizeof *s);
	if (!s) {
		err_internal(e, "out of memory");
		return NULL;
	}
	s->kb = kb;
	s->show_people = o->show_people;
	snprintf(s->evidence_path, sizeof s->evidence_path, "%s",
		 o->evidence_path ? o->evidence_path : "");
	snprintf(s->dir, sizeof s->dir, "%s", o->dir);
	git_libgit2_init();
	/* scan only reads the repository: the user's and the system's git configuration change
	 * nothing it needs, and neither an unreadable ~/.gitconfig nor a repository owned by
	 * another user (libgit2 runs none of its programs) may stop it */
	static const int levels[] = {GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG,
				     GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA};
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], "");
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	git_repository *repo = NULL;
	git_commit *head = NULL;
	int rc = open_repo(o->dir, &repo, &head, s, e);
	if (rc == 0)
		rc = scan_code_read(repo, o->dir, head, &s->code, e);
	if (rc == 0)
		rc = scan_deps_read(repo, o->dir, &s->code, kb, &s->deps, &s->notes, e);
	if (rc == 0)
		rc = scan_history_read(repo, o->dir, head, kb, o->since_days, &s->hist, e);
	if (rc == 0)
		check_mailmap(repo, &s->notes);
	if (rc == 0 && o->build)
		rc = scan_build_run(repo, o, head, &s->code, &s->hist, &s->build, e);
	if (rc == 0) {
		day(s->hist.head_time, s->head_date, sizeof s->head_date);
		infer_name(s);
		infer_code(s);
		infer_team(s);
	}
	git_commit_free(head);
	git_repository_free(repo);
	git_libgit2_shutdown();
	if (rc != 0) {
		scan_free(s);
		return NULL;
	}
	return s;
}

void scan_free(struct scan *s)
{
	if (!s)
		return;
	scan_code_free(&s->code);
	scan_history_free(&s->hist);
	free(s);
}

int scan_parse_since(const char *text, long *days)
{
	size_t n = strlen(text);
	if (n < 2 || n > 8)
		return -1;
	char num[16];
	memcpy(num, text, n - 1);
	num[n - 1] = '\0';
	long v;
	if (num_parse_long(num, 1, 3650, &v) != 0)
		return -1;
	long unit = 0;
	switch (text[n - 1]) {
	case 'd':
		unit = 1;
		break;
	case 'w':
		unit = 7;
		break;
	case 'm':
		unit = 30;
		break;
	case 'y':
		unit = 365;
		break;
	default:
		return -1;
	}
	if (v * unit > 3650)
		return -1;
	*days = v * unit;
	return 0;
}

/* --- YAML ------------------------------------------------------------------------------------- */

/* Writes s as a double-quoted YAML scalar. */
static void yaml_quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(f, "\\%c", *c);
		else if (*c < 0x20 || *c == 0x7f)
			fprintf(f, "\\x%02x", *c);
		else
			fputc(*c, f);
	}
	fputc('"', f);
}

/* Comment text: one line, no control characters. */
static void comment_text(FILE *f, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		fputc(*c < 0x20 || *c == 0x7f ? '?' : *c, f);
}

static bool needs_quotes(const char *key)
{
	return strcmp(key, "name") == 0;
}

static void yaml_field(FILE *f, const struct out_field *x, int indent)
{
	const char *key = strrchr(x->key, '.') ? strrchr(x->key, '.') + 1 : x->key;
	char line[256];
	int n;
	if (needs_quotes(x->key)) {
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);
		if (m) {
			yaml_quoted(m, x->value);
			fclose(m);
		}
		n = snprintf(line, sizeof line, "%s%*s%s: %s", x->inferred ? "" : "# ", indent, "",
			     key, buf ? buf : "\"\"");
		free(buf);
	} else {
		n = snprintf(line, sizeof line, "%s%*s%s: %s", x->inferred ? "" : "# ", indent, "",
			     key, x->value);
	}
	fputs(line, f);
	for (int pad = n; pad < 30; pad++)
		fputc(' ', f);
	fputs(" # ", f);
	if (!x->inferred)
		fputs("(default) ", f);
	comment_text(f, x->evidence);
	fputc('\n', f);
}

/* A field that must stay written even when not inferred (building is required). */
static bool always_written(const struct out_field *x)
{
	return strcmp(x->key, "building") == 0;
}

static void yaml_section(FILE *f, const struct scan *s, const char *prefix)
{
	size_t pl = strlen(prefix);
	bool any = false;
	for (size_t i = 0; i < s->nfields; i++)
		any |= strncmp(s->fields[i].key, prefix, pl) == 0 && s->fields[i].inferred;
	fprintf(f, "%s%.*s:\n", any ? "" : "# ", (int)pl - 1, prefix);
	for (size_t i = 0; i < s->nfields; i++)
		if (strncmp(s->fields[i].key, prefix, pl) == 0)
			yaml_field(f, &s->fields[i], 2);
}

static void yaml_reuses(FILE *f, const struct scan *s)
{
	const struct scan_deps *d = &s->deps;
	if (!d->nfamilies) {
		fputs(
		    "# reuses: []                  # (default) not inferred: no dependency family "
		    "the KB names is a direct dependency\n",
		    f);
		return;
	}
	fputs("reuses:                       # the largest dependency families the KB names "
	      "(data/kb/dependencies.yaml)\n",
	      f);
	for (size_t i = 0; i < d->nfamilies; i++) {
		const struct scan_family *fam = &d->families[i];
		const char *lang =
		    fam->eco == ECO_NODE ? "typescript" : manifest_eco_name(fam->eco);
		fprintf(f, "  - language: %s\n    what: ", lang);
		yaml_quoted(f, fam->rule->family);
		fprintf(f, "\n    share: some                 # %zu package%s: ", fam->packages,
			plural(fam->packages, "", "s"));
		comment_text(f, fam->names);
		fprintf(f,
			" (%s); how much of the project rests on them is not in the "
			"manifests\n",
			fam->rule->claim->id);
	}
}

static void yaml_header(FILE *f, const struct scan *s)
{
	const struct scan_code *c = &s->code;
	const struct scan_history *h = &s->hist;
	fputs("# verdict scan: a profile inferred from the git repository at ", f);
	comment_text(f, s->dir);
	fprintf(f, "\n# HEAD %.12s (%s", s->head, s->detached ? "detached" : "branch ");
	if (!s->detached)
		comment_text(f, s->branch);
	fprintf(f, "), %s; ", s->head_date);
	if (h->shallow)
		fputs("a shallow clone: the history was not walked", f);
	else
		fprintf(f, "%zu commit%s walked%s", h->commits, plural(h->commits, "", "s"),
			h->reached_root ? "" : " (back to 4 years before HEAD)");
	fprintf(f, "; %zu files in HEAD's tree\n", c->nfiles);
	fputs("# Languages (bytes of code, by linguist's rules):", f);
	int shown = 0;
	for (int round = 0; round < 6; round++) {
		int best = -1;
		for (int l = 0; l < SCAN_LANGS; l++) {
			if (!c->bytes[l])
				continue;
			/* the round-th largest */
			int rank = 0;
			for (int k = 0; k < SCAN_LANGS; k++)
				rank += c->bytes[k] > c->bytes[l] ||
					(c->bytes[k] == c->bytes[l] && k < l);
			if (rank == round)
				best = l;
		}
		if (best < 0)
			break;
		fprintf(f, "%s %s %.1f%%", shown++ ? "," : "", scan_lang_name(best),
			100 * share(c, best));
	}
	if (!shown)
		fputs(" none", f);
	fprintf(f, "\n#   set aside: %zu vendored, %zu generated, %zu documentation files",
		c->by_class[CLASS_VENDORED], c->by_class[CLASS_GENERATED],
		c->by_class[CLASS_DOCUMENTATION]);
	if (c->overridden)
		fprintf(f, " (%zu reclassified by .gitattributes)", c->overridden);
	if (c->submodules)
		fprintf(f, "; %zu submodule%s (other repositories) not read", c->submodules,
			plural(c->submodules, "", "s"));
	fputs("\n# Each field names its evidence; a commented-out field was not inferred and keeps "
	      "its\n# default. Check them, then: verdict decide PROFILE.yaml\n",
	      f);
	for (size_t i = 0; i < s->notes.n; i++) {
		fputs("# note: ", f);
		comment_text(f, s->notes.line[i]);
		fputc('\n', f);
	}
	if (s->notes.dropped)
		fprintf(f, "# note: %zu more notes not shown\n", s->notes.dropped);
}

static void yaml_people(FILE *f, const struct scan *s)
{
	const struct scan_history *h = &s->hist;
	fprintf(f, "# People who committed in the %ld days before HEAD (--show-people):\n",
		h->window_days);
	for (size_t i = 0; i < h->npeople; i++) {
		const struct scan_person *p = &h->people[i];
		if (!p->in_window)
			continue;
		fputs("#   ", f);
		comment_text(f, p->name);
		fputs(" <", f);
		comment_text(f, p->email);
		fprintf(f, ">: %u commit%s%s%s%s%s%s\n", p->window_commits,
			plural(p->window_commits, "", "s"), p->bot ? ", a bot (not counted)" : "",
			p->go ? ", Go" : "", p->rust ? ", Rust" : "",
			p->hire ? ", new this year" : "", p->silent ? ", silent" : "");
	}
}

void scan_write_yaml(FILE *f, const struct scan *s)
{
	yaml_header(f, s);
	static const char *const top[] = {"name", "building", "stage",	     "current_language",
					  "pain", "runs_on",  "embedded_in", "kubernetes",
					  NULL};
	for (int i = 0; top[i]; i++)
		for (size_t k = 0; k < s->nfields; k++)
			if (strcmp(s->fields[k].key, top[i]) == 0) {
				struct out_field x = s->fields[k];
				x.inferred = x.inferred || always_written(&x);
				yaml_field(f, &x, 0);
			}
	yaml_reuses(f, s);
	yaml_section(f, s, "team.");
	yaml_section(f, s, "ci.");
	fputs("# Not inferred from a repository, so left at their defaults: workload (io-bound), "
	      "p99_ms (100),\n# gc (ok), memory_mb (512), instances (3), untrusted_input (false), "
	      "security_critical (false),\n# time_to_market (normal), horizon_years (3), costs "
	      "(the KB's prices). Set the ones you know.\n",
	      f);
	if (s->build.done) {
		const struct scan_build *b = &s->build;
		double clean[3], inc[5];
		memcpy(clean, b->clean_s, sizeof clean);
		memcpy(inc, b->incremental_s, sizeof inc);
		fprintf(f, "# Built with --build: %s in ", b->command);
		comment_text(f, *b->module ? b->module : "the top directory");
		fprintf(f, ": clean %.1f s (median of %d), incremental %.1f s (median of %d,\n# ",
			lab_median(clean, (size_t)b->nclean), b->nclean,
			lab_median(inc, (size_t)b->nincremental), b->nincremental);
		comment_text(f, b->edited);
		fputs(" edited). Decide from it: verdict decide PROFILE.yaml --evidence ", f);
		comment_text(f, *s->evidence_path ? s->evidence_path : "BUILD.json");
		fputc('\n', f);
	}
	if (s->show_people)
		yaml_people(f, s);
}

/* --- JSON ------------------------------------------------------------------------------------- */

json_t *scan_build_evidence(const struct scan *s)
{
	return scan_build_json(&s->build, s->dir, s->head);
}

/* A JSON string of s; bytes that are not UTF-8 become '?'. */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	char *copy = strdup(s);
	if (!copy)
		return NULL;
	for (char *c = copy; *c; c++)
		if ((unsigned char)*c >= 0x80)
			*c = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

static json_t *field_json(const struct out_field *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "value",
			    x->kind == OUT_NUMBER ? json_real(x->number) : jstr(x->value));
	if (x->kind == OUT_NUMBER && x->number == floor(x->number) && fabs(x->number) < 1e15)
		json_object_set_new(o, "value", json_integer((json_int_t)x->number));
	json_object_set_new(o, "inferred", json_boolean(x->inferred));
	json_object_set_new(o, "evidence", jstr(x->evidence));
	return o;
}

json_t *scan_to_json(const struct scan *s)
{
	json_t *root = json_object();
	if (!root)
		return NULL;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct out_field *x = &s->fields[i];
		const char *dot = strchr(x->key, '.');
		if (!dot) {
			json_object_set_new(root, x->key, field_json(x));
			continue;
		}
		char section[16];
		snprintf(section, sizeof section, "%.*s", (int)(dot - x->key), x->key);
		json_t *sec = json_object_get(root, section);
		if (!sec) {
			sec = json_object();
			json_object_set_new(root, section, sec);
		}
		json_object_set_new(sec, dot + 1, field_json(x));
	}
	{
		json_t *list = json_array();
		for (size_t i = 0; i < s->deps.nfamilies; i++) {
			const struct scan_family *fam = &s->deps.families[i];
			json_t *r = json_object();
			json_object_set_new(r, "language",
					    json_string(fam->eco == ECO_NODE
							    ? "typescript"
							    : manifest_eco_name(fam->eco)));
			json_object_set_new(r, "what", jstr(fam->rule->family));
			json_object_set_new(r, "share", json_string("some"));
			json_object_set_new(r, "packages", json_integer((json_int_t)fam->packages));
			json_object_set_new(r, "evidence", jstr(fam->names));
			json_array_append_new(list, r);
		}
		json_t *reuses = json_object();
		json_object_set_new(reuses, "value", list);
		json_object_set_new(reuses, "inferred", json_boolean(s->deps.nfamilies > 0));
		json_object_set_new(reuses, "evidence",
				    json_string("the largest dependency families the KB names "
						"(data/kb/dependencies.yaml)"));
		json_object_set_new(root, "reuses", reuses);
	}
	const struct scan_code *c = &s->code;
	const struct scan_history *h = &s->hist;
	json_t *info = json_object();
	json_object_set_new(info, "repository", jstr(s->dir));
	json_object_set_new(info, "head", json_string(s->head));
	json_object_set_new(info, "head_date", json_string(s->head_date));
	json_object_set_new(info, "branch", s->detached ? json_null() : jstr(s->branch));
	json_object_set_new(info, "detached", json_boolean(s->detached));
	json_object_set_new(info, "shallow", json_boolean(h->shallow));
	json_object_set_new(info, "commits_walked", json_integer((json_int_t)h->commits));
	json_object_set_new(info, "window_days", json_integer(h->window_days));
	json_object_set_new(info, "files", json_integer((json_int_t)c->nfiles));
	json_object_set_new(info, "submodules", json_integer((json_int_t)c->submodules));
	json_t *langs = json_array();
	for (int l = 0; l < SCAN_LANGS; l++)
		if (c->bytes[l]) {
			json_t *x = json_object();
			json_object_set_new(x, "name", json_string(scan_lang_name(l)));
			json_object_set_new(x, "bytes", json_integer((json_int_t)c->bytes[l]));
			json_object_set_new(x, "files", json_integer((json_int_t)c->files_of[l]));
			json_object_set_new(x, "share", json_real(round(share(c, l) * 1e4) / 1e4));
			json_array_append_new(langs, x);
		}
	json_object_set_new(info, "languages", langs);
	json_object_set_new(info, "set_aside",
			    json_pack("{s:I, s:I, s:I, s:I}", "vendored",
				      (json_int_t)c->by_class[CLASS_VENDORED], "generated",
				      (json_int_t)c->by_class[CLASS_GENERATED], "documentation",
				      (json_int_t)c->by_class[CLASS_DOCUMENTATION],
				      "reclassified_by_gitattributes", (json_int_t)c->overridden));
	json_t *pk = json_object();
	for (int eco = 0; eco < ECO_COUNT; eco++)
		json_object_set_new(pk, manifest_eco_name((enum scan_eco)eco),
				    json_pack("{s:I, s:I, s:f, s:b}", "manifests",
					      (json_int_t)s->deps.manifests[eco], "packages",
					      (json_int_t)s->deps.packages[eco], "share",
					      round(s->deps.share[eco] * 1e4) / 1e4, "counted",
					      s->deps.significant[eco]));
	json_object_set_new(info, "dependencies", pk);
	json_t *notes = json_array();
	for (size_t i = 0; i < s->notes.n; i++)
		json_array_append_new(notes, jstr(s->notes.line[i]));
	json_object_set_new(info, "notes", notes);
	json_object_set_new(root, "scan", info);
	if (s->show_people) {
		json_t *people = json_array();
		for (size_t i = 0; i < h->npeople; i++) {
			const struct scan_person *p = &h->people[i];
			if (!p->in_window)
				continue;
			json_t *x = json_object();
			json_object_set_new(x, "name", jstr(p->name));
			json_object_set_new(x, "email", jstr(p->email));
			json_object_set_new(x, "commits", json_integer(p->window_commits));
			json_object_set_new(x, "bot", json_boolean(p->bot));
			json_object_set_new(x, "go", json_boolean(p->go));
			json_object_set_new(x, "rust", json_boolean(p->rust));
			json_object_set_new(x, "hire", json_boolean(p->hire));
			json_object_set_new(x, "silent", json_boolean(p->silent));
			json_array_append_new(people, x);
		}
		json_object_set_new(root, "people", people);
	}
	json_t *ev = scan_build_evidence(s);
	if (ev)
		json_object_set_new(root, "build", ev);
	return root;
}
