// SPDX-License-Identifier: GPL-2.0
/* bpf_timer_init from LWT_IN: once per timer, with the clocks it takes. */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

/* include/uapi/linux/time.h (not in vmlinux.h) */
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_BOOTTIME			7

struct tval {
	struct bpf_timer t;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct tval);
} timers SEC(".maps");

struct {
	long first, again, realtime, boottime, cputime, past_max_clocks;
} out;

SEC("lwt_in") int init(struct __sk_buff *skb)
{
	__u32 k0 = 0, k1 = 1, k2 = 2, k3 = 3;
	struct tval *a = bpf_map_lookup_elem(&timers, &k0);
	struct tval *b = bpf_map_lookup_elem(&timers, &k1);
	struct tval *c = bpf_map_lookup_elem(&timers, &k2);
	struct tval *d = bpf_map_lookup_elem(&timers, &k3);

	if (!a || !b || !c || !d)
		return 1;
	out.first = bpf_timer_init(&a->t, &timers, CLOCK_MONOTONIC);
	out.again = bpf_timer_init(&a->t, &timers, CLOCK_MONOTONIC);
	out.realtime = bpf_timer_init(&b->t, &timers, CLOCK_REALTIME);
	out.boottime = bpf_timer_init(&c->t, &timers, CLOCK_BOOTTIME);
	out.cputime = bpf_timer_init(&d->t, &timers, CLOCK_PROCESS_CPUTIME_ID);
	/* MAX_CLOCKS is 16: a clock id with bit 4 set is out of range */
	out.past_max_clocks = bpf_timer_init(&d->t, &timers, 16 | CLOCK_MONOTONIC);
	return 0;
}

LWT_LICENSE;
