#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fetch Debian 12's cloud kernel (6.1) as a package, unpack it (nothing is
# installed on the host) and print "KERNEL MODULES" for tools/vmtest.sh:
#
#   read -r k m < <(tools/debian-kernel.sh) && tools/vmtest.sh -k "$k" -m "$m"
#
# Kept in $OUTPUT/kernels/<package>; a second call reuses it.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUTPUT=${OUTPUT:-$HERE/build}
META=${1:-linux-image-cloud-amd64}

find_pkg() { apt-cache depends "$META" 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}'; }
pkg=$(find_pkg)
if [ -z "$pkg" ]; then	# no package lists yet on a fresh machine
	apt-get update -qq >/dev/null 2>&1
	pkg=$(find_pkg)
fi
[ -n "$pkg" ] || { echo "debian-kernel: no package behind $META" >&2; exit 4; }
dir=$OUTPUT/kernels/$pkg
ver=${pkg#linux-image-}
if [ ! -e "$dir/root/lib/modules/$ver/modules.dep" ]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	(cd "$dir" && apt-get download "$pkg" >/dev/null 2>&1) ||
		{ echo "debian-kernel: cannot download $pkg" >&2; exit 4; }
	dpkg-deb -x "$dir"/*.deb "$dir/root"
	rm -f "$dir"/*.deb
	/usr/sbin/depmod -b "$dir/root" "$ver"
fi
echo "$dir/root/boot/vmlinuz-$ver $dir/root/lib/modules/$ver"
