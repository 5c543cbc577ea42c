// SPDX-License-Identifier: GPL-2.0
/* bpf_skb_pull_data from LWT_IN: make bytes of the packet direct-readable.
 *
 * Only UAPI and wire structs are read: without CO-RE relocations
 * libbpf need not parse the vmlinux BTF (~45 ms a load).
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "lwt_misc.h"

/* One struct, so the .bss layout is the one prog_tests sees. */
struct {
	__s64 len_before;	/* data_end - data before any pull */
	__s64 ret_headers;	/* pull of the IPv4 + UDP headers (28 bytes) */
	__s64 len_headers;	/* data_end - data after it */
	__s64 dport;		/* UDP destination port read directly, or -1 */
	__s64 ret_zero;		/* len 0: the whole linear part */
	__s64 ret_all;		/* exactly the 46 bytes of the packet */
	__s64 ret_past_end;	/* one byte more than the packet */
	__s64 len_after;	/* data_end - data after the failed pull */
} res;

static __always_inline __s64 direct_len(struct __sk_buff *skb)
{
	return (__s64)(long)skb->data_end - (__s64)(long)skb->data;
}

SEC("lwt_in") int pull(struct __sk_buff *skb)
{
	void *data, *end;

	res.len_before = direct_len(skb);
	res.ret_headers = bpf_skb_pull_data(skb, 28);
	res.len_headers = direct_len(skb);
	/* the pull invalidated the old packet pointers: load them again */
	data = (void *)(long)skb->data;
	end = (void *)(long)skb->data_end;
	res.dport = -1;
	if (data + 28 <= end)
		res.dport = bpf_ntohs(((struct udphdr *)(data + 20))->dest);
	res.ret_zero = bpf_skb_pull_data(skb, 0);
	res.ret_all = bpf_skb_pull_data(skb, 46);
	res.ret_past_end = bpf_skb_pull_data(skb, 47);
	res.len_after = direct_len(skb);
	return 0;
}

LWT_LICENSE;
