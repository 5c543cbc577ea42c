// SPDX-License-Identifier: GPL-2.0
/* bpf_timer_set_callback from LWT_IN: needs an initialized timer; the
 * last callback set is the one that runs.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

#define CLOCK_MONOTONIC 1

struct tval {
	struct bpf_timer t;
	__u64 fired;
	__u32 which;		/* 'a' or 'b': the callback that ran */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tval);
} timers SEC(".maps");

struct {
	long before_init, first, second, start;
} out;

static int cb_a(void *map, __u32 *key, struct tval *v)
{
	v->which = 'a';
	__sync_fetch_and_add(&v->fired, 1);
	return 0;
}

static int cb_b(void *map, __u32 *key, struct tval *v)
{
	v->which = 'b';
	__sync_fetch_and_add(&v->fired, 1);
	return 0;
}

SEC("lwt_in") int set_cb(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct tval *v = bpf_map_lookup_elem(&timers, &k);

	if (!v)
		return 1;
	out.before_init = bpf_timer_set_callback(&v->t, cb_a);
	bpf_timer_init(&v->t, &timers, CLOCK_MONOTONIC);
	out.first = bpf_timer_set_callback(&v->t, cb_a);
	out.second = bpf_timer_set_callback(&v->t, cb_b);
	out.start = bpf_timer_start(&v->t, 1000 /* ns */, 0);
	return 0;
}

LWT_LICENSE;
