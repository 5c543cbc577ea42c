// SPDX-License-Identifier: GPL-2.0
/* bpf_ringbuf_submit from LWT_IN: a submitted record reaches the reader,
 * in the order of reservation.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

struct rec {
	__u32 magic, seq;
};

#define MAGIC 0x5355424d	/* SUBM */

SEC("lwt_in") int submit_two(struct __sk_buff *skb)
{
	struct rec *a = bpf_ringbuf_reserve(&rb, sizeof(*a), 0);
	struct rec *b;

	if (!a)
		return 1;
	b = bpf_ringbuf_reserve(&rb, sizeof(*b), 0);
	if (!b) {
		bpf_ringbuf_discard(a, 0);
		return 1;
	}
	a->magic = b->magic = MAGIC;
	a->seq = 1;
	b->seq = 2;
	bpf_ringbuf_submit(b, 0);	/* second first: order is by reservation */
	bpf_ringbuf_submit(a, 0);
	return 0;
}

/* No wakeup for a sleeping reader; the record is still there to read. */
SEC("lwt_in") int submit_no_wakeup(struct __sk_buff *skb)
{
	struct rec *r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);

	if (!r)
		return 1;
	r->magic = MAGIC;
	r->seq = 3;
	bpf_ringbuf_submit(r, BPF_RB_NO_WAKEUP);
	return 0;
}

LWT_LICENSE;
