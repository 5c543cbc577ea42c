// SPDX-License-Identifier: GPL-2.0
/* bpf_get_current_task from LWT_IN: the task that ran BPF_PROG_TEST_RUN,
 * as an untyped address.
 *
 * No field is read: without CO-RE relocations libbpf need not parse the
 * vmlinux BTF (~45 ms a load).
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 first, second;	/* two calls */
	__u64 task_btf;		/* bpf_get_current_task_btf(), the typed one */
} res;

SEC("lwt_in") int task(struct __sk_buff *skb)
{
	res.first = bpf_get_current_task();
	res.second = bpf_get_current_task();
	res.task_btf = (__u64)(long)bpf_get_current_task_btf();
	return 0;
}

LWT_LICENSE;
