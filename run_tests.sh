#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Conformance suite for BPF_PROG_TYPE_LWT_IN: entry point.
# Checks prerequisites, selects cases, runs the category binaries, prints
# KTAP and the closing line "N passed, N failed, N skipped".
#
# Exit: 0 all selected cases passed (skips allowed), 1 a case failed,
#       2 usage error or no case matched, 4 nothing could run (KSFT_SKIP).

set -u
export LC_ALL=C

readonly KSFT_SKIP=4
HERE=$(cd "$(dirname "$0")" && pwd)

# The categories and what each needs: the file categories (beside this
# script in a checkout, a kernel tree or an installed tree).
declare -A NEEDS_CONFIG=() NEEDS_BPFFS=()
CATEGORIES=()
[ -r "$HERE/categories" ] || { echo "run_tests.sh: $HERE/categories is missing" >&2; exit 2; }
while IFS=$'\t' read -r c opts other; do
	case $c in ''|'#'*) continue ;; esac
	CATEGORIES+=("$c")
	NEEDS_CONFIG[$c]=$opts
	NEEDS_BPFFS[$c]=0
	[ "$other" = bpffs ] && NEEDS_BPFFS[$c]=1
done <"$HERE/categories"
# Options every run reports on, whatever is selected.
REPORTED_CONFIG="CONFIG_BPF_SYSCALL CONFIG_LWTUNNEL_BPF CONFIG_NET_NS CONFIG_VETH CONFIG_IPV6 CONFIG_DEBUG_INFO_BTF"

usage() {
	cat <<EOF
usage: $0 [options]
  -t PATTERN      run only matching cases (repeatable, comma lists)
  -b PATTERN      exclude matching cases (repeatable, comma lists)
                  PATTERN: a category (ctx_access), a subject
                  (ctx_access/mark), a full name, a glob
                  (ctx_access/*/write_*), or else any substring;
                  '.' may stand for '/'
  -l              list the selected cases, run nothing
  -v              print expected/observed and diagnostics for every case
  -j N            run N workers in parallel (default: number of CPUs)
  --json FILE     write every result as JSON
  --timeout S     per-case time limit in seconds (default 30)
  --kver X.Y      kernel version to judge against (default: uname -r)
  --kconfig FILE  kernel config to read instead of /proc/config.gz
  --report FILE   write the spec page's tables as this kernel showed them
                  (Markdown; needs python3), --report-json FILE the same as data
  --strict-spec   a case that shows the kernel diverging from the spec page fails
  --compare A B   what changed between two --json or --report-json files
  --no-deviations judge every case by upstream source alone, on a kernel
                  that host_deviations names too (see below)
  --deviations    print the known deviations of this kernel, run nothing
  --self-check    run the selection, then again with every expectation
                  turned around: a case that passes both ways checks
                  nothing and fails the self-check
  -h, --help      this text
Exit: 0 pass, 1 a case failed, 2 usage/no match, 4 nothing could run.
EOF
}

# tools/report.py in a checkout, report.py in an installed tree
report_py() {
	local d
	d=$(cd "$(dirname "$0")" && pwd)
	if [ -r "$d/tools/report.py" ]; then echo "$d/tools/report.py"; else echo "$d/report.py"; fi
}

die_usage() { echo "run_tests.sh: $*" >&2; echo "try: $0 -h" >&2; exit 2; }

INCLUDE=() EXCLUDE=() LIST=0 VERBOSE=0 JOBS="" JSON="" TIMEOUT=30 KVER="" KCONFIG=""
REPORT="" REPORT_JSON="" STRICT=0 SELF_CHECK=0 DEVIATIONS=1 LIST_DEVIATIONS=0
ORIG_ARGS=("$@")
# An option's value never starts with '-': "--json -l" is a mistake, not
# a file named "-l".
value_of() {
	[ $# -ge 3 ] && [ "${3#-}" = "$3" ] || die_usage "$1 needs $2"
}
while [ $# -gt 0 ]; do
	case "$1" in
	-t|-b|--json|--kver|--kconfig|--report|--report-json)
		value_of "$1" "a value" "${2:-}" ;;&
	-j|--timeout)	# a number, checked below ("-1" is a wrong number)
		[ $# -ge 2 ] && [ -n "$2" ] || die_usage "$1 needs a value" ;;&
	-t) [ $# -ge 2 ] || die_usage "-t needs a pattern"; INCLUDE+=("$2"); shift ;;
	-b) [ $# -ge 2 ] || die_usage "-b needs a pattern"; EXCLUDE+=("$2"); shift ;;
	-t*) INCLUDE+=("${1#-t}") ;;
	-b*) EXCLUDE+=("${1#-b}") ;;
	-l) LIST=1 ;;
	-v) VERBOSE=1 ;;
	-j) [ $# -ge 2 ] || die_usage "-j needs a number"; JOBS=$2; shift ;;
	-j*) JOBS=${1#-j} ;;
	--json) [ $# -ge 2 ] || die_usage "--json needs a file"; JSON=$2; shift ;;
	--json=*) JSON=${1#*=} ;;
	--timeout) [ $# -ge 2 ] || die_usage "--timeout needs seconds"; TIMEOUT=$2; shift ;;
	--timeout=*) TIMEOUT=${1#*=} ;;
	--kver) [ $# -ge 2 ] || die_usage "--kver needs X.Y"; KVER=$2; shift ;;
	--kver=*) KVER=${1#*=} ;;
	--kconfig) [ $# -ge 2 ] || die_usage "--kconfig needs a file"; KCONFIG=$2; shift ;;
	--kconfig=*) KCONFIG=${1#*=} ;;
	--report) [ $# -ge 2 ] || die_usage "--report needs a file"; REPORT=$2; shift ;;
	--report-json) [ $# -ge 2 ] || die_usage "--report-json needs a file"; REPORT_JSON=$2; shift ;;
	--strict-spec) STRICT=1 ;;
	--self-check) SELF_CHECK=1 ;;
	--no-deviations) DEVIATIONS=0 ;;
	--deviations) LIST_DEVIATIONS=1 ;;
	--compare)
		[ $# -ge 3 ] || die_usage "--compare needs two files"
		exec python3 "$(report_py)" --compare "$2" "$3" ;;
	-h|--help) usage; exit 0 ;;
	*) die_usage "unknown option '$1'" ;;
	esac
	shift
done

[ -z "$JOBS" ] && JOBS=$(nproc 2>/dev/null || echo 1)
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die_usage "-j wants a positive number, not '$JOBS'"
[[ "$TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die_usage "--timeout wants whole seconds, not '$TIMEOUT'"
if [ -n "$KVER" ]; then
	[[ "$KVER" =~ ^[0-9]+\.[0-9]+ ]] || die_usage "--kver wants X.Y, not '$KVER'"
	export LWT_KVER=$KVER
fi
for p in "${INCLUDE[@]}" "${EXCLUDE[@]}"; do
	[ -n "$p" ] || die_usage "empty pattern"
done
# Files the run will write: writable now, or no case runs (nothing is
# created here).
for f in "$JSON" "$REPORT" "$REPORT_JSON"; do
	[ -n "$f" ] || continue
	d=$(dirname -- "$f")
	if [ -e "$f" ]; then
		[ -f "$f" ] && [ -w "$f" ] || [ "$f" = /dev/null ] ||
			die_usage "cannot write $f: not a writable file"
	elif [ ! -d "$d" ]; then
		die_usage "cannot write $f: No such file or directory"
	elif [ ! -w "$d" ]; then
		die_usage "cannot write $f: $d is not writable"
	fi
done
if [ -n "$REPORT$REPORT_JSON" ] && ! command -v python3 >/dev/null; then
	die_usage "--report and --report-json need python3"
fi

# Known deviations of this kernel: tests/host_deviations (host_deviations
# when installed) names cases that fail on kernels carrying BPF changes
# of their own, each found by a symbol upstream Linux does not have. There
# such a failure is reported as XFAIL, with what upstream does, and does
# not fail the run; a kernel without the symbol is judged as always.
DEV_FILE=$HERE/tests/host_deviations
[ -r "$DEV_FILE" ] || DEV_FILE=$HERE/host_deviations
active_deviations() {
	[ -r "$DEV_FILE" ] || return 0
	awk -F'\t' '!/^#/ && NF >= 3' "$DEV_FILE" | while IFS=$'\t' read -r mark c why; do
		grep -q " $mark\$" /proc/kallsyms 2>/dev/null &&
			printf '%s\t%s (kernel has %s)\n' "$c" "$why" "$mark"
	done
}
if [ "$LIST_DEVIATIONS" = 1 ]; then
	active_deviations
	exit 0
fi

# --self-check: the run as asked, then the same cases twice more with
# their expectations turned around (LWT_FAULT: verdicts, values, programs;
# LWT_FAULT_ASSERT: every EXPECT/ASSERT). A case that passes all three
# times checks nothing; each is listed and counted as failed.
if [ "$SELF_CHECK" = 1 ]; then
	args=() sel=()
	for a in "${ORIG_ARGS[@]}"; do [ "$a" = --self-check ] || args+=("$a"); done
	for p in "${INCLUDE[@]}"; do sel+=(-t "$p"); done
	for p in "${EXCLUDE[@]}"; do sel+=(-b "$p"); done
	[ -n "$KVER" ] && sel+=(--kver "$KVER")
	[ -n "$KCONFIG" ] && sel+=(--kconfig "$KCONFIG")
	[ "$DEVIATIONS" = 0 ] && sel+=(--no-deviations)
	sel+=(-j "$JOBS" --timeout "$TIMEOUT")
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lwt_selfcheck.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# the run itself, all of it but its closing line
	"$0" "${args[@]}" | tee "$tmp/run" | awk 'NR > 1 { print prev } { prev = $0 }'
	rc=${PIPESTATUS[0]}
	[ "$rc" = 2 ] || [ "$rc" = 4 ] && { tail -n1 "$tmp/run"; exit "$rc"; }
	passing() { awk '/^ok [0-9]+ [^ ]+$/ { print $3 }' "$1" | sort; }
	passing "$tmp/run" >"$tmp/p0"
	LWT_FAULT='*' "$0" "${sel[@]}" >"$tmp/f1" 2>&1
	passing "$tmp/f1" | comm -12 "$tmp/p0" - >"$tmp/p1"
	: >"$tmp/p2"
	if [ -s "$tmp/p1" ]; then
		LWT_FAULT_ASSERT='*' "$0" "${sel[@]}" -t "$(paste -sd, "$tmp/p1")" >"$tmp/f2" 2>&1
		passing "$tmp/f2" | comm -12 "$tmp/p1" - >"$tmp/p2"
	fi
	read -r np nf ns < <(tail -n1 "$tmp/run" | awk '{print $1, $3, $5}')
	nv=$(wc -l <"$tmp/p2")
	echo "# self-check: $(wc -l <"$tmp/p0") passing cases run again turned around; $nv passed anyway"
	n=$(grep -c '^\(not \)\?ok [0-9]' "$tmp/run")
	while read -r c; do
		[ -n "$c" ] || continue
		n=$((n + 1))
		echo "not ok $n selfcheck/$c # passes with its expectation turned around: it checks nothing"
	done <"$tmp/p2"
	echo "$np passed, $((nf + nv)) failed, $ns skipped"
	[ "$rc" = 0 ] && [ "$nv" = 0 ]
	exit $?
fi

# Where the build put the programs: LWT_BUILD_DIR, a standalone checkout's
# build/, a kernel tree's OUTPUT (prog_tests/ and progs/ beside this
# script), or an installed tree (flat).
if [ -n "${LWT_BUILD_DIR:-}" ]; then
	BIN_DIR=$LWT_BUILD_DIR/prog_tests OBJ_DIR=$LWT_BUILD_DIR/progs
elif [ -d "$HERE/build/prog_tests" ]; then
	BIN_DIR=$HERE/build/prog_tests OBJ_DIR=$HERE/build/progs
elif [ -x "$HERE/prog_tests/${CATEGORIES[0]}" ]; then
	BIN_DIR=$HERE/prog_tests OBJ_DIR=$HERE/progs
else
	BIN_DIR=$HERE OBJ_DIR=$HERE
fi
export LWT_OBJ_DIR=$OBJ_DIR
for c in "${CATEGORIES[@]}"; do
	if [ ! -x "$BIN_DIR/$c" ]; then
		echo "run_tests.sh: test program $BIN_DIR/$c is missing; build it with 'make'" >&2
		exit 2
	fi
done

# --- selection ----------------------------------------------------------
ALL=$(for c in "${CATEGORIES[@]}"; do "$BIN_DIR/$c" -l || exit 2; done) ||
	{ echo "run_tests.sh: cannot list the cases" >&2; exit 2; }

join_patterns() { local IFS=$'\n'; printf '%s\n' "$@" | tr ',' '\n' | sed '/^$/d'; }
INC_LIST=$(join_patterns "${INCLUDE[@]}")
EXC_LIST=$(join_patterns "${EXCLUDE[@]}")

# A pattern, with '.' read as '/', selects: with '*' or '?', the names it
# matches as a glob (whole name, or a prefix ending at a '/'); otherwise
# the name it equals or the names under it (category, category/subject),
# and only if there are none, the names that contain it.
SELECTED=$(awk -v inc="$INC_LIST" -v exc="$EXC_LIST" '
function glob2re(g,   i, c, r) {
	r = "^"
	for (i = 1; i <= length(g); i++) {
		c = substr(g, i, 1)
		if (c == "*") r = r "[^/]*"
		else if (c == "?") r = r "[^/]"
		else if (index("\\^$.[]|()+{}", c)) r = r "\\" c
		else r = r c
	}
	return r "(/.*)?$"
}
function path_match(name, p) {
	if (p ~ /[*?]/) return name ~ glob2re(p)
	return name == p || index(name, p "/") == 1
}
# per pattern: path matches if it has any, else substring matches
function mark(P, n, hit,   i, j, any) {
	for (i = 1; i <= n; i++) {
		any = 0
		for (j = 1; j <= N; j++) if (path_match(names[j], P[i])) { hit[j] = 1; any = 1 }
		if (!any && P[i] !~ /[*?]/)
			for (j = 1; j <= N; j++) if (index(names[j], P[i])) hit[j] = 1
	}
}
{ names[++N] = $0 }
END {
	ni = inc == "" ? 0 : split(inc, I, "\n")
	ne = exc == "" ? 0 : split(exc, E, "\n")
	for (i = 1; i <= ni; i++) gsub(/\./, "/", I[i])
	for (i = 1; i <= ne; i++) gsub(/\./, "/", E[i])
	if (ni) mark(I, ni, in_hit); else for (j = 1; j <= N; j++) in_hit[j] = 1
	if (ne) mark(E, ne, ex_hit)
	for (j = 1; j <= N; j++) if ((j in in_hit) && !(j in ex_hit)) print names[j]
}' <<<"$ALL")

if [ -z "$SELECTED" ]; then
	echo "run_tests.sh: no case matches the selection${INC_LIST:+ (-t ${INC_LIST//$'\n'/,})}${EXC_LIST:+ (-b ${EXC_LIST//$'\n'/,})}" >&2
	if [ -n "$INC_LIST" ]; then
		echo "nearest names:" >&2
		# edit distance to every category, subject and case name
		awk -v pats="$INC_LIST" '
		function dist(a, b,   la, lb, i, j, d, c, x, y, z) {
			la = length(a); lb = length(b)
			for (i = 0; i <= la; i++) d[i, 0] = i
			for (j = 0; j <= lb; j++) d[0, j] = j
			for (i = 1; i <= la; i++)
				for (j = 1; j <= lb; j++) {
					c = substr(a, i, 1) != substr(b, j, 1)
					x = d[i-1, j] + 1; y = d[i, j-1] + 1; z = d[i-1, j-1] + c
					d[i, j] = x < y ? (x < z ? x : z) : (y < z ? y : z)
				}
			return d[la, lb]
		}
		BEGIN { np = split(pats, P, "\n"); for (i = 1; i <= np; i++) gsub(/\./, "/", P[i]) }
		{
			n = split($0, part, "/")
			cand[part[1]] = 1; cand[part[1] "/" part[2]] = 1; cand[$0] = 1
		}
		END {
			for (c in cand) {
				best = 1e9
				for (i = 1; i <= np; i++) { x = dist(P[i], c); if (x < best) best = x }
				print best "\t" c
			}
		}' <<<"$ALL" | sort -n -k1,1 -k2,2 | head -5 | cut -f2 | sed 's/^/  /' >&2
	fi
	exit 2
fi

if [ "$LIST" = 1 ]; then
	printf '%s\n' "$SELECTED"
	exit 0
fi

# --- prerequisites ------------------------------------------------------
echo "TAP version 13"
KREL=$(uname -r)
echo "# kernel: $KREL${KVER:+ (judged as $KVER by --kver)}"

if [ "$(id -u)" != 0 ]; then
	echo "# SKIP: not running as root: loading BPF programs needs CAP_BPF and CAP_NET_ADMIN (try: sudo $0)"
	echo "1..0 # SKIP not root"
	echo "0 passed, 0 failed, 0 skipped"
	exit $KSFT_SKIP
fi

# Kernel config: --kconfig, /proc/config.gz, /boot/config-$(uname -r).
# Only the options the suite asks about are kept (KCFG).
declare -A KCFG=()
KCONFIG_SRC=""
if [ -n "$KCONFIG" ]; then
	[ -r "$KCONFIG" ] || die_usage "cannot read --kconfig $KCONFIG"
	KCONFIG_SRC=$KCONFIG
elif [ -r /proc/config.gz ]; then
	KCONFIG_SRC=/proc/config.gz
elif [ -r "/boot/config-$KREL" ]; then
	KCONFIG_SRC=/boot/config-$KREL
fi
if [ -n "$KCONFIG_SRC" ]; then
	wanted="$REPORTED_CONFIG ${NEEDS_CONFIG[*]}"
	while IFS='=' read -r k v; do
		KCFG[$k]=$v
	done < <(case $KCONFIG_SRC in *.gz) zcat "$KCONFIG_SRC" ;; *) cat "$KCONFIG_SRC" ;; esac |
		awk -F= -v want="$wanted" '
		BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) W[w[i]] = 1 }
		($1 in W)')
fi
config_val() { echo "${KCFG[$1]:-}"; }
export LWT_KCONFIG=$KCONFIG_SRC	# for cases that ask about other options
CONFIG_LINE=""
if [ -n "$KCONFIG_SRC" ]; then
	line="# config ($KCONFIG_SRC):"
	for o in $REPORTED_CONFIG; do v=$(config_val "$o"); line+=" $o=${v:-n}"; done
	echo "$line"
	CONFIG_LINE=${line#\# }
else
	echo "# config: not found (no /proc/config.gz, no /boot/config-$KREL); assuming every option is set"
fi

if [ ! -e /sys/fs/bpf ] || ! grep -q " /sys/fs/bpf bpf " /proc/mounts; then
	BPFFS=0
	echo "# bpffs: not mounted at /sys/fs/bpf"
else
	BPFFS=1
fi

if ! probe=$("$BIN_DIR/${CATEGORIES[0]}" -p 2>&1); then
	echo "# SKIP: BPF syscall not usable: $probe"
	echo "1..0 # SKIP no BPF"
	echo "0 passed, 0 failed, 0 skipped"
	exit $KSFT_SKIP
fi
# What decides some expectations besides the version, as found here
echo "# programs: $probe (jited_prog_len of a loaded program)"
[ -r /sys/kernel/security/lockdown ] &&
	echo "# lockdown: $(cat /sys/kernel/security/lockdown)"

# Categories whose needs are not met: their cases are skipped, named why.
declare -A CAT_SKIP=()
for c in "${CATEGORIES[@]}"; do
	missing=""
	if [ -n "$KCONFIG_SRC" ]; then
		for o in ${NEEDS_CONFIG[$c]}; do
			v=$(config_val "$o")
			[ "$v" = y ] || [ "$v" = m ] || missing+=" $o"
		done
	fi
	[ "${NEEDS_BPFFS[$c]}" = 1 ] && [ "$BPFFS" = 0 ] && missing+=" bpffs"
	[ -n "$missing" ] && CAT_SKIP[$c]="kernel lacks${missing}"
done

# A veth pair, made in a namespace of its own and gone with it: the
# datapath categories need one. Asked only where the config cannot tell:
# =m with maybe no module to load, or no config at all (a bisect step's
# bzImage). With CONFIG_VETH=y a veth that cannot be made is a failure of
# the cases, not a skip. Only an answer of the kernel decides (without ip
# or unshare nothing is).
veth_probe() {
	local out
	command -v unshare >/dev/null && command -v ip >/dev/null || return 0
	out=$(unshare -n ip link add lwt_probe0 type veth peer name lwt_probe1 2>&1) ||
		echo "cannot create a veth pair (${out:-unshare failed}): CONFIG_VETH?"
}
VETH_PROBED=0 VETH_WHY=""
for c in "${CATEGORIES[@]}"; do
	case " ${NEEDS_CONFIG[$c]} " in *" CONFIG_VETH "*) ;; *) continue ;; esac
	[ -n "${CAT_SKIP[$c]:-}" ] && continue
	[ "$(config_val CONFIG_VETH)" = y ] && continue
	[ "$VETH_PROBED" = 1 ] || { VETH_WHY=$(veth_probe); VETH_PROBED=1; }
	[ -z "$VETH_WHY" ] || CAT_SKIP[$c]=$VETH_WHY
done

# --- run ----------------------------------------------------------------
# What a run killed by SIGKILL can leave: its work directory (the suite
# makes nothing named on the host: namespaces are held by descriptors,
# iproute2's BPF filesystem is private). Also named leftovers of other
# tools' runs with the suite's prefix. Removed, and said.
for d in "${TMPDIR:-/tmp}"/lwt_in.*.*; do
	[ -d "$d" ] || continue
	pid=${d##*/lwt_in.}; pid=${pid%%.*}
	if [[ "$pid" =~ ^[0-9]+$ ]] && ! kill -0 "$pid" 2>/dev/null; then
		rm -rf "$d" && echo "# removed $d, left by run $pid (killed)"
	fi
done
for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^lwt_in/ {print $1}'); do
	ip netns del "$ns" && echo "# removed network namespace $ns (left by a killed run)"
done
for pin in /sys/fs/bpf/lwt_in*; do
	[ -e "$pin" ] && rm -rf "$pin" && echo "# removed BPF pin $pin (left by a killed run)"
done
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lwt_in.$$.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Stopped by SIGINT or SIGTERM: timeout(1) put each test program in a
# process group of its own, out of reach of the terminal's signal; pass
# SIGTERM on (the program then ends its running case too), wait, leave.
stop() {
	local p
	trap '' INT TERM
	: >"$WORK/stopped"	# run_chunk starts nothing more
	for p in "$WORK"/*.pid; do
		[ -e "$p" ] && kill -TERM -- "-$(cat "$p")" 2>/dev/null
	done
	wait
	echo "# stopped by SIG$1: the cases still running were ended" >&2
	[ "$1" = INT ] && exit 130
	exit 143
}
trap 'stop INT' INT
trap 'stop TERM' TERM

NSEL=$(wc -l <<<"$SELECTED")
echo "1..$NSEL"

# Cases of PREFIX.names not yet in PREFIX.out, one per line.
unreached() {
	awk -F'\t' 'FNR == NR { if ($1 == "@case") seen[$4] = 1; next }
		     !($0 in seen)' "$1.out" "$1.names"
}

# Run a binary on the names in PREFIX.names, output to PREFIX.out. A case
# that hangs in-process ends the binary (TIMEOUT record): start it again
# on the cases it did not reach, as long as each round makes progress.
run_chunk() {
	local bin=$1 prefix=$2 before after limit args
	: >"$prefix.out"
	cp "$prefix.names" "$prefix.todo"
	while [ -s "$prefix.todo" ]; do
		before=$(grep -c '^@case' "$prefix.out")
		# the binary bounds each case; this bounds the whole binary
		limit=$(( $(wc -l <"$prefix.todo") * TIMEOUT + 60 ))
		args=(-r "$prefix.todo" -T "$TIMEOUT")
		[ "$VERBOSE" = 1 ] && args+=(-v)
		timeout -k 5 "$limit" "$bin" "${args[@]}" >>"$prefix.out" 2>>"$prefix.err" &
		echo $! >"$prefix.pid"	# its process group, for stop()
		wait $!
		[ -e "$WORK/stopped" ] && break
		after=$(grep -c '^@case' "$prefix.out")
		[ "$after" -gt "$before" ] || break
		unreached "$prefix" >"$prefix.todo"
	done
}

# Per category: split its selected cases into JOBS contiguous chunks.
chunk=0
for c in "${CATEGORIES[@]}"; do
	grep "^$c/" <<<"$SELECTED" >"$WORK/$c.sel" || continue
	if [ -n "${CAT_SKIP[$c]:-}" ]; then
		while read -r n; do
			printf '@case\tskip\t0\t%s\t%s\t\t\t\n' "$n" "${CAT_SKIP[$c]}"
		done <"$WORK/$c.sel" >"$WORK/$(printf %04d $chunk).out"
		chunk=$((chunk + 1))
		continue
	fi
	n=$(wc -l <"$WORK/$c.sel")
	per=$(( (n + JOBS - 1) / JOBS ))
	split -a 4 -d -l "$per" "$WORK/$c.sel" "$WORK/$c.part."
	for part in "$WORK/$c.part."*; do
		id=$(printf %04d $chunk)
		cp "$part" "$WORK/$id.names"
		run_chunk "$BIN_DIR/$c" "$WORK/$id" &
		chunk=$((chunk + 1))
	done
done
wait

# Any selected name without a record: the binary died or hung.
for names in "$WORK"/*.names; do
	[ -e "$names" ] || continue
	prefix=${names%.names}
	why=$(tail -n1 "$prefix.err" 2>/dev/null | tr '\t' ' ')
	unreached "$prefix" | awk -v why="$why" '{
		printf "@case\tfail\t0\t%s\tno result: the test program stopped early%s\t\t\t\n", $0, why == "" ? "" : " (" why ")" }' >"$prefix.missing"
	cat "$prefix.missing" >>"$prefix.out"
done

# A report is made from the JSON of the run.
if [ -n "$REPORT$REPORT_JSON" ] && [ -z "$JSON" ]; then
	JSON=$WORK/run.json
fi

# Records -> KTAP (and JSON). Diagnostics follow the case they belong to.
# --strict-spec: a passing case whose spec note says DIVERGES fails.
: >"$WORK/deviations"
if [ "$DEVIATIONS" = 1 ]; then
	active_deviations | awk -F'\t' 'NR == FNR { sel[$0] = 1; next } ($1 in sel)' \
		<(printf '%s\n' "$SELECTED") - >"$WORK/deviations"
	[ -s "$WORK/deviations" ] &&
		echo "# known deviations of this kernel ($DEV_FILE): $(wc -l <"$WORK/deviations") cases; a failure of one is XFAIL (--no-deviations: FAIL)"
fi
cat "$WORK"/[0-9]*.out | awk -v verbose="$VERBOSE" -v json="$JSON" -v strict="$STRICT" \
	-v devfile="$WORK/deviations" \
	-v config="$CONFIG_LINE" \
	-v kernel="$KREL" -v kver="${KVER:-$(uname -r | grep -o '^[0-9]*\.[0-9]*')}" '
function jstr(s) {
	gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s)
	gsub(/[\001-\037]/, " ", s)
	return "\"" s "\""
}
function flush(   st, line, i, cat) {
	if (name == "") return
	n++
	if (strict && status == "pass" && spec ~ /DIVERGES/) {
		status = "fail"; reason = "spec divergence: " spec
	}
	if (status == "fail" && (name in dev)) {
		status = "xfail"; reason = "known deviation of this kernel: " dev[name] "; observed: " reason
	}
	if (status == "fail" || verbose) {
		if (expected != "") print "# expected: " expected
		if (observed != "") print "# observed: " observed
		if (spec != "" && verbose) print "# spec: " spec
		for (i = 1; i <= ndiag; i++) print diag[i]
	}
	if (status == "pass") { line = "ok " n " " name; passed++ }
	else if (status == "skip") { line = "ok " n " " name " # SKIP " reason; skipped++ }
	else if (status == "xfail") { line = "ok " n " " name " # XFAIL " reason; xfailed++ }
	else { line = "not ok " n " " name; failed++; if (reason != "") line = line " # " reason }
	print line
	if (json != "") {
		cat = name; sub(/\/.*/, "", cat)
		rec = sprintf("    {\"name\": %s, \"category\": %s, \"status\": %s, \"reason\": %s, \"expected\": %s, \"observed\": %s, \"spec\": %s, \"duration_ms\": %s}",
			jstr(name), jstr(cat), jstr(status), jstr(reason), jstr(expected), jstr(observed), jstr(spec), dur + 0)
		printf "%s%s", (nrec++ ? ",\n" : ""), rec > json
	}
	name = ""; ndiag = 0
}
BEGIN {
	FS = "\t"; passed = failed = skipped = xfailed = 0
	while ((getline l < devfile) > 0) {
		split(l, d, "\t"); dev[d[1]] = d[2]
	}
	if (json != "")
		printf "{\n  \"kernel\": %s,\n  \"kver\": %s,\n  \"config\": %s,\n  \"results\": [\n", jstr(kernel), jstr(kver), jstr(config) > json
}
/^@case\t/ {
	flush()
	status = $2; dur = $3; name = $4; reason = $5; expected = $6; observed = $7; spec = $8
	next
}
{ diag[++ndiag] = ($0 ~ /^#/) ? $0 : "# " $0 }
END {
	flush()
	printf "# Totals: pass:%d fail:%d xfail:%d xpass:0 skip:%d error:0\n", passed, failed, xfailed, skipped
	# the closing line has three numbers: an XFAIL is counted as skipped
	print passed " passed, " failed " failed, " skipped + xfailed " skipped"
	if (json != "") {
		printf "\n  ],\n  \"summary\": {\"passed\": %d, \"failed\": %d, \"skipped\": %d, \"xfailed\": %d}\n}\n",
			passed, failed, skipped + xfailed, xfailed > json
	}
	# nothing passed and nothing failed: KSFT_SKIP
	exit failed ? 1 : passed ? 0 : 4
}'
rc=$?
if [ -n "$REPORT$REPORT_JSON" ]; then
	# on stderr: the closing line stays the last line of the output
	if python3 "$(report_py)" "$JSON" ${REPORT:+--md "$REPORT"} \
		${REPORT_JSON:+--json "$REPORT_JSON"}; then
		echo "# report: ${REPORT:-}${REPORT:+ }${REPORT_JSON:-}" >&2
	else
		echo "run_tests.sh: cannot write the report (python3?)" >&2
		[ "$rc" = 0 ] && rc=1
	fi
fi
exit "$rc"
