/*
 * test_scan — the parts of `verdict scan` that need no repository: the TOML reader, the manifest
 * and source readers (exactly what each reports, and the messages for what is not a manifest),
 * linguist's path rules, --since, the KB's dependency section and its bad content, and the
 * evidence a `scan --build` file gives `decide`. The history and the whole command are tested
 * end to end on scripted repositories (tests/scan.sh) and real module trees
 * (tests/scan_modules.sh).
 */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

#include "cost.h"
#include "evidence.h"
#include "scan_int.h"
#include "toml.h"

/* --- a sink that records what the readers report, one "eco:kind:name" or "fact:NAME" a line ----
 */

struct record {
	char text[8192];
};

static int rec_dep(void *ctx, enum scan_eco eco, const char *name, enum dep_kind kind)
{
	static const char *const kinds[] = {"direct", "import", "dev", "locked"};
	struct record *r = ctx;
	size_t n = strlen(r->text);
	snprintf(r->text + n, sizeof r->text - n, "%s:%s:%s\n", manifest_eco_name(eco), kinds[kind],
		 name);
	return 0;
}

static int rec_fact(void *ctx, const char *fact)
{
	struct record *r = ctx;
	size_t n = strlen(r->text);
	snprintf(r->text + n, sizeof r->text - n, "fact:%s\n", fact);
	return 0;
}

typedef int (*reader_fn)(const char *, const char *, size_t, const struct manifest_sink *,
			 struct err *);

/* What reader reports for text; fails the test when it reports an error. */
static const char *read_with(reader_fn reader, const char *name, const char *text)
{
	static struct record r;
	memset(&r, 0, sizeof r);
	struct manifest_sink s = {.ctx = &r, .dep = rec_dep, .fact = rec_fact};
	struct err e = {0};
	if (reader(name, text, strlen(text), &s, &e) != 0)
		fail_msg("%s: %s", name, e.msg);
	return r.text;
}

/* The message reader gives for text that is not what its name says. */
static const char *error_of(reader_fn reader, const char *name, const char *text)
{
	static struct err e;
	struct record r = {{0}};
	struct manifest_sink s = {.ctx = &r, .dep = rec_dep, .fact = rec_fact};
	memset(&e, 0, sizeof e);
	if (reader(name, text, strlen(text), &s, &e) == 0)
		fail_msg("%s read without an error:\n%s", name, text);
	assert_int_equal(e.kind, ERR_INPUT);
	return e.msg;
}

static int read_go_source(const char *name, const char *buf, size_t len,
			  const struct manifest_sink *s, struct err *e)
{
	return manifest_go_source(name, buf, len, false, s, e);
}

static int read_requirements(const char *name, const char *buf, size_t len,
			     const struct manifest_sink *s, struct err *e)
{
	return manifest_requirements(name, buf, len, false, s, e);
}

static int read_cargo_lock(const char *name, const char *buf, size_t len,
			   const struct manifest_sink *s, struct err *e)
{
	return manifest_lock(name, ECO_RUST, buf, len, s, e);
}

/* --- TOML ------------------------------------------------------------------------------------- */

static int rec_toml(void *ctx, const struct toml_item *it)
{
	struct record *r = ctx;
	size_t n = strlen(r->text);
	const char *ev = it->event == TOML_TABLE	 ? "table"
			 : it->event == TOML_ARRAY_TABLE ? "array"
							 : "value";
	n += (size_t)snprintf(r->text + n, sizeof r->text - n, "%d %s ", it->line, ev);
	for (size_t i = 0; i < it->depth; i++)
		n += (size_t)snprintf(r->text + n, sizeof r->text - n, "%s%s", i ? "." : "",
				      it->path[i]);
	if (it->event == TOML_VALUE)
		n += (size_t)snprintf(r->text + n, sizeof r->text - n, " = %s%s%s%s",
				      it->is_string ? "'" : "", it->value, it->is_string ? "'" : "",
				      it->in_array ? " []" : "");
	snprintf(r->text + n, sizeof r->text - n, "\n");
	return 0;
}

static const char *toml_events(const char *text, int *rc, struct err *e)
{
	static struct record r;
	memset(&r, 0, sizeof r);
	memset(e, 0, sizeof *e);
	*rc = toml_read("t.toml", text, strlen(text), rec_toml, &r, e);
	return r.text;
}

static void toml_reads_the_manifest_subset(void **state)
{
	(void)state;
	int rc;
	struct err e;
	const char *got = toml_events("# a comment\n"
				      "[package]\n"
				      "name = \"demo\"  # trailing comment\n"
				      "\"quoted key\".bare-key = 'literal \\n'\n"
				      "[dependencies]\n"
				      "serde = { version = \"1\", features = [\"derive\", 'rc'] }\n"
				      "[target.'cfg(unix)'.dependencies]\n"
				      "libc = \"0.2\"\n"
				      "[[bin]]\n"
				      "name = \"a\"\n"
				      "multi = \"\"\"\n"
				      "one \\\n"
				      "   two \"\" \\u00e9\"\"\"\n"
				      "list = [\n"
				      "  1, # one\n"
				      "  2,\n"
				      "]\n"
				      "when = 1979-05-27 07:32:00Z\n",
				      &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(got, "2 table package\n"
				 "3 value package.name = 'demo'\n"
				 "4 value package.quoted key.bare-key = 'literal \\n'\n"
				 "5 table dependencies\n"
				 "6 value dependencies.serde.version = '1'\n"
				 "6 value dependencies.serde.features = 'derive' []\n"
				 "6 value dependencies.serde.features = 'rc' []\n"
				 "7 table target.cfg(unix).dependencies\n"
				 "8 value target.cfg(unix).dependencies.libc = '0.2'\n"
				 "9 array bin\n"
				 "10 value bin.name = 'a'\n"
				 "13 value bin.multi = 'one two \"\" \xc3\xa9'\n"
				 "15 value bin.list = 1 []\n"
				 "16 value bin.list = 2 []\n"
				 "18 value bin.when = 1979-05-27 07:32:00Z\n");
}

static void toml_errors_name_the_line(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
	    {"a = \"open\n", "t.toml:1: not valid TOML: a newline inside a one-line string"},
	    {"[table\n", "t.toml:1: not valid TOML: expected ']' after a table name"},
	    {"\n\nkey\n", "t.toml:3: not valid TOML: expected '=' after a key"},
	    {"a = 1 b = 2\n", "t.toml:1: not valid TOML: unexpected text after a value (one key = "
			      "value per line)"},
	    {"a = [1, 2\n", "t.toml:2: not valid TOML: an array is not closed"},
	    {"a = \"\\q\"\n", "t.toml:1: not valid TOML: unknown escape in a string"},
	    {"a = \"\\uD800\"\n", "t.toml:1: not valid TOML: \\u escape names no character"},
	    {"a = \"\"\"never closed\n", "t.toml:2: not valid TOML: a string is not closed"},
	    {"a = { b = 1\n", "t.toml:1: not valid TOML: expected ',' or '}' in an inline table"},
	    {"a = \n", "t.toml:1: not valid TOML: expected a value"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc;
		struct err e;
		toml_events(cases[i].text, &rc, &e);
		assert_int_not_equal(rc, 0);
		assert_string_equal(e.msg, cases[i].msg);
	}
	/* nesting and sizes are bounded */
	char deep[200] = "a = ";
	for (int i = 0; i < 40; i++)
		strcat(deep, "[");
	int rc;
	struct err e;
	toml_events(deep, &rc, &e);
	assert_string_equal(e.msg, "t.toml:1: arrays and tables nested deeper than 16 levels");
	char nul[] = "a = 1\0b = 2";
	memset(&e, 0, sizeof e);
	struct record r = {{0}};
	assert_int_not_equal(toml_read("t.toml", nul, sizeof nul - 1, rec_toml, &r, &e), 0);
	assert_string_equal(e.msg, "t.toml: contains a NUL byte: not a TOML text file");
}

/* --- manifests -------------------------------------------------------------------------------- */

static void go_mod_names_requirements(void **state)
{
	(void)state;
	assert_string_equal(read_with(manifest_go_mod, "go.mod",
				      "module example.com/x // the module\n"
				      "\n"
				      "go 1.22\n"
				      "require github.com/spf13/cobra v1.8.0\n"
				      "require (\n"
				      "\t\"sigs.k8s.io/controller-runtime\" v0.19.0\n"
				      "\tgolang.org/x/sys v0.20.0 // indirect\n"
				      ")\n"
				      "replace github.com/a/b => ../b\n"
				      "tool golang.org/x/tools/cmd/stringer\n"),
			    "go:direct:github.com/spf13/cobra\n"
			    "go:direct:sigs.k8s.io/controller-runtime\n"
			    "go:locked:golang.org/x/sys\n"
			    "go:dev:golang.org/x/tools/cmd/stringer\n");
	assert_string_equal(error_of(manifest_go_mod, "go.mod", "require (\n\ta v1\n"),
			    "go.mod:2: the 'require (' block is not closed");
	assert_string_equal(error_of(manifest_go_mod, "go.mod", "module x\n)\n"),
			    "go.mod:2: ')' without a block to close");
}

static void cargo_toml_names_dependencies_and_facts(void **state)
{
	(void)state;
	assert_string_equal(
	    read_with(manifest_cargo_toml, "Cargo.toml",
		      "[package]\nname = \"ext\"\n"
		      "[lib]\ncrate-type = [\"cdylib\", \"rlib\"]\n"
		      "[dependencies]\n"
		      "pyo3 = { version = \"0.22\", features = [\"extension-module\"] }\n"
		      "tokio.workspace = true\n"
		      "json = { package = \"serde_json\", version = \"1\" }\n"
		      "[dependencies.axum]\nversion = \"0.8\"\n"
		      "[dev-dependencies]\ncriterion = \"0.5\"\n"
		      "[target.'cfg(unix)'.dependencies]\nnix = \"0.29\"\n"
		      "[workspace.dependencies]\nclap = \"4\"\n"
		      "[workspace.metadata.dist]\ncargo-dist-version = \"0.20\"\n"
		      "[[bin]]\nname = \"tool\"\n"),
	    "fact:cdylib\n"
	    "rust:direct:pyo3\n"
	    "rust:direct:pyo3\n"
	    "rust:direct:tokio\n"
	    "rust:direct:serde_json\n"
	    "rust:direct:json\n"
	    "rust:direct:axum\n"
	    "rust:direct:axum\n"
	    "rust:dev:criterion\n"
	    "rust:direct:nix\n"
	    "rust:direct:clap\n"
	    "fact:cargo-dist\n"
	    "fact:cargo-dist\n"
	    "fact:rust-bin\n");
	assert_string_equal(
	    error_of(manifest_cargo_toml, "crates/x/Cargo.toml", "[package\n"),
	    "crates/x/Cargo.toml:1: not valid TOML: expected ']' after a table name");
	assert_string_equal(read_with(read_cargo_lock, "Cargo.lock",
				      "version = 4\n[[package]]\nname = \"a\"\nversion = \"1\"\n"
				      "[[package]]\nname = \"b-c\"\n"),
			    "rust:locked:a\nrust:locked:b-c\n");
}

static void python_manifests_normalise_names(void **state)
{
	(void)state;
	assert_string_equal(
	    read_with(manifest_pyproject, "pyproject.toml",
		      "[build-system]\nrequires = [\"maturin>=1.0,<2.0\"]\n"
		      "[project]\nname = \"x\"\n"
		      "dependencies = [\"FastAPI[all]>=0.100\", \"Zope.Interface ; "
		      "python_version<'3.12'\"]\n"
		      "[project.optional-dependencies]\ntest = [\"pytest\"]\n"
		      "[project.scripts]\nx = \"x:main\"\n"
		      "[tool.poetry.dependencies]\npython = \"^3.11\"\nDjango = \"5\"\n"
		      "[tool.poetry.group.dev.dependencies]\nblack = \"*\"\n"),
	    "fact:maturin\n"
	    "python:dev:maturin\n"
	    "python:direct:fastapi\n"
	    "python:direct:zope-interface\n"
	    "python:dev:pytest\n"
	    "fact:python-scripts\n"
	    "fact:python-scripts\n"
	    "python:direct:django\n"
	    "python:dev:black\n");
	assert_string_equal(
	    read_with(read_requirements, "requirements.txt",
		      "# pinned\n-r base.txt\n--index-url https://x\n"
		      "-e git+https://x/y.git#egg=y\n"
		      "requests==2.32.0 ; python_version >= '3.8'\n"
		      "  torch>=2  # cuda\n"
		      "Flask_Cors\n"),
	    "python:direct:requests\npython:direct:torch\npython:direct:flask-cors\n");
}

static void package_json_names_dependencies(void **state)
{
	(void)state;
	assert_string_equal(
	    read_with(manifest_package_json, "package.json",
		      "{\"name\": \"x\", \"bin\": {\"x\": \"cli.js\"}, \"napi\": {},"
		      " \"dependencies\": {\"express\": \"^4\"},"
		      " \"devDependencies\": {\"typescript\": \"^5\"},"
		      " \"gypfile\": true}"),
	    "node:direct:express\nnode:dev:typescript\nfact:node-bin\nfact:napi\n"
	    "fact:node-addon\n");
	assert_string_equal(error_of(manifest_package_json, "web/package.json", "{\"a\": }"),
			    "web/package.json:1: not valid JSON: unexpected token near '}'");
	assert_string_equal(error_of(manifest_package_json, "package.json", "[1]"),
			    "package.json: not a package.json: expected a JSON object");
}

static void go_sources_give_imports_and_facts(void **state)
{
	(void)state;
	assert_string_equal(
	    read_with(read_go_source, "main.go",
		      "// Package main does things.\n"
		      "package main\n\n"
		      "/* a block comment */\n"
		      "import \"fmt\"\n"
		      "import (\n"
		      "\t\"net/http\" // the server\n"
		      "\tk8s `k8s.io/client-go/kubernetes`\n"
		      "\t_ \"embed\"\n"
		      "\t. \"strings\"\n"
		      ")\n"
		      "import \"C\"\n\n"
		      "//export Add\n"
		      "func Add() {}\n"
		      "var x = \"import \\\"not/this\\\"\"\n"
		      "func main() { http.ListenAndServe(\":80\", nil) }\n"),
	    "go:import:fmt\ngo:import:net/http\ngo:import:k8s.io/client-go/kubernetes\n"
	    "go:import:embed\ngo:import:strings\nfact:go-main\nfact:go-server\n"
	    "fact:cgo-export\n");
	/* a test file's imports are development ones; a library is no program */
	struct record r = {{0}};
	struct manifest_sink s = {.ctx = &r, .dep = rec_dep, .fact = rec_fact};
	struct err e = {0};
	const char *test = "package x_test\nimport \"testing\"\n";
	assert_int_equal(manifest_go_source("x_test.go", test, strlen(test), true, &s, &e), 0);
	assert_string_equal(r.text, "go:dev:testing\n");
	assert_string_equal(read_with(read_go_source, "lib.go", "package lib\nimport \"os\"\n"),
			    "go:import:os\n");
	assert_string_equal(read_with(read_go_source, "junk.go", "not go at all"), "");
	assert_string_equal(read_with(manifest_rust_source, "lib.rs", "#![no_std]\nfn f() {}\n"),
			    "fact:no_std\n");
	assert_true(manifest_generated("// Code generated by protoc-gen-go. DO NOT EDIT.\n", 48));
	assert_false(manifest_generated("// Code we generated by hand\n", 29));
}

/* --- linguist's rules ------------------------------------------------------------------------- */

static void path_rules_follow_linguist(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		enum code_class cls;
	} cases[] = {
	    {"main.go", CLASS_SOURCE},
	    {"vendor/github.com/a/b.go", CLASS_VENDORED},
	    {"web/node_modules/x/index.js", CLASS_VENDORED},
	    {"lib/Third_Party/x.c", CLASS_VENDORED},
	    {"static/app.min.js", CLASS_VENDORED},
	    {"deps/x.c", CLASS_VENDORED},
	    {"src/deps/x.c", CLASS_SOURCE},
	    {"api/v1/types.pb.go", CLASS_GENERATED},
	    {"proto/x_pb2.py", CLASS_GENERATED},
	    {"docs/conf.py", CLASS_DOCUMENTATION},
	    {"Docs/conf.py", CLASS_DOCUMENTATION},
	    {"examples/demo.go", CLASS_DOCUMENTATION},
	    {"pkg/examples/demo.go", CLASS_SOURCE},
	    {"README.md", CLASS_DOCUMENTATION},
	    {"pkg/readme.rst", CLASS_DOCUMENTATION},
	    {"READMEish.go", CLASS_SOURCE},
	    {"config.json", CLASS_OTHER},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int lang = scan_lang_of_path(cases[i].path);
		if (scan_class_of_path(cases[i].path, lang) != cases[i].cls)
			fail_msg("%s: class %d, want %d", cases[i].path,
				 scan_class_of_path(cases[i].path, lang), cases[i].cls);
	}
	assert_string_equal(scan_lang_name(scan_lang_of_path("x/Makefile")), "Makefile");
	assert_string_equal(scan_lang_name(scan_lang_of_path("a.tsx")), "TypeScript");
	assert_string_equal(scan_lang_current(scan_lang_of_path("a.tsx")), "node");
	assert_string_equal(scan_lang_background(scan_lang_of_path("a.tsx")), "typescript");
	assert_string_equal(scan_lang_current(scan_lang_of_path("a.kt")), "java");
	assert_string_equal(scan_lang_current(scan_lang_of_path("a.rb")), "ruby");
	assert_string_equal(scan_lang_current(scan_lang_of_path("a.ex")), "other");
	assert_null(scan_lang_current(scan_lang_of_path("index.html"))); /* never what ships */
	assert_null(scan_lang_current(scan_lang_of_path("build.sh")));
	assert_int_equal(scan_lang_of_path("notes.txt"), -1);
	assert_int_equal(scan_lang_lookup("python"), scan_lang_of_path("x.py"));
}

static void since_durations(void **state)
{
	(void)state;
	long d = 0;
	assert_int_equal(scan_parse_since("90d", &d), 0);
	assert_int_equal(d, 90);
	assert_int_equal(scan_parse_since("12w", &d), 0);
	assert_int_equal(d, 84);
	assert_int_equal(scan_parse_since("6m", &d), 0);
	assert_int_equal(d, 180);
	assert_int_equal(scan_parse_since("10y", &d), 0);
	assert_int_equal(d, 3650);
	const char *bad[] = {"90", "0d", "11y", "d", "-5d", "1.5w", "3x", "", "99999999d"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(scan_parse_since(bad[i], &d), -1);
}

/* --- the KB's dependency section -------------------------------------------------------------- */

static void kb_dependency_table_loads(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	assert_true(kb->ndep_rules >= 20);
	assert_true(kb->scan.significant_share > 0 && kb->scan.significant_share < 1);
	assert_true(kb->scan.nbots >= 5);
	for (size_t i = 0; i < kb->ndep_rules; i++) {
		const struct kb_dep_rule *r = &kb->dep_rules[i];
		assert_non_null(r->claim); /* every entry rests on a claim with a source */
		assert_non_null(r->claim->source);
		assert_true(r->nsets > 0 || r->family);
	}
	kb_free(kb);
}

static void bad_dependency_entries_are_reported(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
	    {"dependencies:\n  - id: x\n    when: {fact: [nope]}\n    sets: {building: cli}\n"
	     "    claim: s000-usecase-cli\n",
	     "extra.yaml:3: unknown fact 'nope'"},
	    {"dependencies:\n  - id: x\n    when: {go: [a*b]}\n    sets: {building: cli}\n"
	     "    claim: s000-usecase-cli\n",
	     "extra.yaml:3: 'a*b': '*' may only end a pattern"},
	    {"dependencies:\n  - id: x\n    when: {go: [a]}\n    sets: {p99_ms: 5}\n"
	     "    claim: s000-usecase-cli\n",
	     "extra.yaml:4: 'p99_ms' is not a profile field with named values"},
	    {"dependencies:\n  - id: x\n    when: {go: [a]}\n    sets: {building: spaceship}\n"
	     "    claim: s000-usecase-cli\n",
	     "extra.yaml:4: 'spaceship' is not a value of 'building'"},
	    {"dependencies:\n  - id: x\n    when: {contains: x}\n    sets: {building: cli}\n"
	     "    claim: s000-usecase-cli\n",
	     "extra.yaml:3: 'contains' needs 'file': the files that must contain it"},
	    {"dependencies:\n  - id: x\n    when: {go: [a]}\n    sets: {building: cli}\n",
	     "extra.yaml:2: missing 'claim' (the claim id this rests on)"},
	    {"dependencies:\n  - id: x\n    when: {go: [a]}\n    claim: s000-usecase-cli\n",
	     "extra.yaml:2: dependency entry 'x' sets nothing and names no family"},
	    {"dependencies:\n  - id: go-web-frameworks\n    when: {go: [a]}\n    family: f\n"
	     "    claim: s000-usecase-cli\n",
	     "extra.yaml:2: duplicate dependency entry 'go-web-frameworks'"},
	    {"dependencies:\n  - id: x\n    when: {java: [a]}\n    family: f\n"
	     "    claim: s000-usecase-cli\n",
	     "extra.yaml:3: unknown key 'java' in when"},
	    {"scan:\n  significant_share: 2\n",
	     "extra.yaml:2: significant_share must be between -1 and 1, got 2"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct err e = {0};
		struct kb *kb = test_kb_plus("extra.yaml", cases[i].text, &e);
		if (kb) {
			kb_free(kb);
			fail_msg("loaded:\n%s", cases[i].text);
		}
		assert_string_equal(e.msg, cases[i].msg);
	}
}

/* --- scan --build as evidence ----------------------------------------------------------------- */

static void scan_build_evidence_prices_ci(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	const char *doc = "{\"results_version\": 1, \"kind\": \"scan-build\", \"started\": "
			  "\"2026-11-24T10:00:00Z\","
			  " \"machine\": {\"host\": \"h\"}, \"toolchains\": {\"go\": {\"version\": "
			  "\"go1.26.8\"}},"
			  " \"language\": \"go\", \"build\": {\"clean_s\": {\"median\": 20, "
			  "\"min\": 18, \"max\": 30},"
			  " \"incremental_s\": {\"median\": 1, \"min\": 0.5, \"max\": 2}}}";
	struct err e = {0};
	int crit = kb_criterion_index(kb, "build");
	struct kb_range before[2] = {kb->criteria[crit].score[0], kb->criteria[crit].score[1]};
	assert_int_equal(evidence_apply_buffer(kb, "b.json", doc, strlen(doc), &e), 0);
	const struct kb_cost_model *cm = &kb->cost_model;
	assert_string_equal(cm->build_seconds[LANG_GO]->id, "scan-build-go");
	assert_true(cm->build_seconds[LANG_GO]->low == 18 &&
		    cm->build_seconds[LANG_GO]->high == 30);
	assert_true(cm->build_seconds_typical[LANG_GO]->low == 20);
	/* Rust's: Go's measured time over the published own-code advantage */
	const struct kb_measure *m = kb_measure(kb, "build-own-code");
	assert_true(fabs(cm->build_seconds[LANG_RUST]->low - 18 / m->published.high) < 1e-9);
	assert_true(fabs(cm->build_seconds[LANG_RUST]->high - 30 / m->published.low) < 1e-9);
	assert_string_equal(kb->criteria[crit].claims[0]->id, "scan-build-go");
	assert_string_equal(kb_evidence_kind(kb->criteria[crit].claims[0]), "measured");
	/* one language measured is no ratio: the scores stay the published ones */
	for (int l = 0; l < 2; l++) {
		assert_true(kb->criteria[crit].score[l].low == before[l].low);
		assert_true(kb->criteria[crit].score[l].high == before[l].high);
	}
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(toml_reads_the_manifest_subset),
	    cmocka_unit_test(toml_errors_name_the_line),
	    cmocka_unit_test(go_mod_names_requirements),
	    cmocka_unit_test(cargo_toml_names_dependencies_and_facts),
	    cmocka_unit_test(python_manifests_normalise_names),
	    cmocka_unit_test(package_json_names_dependencies),
	    cmocka_unit_test(go_sources_give_imports_and_facts),
	    cmocka_unit_test(path_rules_follow_linguist),
	    cmocka_unit_test(since_durations),
	    cmocka_unit_test(kb_dependency_table_loads),
	    cmocka_unit_test(bad_dependency_entries_are_reported),
	    cmocka_unit_test(scan_build_evidence_prices_ci),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
