#!/bin/sh
# The bad-input corpus: every file in tests/bad must make `verdict decide` exit 2 with exactly
# the message in its "# stderr:" header (or FILE.expected), and print nothing on stdout.
# Then hostile inputs made on the fly: a directory, a 100 MB file, binary junk, deep nesting,
# exponential aliases, a mapping with thousands of keys, a missing file.
# Usage: tests/bad_inputs.sh path/to/verdict   (run from the repository root)
bin=${1:?usage: bad_inputs.sh VERDICT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

check() { # check FILE EXPECTED-STDERR [DECIDE-ARGS...]
	f=$1
	expected=$2
	shift 2
	out=$("$bin" decide "$@" "$f" 2>"$tmp/err")
	rc=$?
	err=$(cat "$tmp/err")
	if [ "$rc" -eq 2 ] && [ -z "$out" ] && [ "$err" = "$expected" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $f $*: exit $rc"
		echo "  expected stderr: $expected"
		echo "  got stderr:      $err"
		[ -z "$out" ] || echo "  stdout was not empty: $out"
	fi
}

check_contains() { # check_contains FILE SUBSTRING — for messages that carry a temp path
	out=$("$bin" decide "$1" 2>"$tmp/err")
	rc=$?
	if [ "$rc" -eq 2 ] && [ -z "$out" ] && grep -qF -- "$2" "$tmp/err"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $1: exit $rc, stderr: $(cat "$tmp/err")"
		echo "  expected it to contain: $2"
	fi
}

for f in tests/bad/*.yaml; do
	if [ -f "$f.expected" ]; then
		expected=$(cat "$f.expected")
	else
		expected=$(sed -n '1s/^# stderr: //p' "$f")
	fi
	if [ -z "$expected" ]; then
		echo "FAIL $f: no '# stderr:' header and no $f.expected"
		failed=$((failed + 1))
		continue
	fi
	check "$f" "$expected"
done

# lab results given to --evidence: every file in tests/bad/evidence with its .expected message
for f in tests/bad/evidence/*.json; do
	check examples/crud-api.yaml "$(cat "$f.expected")" --evidence "$f"
done
check examples/crud-api.yaml "verdict: $tmp/none.json: cannot open: No such file or directory" --evidence "$tmp/none.json"
check examples/crud-api.yaml "verdict: $tmp: not a regular file (a directory)" --evidence "$tmp"
truncate -s 20M "$tmp/huge.json"
check examples/crud-api.yaml "verdict: $tmp/huge.json: file is 20971520 bytes; the limit is 16777216 bytes" --evidence "$tmp/huge.json"
rm -f "$tmp/huge.json"
# JSON nesting is bounded while parsing too (jansson stops at 2048 levels)
python3 -c "import sys; open(sys.argv[1], 'w').write('[' * 1000000)" "$tmp/deep.json"
check examples/crud-api.yaml "verdict: $tmp/deep.json:1: not valid JSON: maximum parsing depth reached near '['" --evidence "$tmp/deep.json"

mkdir "$tmp/dir.yaml"
check_contains "$tmp/dir.yaml" "dir.yaml: not a regular file (a directory)"
truncate -s 100M "$tmp/huge.yaml"
check_contains "$tmp/huge.yaml" "huge.yaml: file is 104857600 bytes; the limit is 1048576 bytes"
head -c 4096 /dev/urandom > "$tmp/junk.yaml"
"$bin" decide "$tmp/junk.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "junk.yaml:[0-9]*: " "$tmp/err"; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
	echo "FAIL random bytes: exit $rc: $(cat "$tmp/err")"
fi
printf 'building: cli\nx: ' > "$tmp/deep.yaml"
i=0
while [ $i -lt 200 ]; do printf '['; i=$((i + 1)); done >> "$tmp/deep.yaml"
i=0
while [ $i -lt 200 ]; do printf ']'; i=$((i + 1)); done >> "$tmp/deep.yaml"
echo >> "$tmp/deep.yaml"
check_contains "$tmp/deep.yaml" "deep.yaml:2: nesting deeper than 32 levels"
# regression: nesting was checked after a full parse: 100 KB of '[' took 22 s and a megabyte never
# finished. Now refused at the 33rd level (the timeout only turns the old hang into a failure).
python3 -c "import sys; open(sys.argv[1], 'w').write('x: ' + '[' * 1040000 + '\\n')" "$tmp/deeper.yaml"
out=$(timeout 60 "$bin" decide "$tmp/deeper.yaml" 2>"$tmp/err")
if [ $? -eq 2 ] && [ -z "$out" ] && [ "$(cat "$tmp/err")" = "verdict: $tmp/deeper.yaml:1: nesting deeper than 32 levels" ]; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
	echo "FAIL a megabyte of '[': $(cat "$tmp/err")"
fi
{
	echo 'a: &a [x, x, x, x, x, x, x, x, x, x]'
	for n in b c d e f g h; do
		prev=$(printf '%s' "$n" | tr 'b-h' 'a-g')
		echo "$n: &$n [*$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev]"
	done
	echo 'building: cli'
} > "$tmp/laughs.yaml"
check_contains "$tmp/laughs.yaml" "more than 200000 values once aliases are expanded"
{
	echo 'building: cli'
	i=0
	while [ $i -lt 5000 ]; do echo "k$i: 1"; i=$((i + 1)); done
} > "$tmp/keys.yaml"
check_contains "$tmp/keys.yaml" "keys.yaml:1: the profile has more than 256 keys"
printf 'building: cli\0\n' > "$tmp/nul.yaml"
check_contains "$tmp/nul.yaml" "nul.yaml:1: the file contains a NUL byte: not a YAML text file"
check "$tmp/missing.yaml" "verdict: $tmp/missing.yaml: cannot open: No such file or directory"

echo "bad inputs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
