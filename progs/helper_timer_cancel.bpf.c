// SPDX-License-Identifier: GPL-2.0
/* bpf_timer_cancel from LWT_IN. Timer 0 is armed for 5 ms and cancelled;
 * timer 1 is armed for 8 ms on the same CPU and left to fire: once it
 * has fired, timer 0 would have too. Timer 2 is never initialized.
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
	long cancel_own;	/* bpf_timer_cancel of its own timer in the callback */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, struct tval);
} timers SEC(".maps");

struct {
	long active, inactive, uninit;
} out;

static int fire(void *map, __u32 *key, struct tval *v)
{
	v->cancel_own = bpf_timer_cancel(&v->t);
	__sync_fetch_and_add(&v->fired, 1);
	return 0;
}

SEC("lwt_in") int cancel(struct __sk_buff *skb)
{
	__u32 k0 = 0, k1 = 1, k2 = 2;
	struct tval *a = bpf_map_lookup_elem(&timers, &k0);
	struct tval *b = bpf_map_lookup_elem(&timers, &k1);
	struct tval *c = bpf_map_lookup_elem(&timers, &k2);

	if (!a || !b || !c)
		return 1;
	bpf_timer_init(&a->t, &timers, CLOCK_MONOTONIC);
	bpf_timer_init(&b->t, &timers, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&a->t, fire);
	bpf_timer_set_callback(&b->t, fire);
	/* no flags: BPF_F_TIMER_CPU_PIN came only in 6.7 */
	bpf_timer_start(&a->t, 5000000, 0);
	bpf_timer_start(&b->t, 8000000, 0);
	out.active = bpf_timer_cancel(&a->t);
	out.inactive = bpf_timer_cancel(&a->t);
	out.uninit = bpf_timer_cancel(&c->t);
	return 0;
}

LWT_LICENSE;
