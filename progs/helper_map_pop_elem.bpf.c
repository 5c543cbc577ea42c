// SPDX-License-Identifier: GPL-2.0
/* bpf_map_pop_elem from LWT_IN. Userspace pushes 10, 20, 30 into both
 * maps before the run.
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

/* [0] queue, [1] stack; four pops of three elements */
struct {
	long ret[2][4];
	__u32 val[2][4];
} out;

SEC("lwt_in") int pop(struct __sk_buff *skb)
{
	int i;

	for (i = 0; i < 4; i++) {
		__u32 v = 0xdead;	/* an empty pop must clear it */

		out.ret[0][i] = bpf_map_pop_elem(&queue, &v);
		out.val[0][i] = v;
		v = 0xdead;
		out.ret[1][i] = bpf_map_pop_elem(&stack, &v);
		out.val[1][i] = v;
	}
	return 0;
}

LWT_LICENSE;
