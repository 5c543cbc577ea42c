/* SPDX-License-Identifier: GPL-2.0 */
/* What a kernel splat looks like in the log: BUG, WARN_ON with its trace
 * header, Oops, KASAN, UBSAN, lockups, RCU stalls, a panic. The one-line
 * warnings cases provoke on purpose (pr_warn_once, net_crit_ratelimited)
 * do not match. One POSIX extended regex, read by lwt_main.h (each case)
 * and by tools/vmtest.sh (a guest's whole log): keep it on one line.
 */
#define LWT_SPLAT_ERE "BUG:|WARNING: CPU:|Oops|KASAN|UBSAN:|soft lockup|hard LOCKUP|self-detected stall|rcu_.*detected stall|RCU Stall|general protection fault|Kernel panic"
