#!/bin/sh
# The engine against documented real-world decisions (tests/realworld, and the held-out set in
# tests/realworld/holdout that the engine is never tuned on): each set must stay at or above the
# agreement recorded here, with no more confident wrong answers than recorded. Then the backtest
# command's own input handling: bad headers, empty directories, a case that is not a profile.
# Usage: tests/backtest.sh path/to/verdict   (run from the repository root)
bin=${1:?usage: backtest.sh VERDICT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib.sh

# The floors: what the engine measured when they were set (README "Does it agree with real decisions?", tests/realworld/README.md);
# a change that lowers agreement must say why, here, in the same commit.
# 2026-11-24: the corpus grew from 52 to 63 with cases researched blind and committed before the
# engine ran on them; it agreed with 5 of the 11, with two confident misses (Grab 56, ByteDance
# 59), so the floor is what it measures now (51 of 63), not what the tuned-on cases gave (88%).
# Later the same day it grew to 75 with a second blind batch (cases 64-75): the engine agreed
# with 5 of the 12 on its first run, 53 of 75; two principles since (a keep stands aside where
# a hard constraint rules out what ships, or where the core would be Go or Rust code that
# already exists) and a blind source audit bring it to 58 of 75 (77.3%), and the floor follows
# the measurement.
# Later still: three principles (exposed C or C++ is a Rust-shaped problem where a quarter of the
# team writes Rust; a worked port in a language the team writes sets a keep aside; an ML service
# on Python's model code is Python wherever it runs) and a third blind batch (cases 76-85, 8 of 10
# on its first run) bring it to 70 of 85 (82.4%); keeping exposed C or C++ with incidents where
# fewer than a quarter write Rust (Chromium's browser core) to 71 of 85 (83.5%); a fourth and a
# fifth blind batch (86-95, 8 of 10; 96-104, 8 of 9, on their first runs) to 87 of 104 (83.7%);
# an interpreted program on users' machines, where a quarter of the team writes Go or Rust, is
# no longer kept by default (GitLab shell, 53) to 88 of 104 (84.6%); a sixth blind batch
# (105-112, 7 of 8 on its first run) to 95 of 112 (84.8%); a seventh (113-121, 8 of 9 on its
# first run, Instagram's monolith the miss, at 0.98) to 103 of 121 (85.1%); keeping a system of 50
# engineers or more through a pain that is no hard target, where fewer than a quarter write Go or
# Rust (prompted by Instagram), to 104 of 121 (86.0%). An eighth blind batch (122-129) agreed
# with 2 of 8 on its first run, with one more confident miss (authentik keeping its self-hosted
# Django core, told Go at 0.98 by the runtime-on-users principle), so the corpus stands at 106 of
# 129 (82.2%) with 4 confident misses, and the floors follow the measurement.
MAIN_FLOOR=82
MAIN_CONFIDENT_WRONG=4
HOLDOUT_FLOOR=80
HOLDOUT_CONFIDENT_WRONG=1

"$bin" backtest tests/realworld --format json --min-agreement $MAIN_FLOOR \
	--max-confident-wrong $MAIN_CONFIDENT_WRONG >"$tmp/main.json" 2>"$tmp/main.err"
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "corpus below its floor: $(cat "$tmp/main.err")"; fi
json_check "corpus shape" "d['cases'] >= 40 and all(k in d['by_choice'] for k in ('go','rust','keep','python','hybrid'))" "$tmp/main.json"
json_check "corpus beats both constant answers by 40 points" \
	"d['agreement'] - max(d['baselines']['go'], d['baselines']['rust']) >= 0.40" "$tmp/main.json"
json_check "brier score better than a constant 0.5" "d['brier'] < 0.25" "$tmp/main.json"
json_check "every case has a source" "all(r['source'].startswith('http') for r in d['results'])" "$tmp/main.json"

"$bin" backtest tests/realworld/holdout --format json --min-agreement $HOLDOUT_FLOOR \
	--max-confident-wrong $HOLDOUT_CONFIDENT_WRONG >"$tmp/holdout.json" 2>"$tmp/holdout.err"
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "held-out set below its floor: $(cat "$tmp/holdout.err")"; fi

# same seed, same answer: the report is deterministic
"$bin" backtest tests/realworld --format json >"$tmp/again.json" 2>&1
if cmp -s "$tmp/main.json" "$tmp/again.json"; then ok; else bad "backtest is not deterministic"; fi

# a requirement not met exits 1, says so on stderr, and still prints the report
mkdir "$tmp/cases" "$tmp/empty"
# firmware where a GC is forbidden, "documented" as written in Go: no engine should agree
printf '# chose: go\n# accept: go\n# source: https://example.com\nbuilding: embedded\ngc: forbidden\n' \
	>"$tmp/cases/impossible.yaml"
"$bin" backtest "$tmp/cases/impossible.yaml" --min-agreement 50 >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "^backtest: 1 documented decision$" "$tmp/out" &&
	[ "$(cat "$tmp/err")" = "verdict backtest: agreement 0.0% is below the required 50%" ]; then ok; else
	bad "floor not met: exit $rc, stderr: $(cat "$tmp/err"), stdout: $(head -2 "$tmp/out")"
fi

# bad input: exit 2, FILE:LINE, nothing on stdout
rm "$tmp/cases/impossible.yaml"
printf '# chose: go\n# source: https://example.com\nbuilding: cli\n' >"$tmp/cases/no-accept.yaml"
check_fail "no accept line" 2 "verdict: $tmp/cases/no-accept.yaml:1: the header has no '# accept:' line" \
	"$bin" backtest "$tmp/cases"
printf '# chose: go\n# accept: rust\n# source: https://example.com\nbuilding: cli\n' >"$tmp/cases/no-accept.yaml"
check_fail "accept lacks the choice" 2 "verdict: $tmp/cases/no-accept.yaml:1: accept must include what the team chose (go)" \
	"$bin" backtest "$tmp/cases"
printf '# chose: go\n# accept: go maybe\n# source: https://example.com\nbuilding: cli\n' >"$tmp/cases/no-accept.yaml"
check_fail "unknown verdict" 2 "verdict: $tmp/cases/no-accept.yaml:2: accept: unknown verdict \"maybe\" (go rust either python keep hybrid)" \
	"$bin" backtest "$tmp/cases"
printf '# chose: either\n# accept: either\n# source: https://example.com\nbuilding: cli\n' >"$tmp/cases/no-accept.yaml"
check_fail "either is not a choice" 2 "verdict: $tmp/cases/no-accept.yaml:1: chose: expected go, rust, python, keep or hybrid" \
	"$bin" backtest "$tmp/cases"
printf '# chose: go\n# accept: go\n# source: https://example.com\nbuilding: clli\n' >"$tmp/cases/no-accept.yaml"
check_fail "profile errors are the profile parser's" 2 "verdict: $tmp/cases/no-accept.yaml:4: building: unknown value \"clli\" (did you mean \"cli\"?); expected one of: web-service | cli | embedded | kernel | blockchain | trading | game-engine | ml-inference | data-pipeline | k8s-operator | proxy | parser | database | runtime | wasm | library | cache | desktop-app | agent | vmm | compiler | query-engine" \
	"$bin" backtest "$tmp/cases"
check_fail "no cases" 2 "verdict: $tmp/empty: no case files (*.yaml) found" "$bin" backtest "$tmp/empty"
check_fail "missing path" 2 "verdict: $tmp/nothing-here: cannot read: No such file or directory" \
	"$bin" backtest "$tmp/nothing-here"
check_fail "no path" 2 "verdict backtest: name a directory of cases or a case file" "$bin" backtest

echo "backtest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
