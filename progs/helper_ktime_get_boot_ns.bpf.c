// SPDX-License-Identifier: GPL-2.0
/* bpf_ktime_get_boot_ns from LWT_IN: two calls in one run. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 first, second;
} res;

SEC("lwt_in") int now(struct __sk_buff *skb)
{
	res.first = bpf_ktime_get_boot_ns();
	res.second = bpf_ktime_get_boot_ns();
	return 0;
}

LWT_LICENSE;
