#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The suite's own tests (make check): runs the whole suite once, then
# checks the runner itself: selection, exit codes, KTAP and JSON shape,
# version gating, and that wrong expectations make cases fail.
# Last line: the suite's and these tests' counts added up.

set -u
export LC_ALL=C
cd "$(dirname "$0")/.."
RUN=./run_tests.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/lwt_check.XXXXXX")
trap 'rm -rf "$T"' EXIT

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok $((pass + fail)) selftest/$1"; }
bad() { fail=$((fail + 1)); echo "not ok $((pass + fail)) selftest/$1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "failed: $*"; fi; }
closing() { tail -n1 "$1" | grep -Ex '[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped'; }
count() { grep -c "$2" "$1" || true; }

# The initial namespace before anything runs, to compare at the end.
host_state() {
	{ ip -o link show; ip -o addr show; ip route show table all; ip -6 route show table all
	  ip rule show; ip netns list; ls -A /sys/fs/bpf 2>/dev/null
	  # the sysctls the suite sets, in its own namespaces only
	  for f in net/ipv4/ip_forward net/ipv6/conf/all/forwarding \
		   net/ipv6/conf/default/accept_dad net/ipv6/conf/all/accept_dad; do
		echo "$f=$(cat /proc/sys/$f 2>/dev/null)"
	  done; } 2>&1 |
		sed 's/ \(altname\|link-netnsid\) .*//'
}
host_state >"$T/host.before"

# The known deviations of this kernel (tests/host_deviations, as
# run_tests.sh finds them): XFAIL in the suite's runs; the cases the
# fault-injection checks below leave out.
$RUN --deviations >"$T/deviations"
cut -f1 "$T/deviations" >"$T/allowed"
# A faulted run (--json FILE) in which no case passes: each one that does
# is named; known deviations of this kernel aside. MIN: at least that many
# results (SUFFIX: only names ending so), or the run checked nothing.
none_pass() {
	python3 - "$1" "$2" "${3:-}" "$T/allowed" <<'EOF2'
import json, sys
path, least, suffix, allowed = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
allowed = set(open(allowed).read().split())
r = [x for x in json.load(open(path))["results"] if x["name"].endswith(suffix)]
passing = [x["name"] for x in r if x["status"] == "pass" and x["name"] not in allowed]
for n in passing[:20]:
    print("# passes faulted: " + n)
sys.exit(1 if passing or len(r) < least else 0)
EOF2
}

# --- 1. the whole suite on this kernel ---------------------------------
# With --self-check every passing case runs twice more, turned around:
# one that still passes checks nothing and fails.
echo "# running the suite: $RUN --self-check --json $T/full.json"
$RUN --self-check --json "$T/full.json" | tee "$T/full.out"
full_rc=${PIPESTATUS[0]}
check self_check_ran grep -q '^# self-check: [1-9][0-9]* passing cases run again turned around; 0 passed anyway' "$T/full.out"
read -r s_pass s_fail s_skip < <(closing "$T/full.out" | awk '{print $1, $3, $5}')
: "${s_pass:=0}" "${s_fail:=0}" "${s_skip:=0}"
echo "# suite exit code $full_rc; now the runner's own tests"
check suite_passes test "$full_rc" = 0
# The known deviations of this kernel: judged by upstream source alone
# (--no-deviations) exactly the listed cases that were XFAIL in the run
# fail, so the list hides nothing else and each XFAIL is a real failure.
# A listed case that passes here is said (a list may serve several
# builds of one kernel family) and checked like any other case.
if [ -s "$T/allowed" ]; then
	$RUN --no-deviations -t "$(paste -sd, "$T/allowed")" >"$T/dev.out" 2>&1
	sed -n 's/^ok [0-9]* \([^ ]*\) # XFAIL known deviation.*/\1/p' "$T/full.out" | sort >"$T/dev.xfail"
	sed -n 's/^not ok [0-9]* \([^ ]*\).*/\1/p' "$T/dev.out" | sort >"$T/dev.fail"
	comm -23 <(sort "$T/allowed") "$T/dev.fail" | sed 's/^/# listed, not deviating on this kernel: /'
	check deviations_are_the_xfails bash -c "[ -s $T/dev.xfail ] && cmp -s $T/dev.xfail $T/dev.fail"
fi

# --- 2. KTAP and JSON are well-formed ----------------------------------
ktap_ok() {
	awk '
	NR == 1 && $0 != "TAP version 13" { bad = "first line is not TAP version 13" }
	/^1\.\.[0-9]+$/ { plan = substr($0, 4) }
	/^(not )?ok [0-9]+ / {
		n++
		num = ($1 == "not") ? $3 : $2
		if (num != n) bad = "result " n " numbered " num
		name = ($1 == "not") ? $4 : $3
		if (name !~ /^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/) bad = "odd name " name
	}
	END {
		if (plan == "" || plan != n) bad = bad " plan " plan " but " n " results"
		if (bad != "") { print bad; exit 1 }
	}' "$1"
}
check ktap_well_formed ktap_ok "$T/full.out"
check closing_line_last eval closing "$T/full.out" ">/dev/null"

json_ok() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
want = int(sys.argv[2])
keys = {"name", "category", "status", "reason", "expected", "observed", "duration_ms"}
assert set(d) >= {"kernel", "kver", "summary", "results"}, "top-level keys"
r = d["results"]
assert len(r) == want, f"{len(r)} results, plan said {want}"
for x in r:
    assert keys <= set(x), f"keys missing in {x.get('name')}"
    assert x["status"] in ("pass", "fail", "skip", "xfail"), x["status"]
    assert x["category"] == x["name"].split("/")[0]
s = d["summary"]
for k, st in (("passed", ("pass",)), ("failed", ("fail",)),
              ("skipped", ("skip", "xfail")), ("xfailed", ("xfail",))):
    assert s[k] == sum(1 for x in r if x["status"] in st), k
EOF
}
plan=$(grep -m1 -E '^1\.\.[0-9]+$' "$T/full.out" | cut -c4-)
check json_well_formed json_ok "$T/full.json" "${plan:-0}"

# --- 3. selection -------------------------------------------------------
$RUN -l -t ctx_access >"$T/l1"
check list_ctx_access_250 test "$(wc -l <"$T/l1")" -ge 250
$RUN -l -t ctx_access/mark >"$T/l2"
check select_subject bash -c "[ -s $T/l2 ] && ! grep -qv '^ctx_access/mark/' $T/l2"
$RUN -l -t ctx_access.mark >"$T/l3"
check dot_separator cmp -s "$T/l2" "$T/l3"
$RUN -l -t ctx_access -b ctx_access/cb >"$T/l4"
check exclude_cb bash -c "[ -s $T/l4 ] && ! grep -q '^ctx_access/cb' $T/l4"
$RUN -l -t 'ctx_access/*/store_imm_u32' >"$T/l5"
check glob bash -c "[ -s $T/l5 ] && ! grep -qv '/store_imm_u32$' $T/l5"
$RUN -l -t ctx_access/mark,ctx_access/priority >"$T/l6"
check comma_list test "$(wc -l <"$T/l6")" -eq $(( $(wc -l <"$T/l2") * 2 ))

# --- 4. exit codes and messages ----------------------------------------
$RUN -t no_such_case >"$T/e1" 2>&1; rc=$?
check no_match_exit_2 test $rc = 2
check no_match_suggests grep -q "nearest names" "$T/e1"
$RUN --no-such-option >/dev/null 2>&1; check unknown_option_exit_2 test $? = 2
$RUN -j zero >/dev/null 2>&1; check bad_jobs_exit_2 test $? = 2
$RUN --kver banana >/dev/null 2>&1; check bad_kver_exit_2 test $? = 2
if command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups $RUN -t ctx_access/mark >"$T/e2" 2>&1; rc=$?
	check non_root_exit_4 test $rc = 4
	check non_root_says_why grep -q "not running as root" "$T/e2"
fi

# --- 5. a wrong expectation fails, and names the case ------------------
LWT_FAULT=ctx_access/mark/read_u32 $RUN -t ctx_access/mark >"$T/f1"; rc=$?
check fault_exit_1 test $rc = 1
check fault_names_case grep -Eq '^not ok [0-9]+ ctx_access/mark/read_u32 ' "$T/f1"
check fault_only_that_case test "$(count "$T/f1" '^not ok')" = 1

# Every case can fail: with its verdict inverted, none passes.
LWT_FAULT='*' $RUN -t ctx_access --json "$T/inv.json" >"$T/f2"; rc=$?
check every_case_fails_inverted none_pass "$T/inv.json" 1
# Every accepted case that checks a value fails when the value is off.
LWT_FAULT_VALUE='*' $RUN -t ctx_access --json "$T/val.json" >/dev/null
check every_value_check_fails python3 -c "
import json, sys
full = {x['name']: x for x in json.load(open('$T/full.json'))['results']}
val = {x['name']: x for x in json.load(open('$T/val.json'))['results']}
valued = [n for n, x in full.items() if n in val and x['status'] == 'pass'
          and x['observed'].startswith('accepted') and 'a pointer' not in x['observed']]
missed = [n for n in valued if val[n]['status'] != 'fail']
missed and print('\n'.join('# value fault not caught: ' + n for n in missed[:20]))
sys.exit(1 if missed or not valued else 0)"

# An entry of the helper table turned around fails, naming the helper.
LWT_FAULT=helpers/skb_load_bytes/availability $RUN -t helpers/skb_load_bytes/availability,helpers/map_lookup_elem/availability >"$T/f3"; rc=$?
check helper_fault_named bash -c "[ $rc = 1 ] && grep -q '^not ok [0-9]* helpers/skb_load_bytes/availability # bpf_skb_load_bytes#26 is allowed for LWT_IN, expected denied' $T/f3 && [ \$(grep -c '^not ok' $T/f3) = 1 ]"
LWT_FAULT='helpers/*/availability' $RUN -t helpers --json "$T/hinv.json" >/dev/null
check every_helper_entry_fails_inverted none_pass "$T/hinv.json" 200 /availability

# The same for the kfunc table, and for the unpaired-section cases.
LWT_FAULT=kfuncs/bpf_iter_num_new/availability $RUN -t kfuncs/bpf_iter_num_new/availability,kfuncs/bpf_dynptr_slice/availability >"$T/f4"; rc=$?
check kfunc_fault_named bash -c "[ $rc = 1 ] && grep -q '^not ok [0-9]* kfuncs/bpf_iter_num_new/availability # bpf_iter_num_new is callable from LWT_IN, expected rejected' $T/f4 && [ \$(grep -c '^not ok' $T/f4) = 1 ]"
LWT_FAULT='kfuncs/*' $RUN -t 'kfuncs/*/availability,kfuncs/*_without_*' --json "$T/kinv.json" >/dev/null
check every_kfunc_entry_fails_inverted none_pass "$T/kinv.json" 39

# Datapath and push_encap: with LWT_FAULT (the wrong program, the wrong
# expectation or a wrong header pushed) every case fails.
for c in datapath push_encap; do
	LWT_FAULT="$c/*" $RUN -t $c --json "$T/$c.inv.json" >/dev/null
	check every_${c}_case_fails_faulted python3 -c "
import json, sys
r = json.load(open('$T/$c.inv.json'))['results']
passing = [x['name'] for x in r if x['status'] != 'fail']
passing and print('\n'.join('# not failed: ' + n for n in passing[:20]))
sys.exit(1 if passing or len(r) < 20 else 0)"
done
# A wrong length field, a wrong outer destination: named field by field.
LWT_FAULT=push_encap/encap/gre_ok_ipv4 $RUN -t push_encap/encap/gre_ok_ipv4 >"$T/pe1"
check push_encap_wrong_length_named grep -q '^not ok 1 push_encap/encap/gre_ok_ipv4 # outer header: tot_len 0x74 != 0x75' "$T/pe1"
LWT_FAULT_VALUE=push_encap/encap/ipip_ok_ipv6 $RUN -t push_encap/encap/ipip_ok_ipv6 >"$T/pe2"
check push_encap_wrong_destination_named grep -q '^not ok 1 push_encap/encap/ipip_ok_ipv6 # outer header: addresses 2001:db8:1::1 > 2001:db8:2::1 != 2001:db8:1::1 > 2001:db8:2::' "$T/pe2"

# The self-check finds a case that checks nothing (one made to ignore
# every fault): listed, failed, exit 1.
LWT_VACUOUS=ctx_access/mark/read_u8 $RUN --self-check -t ctx_access/mark >"$T/sc"; rc=$?
check self_check_flags_vacuous bash -c "[ $rc = 1 ] && grep -q '^not ok 29 selfcheck/ctx_access/mark/read_u8 # passes with its expectation turned around' $T/sc && tail -n1 $T/sc | grep -qx '28 passed, 1 failed, 0 skipped'"

# A splat in the kernel log while a case runs fails that case, with the
# line (a made-up one, written to /dev/kmsg by the case's runner).
LWT_FAULT_SPLAT=ctx_access/mark/read_u16 $RUN -t ctx_access/mark -j 1 >"$T/splat"; rc=$?
check splat_fails_its_case bash -c "[ $rc = 1 ] && grep -q '^not ok [0-9]* ctx_access/mark/read_u16 # kernel log while the case ran: lwt_in: WARNING: CPU: 0' $T/splat && [ \$(grep -c '^not ok' $T/splat) = 1 ]"
# exc_debug_kernel's warning is the emulator's under TCG only (lwt_splat.h)
art='arch/x86/kernel/traps.c:1120 exc_debug_kernel+0xca/0x160'
LWT_ACCEL=tcg LWT_FAULT_SPLAT=ctx_access/mark/read_u16 LWT_FAULT_SPLAT_AT=$art $RUN -t ctx_access/mark -j 1 >"$T/art1"; rc1=$?
LWT_FAULT_SPLAT=ctx_access/mark/read_u16 LWT_FAULT_SPLAT_AT=$art $RUN -t ctx_access/mark -j 1 >"$T/art2"; rc2=$?
check tcg_artifact_not_counted_under_tcg_only bash -c "[ $rc1 = 0 ] && [ $rc2 = 1 ] && grep -q '^not ok [0-9]* ctx_access/mark/read_u16 # kernel log while the case ran: .*exc_debug_kernel' $T/art2"

# Malformed input at scale: objects with bytes changed or cut short
# through the loader, and argument vectors through the option parser.
# Fixed seeds, so that a run here is the run in CI (LWT_FUZZ_SEED=N for
# other inputs; make stress is where new seeds belong).
seed=${LWT_FUZZ_SEED:-1}
./build/tests/fuzz_loader build/progs 2000 "$seed" >"$T/fz1"; rc=$?
cat "$T/fz1" | tail -n 3
check fuzz_loader_no_crash test $rc = 0
python3 tests/fuzz_options.py $RUN 150 "$seed" >"$T/fz2"; rc=$?
tail -n 3 "$T/fz2"
check fuzz_options_clean test $rc = 0

# Two whole runs at once on one machine: both pass (namespaces have no
# names; the iproute2 attach cases take turns through their lock).
$RUN --json "$T/cc1.json" >"$T/cc1" 2>&1 & cc=$!
$RUN --json "$T/cc2.json" >"$T/cc2" 2>&1; rc2=$?
wait $cc; rc1=$?
check two_runs_at_once_pass bash -c "[ $rc1 = 0 ] && [ $rc2 = 0 ]"

# --- 6. version gating ---------------------------------------------------
$RUN -t ctx_access/gso_size --kver 5.4 >"$T/v1"; rc=$?
# every selected case skipped: KSFT_SKIP (4)
check older_kernel_skips bash -c "[ $rc = 4 ] && grep -q '# SKIP needs kernel 5.7' $T/v1 && ! grep -q '^ok [0-9]* [^#]*$' $T/v1"
kv=$(uname -r | awk -F. '{print $1 * 256 + $2}')
if [ "$kv" -ge $((6 * 256 + 4)) ]; then
	# BPF_ST into ctx is accepted since 6.4: judged as 6.1 it must fail
	$RUN -t ctx_access/mark/store_imm_u32 --kver 6.1 >"$T/v2"; rc=$?
	check kver_changes_expectation bash -c "[ $rc = 1 ] && grep -q 'BPF_ST stores into R1 ctx is not allowed' $T/v2"
fi

# --- 7. a missing BPF object fails its cases clearly ---------------------
cp -r build "$T/build"
rm "$T/build/progs/ctx_mark.bpf.o"
LWT_BUILD_DIR="$T/build" $RUN -t ctx_access/mark,ctx_access/len >"$T/m1" 2>&1; rc=$?
check missing_object_exit_1 test $rc = 1
check missing_object_named grep -q "cannot open BPF object .*ctx_mark.bpf.o" "$T/m1"
check missing_object_others_pass bash -c "! grep -q '^not ok [0-9]* ctx_access/len/' $T/m1"
# Corrupt objects: truncated, and of another ELF machine (e_machine, bytes
# 18-19, set to x86-64). Clear failures, no crash (a crash would be
# "no result: the test program stopped early").
head -c 300 build/progs/ctx_len.bpf.o >"$T/build/progs/ctx_mark.bpf.o"
cp build/progs/helper_csum_diff.bpf.o "$T/build/progs/helper_skb_load_bytes.bpf.o"
printf '\x3e\x00' | dd of="$T/build/progs/ctx_len.bpf.o" bs=1 seek=18 conv=notrunc 2>/dev/null
LWT_BUILD_DIR="$T/build" $RUN -t ctx_access/mark/read_u32,ctx_access/len/read_u32 >"$T/m2" 2>&1; rc=$?
check corrupt_objects_fail_clearly bash -c "[ $rc = 1 ] && [ \$(grep -c '^not ok [0-9]* ctx_access/\(mark\|len\)/read_u32 # cannot open BPF object' $T/m2) = 2 ] && ! grep -q 'stopped early' $T/m2"
cp build/progs/ctx_len.bpf.o build/progs/ctx_mark.bpf.o "$T/build/progs/"

# No iproute2 on PATH: the cases that attach with "ip" fail saying so; the
# rest of datapath still runs.
mkdir -p "$T/noip"
for t in $(grep -v '^#' tools/run-tools); do
	[ "$t" = ip ] || { p=$(command -v "$t") && ln -sf "$p" "$T/noip/$t"; }
done
PATH=$T/noip $RUN -t datapath/route/iproute2_attach_ipv4,datapath/where/forwarded_ipv4 >"$T/noip.out" 2>&1; rc=$?
check missing_ip_fails_clearly bash -c "[ $rc = 1 ] && grep -q '^not ok [0-9]* datapath/route/iproute2_attach_ipv4 # ip route add .*cannot run ip' $T/noip.out && grep -q '^ok [0-9]* datapath/where/forwarded_ipv4' $T/noip.out"

# A kernel without CONFIG_LWTUNNEL_BPF (a config file that says so): the
# categories that need it are skipped with that reason, exit 0.
grep -v '^CONFIG_LWTUNNEL_BPF=' <(zcat -f /proc/config.gz 2>/dev/null || echo CONFIG_BPF_SYSCALL=y) >"$T/kconfig_nolwt"
$RUN --kconfig "$T/kconfig_nolwt" -t datapath/where,push_encap/version >"$T/nolwt" 2>&1; rc=$?
check no_lwtunnel_bpf_skips bash -c "[ $rc = 4 ] && grep -q '# SKIP kernel lacks CONFIG_LWTUNNEL_BPF' $T/nolwt && ! grep -q '^not ok' $T/nolwt"

# --- 8. -v, -j, --timeout ---------------------------------------------------
$RUN -v -t ctx_access/mark/read_u8 >"$T/o1"
check verbose_pairs bash -c "grep -q '^# expected: ' $T/o1 && grep -q '^# observed: ' $T/o1"
$RUN -j 1 -t ctx_access --json "$T/j1.json" >/dev/null
$RUN -j 3 -t ctx_access --json "$T/j3.json" >/dev/null
check jobs_same_results python3 -c "
import json
a, b = (json.load(open(f))['results'] for f in ('$T/j1.json', '$T/j3.json'))
assert [(x['name'], x['status']) for x in a] == [(x['name'], x['status']) for x in b]"
$RUN --timeout 0 >/dev/null 2>&1; check bad_timeout_exit_2 test $? = 2
$RUN --timeout -1 >"$T/o2" 2>&1; rc=$?
check negative_timeout_named bash -c "[ $rc = 2 ] && grep -q \"wants whole seconds, not '-1'\" $T/o2"
# Output that cannot be written: one line, exit 2, before any case runs
for opt in --json --report --report-json; do
	$RUN $opt "$T/no_dir/out" >"$T/o3" 2>&1; rc=$?
	check "unwritable${opt//-/_}_exit_2_before_running" bash -c "[ $rc = 2 ] && grep -q '^run_tests.sh: cannot write $T/no_dir/out: No such file or directory' $T/o3 && ! grep -q '^TAP version' $T/o3"
done

# A hanging case is cut at --timeout, reported, and the run goes on.
LWT_FAULT_HANG=ctx_access/mark/read_u16 $RUN -j 1 --timeout 1 -t ctx_access/mark,ctx_access/len >"$T/h1"; rc=$?
check timeout_reported bash -c "[ $rc = 1 ] && grep -Eq '^not ok [0-9]+ ctx_access/mark/read_u16 # TIMEOUT' $T/h1"
check timeout_run_goes_on bash -c "grep -q '^56 passed\|^55 passed, 1 failed' $T/h1 && grep -q 'ok [0-9]* ctx_access/len/atomic_add_u64' $T/h1"

# --- 9. kernel config: a category whose options are missing is skipped ---
grep -v '^CONFIG_BPF_SYSCALL=' <(zcat -f /proc/config.gz 2>/dev/null || echo CONFIG_NET=y) >"$T/kconfig"
$RUN --kconfig "$T/kconfig" -t ctx_access/mark >"$T/k1"; rc=$?
check missing_config_skips bash -c "[ $rc = 4 ] && grep -q '# SKIP kernel lacks CONFIG_BPF_SYSCALL' $T/k1 && grep -q '^0 passed, 0 failed, 28 skipped' $T/k1"
$RUN --kconfig "$T/no_such_file" >/dev/null 2>&1; check missing_kconfig_exit_2 test $? = 2

# --- 10. netns fixtures, and the host as it was -----------------------------
check netns_fixtures eval "./build/tests/netns_selftest >$T/ns.out"
host_state >"$T/host.after"
check host_state_unchanged diff -u "$T/host.before" "$T/host.after"

# Datapath runs cut by SIGINT and SIGKILL in the middle leave nothing
# either: every namespace is held by descriptors of the processes killed.
# The cut comes while a case holds namespaces (LWT_FAULT_HANG keeps it
# there; seen as an fd on a net namespace), waited for with a bound.
holds_netns() {
	local p
	for p in $(pgrep -s "$1"); do
		ls -l "/proc/$p/fd" 2>/dev/null | grep -q 'net:\[' && return 0
	done
	return 1
}
for sig in INT KILL; do
	# in a session of its own, SIGINT not ignored (as "cmd &" would have it)
	LWT_FAULT_HANG='datapath/ret/drop_drops_ipv4' python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])' \
		$RUN -t datapath >"$T/cut.$sig" 2>&1 &
	pid=$!
	for _ in $(seq 500); do holds_netns $pid && break; sleep 0.01; done
	held=$(holds_netns $pid && echo yes || echo no)
	# SIGINT as a terminal sends it (the run's process group); SIGKILL to
	# everything in the run's session, as a CI job killer would
	if [ $sig = INT ]; then kill -s INT -- -$pid; else pkill -KILL -s $pid; fi
	wait $pid 2>/dev/null
	for _ in $(seq 500); do pgrep -s $pid >/dev/null || break; sleep 0.01; done
	check "datapath_cut_by_sig${sig,,}_ends_all" bash -c "! pgrep -s $pid"
	finished=$(closing "$T/cut.$sig" >/dev/null && echo yes || echo no)
	check "datapath_cut_by_sig${sig,,}_midway" test $held = yes -a $finished = no
done
$RUN -t datapath/where >"$T/after_cut"; rc=$?
check datapath_runs_after_cut test $rc = 0
# the killed run's work directory: found and removed by the next run
check killed_run_leftovers_removed bash -c "grep -q '^# removed .*lwt_in\.[0-9]*\..*left by run [0-9]* (killed)' $T/after_cut && ! ls -d ${TMPDIR:-/tmp}/lwt_in.$pid.* 2>/dev/null"
host_state >"$T/host.cut"
check host_state_unchanged_after_cut diff -u "$T/host.before" "$T/host.cut"

# --- 11. the suite on Debian 12's own kernels, through vmtest -----------
# 6.1 (linux-image-cloud-amd64) and 6.12 (linux-image-6.12-cloud-amd64),
# with their config and modules; the accelerator as vmtest chooses it.
# Each guest run is bounded (the whole suite takes about a minute under
# TCG here) and made once more when it gave no verdict (exit 3: the guest
# hung or did not boot, which is the emulator's doing, not the suite's;
# seen once in about twenty TCG boots: a vCPU stuck in a kworker, soft
# lockup, before the first case). The retry is said, never silent.
VM_TIMEOUT=400
guest_run() {
	local out=$1 rc
	shift
	./tools/vmtest.sh --timeout $VM_TIMEOUT "$@" >"$out" 2>&1; rc=$?
	if [ $rc = 3 ]; then
		echo "# vmtest gave no verdict ($(grep -m1 '^vmtest:' "$out")); once more"
		./tools/vmtest.sh --timeout $VM_TIMEOUT "$@" >"$out" 2>&1; rc=$?
	fi
	return $rc
}
g_pass=0 g_fail=0 g_skip=0
for meta in linux-image-cloud-amd64:6_1 linux-image-6.12-cloud-amd64:6_12; do
	v=${meta#*:}
	if ! read -r vk vm < <(./tools/debian-kernel.sh "${meta%:*}"); then
		bad "vmtest_debian_${v}_passes" "cannot fetch ${meta%:*}"
		continue
	fi
	echo "# the suite in a VM on $(basename "$vk")"
	guest_run "$T/vm$v.out" -k "$vk" -m "$vm" -o "$T/vm$v"; rc=$?
	grep '^# vmtest: accelerator\|^not ok\|^vmtest:' "$T/vm$v.out" | sed 's/^/# guest: /'
	check "vmtest_debian_${v}_passes" test $rc = 0
	read -r a b c < <(closing "$T/vm$v.out" | awk '{print $1, $3, $5}')
	g_pass=$((g_pass + ${a:-0})) g_fail=$((g_fail + ${b:-0})) g_skip=$((g_skip + ${c:-0}))
done
read -r vk vm < <(./tools/debian-kernel.sh) || vk=""

# A host whose /dev/kvm opens but cannot run a guest: a stand-in qemu
# that fails under KVM as such a host's does (and is the real qemu
# otherwise). auto falls back to TCG and says why; --accel kvm gives no
# verdict (3) and names qemu's error.
mkdir -p "$T/badkvm"
cat >"$T/badkvm/qemu-system-x86_64" <<EOF2
#!/bin/sh
case " \$* " in *" -accel kvm "*)
	echo "qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69" >&2
	kill -ABRT \$\$ ;;
esac
exec $(command -v qemu-system-x86_64) "\$@"
EOF2
chmod +x "$T/badkvm/qemu-system-x86_64"
if [ -n "$vk" ]; then
	PATH=$T/badkvm:$PATH guest_run "$T/vmbad.out" -k "$vk" -m "$vm" -o "$T/vmbad" \
		-t ctx_access/mark; rc=$?
	check vmtest_bad_kvm_falls_back_to_tcg bash -c "[ $rc = 0 ] && grep -q '^# vmtest: accelerator tcg (KVM probe failed: ' $T/vmbad.out && tail -n1 $T/vmbad.out | grep -qx '28 passed, 0 failed, 0 skipped'"
	if [ -r /dev/kvm ] && : 2>/dev/null </dev/kvm; then
		check vmtest_bad_kvm_probe_names_error grep -q 'KVM probe failed: error: failed to set MSR 0x10a' "$T/vmbad.out"
	fi
	PATH=$T/badkvm:$PATH LWT_VMTEST_ACCEL=kvm timeout 120 ./tools/vmtest.sh -k "$vk" \
		-o "$T/vmbad2" -t ctx_access/mark >"$T/vmbad2.out" 2>&1; rc=$?
	check vmtest_forced_kvm_says_why bash -c "[ $rc = 3 ] && grep -q '^# vmtest: accelerator kvm (forced)' $T/vmbad2.out && grep -q 'the kernel did not boot: qemu failed before the guest printed anything (.*MSR 0x10a.*); try --accel tcg' $T/vmbad2.out"
	./tools/vmtest.sh -k "$vk" --accel banana >/dev/null 2>&1
	check vmtest_bad_accel_exit_2 test $? = 2
fi
# An image that is no kernel: no verdict (3), said in one line, quickly.
head -c 2000000 /dev/urandom >"$T/broken.img"
timeout 120 ./tools/vmtest.sh -k "$T/broken.img" -o "$T/vmb" --timeout 60 -t ctx_access/mark >"$T/vmb.out" 2>&1; rc=$?
check vmtest_broken_image_exit_3 test $rc = 3
check vmtest_broken_image_says_why grep -q '^vmtest: the kernel did not boot' "$T/vmb.out"

# --- 12. bisect-run.sh's answers to git bisect ---------------------------
# A stand-in for vmtest: prints the closing line it is given, exits rc.
cat >"$T/fake_vmtest" <<'EOF2'
#!/bin/sh
echo "$FAKE_LAST"
exit "$FAKE_RC"
EOF2
chmod +x "$T/fake_vmtest"
bisect() { LWT_VMTEST=$T/fake_vmtest FAKE_LAST=$1 FAKE_RC=$2 ./tools/bisect-run.sh \
	--build true --kernel "$T/broken.img" >/dev/null 2>&1; echo $?; }
check bisect_pass_is_0 test "$(bisect '5 passed, 0 failed, 0 skipped' 0)" = 0
check bisect_failure_is_1 test "$(bisect '4 passed, 1 failed, 0 skipped' 1)" = 1
check bisect_all_skipped_is_125 test "$(bisect '0 passed, 0 failed, 28 skipped' 0)" = 125
check bisect_no_boot_is_125 test "$(bisect '' 3)" = 125
check bisect_usage_is_125 test "$(bisect '' 2)" = 125
rc=$(LWT_VMTEST=$T/fake_vmtest ./tools/bisect-run.sh --build false --kernel "$T/broken.img" >/dev/null 2>&1; echo $?)
check bisect_build_failure_is_125 test "$rc" = 125
rc=$(./tools/bisect-run.sh --build true --kernel "$T/broken.img" --timeout 60 -t ctx_access/mark >"$T/bis.out" 2>&1; echo $?)
check bisect_real_unbootable_is_125 test "$rc" = 125

# No -t, no config beside the image (as a bisect step's bzImage): a
# verdict, not 125. Without modules the veth-bound categories skip,
# saying so.
if [ -n "$vk" ]; then
	mkdir -p "$T/bare"
	cp "$vk" "$T/bare/bzImage"
	for try in 1 2; do	# 125 with no verdict: once more, as guest_run() does
		./tools/bisect-run.sh --build true --kernel "$T/bare/bzImage" \
			--timeout $VM_TIMEOUT >"$T/bis2.out" 2>&1; rc=$?
		[ $rc = 125 ] && grep -q 'no verdict from vmtest (exit 3)' "$T/bis2.out" || break
		echo "# bisect-run: no verdict from vmtest; once more"
	done
	check bisect_no_selection_gives_verdict bash -c "[ $rc = 0 ] || [ $rc = 1 ]"
	check bisect_no_selection_runs_all bash -c "grep -q '^1\.\.[0-9]\{4\}' $T/bis2.out && grep -q 'SKIP cannot create a veth pair' $T/bis2.out"
	echo "# bisect-run with no -t on a bare 6.1 image: exit $rc; $(tail -n1 "$T/bis2.out")"
fi

# --- 13. the conformance report ----------------------------------------
python3 tools/report.py "$T/full.json" --md "$T/rep.md" --json "$T/rep.json"
check report_sections bash -c "grep -q '^## Context' $T/rep.md && grep -q '^## Helper functions' $T/rep.md && grep -q '^## KFuncs' $T/rep.md && grep -q '^## Runtime behaviour' $T/rep.md && grep -q '^## Divergences from the documentation' $T/rep.md"
check report_divergences_backed python3 -c "
import json, sys
run = {r['name']: r for r in json.load(open('$T/full.json'))['results']}
rep = json.load(open('$T/rep.json'))
bad = [d['case'] for d in rep['divergences']
       if run.get(d['case'], {}).get('status') != 'pass' or not d['source']]
bad and print('\n'.join('# not backed: ' + c for c in bad))
sys.exit(1 if bad or not rep['divergences'] else 0)"
check report_compare_same bash -c "./run_tests.sh --compare $T/rep.json $T/rep.json | grep -qx 'no difference'"
check report_compare_6_1 bash -c "[ \$(./run_tests.sh --compare docs/report-debian-6.1.json $T/rep.json | wc -l) -gt 2 ]"
if [ "$kv" -ge $((6 * 256 + 10)) ]; then
	# get_current_pid_tgid: allowed since 6.10, not on the page
	$RUN --strict-spec -t helpers/get_current_pid_tgid/availability >"$T/strict"; rc=$?
	check strict_spec_fails_divergence bash -c "[ $rc = 1 ] && grep -q '^not ok 1 helpers/get_current_pid_tgid/availability # spec divergence' $T/strict"
fi

# --- 14. kernel trees: config, and the suite as a kselftest target ------
# The suite's config merged into a defconfig of each Debian tree must
# give every option it needs (tests/kconfig-check.sh).
for v in 6.1 6.12; do
	if kt=$(tests/ktree.sh $v); then
		check "kconfig_${v/./_}_all_set" eval "tests/kconfig-check.sh $kt | sed 's/^/# /'; test \${PIPESTATUS[0]} = 0"
	else
		bad "kconfig_${v/./_}_all_set" "no linux-source-$v"
	fi
done

# As tools/testing/selftests/lwt_in of linux-source-6.12: built and run
# through the tree's Makefile (lib.mk), installed and run through
# run_kselftest.sh; the tree's make clean leaves the sources as they were.
if kt=$(tests/ktree.sh 6.12); then
	sd=$kt/tools/testing/selftests
	rm -rf "$sd/lwt_in" && mkdir -p "$sd/lwt_in"
	if [ -d .git ]; then git ls-files; else find . -path ./build -prune -o -type f -print; fi |
		sed 's|^\./||' | sort >"$T/sources"
	tar -cf - -T "$T/sources" | tar -xf - -C "$sd/lwt_in"
	make -s -j"$(nproc)" -C "$sd" TARGETS=lwt_in >"$T/kt.build" 2>&1
	check kselftest_tree_builds test $? = 0
	make -s -C "$sd" TARGETS=lwt_in run_tests >"$T/kt.run" 2>&1
	check kselftest_tree_run_tests grep -q '^ok 1 selftests: lwt_in: run_tests.sh' "$T/kt.run"
	make -s -C "$sd" TARGETS=lwt_in install INSTALL_PATH="$T/kinst" >"$T/kt.inst" 2>&1
	check kselftest_list_names_suite grep -qx 'lwt_in:run_tests.sh' "$T/kinst/kselftest-list.txt"
	(cd "$T/kinst" && ./run_kselftest.sh -t lwt_in:run_tests.sh) >"$T/kt.ksft" 2>&1
	check kselftest_run_kselftest grep -q '^ok 1 selftests: lwt_in: run_tests.sh' "$T/kt.ksft"
	make -s -C "$sd" TARGETS=lwt_in clean >/dev/null 2>&1
	(cd "$sd/lwt_in" && find . -type f | sed 's|^\./||' | sort) >"$T/after_clean"
	check kselftest_clean_keeps_sources diff -u "$T/sources" "$T/after_clean"
	rm -rf "$sd/lwt_in"
else
	bad kselftest_tree_builds "no linux-source-6.12"
fi

echo "1..$((pass + fail))"
echo "# selftests: $pass passed, $fail failed; suite: $s_pass passed, $s_fail failed, $s_skip skipped; in the 6.1 and 6.12 VMs: $g_pass passed, $g_fail failed, $g_skip skipped"
echo "$((s_pass + g_pass + pass)) passed, $((s_fail + g_fail + fail)) failed, $((s_skip + g_skip)) skipped"
[ "$fail" = 0 ] && [ "$s_fail" = 0 ] && [ "$g_fail" = 0 ]
