#!/bin/sh
# Runs the unit-test binaries (cmocka, built with ASan+UBSan) and sums their results into one
# closing line, "N passed, N failed".
passed=0
failed=0
for t in "$@"; do
	out=$("$t" 2>&1)
	rc=$?
	p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed or sanitizer report before cmocka could count
	fi
	if [ "$rc" -ne 0 ]; then
		echo "$out"
	fi
	echo "$(basename "$t"): $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
