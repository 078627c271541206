#!/bin/sh
# `verdict scan` end to end on repositories built here with `git fast-import` from scripted
# histories (tests/scan/*.history, written by tests/helpers/history.py): every number the
# history gives is checked exactly against the script's arithmetic (see team.history for who is
# who), linguist's rules and .gitattributes overrides byte for byte, then the bad inputs (not a
# repository, no commits, a shallow clone, a detached HEAD, symbolic-link loops, unreadable
# objects) with their exact messages, `verdict scan | verdict decide -`, and this repository.
# Usage: tests/scan.sh path/to/verdict   (run from the repository root)
bin=${1:?usage: scan.sh VERDICT}
tmp=$(mktemp -d)
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
. tests/lib.sh

# make_repo DIR SCRIPT: a repository with the scripted history, its work tree checked out
make_repo() {
	git init -q -b main "$1" &&
		python3 tests/helpers/history.py tests/scan <"$2" | git -C "$1" fast-import --quiet &&
		git -C "$1" reset -q --hard
}

# yaml_line NAME 'EXACT LINE' FILE
yaml_line() {
	if grep -qxF -- "$2" "$3"; then ok; else
		bad "$1: no line '$2' in: $(grep -F -- "$(echo "$2" | cut -c1-20)" "$3" | head -3)"
	fi
}

make_repo "$tmp/team" tests/scan/team.history || bad "cannot build the team repository"

# --- the team's numbers, from team.history -------------------------------------------------------
"$bin" scan "$tmp/team" >"$tmp/team.yaml" 2>"$tmp/err" || bad "scan team: $(cat "$tmp/err")"
yaml_line "team.size: aliases merged, bots left out, co-author counted" \
	"  size: 4                      # 4 people committed in the 90 days before HEAD (2026-11-20); 2 bots left out and 1 alias merged" "$tmp/team.yaml"
yaml_line "know_go" "  know_go: 2                   # 2 of them changed Go files in those 90 days" "$tmp/team.yaml"
yaml_line "know_rust: the co-author counts" "  know_rust: 2                 # 2 of them changed Rust files in those 90 days" "$tmp/team.yaml"
yaml_line "background: no majority" "  background: mixed            # no one language is what most of the 4 people who changed code in the window changed most" "$tmp/team.yaml"
yaml_line "attrition: dave and grace of 7" "  attrition: 0.286             # 2 of the 7 people active in the year before HEAD have been silent for longer than both 90 days and 3 times their usual gap between commits" "$tmp/team.yaml"
yaml_line "hires: carol, frank, grace" "  hires_per_year: 3            # 3 people made a first commit in the year before HEAD" "$tmp/team.yaml"
yaml_line "merges a day: 11 first-parent commits" "  merges_per_day: 0.194        # 11 first-parent commits landed on HEAD's branch in the 90 days before HEAD, 1 of them merge commit: 11 / 56.7 working days (230 a year, a000-working-days)" "$tmp/team.yaml"
yaml_line "building from go.mod" "building: web-service          # github.com/gin-gonic/gin in go.mod (go-web-frameworks, s001-gin-48)" "$tmp/team.yaml"
yaml_line "runs_on from the Dockerfile" "runs_on: our-fleet             # Dockerfile (container, a002-container)" "$tmp/team.yaml"
yaml_line "stage from the history's age" "stage: shipping                # the history goes back 2.2 years (first commit 2024-09-11): taken to mean it ships" "$tmp/team.yaml"
yaml_line "pain is never inferred" "# pain: none                   # (default) not inferred: a repository cannot say what hurts; with stage: shipping and no pain, decide usually answers keep" "$tmp/team.yaml"
if grep -q "alice\|Alice\|carol" "$tmp/team.yaml"; then bad "people are named without --show-people"; else ok; fi
"$bin" scan "$tmp/team" --format json >"$tmp/team.json"
json_check "json: the same numbers" "d['team']['size']['value'] == 4 and d['team']['know_go']['value'] == 2 and d['team']['know_rust']['value'] == 2 and d['team']['background']['value'] == 'mixed' and d['team']['attrition']['value'] == 0.286 and d['team']['hires_per_year']['value'] == 3 and d['ci']['merges_per_day']['value'] == 0.194" "$tmp/team.json"
json_check "json: an evidence string for every field" "all(isinstance(v['evidence'], str) and v['evidence'] and isinstance(v['inferred'], bool) for k, v in list(d.items()) + list(d['team'].items()) + list(d['ci'].items()) if k not in ('scan', 'team', 'ci'))" "$tmp/team.json"
json_check "json: repository facts" "d['scan']['head_date'] == '2026-11-20' and d['scan']['branch'] == 'main' and not d['scan']['detached'] and not d['scan']['shallow'] and d['scan']['commits_walked'] == 59 and 'people' not in d" "$tmp/team.json"
"$bin" scan "$tmp/team" --format json --show-people >"$tmp/people.json"
json_check "--show-people names them" "sorted(p['email'] for p in d['people'] if not p['bot']) == ['alice@example.com', 'bob@example.com', 'carol@example.com', 'frank@example.com'] and sum(p['bot'] for p in d['people']) == 2" "$tmp/people.json"

# a shorter window: alice and bob; carol's only commit (30 days ago) and alice's old address fall out
"$bin" scan "$tmp/team" --since 30d >"$tmp/w30.yaml"
yaml_line "--since 30d: size" "  size: 2                      # 2 people committed in the 30 days before HEAD (2026-11-20); 2 bots left out and 0 aliases merged" "$tmp/w30.yaml"
yaml_line "--since 30d: no Rust" "  know_rust: 0                 # 0 of them changed Rust files in those 30 days" "$tmp/w30.yaml"
yaml_line "--since 30d: merges" "  merges_per_day: 0.317        # 6 first-parent commits landed on HEAD's branch in the 30 days before HEAD, 1 of them merge commit: 6 / 18.9 working days (230 a year, a000-working-days)" "$tmp/w30.yaml"
"$bin" scan "$tmp/team" --since 12w --format json >"$tmp/w12.json"
json_check "--since 12w is 84 days" "d['scan']['window_days'] == 84" "$tmp/w12.json"

# --- scan | decide - ------------------------------------------------------------------------------
"$bin" scan "$tmp/team" | "$bin" decide - --format json >"$tmp/decide.json" 2>"$tmp/err"
if [ $? -eq 0 ] && [ ! -s "$tmp/err" ]; then ok; else bad "scan | decide -: $(cat "$tmp/err")"; fi
json_check "scan | decide -: shipping with no pain keeps what ships" "d['verdict'] == 'keep'" "$tmp/decide.json"
sed 's/^# pain: none  /pain: gc-pauses/' "$tmp/team.yaml" | "$bin" decide - --format json >"$tmp/pain.json" 2>"$tmp/err"
json_check "scan, name a pain, decide -" "d['verdict'] in ('go', 'rust', 'either', 'hybrid')" "$tmp/pain.json"
check_ok "decide - text" "verdict:" sh -c "\"$bin\" scan \"$tmp/team\" | \"$bin\" decide -"
printf 'building: web-servce\n' >"$tmp/typo.yaml"
check_fail "decide - names standard input in errors" 2 "verdict: standard input:1: building: unknown value \"web-servce\" (did you mean \"web-service\"?); expected one of: web-service | cli | embedded | kernel | blockchain | trading | game-engine | ml-inference | data-pipeline | k8s-operator | proxy | parser | database | runtime | wasm | library | cache | desktop-app | agent | vmm | compiler | query-engine" sh -c "\"$bin\" decide - <\"$tmp/typo.yaml\""
check_fail "decide - empty input" 2 "verdict: standard input:1: the file is empty" sh -c "\"$bin\" decide - </dev/null"
head -c 1100000 /dev/zero | tr '\0' '#' >"$tmp/big.yaml"
check_fail "decide - over 1 MiB" 2 "verdict: standard input: holds more than the limit of 1048576 bytes" sh -c "\"$bin\" decide - <\"$tmp/big.yaml\""

# --- -o: atomic, and nothing written on failure ---------------------------------------------------
check_fail "-o prints nothing" 0 "" "$bin" scan "$tmp/team" -o "$tmp/out.yaml"
if cmp -s "$tmp/out.yaml" "$tmp/team.yaml"; then ok; else bad "-o differs from standard output"; fi
check_ok "the -o profile decides" "verdict:" "$bin" decide "$tmp/out.yaml"
echo old >"$tmp/keep.yaml"
mkdir "$tmp/plain"
check_fail "-o kept on failure" 2 "verdict: $tmp/plain: not a git repository (verdict scan reads the history: give the top of a git checkout)" "$bin" scan "$tmp/plain" -o "$tmp/keep.yaml"
if [ "$(cat "$tmp/keep.yaml")" = old ] && [ -z "$(ls "$tmp" | grep 'keep.yaml.tmp')" ]; then ok; else bad "a failed scan touched -o"; fi

# --- linguist's rules and .gitattributes (code.history) ------------------------------------------
make_repo "$tmp/code" tests/scan/code.history || bad "cannot build the code repository"
"$bin" scan "$tmp/code" --format json >"$tmp/code.json"
go=$(cat "$tmp/code/src/app.go" "$tmp/code/src/app_test.go" "$tmp/code/examples/demo.go" | wc -c)
c=$(wc -c <"$tmp/code/third_party/c/lib.c")
py=$(wc -c <"$tmp/code/scripts/tool.txt")
json_check "linguist: bytes per language" "{l['name']: l['bytes'] for l in d['scan']['languages']} == {'Go': $go, 'C': $c, 'Python': $py}" "$tmp/code.json"
json_check "linguist: vendored, generated, documentation" "d['scan']['set_aside'] == {'vendored': 3, 'generated': 3, 'documentation': 2, 'reclassified_by_gitattributes': 4}" "$tmp/code.json"
json_check "linguist: a new history is new" "d['stage']['value'] == 'new' and d['stage']['evidence'] == 'the history is 10 days old (first commit 2026-11-10) and has no version tag' and not d['current_language']['inferred']" "$tmp/code.json"
# a history younger than the window: merges a day over its own 10 days, not over 90 (regression:
# 2 commits in 10 days once read as 0.035 a day)
json_check "a young history's merges a day" "d['ci']['merges_per_day']['value'] == 0.317 and d['ci']['merges_per_day']['evidence'] == \"2 first-parent commits landed on HEAD's branch since its first commit 10.0 days before HEAD: 2 / 6.3 working days (230 a year, a000-working-days)\"" "$tmp/code.json"

# --- the dependency table on small projects of each kind (mapping.history) ---------------------
mkdir -p "$tmp/map"
awk -v dir="$tmp/map" '/^# --- /{name=$3; sub(/:$/, "", name); next} name{print > (dir "/" name ".history")}' tests/scan/mapping.history
for name in cli embedded node python cshared ruby elixir templates; do
	make_repo "$tmp/map/$name" "$tmp/map/$name.history" || bad "cannot build the $name repository"
	"$bin" scan "$tmp/map/$name" --format json >"$tmp/map/$name.json" 2>"$tmp/err" || bad "scan $name: $(cat "$tmp/err")"
done
json_check "cobra and goreleaser: a CLI on users' machines" "d['building']['evidence'] == 'github.com/spf13/cobra in go.mod (cli-libraries, a002-cli-libraries)' and d['runs_on']['value'] == 'user-machines' and d['runs_on']['evidence'] == '.goreleaser.yaml (installers, a002-installers)'" "$tmp/map/cli.json"
json_check "a Cargo workspace with Embassy: embedded, on a device" "d['building']['value'] == 'embedded' and d['building']['evidence'] == 'defmt in Cargo.toml and 1 more (embedded-rust, s000-usecase-embedded)' and d['runs_on']['value'] == 'device' and d['scan']['dependencies']['rust']['manifests'] == 3" "$tmp/map/embedded.json"
json_check "Express in TypeScript: a web service; dev tools not counted" "d['building']['evidence'] == 'express in package.json (node-web-frameworks, a002-web-node)' and d['scan']['dependencies']['node']['packages'] == 1 and d['team']['background']['value'] == 'typescript'" "$tmp/map/node.json"
json_check "FastAPI in pyproject: a web service; dev requirements not counted" "d['building']['evidence'] == 'fastapi in pyproject.toml (python-web-frameworks, a002-web-python)' and 'flask' not in d['building']['evidence'] and d['scan']['dependencies']['python']['packages'] == 2" "$tmp/map/python.json"
json_check "cgo //export: a library a C host loads; what it is stays unsaid" "d['embedded_in']['value'] == 'c-host' and d['embedded_in']['evidence'] == 'cgo //export in a package main (main.go) (c-abi-library, a002-c-abi-library)' and not d['building']['inferred']" "$tmp/map/cshared.json"

json_check "Ruby ships as ruby" "d['stage']['value'] == 'shipping' and d['current_language']['value'] == 'ruby' and d['current_language']['inferred'] and d['current_language']['evidence'].startswith('Ruby is 100% of the code')" "$tmp/map/ruby.json"
json_check "Elixir ships as other, and says which" "d['current_language']['value'] == 'other' and d['current_language']['evidence'].startswith('Elixir is 100% of the code\\'s bytes, which the profile names as other')" "$tmp/map/elixir.json"

json_check "HTML outweighs Go: Go is what ships" "d['current_language']['value'] == 'go' and d['current_language']['evidence'].startswith('Go is ') and ', the most of any programming language (HTML has more)' in d['current_language']['evidence']" "$tmp/map/templates.json"

# --- a shallow clone: the history is not walked, and says so -------------------------------------
git clone -q --depth 1 "file://$tmp/team" "$tmp/shallow" 2>/dev/null
"$bin" scan "$tmp/shallow" --format json >"$tmp/shallow.json" 2>"$tmp/err"
json_check "shallow: history fields at their defaults" "d['scan']['shallow'] and all(not d['team'][k]['inferred'] and 'a shallow clone' in d['team'][k]['evidence'] for k in ('size', 'know_go', 'know_rust', 'background', 'attrition', 'hires_per_year')) and not d['ci']['merges_per_day']['inferred'] and d['team']['size']['value'] == 5" "$tmp/shallow.json"
json_check "shallow: the tree is still read" "d['building']['value'] == 'web-service' and d['building']['inferred'] and d['current_language']['evidence'] == 'applies only with stage: shipping (Go is 81% of the code\\'s bytes)'" "$tmp/shallow.json"
"$bin" scan "$tmp/shallow" | "$bin" decide - >/dev/null 2>"$tmp/err"
if [ $? -eq 0 ]; then ok; else bad "shallow scan | decide -: $(cat "$tmp/err")"; fi

# --- a detached HEAD: scanned at that commit, and said so ------------------------------------------
git clone -q "file://$tmp/team" "$tmp/detached" 2>/dev/null
git -C "$tmp/detached" checkout -q --detach HEAD~1
"$bin" scan "$tmp/detached" >"$tmp/detached.yaml"
if grep -q "^# HEAD [0-9a-f]* (detached), 2026-11-12;" "$tmp/detached.yaml"; then ok; else bad "detached: $(sed -n 2p "$tmp/detached.yaml")"; fi
yaml_line "detached: anchored to its own date" "  size: 4                      # 4 people committed in the 90 days before HEAD (2026-11-12); 2 bots left out and 1 alias merged" "$tmp/detached.yaml"

# --- bad input: exact messages, nothing on stdout, exit 2 ----------------------------------------
check_fail "not a repository" 2 "verdict: $tmp/plain: not a git repository (verdict scan reads the history: give the top of a git checkout)" "$bin" scan "$tmp/plain"
check_fail "missing directory" 2 "verdict: $tmp/none: cannot open: No such file or directory" "$bin" scan "$tmp/none"
check_fail "a file" 2 "verdict: $tmp/team.yaml: not a directory: give the top of a git repository" "$bin" scan "$tmp/team.yaml"
ln -s "$tmp/loop2" "$tmp/loop1"
ln -s "$tmp/loop1" "$tmp/loop2"
check_fail "a symbolic-link loop" 2 "verdict: $tmp/loop1: cannot open: Too many levels of symbolic links" "$bin" scan "$tmp/loop1"
git init -q "$tmp/empty"
check_fail "no commits" 2 "verdict: $tmp/empty: the repository has no commits yet: there is nothing to infer from" "$bin" scan "$tmp/empty"
check_fail "two directories" 2 "verdict scan: one repository at a time" "$bin" scan "$tmp/team" "$tmp/code"
check_fail "bad --since" 2 "verdict scan: --since must be a duration from 1d to 10y (90d, 12w, 6m, 1y), got '90'" "$bin" scan "$tmp/team" --since 90
check_fail "--since too long" 2 "verdict scan: --since must be a duration from 1d to 10y (90d, 12w, 6m, 1y), got '11y'" "$bin" scan "$tmp/team" --since 11y
check_fail "bad --format" 2 "verdict scan: unknown format 'text' (yaml, json)" "$bin" scan "$tmp/team" --format text
check_fail "--build needs -o" 2 "verdict scan: --build writes its measurements beside the profile: add -o PROFILE.yaml" "$bin" scan "$tmp/team" --build
check_fail "--build on neither Go nor Rust" 2 "verdict: $tmp/code2: --build measures Go (go.mod) and Rust (Cargo.toml) projects: HEAD's tree has neither" sh -c "cp -r \"$tmp/code\" \"$tmp/code2\" && \"$bin\" scan \"$tmp/code2\" --build -o \"$tmp/code2.yaml\""
if [ ! -e "$tmp/code2.yaml" ] && [ ! -e "$tmp/code2.build.json" ]; then ok; else bad "a failed --build left files"; fi
check_ok "scan --help" "usage: verdict scan" "$bin" scan --help

# symbolic-link loops and unreadable files in the work tree: scan reads the committed tree, so
# neither is followed nor read (team.history commits loop1 -> loop2 -> loop1)
if [ -L "$tmp/team/loop1" ]; then ok; else bad "the team repository has no link loop"; fi
# unreadable files: as root nothing is unreadable, so the checks run as nobody on a copy
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	cp -r "$tmp/team" "$tmp/locked"
	chmod 0755 "$tmp"
	chown -R nobody "$tmp/locked"
	chmod 000 "$tmp/locked/src/a.go" "$tmp/locked/.mailmap"
	as_nobody="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	$as_nobody "$bin" scan "$tmp/locked" >"$tmp/locked.yaml" 2>"$tmp/err"
	if [ $? -eq 0 ] && grep -q "^  size: 5 .*0 aliases merged" "$tmp/locked.yaml" &&
		grep -qxF "# note: cannot read .mailmap (Permission denied): the aliases it names are not merged" "$tmp/locked.yaml"; then ok; else
		bad "unreadable work-tree files (and .mailmap, so alice counts twice): $(cat "$tmp/err") $(grep size "$tmp/locked.yaml")"
	fi
	chmod 000 "$tmp"/locked/.git/objects/pack/*.pack
	$as_nobody "$bin" scan "$tmp/locked" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "^verdict: $tmp/locked: cannot read HEAD's commit [0-9a-f]\{12\}: " "$tmp/err"; then ok; else
		bad "unreadable objects: exit $rc: $(cat "$tmp/err")"
	fi
	chmod -R u+rwX "$tmp/locked"
fi

# --- this repository ------------------------------------------------------------------------------
"$bin" scan . --format json >"$tmp/self.json" 2>"$tmp/err" || bad "scan of this repository: $(cat "$tmp/err")"
json_check "this repository: C first, the lab's Go and Rust too small to decide" "not d['kubernetes']['inferred'] and max(d['scan']['languages'], key=lambda l: l['bytes'])['name'] == 'C' and not d['building']['inferred'] and 'too small a share of the code to count: ' in d['building']['evidence'] and 'axum in lab/workloads/rust/Cargo.toml (rust-web-frameworks)' in d['building']['evidence'] and not d['scan']['dependencies']['go']['counted'] and d['scan']['dependencies']['go']['manifests'] >= 1" "$tmp/self.json"
"$bin" scan . | "$bin" decide - >/dev/null 2>"$tmp/err"
if [ $? -eq 0 ]; then ok; else bad "scan . | decide -: $(cat "$tmp/err")"; fi

echo "scan: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
