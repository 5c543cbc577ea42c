// SPDX-License-Identifier: GPL-2.0
/* bpf_skb_load_bytes from LWT_IN: offsets are from the network header. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

unsigned char ip_head[20];
long ret_in_range, ret_past_end, ret_negative;

SEC("lwt_in") int load_ip_header(struct __sk_buff *skb)
{
	unsigned char tail[8];

	ret_in_range = bpf_skb_load_bytes(skb, 0, ip_head, sizeof(ip_head));
	/* the packet's network part is 46 bytes: 40 + 8 is past its end */
	ret_past_end = bpf_skb_load_bytes(skb, 40, tail, sizeof(tail));
	ret_negative = bpf_skb_load_bytes(skb, -1, tail, sizeof(tail));
	return 0;
}

LWT_LICENSE;
