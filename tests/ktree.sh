#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Unpack from Debian's linux-source-VER tarball what configuring a kernel
# and the kselftest Makefiles need (Kconfig and Makefiles, scripts/, the
# x86 defconfigs, tools/testing/selftests' own files): a tree to merge
# config into and to drop the suite into, not one to build a kernel in.
# Kept in $OUTPUT/ktree/linux-source-VER (a second call reuses it);
# prints that directory.
#
#   tests/ktree.sh 6.12
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUTPUT=${OUTPUT:-$HERE/build}
VER=${1:?usage: $0 VERSION (6.1, 6.12)}
TAR=/usr/src/linux-source-$VER.tar.xz
DIR=$OUTPUT/ktree/linux-source-$VER
[ -r "$TAR" ] || { echo "ktree: $TAR missing (apt-get install linux-source-$VER)" >&2; exit 4; }
if [ ! -e "$DIR/.lwt_unpacked" ]; then
	rm -rf "$DIR"
	mkdir -p "$OUTPUT/ktree"
	tar -xJf "$TAR" -C "$OUTPUT/ktree" --wildcards \
		'*Kconfig*' '*Makefile*' '*.mk' "linux-source-$VER/scripts/*" \
		"linux-source-$VER/arch/x86/configs/*" "linux-source-$VER/kernel/configs/*" \
		"linux-source-$VER/tools/testing/selftests/*.h" \
		"linux-source-$VER/tools/testing/selftests/*.sh" \
		"linux-source-$VER/tools/testing/selftests/kselftest/*"
	: >"$DIR/.lwt_unpacked"
fi
echo "$DIR"
