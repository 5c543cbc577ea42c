#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: wall time of the ctx_access category (median of RUNS whole
# runs of run_tests.sh), of one case (median duration_ms of every
# ctx_access case, as the test program measures it, and one case through
# run_tests.sh), of the helper availability sweep, and of one datapath case
# against the same case done the shell way (ip netns, veth, ip route ...
# encap bpf in, ping -c1), measured in turns in the same run; and, on
# Debian's 6.1 kernel through vmtest, one bisect step's boot and run of
# -t ctx_access, and the whole suite on Debian's 6.1 and 6.12. Prints
# numbers; it asserts nothing, since this machine is shared and noisy.
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

# One datapath case as the suite runs it (duration_ms in the test program:
# namespaces, veth, route with encap bpf in, one packet, teardown)
# against the shell way, interleaved so both see the same machine.
shell_way() {
	local a=lwtbench_a_$$ b=lwtbench_b_$$
	ip netns add $a && ip netns add $b &&
	ip link add va netns $a type veth peer name vb netns $b &&
	ip -n $a link set lo up && ip -n $b link set lo up &&
	ip -n $a addr add 192.0.2.1/24 dev va && ip -n $a link set va up &&
	ip -n $b addr add 192.0.2.2/24 dev vb && ip -n $b link set vb up &&
	ip -n $a route add 203.0.113.2/32 via 192.0.2.2 &&
	ip -n $b route add local 203.0.113.2/32 dev vb table local \
		encap bpf in obj build/progs/dp_ip.bpf.o section ok &&
	ip netns exec $a ping -q -c1 -W2 203.0.113.2 >/dev/null
	local rc=$?
	ip netns del $a 2>/dev/null; ip netns del $b 2>/dev/null
	return $rc
}
for i in $(seq "$RUNS"); do
	./run_tests.sh -t datapath/where/local_route_ipv4 -j 1 --json "$T/dp$i.json" >/dev/null
	s=$(date +%s%N)
	shell_way || echo "bench: the shell way failed" >&2
	e=$(date +%s%N)
	echo $(( (e - s) / 1000 )) >>"$T/shell"
done
python3 -c "
import json
for i in range(1, $RUNS + 1):
    for x in json.load(open('$T/dp%d.json' % i))['results']:
        print(x['duration_ms'])" >"$T/dpcase"
dp=$(median <"$T/dpcase")
sh=$(median <"$T/shell" | awk '{print $1 / 1000}')
printf 'one datapath case (datapath/where/local_route_ipv4, in the test program): median %.1f ms\n' "$dp"
printf 'the same the shell way (ip netns add, veth, ip route ... encap bpf in, ping -c1, ip netns del): median %.1f ms\n' "$sh"
printf 'datapath case cheaper than the shell way: %.1fx (target: at least 4x)\n' \
	"$(awk -v a="$sh" -v b="$dp" 'BEGIN {print a / b}')"

# A bisect step's cost on Debian's 6.1 kernel (boot + ctx_access), and
# the whole suite on Debian's 6.1 and 6.12 kernels; once each (a VM boot
# is the unit), with the accelerator vmtest chose.
accel_of() { sed -n 's/^# vmtest: accelerator \([a-z]*\).*/\1/p' "$1"; }
if read -r vk vm < <(./tools/debian-kernel.sh 2>/dev/null); then
	s=$(date +%s%N)
	./tools/vmtest.sh -k "$vk" -m "$vm" -o "$T/vb1" -t ctx_access >"$T/vb1.out" 2>&1
	e=$(date +%s%N)
	printf 'vmtest on %s, boot + -t ctx_access (one bisect step without the build): %.1f s (%s)\n' \
		"$(basename "$vk")" "$(( (e - s) / 1000000 ))e-3" "$(accel_of "$T/vb1.out")"
fi
for meta in linux-image-cloud-amd64 linux-image-6.12-cloud-amd64; do
	read -r vk vm < <(./tools/debian-kernel.sh "$meta" 2>/dev/null) || continue
	s=$(date +%s%N)
	./tools/vmtest.sh -k "$vk" -m "$vm" -o "$T/vb2" >"$T/vb2.out" 2>&1
	e=$(date +%s%N)
	printf 'vmtest on %s, the whole suite: %.1f s (%s; %s)\n' "$(basename "$vk")" \
		"$(( (e - s) / 1000000 ))e-3" "$(accel_of "$T/vb2.out")" "$(tail -n1 "$T/vb2.out")"
done
