// SPDX-License-Identifier: GPL-2.0
/* bpf_get_hash_recalc from LWT_IN: computes skb->hash (the flow hash).
 *
 * Only UAPI and wire structs are read: without CO-RE relocations
 * libbpf need not parse the vmlinux BTF (~45 ms a load).
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u32 field_before;	/* skb->hash before the call */
	__u32 first;		/* first call */
	__u32 second;		/* second call */
	__u32 field_after;	/* skb->hash after the calls */
} res;

SEC("lwt_in") int hash(struct __sk_buff *skb)
{
	res.field_before = skb->hash;
	res.first = bpf_get_hash_recalc(skb);
	res.second = bpf_get_hash_recalc(skb);
	res.field_after = skb->hash;
	return 0;
}

LWT_LICENSE;
