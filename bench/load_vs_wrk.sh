#!/bin/sh
# make bench, part 2: `verdict load` against Debian's wrk, same server (Debian's nginx returning
# a fixed 13-byte body on 127.0.0.1), same threads, connections and duration, alternating which
# goes first, several rounds. nginx is pinned to core 0 and both generators to core 1 so the
# generator, not the machine, is what differs. Prints each round and the ratio of medians.
# Usage: bench/load_vs_wrk.sh VERDICT [ROUNDS] [SECONDS] [CONNECTIONS]
bin=${1:?usage: load_vs_wrk.sh VERDICT}
rounds=${2:-5}
secs=${3:-5}
conns=${4:-50}
for tool in nginx wrk taskset python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (make bench installs it)"; exit 1; }
done
tmp=$(mktemp -d)
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1]); s.close()")
mkdir -p "$tmp/logs"
cat >"$tmp/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $tmp/body;
	proxy_temp_path $tmp/proxy;
	fastcgi_temp_path $tmp/fastcgi;
	uwsgi_temp_path $tmp/uwsgi;
	scgi_temp_path $tmp/scgi;
	keepalive_requests 10000000;
	server {
		listen 127.0.0.1:$port;
		location / { default_type text/plain; return 200 "Hello, World!"; }
	}
}
CONF
taskset -c 0 nginx -p "$tmp" -c "$tmp/nginx.conf" -g 'daemon off;' &
ngx=$!
trap 'kill $ngx 2>/dev/null; wait $ngx 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 50 ] && { echo "bench: nginx did not start"; cat "$tmp/logs/error.log"; exit 1; }
	sleep 0.1
done
body=$(python3 -c "import urllib.request; print(len(urllib.request.urlopen('http://127.0.0.1:$port/').read()))")
echo "nginx on 127.0.0.1:$port (core 0), body $body bytes; generators on core 1: 1 thread, $conns connections, ${secs}s, $rounds rounds"
url="http://127.0.0.1:$port/"
run_wrk() { taskset -c 1 wrk -t1 -c"$conns" -d"${secs}s" "$url" | awk '/Requests\/sec/ {print $2}'; }
run_ours() { taskset -c 1 "$bin" load "$url" -t 1 -c "$conns" -d "${secs}s" --format json |
	python3 -c "import json,sys; d=json.load(sys.stdin); e=d['errors']; print(d['requests_per_s'] if sum(e.values())==0 else 'errors:%s' % e)"; }
: >"$tmp/wrk" ; : >"$tmp/ours"
r=1
while [ $r -le "$rounds" ]; do
	if [ $((r % 2)) -eq 1 ]; then w=$(run_wrk); o=$(run_ours); else o=$(run_ours); w=$(run_wrk); fi
	echo "$w" >>"$tmp/wrk"
	echo "$o" >>"$tmp/ours"
	echo "  round $r: wrk $w req/s, verdict load $o req/s"
	r=$((r + 1))
done
python3 - "$tmp/wrk" "$tmp/ours" <<'PY'
import statistics, sys
w = [float(x) for x in open(sys.argv[1]).read().split()]
o = [float(x) for x in open(sys.argv[2]).read().split()]
mw, mo = statistics.median(w), statistics.median(o)
print(f"median: wrk {mw:.0f} req/s, verdict load {mo:.0f} req/s; ratio verdict/wrk = {mo / mw:.3f}")
PY
