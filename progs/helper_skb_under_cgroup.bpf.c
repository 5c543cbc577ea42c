// SPDX-License-Identifier: GPL-2.0
/* bpf_skb_under_cgroup from LWT_IN against each slot of a cgroup array
 * that prog_tests fills (slot 1 stays empty; slot 3 is past the end).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u32);
} cgroups SEC(".maps");

struct {
	__s64 slot[4];
} res;

SEC("lwt_in") int under(struct __sk_buff *skb)
{
	res.slot[0] = bpf_skb_under_cgroup(skb, &cgroups, 0);
	res.slot[1] = bpf_skb_under_cgroup(skb, &cgroups, 1);
	res.slot[2] = bpf_skb_under_cgroup(skb, &cgroups, 2);
	res.slot[3] = bpf_skb_under_cgroup(skb, &cgroups, 3);
	return 0;
}

LWT_LICENSE;
