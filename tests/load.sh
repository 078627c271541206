#!/bin/sh
# End-to-end tests of `verdict load` against our own server on 127.0.0.1 (tests/helpers/
# stall_server.c): the coordinated-omission arithmetic, hostile responses, a refused port, Ctrl-C.
# Every server exits by itself; every run is bounded in time.
# Usage: tests/load.sh VERDICT STALL_SERVER   (run from the repository root)
bin=${1:?usage: load.sh VERDICT STALL_SERVER}
server=${2:?usage: load.sh VERDICT STALL_SERVER}
tmp=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
. tests/lib.sh

# start_server MODE -> sets $port
start_server() {
	"$server" --mode "$1" --max-seconds 40 >"$tmp/port.$1" &
	pids="$pids $!"
	i=0
	while [ ! -s "$tmp/port.$1" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat "$tmp/port.$1")
}

# 1. A server that freezes 100 ms once a second, driven at 2000 requests/s by 10 connections.
# 10% of the time is stalled, so 10% of requests wait behind a stall, evenly spread over 0..100 ms
# from when they were due: corrected p99 = 100 x (1 - 0.01/0.10) = 90 ms. Measured from the send,
# only the ~10 requests in flight when a stall starts wait (0.5% of 2000/s): uncorrected p99 is
# well under a millisecond plus scheduling noise.
start_server stall
timeout 30 "$bin" load "http://127.0.0.1:$port/" -c 10 -t 2 -d 5s -R 2000 --format json >"$tmp/stall.json" || bad "stall run failed"
json_check "stall: corrected p99 ~90 ms" "72 <= d['latency_ms']['corrected']['p99'] <= 105" "$tmp/stall.json"
json_check "stall: uncorrected p99 hides it" "d['latency_ms']['uncorrected']['p99'] < 20" "$tmp/stall.json"
json_check "stall: corrected mean ~5 ms (10% x 50 ms)" "2.5 <= d['latency_ms']['corrected']['mean'] <= 8" "$tmp/stall.json"
json_check "stall: rate held, no errors" "abs(d['requests_per_s'] - 2000) < 150 and d['target_rate'] == 2000 and sum(d['errors'].values()) == 0 and d['kept_up']" "$tmp/stall.json"

# 2. Closed loop: throughput, no errors, corrected latency absent.
start_server ok
timeout 30 "$bin" load "http://127.0.0.1:$port/hello" -c 8 -t 2 -d 2s --pipeline 2 --format json >"$tmp/closed.json" || bad "closed run failed"
json_check "closed loop" "d['requests'] > 1000 and d['target_rate'] is None and d['latency_ms']['corrected'] is None and sum(d['errors'].values()) == 0 and d['status']['2xx'] == d['requests']" "$tmp/closed.json"
json_check "closed loop keys" "all(k in d['latency_ms']['uncorrected'] for k in ('p50','p75','p90','p99','p99_9','p99_99','max','mean','stddev')) and d['spectrum'][-1]['percentile'] == 100" "$tmp/closed.json"
timeout 30 "$bin" load "http://127.0.0.1:$port/" -c 4 -t 1 -d 1s >"$tmp/closed.txt" || bad "text run failed"
if grep -q "Requests/sec:" "$tmp/closed.txt" && grep -q "99.900%" "$tmp/closed.txt"; then ok; else bad "text summary: $(cat "$tmp/closed.txt")"; fi

# 3. Hostile responses are counted as errors, without crash or hang.
for mode in garbage status-999 huge-headers huge-chunk close-mid-body; do
	start_server "$mode"
	timeout 20 "$bin" load "http://127.0.0.1:$port/" -c 2 -t 1 -d 1s --format json >"$tmp/$mode.json"
	rc=$?
	if [ $rc -eq 0 ]; then ok; else bad "$mode: exit $rc"; fi
	json_check "$mode counted" "d['errors']['read'] > 0 and d['requests'] == 0" "$tmp/$mode.json"
done
start_server chunked
timeout 20 "$bin" load "http://127.0.0.1:$port/" -c 2 -t 1 -d 1s --format json >"$tmp/chunked.json" || bad "chunked run failed"
json_check "chunked bodies" "d['requests'] > 100 and sum(d['errors'].values()) == 0" "$tmp/chunked.json"

# 4. Nobody listening: connect errors, counted, bounded retries.
closed_port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1]); s.close()")
timeout 20 "$bin" load "http://127.0.0.1:$closed_port/" -c 2 -t 1 -d 1s --format json >"$tmp/refused.json" || bad "refused run failed"
json_check "refused" "d['errors']['connect'] > 0 and d['errors']['connect'] < 1000 and d['requests'] == 0" "$tmp/refused.json"

# 5. Ctrl-C ends the run early and still reports.
start_server ok
"$bin" load "http://127.0.0.1:$port/" -c 4 -t 1 -d 30s --format json >"$tmp/int.json" &
lp=$!
sleep 1
kill -INT $lp
i=0
while kill -0 $lp 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $lp 2>/dev/null; then bad "SIGINT did not stop the run"; kill -9 $lp; else ok; fi
wait $lp
json_check "SIGINT reports" "d['stopped_early'] and 0.5 < d['duration_s'] < 5 and d['requests'] > 0" "$tmp/int.json"

# 6. Usage errors.
check_fail "https" 2 "verdict: https://127.0.0.1/: https is not supported: TLS would measure the TLS library, not the server; use http://" "$bin" load https://127.0.0.1/
check_fail "no scheme" 2 "verdict: 127.0.0.1:80: the URL must start with http://" "$bin" load 127.0.0.1:80
check_fail "bad port" 2 "verdict: http://127.0.0.1:99999/: a port is 1 to 65535, got '99999'" "$bin" load http://127.0.0.1:99999/
check_fail "bad duration" 2 "verdict load: --duration must be a duration such as 10s, 500ms or 2m, got '10 minutes'" "$bin" load http://127.0.0.1:1/ -d "10 minutes"
check_fail "bad header" 2 "verdict load: a header is 'Name: value' on one line, got 'nocolon'" "$bin" load http://127.0.0.1:1/ -H nocolon
check_fail "threads > conns" 2 "verdict: 4 threads for 2 connections: each thread needs a connection" "$bin" load http://127.0.0.1:1/ -t 4 -c 2
check_fail "no url" 2 "verdict load: which URL? give http://HOST:PORT/PATH" "$bin" load

echo "load: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
