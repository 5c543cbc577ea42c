// SPDX-License-Identifier: GPL-2.0
/* bpf_get_current_task_btf from LWT_IN: a typed pointer to the task that
 * ran BPF_PROG_TEST_RUN, read directly.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__s32 pid, tgid;
} res;

SEC("lwt_in") int task(struct __sk_buff *skb)
{
	struct task_struct *t = bpf_get_current_task_btf();

	res.pid = t->pid;
	res.tgid = t->tgid;
	return 0;
}

LWT_LICENSE;
