#!/bin/sh
# make bench: how much CPU `verdict decide` costs on a full profile.
#  1. whole process, as a user runs it: user+sys CPU per run, median of 5 rounds x 20 runs
#  2. in-process breakdown by stage (bench/bench_decide.c), median of 300 runs
# Pinned to one core with taskset where available; CPU time, not wall time, so a noisy
# neighbour affects it little.
bin=${1:-build/verdict}
profile=${2:-examples/hybrid-platform.yaml}
pin=""
command -v taskset >/dev/null 2>&1 && pin="taskset -c 1"
python3 - "$bin" "$profile" "$pin" <<'PY'
import os, resource, statistics, subprocess, sys
binary, profile, pin = sys.argv[1], sys.argv[2], sys.argv[3].split()
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
rounds = []
for _ in range(5):
    samples = []
    for _ in range(20):
        before = cpu()
        subprocess.run(pin + [binary, "decide", profile, "--format", "json"],
                       stdout=subprocess.DEVNULL, check=True)
        samples.append((cpu() - before) * 1000)
    rounds.append(statistics.median(samples))
print(f"verdict decide {profile}: {statistics.median(rounds):.2f} ms CPU per run "
      f"(median of 5 rounds x 20; round medians {', '.join(f'{r:.2f}' for r in rounds)})")
PY
$pin build/bench_decide "$profile" 300
