#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Does the suite's config, merged into a defconfig, give a kernel where
# every case can run? In kernel tree DIR (unpacked, unbuilt):
# make defconfig, scripts/kconfig/merge_config.sh -m .config config,
# make olddefconfig; then every CONFIG_X=y line of config and every
# "# needs CONFIG_Y" line, and every option of categories, must be =y in
# the result. No kernel is built.
#
#   tests/kconfig-check.sh DIR      exit 0 all set, 1 some missing
set -u
SUITE=$(cd "$(dirname "$0")/.." && pwd)
TREE=${1:?usage: $0 KERNEL_TREE}
cfg=$SUITE/config
# and every option a category needs at run time (categories): the two
# lists cannot drift apart
want=$( { sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$cfg"
	  sed -n 's/^# needs \(CONFIG_[A-Z0-9_]*\).*/\1/p' "$cfg"
	  awk -F'\t' '!/^#/ && NF >= 2 { print $2 }' "$SUITE/categories" | tr ' ' '\n'; } |
	grep . | sort -u)
log=$(mktemp "${TMPDIR:-/tmp}/lwt_kconfig.XXXXXX")
trap 'rm -f "$log"' EXIT
(cd "$TREE" && make -s defconfig && ./scripts/kconfig/merge_config.sh -m .config "$cfg" &&
	make -s olddefconfig) >"$log" 2>&1 ||
	{ echo "kconfig-check: $TREE: configuring failed:"; tail -n 5 "$log"; exit 1; }
missing=""
for o in $want; do
	grep -qx "$o=y" "$TREE/.config" || missing+=" $o"
done
ver=$(make -s -C "$TREE" kernelversion 2>/dev/null)
if [ -n "$missing" ]; then
	echo "kconfig-check: $ver: not set after olddefconfig:$missing"
	exit 1
fi
echo "kconfig-check: $ver: all $(wc -w <<<"$want") options set"
