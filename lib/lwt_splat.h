/* SPDX-License-Identifier: GPL-2.0 */
/* What a kernel splat looks like in the log: BUG, WARN_ON with its trace
 * header, Oops, KASAN, UBSAN, lockups, RCU stalls, a panic. The one-line
 * warnings cases provoke on purpose (pr_warn_once, net_crit_ratelimited)
 * do not match. One POSIX extended regex, read by lwt_main.h (each case)
 * and by tools/vmtest.sh (a guest's whole log): keep it on one line.
 */
#define LWT_SPLAT_ERE "BUG:|WARNING: CPU:|Oops|KASAN|UBSAN:|soft lockup|hard LOCKUP|self-detected stall|rcu_.*detected stall|RCU Stall|general protection fault|Kernel panic"

/* Under TCG (tools/vmtest.sh sets LWT_ACCEL=tcg in the guest), a splat
 * line that also matches this is the emulator's, not the kernel's: a
 * single-step #DB that the guest never asked for, which exc_debug_kernel()
 * warns about ("if we get here with DR_STEP set, something is wonky ...
 * QEMU ... leaks #DB into the guest"; seen on 6.12 under QEMU 7.2 TCG).
 * Reported, not counted.
 */
#define LWT_SPLAT_TCG_ERE "at arch/x86/kernel/traps.c:[0-9]+ exc_debug_kernel"
