#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One step of "git bisect run" inside a kernel tree: build the kernel with
# the suite's config merged in, boot it with tools/vmtest.sh, run the
# selected cases, and answer as git bisect wants.
#
#   cd linux && git bisect run /path/to/lwt_in/tools/bisect-run.sh -t datapath/ret
#
#   -t PATTERN     cases to run (repeatable; default: all)
#   --build CMD    how to build (default: merge_config.sh -m .config
#                  <suite>/config, make olddefconfig, make -j$(nproc) bzImage)
#   --kernel PATH  the image the build leaves (default: arch/x86/boot/bzImage)
#   --timeout S    for the boot and run (default: 1800)
#
# Exit: 0 the selected cases passed; 1 a selected case failed (or the
# kernel printed a splat); 125 this step cannot be judged (the build
# failed, the kernel did not boot, every selected case was skipped, an
# infrastructure error). Never above 127, which would abort the bisection.
set -u
SUITE=$(cd "$(dirname "$0")/.." && pwd)
KERNEL=arch/x86/boot/bzImage
BUILD="" TIMEOUT=1800
PATTERNS=()
VMTEST=${LWT_VMTEST:-$SUITE/tools/vmtest.sh}	# replaceable in the suite's tests

while [ $# -gt 0 ]; do
	case $1 in
	-t) PATTERNS+=(-t "${2:-}"); shift ;;
	--build) BUILD=${2:-}; shift ;;
	--kernel) KERNEL=${2:-}; shift ;;
	--timeout) TIMEOUT=${2:-}; shift ;;
	-h|--help) sed -n '3,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bisect-run: unknown option $1" >&2; exit 125 ;;
	esac
	shift
done
if [ -z "$BUILD" ]; then
	BUILD="./scripts/kconfig/merge_config.sh -m .config '$SUITE/config' &&
	       make olddefconfig && make -j$(nproc) bzImage"
fi

log=$(mktemp "${TMPDIR:-/tmp}/lwt_bisect.XXXXXX")
trap 'rm -f "$log"' EXIT

echo "# bisect-run: building: $BUILD"
if ! bash -c "$BUILD" >"$log" 2>&1; then
	echo "bisect-run: the build failed (125, skip this commit); last lines:"
	tail -n 10 "$log" | sed 's/^/  /'
	exit 125
fi
[ -r "$KERNEL" ] || { echo "bisect-run: no kernel image at $KERNEL (125)"; exit 125; }

"$VMTEST" -k "$KERNEL" --timeout "$TIMEOUT" "${PATTERNS[@]}" | tee "$log"
rc=${PIPESTATUS[0]}
last=$(tail -n1 "$log")
case $rc in
0)
	if [[ "$last" =~ ^0\ passed,\ 0\ failed,\ [1-9][0-9]*\ skipped$ ]]; then
		echo "bisect-run: every selected case was skipped (125)"
		exit 125
	fi
	exit 0 ;;
1)	exit 1 ;;
*)	echo "bisect-run: no verdict from vmtest (exit $rc): 125"
	exit 125 ;;
esac
