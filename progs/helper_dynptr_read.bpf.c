// SPDX-License-Identifier: GPL-2.0
/* bpf_dynptr_read from LWT_IN: from a local dynptr and from the packet
 * (bpf_dynptr_from_skb, which LWT_IN may call).
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"
#include "lwt_kfunc.h"

/* kfuncs through placeholders (lwt_kfunc.h). Programs calling one are
 * "?lwt_in": the test loads them itself.
 */
LWT_KFUNC(int, bpf_dynptr_from_skb, struct __sk_buff *skb, __u64 flags, struct bpf_dynptr *ptr);

struct {
	char src[16], tail[4], untouched[4], iph[20], skb_untouched[4];
	long tail_ret, past_ret, flags_ret, skb_ret, skb_past_ret;
} out;

SEC("lwt_in") int read_mem(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	__builtin_memcpy(out.src, "0123456789abcdef", 16);
	__builtin_memcpy(out.untouched, "----", 4);
	bpf_dynptr_from_mem(out.src, sizeof(out.src), 0, &d);
	out.tail_ret = bpf_dynptr_read(out.tail, 4, &d, 12, 0);
	out.past_ret = bpf_dynptr_read(out.untouched, 4, &d, 13, 0);
	out.flags_ret = bpf_dynptr_read(out.untouched, 4, &d, 0, 1);
	return 0;
}

SEC("?lwt_in") int read_skb(struct __sk_buff *skb)
{
	struct bpf_dynptr s;

	__builtin_memcpy(out.skb_untouched, "----", 4);
	bpf_dynptr_from_skb(skb, 0, &s);
	out.skb_ret = bpf_dynptr_read(out.iph, sizeof(out.iph), &s, 0, 0);
	/* the dynptr spans skb->len (46): 44 + 4 is past it */
	out.skb_past_ret = bpf_dynptr_read(out.skb_untouched, 4, &s, 44, 0);
	return 0;
}

LWT_LICENSE;
