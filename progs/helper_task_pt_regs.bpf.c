// SPDX-License-Identifier: GPL-2.0
/* bpf_task_pt_regs from LWT_IN: the user registers saved on entry to the
 * bpf() syscall of the task that ran BPF_PROG_TEST_RUN.
 *
 * pt_regs is the user ABI (ptrace) layout: no CO-RE relocation needed,
 * and without one libbpf need not parse the vmlinux BTF (~45 ms a load).
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 regs;
	__u64 syscall_nr;	/* x86-64: orig_ax, the syscall number */
} res;

SEC("lwt_in") int regs(struct __sk_buff *skb)
{
	struct pt_regs *r;

	/* the helper returns a pt_regs BTF pointer, declared as long */
	r = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());

	res.regs = (__u64)(long)r;
	res.syscall_nr = r->orig_ax;
	return 0;
}

LWT_LICENSE;
