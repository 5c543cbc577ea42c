// SPDX-License-Identifier: GPL-2.0
/* bpf_get_cgroup_classid from LWT_IN: the net_cls classid. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 classid;
} res;

SEC("lwt_in") int classid(struct __sk_buff *skb)
{
	res.classid = bpf_get_cgroup_classid(skb);
	return 0;
}

LWT_LICENSE;
