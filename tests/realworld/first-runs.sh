#!/bin/sh
# Out-of-sample record of the engine: each blind batch of real-world decisions was committed
# before the engine ran on it, so the engine as it stood at that commit, run on that batch, is a
# prediction of decisions it had not seen. This rebuilds each of those engines from git history
# and runs it on its batch, then prints the agreement per batch and overall, how often its
# answers at each confidence were right, and the misses.
# Usage: tests/realworld/first-runs.sh   (from the repository root of a clone with its history;
# it builds eight old versions, a few minutes on two cores; `make first-runs` runs it)
set -eu

# engine commit · commit the cases are read from · first and last case number
# Batch 64-75: case 75's pain had to move into its shipping part before the schema would take
# it (ebb9d75 changed nothing else in the batch), so the cases come from there.
batches='d63514e d63514e 53 63
1bfee6c ebb9d75 64 75
3d1fd84 3d1fd84 76 85
64593d9 64593d9 86 95
ceb22b8 ceb22b8 96 104
685dd81 685dd81 105 112
e15e4ce e15e4ce 113 121
521b79b 521b79b 122 129'

if ! git rev-parse --verify -q d63514e^{commit} >/dev/null; then
	echo "first-runs.sh: needs the repository's history (a full clone, not a shallow one)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "$batches" | while read -r engine cases lo hi; do
	src=$tmp/engine-$engine
	mkdir -p "$src" "$tmp/cases-$engine"
	git archive "$engine" | tar -x -C "$src"
	if ! make -s -C "$src" build/verdict >"$tmp/build-$engine.log" 2>&1; then
		echo "first-runs.sh: building $engine failed; see below" >&2
		tail -20 "$tmp/build-$engine.log" >&2
		exit 1
	fi
	git archive "$cases" tests/realworld | tar -x -C "$tmp/cases-$engine"
	for f in "$tmp/cases-$engine"/tests/realworld/[0-9]*.yaml; do
		n=$(basename "$f" | cut -d- -f1)
		if [ "$n" -ge "$lo" ] && [ "$n" -le "$hi" ]; then
			cp "$f" "$tmp/cases-$engine/"
		fi
	done
	rm -r "$tmp/cases-$engine/tests"
	"$src/build/verdict" backtest "$tmp/cases-$engine" >"$tmp/out-$engine.txt"
	printf 'cases %3s-%-3s on the engine at %s: %s\n' "$lo" "$hi" "$engine" \
		"$(sed -n 's/^ *agreement *//p' "$tmp/out-$engine.txt")"
	grep -E '^ +(ok|WRONG) ' "$tmp/out-$engine.txt" >>"$tmp/all.txt"
done

awk '
{ right = ($1 == "ok"); conf = $4 + 0; n++; ok += right
  b = conf < 0.5 ? 1 : conf < 0.7 ? 2 : conf < 0.8 ? 3 : conf < 0.9 ? 4 : conf < 0.95 ? 5 : 6
  cnt[b]++; hit[b] += right; sum[b] += conf
  if (!right) miss[++m] = $0 }
END {
  printf "all first runs: %d of %d (%.0f%%)\n", ok, n, 100 * ok / n
  print "calibration of the first runs: how often answers at each confidence were right"
  print "    confidence   answers  right        mean confidence"
  split("0.00-0.50 0.50-0.70 0.70-0.80 0.80-0.90 0.90-0.95 0.95-1.00", name, " ")
  for (b = 1; b <= 6; b++)
    if (cnt[b])
      printf "    %s    %5d  %5d (%3.0f%%)   %.2f\n", name[b], cnt[b], hit[b],
        100 * hit[b] / cnt[b], sum[b] / cnt[b]
  print "misses on the first run"
  for (i = 1; i <= m; i++) print miss[i]
}' "$tmp/all.txt"
