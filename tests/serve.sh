#!/bin/sh
# `verdict serve` over real sockets on 127.0.0.1: the routes answer, and hostile requests get a
# 4xx (or a closed connection) without harming the server: oversized headers, an oversized body,
# bad JSON, path traversal, a slow client holding a connection open, a flood of arguments.
# Usage: tests/serve.sh VERDICT   (run from the repository root)
bin=${1:?usage: serve.sh VERDICT}
tmp=$(mktemp -d)
"$bin" serve --port 0 --timeout 2 >"$tmp/out" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while ! grep -q "serving on" "$tmp/out" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/out")
[ -n "$port" ] || { echo "serve: did not start: $(cat "$tmp/err")"; exit 1; }
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
# slow loris: an unfinished request holds nothing for long; others are served meanwhile
slow = socket.create_connection(("127.0.0.1", port), timeout=10)
slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
t0 = time.time()
check("served during a slow client", alive())
try:
    closed = slow.recv(100) == b""
except (socket.timeout, ConnectionResetError):
    closed = True
check("slow client cut off", closed and time.time() - t0 < 8, time.time() - t0)
slow.close()
check("process alive", os.path.exists(f"/proc/{pid}"))
print(f"serve: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
