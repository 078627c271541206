#!/bin/sh
# `verdict scan`'s dependency table (data/kb/dependencies.yaml) on real module trees, fetched with
# the real tools once and cached under build/scan-modules (reruns are offline):
#   - a Kubernetes controller: k8s.io/sample-controller, as `go mod download` fetches it
#   - a Go web server: a small chi service written here, its dependencies `go mod vendor`ed in
#   - a Python extension in Rust: a small pyo3 crate written here, `cargo vendor`ed
# Each tree is committed to a repository of its own and scanned: what it is, where it runs, what
# loads it and what it reuses must come out of the table, and vendored code must not count.
# Needs go and cargo (the Makefile runs it with the lab's PATH); a missing one is skipped.
# Usage: tests/scan_modules.sh path/to/verdict   (run from the repository root)
bin=${1:?usage: scan_modules.sh VERDICT}
tmp=$(mktemp -d)
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
. tests/lib.sh
cache=$(pwd)/build/scan-modules
mkdir -p "$cache"
export GOMODCACHE="$cache/gomod" GOFLAGS=-modcacherw GOTOOLCHAIN=local GOWORK=off
export CARGO_HOME="$cache/cargo"

# commit DIR: the directory as one commit of a new repository
commit() {
	git -C "$1" init -q -b main &&
		git -C "$1" add -A &&
		git -C "$1" -c user.name=Fetcher -c user.email=fetch@example.com \
			-c commit.gpgsign=false commit -q -m "module tree"
}

# go_fetch ARGS...: go offline from the cache first, from the proxy when the cache lacks it
go_fetch() {
	GOPROXY=off go "$@" >/dev/null 2>&1 || go "$@" >"$tmp/fetch.log" 2>&1 ||
		{ echo "fetch failed: go $*: $(tail -3 "$tmp/fetch.log")"; return 1; }
}

# --- a Kubernetes controller: k8s.io/sample-controller ---------------------------------------------
if command -v go >/dev/null 2>&1; then
	mod=k8s.io/sample-controller@v0.31.0
	if go_fetch mod download "$mod"; then
		cp -r "$GOMODCACHE/$mod" "$tmp/controller"
		chmod -R u+w "$tmp/controller"
		commit "$tmp/controller"
		"$bin" scan "$tmp/controller" --format json >"$tmp/controller.json" 2>"$tmp/err" ||
			bad "scan sample-controller: $(cat "$tmp/err")"
		json_check "controller: a k8s-operator that extends Kubernetes" "d['building']['value'] == 'k8s-operator' and d['kubernetes']['value'] == 'extends' and d['building']['evidence'].startswith('k8s.io/client-go in go.mod') and 'k8s-controller' in d['building']['evidence']" "$tmp/controller.json"
		json_check "controller: written in Go, with its generated clientset set aside" "max(d['scan']['languages'], key=lambda l: l['bytes'])['name'] == 'Go' and d['scan']['set_aside']['generated'] >= 20" "$tmp/controller.json"
		json_check "controller: reuses the Kubernetes client libraries" "d['reuses']['value'][0]['language'] == 'go' and d['reuses']['value'][0]['what'].startswith('Kubernetes client libraries') and d['reuses']['value'][0]['packages'] >= 5" "$tmp/controller.json"
		"$bin" scan "$tmp/controller" >"$tmp/controller.yaml"
		"$bin" decide "$tmp/controller.yaml" --format json >"$tmp/controller-verdict.json" 2>"$tmp/err" || bad "decide controller: $(cat "$tmp/err")"
		json_check "controller: decide answers Go" "d['verdict'] == 'go'" "$tmp/controller-verdict.json"
		cp "$tmp/controller.yaml" "$cache/controller.yaml" # for the report
	else
		bad "could not fetch $mod"
	fi

	# --- a Go web server: chi, vendored ------------------------------------------------------
	mkdir -p "$tmp/server"
	cat >"$tmp/server/go.mod" <<-'EOF'
		module example.com/hello

		go 1.22

		require github.com/go-chi/chi/v5 v5.1.0
	EOF
	cat >"$tmp/server/main.go" <<-'EOF'
		package main

		import (
			"net/http"

			"github.com/go-chi/chi/v5"
		)

		func main() {
			r := chi.NewRouter()
			r.Get("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) })
			http.ListenAndServe(":8080", r)
		}
	EOF
	printf 'FROM scratch\nCOPY hello /hello\nENTRYPOINT ["/hello"]\n' >"$tmp/server/Dockerfile"
	if (cd "$tmp/server" && go_fetch mod tidy && go_fetch mod vendor); then
		commit "$tmp/server"
		"$bin" scan "$tmp/server" --format json >"$tmp/server.json" 2>"$tmp/err" ||
			bad "scan server: $(cat "$tmp/err")"
		own=$(wc -c <"$tmp/server/main.go")
		docker=$(wc -c <"$tmp/server/Dockerfile")
		json_check "server: chi's vendored source does not count" "sorted((l['name'], l['bytes']) for l in d['scan']['languages']) == [('Dockerfile', $docker), ('Go', $own)] and d['scan']['set_aside']['vendored'] >= 10" "$tmp/server.json"
		json_check "server: a web service on our fleet" "d['building']['value'] == 'web-service' and d['building']['evidence'].startswith('github.com/go-chi/chi/v5 in go.mod') and d['runs_on']['value'] == 'our-fleet' and d['runs_on']['evidence'] == 'Dockerfile (container, a002-container)'" "$tmp/server.json"
		json_check "server: the server code and net/http also matched" "'also matched' not in d['building']['evidence']" "$tmp/server.json"
		"$bin" scan "$tmp/server" | "$bin" decide - >/dev/null 2>"$tmp/err" || bad "server: scan | decide -: $(cat "$tmp/err")"
		"$bin" scan "$tmp/server" >"$cache/server.yaml"
	else
		bad "could not fetch chi"
	fi
else
	echo "scan modules: go not found: the Go module trees are skipped"
fi

# --- --build: a small Go program built and timed as the lab does, evidence for decide ------------
if command -v go >/dev/null 2>&1; then
	mkdir -p "$tmp/tiny" "$tmp/work"
	printf 'module example.com/tiny\n\ngo 1.22\n' >"$tmp/tiny/go.mod"
	printf 'package main\n\nfunc main() {\n\tprintln("hi")\n}\n' >"$tmp/tiny/main.go"
	commit "$tmp/tiny"
	"$bin" scan "$tmp/tiny" --build --workdir "$tmp/work" -o "$tmp/tiny.yaml" >"$tmp/out" 2>"$tmp/err"
	if [ $? -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then ok; else bad "--build: $(cat "$tmp/err")"; fi
	json_check "--build: 3 clean and 5 incremental builds, medians of their runs" "d['kind'] == 'scan-build' and d['language'] == 'go' and d['toolchains']['go']['version'].startswith('go1.') and len(d['build']['clean_s']['runs']) == 3 and len(d['build']['incremental_s']['runs']) == 5 and all(b['median'] == sorted(b['runs'])[len(b['runs']) // 2] and b['min'] == min(b['runs']) and b['max'] == max(b['runs']) for b in (d['build']['clean_s'], d['build']['incremental_s'])) and d['build']['edited'] == 'main.go' and d['build']['incremental_s']['median'] < d['build']['clean_s']['median']" "$tmp/tiny.build.json"
	if grep -q "^# Built with --build: go build -trimpath ./... (a fresh GOCACHE for each clean build) in the top directory: clean " "$tmp/tiny.yaml" &&
		grep -qF -- "--evidence $tmp/tiny.build.json" "$tmp/tiny.yaml"; then ok; else bad "--build: the profile does not name its evidence"; fi
	if [ -z "$(ls -A "$tmp/work")" ]; then ok; else bad "--build left its work directory: $(ls "$tmp/work")"; fi
	if [ "$(git -C "$tmp/tiny" status --porcelain)" = "" ]; then ok; else bad "--build touched the work tree"; fi
	"$bin" decide "$tmp/tiny.yaml" --evidence "$tmp/tiny.build.json" --format json >"$tmp/tiny-verdict.json" 2>"$tmp/err" || bad "decide --evidence scan-build: $(cat "$tmp/err")"
	median=$(python3 -c "import json; print(json.load(open('$tmp/tiny.build.json'))['build']['clean_s']['median'])")
	json_check "decide --evidence: CI cost from the measured build" "abs(d['costs']['ci']['build_seconds']['go']['value'] - $median) < 1e-3 and d['costs']['ci']['from'][:4] == ['scan-build-go', 'scan-build-typical-go', 'scan-build-rust', 'scan-build-typical-rust'] and d['costs']['ci']['build_seconds']['rust']['low'] > d['costs']['ci']['build_seconds']['go']['high'] and d['measured']['source'].endswith(\"this repository's own build (verdict scan --build)\")" "$tmp/tiny-verdict.json"
	# Ctrl-C during a clean build: every compiler ends, the work directory goes, nothing is written
	"$bin" scan "$tmp/tiny" --build --workdir "$tmp/work" -o "$tmp/int.yaml" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	i=0
	while [ $i -lt 1200 ] && ! ls -d "$tmp"/work/*/gocache-0 >/dev/null 2>&1; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -INT $pid
	wait $pid
	rc=$?
	if [ $rc -eq 130 ] && [ ! -s "$tmp/out" ] && [ ! -e "$tmp/int.yaml" ] && [ ! -e "$tmp/int.build.json" ] &&
		[ -z "$(ls -A "$tmp/work")" ] && [ "$(head -n 1 "$tmp/err")" = "verdict scan: interrupted; every process it started has ended and nothing was written" ] &&
		! pgrep -f "$tmp/work" >/dev/null; then ok; else
		bad "Ctrl-C during --build: exit $rc, $(cat "$tmp/err"), left: $(ls -A "$tmp/work")"
	fi
	# a build that fails: exit 2 with the compiler's words, nothing written
	printf 'package main\n\nfunc main() {\n' >"$tmp/tiny/main.go"
	git -C "$tmp/tiny" -c user.name=F -c user.email=f@example.com commit -qam broken
	"$bin" scan "$tmp/tiny" --build --workdir "$tmp/work" -o "$tmp/broken.yaml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "^verdict: $tmp/tiny: --build: .*go build failed (exit 1): " "$tmp/err" &&
		[ ! -e "$tmp/broken.yaml" ] && [ ! -e "$tmp/broken.build.json" ] && [ -z "$(ls -A "$tmp/work")" ]; then ok; else
		bad "--build of broken code: exit $rc: $(head -c 300 "$tmp/err")"
	fi
fi

# --- a Python extension in Rust: pyo3, vendored --------------------------------------------------
if command -v cargo >/dev/null 2>&1; then
	mkdir -p "$tmp/ext/src"
	cat >"$tmp/ext/Cargo.toml" <<-'EOF'
		[package]
		name = "fastmath"
		version = "0.1.0"
		edition = "2021"

		[lib]
		name = "fastmath"
		crate-type = ["cdylib"]

		[dependencies]
		pyo3 = { version = "=0.22.6", features = ["extension-module"] }
	EOF
	cat >"$tmp/ext/src/lib.rs" <<-'EOF'
		use pyo3::prelude::*;

		#[pyfunction]
		fn add(a: i64, b: i64) -> i64 {
		    a + b
		}

		#[pymodule]
		fn fastmath(m: &Bound<'_, PyModule>) -> PyResult<()> {
		    m.add_function(wrap_pyfunction!(add, m)?)
		}
	EOF
	printf '[build-system]\nrequires = ["maturin>=1.0,<2.0"]\nbuild-backend = "maturin"\n\n[project]\nname = "fastmath"\n' >"$tmp/ext/pyproject.toml"
	# the lock file is cached so a rerun resolves nothing
	[ -f "$cache/ext-Cargo.lock" ] && cp "$cache/ext-Cargo.lock" "$tmp/ext/Cargo.lock"
	if (cd "$tmp/ext" && { cargo vendor --offline --quiet vendor >/dev/null 2>&1 ||
		cargo vendor --quiet vendor >"$tmp/fetch.log" 2>&1; }); then
		cp "$tmp/ext/Cargo.lock" "$cache/ext-Cargo.lock"
		commit "$tmp/ext"
		"$bin" scan "$tmp/ext" --format json >"$tmp/ext.json" 2>"$tmp/err" ||
			bad "scan ext: $(cat "$tmp/err")"
		own=$(wc -c <"$tmp/ext/src/lib.rs")
		json_check "ext: pyo3's vendored crates do not count" "[(l['name'], l['bytes']) for l in d['scan']['languages']] == [('Rust', $own)] and d['scan']['set_aside']['vendored'] >= 100" "$tmp/ext.json"
		json_check "ext: loaded into Python" "d['embedded_in']['value'] == 'python' and d['embedded_in']['evidence'].startswith('pyo3 in Cargo.toml') and 'c-host from crate-type cdylib (Cargo.toml)' in d['embedded_in']['evidence']" "$tmp/ext.json"
		json_check "ext: a library, no program" "d['building']['value'] == 'library' and d['building']['evidence'].startswith('no program in the Go or Rust code')" "$tmp/ext.json"
		json_check "ext: reuses PyO3, its crates counted from Cargo.lock" "d['scan']['dependencies']['rust']['packages'] >= 15 and d['reuses']['value'] == [{'language': 'rust', 'what': \"PyO3, Rust's bindings to Python\", 'share': 'some', 'packages': 5, 'evidence': 'pyo3, pyo3-build-config, pyo3-ffi and 2 more'}]" "$tmp/ext.json"
		"$bin" scan "$tmp/ext" >"$cache/ext.yaml"
		"$bin" decide "$cache/ext.yaml" --format json >"$tmp/ext-verdict.json" 2>"$tmp/err" || bad "decide ext: $(cat "$tmp/err")"
		json_check "ext: decide answers Rust (a Python host rules Go out)" "d['verdict'] == 'rust'" "$tmp/ext-verdict.json"
	else
		bad "could not vendor pyo3: $(tail -3 "$tmp/fetch.log")"
	fi
else
	echo "scan modules: cargo not found: the Rust module tree is skipped"
fi

echo "scan modules: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
