#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: wall time of the ctx_access category (median of RUNS whole
# runs of run_tests.sh), of one case (median duration_ms of every
# ctx_access case, as the test program measures it, and one case through
# run_tests.sh), and of the helper availability sweep. Prints numbers; it
# asserts nothing, since this machine is shared and noisy.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

for i in $(seq "$RUNS"); do
	s=$(date +%s%N)
	./run_tests.sh -t ctx_access --json "$T/r$i.json" >/dev/null
	e=$(date +%s%N)
	echo $(( (e - s) / 1000 ))
done >"$T/wall"
for i in $(seq "$RUNS"); do
	s=$(date +%s%N)
	./run_tests.sh -t ctx_access/mark/read_u32 -j 1 >/dev/null
	e=$(date +%s%N)
	echo $(( (e - s) / 1000 ))
done >"$T/one"
for i in $(seq "$RUNS"); do
	s=$(date +%s%N)
	./run_tests.sh -t helpers/sweep -j 1 >/dev/null
	e=$(date +%s%N)
	echo $(( (e - s) / 1000 ))
done >"$T/sweep"
cases=$(python3 -c "import json; print(len(json.load(open('$T/r1.json'))['results']))")
python3 -c "
import json, glob
for f in glob.glob('$T/r*.json'):
    for x in json.load(open(f))['results']:
        print(x['duration_ms'])" >"$T/case"
printf 'ctx_access category (%s cases, -j %s): median wall %.1f ms over %s runs\n' \
	"$cases" "$(nproc)" "$(median <"$T/wall" | awk '{print $1 / 1000}')" "$RUNS"
printf 'one ctx_access case: median %.3f ms inside the test program (load, verdict, test run)\n' "$(median <"$T/case")"
printf 'one ctx_access case through run_tests.sh (-t ctx_access/mark/read_u32): median wall %.1f ms\n' \
	"$(median <"$T/one" | awk '{print $1 / 1000}')"
printf 'helper availability sweep (helpers/sweep: ids 1..N as root and without CAP_PERFMON): median wall %.1f ms\n' \
	"$(median <"$T/sweep" | awk '{print $1 / 1000}')"
