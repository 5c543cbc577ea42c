// SPDX-License-Identifier: GPL-2.0
/* bpf_dynptr_data from LWT_IN: a pointer into a local dynptr's memory;
 * NULL out of range and for the packet dynptr (that takes
 * bpf_dynptr_slice).
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
	char mem[16];
	int got, past_null, skb_null;
} out;

SEC("lwt_in") int data(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	char *p;

	__builtin_memcpy(out.mem, "................", 16);
	bpf_dynptr_from_mem(out.mem, sizeof(out.mem), 0, &d);
	p = bpf_dynptr_data(&d, 4, 4);
	if (p) {
		out.got = 1;
		p[0] = 'Q';	/* lands in out.mem[4] */
		p[3] = 'R';	/* and out.mem[7] */
	}
	out.past_null = !bpf_dynptr_data(&d, 14, 4);
	return 0;
}

SEC("?lwt_in") int data_skb(struct __sk_buff *skb)
{
	struct bpf_dynptr s;

	bpf_dynptr_from_skb(skb, 0, &s);
	out.skb_null = !bpf_dynptr_data(&s, 0, 4);
	return 0;
}

LWT_LICENSE;
