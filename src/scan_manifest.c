/*
 * scan_manifest — reading manifests and sources for their dependencies (see scan_manifest.h).
 * TOML goes through toml.c, JSON through jansson; go.mod, requirements files and Go imports are
 * line and token formats simple enough to read here.
 */
#include "scan_manifest.h"

#include <jansson.h>
#include <string.h>

#include "toml.h"

const char *const manifest_facts[] = {
    "go-main",	      /* a Go package main (a program, not only a library) */
    "go-server",      /* Go code that starts an HTTP or gRPC server */
    "cgo-export",     /* a Go main package exporting functions to C (-buildmode=c-shared) */
    "rust-bin",	      /* a crate with a binary target */
    "cdylib",	      /* crate-type cdylib: a library loaded by another program */
    "staticlib",      /* crate-type staticlib: linked into a C or C++ host */
    "proc-macro",     /* a procedural-macro crate */
    "no_std",	      /* #![no_std]: no operating system assumed */
    "cargo-dist",     /* [workspace.metadata.dist]: installers for users' machines */
    "maturin",	      /* built with maturin: a Python extension module */
    "node-bin",	      /* package.json "bin": a command-line program */
    "napi",	      /* package.json "napi": a Node-API native addon (napi-rs) */
    "node-addon",     /* package.json "gypfile": a native addon built by node-gyp */
    "python-scripts", /* [project.scripts]: console commands */
    "no-main",	      /* (scan_deps) no program anywhere: only libraries */
    NULL};

static const char *const eco_names[ECO_COUNT] = {"go", "rust", "node", "python"};

const char *manifest_eco_name(enum scan_eco eco)
{
	return eco_names[eco];
}

int manifest_eco_parse(const char *s)
{
	for (int i = 0; i < ECO_COUNT; i++)
		if (strcmp(s, eco_names[i]) == 0)
			return i;
	return -1;
}

static int dep(const struct manifest_sink *s, enum scan_eco eco, const char *name,
	       enum dep_kind kind)
{
	if (!*name || strlen(name) > MANIFEST_MAX_NAME)
		return 0;
	return s->dep(s->ctx, eco, name, kind);
}

static int fact(const struct manifest_sink *s, const char *f)
{
	return s->fact(s->ctx, f);
}

/* --- go.mod ----------------------------------------------------------------------------------- */

/* The next token of a go.mod line: a word or a quoted string (unquoted into out). Returns its
 * length, 0 at the end of the line or at a // comment. */
static size_t go_token(const char **pp, const char *end, char *out, size_t size)
{
	const char *p = *pp;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	size_t n = 0;
	if (p + 1 < end && p[0] == '/' && p[1] == '/') {
		*pp = p;
		return 0;
	}
	if (p < end && (*p == '"' || *p == '`')) {
		char q = *p++;
		while (p < end && *p != q && *p != '\n') {
			if (n + 1 < size)
				out[n++] = *p;
			p++;
		}
		if (p < end && *p == q)
			p++;
	} else {
		while (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
			if (p + 1 < end && p[0] == '/' && p[1] == '/')
				break;
			if (n + 1 < size)
				out[n++] = *p;
			p++;
		}
	}
	out[n] = '\0';
	*pp = p;
	return n;
}

int manifest_go_mod(const char *name, const char *buf, size_t len, const struct manifest_sink *s,
		    struct err *e)
{
	const char *p = buf, *end = buf + len;
	int line = 0;
	char block[32] = ""; /* the directive of the ( ... ) block we are in, or "" */
	while (p < end) {
		line++;
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		bool indirect = false;
		for (const char *c = p; c + 1 < eol; c++)
			if (c[0] == '/' && c[1] == '/') {
				const char *t = c + 2;
				while (t < eol && (*t == ' ' || *t == '\t'))
					t++;
				indirect = (size_t)(eol - t) >= 8 && memcmp(t, "indirect", 8) == 0;
				break;
			}
		const char *q = p;
		char w[MANIFEST_MAX_NAME + 2], mod[MANIFEST_MAX_NAME + 2];
		size_t n = go_token(&q, eol, w, sizeof w);
		p = eol < end ? eol + 1 : end;
		if (n == 0)
			continue;
		const char *directive = block;
		if (!*block) {
			if (strcmp(w, ")") == 0)
				return err_input(e, name, line, "')' without a block to close");
			directive = w;
			char open[4];
			const char *r = q;
			if (go_token(&r, eol, open, sizeof open) && strcmp(open, "(") == 0) {
				snprintf(block, sizeof block, "%s", w);
				continue;
			}
			if (strcmp(w, "require") != 0 && strcmp(w, "tool") != 0)
				continue;
			n = go_token(&q, eol, mod, sizeof mod);
		} else {
			if (strcmp(w, ")") == 0) {
				block[0] = '\0';
				continue;
			}
			memcpy(mod, w, n + 1);
		}
		if (n == 0 || n > MANIFEST_MAX_NAME)
			continue;
		int rc = 0;
		if (strcmp(directive, "require") == 0)
			rc = dep(s, ECO_GO, mod, indirect ? DEP_LOCKED : DEP_DIRECT);
		else if (strcmp(directive, "tool") == 0)
			rc = dep(s, ECO_GO, mod, DEP_DEV);
		if (rc != 0)
			return rc;
	}
	if (*block)
		return err_input(e, name, line, "the '%s (' block is not closed", block);
	return 0;
}

/* --- Cargo.toml ------------------------------------------------------------------------------- */

struct cargo_ctx {
	const struct manifest_sink *s;
};

static const char *cargo_dep_table(const char *t)
{
	if (strcmp(t, "dependencies") == 0)
		return "";
	if (strcmp(t, "dev-dependencies") == 0 || strcmp(t, "build-dependencies") == 0)
		return "dev";
	return NULL;
}

static int on_cargo(void *ctx, const struct toml_item *it)
{
	const struct manifest_sink *s = ((struct cargo_ctx *)ctx)->s;
	const char *const *p = it->path;
	size_t d = it->depth;
	if (it->event == TOML_ARRAY_TABLE && d == 1 && strcmp(p[0], "bin") == 0)
		return fact(s, "rust-bin");
	if (d >= 3 && strcmp(p[1], "metadata") == 0 && strcmp(p[2], "dist") == 0 &&
	    (strcmp(p[0], "workspace") == 0 || strcmp(p[0], "package") == 0))
		return fact(s, "cargo-dist");
	if (d >= 3 && strcmp(p[0], "package") == 0 && strcmp(p[1], "metadata") == 0 &&
	    strcmp(p[2], "maturin") == 0)
		return fact(s, "maturin");
	if (it->event == TOML_VALUE && d == 2 && strcmp(p[0], "lib") == 0) {
		if (strcmp(p[1], "crate-type") == 0 && it->is_string &&
		    (strcmp(it->value, "cdylib") == 0 || strcmp(it->value, "staticlib") == 0))
			return fact(s, it->value);
		if (strcmp(p[1], "proc-macro") == 0 && strcmp(it->value, "true") == 0)
			return fact(s, "proc-macro");
		return 0;
	}
	/* [dependencies] x, [target.'cfg(..)'.dependencies] x, [workspace.dependencies] x */
	size_t at = 0;
	if (d >= 4 && strcmp(p[0], "target") == 0)
		at = 2;
	else if (d >= 3 && strcmp(p[0], "workspace") == 0)
		at = 1;
	if (d < at + 2)
		return 0;
	const char *kind = cargo_dep_table(p[at]);
	if (!kind)
		return 0;
	enum dep_kind k = *kind ? DEP_DEV : DEP_DIRECT;
	/* a renamed dependency: x = { package = "real-name", ... } */
	if (it->event == TOML_VALUE && d == at + 3 && strcmp(p[at + 2], "package") == 0 &&
	    it->is_string)
		return dep(s, ECO_RUST, it->value, k);
	return dep(s, ECO_RUST, p[at + 1], k);
}

int manifest_cargo_toml(const char *name, const char *buf, size_t len,
			const struct manifest_sink *s, struct err *e)
{
	struct cargo_ctx c = {s};
	return toml_read(name, buf, len, on_cargo, &c, e);
}

/* --- lock files ------------------------------------------------------------------------------- */

struct lock_ctx {
	const struct manifest_sink *s;
	enum scan_eco eco;
};

static int on_lock(void *ctx, const struct toml_item *it)
{
	struct lock_ctx *c = ctx;
	static const char *const package_name[] = {"package", "name", NULL};
	if (it->event != TOML_VALUE || !it->is_string || !toml_path_is(it, package_name))
		return 0;
	char n[MANIFEST_MAX_NAME + 1];
	if (strlen(it->value) > MANIFEST_MAX_NAME)
		return 0;
	memcpy(n, it->value, strlen(it->value) + 1);
	if (c->eco == ECO_PYTHON)
		manifest_python_name(n);
	return dep(c->s, c->eco, n, DEP_LOCKED);
}

int manifest_lock(const char *name, enum scan_eco eco, const char *buf, size_t len,
		  const struct manifest_sink *s, struct err *e)
{
	struct lock_ctx c = {s, eco};
	return toml_read(name, buf, len, on_lock, &c, e);
}

/* --- package.json ----------------------------------------------------------------------------- */

int manifest_package_json(const char *name, const char *buf, size_t len,
			  const struct manifest_sink *s, struct err *e)
{
	json_error_t je;
	json_t *j = json_loadb(buf, len, 0, &je);
	if (!j)
		return err_input(e, name, je.line > 0 ? je.line : 0, "not valid JSON: %s", je.text);
	int rc = 0;
	if (!json_is_object(j)) {
		json_decref(j);
		return err_input(e, name, 0, "not a package.json: expected a JSON object");
	}
	static const struct {
		const char *key;
		enum dep_kind kind;
	} tables[] = {{"dependencies", DEP_DIRECT},
		      {"peerDependencies", DEP_DIRECT},
		      {"optionalDependencies", DEP_DIRECT},
		      {"devDependencies", DEP_DEV}};
	for (size_t t = 0; rc == 0 && t < sizeof tables / sizeof tables[0]; t++) {
		const char *k;
		json_t *v;
		json_t *deps = json_object_get(j, tables[t].key);
		if (!json_is_object(deps))
			continue;
		json_object_foreach(deps, k, v)
		{
			rc = dep(s, ECO_NODE, k, tables[t].kind);
			if (rc != 0)
				break;
		}
	}
	json_t *bin = json_object_get(j, "bin");
	if (rc == 0 && (json_is_string(bin) || (json_is_object(bin) && json_object_size(bin))))
		rc = fact(s, "node-bin");
	if (rc == 0 && json_object_get(j, "napi"))
		rc = fact(s, "napi");
	if (rc == 0 && json_is_true(json_object_get(j, "gypfile")))
		rc = fact(s, "node-addon");
	json_decref(j);
	return rc;
}

/* --- Python ----------------------------------------------------------------------------------- */

void manifest_python_name(char *name)
{
	char *w = name;
	for (const char *r = name; *r; r++) {
		char c = *r;
		if (c == '-' || c == '_' || c == '.') {
			if (w > name && w[-1] == '-')
				continue;
			c = '-';
		} else if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		*w++ = c;
	}
	*w = '\0';
}

/* The distribution name at the start of a PEP 508 requirement ("Django[argon2]>=4 ; ..."). */
static int requirement(const struct manifest_sink *s, const char *req, enum dep_kind kind)
{
	while (*req == ' ' || *req == '\t')
		req++;
	char n[MANIFEST_MAX_NAME + 1];
	size_t k = 0;
	while ((req[k] >= 'A' && req[k] <= 'Z') || (req[k] >= 'a' && req[k] <= 'z') ||
	       (req[k] >= '0' && req[k] <= '9') || req[k] == '-' || req[k] == '_' ||
	       req[k] == '.') {
		if (k == MANIFEST_MAX_NAME)
			return 0;
		n[k] = req[k];
		k++;
	}
	n[k] = '\0';
	if (k == 0)
		return 0;
	manifest_python_name(n);
	if (strcmp(n, "maturin") == 0) {
		int rc = fact(s, "maturin");
		if (rc != 0)
			return rc;
	}
	return dep(s, ECO_PYTHON, n, kind);
}

static int on_pyproject(void *ctx, const struct toml_item *it)
{
	const struct manifest_sink *s = ctx;
	const char *const *p = it->path;
	size_t d = it->depth;
	if (d >= 2 && strcmp(p[0], "project") == 0 && strcmp(p[1], "scripts") == 0)
		return fact(s, "python-scripts");
	if (d >= 2 && strcmp(p[0], "tool") == 0 && strcmp(p[1], "maturin") == 0)
		return fact(s, "maturin");
	if (it->event != TOML_VALUE)
		return 0;
	if (d == 2 && strcmp(p[0], "project") == 0 && strcmp(p[1], "dependencies") == 0 &&
	    it->is_string)
		return requirement(s, it->value, DEP_DIRECT);
	if (d == 3 && strcmp(p[0], "project") == 0 && strcmp(p[1], "optional-dependencies") == 0 &&
	    it->is_string)
		return requirement(s, it->value, DEP_DEV);
	if (d == 2 && strcmp(p[0], "build-system") == 0 && strcmp(p[1], "requires") == 0 &&
	    it->is_string)
		return requirement(s, it->value, DEP_DEV);
	if (d == 2 && strcmp(p[0], "dependency-groups") == 0 && it->is_string)
		return requirement(s, it->value, DEP_DEV);
	/* Poetry: [tool.poetry.dependencies] name = ..., groups and dev-dependencies are dev */
	if (d >= 4 && strcmp(p[0], "tool") == 0 && strcmp(p[1], "poetry") == 0) {
		const char *table = p[2], *n = p[3];
		enum dep_kind k = DEP_DIRECT;
		if (strcmp(table, "group") == 0 && d >= 6 && strcmp(p[4], "dependencies") == 0) {
			n = p[5];
			k = DEP_DEV;
		} else if (strcmp(table, "dev-dependencies") == 0) {
			k = DEP_DEV;
		} else if (strcmp(table, "dependencies") != 0) {
			return 0;
		}
		if (strcmp(n, "python") == 0)
			return 0;
		return requirement(s, n, k);
	}
	return 0;
}

int manifest_pyproject(const char *name, const char *buf, size_t len, const struct manifest_sink *s,
		       struct err *e)
{
	return toml_read(name, buf, len, on_pyproject, (void *)s, e);
}

int manifest_requirements(const char *name, const char *buf, size_t len, bool dev,
			  const struct manifest_sink *s, struct err *e)
{
	if (memchr(buf, '\0', len))
		return err_input(e, name, 0, "contains a NUL byte: not a requirements file");
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		char line[512];
		size_t n =
		    (size_t)(eol - p) < sizeof line - 1 ? (size_t)(eol - p) : sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		p = eol < end ? eol + 1 : end;
		const char *l = line;
		while (*l == ' ' || *l == '\t')
			l++;
		/* options (-r other.txt, -e ., --index-url) and comments name no distribution */
		if (*l == '-' || *l == '#' || *l == '\0' || *l == '\r')
			continue;
		int rc = requirement(s, l, dev ? DEP_DEV : DEP_DIRECT);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* --- Go sources ------------------------------------------------------------------------------- */

struct go_lexer {
	const char *p, *end;
};

/* Skips whitespace (newlines included) and comments. */
static void go_skip(struct go_lexer *l)
{
	while (l->p < l->end) {
		char c = *l->p;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';') {
			l->p++;
		} else if (c == '/' && l->p + 1 < l->end && l->p[1] == '/') {
			while (l->p < l->end && *l->p != '\n')
				l->p++;
		} else if (c == '/' && l->p + 1 < l->end && l->p[1] == '*') {
			const char *close = NULL;
			for (const char *q = l->p + 2; q + 1 < l->end; q++)
				if (q[0] == '*' && q[1] == '/') {
					close = q;
					break;
				}
			l->p = close ? close + 2 : l->end;
		} else {
			return;
		}
	}
}

static bool go_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

/* The next identifier (or "." / "_") into out; 0 when the next token is not one. */
static size_t go_word(struct go_lexer *l, char *out, size_t size)
{
	go_skip(l);
	size_t n = 0;
	if (l->p < l->end && *l->p == '.') {
		l->p++;
		snprintf(out, size, ".");
		return 1;
	}
	while (l->p < l->end && go_ident_char(*l->p)) {
		if (n + 1 < size)
			out[n++] = *l->p;
		l->p++;
	}
	out[n] = '\0';
	return n;
}

/* A string literal ("..." or `...`) into out; false when the next token is not one. */
static bool go_string(struct go_lexer *l, char *out, size_t size)
{
	go_skip(l);
	if (l->p >= l->end || (*l->p != '"' && *l->p != '`'))
		return false;
	char q = *l->p++;
	size_t n = 0;
	while (l->p < l->end && *l->p != q && *l->p != '\n') {
		if (*l->p == '\\' && q == '"' && l->p + 1 < l->end)
			l->p++;
		if (n + 1 < size)
			out[n++] = *l->p;
		l->p++;
	}
	out[n] = '\0';
	if (l->p >= l->end || *l->p != q)
		return false;
	l->p++;
	return true;
}

/* One import spec: [name] "path". Returns false when the next tokens are not one (the imports
 * end there); *rc is the sink's answer. */
static bool go_import_spec(struct go_lexer *l, const struct manifest_sink *s, bool test_file,
			   bool *cgo, int *rc)
{
	char w[64], path[MANIFEST_MAX_NAME + 2];
	go_skip(l);
	if (l->p < l->end && *l->p != '"' && *l->p != '`')
		go_word(l, w, sizeof w);
	if (!go_string(l, path, sizeof path))
		return false;
	if (strcmp(path, "C") == 0)
		*cgo = true;
	else
		*rc = dep(s, ECO_GO, path, test_file ? DEP_DEV : DEP_IMPORT);
	return true;
}

static bool contains(const char *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = buf; n <= len - (size_t)(p - buf);) {
		const char *c = memchr(p, needle[0], len - (size_t)(p - buf) - n + 1);
		if (!c)
			return false;
		if (memcmp(c, needle, n) == 0)
			return true;
		p = c + 1;
	}
	return false;
}

int manifest_go_source(const char *name, const char *buf, size_t len, bool test_file,
		       const struct manifest_sink *s, struct err *e)
{
	(void)e;
	(void)name;
	struct go_lexer l = {buf, buf + len};
	char w[64];
	if (go_word(&l, w, sizeof w) == 0 || strcmp(w, "package") != 0)
		return 0; /* not Go source we can read: no package clause */
	char pkg[64];
	go_word(&l, pkg, sizeof pkg);
	bool cgo = false;
	int rc = 0;
	bool more = true;
	while (more && rc == 0) {
		const char *mark = l.p;
		if (go_word(&l, w, sizeof w) == 0 || strcmp(w, "import") != 0) {
			l.p = mark;
			break;
		}
		go_skip(&l);
		if (l.p < l.end && *l.p == '(') {
			l.p++;
			for (;;) {
				go_skip(&l);
				if (l.p >= l.end || *l.p == ')') {
					l.p += l.p < l.end;
					break;
				}
				if (!go_import_spec(&l, s, test_file, &cgo, &rc) || rc != 0) {
					more = false;
					break;
				}
			}
		} else {
			more = go_import_spec(&l, s, test_file, &cgo, &rc);
		}
	}
	if (test_file || rc != 0)
		return rc;
	bool main_pkg = strcmp(pkg, "main") == 0;
	if (main_pkg)
		rc = fact(s, "go-main");
	if (rc == 0 &&
	    (contains(buf, len, "ListenAndServe") || contains(buf, len, "http.Server{") ||
	     contains(buf, len, "grpc.NewServer(")))
		rc = fact(s, "go-server");
	if (rc == 0 && main_pkg && cgo && (contains(buf, len, "\n//export ")))
		rc = fact(s, "cgo-export");
	return rc;
}

int manifest_rust_source(const char *name, const char *buf, size_t len,
			 const struct manifest_sink *s, struct err *e)
{
	(void)name;
	(void)e;
	return contains(buf, len, "#![no_std]") ? fact(s, "no_std") : 0;
}

bool manifest_generated(const char *buf, size_t len)
{
	size_t head = len < 1024 ? len : 1024; /* linguist looks at the first lines */
	return contains(buf, head, "Code generated") && contains(buf, head, "DO NOT EDIT")
		   ? true
		   : contains(buf, head, "@generated") || contains(buf, head, "autogenerated by") ||
			 contains(buf, head, "Generated by the protocol buffer compiler") ||
			 contains(buf, head, "DO NOT EDIT! Generated");
}
