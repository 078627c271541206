/*
 * scan_deps — the repository's dependencies, files and code facts, through the KB's table
 * (data/kb/dependencies.yaml). Every manifest and Go or Rust source of HEAD's tree that is not
 * vendored is read (scan_manifest.c); what they name is collected once per package; then each
 * table entry is matched in file order, and for each profile field the first entry that matches
 * sets it. Packages count only in an ecosystem whose languages make `significant_share` of the
 * code, so a repository's test tools or side programs in another language do not decide what it
 * is. A manifest that cannot be read is skipped with a note, never a failure: repositories keep
 * broken manifests as test data.
 */
#include "scan_int.h"

#include "profile.h"
#include "strset.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SOURCES	  20000	       /* Go and Rust files read for imports and facts */
#define MAX_CONTAINS	  2000	       /* files read for one entry's `contains` */
#define CONTAINS_MAX_SIZE (256u << 10) /* larger files are not searched */
#define WHERE		  160

struct dep {
	enum scan_eco eco;
	const char *name; /* borrowed from collect.names */
	unsigned kinds;	  /* 1 << enum dep_kind */
	unsigned importers;
	char where[WHERE]; /* the first file that named it */
};

struct fact {
	const char *name;
	enum scan_eco eco;
	char where[WHERE];
};

struct collect {
	struct strset names; /* "ECO:name", in the order of deps */
	struct dep *deps;
	size_t ndeps, cap;
	struct fact facts[64];
	size_t nfacts;
	const char *file;  /* the file being read */
	enum scan_eco eco; /* its ecosystem */
	bool oom;
};

static int on_dep(void *ctx, enum scan_eco eco, const char *name, enum dep_kind kind)
{
	struct collect *c = ctx;
	char key[MANIFEST_MAX_NAME + 8];
	snprintf(key, sizeof key, "%d:%s", (int)eco, name);
	size_t before = c->names.n;
	long i = strset_add(&c->names, key);
	struct dep *deps = i < 0 ? NULL : scan_grow(c->deps, &c->cap, before, sizeof *deps);
	if (!deps) {
		c->oom = true;
		return -1;
	}
	c->deps = deps;
	struct dep *d = &c->deps[i];
	if ((size_t)i == before) { /* new: named here first */
		memset(d, 0, sizeof *d);
		d->eco = eco;
		d->name = c->names.keys[i] + 2;
		snprintf(d->where, sizeof d->where, "%s", c->file);
		c->ndeps++;
	} else if (kind == DEP_DIRECT && !(d->kinds & (1u << DEP_DIRECT))) {
		/* say where the project itself names it, before any lock file */
		snprintf(d->where, sizeof d->where, "%s", c->file);
	}
	d->kinds |= 1u << kind;
	d->importers += kind == DEP_IMPORT;
	return 0;
}

static enum scan_eco fact_eco(const char *f, enum scan_eco file_eco)
{
	if (strncmp(f, "go-", 3) == 0 || strcmp(f, "cgo-export") == 0)
		return ECO_GO;
	if (strncmp(f, "node-", 5) == 0 || strcmp(f, "napi") == 0)
		return ECO_NODE;
	if (strcmp(f, "python-scripts") == 0)
		return ECO_PYTHON;
	if (strcmp(f, "maturin") == 0)
		return file_eco;
	return ECO_RUST;
}

static int add_fact(struct collect *c, const char *f, enum scan_eco eco, const char *where)
{
	for (size_t i = 0; i < c->nfacts; i++)
		if (strcmp(c->facts[i].name, f) == 0 && c->facts[i].eco == eco)
			return 0;
	if (c->nfacts == sizeof c->facts / sizeof c->facts[0])
		return 0;
	for (size_t k = 0; manifest_facts[k]; k++)
		if (strcmp(manifest_facts[k], f) == 0)
			c->facts[c->nfacts].name = manifest_facts[k];
	if (!c->facts[c->nfacts].name)
		return 0;
	c->facts[c->nfacts].eco = eco;
	snprintf(c->facts[c->nfacts].where, WHERE, "%s", where);
	c->nfacts++;
	return 0;
}

static int on_fact(void *ctx, const char *f)
{
	struct collect *c = ctx;
	return add_fact(c, f, fact_eco(f, c->eco), c->file);
}

/* --- reading the tree ------------------------------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

/* Go's tools ignore testdata directories, and so does scan: they hold fixtures. */
static bool fixture(const char *path)
{
	return strncmp(path, "testdata/", 9) == 0 || strstr(path, "/testdata/") != NULL;
}

enum reader {
	R_NONE,
	R_GO_MOD,
	R_CARGO,
	R_CARGO_LOCK,
	R_PACKAGE_JSON,
	R_PYPROJECT,
	R_PY_LOCK,
	R_REQUIREMENTS,
	R_GO,
	R_RUST,
};

static enum reader reader_of(const struct scan_file *f, enum scan_eco *eco)
{
	const char *b = base_name(f->path);
	*eco = ECO_GO;
	if (strcmp(b, "go.mod") == 0)
		return R_GO_MOD;
	*eco = ECO_RUST;
	if (strcmp(b, "Cargo.toml") == 0)
		return R_CARGO;
	if (strcmp(b, "Cargo.lock") == 0)
		return R_CARGO_LOCK;
	*eco = ECO_NODE;
	if (strcmp(b, "package.json") == 0)
		return R_PACKAGE_JSON;
	*eco = ECO_PYTHON;
	if (strcmp(b, "pyproject.toml") == 0)
		return R_PYPROJECT;
	if (strcmp(b, "poetry.lock") == 0 || strcmp(b, "uv.lock") == 0)
		return R_PY_LOCK;
	if ((strncmp(b, "requirements", 12) == 0 && ends_with(b, ".txt")) ||
	    ends_with(b, "-requirements.txt"))
		return R_REQUIREMENTS;
	if (f->cls != CLASS_SOURCE && f->cls != CLASS_GENERATED)
		return R_NONE;
	*eco = ECO_GO;
	if (ends_with(b, ".go"))
		return R_GO;
	*eco = ECO_RUST;
	if (ends_with(b, ".rs"))
		return R_RUST;
	return R_NONE;
}

static int read_one(enum reader r, const struct scan_file *f, const char *buf, size_t len,
		    const struct manifest_sink *s, struct err *e)
{
	const char *b = base_name(f->path);
	switch (r) {
	case R_GO_MOD:
		return manifest_go_mod(f->path, buf, len, s, e);
	case R_CARGO:
		return manifest_cargo_toml(f->path, buf, len, s, e);
	case R_CARGO_LOCK:
		return manifest_lock(f->path, ECO_RUST, buf, len, s, e);
	case R_PACKAGE_JSON:
		return manifest_package_json(f->path, buf, len, s, e);
	case R_PYPROJECT:
		return manifest_pyproject(f->path, buf, len, s, e);
	case R_PY_LOCK:
		return manifest_lock(f->path, ECO_PYTHON, buf, len, s, e);
	case R_REQUIREMENTS:
		return manifest_requirements(f->path, buf, len,
					     strstr(b, "dev") || strstr(b, "test") ||
						 strstr(b, "lint") || strstr(b, "doc"),
					     s, e);
	case R_GO:
		return manifest_go_source(f->path, buf, len, ends_with(b, "_test.go"), s, e);
	case R_RUST:
		return manifest_rust_source(f->path, buf, len, s, e);
	case R_NONE:
		break;
	}
	return 0;
}

/* A Cargo.toml whose crate has src/main.rs or src/bin/: a binary target. */
static void cargo_bins(const struct scan_code *code, const struct scan_file *f, struct collect *c)
{
	char dir[512], path[600];
	size_t n = strlen(f->path) - strlen("Cargo.toml");
	if (n >= sizeof dir)
		return;
	memcpy(dir, f->path, n);
	dir[n] = '\0';
	snprintf(path, sizeof path, "%ssrc/main.rs", dir);
	if (scan_code_find(code, path)) {
		add_fact(c, "rust-bin", ECO_RUST, path);
		return;
	}
	snprintf(path, sizeof path, "%ssrc/bin/", dir);
	size_t pl = strlen(path);
	for (size_t i = 0; i < code->nfiles; i++)
		if (strncmp(code->files[i].path, path, pl) == 0 &&
		    ends_with(code->files[i].path, ".rs")) {
			add_fact(c, "rust-bin", ECO_RUST, code->files[i].path);
			return;
		}
}

static int read_tree(git_repository *repo, const char *dir, const struct scan_code *code,
		     struct collect *c, struct scan_deps *d, struct scan_notes *notes,
		     struct err *e)
{
	struct manifest_sink sink = {.ctx = c, .dep = on_dep, .fact = on_fact};
	size_t sources = 0, cut = 0;
	for (size_t i = 0; i < code->nfiles; i++) {
		const struct scan_file *f = &code->files[i];
		if (f->link || f->cls == CLASS_VENDORED || f->cls == CLASS_DOCUMENTATION ||
		    fixture(f->path))
			continue;
		enum scan_eco eco;
		enum reader r = reader_of(f, &eco);
		if (r == R_NONE)
			continue;
		if (r == R_GO || r == R_RUST) {
			if (sources == MAX_SOURCES) {
				cut++;
				continue;
			}
			sources++;
		} else if (r != R_CARGO_LOCK && r != R_PY_LOCK) {
			d->manifests[eco]++;
		}
		if (r == R_CARGO)
			cargo_bins(code, f, c);
		char *buf;
		size_t len;
		int rc = scan_blob(repo, dir, &f->oid, MANIFEST_MAX_BYTES, &buf, &len, e);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			if (r != R_GO && r != R_RUST)
				scan_note(notes, "%s is larger than %u MB: not read", f->path,
					  MANIFEST_MAX_BYTES >> 20);
			continue;
		}
		c->file = f->path;
		c->eco = eco;
		struct err pe = {0};
		rc = read_one(r, f, buf, len, &sink, &pe);
		free(buf);
		if (c->oom)
			return err_internal(e, "out of memory");
		if (rc != 0 && pe.kind == ERR_INTERNAL)
			return err_internal(e, "%s", pe.msg);
		if (rc != 0)
			scan_note(notes, "skipped %s", pe.msg);
	}
	d->sources = sources;
	if (cut)
		scan_note(notes,
			  "read the first %d Go and Rust files for imports; %zu more not read",
			  MAX_SOURCES, cut);
	return 0;
}

/* --- the table -------------------------------------------------------------------------------- */

static bool pattern_matches(const char *pattern, const char *name, enum scan_eco eco)
{
	size_t n = strlen(pattern);
	if (n && pattern[n - 1] == '*')
		return strncmp(name, pattern, n - 1) == 0;
	if (eco == ECO_PYTHON)
		return strcasecmp(name, pattern) == 0;
	if (strncmp(name, pattern, n) != 0)
		return false;
	/* Go: the module or package and everything under it */
	return name[n] == '\0' || (eco == ECO_GO && name[n] == '/');
}

static bool counts_for_sets(const struct dep *dp)
{
	return dp->kinds & (1u << DEP_DIRECT | 1u << DEP_IMPORT);
}

/* The package of eco matching one of r's patterns among the project's own dependencies: the
 * first a manifest names, else the first the code imports; *others counts the rest of that kind. */
static const struct dep *match_package(const struct collect *c, const struct kb_dep_rule *r,
				       enum scan_eco eco, size_t *others)
{
	const struct dep *first[2] = {NULL, NULL}; /* [0] named in a manifest, [1] imported */
	size_t more[2] = {0, 0};
	for (size_t i = 0; i < c->ndeps; i++) {
		const struct dep *dp = &c->deps[i];
		if (dp->eco != eco || !counts_for_sets(dp))
			continue;
		for (size_t k = 0; k < r->nnames[eco]; k++)
			if (pattern_matches(r->names[eco][k], dp->name, eco)) {
				int kind = dp->kinds & (1u << DEP_DIRECT) ? 0 : 1;
				if (first[kind])
					more[kind]++;
				else
					first[kind] = dp;
				break;
			}
	}
	int kind = first[0] ? 0 : 1;
	*others += more[kind];
	return first[kind];
}

static void describe_dep(const struct dep *dp, char *out, size_t size)
{
	if (dp->kinds & (1u << DEP_DIRECT))
		snprintf(out, size, "%s in %s", dp->name, dp->where);
	else
		snprintf(out, size, "%s imported by %u %s file%s", dp->name, dp->importers,
			 manifest_eco_name(dp->eco)[0] == 'g' ? "Go" : "source",
			 dp->importers == 1 ? "" : "s");
}

static void describe_fact(const struct fact *f, char *out, size_t size)
{
	static const struct {
		const char *fact, *before, *after;
	} phrases[] = {
	    {"go-main", "a Go package main (", ")"},
	    {"go-server", "a server started in ", ""},
	    {"cgo-export", "cgo //export in a package main (", ")"},
	    {"rust-bin", "a Rust binary target (", ")"},
	    {"cdylib", "crate-type cdylib (", ")"},
	    {"staticlib", "crate-type staticlib (", ")"},
	    {"proc-macro", "a proc-macro crate (", ")"},
	    {"no_std", "#![no_std] in ", ""},
	    {"cargo-dist", "cargo-dist metadata in ", ""},
	    {"maturin", "built with maturin (", ")"},
	    {"node-bin", "\"bin\" in ", ""},
	    {"napi", "\"napi\" in ", ""},
	    {"node-addon", "\"gypfile\" in ", ""},
	    {"python-scripts", "[project.scripts] in ", ""},
	};
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		if (strcmp(phrases[i].fact, f->name) == 0) {
			snprintf(out, size, "%s%s%s", phrases[i].before, f->where,
				 phrases[i].after);
			return;
		}
	snprintf(out, size, "%s", f->where);
}

/* True when a line of buf starts (after its indentation) with text. */
static bool line_starts_with(const char *buf, const char *text)
{
	size_t n = strlen(text);
	const char *line = buf;
	while (line) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (strncmp(line, text, n) == 0)
			return true;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return false;
}

/* The first file matching one of r's globs (and holding its text). */
static int match_file(git_repository *repo, const char *dir, const struct scan_code *code,
		      const struct kb_dep_rule *r, const struct scan_file **first, size_t *others,
		      struct err *e)
{
	size_t reads = 0;
	*first = NULL;
	for (size_t i = 0; i < code->nfiles; i++) {
		const struct scan_file *f = &code->files[i];
		if (f->cls == CLASS_VENDORED || f->cls == CLASS_DOCUMENTATION || fixture(f->path))
			continue;
		bool hit = false;
		for (size_t k = 0; k < r->nfiles && !hit; k++) {
			const char *g = r->files[k];
			hit = fnmatch(g, strchr(g, '/') ? f->path : base_name(f->path), 0) == 0;
		}
		if (!hit)
			continue;
		if (r->contains && !f->link) {
			if (reads == MAX_CONTAINS)
				continue;
			reads++;
			char *buf;
			size_t len;
			int rc = scan_blob(repo, dir, &f->oid, CONTAINS_MAX_SIZE, &buf, &len, e);
			if (rc < 0)
				return -1;
			hit = rc == 0 && line_starts_with(buf, r->contains);
			free(buf);
		}
		if (!hit)
			continue;
		if (*first)
			(*others)++;
		else
			*first = f;
	}
	return 0;
}

/* Does entry r match? *what says how (empty when it does not); *weak is set when the only
 * match is in an ecosystem too small to count. */
static int match_rule(git_repository *repo, const char *dir, const struct scan_code *code,
		      const struct collect *c, const struct scan_deps *d,
		      const struct kb_dep_rule *r, char *what, size_t size, bool *weak,
		      struct err *e)
{
	size_t others = 0;
	char first[SCAN_WHAT] = "", unweighed[SCAN_WHAT] = "";
	for (int eco = 0; eco < ECO_COUNT; eco++) {
		size_t more = 0;
		const struct dep *dp = match_package(c, r, (enum scan_eco)eco, &more);
		if (!dp)
			continue;
		char *slot = d->significant[eco] ? first : unweighed;
		if (*slot)
			others += 1 + more;
		else {
			describe_dep(dp, slot, SCAN_WHAT);
			others += d->significant[eco] ? more : 0;
		}
	}
	for (size_t k = 0; k < r->nfacts; k++)
		for (size_t i = 0; i < c->nfacts; i++) {
			const struct fact *f = &c->facts[i];
			if (strcmp(f->name, r->facts[k]) != 0)
				continue;
			bool sig = strcmp(f->name, "no-main") == 0 || d->significant[f->eco];
			char *slot = sig ? first : unweighed;
			if (*slot)
				others += sig;
			else
				describe_fact(f, slot, SCAN_WHAT);
		}
	if (r->nfiles) {
		const struct scan_file *f = NULL;
		size_t more = 0;
		if (match_file(repo, dir, code, r, &f, &more, e) != 0)
			return -1;
		if (f && *first) {
			others += 1 + more;
		} else if (f) {
			if (r->contains)
				snprintf(first, sizeof first, "%s (holds \"%s\")", f->path,
					 r->contains);
			else
				snprintf(first, sizeof first, "%s", f->path);
			others += more;
		}
	}
	*weak = !*first && *unweighed;
	const char *shown = *first ? first : unweighed;
	if (!*shown)
		snprintf(what, size, "%s", "");
	else if (others)
		snprintf(what, size, "%s and %zu more", shown, others);
	else
		snprintf(what, size, "%s", shown);
	return 0;
}

/* Appends text to buf after sep (none before the first). */
static void append(char *buf, size_t size, const char *sep, const char *text)
{
	size_t used = strlen(buf);
	if (used + strlen(sep) + 1 >= size)
		return;
	snprintf(buf + used, size - used, "%s%s", used ? sep : "", text);
}

static int apply_table(git_repository *repo, const char *dir, const struct scan_code *code,
		       const struct collect *c, const struct kb *kb, struct scan_deps *d,
		       struct err *e)
{
	for (size_t i = 0; i < kb->ndep_rules; i++) {
		const struct kb_dep_rule *r = &kb->dep_rules[i];
		if (!r->nsets)
			continue;
		char what[SCAN_WHAT];
		bool weak = false;
		if (match_rule(repo, dir, code, c, d, r, what, sizeof what, &weak, e) != 0)
			return -1;
		if (!*what)
			continue;
		if (weak) { /* named in the profile's comments, three at the most */
			char note[SCAN_WHAT + 64];
			snprintf(note, sizeof note, "%s (%s)", what, r->id);
			if (d->nunweighed++ < 3)
				append(d->unweighed, sizeof d->unweighed, "; ", note);
			continue;
		}
		for (size_t k = 0; k < r->nsets; k++) {
			struct scan_setting *s = NULL;
			for (size_t j = 0; j < d->nset; j++)
				if (d->set[j].field == r->set_field[k])
					s = &d->set[j];
			if (!s) {
				if (d->nset == SCAN_MAX_SETTINGS)
					continue;
				s = &d->set[d->nset++];
				s->field = r->set_field[k];
				s->value = r->set_value[k];
				s->rule = r;
				snprintf(s->what, sizeof s->what, "%s", what);
				continue;
			}
			if (s->value == r->set_value[k])
				continue;
			char also[SCAN_WHAT + 64];
			const struct field_info *fi = profile_field((enum field)r->set_field[k]);
			snprintf(also, sizeof also, "%s from %s", fi->values[r->set_value[k]],
				 what);
			append(s->also, sizeof s->also, "; ", also);
		}
	}
	return 0;
}

/* The families the project depends on directly, largest first. */
static void families(const struct collect *c, const struct kb *kb, struct scan_deps *d)
{
	for (size_t i = 0; i < kb->ndep_rules; i++) {
		const struct kb_dep_rule *r = &kb->dep_rules[i];
		if (!r->family)
			continue;
		struct scan_family fam = {.rule = r};
		size_t by_eco[ECO_COUNT] = {0};
		char names[SCAN_WHAT] = "";
		size_t shown = 0;
		for (int pass = 0; pass < 2; pass++) /* direct ones named first */
			for (size_t j = 0; j < c->ndeps; j++) {
				const struct dep *dp = &c->deps[j];
				if (!d->significant[dp->eco] || dp->kinds == 1u << DEP_DEV)
					continue;
				bool direct = counts_for_sets(dp);
				if (direct != (pass == 0))
					continue;
				bool hit = false;
				for (size_t k = 0; k < r->nnames[dp->eco] && !hit; k++)
					hit = pattern_matches(r->names[dp->eco][k], dp->name,
							      dp->eco);
				if (!hit)
					continue;
				/* Go: modules (go.mod) are the packages counted, imports only show
				 * that the code uses them */
				bool package = dp->eco != ECO_GO ||
					       (dp->kinds & (1u << DEP_DIRECT | 1u << DEP_LOCKED));
				fam.packages += package;
				fam.direct += direct;
				by_eco[dp->eco] += package || direct;
				if (package && shown < 3) {
					append(names, sizeof names, ", ", dp->name);
					shown++;
				}
			}
		if (!fam.direct || !fam.packages)
			continue;
		for (int eco = 0; eco < ECO_COUNT; eco++)
			if (by_eco[eco] > by_eco[fam.eco])
				fam.eco = (enum scan_eco)eco;
		if (fam.packages > shown) {
			char more[48];
			snprintf(more, sizeof more, "and %zu more", fam.packages - shown);
			append(names, sizeof names, " ", more);
		}
		snprintf(fam.names, sizeof fam.names, "%s", names);
		/* insert by size */
		size_t at = d->nfamilies;
		while (at > 0 && d->families[at - 1].packages < fam.packages)
			at--;
		if (at >= SCAN_MAX_FAMILIES)
			continue;
		size_t n = d->nfamilies < SCAN_MAX_FAMILIES ? d->nfamilies : SCAN_MAX_FAMILIES - 1;
		memmove(&d->families[at + 1], &d->families[at], (n - at) * sizeof fam);
		d->families[at] = fam;
		if (d->nfamilies < SCAN_MAX_FAMILIES)
			d->nfamilies++;
	}
}

/* The languages of each ecosystem, by linguist name. */
static double eco_share(const struct scan_code *code, enum scan_eco eco)
{
	static const char *const names[ECO_COUNT][3] = {{"Go", NULL, NULL},
							{"Rust", NULL, NULL},
							{"JavaScript", "TypeScript", NULL},
							{"Python", NULL, NULL}};
	if (!code->counted_bytes)
		return 0;
	unsigned long long b = 0;
	for (int k = 0; names[eco][k]; k++)
		b += code->bytes[scan_lang_lookup(names[eco][k])];
	return (double)b / (double)code->counted_bytes;
}

int scan_deps_read(git_repository *repo, const char *dir, const struct scan_code *code,
		   const struct kb *kb, struct scan_deps *d, struct scan_notes *notes,
		   struct err *e)
{
	memset(d, 0, sizeof *d);
	for (int eco = 0; eco < ECO_COUNT; eco++) {
		d->share[eco] = eco_share(code, (enum scan_eco)eco);
		d->significant[eco] =
		    d->share[eco] > 0 && d->share[eco] >= kb->scan.significant_share;
	}
	struct collect c = {0};
	int rc = read_tree(repo, dir, code, &c, d, notes, e);
	if (rc == 0) {
		/* no program in the significant Go or Rust code, and no other language beside it */
		bool code_eco = false, program = false;
		for (int eco = 0; eco < ECO_COUNT; eco++)
			if (d->significant[eco] && d->manifests[eco])
				code_eco = code_eco || eco == ECO_GO || eco == ECO_RUST;
		for (size_t i = 0; i < c.nfacts; i++)
			program |= d->significant[c.facts[i].eco] &&
				   (strcmp(c.facts[i].name, "go-main") == 0 ||
				    strcmp(c.facts[i].name, "rust-bin") == 0 ||
				    strcmp(c.facts[i].name, "node-bin") == 0 ||
				    strcmp(c.facts[i].name, "python-scripts") == 0);
		if (code_eco && !program && !d->significant[ECO_NODE] &&
		    !d->significant[ECO_PYTHON])
			add_fact(&c, "no-main", ECO_GO,
				 "no program in the Go or Rust code (no package main, no binary "
				 "target)");
		for (size_t i = 0; i < c.ndeps; i++)
			if (c.deps[i].kinds != 1u << DEP_DEV)
				d->packages[c.deps[i].eco]++;
		rc = apply_table(repo, dir, code, &c, kb, d, e);
	}
	if (rc == 0)
		families(&c, kb, d);
	strset_free(&c.names);
	free(c.deps);
	return rc;
}

const struct scan_setting *scan_deps_setting(const struct scan_deps *d, int f)
{
	for (size_t i = 0; i < d->nset; i++)
		if (d->set[i].field == f)
			return &d->set[i];
	return NULL;
}
