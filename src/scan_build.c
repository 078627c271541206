/*
 * scan_build — `verdict scan --build`: the repository's own build, timed as the lab times its
 * workloads (src/lab/buildtime.c, src/lab/proc.c). HEAD's tree is exported into a directory of
 * its own (the user's work tree is never touched), the dependencies are fetched first and not
 * timed, then 3 clean builds (a fresh build cache each) and 5 incremental ones (the Go or Rust
 * file the window's commits changed most, else the largest, edited by one line) are timed. The
 * result is evidence for `decide --evidence` (evidence.c reads kind "scan-build"): the measured
 * build time replaces the published one of the repository's language in the CI cost, and the
 * other language's is the published ratio applied to it.
 */
#include "scan_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lab/buildtime.h"
#include "lab/machine.h"
#include "lab/run.h"
#include "lab/workdir.h"

#define CLEAN_RUNS	 3
#define INCREMENTAL_RUNS 5

static bool is_manifest(const struct scan_file *f, const char *name)
{
	const char *b = strrchr(f->path, '/');
	b = b ? b + 1 : f->path;
	return strcmp(b, name) == 0 && f->cls != CLASS_VENDORED && !strstr(f->path, "testdata/");
}

static size_t depth(const char *path)
{
	size_t d = 0;
	for (; *path; path++)
		d += *path == '/';
	return d;
}

/* The shallowest go.mod or Cargo.toml of the language with more code: the module to build. */
static const struct scan_file *project(const struct scan_code *code, int *lang)
{
	const struct scan_file *best[2] = {NULL, NULL};
	static const char *const names[2] = {"go.mod", "Cargo.toml"};
	for (size_t i = 0; i < code->nfiles; i++)
		for (int l = 0; l < 2; l++)
			if (is_manifest(&code->files[i], names[l]) &&
			    (!best[l] || depth(code->files[i].path) < depth(best[l]->path)))
				best[l] = &code->files[i];
	unsigned long long go = code->bytes[scan_lang_lookup("Go")],
			   rust = code->bytes[scan_lang_lookup("Rust")];
	*lang = best[LANG_GO] && (!best[LANG_RUST] || go >= rust) ? LANG_GO : LANG_RUST;
	return best[*lang];
}

/* The file to edit for incremental builds: the window's most changed, else the program's own
 * (main.go, src/main.rs, src/lib.rs) nearest the module's top, else the first source file of
 * the language under the module's directory. */
static void pick_edit(const struct scan_code *code, const struct scan_history *h, int lang,
		      const char *module, char *out, size_t size)
{
	size_t ml = strlen(module);
	const char *ext = lang == LANG_GO ? ".go" : ".rs";
	const char *hot = h->hot[lang == LANG_GO ? 0 : 1];
	if (*hot && strncmp(hot, module, ml) == 0 && scan_code_find(code, hot)) {
		snprintf(out, size, "%s", hot);
		return;
	}
	const struct scan_file *first = NULL, *main_file = NULL;
	for (size_t i = 0; i < code->nfiles; i++) {
		const struct scan_file *f = &code->files[i];
		size_t n = strlen(f->path);
		if (f->cls != CLASS_SOURCE || strncmp(f->path, module, ml) != 0 || n < 4 ||
		    strcmp(f->path + n - 3, ext) != 0 || strstr(f->path, "_test.go"))
			continue;
		if (!first)
			first = f;
		const char *rel = f->path + ml;
		const char *b = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
		bool own = lang == LANG_GO
			       ? strcmp(b, "main.go") == 0
			       : strcmp(rel, "src/main.rs") == 0 || strcmp(rel, "src/lib.rs") == 0;
		if (own && (!main_file || depth(f->path) < depth(main_file->path)))
			main_file = f;
	}
	const struct scan_file *pick = main_file ? main_file : first;
	snprintf(out, size, "%s", pick ? pick->path : "");
}

static void progress(const struct scan_options *o, const char *what, int k, int n)
{
	if (o->progress) {
		fprintf(o->progress, "verdict scan --build: %s %d/%d\n", what, k, n);
		fflush(o->progress);
	}
}

/* Exports HEAD's tree into dir (the user's work tree and index are not touched). */
static int export_tree(git_repository *repo, const char *repo_dir, const git_commit *head,
		       const char *dir, struct err *e)
{
	git_checkout_options opts;
	if (git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION) != 0)
		return err_internal(e, "libgit2: cannot set up a checkout");
	opts.checkout_strategy =
	    GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DONT_UPDATE_INDEX | GIT_CHECKOUT_DONT_WRITE_INDEX;
	opts.target_directory = dir;
	if (git_checkout_tree(repo, (const git_object *)head, &opts) != 0)
		return scan_git_error(e, repo_dir, "--build: cannot export HEAD's tree");
	return 0;
}

static int run_builds(const struct scan_options *o, struct build_recipe *fetch, const char *work,
		      const char *module_dir, const char *edit_path, struct toolchain *t,
		      struct scan_build *b, struct err *e)
{
	char why[1024];
	progress(o, "fetching the dependencies (not timed)", 1, 1);
	int rc = buildtime_run(fetch, NULL, NULL, why, sizeof why, e);
	if (rc != 0)
		return rc < 0 ? -1 : err_input(e, o->dir, 0, "--build: %s", why);
	struct build_recipe r;
	char cache[PATH_MAX], tmp[PATH_MAX], out[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s/gotmp", work);
	snprintf(out, sizeof out, "%s/bin/", work);
	bool locked = false;
	char lock[PATH_MAX];
	snprintf(lock, sizeof lock, "%s/Cargo.lock", module_dir);
	locked = access(lock, R_OK) == 0;
	for (int k = 0; k < CLEAN_RUNS; k++) {
		progress(o, "clean build", k + 1, CLEAN_RUNS);
		if (b->lang == LANG_GO) {
			snprintf(cache, sizeof cache, "%s/gocache-%d", work, k);
			buildtime_go(&r, t[TOOL_GO].path, module_dir, "./...", cache, tmp, out);
		} else {
			snprintf(cache, sizeof cache, "%s/target-%d", work, k);
			buildtime_rust(&r, t[TOOL_CARGO].path, module_dir, cache, locked);
		}
		rc = buildtime_run(&r, &b->clean_s[k], &b->clean_cpu_s[k], why, sizeof why, e);
		if (rc != 0)
			return rc < 0 ? -1 : err_input(e, o->dir, 0, "--build: %s", why);
		b->nclean++;
	}
	snprintf(b->command, sizeof b->command, "%s", r.command);
	for (int k = 0; k < INCREMENTAL_RUNS; k++) {
		progress(o, "incremental build", k + 1, INCREMENTAL_RUNS);
		if (buildtime_edit(edit_path, k, e) != 0)
			return -1;
		rc = buildtime_run(&r, &b->incremental_s[k], NULL, why, sizeof why, e);
		if (rc != 0)
			return rc < 0 ? -1 : err_input(e, o->dir, 0, "--build: %s", why);
		b->nincremental++;
	}
	return 0;
}

int scan_build_run(git_repository *repo, const struct scan_options *o, const git_commit *head,
		   const struct scan_code *code, const struct scan_history *h, struct scan_build *b,
		   struct err *e)
{
	memset(b, 0, sizeof *b);
	int lang;
	const struct scan_file *manifest = project(code, &lang);
	if (!manifest)
		return err_input(e, o->dir, 0,
				 "--build measures Go (go.mod) and Rust (Cargo.toml) projects: "
				 "HEAD's tree has neither");
	b->lang = lang;
	size_t ml = strlen(manifest->path) - strlen(lang == LANG_GO ? "go.mod" : "Cargo.toml");
	snprintf(b->module, sizeof b->module, "%.*s", (int)ml, manifest->path);
	pick_edit(code, h, lang, b->module, b->edited, sizeof b->edited);
	if (!*b->edited)
		return err_input(e, o->dir, 0, "--build: no %s source file under %s to edit",
				 lang == LANG_GO ? "Go" : "Rust",
				 *b->module ? b->module : "the top");
	struct toolchain t[TOOL_COUNT];
	toolchains_detect(t);
	enum tool need = lang == LANG_GO ? TOOL_GO : TOOL_CARGO;
	if (!t[need].found || (lang == LANG_RUST && !t[TOOL_RUSTC].found))
		return err_input(e, o->dir, 0, "--build needs %s on the PATH: install it with %s",
				 tool_name(need), t[need].install);
	snprintf(b->tool_version, sizeof b->tool_version, "%s",
		 t[lang == LANG_GO ? TOOL_GO : TOOL_RUSTC].version);
	struct machine m;
	machine_read(&m);
	snprintf(b->host, sizeof b->host, "%s", m.host);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(b->started, sizeof b->started, "%Y-%m-%dT%H:%M:%SZ", &tm);

	/* a run directory of the lab's kind: locked while it lives, so a sweep never takes it */
	const char *base = o->build_dir ? o->build_dir : getenv("TMPDIR");
	struct workdir wd = {.path = "", .lock_fd = -1};
	if (workdir_create(base && *base ? base : "/tmp", &wd, e) != 0)
		return -1;
	char src[PATH_MAX], module_dir[PATH_MAX], edit_path[PATH_MAX], gotmp[PATH_MAX];
	snprintf(src, sizeof src, "%s/src", wd.path);
	snprintf(module_dir, sizeof module_dir, "%s/%s", src, b->module);
	snprintf(edit_path, sizeof edit_path, "%s/%s", src, b->edited);
	snprintf(gotmp, sizeof gotmp, "%s/gotmp", wd.path);
	int rc = export_tree(repo, o->dir, head, src, e);
	if (rc == 0 && mkdir(gotmp, 0755) != 0)
		rc = err_internal(e, "%s: cannot create: %s", gotmp, strerror(errno));
	if (rc == 0) {
		struct build_recipe fetch;
		char cache[PATH_MAX], lock[PATH_MAX];
		snprintf(cache, sizeof cache, "%s/gocache-fetch", wd.path);
		snprintf(lock, sizeof lock, "%s/Cargo.lock", module_dir);
		if (lang == LANG_GO)
			buildtime_go_fetch(&fetch, t[TOOL_GO].path, module_dir, cache, gotmp);
		else
			buildtime_rust_fetch(&fetch, t[TOOL_CARGO].path, module_dir,
					     access(lock, R_OK) == 0);
		rc = run_builds(o, &fetch, wd.path, module_dir, edit_path, t, b, e);
	}
	workdir_remove(&wd);
	b->done = rc == 0;
	return rc;
}

/* --- the evidence ----------------------------------------------------------------------------- */

json_t *scan_build_json(const struct scan_build *b, const char *dir, const char *head)
{
	if (!b->done)
		return NULL;
	const char *lang = b->lang == LANG_GO ? "go" : "rust";
	json_t *tool = json_pack("{s:s}", "version", b->tool_version);
	json_t *tc = json_object();
	json_object_set_new(tc, b->lang == LANG_GO ? "go" : "rustc", tool);
	json_t *build = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "command", b->command, "module",
				  *b->module ? b->module : ".", "edited", b->edited, "clean_s",
				  lab_stat(b->clean_s, (size_t)b->nclean), "clean_cpu_s",
				  lab_stat(b->clean_cpu_s, (size_t)b->nclean), "incremental_s",
				  lab_stat(b->incremental_s, (size_t)b->nincremental));
	return json_pack("{s:i, s:s, s:s, s:{s:s}, s:o, s:{s:s, s:s}, s:s, s:o}", "results_version",
			 1, "kind", "scan-build", "started", b->started, "machine", "host", b->host,
			 "toolchains", tc, "repository", "path", dir, "head", head, "language",
			 lang, "build", build);
}
