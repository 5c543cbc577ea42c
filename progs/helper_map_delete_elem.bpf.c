// SPDX-License-Identifier: GPL-2.0
/* bpf_map_delete_elem from LWT_IN. Userspace stores hmap[5] and amap[0]
 * before the run.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} hmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} amap SEC(".maps");

struct {
	long h_first, h_again;
	int h_found_after;		/* 1: lookup still found key 5 */
	int pad;
	long a_delete;
} out;

SEC("lwt_in") int delete(struct __sk_buff *skb)
{
	__u32 k = 5;

	out.h_first = bpf_map_delete_elem(&hmap, &k);
	out.h_found_after = !!bpf_map_lookup_elem(&hmap, &k);
	out.h_again = bpf_map_delete_elem(&hmap, &k);
	k = 0;
	out.a_delete = bpf_map_delete_elem(&amap, &k);
	return 0;
}

LWT_LICENSE;
