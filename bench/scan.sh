#!/bin/sh
# make bench: how long `verdict scan` takes on a large history, without --build.
# The repository is synthetic (tests/helpers/history.py `bench`): 100,000 commits over five years
# by 200 people, each changing 1-3 of 5,000 Go files in 350 directories; it is made once with
# `git fast-import` and kept in build/bench-scan (about 75 MB). The scan runs pinned to one core,
# 5 times; the median wall time is reported with the CPU time, against the 3 s target.
bin=${1:-build/verdict}
repo=build/bench-scan/repo
spec="bench 100000 5000 200 1825"
stamp=build/bench-scan/spec
if [ ! -d "$repo" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$spec" ]; then
	rm -rf "$repo"
	mkdir -p build/bench-scan
	echo "bench scan: making the synthetic repository ($spec), about 30 s"
	git init -q -b main "$repo" &&
		echo "$spec" | python3 tests/helpers/history.py | git -C "$repo" fast-import --quiet &&
		echo "$spec" >"$stamp" || { echo "bench scan: could not make the repository"; exit 1; }
fi
pin=""
command -v taskset >/dev/null 2>&1 && pin="taskset -c 1"
python3 - "$bin" "$repo" "$pin" <<'PY'
import resource, statistics, subprocess, sys, time
binary, repo, pin = sys.argv[1], sys.argv[2], sys.argv[3].split()
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
walls, cpus = [], []
for _ in range(5):
    c0, t0 = cpu(), time.monotonic()
    subprocess.run(pin + [binary, "scan", repo, "--format", "json"], stdout=subprocess.DEVNULL,
                   check=True)
    walls.append(time.monotonic() - t0)
    cpus.append(cpu() - c0)
wall = statistics.median(walls)
print(f"verdict scan, 100,000 commits, 5,000 files: {wall:.2f} s wall (median of 5, one core; "
      f"runs {', '.join(f'{w:.2f}' for w in walls)}), {statistics.median(cpus):.2f} s CPU; "
      f"target under 3 s: {'met' if wall < 3 else 'MISSED'}")
PY
