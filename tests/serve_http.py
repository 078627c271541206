#!/usr/bin/env python3
"""`verdict serve` against hostile HTTP over raw sockets on 127.0.0.1: the exact bytes a client
or a proxy could send, checking the status, the headers, and that exactly one response comes
back. Each check is named for the defect it guards. Servers are started here, on port 0, with
the --timeout each check needs; nothing waits for a sleep, only for a condition, and time is
only ever an upper bound with generous slack.

Usage: tests/serve_http.py VERDICT   (run from the repository root)
"""
import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1]
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}"[:1500])


class Server:
    """A `verdict serve --port 0` of our own; its port read from the line it prints."""

    def __init__(self, *args):
        # stderr to a file: a pipe nobody reads would fill with libmicrohttpd's messages about
        # closed connections and block the server
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([BIN, "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=self.err)
        line = self.proc.stdout.readline().decode()  # blocks until it prints or exits
        if "serving on" not in line:
            sys.exit(f"serve did not start: {line} {self.stop()}")
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])

    def sockets(self):
        """How many sockets the server process holds (the listening one and every accepted
        connection): what the server has really accepted, not what the kernel queued."""
        fds = f"/proc/{self.proc.pid}/fd"
        n = 0
        for f in os.listdir(fds):
            try:
                n += os.readlink(f"{fds}/{f}").startswith("socket:")
            except FileNotFoundError:
                pass
        return n

    def connect(self, timeout=20):
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)

    def stop(self):
        """Stops the server; returns what it wrote on stderr."""
        self.proc.terminate()
        self.proc.wait(timeout=120)
        self.err.seek(0)
        return self.err.read().decode(errors="replace")


def wait_for(cond, limit_s=60):
    """Polls cond until it holds; False if it never did within limit_s (an upper bound)."""
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def read_all(s):
    """Everything until the server closes (or the socket's timeout: then timed_out is True)."""
    out, timed_out = b"", False
    while True:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            timed_out = True
            break
        except ConnectionResetError:
            break
        if not chunk:
            break
        out += chunk
    return out, timed_out


def responses(data, head=()):
    """Splits bytes into HTTP responses by their Content-Length. Returns a list of (status,
    headers: name -> [values], body) and what is left over. head: indexes of responses to HEAD
    requests (a length, no body)."""
    out = []
    while data.startswith(b"HTTP/1."):
        top, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            break
        lines = top.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers.setdefault(k.strip().lower(), []).append(v.strip())
        n = 0 if len(out) in head else int(headers.get("content-length", ["0"])[0])
        out.append((int(lines[0].split()[1]), headers, rest[:n]))
        data = rest[n:]
    return out, data


def exchange(server, data, head=()):
    """Sends data on a fresh connection, reads until the server closes it."""
    s = server.connect()
    try:
        s.sendall(data)
        raw, timed_out = read_all(s)
    finally:
        s.close()
    got, rest = responses(raw, head)
    return got, rest, timed_out


def clean_stop(name, server):
    """Stops the server and checks it ended without a sanitizer report (ASan builds)."""
    err = server.stop()
    check(f"{name}: no sanitizer report", "ERROR: " not in err and "runtime error" not in err,
          err[-2000:])


def json_error(body):
    try:
        j = json.loads(body)
    except ValueError:
        return None
    return j.get("error") if isinstance(j, dict) else None


def refused(name, server, data, status, message):
    """Exactly one response, with status, a JSON error starting with message, Connection: close,
    and the connection closed after it (nothing read as a second request)."""
    got, rest, timed_out = exchange(server, data)
    one = len(got) == 1 and rest == b"" and not timed_out
    st, headers, body = got[0] if got else (None, {}, b"")
    err = json_error(body) or ""
    check(name, one and st == status and err.startswith(message) and
          headers.get("connection") == ["close"],
          f"{len(got)} responses, status {st}, error {err!r}, headers {headers}, "
          f"left {rest[:80]!r}, timed out {timed_out}")


REQ = b"Host: x\r\nConnection: close\r\n"


def hostile_requests(server):
    refused("refuses Content-Length together with chunked (smuggling)", server,
            b"POST /api/quick HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /style.css HTTP/1.1\r\nHost: x\r\n\r\n",
            400, "both Content-Length and Transfer-Encoding")
    refused("refuses two different Content-Lengths", server,
            b"POST /api/quick HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 30\r\n\r\n"
            b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n",
            400, "two different Content-Lengths ('0' and '30')")
    refused("refuses a missing Host on HTTP/1.1", server, b"GET / HTTP/1.1\r\n\r\n", 400,
            "an HTTP/1.1 request needs a Host header")
    refused("refuses a doubled Host", server, b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400,
            "2 Host headers")
    got, _, _ = exchange(server, b"GET /style.css HTTP/1.0\r\n\r\n")
    check("HTTP/1.0 needs no Host", len(got) == 1 and got[0][0] == 200, got[:1])
    refused("refuses a NUL in the path", server, b"GET /style.css%00.html HTTP/1.1\r\n" + REQ +
            b"\r\n", 400, "the URL holds a NUL byte (%00)")
    refused("refuses a NUL in a query argument", server,
            b"GET /api/quick?building=cli%00x HTTP/1.1\r\n" + REQ + b"\r\n", 400,
            "the URL holds a NUL byte")
    refused("refuses Transfer-Encoding: gzip, chunked at once", server,
            b"POST /api/quick HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            b"0\r\n\r\n", 501, "Transfer-Encoding 'gzip, chunked' is not supported")
    refused("refuses Transfer-Encoding given twice", server,
            b"POST /api/quick HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "Transfer-Encoding given 2 times")
    refused("an absurd Content-Length gets one 413, before the body", server,
            b"POST /api/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999\r\n\r\n"
            + b"x" * 70000, 413, "the request body is over 64 KB")
    refused("an absurd Content-Length gets a 413, not a 100 Continue", server,
            b"POST /api/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999\r\n"
            b"Expect: 100-continue\r\n\r\n", 413, "the request body is over 64 KB")
    refused("500 query arguments are answered at once", server,
            b"GET /api/quick?" + b"&".join(b"k%d=v" % i for i in range(500)) + b" HTTP/1.1\r\n" +
            REQ + b"\r\n", 400, "500 query arguments; at most 16")
    refused("a flood of header fields gets a JSON 431", server,
            b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(150)) +
            b"\r\n", 431, "151 header fields; at most 100")

    # refused by libmicrohttpd 0.9.75 itself, before any callback of ours: a Content-Length it
    # cannot parse, a cookie flood. It writes its HTML error's header block twice (its state
    # machine runs on after the error); all we can check is a refusal and a closed connection
    for what, req, status in [
            ("a Content-Length over 2^64", b"POST /api/decide HTTP/1.1\r\nHost: x\r\n"
             b"Content-Length: 99999999999999999999999\r\n\r\n", 413),
            ("a Content-Length that is a list", b"POST /api/decide HTTP/1.1\r\nHost: x\r\n"
             b"Content-Length: 5, 5\r\n\r\n{}", 400),
            ("2000 cookies", b"GET / HTTP/1.1\r\nHost: x\r\nCookie: " +
             b"; ".join(b"a=1" for _ in range(2000)) + b"\r\n\r\n", 431)]:
        got, _, timed_out = exchange(server, req)
        check(f"{what} is refused and the connection closed",
              got and got[0][0] == status and not timed_out, (got[:1], timed_out))

    # a chunked body is still read, and a pipelined request after it answered in turn
    got, rest, _ = exchange(server, b"POST /api/quick HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                            b"chunked\r\n\r\n13\r\n{\"building\": \"cli\"}\r\n0\r\n\r\n"
                            b"GET /style.css HTTP/1.1\r\n" + REQ + b"\r\n")
    check("chunked body and pipelining still work",
          [g[0] for g in got] == [200, 200] and "verdict" in json.loads(got[0][2])
          and rest == b"", [(g[0], g[2][:80]) for g in got])

    # HEAD: the length GET would send, and no body (the next response follows at once)
    for path in (b"/", b"/style.css", b"/api/claims", b"/nowhere"):
        got, rest, _ = exchange(server, b"HEAD " + path + b" HTTP/1.1\r\nHost: x\r\n\r\nGET " + path +
                                b" HTTP/1.1\r\n" + REQ + b"\r\n", head=(0,))
        ok = len(got) == 2 and rest == b"" and got[0][0] == got[1][0]
        check(f"HEAD {path.decode()} reports GET's length",
              ok and got[0][1]["content-length"] == [str(len(got[1][2]))] and
              got[0][1]["content-length"] == got[1][1]["content-length"],
              [(g[0], g[1].get("content-length")) for g in got] + [rest[:60]])

    # every 4xx is JSON with a message, even for bytes that are not UTF-8
    for req, status, message in [
            (b"GET /api/quick?building=%ff%fe HTTP/1.1\r\n", 400,
             'building: unknown value "\\xff\\xfe"'),
            (b"GET /nowhere HTTP/1.1\r\n", 404, "no such page"),
            (b"PUT / HTTP/1.1\r\n", 405, "only GET and POST"),
            (b"GET /api/decide HTTP/1.1\r\n", 405, "POST a profile as JSON"),
            (b"GET /api/results HTTP/1.1\r\n", 404, "no measurements were given")]:
        got, _, _ = exchange(server, req + REQ + b"\r\n")
        err = json_error(got[0][2]) if got else None
        check(f"JSON error with a message: {req.split()[1].decode()}",
              len(got) == 1 and got[0][0] == status and err is not None and
              err.startswith(message), got[:1])

    # the no-JavaScript quick form's errors are a readable page, where its answer would be
    got, _, _ = exchange(server, b"GET /quick?building=spaceship HTTP/1.1\r\n" + REQ + b"\r\n")
    st, headers, body = got[0] if got else (None, {}, b"")
    check("quick page errors are readable HTML",
          st == 400 and headers.get("content-type", [""])[0].startswith("text/html") and
          b'<div id="result" class="result">' in body and b'unknown value &quot;spaceship&quot;' in body,
          (st, headers.get("content-type"), body[:300]))


SLOW = 256
TIMEOUT = 8


def slow_clients():
    """256 clients sending one byte a second must not lock everyone else out: they hold their
    slots only until the request deadline, and meanwhile ordinary requests are answered."""
    server = Server("--timeout", str(TIMEOUT))
    base = server.sockets()
    slow, sent_at = [], {}
    for i in range(SLOW):
        s = server.connect()
        if i % 2:  # slow in its header fields
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        else:  # slow in its body
            s.sendall(b"POST /api/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
        s.setblocking(False)
        slow.append(s)
        sent_at[s] = time.monotonic()
    held = wait_for(lambda: server.sockets() >= base + SLOW)
    check("the server accepted all 256 slow clients", held, server.sockets() - base)

    def cut(s):
        r, _, _ = select.select([s], [], [], 0)
        return bool(r)

    answers = []
    for i in range(20):
        c = server.connect()
        c.sendall(b"GET /style.css HTTP/1.1\r\n" + REQ + b"\r\n")
        raw, _ = read_all(c)
        c.close()
        got, _ = responses(raw)
        answers.append(got[0][0] if got else None)
    still = sum(not cut(s) for s in slow)
    check("others are served while 256 slow clients are connected",
          answers == [200] * 20 and still == SLOW,
          f"answers {answers}; slow clients still connected: {still} of {SLOW}")

    # each slow client keeps sending a byte a second and is cut by the deadline: a 408 for a
    # request that was arriving, then the end of the connection
    open_, got, ends = list(slow), {s: b"" for s in slow}, {}
    limit = time.monotonic() + 2 * TIMEOUT + 60
    while open_ and time.monotonic() < limit:
        readable, _, _ = select.select(open_, [], [], 1.0)
        for s in readable:
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    got[s] += chunk
            except BlockingIOError:
                continue  # the rest, or the end, comes later
            except ConnectionResetError:
                pass
            ends[s] = (time.monotonic() - sent_at[s], got[s])
            open_.remove(s)
        for s in open_:
            try:
                s.send(b"a")
            except OSError:
                pass
    late = max((t for t, _ in ends.values()), default=0)
    got408 = sum(d.startswith(b"HTTP/1.1 408 ") and
                 json_error(d.partition(b"\r\n\r\n")[2]) ==
                 f"the request did not arrive whole within {TIMEOUT} s" for _, d in ends.values())
    check("each slow client is cut after the request deadline, with a 408",
          not open_ and got408 == SLOW,
          f"{len(open_)} never cut; {got408} of {len(ends)} got the 408; last cut after "
          f"{late:.1f} s (deadline {TIMEOUT} s)")
    for s in slow:
        s.close()
    clean_stop("slow clients", server)


CAP = 512


def connection_cap():
    """The documented cap is exact: 512 connections, all from this machine's one address, are
    accepted and held; the 513th waits for a free slot and is then served."""
    server = Server("--timeout", "60")
    base = server.sockets()
    held = [server.connect() for _ in range(CAP)]
    for s in held:
        s.sendall(b"GET / HTTP/1.1\r\n")
    check("512 connections from 127.0.0.1 are all accepted",
          wait_for(lambda: server.sockets() >= base + CAP), server.sockets() - base)
    extra = server.connect(timeout=1)
    extra.sendall(b"GET /style.css HTTP/1.1\r\n" + REQ + b"\r\n")
    try:
        early = extra.recv(100)  # an answer, or b"" / a reset for a refusal
    except socket.timeout:
        early = None
    except ConnectionResetError:
        early = b"reset"
    check("the 513th is not served while 512 are held",
          early is None and server.sockets() <= base + CAP, (early, server.sockets() - base))
    held.pop().close()
    extra.settimeout(30)
    raw, _ = read_all(extra)
    got, _ = responses(raw)
    check("the 513th is served once a slot frees", [g[0] for g in got] == [200], raw[:100])
    for s in held + [extra]:
        s.close()
    clean_stop("connection cap", server)


main = Server("--timeout", "30")
hostile_requests(main)
clean_stop("hostile requests", main)
slow_clients()
connection_cap()
print(f"serve_http: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
