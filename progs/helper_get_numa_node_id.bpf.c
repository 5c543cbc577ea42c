// SPDX-License-Identifier: GPL-2.0
/* bpf_get_numa_node_id from LWT_IN: two calls in one run. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 first, second;
} res;

SEC("lwt_in") int node(struct __sk_buff *skb)
{
	res.first = bpf_get_numa_node_id();
	res.second = bpf_get_numa_node_id();
	return 0;
}

LWT_LICENSE;
