/*
 * scan_code — HEAD's tree classified the way GitHub's linguist builds its language bar: every
 * file gets a language from its extension or name, then vendored code (vendor.yml), generated
 * code (generated.rb: by path, and by the "Code generated ... DO NOT EDIT" kind of header) and
 * documentation (documentation.yml) are set aside, and .gitattributes may override each of
 * these (linguist-vendored, -generated, -documentation, -language, -detectable). Only
 * programming and markup languages count; data (JSON, YAML) and prose do not. The tables below
 * are the common rules of linguist's lists, not all of them.
 */
#include "scan_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONTENT_CHECK_MAX (256u << 10) /* larger source files are not read for a header */

/* --- languages -------------------------------------------------------------------------------- */

struct lang_def {
	const char *name;	/* linguist's name */
	const char *extensions; /* space-separated, with the dot */
	const char *filenames;	/* space-separated exact names, or NULL */
	const char *current;	/* the profile's current_language ("other" for a programming
				 * language it has no value for), or NULL for markup, build
				 * and configuration files, which are never what ships */
	const char *background; /* the profile's team.background, or NULL */
};

static const struct lang_def langs[] = {
    {"Go", ".go", NULL, "go", "go"},
    {"Rust", ".rs", NULL, "rust", "rust"},
    {"C", ".c .h", NULL, "c", "c"},
    {"C++", ".cc .cpp .cxx .c++ .hh .hpp .hxx .h++ .ipp .inl", NULL, "cpp", "cpp"},
    {"Python", ".py .pyi .pyx", NULL, "python", "python"},
    {"JavaScript", ".js .mjs .cjs .jsx", NULL, "node", "typescript"},
    {"TypeScript", ".ts .tsx .mts .cts", NULL, "node", "typescript"},
    {"Java", ".java", NULL, "java", "java"},
    {"Kotlin", ".kt .kts", NULL, "java", "java"},
    {"Scala", ".scala .sc", NULL, "java", "java"},
    {"Groovy", ".groovy .gradle", NULL, NULL, NULL},
    {"C#", ".cs", NULL, "other", NULL},
    {"F#", ".fs .fsx", NULL, "other", NULL},
    {"Ruby", ".rb .rake .gemspec", "Rakefile Gemfile", "ruby", NULL},
    {"PHP", ".php", NULL, "other", NULL},
    {"Swift", ".swift", NULL, "other", NULL},
    {"Objective-C", ".m .mm", NULL, "other", NULL},
    {"Dart", ".dart", NULL, "other", NULL},
    {"Elixir", ".ex .exs", NULL, "other", NULL},
    {"Erlang", ".erl .hrl", NULL, "other", NULL},
    {"Haskell", ".hs", NULL, "other", NULL},
    {"OCaml", ".ml .mli", NULL, "other", NULL},
    {"Clojure", ".clj .cljs .cljc", NULL, "other", NULL},
    {"Zig", ".zig", NULL, "other", NULL},
    {"Nim", ".nim", NULL, "other", NULL},
    {"Lua", ".lua", NULL, "other", NULL},
    {"Perl", ".pl .pm", NULL, "other", NULL},
    {"R", ".r .R", NULL, "other", NULL},
    {"Julia", ".jl", NULL, "other", NULL},
    {"Fortran", ".f .f90 .f95 .for", NULL, "other", NULL},
    {"Cuda", ".cu .cuh", NULL, "other", NULL},
    {"Assembly", ".s .S .asm", NULL, "other", NULL},
    {"Solidity", ".sol", NULL, "other", NULL},
    {"Shell", ".sh .bash .zsh .ksh", NULL, NULL, NULL},
    {"PowerShell", ".ps1 .psm1", NULL, NULL, NULL},
    {"Makefile", ".mk .mak", "Makefile GNUmakefile makefile", NULL, NULL},
    {"CMake", ".cmake", "CMakeLists.txt", NULL, NULL},
    {"Starlark", ".bzl .star", "BUILD BUILD.bazel WORKSPACE", NULL, NULL},
    {"Dockerfile", ".dockerfile", "Dockerfile Containerfile", NULL, NULL},
    {"Nix", ".nix", NULL, NULL, NULL},
    {"HCL", ".tf .hcl", NULL, NULL, NULL},
    {"Vim Script", ".vim", NULL, NULL, NULL},
    {"Emacs Lisp", ".el", NULL, NULL, NULL},
    {"HTML", ".html .htm", NULL, NULL, NULL},
    {"CSS", ".css", NULL, NULL, NULL},
    {"SCSS", ".scss .sass", NULL, NULL, NULL},
    {"Less", ".less", NULL, NULL, NULL},
    {"Vue", ".vue", NULL, NULL, NULL},
    {"Svelte", ".svelte", NULL, NULL, NULL},
    {"GLSL", ".glsl .vert .frag", NULL, NULL, NULL},
    {"WebAssembly", ".wat", NULL, NULL, NULL},
};
#define NLANGS ((int)(sizeof langs / sizeof langs[0]))
_Static_assert(sizeof langs / sizeof langs[0] <= SCAN_LANGS, "SCAN_LANGS is too small");

const char *scan_lang_name(int lang)
{
	return lang >= 0 && lang < NLANGS ? langs[lang].name : "none";
}

const char *scan_lang_current(int lang)
{
	return lang >= 0 && lang < NLANGS ? langs[lang].current : NULL;
}

const char *scan_lang_background(int lang)
{
	return lang >= 0 && lang < NLANGS ? langs[lang].background : NULL;
}

/* True when word (len bytes) is one of the space-separated words of list. */
static bool in_list(const char *list, const char *word, size_t len)
{
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && memcmp(p, word, n) == 0)
			return true;
		p = end ? end + 1 : p + n;
	}
	return false;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

int scan_lang_of_path(const char *path)
{
	const char *base = base_name(path);
	const char *dot = strrchr(base, '.');
	for (int i = 0; i < NLANGS; i++) {
		if (in_list(langs[i].filenames, base, strlen(base)))
			return i;
		if (dot && dot != base && in_list(langs[i].extensions, dot, strlen(dot)))
			return i;
	}
	return -1;
}

int scan_lang_lookup(const char *name)
{
	for (int i = 0; i < NLANGS; i++)
		if (strcasecmp(langs[i].name, name) == 0)
			return i;
	return -1;
}

/* --- linguist's path rules -------------------------------------------------------------------- */

enum rule_kind {
	DIR_ANY,	/* a directory of that name anywhere */
	DIR_ROOT,	/* a directory of that name at the top */
	BASE,		/* the file's name */
	BASE_OR_DOTTED, /* the file's name, alone or before a dot: README, README.md */
	SUFFIX,		/* the path's end */
};

struct path_rule {
	enum rule_kind kind;
	const char *text;
	bool icase;
};

/* vendor.yml */
static const struct path_rule vendored[] = {
    {DIR_ANY, "node_modules", false}, {DIR_ANY, "bower_components", false},
    {DIR_ANY, "vendor", false},	      {DIR_ANY, "vendors", false},
    {DIR_ANY, "third_party", true},   {DIR_ANY, "third-party", true},
    {DIR_ANY, "thirdparty", true},    {DIR_ANY, "3rdparty", false},
    {DIR_ANY, "3rd_party", false},    {DIR_ANY, "3rd-party", false},
    {DIR_ANY, "extern", false},	      {DIR_ANY, "external", false},
    {DIR_ANY, "Godeps", false},	      {DIR_ANY, ".yarn", false},
    {DIR_ANY, "Pods", false},	      {DIR_ANY, "Carthage", false},
    {DIR_ANY, "cache", false},	      {DIR_ANY, "dist", false},
    {DIR_ROOT, "deps", false},	      {DIR_ROOT, "dependencies", true},
    {SUFFIX, ".min.js", false},	      {SUFFIX, ".min.css", false},
    {SUFFIX, "-vendor.js", false},    {BASE, "gradlew", false},
    {BASE, "gradlew.bat", false},     {BASE, "mvnw", false},
    {BASE, "mvnw.cmd", false},	      {BASE, "config.guess", false},
    {BASE, "config.sub", false},      {BASE, "ltmain.sh", false},
    {BASE, "install-sh", false},      {BASE, "depcomp", false},
};

/* documentation.yml */
static const struct path_rule documentation[] = {
    {DIR_ROOT, "docs", true},
    {DIR_ROOT, "doc", true},
    {DIR_ROOT, "man", true},
    {DIR_ROOT, "examples", true},
    {DIR_ROOT, "demo", true},
    {DIR_ROOT, "demos", true},
    {DIR_ANY, "documentation", true},
    {DIR_ANY, "samples", true},
    {DIR_ANY, "sample", true},
    {DIR_ANY, "javadoc", true},
    {DIR_ANY, "groovydoc", true},
    {BASE_OR_DOTTED, "README", true},
    {BASE_OR_DOTTED, "CHANGELOG", true},
    {BASE_OR_DOTTED, "CHANGES", true},
    {BASE_OR_DOTTED, "CONTRIBUTING", true},
    {BASE_OR_DOTTED, "COPYING", true},
    {BASE_OR_DOTTED, "INSTALL", true},
    {BASE_OR_DOTTED, "LICENSE", true},
    {BASE_OR_DOTTED, "LICENCE", true},
};

/* generated.rb, the checks made from the path alone */
static const struct path_rule generated[] = {
    {SUFFIX, ".pb.go", false},	  {SUFFIX, "_pb2.py", false},	    {SUFFIX, "_pb2_grpc.py", false},
    {SUFFIX, ".pb.cc", false},	  {SUFFIX, ".pb.h", false},	    {SUFFIX, ".pb.c", false},
    {SUFFIX, ".pb-c.c", false},	  {SUFFIX, ".pb-c.h", false},	    {SUFFIX, ".designer.cs", false},
    {SUFFIX, ".g.dart", false},	  {SUFFIX, ".freezed.dart", false}, {SUFFIX, "_pb.js", false},
    {SUFFIX, ".pb.swift", false}, {SUFFIX, ".js.map", false},
};

static int cmp(const char *a, const char *b, size_t n, bool icase)
{
	return icase ? strncasecmp(a, b, n) : strncmp(a, b, n);
}

static bool rule_matches(const struct path_rule *r, const char *path)
{
	size_t t = strlen(r->text);
	const char *base = base_name(path);
	switch (r->kind) {
	case DIR_ROOT:
		return strlen(path) > t && path[t] == '/' && cmp(path, r->text, t, r->icase) == 0;
	case DIR_ANY:
		for (const char *p = path; p < base;) {
			const char *slash = strchr(p, '/');
			if ((size_t)(slash - p) == t && cmp(p, r->text, t, r->icase) == 0)
				return true;
			p = slash + 1;
		}
		return false;
	case BASE:
		return strlen(base) == t && cmp(base, r->text, t, r->icase) == 0;
	case BASE_OR_DOTTED:
		return cmp(base, r->text, t, r->icase) == 0 && (base[t] == '\0' || base[t] == '.');
	case SUFFIX: {
		size_t n = strlen(path);
		return n >= t && cmp(path + n - t, r->text, t, r->icase) == 0;
	}
	}
	return false;
}

static bool any_rule(const struct path_rule *rules, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (rule_matches(&rules[i], path))
			return true;
	return false;
}

#define ANY(rules, path) any_rule(rules, sizeof rules / sizeof rules[0], path)

enum code_class scan_class_of_path(const char *path, int lang)
{
	if (ANY(vendored, path))
		return CLASS_VENDORED;
	if (ANY(generated, path))
		return CLASS_GENERATED;
	if (ANY(documentation, path))
		return CLASS_DOCUMENTATION;
	return lang >= 0 ? CLASS_SOURCE : CLASS_OTHER;
}

/* --- reading objects -------------------------------------------------------------------------- */

int scan_git_error(struct err *e, const char *dir, const char *what)
{
	const git_error *g = git_error_last();
	return err_input(e, dir, 0, "%s: %s", what, g && g->message ? g->message : "unknown error");
}

void *scan_grow(void *items, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 64;
	void *p = realloc(items, ncap * size);
	if (p)
		*cap = ncap;
	return p;
}

void scan_note(struct scan_notes *n, const char *fmt, ...)
{
	if (n->n == SCAN_MAX_NOTES) {
		n->dropped++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(n->line[n->n++], SCAN_NOTE, fmt, ap);
	va_end(ap);
}

int scan_blob(git_repository *repo, const char *dir, const git_oid *oid, size_t max, char **buf,
	      size_t *len, struct err *e)
{
	*buf = NULL;
	*len = 0;
	git_odb *odb = NULL;
	size_t size = 0;
	git_object_t type;
	if (git_repository_odb(&odb, repo) != 0)
		return scan_git_error(e, dir, "cannot open the object database");
	int rc = git_odb_read_header(&size, &type, odb, oid);
	git_odb_free(odb);
	if (rc != 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, oid);
		char what[96];
		snprintf(what, sizeof what, "cannot read object %s", hex);
		return scan_git_error(e, dir, what);
	}
	if (size > max)
		return 1;
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, repo, oid) != 0)
		return scan_git_error(e, dir, "cannot read a file of HEAD's tree");
	size_t n = (size_t)git_blob_rawsize(blob);
	*buf = malloc(n + 1);
	if (!*buf) {
		git_blob_free(blob);
		return err_internal(e, "out of memory");
	}
	memcpy(*buf, git_blob_rawcontent(blob), n);
	(*buf)[n] = '\0';
	*len = n;
	git_blob_free(blob);
	return 0;
}

/* --- the tree --------------------------------------------------------------------------------- */

struct walk {
	struct scan_code *c;
	size_t cap;
	size_t path_bytes;
	struct err *e;
	bool too_many;
};

static int collect(const char *root, const git_tree_entry *entry, void *payload)
{
	struct walk *w = payload;
	git_filemode_t mode = git_tree_entry_filemode(entry);
	if (mode == GIT_FILEMODE_COMMIT) {
		w->c->submodules++;
		return 0;
	}
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE &&
	    mode != GIT_FILEMODE_LINK)
		return 0;
	if (w->c->nfiles == SCAN_MAX_FILES) {
		w->too_many = true;
		return -1;
	}
	struct scan_file *files = scan_grow(w->c->files, &w->cap, w->c->nfiles, sizeof *files);
	if (!files)
		return -1;
	w->c->files = files;
	const char *name = git_tree_entry_name(entry);
	size_t n = strlen(root) + strlen(name) + 1;
	char *path = malloc(n);
	if (!path)
		return -1;
	snprintf(path, n, "%s%s", root, name);
	struct scan_file *f = &w->c->files[w->c->nfiles++];
	memset(f, 0, sizeof *f);
	f->path = path;
	git_oid_cpy(&f->oid, git_tree_entry_id(entry));
	f->link = mode == GIT_FILEMODE_LINK;
	return 0;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct scan_file *)a)->path, ((const struct scan_file *)b)->path);
}

const struct scan_file *scan_code_find(const struct scan_code *c, const char *path)
{
	struct scan_file key = {.path = (char *)path};
	return bsearch(&key, c->files, c->nfiles, sizeof key, by_path);
}

/* True when a .gitattributes file of the tree mentions linguist's attributes. */
static int linguist_attributes(git_repository *repo, const char *dir, struct scan_code *c,
			       struct err *e)
{
	for (size_t i = 0; i < c->nfiles; i++) {
		if (strcmp(base_name(c->files[i].path), ".gitattributes") != 0 || c->files[i].link)
			continue;
		char *buf;
		size_t len;
		int rc = scan_blob(repo, dir, &c->files[i].oid, 1u << 20, &buf, &len, e);
		if (rc < 0)
			return -1;
		if (rc == 0 && strstr(buf, "linguist-"))
			c->attributes = true;
		free(buf);
	}
	return 0;
}

/* Applies .gitattributes to f: 1 when it changed the file's class or language. */
static int apply_attributes(git_repository *repo, const git_commit *head, struct scan_file *f,
			    bool *vend, bool *gen, bool *doc, bool *undetectable)
{
	static const char *names[] = {"linguist-vendored", "linguist-generated",
				      "linguist-documentation", "linguist-language",
				      "linguist-detectable"};
	const char *v[5] = {0};
	git_attr_options opts;
	memset(&opts, 0, sizeof opts);
	opts.version = GIT_ATTR_OPTIONS_VERSION;
	opts.flags =
	    GIT_ATTR_CHECK_INDEX_ONLY | GIT_ATTR_CHECK_NO_SYSTEM | GIT_ATTR_CHECK_INCLUDE_COMMIT;
	git_oid_cpy(&opts.attr_commit_id, git_commit_id(head));
	if (git_attr_get_many_ext(v, repo, &opts, f->path, 5, names) != 0)
		return 0;
	int changed = 0;
	bool *flags[3] = {vend, gen, doc};
	for (int i = 0; i < 3; i++) {
		git_attr_value_t t = git_attr_value(v[i]);
		bool set = t == GIT_ATTR_VALUE_TRUE ||
			   (t == GIT_ATTR_VALUE_STRING && strcmp(v[i], "true") == 0);
		bool unset = t == GIT_ATTR_VALUE_FALSE ||
			     (t == GIT_ATTR_VALUE_STRING && strcmp(v[i], "false") == 0);
		if ((set && !*flags[i]) || (unset && *flags[i])) {
			*flags[i] = set;
			changed = 1;
		}
	}
	if (git_attr_value(v[3]) == GIT_ATTR_VALUE_STRING) {
		int l = scan_lang_lookup(v[3]);
		if (l != f->lang) {
			f->lang = l;
			changed = 1;
		}
	}
	git_attr_value_t d = git_attr_value(v[4]);
	if (d == GIT_ATTR_VALUE_FALSE ||
	    (d == GIT_ATTR_VALUE_STRING && strcmp(v[4], "false") == 0)) {
		*undetectable = true;
		changed = 1;
	}
	return changed;
}

int scan_code_read(git_repository *repo, const char *dir, const git_commit *head,
		   struct scan_code *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	git_tree *tree = NULL;
	if (git_commit_tree(&tree, head) != 0)
		return scan_git_error(e, dir, "cannot read HEAD's tree");
	struct walk w = {.c = c, .e = e};
	int rc = git_tree_walk(tree, GIT_TREEWALK_PRE, collect, &w);
	git_tree_free(tree);
	if (w.too_many)
		return err_input(e, dir, 0, "HEAD's tree has more than %d files: not scanned",
				 SCAN_MAX_FILES);
	if (rc != 0)
		return git_error_last() && git_error_last()->klass != GIT_ERROR_NOMEMORY
			   ? scan_git_error(e, dir, "cannot read HEAD's tree")
			   : err_internal(e, "out of memory");
	qsort(c->files, c->nfiles, sizeof *c->files, by_path);
	if (linguist_attributes(repo, dir, c, e) != 0)
		return -1;
	git_odb *odb = NULL;
	if (git_repository_odb(&odb, repo) != 0)
		return scan_git_error(e, dir, "cannot open the object database");
	for (size_t i = 0; i < c->nfiles; i++) {
		struct scan_file *f = &c->files[i];
		f->lang = f->link ? -1 : scan_lang_of_path(f->path);
		bool vend = ANY(vendored, f->path), gen = ANY(generated, f->path),
		     doc = ANY(documentation, f->path), undetectable = false, gen_fixed = false;
		if (c->attributes && !f->link) {
			bool was_gen = gen;
			c->overridden += (size_t)apply_attributes(repo, head, f, &vend, &gen, &doc,
								  &undetectable);
			gen_fixed = gen != was_gen;
		}
		f->cls = vend				 ? CLASS_VENDORED
			 : gen				 ? CLASS_GENERATED
			 : doc				 ? CLASS_DOCUMENTATION
			 : f->lang >= 0 && !undetectable ? CLASS_SOURCE
							 : CLASS_OTHER;
		if (f->cls != CLASS_SOURCE) {
			c->by_class[f->cls]++;
			continue;
		}
		size_t size = 0;
		git_object_t type;
		if (git_odb_read_header(&size, &type, odb, &f->oid) != 0) {
			git_odb_free(odb);
			return scan_git_error(e, dir, "cannot read a file of HEAD's tree");
		}
		if (!gen_fixed && size <= CONTENT_CHECK_MAX) {
			char *buf;
			size_t len;
			if (scan_blob(repo, dir, &f->oid, CONTENT_CHECK_MAX, &buf, &len, e) < 0) {
				git_odb_free(odb);
				return -1;
			}
			bool generated_header = manifest_generated(buf, len);
			free(buf);
			if (generated_header) {
				f->cls = CLASS_GENERATED;
				c->by_class[CLASS_GENERATED]++;
				continue;
			}
		}
		c->by_class[CLASS_SOURCE]++;
		c->bytes[f->lang] += size;
		c->files_of[f->lang]++;
		c->counted_bytes += size;
	}
	git_odb_free(odb);
	return 0;
}

void scan_code_free(struct scan_code *c)
{
	for (size_t i = 0; i < c->nfiles; i++)
		free(c->files[i].path);
	free(c->files);
	memset(c, 0, sizeof *c);
}
