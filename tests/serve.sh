#!/bin/sh
# `verdict serve` over real sockets on 127.0.0.1: the routes answer, and hostile requests get a
# 4xx (or a closed connection) without harming the server: oversized headers, an oversized body,
# bad JSON, path traversal, a slow client holding a connection open, a flood of arguments. Then
# its inputs and warnings, and tests/serve_http.py: the exact bytes of hostile HTTP over raw
# sockets, 256 slow clients, the connection cap.
# Usage: tests/serve.sh VERDICT   (run from the repository root)
bin=${1:?usage: serve.sh VERDICT}
tmp=$(mktemp -d)
. tests/lib.sh
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

# start_serve NAME ARGS... : starts `verdict serve --port 0 ARGS` and waits until it says where it
# listens, or exits (bounded at 2 minutes: a loaded machine is slow, never that slow); sets $pid
# and $port ("" when it did not start)
start_serve() {
	name=$1
	shift
	: >"$tmp/$name.out"
	"$bin" serve --port 0 "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
	pid=$!
	i=0
	# the whole line, up to its last words, so the port is never read half-written
	while ! grep -q "serving on .*(Ctrl-C stops)" "$tmp/$name.out" && kill -0 $pid 2>/dev/null && [ $i -lt 1200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(sed -n 's/.*serving on http:[/][/][0-9.]*:\([0-9]*\).*/\1/p' "$tmp/$name.out")
}

# stop_serve: SIGTERM, and wait for it to end
stop_serve() {
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	pid=
}

start_serve main --timeout 2
[ -n "$port" ] || { echo "serve: did not start: $(cat "$tmp/main.err")"; exit 1; }
python3 - "$port" "$pid" <<'PY'
import json, os, socket, sys, time, urllib.parse, urllib.request, urllib.error
port, pid = int(sys.argv[1]), int(sys.argv[2])
base = f"http://127.0.0.1:{port}"
passed = failed = 0
def check(name, cond, detail=""):
    global passed, failed
    if cond: passed += 1
    else: failed += 1; print(f"FAIL {name} {detail}")
def request(method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r: return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e: return e.code, e.headers, e.read()
def raw(data, wait=5.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=wait)
    try:
        s.sendall(data)
        out = b""
        while True:
            try: chunk = s.recv(65536)
            except (socket.timeout, ConnectionResetError): break
            if not chunk: break
            out += chunk
        return out
    finally: s.close()
def alive():
    return request("GET", "/api/quick?building=cli")[0] == 200

st, h, b = request("GET", "/")
check("page", st == 200 and b"quick-form" in b and h["Content-Security-Policy"])
st, h, b = request("GET", "/api/quick?building=proxy&team=go&constraint=latency")
check("GET /api/quick", st == 200 and json.loads(b)["verdict"] == "rust", b[:200])
st, h, b = request("POST", "/api/quick", json.dumps({"building": "web-service", "team": "go", "constraint": "ship-fast"}).encode())
check("POST /api/quick", st == 200 and json.loads(b)["verdict"] == "go")
# the page's forms post url-encoded bodies: the full profile is ~35 fields, more than a query may
# carry (regression: with JavaScript off, Decide answered "too many query arguments")
form = urllib.parse.urlencode([("building", "cache"), ("p99_ms", "2"), ("gc", "avoid"), ("team.size", "6"),
    ("team.know_rust", "3")] + [(k, "") for k in ("memory_mb", "instances", "horizon_years", "team.attrition",
    "team.hires_per_year", "ci.merges_per_day", "costs.engineer_hour_usd", "costs.ci_minute_usd",
    "costs.memory_gb_month_usd", "reuse.language", "reuse.what", "name")] + [("x%d" % i, "") for i in range(20)]).encode()
st, h, b = request("POST", "/decide", form, {"Content-Type": "application/x-www-form-urlencoded"})
check("POST /decide form", st == 200 and b'id="verdict">Rust</span>' in b and h["Content-Type"].startswith("text/html"), b[:300])
st, h, b = request("POST", "/quick", b"building=web-service&team=go&constraint=ship-fast", {"Content-Type": "application/x-www-form-urlencoded"})
check("POST /quick form", st == 200 and b'id="verdict">Go</span>' in b, b[:300])
st, h, b = request("GET", "/evidence?q=discord&page=1")
check("GET /evidence", st == 200 and b"s000-discord-gc-spikes" in b, b[:300])
st, h, b = request("POST", "/api/decide", json.dumps({"building": "web-service", "components": [{"name": "a"}, {"name": "b", "building": "proxy", "p99_ms": 1}]}).encode())
check("POST /api/decide system", st == 200 and json.loads(b)["verdict"] == "hybrid", b[:200])
st, h, b = request("HEAD", "/")
check("HEAD", st == 200 and b == b"")
# bad input: a 400 with a JSON error naming the problem
st, h, b = request("POST", "/api/decide", b'{"building": "web-service", "p99_ms": 0}')
check("bad value", st == 400 and json.loads(b)["error"].startswith("request:1: p99_ms must be above 0"), b[:200])
st, h, b = request("POST", "/api/decide", b'{"building": ')
check("bad JSON", st == 400 and "not valid JSON" in json.loads(b)["error"], b[:200])
st, h, b = request("POST", "/api/decide", b"x" * 70000)
check("oversized body", st == 413, st)
for path in ["/../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/data/kb/rules.yaml", "/web/app.js", "//etc/passwd"]:
    st, h, b = request("GET", path)
    check("traversal " + path, st == 404 and b"root:" not in b, st)
st, h, b = request("GET", "/api/quick?" + "&".join(f"k{i}=v" for i in range(40)))
check("too many arguments", st == 400, st)
st, h, b = request("PUT", "/")
check("method", st == 405, st)
# oversized headers: refused (431/413/400) or the connection closed, never a 200 or a crash
out = raw(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
status = out.split(b" ")[1] if out.startswith(b"HTTP/1.1 ") else b"closed"
check("oversized headers", status in (b"413", b"431", b"400", b"closed"), out[:100])
check("alive after oversized headers", alive())
# a garbage request line
out = raw(b"\x00\xffNOT HTTP AT ALL\r\n\r\n")
check("garbage request", out == b"" or out.startswith(b"HTTP/1.1 4"), out[:100])
# slow loris: an unfinished request holds nothing for long (a 408, then the connection closes);
# others are served meanwhile
slow = socket.create_connection(("127.0.0.1", port), timeout=30)
slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
check("served during a slow client", alive())
try:
    cut = slow.recv(100)
    cut = cut.startswith(b"HTTP/1.1 408 ") or cut == b""
except ConnectionResetError:
    cut = True
except socket.timeout:
    cut = False
check("slow client cut off", cut)
slow.close()
check("process alive", os.path.exists(f"/proc/{pid}"))
print(f"serve: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
[ $? -eq 0 ] && ok || bad "serve: the routes and hostile requests above"
stop_serve

# --results: a `verdict load --format json` result, read once and bounded like every input
cat >"$tmp/load.json" <<'JSON'
{"requests": 10, "spectrum_of": "corrected", "spectrum": [{"percentile": 0, "ms": 0.08, "count": 1},
 {"percentile": 90, "ms": 3.3, "count": 9}, {"percentile": 100, "ms": 100, "count": 10}]}
JSON
cp "$tmp/load.json" "$tmp/once.json"
start_serve results --results "$tmp/once.json"
rm "$tmp/once.json" # read at start: nothing is read per request
if [ -n "$port" ] && python3 -c "
import sys, urllib.request
base = 'http://127.0.0.1:' + sys.argv[1]
svg = urllib.request.urlopen(base + '/results', timeout=30).read()
js = urllib.request.urlopen(base + '/api/results', timeout=30).read()
sys.exit(0 if b'<polyline class=\"latency rust\"' in svg and b'\"spectrum_of\": \"corrected\"' in js else 1)
" "$port"; then ok; else bad "serve --results: /results or /api/results after the file is gone"; fi
stop_serve
python3 -c "import sys; sys.stdout.write('{\"spectrum\": [], \"pad\": \"' + 'x' * (1 << 20) + '\"}')" >"$tmp/big.json"
check_fail "serve --results over 1 MB is refused" 2 \
	"verdict: $tmp/big.json: file is 1048603 bytes; the limit is 1048576 bytes" \
	"$bin" serve --port 0 --results "$tmp/big.json"
echo '{}' >"$tmp/empty.json"
check_fail "serve --results not a load result" 2 \
	"verdict: $tmp/empty.json:1: not a \`verdict load --format json\` result (no spectrum)" \
	"$bin" serve --port 0 --results "$tmp/empty.json"
check_fail "serve --results missing" 2 "verdict: $tmp/none.json: cannot open: No such file or directory" \
	"$bin" serve --port 0 --results "$tmp/none.json"

# a non-loopback --bind warns that the server has no authentication; loopback says nothing
start_serve any --bind 0.0.0.0
if [ -n "$port" ] && grep -qx "verdict serve: warning: listening on 0.0.0.0, beyond this machine: the server has no authentication, so anyone who can reach it can use it" "$tmp/any.err"; then ok; else
	bad "serve --bind 0.0.0.0: no warning on stderr: $(cat "$tmp/any.err")"
fi
stop_serve
start_serve lo --bind 127.0.0.2
if [ -n "$port" ] && [ ! -s "$tmp/lo.err" ]; then ok; else bad "serve --bind 127.0.0.2: $(cat "$tmp/lo.err")"; fi
stop_serve

# the exact bytes of hostile HTTP, slow clients and the connection cap
python3 tests/serve_http.py "$bin" && ok || bad "tests/serve_http.py"
echo "serve.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
