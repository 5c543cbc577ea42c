// SPDX-License-Identifier: GPL-2.0
/* bpf_for_each_map_elem from LWT_IN over an ARRAY (userspace stores
 * 1, 2, 3, 4) and a HASH (keys 10, 20, 30).
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} amap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} hmap SEC(".maps");

struct cb_ctx {
	__u64 sum, keys, calls;
	__u32 stop_at;		/* key that stops the walk, ~0: none */
};

struct {
	long a_ret, h_ret, stop_ret, bad_flags;
	__u64 a_sum, a_keys, h_sum, h_keys, stop_calls;
} out;

static long visit(struct bpf_map *map, __u32 *key, __u64 *val, struct cb_ctx *c)
{
	c->sum += *val;
	c->keys += *key;
	c->calls++;
	*val *= 10;		/* the callback gets the element itself */
	return *key == c->stop_at;	/* 1 stops the walk */
}

SEC("lwt_in") int walk(struct __sk_buff *skb)
{
	struct cb_ctx c = { .stop_at = ~0U };

	out.a_ret = bpf_for_each_map_elem(&amap, visit, &c, 0);
	out.a_sum = c.sum;
	out.a_keys = c.keys;
	c.sum = c.keys = 0;
	out.h_ret = bpf_for_each_map_elem(&hmap, visit, &c, 0);
	out.h_sum = c.sum;
	out.h_keys = c.keys;
	return 0;
}

SEC("lwt_in") int walk_stop(struct __sk_buff *skb)
{
	struct cb_ctx c = { .stop_at = 1 };

	out.stop_ret = bpf_for_each_map_elem(&amap, visit, &c, 0);
	out.stop_calls = c.calls;
	out.bad_flags = bpf_for_each_map_elem(&amap, visit, &c, 1);
	return 0;
}

LWT_LICENSE;
