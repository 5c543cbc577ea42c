// SPDX-License-Identifier: GPL-2.0
/* bpf_map_update_elem from LWT_IN: the flags on a HASH and an ARRAY map. */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 2);		/* small: the third key does not fit */
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
	long h_any, h_noexist_dup, h_exist_missing, h_exist, h_second, h_full,
	     h_bad_flags;
	long a_any, a_noexist, a_exist, a_past_end, a_bad_flags;
} out;

SEC("lwt_in") int update_hash(struct __sk_buff *skb)
{
	__u32 k = 1;
	__u64 v = 100;

	out.h_any = bpf_map_update_elem(&hmap, &k, &v, BPF_ANY);
	out.h_noexist_dup = bpf_map_update_elem(&hmap, &k, &v, BPF_NOEXIST);
	v = 101;
	out.h_exist = bpf_map_update_elem(&hmap, &k, &v, BPF_EXIST);
	k = 2;
	out.h_exist_missing = bpf_map_update_elem(&hmap, &k, &v, BPF_EXIST);
	v = 200;
	out.h_second = bpf_map_update_elem(&hmap, &k, &v, BPF_NOEXIST);
	k = 3;		/* two elements stored: the map is full */
	out.h_full = bpf_map_update_elem(&hmap, &k, &v, BPF_ANY);
	out.h_bad_flags = bpf_map_update_elem(&hmap, &k, &v, 8);
	return 0;
}

SEC("lwt_in") int update_array(struct __sk_buff *skb)
{
	__u32 k = 1;
	__u64 v = 300;

	out.a_any = bpf_map_update_elem(&amap, &k, &v, BPF_ANY);
	v = 301;
	out.a_exist = bpf_map_update_elem(&amap, &k, &v, BPF_EXIST);
	out.a_noexist = bpf_map_update_elem(&amap, &k, &v, BPF_NOEXIST);
	k = 4;		/* == max_entries */
	out.a_past_end = bpf_map_update_elem(&amap, &k, &v, BPF_ANY);
	k = 2;
	out.a_bad_flags = bpf_map_update_elem(&amap, &k, &v, 8);
	return 0;
}

LWT_LICENSE;
