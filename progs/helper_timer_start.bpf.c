// SPDX-License-Identifier: GPL-2.0
/* bpf_timer_start from LWT_IN: the callback runs once the time has
 * passed, relative (timer 0) or absolute (timer 1).
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

#define CLOCK_MONOTONIC 1
#define DELAY_NS 2000000ULL	/* 2 ms */

struct tval {
	struct bpf_timer t;
	__u64 fired, armed_ns, fire_ns;
	__u32 key_seen;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct tval);
} timers SEC(".maps");

struct {
	long no_callback, bad_flags, relative, absolute;
} out;

static int fire(void *map, __u32 *key, struct tval *v)
{
	v->fire_ns = bpf_ktime_get_ns();
	v->key_seen = *key;
	__sync_fetch_and_add(&v->fired, 1);
	return 0;
}

SEC("lwt_in") int start(struct __sk_buff *skb)
{
	__u32 k0 = 0, k1 = 1;
	struct tval *rel = bpf_map_lookup_elem(&timers, &k0);
	struct tval *abs = bpf_map_lookup_elem(&timers, &k1);

	if (!rel || !abs)
		return 1;
	bpf_timer_init(&rel->t, &timers, CLOCK_MONOTONIC);
	out.no_callback = bpf_timer_start(&rel->t, DELAY_NS, 0);
	bpf_timer_set_callback(&rel->t, fire);
	out.bad_flags = bpf_timer_start(&rel->t, DELAY_NS, 4);
	rel->key_seen = ~0U;
	rel->armed_ns = bpf_ktime_get_ns();
	out.relative = bpf_timer_start(&rel->t, DELAY_NS, 0);

	bpf_timer_init(&abs->t, &timers, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&abs->t, fire);
	abs->key_seen = ~0U;
	/* BPF_F_TIMER_ABS: nsecs is a CLOCK_MONOTONIC time, not a delay */
	abs->armed_ns = bpf_ktime_get_ns() + DELAY_NS;
	out.absolute = bpf_timer_start(&abs->t, abs->armed_ns, BPF_F_TIMER_ABS);
	return 0;
}

LWT_LICENSE;
