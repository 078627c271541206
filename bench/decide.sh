#!/bin/sh
# make bench: how much CPU `verdict decide` costs on a full profile.
#  1. whole process, as a user runs it, with 10,000 and 100,000 Monte Carlo samples: user+sys
#     CPU per run, median of 5 rounds
#  2. in-process breakdown by stage (bench/bench_decide.c), median of 100 runs
# Pinned to one core with taskset where available; CPU time, not wall time, so a noisy
# neighbour affects it little.
bin=${1:-build/verdict}
pin=""
command -v taskset >/dev/null 2>&1 && pin="taskset -c 1"
for profile in examples/full-profile.yaml examples/hybrid-platform.yaml; do
python3 - "$bin" "$profile" "$pin" <<'PY'
import os, resource, statistics, subprocess, sys
binary, profile, pin = sys.argv[1], sys.argv[2], sys.argv[3].split()
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
for n in (10000, 100000):
    rounds = []
    for _ in range(5):
        samples = []
        for _ in range(20 if n == 10000 else 6):
            before = cpu()
            subprocess.run(pin + [binary, "decide", profile, "--format", "json",
                                  "--samples", str(n)],
                           stdout=subprocess.DEVNULL, check=True)
            samples.append((cpu() - before) * 1000)
        rounds.append(statistics.median(samples))
    print(f"verdict decide {profile} --samples {n}: {statistics.median(rounds):.1f} ms CPU "
          f"per run (median of 5 rounds; round medians {', '.join(f'{r:.1f}' for r in rounds)})")
PY
done
$pin build/bench_decide examples/full-profile.yaml 100
