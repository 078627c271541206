#!/bin/sh
# End-to-end tests of the verdict binary: exit codes, exact error text, --help everywhere,
# JSON contract keys, colour only on a terminal, interactive quick, atomic -o, --kb, and golden
# outputs (tests/golden; regenerate with tests/golden.sh after an intended change).
# Usage: tests/e2e.sh path/to/verdict   (run from the repository root)
bin=${1:?usage: e2e.sh VERDICT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib.sh

# --- help and usage ----------------------------------------------------------------------------
check_ok "top help" "Commands:" "$bin" --help
check_ok "version" "verdict " "$bin" --version
for c in quick decide learn cost claims adr serve load scan; do
	check_ok "$c --help" "usage: verdict $c" "$bin" "$c" --help
	check_ok "help $c" "usage: verdict $c" "$bin" help "$c"
done
check_fail "no command" 2 "usage: verdict COMMAND [ARGS]" "$bin"
check_fail "unknown command" 2 "verdict: unknown command 'decid'" "$bin" decid
check_fail "decide no profile" 2 "verdict decide: which profile? give PROFILE.yaml" "$bin" decide
check_fail "decide two profiles" 2 "verdict decide: one profile at a time" "$bin" decide a.yaml b.yaml
check_fail "decide bad format" 2 "verdict decide: unknown format 'yaml' (text, json, markdown, html)" "$bin" decide examples/crud-api.yaml --format yaml
check_fail "decide bad option" 2 "verdict decide: unknown option '--bogus'" "$bin" decide --bogus examples/crud-api.yaml
check_fail "decide option without value" 2 "verdict decide: --format needs a value" "$bin" decide examples/crud-api.yaml --format
check_fail "decide missing file" 2 "verdict: nope.yaml: cannot open: No such file or directory" "$bin" decide nope.yaml

# --- decide ------------------------------------------------------------------------------------
for f in examples/*.yaml; do
	check_ok "decide $f" "verdict:" "$bin" decide "$f"
	"$bin" decide "$f" --format json >"$tmp/d.json" 2>"$tmp/err" || bad "decide $f json failed: $(cat "$tmp/err")"
	json_check "json keys $f" "all(k in d for k in ('verdict','margin','close_call','reasons','kb_version')) and d['verdict'] in ('go','rust','either','python','keep','hybrid') and 0 <= d['margin'] <= 1 and isinstance(d['close_call'], bool) and all(set(('claim','text')) <= set(r) for r in d['reasons'])" "$tmp/d.json"
done
"$bin" decide examples/hybrid-platform.yaml --format json >"$tmp/h.json"
json_check "hybrid components" "d['verdict']=='hybrid' and [c['name'] for c in d['components']]==['control-plane','data-plane','cli'] and all('verdict' in c for c in d['components'])" "$tmp/h.json"
"$bin" decide examples/crud-api.yaml --format json >"$tmp/a.json"
"$bin" decide examples/crud-api.yaml --format json >"$tmp/b.json"
if cmp -s "$tmp/a.json" "$tmp/b.json"; then ok; else bad "decide is not deterministic"; fi

# win probability, flips and costs (DESIGN.md keys), reproducible by seed
"$bin" decide examples/crud-api.yaml --format json --seed 7 >"$tmp/s1.json"
"$bin" decide examples/crud-api.yaml --format json --seed 7 >"$tmp/s2.json"
if cmp -s "$tmp/s1.json" "$tmp/s2.json"; then ok; else bad "same --seed gave different JSON"; fi
json_check "uncertainty keys" "set(d['win_probability']) >= {'go','rust'} and abs(d['win_probability']['go'] + d['win_probability']['rust'] - 1) < 1e-9 and d['samples'] == 10000 and d['seed'] == 7 and all(set(('input','at','to')) <= set(f) for f in d['flips']) and d['smallest_weight_change'] is not None" "$tmp/s1.json"
json_check "cost keys" "all(set(('usd_per_year','low','high')) <= set(d['costs'][i][l]) for i in ('ci','hiring','onboarding','infrastructure','total') for l in ('go','rust')) and set(d['costs']['ci']['wait_hours_per_day']) == {'go','rust'}" "$tmp/s1.json"
json_check "hybrid system probability" "set(d['win_probability']) == {'go','rust','hybrid'} and all('win_probability' in c and 'costs' in c and 'flips' in c for c in d['components'])" "$tmp/h.json"
"$bin" decide examples/crud-api.yaml --format json --samples 200 >"$tmp/few.json"
json_check "--samples" "d['samples'] == 200" "$tmp/few.json"
check_fail "--samples too few" 2 "verdict decide: --samples must be a whole number from 100 to 10000000, got '5'" "$bin" decide examples/crud-api.yaml --samples 5
check_fail "--seed not a number" 2 "verdict decide: --seed must be a whole number from 0 to 9223372036854775807, got 'abc'" "$bin" decide examples/crud-api.yaml --seed abc
check_ok "decide text shows flips" "What would change it" "$bin" decide tests/scenarios/12-ml-inference.yaml
check_ok "decide text shows flips" "Rust wins if your p99 target drops below 5 ms" "$bin" decide tests/scenarios/12-ml-inference.yaml
check_ok "decide text shows costs" "Rust costs about" "$bin" decide examples/crud-api.yaml
# issue 13: the default is the 30-second answer (it was 69 lines); --long keeps all of it
"$bin" decide examples/crud-api.yaml >"$tmp/short.txt"
if [ "$(wc -l <"$tmp/short.txt")" -le 22 ] && grep -q '^verdict: Go' "$tmp/short.txt" && grep -q '^  how sure' "$tmp/short.txt" &&
	[ "$(grep -c '^  - ' "$tmp/short.txt")" -le 5 ] && grep -q '^Cost: Rust costs about \$[0-9]*K a year more than Go' "$tmp/short.txt" &&
	grep -q '^\[1\] "' "$tmp/short.txt" && ! grep -q '\[s00[0-9]-' "$tmp/short.txt" && ! grep -q 'weighed more than' "$tmp/short.txt"; then ok; else
	bad "the 30-second answer: $(cat "$tmp/short.txt")"
fi
"$bin" decide examples/crud-api.yaml --long >"$tmp/long.txt"
for want in "[s003-go-mvp-faster]" "What speaks for Rust" "smallest change of weights" "Rust salary premium" "from: s001-build-clean-go" "cited: s000-go-roles-3-4x" "https://rustvsgo.com"; do
	if grep -qF -- "$want" "$tmp/long.txt"; then ok; else bad "--long lacks $want"; fi
done
# sources are named by article, not by seed file hash
if grep -q '_[0-9a-f]\{16\}\.txt' "$tmp/short.txt" "$tmp/long.txt"; then bad "a seed file hash in the text"; else ok; fi
# plurals: "1 people a year" was printed
printf 'building: web-service\nteam: {size: 10, attrition: 0.1, hires_per_year: 0}\nhorizon_years: 1\n' >"$tmp/one.yaml"
"$bin" cost "$tmp/one.yaml" >"$tmp/one.txt"
if grep -q "1 newcomer a year" "$tmp/one.txt" && grep -q "over 1 year" "$tmp/one.txt" && ! grep -q "1 newcomers\|1 people\|1 years" "$tmp/one.txt"; then ok; else bad "plurals: $(cat "$tmp/one.txt")"; fi
# the width follows the terminal
script -qec "stty cols 64; NO_COLOR=1 $bin decide examples/crud-api.yaml" /dev/null | tr -d '\r' >"$tmp/narrow.txt"
script -qec "stty cols 120; NO_COLOR=1 $bin decide examples/crud-api.yaml" /dev/null | tr -d '\r' >"$tmp/wide.txt"
columns() { python3 -c "import sys; print(max(len(l.rstrip('\n')) for l in open(sys.argv[1], encoding='utf-8')))" "$1"; }
narrow=$(columns "$tmp/narrow.txt")
wide=$(columns "$tmp/wide.txt")
if [ "$narrow" -le 64 ] && [ "$wide" -gt 96 ] && [ "$wide" -le 120 ]; then ok; else bad "width: $narrow columns at 64, $wide at 120"; fi

# --- cost --------------------------------------------------------------------------------------
check_ok "cost" "Rust salary premium" "$bin" cost examples/crud-api.yaml
check_ok "cost names its articles" '"Go vs Rust 2026 — Which Language for Backend Services", Ethan, 2026' "$bin" cost examples/crud-api.yaml
check_ok "cost assumptions marked" "(assumption)" "$bin" cost examples/crud-api.yaml --years 2 --long
# seed 001: a team of five new to Rust, nobody joining or leaving, pays $125,000–150,000 a year
printf 'building: web-service\nteam: {size: 5, attrition: 0, hires_per_year: 0}\n' >"$tmp/five.yaml"
"$bin" cost "$tmp/five.yaml" --format json >"$tmp/five.json"
json_check "cost: seed 001 premium for five" "d['costs']['hiring']['rust']['low'] == 125000 and d['costs']['hiring']['rust']['high'] == 150000 and d['costs']['hiring']['go']['usd_per_year'] == 0" "$tmp/five.json"
printf 'building: web-service\nteam: {size: 20}\n' >"$tmp/twenty.yaml"
"$bin" cost "$tmp/twenty.yaml" --format json >"$tmp/twenty.json"
json_check "cost: seed 001 CI wait" "d['costs']['ci']['wait_hours_per_day']['rust'] - d['costs']['ci']['wait_hours_per_day']['go'] > 1 and d['costs']['ci']['builds_per_day'] == 40" "$tmp/twenty.json"
"$bin" cost examples/hybrid-platform.yaml --format json >"$tmp/hc.json"
json_check "cost per component" "[c['name'] for c in d['components']] == ['control-plane','data-plane','cli']" "$tmp/hc.json"
check_fail "cost bad years" 2 "verdict cost: --years must be a whole number from 1 to 30, got '0'" "$bin" cost examples/crud-api.yaml --years 0
check_fail "cost no profile" 2 "verdict cost: which profile? give PROFILE.yaml" "$bin" cost

# -o writes atomically and prints nothing; a failed write leaves nothing behind
check_fail "-o prints nothing" 0 "" "$bin" decide examples/crud-api.yaml --format json -o "$tmp/report.json"
json_check "-o content" "d['verdict']=='go'" "$tmp/report.json"
if [ -z "$(ls "$tmp" | grep 'report.json.tmp')" ]; then ok; else bad "-o left a temporary file"; fi
check_fail "-o unwritable" 2 "verdict: $tmp/no/such/dir/r.json: cannot write: No such file or directory" "$bin" decide examples/crud-api.yaml -o "$tmp/no/such/dir/r.json"
echo "old" > "$tmp/keep.txt"
check_fail "-o bad profile keeps old file" 2 "verdict: nope.yaml: cannot open: No such file or directory" "$bin" decide nope.yaml -o "$tmp/keep.txt"
if [ "$(cat "$tmp/keep.txt")" = "old" ]; then ok; else bad "-o overwrote a file on failure"; fi

# regression: -o renamed its output over whatever was at PATH (as root, /dev/full became a
# regular file; a FIFO and a symbolic link were replaced; a 0600 file came back 0644)
mkfifo "$tmp/fifo.out"
check_fail "-o refuses a FIFO" 2 "verdict: $tmp/fifo.out: cannot write: not a regular file (a FIFO)" "$bin" decide examples/crud-api.yaml -o "$tmp/fifo.out"
if [ -p "$tmp/fifo.out" ]; then ok; else bad "-o replaced a FIFO"; fi
echo "secret" >"$tmp/secret" && chmod 600 "$tmp/secret" && ln -s secret "$tmp/link.out"
check_fail "-o refuses a symbolic link" 2 "verdict: $tmp/link.out: cannot write: not a regular file (a symbolic link)" "$bin" quick --building cli -o "$tmp/link.out"
if [ -L "$tmp/link.out" ] && [ "$(cat "$tmp/secret")" = "secret" ]; then ok; else bad "-o replaced a symbolic link"; fi
mkdir "$tmp/dir.out"
check_fail "-o refuses a directory" 2 "verdict: $tmp/dir.out: cannot write: not a regular file (a directory)" "$bin" learn --background go --goal jobs -o "$tmp/dir.out"
python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$tmp/sock.out"
check_fail "-o refuses a socket" 2 "verdict: $tmp/sock.out: cannot write: not a regular file (a socket)" "$bin" cost examples/crud-api.yaml -o "$tmp/sock.out"
# a device node of our own (never /dev/full itself: a broken build would replace it)
if mknod "$tmp/full.out" c 1 7 2>/dev/null; then
	check_fail "-o refuses a device" 2 "verdict: $tmp/full.out: cannot write: not a regular file (a character device)" "$bin" decide examples/crud-api.yaml -o "$tmp/full.out"
	if [ -c "$tmp/full.out" ]; then ok; else bad "-o replaced a device"; fi
fi
echo "old" >"$tmp/private.json" && chmod 600 "$tmp/private.json"
check_fail "-o over a 0600 file" 0 "" "$bin" decide examples/crud-api.yaml --format json -o "$tmp/private.json"
if [ "$(stat -c %a "$tmp/private.json")" = 600 ] && grep -q '"verdict"' "$tmp/private.json"; then ok; else
	bad "-o changed a 0600 file to $(stat -c %a "$tmp/private.json")"
fi
(umask 022 && "$bin" decide examples/crud-api.yaml -o "$tmp/fresh.txt")
if [ "$(stat -c %a "$tmp/fresh.txt")" = 644 ]; then ok; else bad "-o made a new file $(stat -c %a "$tmp/fresh.txt")"; fi
# regression: a killed run's temporary file stayed for good; the next write removes it, but not
# one a live run holds (its flock, held here by the shell on descriptor 9)
mkdir "$tmp/w" && echo "half" >"$tmp/w/.verdict-tmp.KiLLed" && echo "live" >"$tmp/w/.verdict-tmp.aLiVe0"
exec 9<"$tmp/w/.verdict-tmp.aLiVe0"
flock 9
"$bin" decide examples/crud-api.yaml -o "$tmp/w/report.txt" 9<&-
if [ ! -e "$tmp/w/.verdict-tmp.KiLLed" ] && [ -e "$tmp/w/.verdict-tmp.aLiVe0" ] && [ -s "$tmp/w/report.txt" ]; then ok; else
	bad "stale temporary files: $(ls -A "$tmp/w")"
fi
exec 9<&-

# regression: a FIFO as an input blocked in open() forever (timeout only so that the old
# behaviour fails instead of hanging the suite)
mkfifo "$tmp/fifo.yaml" "$tmp/fifo.json"
check_fail "profile is a FIFO" 2 "verdict: $tmp/fifo.yaml: not a regular file (a FIFO)" timeout 60 "$bin" decide "$tmp/fifo.yaml"
check_fail "--evidence is a FIFO" 2 "verdict: $tmp/fifo.json: not a regular file (a FIFO)" timeout 60 "$bin" decide examples/crud-api.yaml --evidence "$tmp/fifo.json"
# off our fleet, a measured footprint still speaks for itself (not the published figures under its name)
printf 'building: cli\nruns_on: user-machines\nteam: {size: 4, know_rust: 2}\n' >"$tmp/offfleet.yaml"
check_ok "--evidence off the fleet" "measured on vm: Memory (RSS)" "$bin" decide --long "$tmp/offfleet.yaml" --evidence tests/lab/results-quick.json
check_fail "serve --results is a FIFO" 2 "verdict: $tmp/fifo.json: not a regular file (a FIFO)" timeout 60 "$bin" serve --port 0 --results "$tmp/fifo.json"
mkdir "$tmp/kbf" && cp data/kb/*.yaml "$tmp/kbf/" && mkfifo "$tmp/kbf/zz-fifo.yaml"
check_fail "a KB file is a FIFO" 2 "verdict: $tmp/kbf/zz-fifo.yaml: not a regular file (a FIFO)" timeout 60 "$bin" claims --kb "$tmp/kbf"
# standard input stays possible where a profile is read
check_ok "decide - reads standard input" "verdict: Go" sh -c "\"\$1\" decide - <examples/crud-api.yaml" sh "$bin"
check_fail "decide - names standard input" 2 "verdict: standard input:2: team.size must be between 1 and 100000 engineers, got 0" sh -c "printf 'building: cli\nteam: {size: 0}\n' | \"\$1\" decide -" sh "$bin"

# colour only on a terminal, never with NO_COLOR
script -qec "$bin decide examples/crud-api.yaml" /dev/null >"$tmp/tty.txt" 2>&1
if grep -q "$(printf '\033')\[" "$tmp/tty.txt"; then ok; else bad "no colour on a terminal"; fi
NO_COLOR=1 script -qec "$bin decide examples/crud-api.yaml" /dev/null >"$tmp/tty.txt" 2>&1
if grep -q "$(printf '\033')\[" "$tmp/tty.txt"; then bad "colour despite NO_COLOR"; else ok; fi
"$bin" decide examples/crud-api.yaml >"$tmp/pipe.txt"
if grep -q "$(printf '\033')\[" "$tmp/pipe.txt"; then bad "colour into a pipe"; else ok; fi

# --- quick -------------------------------------------------------------------------------------
check_ok "quick flags" "verdict: Go" "$bin" quick --building web-service --team go --constraint ship-fast
check_ok "quick latency" "verdict: Rust" "$bin" quick --building cache --team both --constraint latency
check_ok "quick ml" "verdict: Neither: Python" "$bin" quick --building ml-inference
# quick --help names every kind the profile accepts (the list is in the profile's own error)
kinds=$(printf 'building: nope\n' | "$bin" decide - 2>&1 | sed 's/.*expected one of: //; s/ | / /g')
"$bin" quick --help >"$tmp/qhelp" 2>&1
for k in $kinds; do
	if grep -q -- "$k[,]\|$k\$" "$tmp/qhelp"; then ok; else bad "quick --help does not list kind $k"; fi
done
"$bin" quick --building proxy --team rust --constraint safety --format json >"$tmp/q.json"
json_check "quick json" "d['verdict']=='rust' and 'kb_version' in d and d['reasons']" "$tmp/q.json"
# issue 13: quick's flips are its other answers, never inputs it did not ask for
check_ok "quick flips in its own terms" "Rust wins if your team writes Rust" "$bin" quick --building web-service --team neither --constraint ship-fast
for kind in web-service cli embedded k8s-operator proxy database data-pipeline ml-inference agent compiler; do
	for team in go neither; do
		"$bin" quick --building $kind --team $team --samples 200 >"$tmp/qk.txt"
		if grep -q "merges a day\|of your [0-9]* *engineers\|your one engineer\|-year horizon\|your memory per instance\|your p99 target of 100\|reach [0-9]* of 5" "$tmp/qk.txt"; then
			bad "quick $kind $team quotes an input it never asked: $(grep "merges a day\|of your\|-year horizon\|memory per instance\|p99 target of 100\|of 5" "$tmp/qk.txt")"
		else ok; fi
	done
done
"$bin" quick --building web-service --team neither --constraint ship-fast --format json >"$tmp/qf.json"
json_check "quick answer flips in JSON" "d['flips'][0]['input'] == 'quick.team' and d['flips'][0]['at'] == 'rust' and d['flips'][0]['to'] == 'rust' and any(f['input'] == 'team.know_rust' for f in d['flips'])" "$tmp/qf.json"
check_fail "quick needs building" 2 "verdict quick: say what you are building: --building KIND" "$bin" quick --team go </dev/null
check_fail "quick typo" 2 "verdict: building: unknown value \"webservice\" (did you mean \"web-service\"?); expected one of: web-service | cli | embedded | kernel | blockchain | trading | game-engine | ml-inference | data-pipeline | k8s-operator | proxy | parser | database | runtime | wasm | library | cache | desktop-app | agent | vmm | compiler | query-engine" "$bin" quick --building webservice
check_fail "quick bad team" 2 "verdict quick: --team must be go, rust, both or neither, got 'java'" "$bin" quick --building cli --team java
# interactive: answers typed at the prompts of a pseudo-terminal
printf '1\n1\nship-fast\n' | script -qec "$bin quick" /dev/null >"$tmp/ask.txt" 2>&1
if grep -q "What are you building?" "$tmp/ask.txt" && grep -q "hardest constraint" "$tmp/ask.txt" && grep -q "verdict:.*Go" "$tmp/ask.txt"; then ok; else
	bad "interactive quick: $(cat "$tmp/ask.txt" | tail -5)"
fi

# --- learn -------------------------------------------------------------------------------------
check_ok "learn beginner" "verdict: Go" "$bin" learn --background none --goal jobs
check_ok "learn cpp systems" "verdict: Rust" "$bin" learn --background cpp --goal systems
check_fail "learn needs both" 2 "verdict learn: both --background and --goal are needed" "$bin" learn --goal jobs
check_fail "learn bad goal" 2 "verdict: unknown goal 'fame' (one of: jobs, salary, systems, services)" "$bin" learn --background go --goal fame
"$bin" learn --background java --goal services --format json >"$tmp/l.json"
json_check "learn json" "d['verdict']=='go' and 'margin' in d and 'close_call' in d and 'kb_version' in d" "$tmp/l.json"

# --- the situation before the kind (issue 14) ------------------------------------------------------
check_ok "Go team on its Go libraries" "verdict: Go" "$bin" decide examples/go-team-log-store.yaml
check_ok "the reuse is quoted" "Prometheus TSDB and the Cortex ring" "$bin" decide examples/go-team-log-store.yaml
"$bin" decide examples/go-team-log-store.yaml --format json >"$tmp/log.json"
json_check "assumptions are labelled" "any(r['evidence'] == 'assumption' for r in d['reasons']) and all((r['evidence'] == 'assumption') == r['claim'].startswith('a0') for r in d['reasons'] + d.get('against', []) if r['claim'])" "$tmp/log.json"
check_ok "assumptions are labelled in text" "[a001-reuse, assumption]" "$bin" decide examples/go-team-log-store.yaml --long
check_ok "assumptions are named in the short text" "\"verdict's judgement: how far each consideration weighs" "$bin" decide examples/go-team-log-store.yaml

# --- claims ------------------------------------------------------------------------------------
check_ok "claims" "from 5 source articles" "$bin" claims
check_ok "claims id" "seed file: 002_09c79e6fc9defe35.txt" "$bin" claims s002-operator-mem-go-5k
check_ok "claims id shows conflict" "Disagreement: Which language for a CLI tool" "$bin" claims s000-usecase-cli
check_fail "claims unknown" 2 "verdict claims: no claim 'nope'; 'verdict claims' lists them all" "$bin" claims nope
"$bin" claims --conflicts >"$tmp/c.txt"
for topic in "How admired Rust is" "Which language for a CLI tool" "How much more a Rust engineer costs" \
	"Where the p99 line for Go lies" "What Discord rewrote in Rust" "Whether Go is memory-safe"; do
	if grep -qF "$topic" "$tmp/c.txt"; then ok; else bad "conflicts lack: $topic"; fi
done
# Go's clean build (2-10 s against 4.2 s and 5 s) differs in precision, not in fact (issue 14)
if grep -qF "Clean build time of a Go service" "$tmp/c.txt"; then bad "a non-conflict is listed"; else ok; fi
"$bin" claims --format json >"$tmp/all.json"
json_check "claims json" "len(d['claims']) >= 150 and len([s for s in d['sources'] if s['seed'] != 'none']) == 5 and all(s.get('url') for s in d['sources'] if s['seed'] == 'none' and not s['assumption']) and all(c['source']['seed'] for c in d['claims']) and all(c['evidence'] == ('assumption' if c['id'].startswith(('a000', 'a001', 'a002')) else 'published') for c in d['claims'])" "$tmp/all.json"

# --- knowledge base location -------------------------------------------------------------------
emb=$("$bin" claims --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['kb_version'])")
dir=$(VERDICT_KB=data/kb "$bin" claims --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['kb_version'])")
if [ -n "$emb" ] && [ "$emb" = "$dir" ]; then ok; else bad "VERDICT_KB=data/kb gives version $dir, embedded $emb"; fi
mkdir "$tmp/kb" && cp data/kb/*.yaml "$tmp/kb/"
sed -i 's/^    criterion: build$/    criterion: buidl/' "$tmp/kb/claims-001-ethan.yaml"
line=$(grep -n 'criterion: buidl' "$tmp/kb/claims-001-ethan.yaml" | head -1 | cut -d: -f1)
check_fail "broken KB" 2 "verdict: $tmp/kb/claims-001-ethan.yaml:$line: unknown criterion 'buidl'" "$bin" claims --kb "$tmp/kb"
check_fail "missing KB dir" 2 "verdict: /nonexistent: cannot open the knowledge-base directory: No such file or directory" "$bin" quick --building cli --kb /nonexistent
# regression: a symbolic-link loop in --kb said "cannot open" and not why
ln -s kbloop "$tmp/kbloop"
check_fail "KB dir is a link loop" 2 "verdict: $tmp/kbloop: cannot open the knowledge-base directory: Too many levels of symbolic links" "$bin" claims --kb "$tmp/kbloop"
mkdir "$tmp/kbl" && cp data/kb/*.yaml "$tmp/kbl/" && ln -s zz-loop.yaml "$tmp/kbl/zz-loop.yaml"
check_fail "KB file is a link loop" 2 "verdict: $tmp/kbl/zz-loop.yaml: cannot open: Too many levels of symbolic links" "$bin" claims --kb "$tmp/kbl"

# --- reports and ADRs -------------------------------------------------------------------------
"$bin" decide examples/hybrid-platform.yaml --format html -o "$tmp/r.html"
# self-contained: charts inline, and nothing fetched (no scripts, no src=, no stylesheet links)
if grep -q "<svg" "$tmp/r.html" && grep -q "<style>" "$tmp/r.html" && ! grep -qi "<script\|src=\|<link" "$tmp/r.html"; then ok; else
	bad "HTML report is not self-contained with charts"
fi
export SOURCE_DATE_EPOCH=1795392000
check_ok "adr writes a record" "$tmp/adr/0001-language-for-checkout-api.md" "$bin" adr examples/crud-api.yaml -o "$tmp/adr"
if grep -q '^status: proposed$' "$tmp/adr/0001-language-for-checkout-api.md"; then ok; else bad "adr is not proposed by default"; fi
# issue 13: deciding again on an unchanged profile and KB wrote 0002 superseding 0001
check_ok "adr on an unchanged profile" "unchanged, see $tmp/adr/0001-language-for-checkout-api.md" "$bin" adr examples/crud-api.yaml -o "$tmp/adr"
if [ "$(ls "$tmp/adr" | wc -l)" -eq 1 ] && grep -q '^status: proposed$' "$tmp/adr/0001-language-for-checkout-api.md"; then ok; else bad "adr rewrote an unchanged decision: $(ls "$tmp/adr")"; fi
sed 's/^p99_ms: 150$/p99_ms: 120/' examples/crud-api.yaml >"$tmp/crud-changed.yaml"
check_ok "adr on a changed profile supersedes" "$tmp/adr/0002-language-for-checkout-api.md" "$bin" adr "$tmp/crud-changed.yaml" -o "$tmp/adr" --status accepted --deciders "Ann Lee, Bob Roe"
if grep -q '^status: "superseded by \[0002\](0002-language-for-checkout-api.md)"$' "$tmp/adr/0001-language-for-checkout-api.md" &&
	grep -q '^Supersedes \[0001\](0001-language-for-checkout-api.md)\.$' "$tmp/adr/0002-language-for-checkout-api.md" &&
	grep -q '^status: accepted$' "$tmp/adr/0002-language-for-checkout-api.md" &&
	grep -q '^decision-makers: "Ann Lee, Bob Roe"$' "$tmp/adr/0002-language-for-checkout-api.md"; then ok; else bad "adr supersede chain"; fi
# a new edition of the knowledge base supersedes too, though the profile is the same
mkdir "$tmp/kb2" && cp data/kb/*.yaml "$tmp/kb2/" && echo "# edited" >>"$tmp/kb2/sources.yaml"
check_ok "adr on a changed KB supersedes" "$tmp/adr/0003-language-for-checkout-api.md" "$bin" adr "$tmp/crud-changed.yaml" -o "$tmp/adr" --kb "$tmp/kb2"
check_ok "adr other subject" "$tmp/adr/0004-language-for-gpu-platform.md" "$bin" adr examples/hybrid-platform.yaml -o "$tmp/adr"
if [ "$(ls "$tmp/adr" | wc -l)" -eq 4 ]; then ok; else bad "adr left extra files: $(ls "$tmp/adr")"; fi
check_ok "adr --template log4brains" "- Status: accepted" "$bin" adr examples/crud-api.yaml --stdout --template log4brains --status accepted
check_fail "adr bad status" 2 "verdict adr: --status must be proposed or accepted, got 'done'" "$bin" adr examples/crud-api.yaml --status done
check_fail "adr bad template" 2 "verdict adr: --template must be madr4 or log4brains, got 'madr3'" "$bin" adr examples/crud-api.yaml --template madr3
check_fail "adr deciders on two lines" 2 "verdict adr: --deciders must be 1 to 200 bytes of UTF-8 text on one line, names separated by commas" "$bin" adr examples/crud-api.yaml --deciders "$(printf 'Ann\nstatus: accepted')"
# regression: superseding followed a link planted at the last record's name and copied its
# target (a 0600 secret) into the directory as 0644
mkdir "$tmp/adrlink" && ln -s "$tmp/secret" "$tmp/adrlink/0001-language-for-checkout-api.md"
check_fail "adr refuses a planted link" 2 "verdict: $tmp/adrlink/0001-language-for-checkout-api.md: not a regular file (a symbolic link)" "$bin" adr examples/crud-api.yaml -o "$tmp/adrlink"
if [ "$(ls -A "$tmp/adrlink")" = "0001-language-for-checkout-api.md" ] && [ "$(cat "$tmp/secret")" = "secret" ]; then ok; else
	bad "adr wrote beside a planted link: $(ls -A "$tmp/adrlink")"
fi
# regression: 9zzz-notes.md was read as record 9999
mkdir "$tmp/adrnum" && touch "$tmp/adrnum/9zzz-notes.md"
check_ok "adr numbers only NNNN-*.md" "$tmp/adrnum/0001-language-for-checkout-api.md" "$bin" adr examples/crud-api.yaml -o "$tmp/adrnum"
# regression: a killed run's hidden temporary file stayed for good
touch "$tmp/adrnum/.verdict-tmp.KiLLed"
check_ok "adr removes a killed run's temporary file" "$tmp/adrnum/0002-language-for-checkout-api.md" "$bin" adr "$tmp/crud-changed.yaml" -o "$tmp/adrnum"
if [ "$(ls -A "$tmp/adrnum" | wc -l)" -eq 3 ]; then ok; else bad "adr left: $(ls -A "$tmp/adrnum")"; fi
# regression: two non-ASCII names had one slug, and the second record superseded the first
printf 'name: 日本\nbuilding: cli\n' >"$tmp/ja.yaml" && printf 'name: 中国\nbuilding: cli\n' >"$tmp/zh.yaml"
check_ok "adr non-ASCII name" "$tmp/adrnum/0003-language-for-project-9f26ee51.md" "$bin" adr "$tmp/ja.yaml" -o "$tmp/adrnum"
check_ok "adr another non-ASCII name" "$tmp/adrnum/0004-language-for-project-" "$bin" adr "$tmp/zh.yaml" -o "$tmp/adrnum"
if grep -q '^status: proposed$' "$tmp/adrnum/0003-language-for-project-9f26ee51.md" && ! grep -q '^Supersedes' "$tmp/adrnum/0004-"*; then ok; else
	bad "one non-ASCII name superseded another"
fi
# regression: parallel runs failed with "File exists" (28 of 40); now each takes the next
# free number, and the records of one subject form one chain (each run decides for a team of
# its own size, so that none is an unchanged decision)
mkdir "$tmp/adrpar"
round=1
while [ $round -le 4 ]; do
	i=1
	while [ $i -le 8 ]; do
		printf 'name: checkout-api\nbuilding: web-service\nteam: {size: %d}\n' $(((round - 1) * 8 + i)) >"$tmp/par.$round.$i.yaml"
		{ "$bin" adr "$tmp/par.$round.$i.yaml" -o "$tmp/adrpar" >"$tmp/par.$round.$i.out" 2>&1 || echo "exit $?" >>"$tmp/par.$round.$i.out"; } &
		i=$((i + 1))
	done
	wait
	round=$((round + 1))
done
if [ -z "$(cat "$tmp"/par.*.out | grep -v "^$tmp/adrpar/[0-9]*-language-for-checkout-api.md$")" ] &&
	[ "$(cat "$tmp"/par.*.out | sort -u | wc -l)" -eq 32 ] && [ "$(ls -A "$tmp/adrpar" | wc -l)" -eq 32 ]; then ok; else
	bad "parallel adr: $(cat "$tmp"/par.*.out | grep -v "^$tmp/adrpar/" | head -3); $(ls -A "$tmp/adrpar" | wc -l) files"
fi
n=2 chain=ok
while [ $n -le 32 ]; do
	new=$(printf '%04d-language-for-checkout-api.md' $n) old=$(printf '%04d-language-for-checkout-api.md' $((n - 1)))
	grep -q "^Supersedes \[.*\]($old)\.$" "$tmp/adrpar/$new" && grep -q "^status: \"superseded by \[.*\]($new)\"$" "$tmp/adrpar/$old" || chain="broken at $n"
	n=$((n + 1))
done
if [ "$chain" = ok ] && grep -q '^status: proposed$' "$tmp/adrpar/0032-language-for-checkout-api.md"; then ok; else bad "parallel adr chain $chain"; fi
# the same decision from parallel runs: one record, and every other run points to it
mkdir "$tmp/adrsame"
i=1
while [ $i -le 8 ]; do
	{ "$bin" adr examples/crud-api.yaml -o "$tmp/adrsame" >"$tmp/same.$i.out" 2>&1 || echo "exit $?" >>"$tmp/same.$i.out"; } &
	i=$((i + 1))
done
wait
one="$tmp/adrsame/0001-language-for-checkout-api.md"
if [ "$(ls -A "$tmp/adrsame")" = "0001-language-for-checkout-api.md" ] && [ "$(cat "$tmp"/same.*.out | grep -c "^$one$")" -eq 1 ] &&
	[ "$(cat "$tmp"/same.*.out | grep -c "^unchanged, see $one$")" -eq 7 ]; then ok; else
	bad "parallel unchanged adr: $(ls -A "$tmp/adrsame" | wc -l) files; $(cat "$tmp"/same.*.out | sort | uniq -c | head -3)"
fi
check_fail "adr bad profile" 2 "verdict: nope.yaml: cannot open: No such file or directory" "$bin" adr nope.yaml -o "$tmp/adr"
check_fail "adr unwritable dir" 2 "verdict: /proc/verdict-adr: cannot create: No such file or directory" "$bin" adr examples/crud-api.yaml -o /proc/verdict-adr
if [ -x tests/browser/node_modules/.bin/markdownlint-cli2 ]; then
	"$bin" decide examples/hybrid-platform.yaml --format markdown >"$tmp/adr/report.md"
	if tests/browser/node_modules/.bin/markdownlint-cli2 --config .markdownlint-cli2.jsonc "$tmp/adr/*.md" >"$tmp/lint" 2>&1; then ok; else
		bad "markdownlint: $(cat "$tmp/lint")"
	fi
fi
unset SOURCE_DATE_EPOCH

# --- golden outputs ----------------------------------------------------------------------------
for g in tests/golden/*.cmd tests/golden/*.sh; do
	want=${g%.*}.out
	case $g in
	*.cmd) SOURCE_DATE_EPOCH=1795392000 sh -c "NO_COLOR=1 $bin $(cat "$g")" >"$tmp/golden" 2>&1 ;;
	*) SOURCE_DATE_EPOCH=1795392000 NO_COLOR=1 sh "$g" "$bin" >"$tmp/golden" 2>&1 ;;
	esac
	if cmp -s "$tmp/golden" "$want"; then ok; else
		bad "golden $g differs (tests/golden.sh regenerates after an intended change):"
		diff "$want" "$tmp/golden" | head -20
	fi
done

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
