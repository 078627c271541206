#!/bin/sh
# End-to-end tests of `verdict lab` with the real toolchains: usage errors, a run with the Go
# and Rust toolchains hidden (skipped, with the packages to install), a whole --quick run whose
# results are validated (tests/lab_results.py) and fed back as --evidence, the history, and runs
# interrupted by SIGINT and SIGTERM that must leave no process, no results file and no run
# directory behind.
# Usage: tests/lab.sh path/to/verdict   (run from the repository root)
bin=${1:?usage: lab.sh VERDICT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib.sh

# --- usage ---------------------------------------------------------------------------------------
check_ok "lab --help" "verdict lab --history" "$bin" lab --help
check_fail "unknown workload" 2 "verdict lab: unknown workload 'gpu' in --only (expected build, cpu, http-plaintext, http-json, gc-tail, footprint)" \
	"$bin" lab --only cpu,gpu
check_fail "repeats out of range" 2 "verdict lab: --repeats must be a whole number from 1 to 50, got '0'" "$bin" lab --repeats 0
check_fail "stray argument" 2 "verdict lab: unexpected argument 'now'" "$bin" lab now
check_fail "html is not a lab format" 2 "verdict lab: unknown format 'html' (text, json)" "$bin" lab --format html
check_fail "-o into a missing directory" 2 "verdict: $tmp/none/r.json: cannot be written: $tmp/none is not a writable directory" \
	"$bin" lab --no-history -o "$tmp/none/r.json"
check_fail "-o naming a directory" 2 "verdict: $tmp: is a directory; -o needs a file name" "$bin" lab --no-history -o "$tmp"
touch "$tmp/file"
check_fail "--workdir naming a file" 2 "verdict: cannot create a directory in $tmp/file: Not a directory" \
	"$bin" lab --no-history --quiet --workdir "$tmp/file"
check_ok "empty history" "no lab runs recorded yet" "$bin" lab --history --history-db "$tmp/empty.sqlite"
# listing is read-only: it creates nothing (it used to create the database)
[ ! -e "$tmp/empty.sqlite" ] && ok || bad "lab --history created $tmp/empty.sqlite"
echo "not sqlite" >"$tmp/junk.sqlite"
"$bin" lab --history --history-db "$tmp/junk.sqlite" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -qF "junk.sqlite: not a history database" "$tmp/err"; then ok; else
	bad "a file that is not a database: exit $rc, $(cat "$tmp/err")"
fi

# --- no Go, no Rust: their workloads are skipped with the packages that install them --------------
# The same run also starts from a damaged history and from run directories left behind:
# - regression (issue 10): a history damaged mid-file took the run silently (then every listing
#   failed "malformed"): it is set aside, with a message naming --no-history;
# - regression (issue 10): SIGKILL left 180-215 MB run directories that no later run removed:
#   those a day old that no live lab owns are removed; one a live lab holds (flock on its lock,
#   as a running lab does), a fresh one and anything not named run-XXXXXX stay.
python3 - "$tmp/damaged.sqlite" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, host TEXT NOT NULL,"
                 " cpu TEXT, cores INTEGER, kernel TEXT, go TEXT, rust TEXT, quick INTEGER NOT NULL,"
                 " results TEXT NOT NULL); PRAGMA user_version = 1;")
for i in range(6):
    db.execute("INSERT INTO runs (started, host, quick, results) VALUES ('2026-11-23T10:00:00Z', 'box', 1, ?)", ("{}" + " " * 20000,))
db.commit()
db.close()
pages = os.path.getsize(sys.argv[1]) // 4096
with open(sys.argv[1], "r+b") as f:  # a page in the middle of the file overwritten
    f.seek(pages // 2 * 4096)
    f.write(b"\xff" * 4096)
PY
mkdir -p "$tmp/w0"
for d in run-0rphan run-L1ve00 run-Fresh0 keepme; do mkdir "$tmp/w0/$d" && head -c 100000 /dev/zero >"$tmp/w0/$d/big.o"; done
flock "$tmp/w0/run-L1ve00/lock" sh -c "echo held >'$tmp/held'; exec sleep 600" &
holder=$!
wait_until 30 has_lines "$tmp/held" 1 || bad "flock never took the lock"
touch -d '2 days ago' "$tmp/w0/run-0rphan" "$tmp/w0/run-L1ve00" "$tmp/w0/keepme"
mkdir "$tmp/path"
for t in cc as ld; do ln -s "$(command -v $t)" "$tmp/path/$t"; done
PATH="$tmp/path" "$bin" lab --quick --only cpu --history-db "$tmp/damaged.sqlite" --workdir "$tmp/w0" \
	-o "$tmp/c-only.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
kill $holder
wait $holder 2>/dev/null
if [ $rc -eq 0 ] && grep -qF "build/go: go not found; install it with: apt-get install golang-go" "$tmp/out" &&
	grep -qF "build/rust: cargo not found; install it with: apt-get install cargo rustc" "$tmp/out"; then ok; else
	bad "without toolchains: exit $rc, stdout: $(head -c 800 "$tmp/out"), stderr: $(cat "$tmp/err")"
fi
if grep -qF "verdict lab: the history database $tmp/damaged.sqlite was damaged (" "$tmp/err" &&
	grep -qF "it was set aside as $tmp/damaged.sqlite.corrupt-" "$tmp/err" && grep -qF -- "--no-history" "$tmp/err" &&
	ls "$tmp" | grep -q '^damaged.sqlite.corrupt-'; then ok; else
	bad "a damaged history was not set aside: $(grep -v '^lab: \[' "$tmp/err")"
fi
"$bin" lab --history --format json --history-db "$tmp/damaged.sqlite" >"$tmp/hist0.json" 2>"$tmp/err0"
json_check "the run went into a new history" "len(d) == 1 and d[0]['id'] == 1" "$tmp/hist0.json"
if grep -qF "lab: removed 1 run directory left in $tmp/w0 by labs that did not finish" "$tmp/err" &&
	[ "$(ls "$tmp/w0" | tr '\n' ' ')" = "keepme run-Fresh0 run-L1ve00 " ]; then ok; else
	bad "stale run directories: $(ls "$tmp/w0" | tr '\n' ' '); log: $(grep removed "$tmp/err")"
fi
# the peak memory of every kernel says where its figure came from
if grep -qE "^    nbody +c +[0-9.]+ MB \((vmhwm|wait4)\)$" "$tmp/out"; then ok; else
	bad "peak RSS without its source: $(grep -A5 'peak memory' "$tmp/out")"
fi
json_check "without toolchains: the C baseline still runs, Go and Rust are skipped" \
	"sorted(d['workloads']['cpu']['kernels']['nbody']) == ['c', 'n'] and d['measures'] == [] and not d['toolchains']['go']['found']" \
	"$tmp/c-only.json"
if python3 tests/lab_results.py "$tmp/c-only.json" --quick >"$tmp/py"; then ok; else bad "$(cat "$tmp/py")"; fi
# on a terminal the progress is a bar redrawn in place (and no log lines)
PATH="$tmp/path" "$(command -v script)" -qec "$bin lab --quick --only cpu --no-history --workdir $tmp/w0b -o $tmp/tty.json" /dev/null >"$tmp/tty.txt" 2>&1
if grep -q "$(printf '\r')" "$tmp/tty.txt" && grep -qF "[########################] 100%" "$tmp/tty.txt" &&
	! grep -qF "lab: [" "$tmp/tty.txt" && [ -s "$tmp/tty.json" ]; then ok; else
	bad "progress on a terminal: $(tr '\r' '|' <"$tmp/tty.txt" | head -c 600)"
fi

if ! command -v go >/dev/null 2>&1 || ! command -v cargo >/dev/null 2>&1; then
	echo "lab: SKIPPED the runs that need Go and Rust (tools/lab-toolchains.sh says how to install them)"
	echo "lab: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

# --- a whole quick run ---------------------------------------------------------------------------
"$bin" lab --quick -o "$tmp/r.json" --history-db "$tmp/h.sqlite" --workdir "$tmp/w1" >"$tmp/out" 2>"$tmp/log"
rc=$?
if [ $rc -eq 0 ] && grep -qF "measure (median of runs)" "$tmp/out" && grep -qF "results: $tmp/r.json" "$tmp/out"; then ok; else
	bad "lab --quick: exit $rc, stdout: $(head -c 600 "$tmp/out"), log: $(tail -n 5 "$tmp/log")"
fi
if python3 tests/lab_results.py "$tmp/r.json" --quick --complete >"$tmp/py"; then ok; else bad "$(cat "$tmp/py")"; fi
grep -qE "^lab: \[([0-9]+)/\1 " "$tmp/log" && ok || bad "the progress log does not reach its total: $(tail -n 2 "$tmp/log")"
[ -z "$(ls "$tmp/w1")" ] && ok || bad "the run directory was left behind: $(ls "$tmp/w1")"
echo "--- lab --quick (the whole run) ---"
cat "$tmp/out"

check_ok "history lists the run" "quick" "$bin" lab --history --history-db "$tmp/h.sqlite"
"$bin" lab --history --format json --history-db "$tmp/h.sqlite" >"$tmp/hist.json"
json_check "history as JSON" "len(d) == 1 and d[0]['id'] == 1 and d[0]['go'].startswith('go1.') and d[0]['measures']['cpu'] > 0" "$tmp/hist.json"

# the run as evidence: measured claims take over the criteria they measure
"$bin" decide examples/crud-api.yaml --evidence "$tmp/r.json" --format json >"$tmp/v.json" 2>"$tmp/err"
json_check "decide --evidence: the verdict says what was measured" \
	"d['measured']['criteria'] == 'build, cpu, latency, memory' and d['measured']['source'].startswith('measured on ')" "$tmp/v.json"
json_check "decide --evidence: reasons and costs cite the measured claims" \
	"any(r['claim'].startswith('lab-') and r['source'] == 'lab' for r in d['reasons'] + d['against']) and 'lab-build-rust' in d['costs']['ci']['from'] and 'lab-footprint-holding' in d['costs']['infrastructure']['from']" "$tmp/v.json"

# the web page's API decides from the same evidence
"$bin" serve --port 0 --evidence "$tmp/r.json" >"$tmp/serve.out" 2>"$tmp/serve.err" &
spid=$!
wait_until 60 has_lines "$tmp/serve.out" 1 || bad "serve --evidence did not start: $(cat "$tmp/serve.err")"
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/serve.out")
python3 -c "
import json, sys, urllib.request
req = urllib.request.Request('http://127.0.0.1:$port/api/decide', data=b'{\"building\": \"cache\"}', method='POST')
d = json.load(urllib.request.urlopen(req, timeout=30))
sys.exit(0 if d['measured']['criteria'] == 'build, cpu, latency, memory' else 1)" 2>"$tmp/py" && ok ||
	bad "serve --evidence: /api/decide does not decide from the measurements: $(cat "$tmp/py" "$tmp/serve.err")"
kill $spid
wait $spid 2>/dev/null
check_fail "serve --evidence with a bad file" 2 "verdict: tests/bad/evidence/02-array.json: not \`verdict lab\` results: expected a JSON object" \
	"$bin" serve --port 0 --evidence tests/bad/evidence/02-array.json

# --- interrupted runs leave nothing behind --------------------------------------------------------
# leftovers DIR: processes whose command line or working directory is under DIR
leftovers() {
	for p in /proc/[0-9]*; do
		# (a process may end between the loop listing it and its files being read)
		if { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -qF "$1" ||
			readlink "$p/cwd" 2>/dev/null | grep -qF "$1"; then
			echo "${p#/proc/}: $({ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null)"
		fi
	done
}

# busy DIR: some process runs under DIR
busy() {
	[ -n "$(leftovers "$1")" ]
}

# idle DIR: no process runs under DIR any more
idle() {
	[ -z "$(leftovers "$1")" ]
}

# interrupt SIGNAL CODE STEP: starts a run, waits until its log shows STEP and a process of the
# run is seen at work (a compiler, a server), sends SIGNAL, then waits for the lab to exit and
# for its processes to be gone (each wait for a condition, bounded; no sleep stands in for one)
interrupt() {
	sig=$1 code=$2 step=$3 dir="$tmp/int-$1"
	"$bin" lab --quick --no-history --workdir "$dir" -o "$tmp/int-$sig.json" \
		>"$tmp/int.out" 2>"$tmp/int.log" &
	pid=$!
	wait_until 600 grep -qF "$step" "$tmp/int.log" || bad "SIG$sig: the run never reached '$step'"
	wait_until 120 busy "$dir" && busy=1 || busy=0
	kill -"$sig" $pid
	if ! wait_until 60 gone $pid; then
		bad "SIG$sig: the lab did not exit"
		kill -9 $pid
	fi
	wait $pid
	rc=$?
	wait_until 30 idle "$dir"
	left=$(leftovers "$dir")
	if [ $rc -eq "$code" ] && [ "$busy" -gt 0 ] && [ -z "$left" ] && [ ! -e "$tmp/int-$sig.json" ] &&
		[ -z "$(ls -A "$dir")" ] && [ ! -s "$tmp/int.out" ] &&
		grep -qF "verdict lab: interrupted; every process it started has ended and nothing was written" "$tmp/int.log"; then ok; else
		bad "SIG$sig during '$step': exit $rc (want $code), $busy processes before, left: $left; files: $(ls -A "$dir" "$tmp" | tr '\n' ' '); log: $(tail -n 3 "$tmp/int.log")"
	fi
}
interrupt TERM 143 "build: clean rust build"
interrupt INT 130 "http-json: peak go, run 1/"

echo "lab: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
