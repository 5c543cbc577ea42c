// SPDX-License-Identifier: GPL-2.0
/* bpf_probe_read_kernel_str from LWT_IN: current->comm whole and
 * truncated, and address 0.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	char comm[16];
	char small[4];
	__u8 bad[8];
	__s64 ret_comm, ret_small, ret_bad;
} res;

SEC("lwt_in") int read(struct __sk_buff *skb)
{
	struct task_struct *t = bpf_get_current_task_btf();

	res.ret_comm = bpf_probe_read_kernel_str(res.comm, sizeof(res.comm), &t->comm);
	res.ret_small = bpf_probe_read_kernel_str(res.small, sizeof(res.small), &t->comm);
	__builtin_memset(res.bad, 0xff, sizeof(res.bad));
	res.ret_bad = bpf_probe_read_kernel_str(res.bad, sizeof(res.bad), NULL);
	return 0;
}

LWT_LICENSE;
