// SPDX-License-Identifier: GPL-2.0
/* bpf_map_peek_elem from LWT_IN. Userspace pushes 10 and 20 into queue
 * and stack; empty_q stays empty.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 4);
	__type(value, __u32);
} queue SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 4);
	__type(value, __u32);
} stack SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 4);
	__type(value, __u32);
} empty_q SEC(".maps");

/* [0] queue, [1] stack: two peeks each */
struct {
	long ret[2][2];
	__u32 val[2][2];
	long empty_ret;
	__u32 empty_val;
} out;

SEC("lwt_in") int peek(struct __sk_buff *skb)
{
	int i;

	for (i = 0; i < 2; i++) {
		__u32 v = 0;

		out.ret[0][i] = bpf_map_peek_elem(&queue, &v);
		out.val[0][i] = v;
		v = 0;
		out.ret[1][i] = bpf_map_peek_elem(&stack, &v);
		out.val[1][i] = v;
	}
	out.empty_val = 0xdead;
	out.empty_ret = bpf_map_peek_elem(&empty_q, &out.empty_val);
	return 0;
}

LWT_LICENSE;
