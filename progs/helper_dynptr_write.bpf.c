// SPDX-License-Identifier: GPL-2.0
/* bpf_dynptr_write from LWT_IN: into a local dynptr's memory; the packet
 * dynptr is read-only here (LWT_IN may not write the packet).
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
	char dst[16], pkt_after[4];
	long ok, past, flags, skb_ret, skb_read;
} out;

SEC("lwt_in") int write_mem(struct __sk_buff *skb)
{
	char w[4] = { 'W', 'X', 'Y', 'Z' };
	struct bpf_dynptr d;

	__builtin_memcpy(out.dst, "................", 16);
	bpf_dynptr_from_mem(out.dst, sizeof(out.dst), 0, &d);
	out.ok = bpf_dynptr_write(&d, 4, w, sizeof(w), 0);
	out.past = bpf_dynptr_write(&d, 14, w, sizeof(w), 0);
	out.flags = bpf_dynptr_write(&d, 0, w, sizeof(w), 1);
	return 0;
}

SEC("?lwt_in") int write_skb(struct __sk_buff *skb)
{
	char w[4] = { 'W', 'X', 'Y', 'Z' };
	struct bpf_dynptr s;

	bpf_dynptr_from_skb(skb, 0, &s);
	out.skb_ret = bpf_dynptr_write(&s, 0, w, sizeof(w), 0);
	out.skb_read = bpf_dynptr_read(out.pkt_after, 4, &s, 0, 0);
	return 0;
}

LWT_LICENSE;
