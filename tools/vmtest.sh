#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a kernel image in qemu and run the suite in it.
#
#   tools/vmtest.sh -k KERNEL [-m MODULES_DIR] [-c CONFIG] [-t PATTERN]...
#                   [-o OUT_DIR] [--timeout S] [-- run_tests.sh args]
#
# The guest is an initramfs: busybox for init, bash and the few host tools
# run_tests.sh uses, iproute2's ip, the libraries ldd names, and the suite
# as "make install" lays it out (built here, nothing is compiled inside).
# KVM when /dev/kvm can be opened, TCG otherwise. The suite's output is
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
KERNEL= MODULES= CONFIG= OUT= TIMEOUT=1800
PATTERNS=()
# Modules the suite needs where a kernel has them as modules.
GUEST_MODULES="veth"

usage() {
	sed -n '3,18p' "$0" | sed 's/^# \{0,1\}//'
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
	echo 'echo LWT_VMTEST_START'
	printf 'cd /lwt && /bin/bash ./run_tests.sh --json /tmp/results.json'
	printf ' %q' "${args[@]}"
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
if [ -r /dev/kvm ] && [ -w /dev/kvm ] && : 2>/dev/null </dev/kvm; then
	accel=(-accel kvm -cpu host)
else
	accel=(-accel tcg -cpu max)
fi
echo "# vmtest: $KERNEL (${accel[1]}), results in $OUT"
: >"$OUT/console.log"; : >"$OUT/dmesg.txt"; : >"$OUT/results.json"
timeout -k 10 "$TIMEOUT" qemu-system-x86_64 "${accel[@]}" -smp 2 -m 2048 \
	-kernel "$KERNEL" -initrd "$T/initrd.gz" -no-reboot -display none \
	-monitor none -append "console=ttyS0 panic=-1 rdinit=/init loglevel=4" \
	-serial "file:$OUT/console.log" -serial stdio -serial "file:$OUT/dmesg.txt" \
	-serial "file:$OUT/results.json" \
	</dev/null | tr -d "\r" | tee "$OUT/ktap.txt"
qrc=${PIPESTATUS[0]}

rc=$(sed -n 's/.*LWT_VMTEST_EXIT=\([0-9]*\).*/\1/p' "$OUT/console.log" | tail -n1)
if [ -z "$rc" ]; then
	if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		why="no result after $TIMEOUT s (hung)"
	elif grep -q 'Kernel panic' "$OUT/console.log"; then
		why="the kernel panicked"
	elif grep -q LWT_VMTEST_START "$OUT/console.log"; then
		why="the guest stopped before the suite ended"
	else
		why="the kernel did not boot"
	fi
	echo "vmtest: $why; last console lines ($OUT/console.log):" >&2
	tail -n 20 "$OUT/console.log" | sed 's/^/  /' >&2
	exit 3
fi
# Splats (what they look like: prog_tests/lwt_splat.h, the cases' own rule)
splat=$(sed -n 's/^#define LWT_SPLAT_ERE "\(.*\)"$/\1/p' "$HERE/prog_tests/lwt_splat.h")
[ -n "$splat" ] || die "no LWT_SPLAT_ERE in prog_tests/lwt_splat.h" 3
if grep -Eq "$splat" "$OUT/dmesg.txt" "$OUT/console.log"; then
	echo "vmtest: the guest's kernel log has a splat ($OUT/dmesg.txt):" >&2
	grep -E -A5 "$splat" "$OUT/dmesg.txt" | head -n 30 | sed 's/^/  /' >&2
	exit 1
fi
exit "$rc"
