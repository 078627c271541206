#!/bin/sh
# Regenerates the golden outputs in tests/golden from their .cmd files (a verdict command line)
# and .sh files (a script given the binary, for a history of several commands). Run after an intended
# change to the KB or the output format, then read the diff before committing it.
bin=${1:-build/verdict}
export SOURCE_DATE_EPOCH=1795392000 # 2026-11-23: ADR dates stay fixed
for g in tests/golden/*.cmd; do
	sh -c "NO_COLOR=1 $bin $(cat "$g")" >"${g%.cmd}.out" 2>&1
done
# a history of several commands: tests/golden/NAME.sh VERDICT prints it
for g in tests/golden/*.sh; do
	NO_COLOR=1 sh "$g" "$bin" >"${g%.sh}.out" 2>&1
done
git --no-pager diff --stat -- tests/golden 2>/dev/null
