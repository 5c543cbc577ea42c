// SPDX-License-Identifier: GPL-2.0
/* bpf_probe_read_kernel from LWT_IN: current->comm, and address 0. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	char comm[16];
	__u8 bad[8];
	__s64 ret_comm, ret_bad;
} res;

SEC("lwt_in") int read(struct __sk_buff *skb)
{
	struct task_struct *t = bpf_get_current_task_btf();

	res.ret_comm = bpf_probe_read_kernel(res.comm, sizeof(res.comm), &t->comm);
	__builtin_memset(res.bad, 0xff, sizeof(res.bad));
	res.ret_bad = bpf_probe_read_kernel(res.bad, sizeof(res.bad), NULL);
	return 0;
}

LWT_LICENSE;
