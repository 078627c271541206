#!/bin/sh
# Runs each fuzz harness for SECONDS (default 20), seeded with the examples, scenarios, the
# bad-input corpus and the KB itself. Any crash, leak or sanitizer report fails the run.
# Corpora grow in build/fuzz/corpus-NAME (not committed).
secs=${1:-20}
rc=0
for h in fuzz_profile fuzz_kb; do
	corpus=build/fuzz/corpus-$h
	mkdir -p "$corpus"
	if [ "$h" = fuzz_profile ]; then
		cp examples/*.yaml tests/scenarios/*.yaml tests/bad/*.yaml "$corpus/" 2>/dev/null
	else
		cp data/kb/*.yaml "$corpus/"
	fi
	if ./build/fuzz/$h -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=build/fuzz/ "$corpus" >build/fuzz/$h.log 2>&1; then
		echo "fuzz $h: $(grep -o 'Done [0-9]* runs' build/fuzz/$h.log | tail -1) in ${secs}s, no findings"
	else
		echo "fuzz $h: FOUND A PROBLEM (build/fuzz/$h.log):"
		tail -40 build/fuzz/$h.log
		rc=1
	fi
done
exit $rc
