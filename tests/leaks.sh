#!/bin/sh
# Runs the optimised binary under valgrind for each command, success and failure paths alike:
# no leak, no invalid read or write. (The ASan builds also check leaks with LeakSanitizer.)
bin=${1:?usage: leaks.sh VERDICT}
tmp=$(mktemp -d)
holder=""
trap '[ -n "$holder" ] && kill $holder 2>/dev/null; rm -rf "$tmp"' EXIT
. tests/lib.sh
vg() {
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 "$@" \
		>/dev/null 2>"$tmp/vg"
	rc=$?
	if [ $rc -eq 99 ]; then
		failed=$((failed + 1))
		echo "FAIL valgrind: $*"
		cat "$tmp/vg"
	else
		passed=$((passed + 1))
	fi
}
# a port nobody listens on, held (bound, not listening) so that no other program takes it
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0))
sys.stdout.write("%d\n" % s.getsockname()[1]); sys.stdout.flush(); time.sleep(600)' >"$tmp/port" &
holder=$!
wait_until 30 has_lines "$tmp/port" 1
refused=$(head -n 1 "$tmp/port")
vg "$bin" decide examples/hybrid-platform.yaml
vg "$bin" decide examples/crud-api.yaml --format json
vg "$bin" decide tests/bad/14-know-exceeds-size.yaml
vg "$bin" decide tests/bad/11-not-yaml.yaml
vg "$bin" quick --building proxy --team rust --constraint latency
vg "$bin" learn --background cpp --goal systems --format json
vg "$bin" claims --conflicts
vg "$bin" cost examples/hybrid-platform.yaml --format json
vg "$bin" decide examples/hybrid-platform.yaml --samples 500
vg "$bin" claims s001-build-clean-go
vg "$bin" claims --kb /nonexistent
vg "$bin" load "http://127.0.0.1:$refused/" -c 2 -t 1 -d 300ms --format json
vg "$bin" decide examples/hybrid-platform.yaml --evidence tests/lab/results-quick.json --samples 500
vg "$bin" cost examples/full-profile.yaml --evidence tests/bad/evidence/08-advantage-not-from-medians.json
vg "$bin" lab --history --history-db "$tmp/history.sqlite"
vg "$bin" lab --quick --only cpu --repeats 1 --quiet --history-db "$tmp/history.sqlite" --format json --workdir "$tmp/lab"
vg "$bin" lab --history --history-db "$tmp/history.sqlite"
# the reader, the writer and ADRs: surrogate pairs rewritten, a lone one named, standard input,
# -o over a file and refused at a FIFO, a record superseded
vg "$bin" decide fuzz/seeds/profile/json-surrogates.yaml --samples 500
vg "$bin" decide tests/bad/37-half-surrogate-pair.yaml
vg "$bin" decide - --samples 500 <examples/crud-api.yaml
vg "$bin" decide examples/crud-api.yaml --samples 500 -o "$tmp/out"
vg "$bin" decide examples/crud-api.yaml --samples 500 -o "$tmp/out"
mkfifo "$tmp/fifo"
vg "$bin" decide examples/crud-api.yaml --samples 500 -o "$tmp/fifo"
vg "$bin" adr examples/crud-api.yaml --seed 1 -o "$tmp/adr"
vg "$bin" adr examples/crud-api.yaml --seed 1 -o "$tmp/adr"
# the 30-second answer, all of it, quick's flips, and an ADR superseded in the log4brains style
vg "$bin" decide examples/crud-api.yaml --long --samples 500
vg "$bin" quick --building web-service --team neither --constraint ship-fast --long --samples 500
vg "$bin" cost examples/payments-api.yaml --long
vg "$bin" adr examples/crud-api.yaml --seed 2 --template log4brains --deciders "Ann, Bob" -o "$tmp/adr"
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
