# verdict — build, test and run.
#
#   make          build build/verdict (warnings are errors)
#   make run      install what is missing, build, and show a verdict for an example profile
#   make test     install what is missing, then every test: format check, unit tests and
#                 scenarios under ASan+UBSan, end-to-end CLI tests (ADRs read by log4brains and
#                 markdownlint among them), bad-input corpus, a fuzz smoke run
#   make bench    CPU time of `decide`, the load generator against wrk, the API, `verdict scan`
#                 of a 100,000-commit history, and the full `verdict lab` run (Go against Rust on
#                 this machine, about 15 minutes)
#   make backtest the engine against documented real-world decisions (tests/realworld)
#   make first-runs  each blind batch of those decisions on the engine that first ran on it,
#                 rebuilt from git history: the out-of-sample record (about a minute)
#   make fuzz     run the profile parser fuzzer for FUZZ_SECONDS (default 60)
#   make format   clang-format every C file in place

CC       ?= cc
CLANG    ?= clang
PKGS     := jansson yaml-0.1 libmicrohttpd sqlite3 libgit2
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L
# -Wno-format-truncation: display texts are cut to their buffers on purpose (snprintf always
# terminates); the warning cannot tell deliberate truncation from a bug.
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wvla -Wno-format-truncation -Werror
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS   ?= -O2 -g
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Isrc -Ibuild/gen -pthread
LDLIBS   = $(PKG_LIBS) -lm -pthread

# Debian packages the build and the tests need (checked by `make setup`).
DEB_BUILD := gcc make pkg-config libjansson-dev libyaml-dev libmicrohttpd-dev libsqlite3-dev \
             libgit2-dev
DEB_TEST  := libcmocka-dev clang libclang-rt-14-dev clang-format valgrind python3 bsdutils git \
             chromium fonts-dejavu-core nginx-light
# `verdict lab` needs Go and Rust newer than Debian 12 packages: where the official installers
# put them is searched after the PATH (tools/lab-toolchains.sh says what is missing)
LAB_PATH  := $(PATH):/usr/local/go/bin:$(HOME)/.cargo/bin

SRC      := $(sort $(wildcard src/*.c src/lab/*.c))
LIB_SRC  := $(filter-out src/main.c,$(SRC))
KB_FILES := $(sort $(wildcard data/kb/*.yaml))
WEB_FILES := $(sort $(wildcard web/*))
# the lab's workload sources (not their build output): unpacked by `verdict lab` for each run
LAB_FILES := $(sort $(wildcard lab/workloads/go/go.mod lab/workloads/go/cmd/*/*.go \
             lab/workloads/rust/Cargo.toml lab/workloads/rust/Cargo.lock \
             lab/workloads/rust/src/bin/*.rs lab/workloads/c/*.c))
GEN      := build/gen/kb_embedded.c build/gen/web_embedded.c build/gen/lab_embedded.c

EMBEDDED := kb_embedded.o web_embedded.o lab_embedded.o
OBJ      := $(patsubst src/%.c,build/obj/%.o,$(SRC)) $(addprefix build/obj/,$(EMBEDDED))
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_OBJ := $(patsubst src/%.c,build/asan/%.o,$(LIB_SRC)) $(addprefix build/asan/,$(EMBEDDED))

TESTS    := $(patsubst tests/%.c,build/tests/%,$(sort $(wildcard tests/test_*.c)))

.PHONY: all run test setup setup-test unit e2e node-deps browser fuzz-smoke fuzz bench format \
	format-check clean backtest first-runs

all: build/verdict

# --- set-up: install what a fresh Debian machine lacks ------------------------------------------
setup:
	@sh tools/setup.sh $(DEB_BUILD)

setup-test:
	@sh tools/setup.sh $(DEB_BUILD) $(DEB_TEST)

# --- the binary --------------------------------------------------------------------------------
build/tools/embed: tools/embed.c
	@mkdir -p build/tools
	$(CC) $(CSTD) $(WARN) -O1 -o $@ tools/embed.c

build/gen/kb_embedded.c: build/tools/embed $(KB_FILES)
	@mkdir -p build/gen
	build/tools/embed $@ kb_embedded $(KB_FILES)

build/gen/web_embedded.c: build/tools/embed $(WEB_FILES)
	@mkdir -p build/gen
	build/tools/embed $@ web_embedded $(WEB_FILES)

build/gen/lab_embedded.c: build/tools/embed $(LAB_FILES)
	@mkdir -p build/gen
	build/tools/embed --under lab/workloads $@ lab_embedded $(LAB_FILES)

HEADERS  := $(wildcard src/*.h src/lab/*.h)

build/obj/%.o: src/%.c $(HEADERS) | build/obj
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/obj/%_embedded.o: build/gen/%_embedded.c | build/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/verdict: $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LDLIBS)

build/obj build/asan build/tests:
	@mkdir -p $@

# --- sanitizer build for tests -----------------------------------------------------------------
build/asan/%.o: src/%.c $(HEADERS) | build/asan
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(ASAN_FLAGS) $(PKG_CFLAGS) -Isrc -Ibuild/gen -c -o $@ $<

build/asan/%_embedded.o: build/gen/%_embedded.c | build/asan
	$(CC) $(CSTD) $(WARN) $(ASAN_FLAGS) $(PKG_CFLAGS) -Isrc -c -o $@ $<

build/asan/verdict: $(ASAN_OBJ) src/main.c | build/asan
	$(CC) $(CSTD) $(WARN) $(ASAN_FLAGS) $(PKG_CFLAGS) -Isrc -o $@ src/main.c $(ASAN_OBJ) $(LDLIBS)

build/tests/%: tests/%.c tests/testutil.h $(ASAN_OBJ) | build/tests
	$(CC) $(CSTD) $(WARN) $(ASAN_FLAGS) $(PKG_CFLAGS) $$(pkg-config --cflags cmocka) -Isrc -Itests \
		-o $@ $< $(ASAN_OBJ) $(LDLIBS) $$(pkg-config --libs cmocka)

# --- the two commands of the README ------------------------------------------------------------
run: setup
	@$(MAKE) --no-print-directory build/verdict
	./build/verdict decide examples/crud-api.yaml

test: setup-test
	@$(MAKE) --no-print-directory format-check
	@$(MAKE) --no-print-directory build/verdict build/asan/verdict $(TESTS)
	@$(MAKE) --no-print-directory unit e2e fuzz-smoke
	@echo "make test: all green"

unit: $(TESTS)
	@sh tests/run_unit.sh $(TESTS)

build/tests/stall_server: tests/helpers/stall_server.c | build/tests
	$(CC) -std=c11 -D_GNU_SOURCE $(filter-out -Wpedantic,$(WARN)) -O2 -o $@ $<

e2e: build/verdict build/asan/verdict build/tests/stall_server node-deps
	@sh tests/e2e.sh build/asan/verdict
	@sh tests/adr_tools.sh build/asan/verdict
	@sh tests/backtest.sh build/verdict
	@sh tests/scan.sh build/asan/verdict
	@PATH="$(LAB_PATH)" sh tests/scan_modules.sh build/asan/verdict
	@sh tests/load.sh build/asan/verdict build/tests/stall_server
	@sh tests/serve.sh build/asan/verdict
	@PATH="$(LAB_PATH)" sh tools/lab-toolchains.sh
	@PATH="$(LAB_PATH)" sh tests/lab.sh build/asan/verdict
	@$(MAKE) --no-print-directory browser

# node and the npm packages of tests/browser (playwright-core, markdownlint-cli2, axe-core) and of
# tests/log4brains (log4brains 1.1.0, the ADR tool), pinned by their package-lock.json files;
# Debian's nodejs/npm only when no node is on the PATH
node-deps:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || sh tools/setup.sh nodejs npm
	@[ -d tests/browser/node_modules/playwright-core ] && [ -d tests/browser/node_modules/markdownlint-cli2 ] && \
		[ -d tests/browser/node_modules/axe-core ] || (cd tests/browser && npm ci --no-audit --no-fund)
	@[ -x tests/log4brains/node_modules/.bin/log4brains ] || \
		(cd tests/log4brains && npm ci --no-audit --no-fund)

# the page in Debian's chromium (screenshots kept in build/artifacts)
browser: build/verdict node-deps
	@VERDICT=build/verdict ARTIFACTS=build/artifacts node --test tests/browser/ 2>&1 | \
		tee build/browser.log | grep -E '^(not ok|# (pass|fail))'; \
		grep -q '^# fail 0' build/browser.log || { cat build/browser.log; exit 1; }
	@sh tests/bad_inputs.sh build/asan/verdict
	@sh tests/leaks.sh build/verdict

# the engine against documented real-world decisions (tests/realworld; tests/backtest.sh holds
# the agreement floors that `make test` enforces)
backtest: build/verdict
	@./build/verdict backtest tests/realworld
	@./build/verdict backtest tests/realworld/holdout

# the out-of-sample record: each blind batch on the engine as it stood when the batch was
# committed, rebuilt from git history (tests/realworld/README.md)
first-runs:
	@sh tests/realworld/first-runs.sh

# --- fuzzing (clang + libFuzzer) ---------------------------------------------------------------
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined $(CSTD) $(filter-out -Wno-format-truncation,$(WARN)) $(PKG_CFLAGS) -Isrc -Ibuild/gen

build/fuzz/%: fuzz/%.c $(LIB_SRC) $(GEN)
	@mkdir -p build/fuzz
	$(CLANG) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(GEN) $(LDLIBS)

FUZZERS := build/fuzz/fuzz_profile build/fuzz/fuzz_kb build/fuzz/fuzz_http build/fuzz/fuzz_web \
	   build/fuzz/fuzz_evidence build/fuzz/fuzz_manifest

fuzz-smoke: $(FUZZERS)
	@sh tests/fuzz_smoke.sh 20

fuzz: $(FUZZERS)
	@sh tests/fuzz_smoke.sh $(FUZZ_SECONDS)

# --- benchmarks --------------------------------------------------------------------------------
build/bench_decide: bench/bench_decide.c $(patsubst src/%.c,build/obj/%.o,$(LIB_SRC)) $(addprefix build/obj/,$(EMBEDDED))
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

DEB_BENCH := nginx-light wrk

bench: setup
	@sh tools/setup.sh $(DEB_BENCH)
	@$(MAKE) --no-print-directory build/verdict build/bench_decide
	@sh bench/decide.sh build/verdict
	@sh bench/load_vs_wrk.sh build/verdict
	@sh bench/api.sh build/verdict
	@sh bench/scan.sh build/verdict
	@sh bench/lab.sh build/verdict

# --- formatting --------------------------------------------------------------------------------
C_FILES = $(wildcard src/*.c src/*.h src/lab/*.c src/lab/*.h tests/*.c tests/*.h tests/helpers/*.c \
	fuzz/*.c tools/*.c bench/*.c)

format:
	clang-format -i $(C_FILES)

format-check:
	@clang-format --dry-run --Werror $(C_FILES) && echo "format: ok"

clean:
	rm -rf build
