#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a kernel image in qemu and run the suite in it.
#
#   tools/vmtest.sh -k KERNEL [-m MODULES_DIR] [-c CONFIG] [-t PATTERN]...
#                   [-o OUT_DIR] [--timeout S] [--accel auto|kvm|tcg]
#                   [--append KERNEL_ARGS] [-- run_tests.sh args]
#
# --append adds to the guest's command line, e.g. "lockdown=integrity"
# or "sysctl.net.core.bpf_jit_enable=0" (the interpreter).
#
# The guest is an initramfs: busybox for init, bash and the few host tools
# run_tests.sh uses, iproute2's ip, the libraries ldd names, and the suite
# as "make install" lays it out (built here, nothing is compiled inside).
# The accelerator (--accel, or LWT_VMTEST_ACCEL): auto (the default) runs
# KVM only when a probe guest really ran under it (SeaBIOS printed on its
# debug port), TCG otherwise; a /dev/kvm that opens is not enough (nested
# and cloud hosts often have one that cannot run a guest). The choice and
# its reason are printed. The suite's output is
# streamed here; the guest's console, kernel log and the run's JSON
# (results.json, for tools/report.py) are kept in OUT_DIR.
#
# Exit codes: the suite's (0 passed, 1 a case failed, 2 usage, 4 nothing
# could run); 1 as well when the guest's kernel log has a splat (BUG,
# WARNING, Oops, KASAN, lockup, RCU stall); 3 when there is no verdict:
# the kernel did not boot, panicked, or hung past the timeout.
set -u
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUTPUT=${OUTPUT:-$HERE/build}
KERNEL= MODULES= CONFIG= OUT= TIMEOUT=1800 ACCEL=${LWT_VMTEST_ACCEL:-auto} APPEND=
PATTERNS=()
# Modules the suite needs where a kernel has them as modules.
GUEST_MODULES="veth"

usage() {
	sed -n '3,27p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
}
die() { echo "vmtest: $*" >&2; exit "${2:-2}"; }

while [ $# -gt 0 ]; do
	case $1 in
	-k) KERNEL=${2:-}; shift ;;
	-m) MODULES=${2:-}; shift ;;
	-c) CONFIG=${2:-}; shift ;;
	-o) OUT=${2:-}; shift ;;
	-t) PATTERNS+=(-t "${2:-}"); shift ;;
	--timeout) TIMEOUT=${2:-}; shift ;;
	--accel) ACCEL=${2:-}; shift ;;
	--append) APPEND=${2:-}; shift ;;
	--accel=*) ACCEL=${1#*=} ;;
	-h|--help) usage ;;
	--) shift; break ;;
	*) echo "vmtest: unknown option $1" >&2; usage ;;
	esac
	shift
done
[ -n "$KERNEL" ] || die "no kernel image: -k KERNEL"
[ -r "$KERNEL" ] || die "cannot read kernel image $KERNEL"
[ -z "$MODULES" ] || [ -d "$MODULES" ] || die "no modules directory $MODULES"
[[ "$TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "--timeout wants whole seconds"
case $ACCEL in auto|kvm|tcg) ;; *) die "--accel wants auto, kvm or tcg, not '$ACCEL'" ;; esac
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (tools/deps.sh)" 4
[ -x /bin/busybox ] || die "/bin/busybox missing (busybox-static; tools/deps.sh)" 4
[ -x "$OUTPUT/prog_tests/ctx_access" ] || die "the suite is not built in $OUTPUT: run make"

# The kernel's config: -c, else config-<version> beside vmlinuz-<version>.
name=$(basename "$KERNEL")
if [ -z "$CONFIG" ] && [ "${name#vmlinuz-}" != "$name" ] &&
   [ -r "$(dirname "$KERNEL")/config-${name#vmlinuz-}" ]; then
	CONFIG=$(dirname "$KERNEL")/config-${name#vmlinuz-}
fi
OUT=${OUT:-$OUTPUT/vmtest/$name}
mkdir -p "$OUT" || die "cannot create $OUT"
T=$(mktemp -d "${TMPDIR:-/tmp}/lwt_vmtest.XXXXXX")
trap 'rm -rf "$T"' EXIT
R=$T/root

# --- the accelerator ---------------------------------------------------
# A guest that runs under KVM prints SeaBIOS's banner on the debug port
# at once; a KVM that cannot run one makes qemu fail first (seen: "failed
# to set MSR 0x10a", then an assertion). Up to 10 s, then TCG.
kvm_probe() {
	local log=$T/kvm_probe.log err=$T/kvm_probe.err pid i
	[ -r /dev/kvm ] && [ -w /dev/kvm ] && : 2>/dev/null </dev/kvm ||
		{ echo "/dev/kvm cannot be opened"; return 1; }
	: >"$log"
	qemu-system-x86_64 -accel kvm -cpu host -m 64 -nodefaults -display none \
		-no-reboot -debugcon "file:$log" -global isa-debugcon.iobase=0x402 \
		</dev/null >/dev/null 2>"$err" &
	pid=$!
	for i in $(seq 100); do
		grep -q SeaBIOS "$log" 2>/dev/null && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	grep -q SeaBIOS "$log" && return 0
	if [ -s "$err" ]; then
		head -n1 "$err" | sed 's/^qemu-system-x86_64: //'
	else
		echo "no guest output in 10 s"
	fi
	return 1
}
case $ACCEL in
kvm)	accel=(-accel kvm -cpu host) why="forced" ;;
tcg)	accel=(-accel tcg -cpu max) why="forced" ;;
auto)	if why=$(kvm_probe); then
		accel=(-accel kvm -cpu host) why="a probe guest ran under KVM"
	else
		accel=(-accel tcg -cpu max) why="KVM probe failed: $why"
	fi ;;
esac
echo "# vmtest: accelerator ${accel[1]} ($why)"

# --- the initramfs ------------------------------------------------------
mkdir -p "$R"/{bin,proc,sys,dev,tmp,run,boot,etc,lwt}
cp /bin/busybox "$R/bin/"
for a in $(/bin/busybox --list); do
	[ "$a" = busybox ] || ln -sf busybox "$R/bin/$a"
done
# A host binary and the libraries it loads, at the same paths.
copy_libs() {
	ldd "$1" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		[ -e "$R$lib" ] || { mkdir -p "$R$(dirname "$lib")"; cp -L "$lib" "$R$lib"; }
	done
}
host_tool() {
	local p
	p=$(command -v "$1") || die "host tool $1 missing" 4
	rm -f "$R/bin/${2:-$1}"
	cp -L "$p" "$R/bin/${2:-$1}"
	copy_libs "$p"
}
# The host's tools where run_tests.sh relies on their options (the list:
# tools/run-tools); iproute2's ip, not busybox's applet; zcat stays
# busybox's (the host's is a script around gzip).
for t in $(grep -v '^#' "$HERE/tools/run-tools"); do
	case $t in
	awk) host_tool mawk awk ;;
	zcat|gzip) ;;
	*) host_tool "$t" ;;
	esac
done
make -s -C "$HERE" install INSTALL_PATH="$R/lwt" OUTPUT="$OUTPUT" >/dev/null ||
	die "make install failed" 3
for b in "$R"/lwt/*; do
	[ -x "$b" ] && [ ! -d "$b" ] && copy_libs "$b"
done
[ -n "$CONFIG" ] && cp "$CONFIG" "$R/lwt/kconfig"

# Modules: those of GUEST_MODULES the kernel has as modules, with what
# they depend on, loaded in order by insmod.
: >"$T/insmod"
if [ -n "$MODULES" ]; then
	mver=$(basename "$MODULES")
	mroot=$(cd "$MODULES/../../.." && pwd)
	for m in $GUEST_MODULES; do
		/usr/sbin/modprobe -d "$mroot" -S "$mver" --show-depends "$m" 2>/dev/null |
			awk '$1 == "insmod" {print $2}'
	done | while read -r ko; do
		mkdir -p "$R$(dirname "${ko#"$mroot"}")"
		cp "$ko" "$R${ko#"$mroot"}"
		echo "insmod ${ko#"$mroot"}" >>"$T/insmod"
	done
fi

args=("${PATTERNS[@]}" "$@")
[ -n "$CONFIG" ] && args+=(--kconfig /lwt/kconfig)
{
	echo '#!/bin/sh'
	echo 'mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev'
	echo 'mount -t tmpfs tmp /tmp; mount -t tmpfs run /run; ln -s /proc/self/fd /dev/fd'
	echo 'mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null'
	echo 'mount -t tracefs none /sys/kernel/tracing 2>/dev/null'
	echo '/bin/ip link set lo up'
	cat "$T/insmod"
	echo "export LWT_ACCEL=${accel[1]}"
	echo 'echo LWT_VMTEST_START'
	printf 'cd /lwt && /bin/bash ./run_tests.sh --json /tmp/results.json'
	[ ${#args[@]} -eq 0 ] || printf ' %q' "${args[@]}"
	echo ' >/dev/ttyS1 2>&1'
	echo 'echo "LWT_VMTEST_EXIT=$?"'
	echo 'dmesg >/dev/ttyS2'
	echo 'cat /tmp/results.json >/dev/ttyS3 2>/dev/null'
	echo 'poweroff -f'
} >"$R/init"
chmod +x "$R/init"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1) >"$T/initrd.gz" ||
	die "cannot pack the initramfs" 3

# --- boot ---------------------------------------------------------------
echo "# vmtest: $KERNEL, results in $OUT"
: >"$OUT/console.log"; : >"$OUT/dmesg.txt"; : >"$OUT/results.json"
timeout -k 10 "$TIMEOUT" qemu-system-x86_64 "${accel[@]}" -smp 2 -m 2048 \
	-kernel "$KERNEL" -initrd "$T/initrd.gz" -no-reboot -display none \
	-monitor none -append "console=ttyS0 panic=-1 rdinit=/init loglevel=4${APPEND:+ $APPEND}" \
	-serial "file:$OUT/console.log" -serial stdio -serial "file:$OUT/dmesg.txt" \
	-serial "file:$OUT/results.json" \
	</dev/null 2>"$OUT/qemu.err" | tr -d "\r" | tee "$OUT/ktap.txt"
qrc=${PIPESTATUS[0]}

rc=$(sed -n 's/.*LWT_VMTEST_EXIT=\([0-9]*\).*/\1/p' "$OUT/console.log" | tail -n1)
if [ -z "$rc" ]; then
	if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		why="no result after $TIMEOUT s (hung)"
	elif grep -q 'Kernel panic' "$OUT/console.log"; then
		why="the kernel panicked"
	elif grep -q LWT_VMTEST_START "$OUT/console.log"; then
		why="the guest stopped before the suite ended"
	elif [ ! -s "$OUT/console.log" ] && [ -s "$OUT/qemu.err" ]; then
		why="the kernel did not boot: qemu failed before the guest printed anything ($(head -n1 "$OUT/qemu.err"))"
		[ "${accel[1]}" = kvm ] && why+="; try --accel tcg"
	else
		why="the kernel did not boot"
	fi
	echo "vmtest: $why; last console lines ($OUT/console.log):" >&2
	[ -s "$OUT/qemu.err" ] && sed 's/^/  qemu: /' "$OUT/qemu.err" | head -n 5 >&2
	tail -n 20 "$OUT/console.log" | sed 's/^/  /' >&2
	exit 3
fi
# Splats (what they look like: lib/lwt_splat.h, the cases' own rule)
splat=$(sed -n 's/^#define LWT_SPLAT_ERE "\(.*\)"$/\1/p' "$HERE/lib/lwt_splat.h")
[ -n "$splat" ] || die "no LWT_SPLAT_ERE in lib/lwt_splat.h" 3
# under TCG, the emulator's own (LWT_SPLAT_TCG_ERE) are said, not counted
tcg_art=$(sed -n 's/^#define LWT_SPLAT_TCG_ERE "\(.*\)"$/\1/p' "$HERE/lib/lwt_splat.h")
[ "${accel[1]}" = tcg ] && [ -n "$tcg_art" ] || tcg_art='^$'
cat "$OUT/dmesg.txt" "$OUT/console.log" | grep -E "$splat" | grep -E "$tcg_art" |
	sed 's/^/# vmtest: emulator artifact (TCG), not counted: /'
if cat "$OUT/dmesg.txt" "$OUT/console.log" | grep -E "$splat" | grep -Evq "$tcg_art"; then
	echo "vmtest: the guest's kernel log has a splat ($OUT/dmesg.txt):" >&2
	grep -E -A5 "$splat" "$OUT/dmesg.txt" | head -n 30 | sed 's/^/  /' >&2
	exit 1
fi
exit "$rc"
