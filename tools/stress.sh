#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make stress N=50: the whole suite N times in a row; per case, how many
# runs it failed in. Exit 1 when any case failed at least once.
#   tools/stress.sh N [run_tests.sh args]
set -u
cd "$(dirname "$0")/.."
N=${1:-50}
shift || true
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "stress: N wants a positive number" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/lwt_stress.XXXXXX")
trap 'rm -rf "$T"' EXIT
for i in $(seq "$N"); do
	./run_tests.sh "$@" >"$T/run" 2>&1
	grep '^not ok' "$T/run" | awk '{print $4}' >>"$T/failed"
	printf '# run %d/%d: %s\n' "$i" "$N" "$(tail -n1 "$T/run")"
done
touch "$T/failed"
echo "# cases that failed, with the number of runs they failed in:"
sort "$T/failed" | uniq -c | sort -rn | sed 's/^/#   /'
bad=$(sort -u "$T/failed" | wc -l)
echo "stress: $N runs, $bad case(s) failed at least once"
[ "$bad" = 0 ]
