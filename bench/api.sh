#!/bin/sh
# make bench, part 3: the web API under load. Starts `verdict serve` on a free loopback port and
# drives GET /api/quick (a full verdict: 10,000 Monte Carlo samples, flips, costs) with
# `verdict load` at 100 connections for 10 s, closed loop; then GET / (a static asset).
# Server pinned to core 0, load generator to core 1. Reports requests/s, p99 and every error.
bin=${1:?usage: api.sh VERDICT}
secs=${2:-10}
tmp=$(mktemp -d)
pin0="" pin1=""
command -v taskset >/dev/null 2>&1 && pin0="taskset -c 0" && pin1="taskset -c 1"
$pin0 "$bin" serve --port 0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while ! grep -q "serving on" "$tmp/out" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/out")
for path in "/api/quick?building=web-service&team=go&constraint=latency" "/"; do
	$pin1 "$bin" load "http://127.0.0.1:$port$path" -c 100 -t 1 -d "${secs}s" --timeout 10s --format json |
		python3 -c "
import json, sys
d = json.load(sys.stdin)
u = d['latency_ms']['uncorrected']
print(f\"GET $path: {d['requests_per_s']:.0f} requests/s, p50 {u['p50']:.1f} ms, p99 {u['p99']:.1f} ms, max {u['max']:.1f} ms, errors {d['errors']} (100 connections, ${secs}s)\")
sys.exit(1 if sum(d['errors'].values()) else 0)"
done
