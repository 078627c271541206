#!/bin/sh
# Shared checks for the shell test suites (sourced, after setting $tmp): each check counts into
# $passed / $failed and says what went wrong. Scripts end with
#   echo "NAME: $passed passed, $failed failed"; [ "$failed" -eq 0 ]
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# check_ok NAME SUBSTRING CMD... : exit 0, stdout contains SUBSTRING, stderr empty
check_ok() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && grep -qF -- "$want" "$tmp/out" && [ ! -s "$tmp/err" ]; then ok; else
		bad "$name: exit $rc, stdout: $(head -c 300 "$tmp/out"), stderr: $(cat "$tmp/err")"
	fi
}

# check_fail NAME CODE 'EXACT FIRST STDERR LINE' CMD... : exit CODE, nothing on stdout
check_fail() {
	name=$1 code=$2 want=$3
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	first=$(head -n 1 "$tmp/err")
	if [ $rc -eq "$code" ] && [ ! -s "$tmp/out" ] && [ "$first" = "$want" ]; then ok; else
		bad "$name: exit $rc (want $code); stderr: $first; want: $want; stdout: $(head -c 200 "$tmp/out")"
	fi
}

# wait_until SECONDS CMD... : runs CMD every 50 ms until it succeeds (returns 0) or SECONDS have
# passed (returns 1). Tests wait for a condition with it, never for a fixed time.
wait_until() {
	limit=$1
	shift
	deadline=$(($(date +%s) + limit))
	until "$@"; do
		[ "$(date +%s)" -lt "$deadline" ] || return 1
		sleep 0.05
	done
}

# has_lines FILE N : FILE holds at least N complete (newline-terminated) lines, so a line being
# written by another process is never read half-way
has_lines() {
	[ -f "$1" ] && [ "$(wc -l <"$1")" -ge "$2" ]
}

# gone PID : the process has ended (or is a zombie nobody has reaped yet)
gone() {
	! kill -0 "$1" 2>/dev/null || [ "$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)" = Z ]
}

# json_check NAME PYTHON-EXPR FILE : the expression over d (the parsed JSON) is true; on failure
# shows the file's fields that are not lists (a load result's spectrum would drown the rest)
json_check() {
	if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$3" 2>"$tmp/py"; then ok; else
		bad "$1: $2 is false for $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print({k: v for k, v in d.items() if not isinstance(v, list)} if isinstance(d, dict) else d)" "$3" 2>&1 | head -c 600) $(cat "$tmp/py")"
	fi
}
