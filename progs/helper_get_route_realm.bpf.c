// SPDX-License-Identifier: GPL-2.0
/* bpf_get_route_realm from LWT_IN: the realm of the skb's route. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 realm;
} res;

SEC("lwt_in") int realm(struct __sk_buff *skb)
{
	res.realm = bpf_get_route_realm(skb);
	return 0;
}

LWT_LICENSE;
