#!/bin/sh
# make bench: the full `verdict lab` run (about 15 minutes on 2 cores): every workload with 5
# repeats, Go against Rust side by side in one run, servers and kernels pinned to one core and
# the load generator to the other. Prints the table of Go/Rust ratios beside the published figure
# each one tests, and keeps the results in build/lab-full.json (with the history in
# build/lab-history.sqlite, so successive benches can be compared with `verdict lab --history`).
bin=${1:-build/verdict}
PATH="$PATH:/usr/local/go/bin:$HOME/.cargo/bin"
sh tools/lab-toolchains.sh
"$bin" lab -o build/lab-full.json --history-db build/lab-history.sqlite
