#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the suite needs (see README, "Dependencies");
# iputils-ping only for make bench (the shell way of a datapath case);
# qemu-system-x86, busybox-static, cpio, kmod for tools/vmtest.sh;
# linux-source-6.12, flex, bison for make check's kernel-tree tests
# (config merged into 6.1 and 6.12, the suite as a 6.12 kselftest);
# rsync for the install rule of a kernel tree's lib.mk.
#   tools/deps.sh               install every package that is missing
#   tools/deps.sh --if-missing  the same, silent when nothing is missing
#   tools/deps.sh --list        print the package list
set -eu

PKGS="clang-19 llvm-19 libbpf-dev libelf-dev zlib1g-dev pkg-config bpftool rsync
linux-source-6.12 flex bison
iproute2 linux-source-6.1 make gcc python3 util-linux
iputils-ping qemu-system-x86 busybox-static cpio kmod"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done

case "${1:-}" in
--list)	echo $PKGS; exit 0 ;;
--if-missing) [ -z "$missing" ] && exit 0 ;;
"") ;;
*) echo "usage: $0 [--if-missing|--list]" >&2; exit 2 ;;
esac

if [ -z "$missing" ]; then
	echo "deps: all installed"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing:$missing; run as root (sudo make deps)" >&2
	exit 4
fi
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
