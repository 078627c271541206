#!/usr/bin/env python3
"""Writes a `git fast-import` stream for a scripted history, for the `verdict scan` tests.

Reads a script on stdin, one command a line (a line starting with # is a comment):

  head EPOCH                      the time every commit's OFFSET counts from (HEAD's date)
  person KEY Name <email>         an identity commits can name
  commit OFFSET KEY PATHS [co=K1,K2] [tz=+0200]
                                  a commit on the current branch, authored and committed at
                                  head + OFFSET days (OFFSET may be fractional); PATHS is a
                                  comma-separated list: PATH (new content), PATH@FILE (the
                                  bytes of FILE, relative to the script's directory argument),
                                  -PATH (deleted), PATH->TARGET (a symbolic link); co= adds
                                  Co-authored-by trailers
  branch NAME                     commits go to NAME (created at the current main tip)
  checkout main                   back to main
  merge OFFSET KEY NAME           a merge commit on main with NAME's tip as second parent
  bench COMMITS FILES PEOPLE DAYS a synthetic history (for make bench): COMMITS commits over
                                  DAYS days by PEOPLE people, each changing 1-3 of FILES files

Usage: history.py [FIXTURE_DIR] < script | git fast-import --quiet
"""
import os
import random
import sys

DAY = 86400


def out(s):
    sys.stdout.buffer.write(s if isinstance(s, bytes) else s.encode())


def data(b):
    if isinstance(b, str):
        b = b.encode()
    out(b"data %d\n" % len(b))
    out(b)
    out(b"\n")


class History:
    def __init__(self, fixtures):
        self.fixtures = fixtures
        self.head = 1795176000  # 2026-11-20T12:00:00Z
        self.people = {}
        self.mark = 0
        self.tips = {}  # branch -> mark
        self.branch = "main"
        self.n = 0

    def next_mark(self):
        self.mark += 1
        return self.mark

    def commit(self, offset, who, paths, co=(), tz="+0000", merge=None, branch=None):
        branch = branch or self.branch
        when = int(self.head + float(offset) * DAY)
        ident = self.people[who]
        self.n += 1
        mark = self.next_mark()
        out("commit refs/heads/%s\nmark :%d\n" % (branch, mark))
        out("author %s %d %s\ncommitter %s %d %s\n" % (ident, when, tz, ident, when, tz))
        msg = "change %d\n" % self.n
        if co:
            msg += "\n" + "".join("Co-authored-by: %s\n" % self.people[c] for c in co)
        data(msg)
        if branch in self.tips:
            out("from :%d\n" % self.tips[branch])
        elif branch != "main" and "main" in self.tips:
            out("from :%d\n" % self.tips["main"])
        if merge:
            out("merge :%d\n" % self.tips[merge])
        for p in paths:
            if not p:
                continue
            if p.startswith("-"):
                out("D %s\n" % p[1:])
            elif "->" in p:
                path, target = p.split("->", 1)
                out("M 120000 inline %s\n" % path)
                data(target)
            elif "@" in p:
                path, src = p.split("@", 1)
                out("M 100644 inline %s\n" % path)
                with open(os.path.join(self.fixtures, src), "rb") as f:
                    data(f.read())
            else:
                out("M 100644 inline %s\n" % p)
                data("// %s, change %d\n" % (p, self.n))
        out("\n")
        self.tips[branch] = mark

    def bench(self, commits, files, people, days):
        rng = random.Random(12)
        for i in range(people):
            self.people["p%d" % i] = "Person %d <p%d@example.com>" % (i, i)
        dirs = ["pkg%02d/sub%02d" % (i % 50, i % 7) for i in range(files)]
        names = ["%s/file%04d.go" % (dirs[i], i) for i in range(files)]
        # the first commit adds every file, later ones change a few
        self.commit(-days, "p0", names)
        for i in range(1, commits):
            offset = -days + days * i / commits
            who = "p%d" % rng.randrange(people)
            k = rng.randint(1, 3)
            self.commit("%.6f" % offset, who, [names[rng.randrange(files)] for _ in range(k)])


def main():
    fixtures = sys.argv[1] if len(sys.argv) > 1 else "."
    h = History(fixtures)
    for raw in sys.stdin:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        cmd = words[0]
        if cmd == "head":
            h.head = int(words[1])
        elif cmd == "person":
            h.people[words[1]] = line.split(None, 2)[2]
        elif cmd == "commit":
            co, tz = (), "+0000"
            for w in words[4:]:
                if w.startswith("co="):
                    co = tuple(w[3:].split(","))
                elif w.startswith("tz="):
                    tz = w[3:]
            h.commit(words[1], words[2], words[3].split(",") if len(words) > 3 else [], co, tz)
        elif cmd == "branch":
            h.branch = words[1]
        elif cmd == "checkout":
            h.branch = words[1]
        elif cmd == "merge":
            h.commit(words[1], words[2], [], merge=words[3], branch="main")
        elif cmd == "bench":
            h.bench(*(int(w) for w in words[1:5]))
        else:
            sys.exit("history.py: unknown command: %s" % line)
    out("done\n")


main()
