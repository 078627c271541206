#!/bin/sh
# Runs each fuzz harness for SECONDS (default 20), seeded with the examples, scenarios, the
# bad-input corpus, the KB itself, a few HTTP responses and lab results (fuzz/seeds). Any crash, leak or sanitizer report fails the run.
# Corpora grow in build/fuzz/corpus-NAME (not committed).
secs=${1:-20}
rc=0
for h in fuzz_profile fuzz_kb fuzz_http fuzz_web fuzz_evidence; do
	corpus=build/fuzz/corpus-$h
	mkdir -p "$corpus"
	case $h in
	fuzz_profile) cp examples/*.yaml tests/scenarios/*.yaml tests/bad/*.yaml fuzz/seeds/profile/* "$corpus/" 2>/dev/null ;;
	fuzz_kb) cp data/kb/*.yaml "$corpus/" ;;
	fuzz_http) cp fuzz/seeds/http/* "$corpus/" ;;
	fuzz_web) cp fuzz/seeds/web/* "$corpus/" ;;
	fuzz_evidence) cp fuzz/seeds/evidence/* tests/bad/evidence/*.json "$corpus/" ;;
	esac
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
