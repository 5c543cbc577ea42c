// SPDX-License-Identifier: GPL-2.0
/* bpf_map_push_elem from LWT_IN into a QUEUE and a STACK of 3. Userspace
 * pops the result afterwards.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 3);
	__type(value, __u32);
} queue SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 3);
	__type(value, __u32);
} stack SEC(".maps");

/* [0] queue, [1] stack */
struct {
	long push[2][3], full[2], replace[2], noexist[2];
} out;

static __always_inline void fill(void *map, int i)
{
	__u32 v = 1;

	out.push[i][0] = bpf_map_push_elem(map, &v, 0);
	v = 2;
	out.push[i][1] = bpf_map_push_elem(map, &v, 0);
	v = 3;
	out.push[i][2] = bpf_map_push_elem(map, &v, 0);
	v = 4;
	out.full[i] = bpf_map_push_elem(map, &v, 0);
	v = 5;		/* BPF_EXIST: make room by dropping the oldest */
	out.replace[i] = bpf_map_push_elem(map, &v, BPF_EXIST);
	out.noexist[i] = bpf_map_push_elem(map, &v, BPF_NOEXIST);
}

SEC("lwt_in") int push(struct __sk_buff *skb)
{
	fill(&queue, 0);
	fill(&stack, 1);
	return 0;
}

LWT_LICENSE;
