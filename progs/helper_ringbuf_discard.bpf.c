// SPDX-License-Identifier: GPL-2.0
/* bpf_ringbuf_discard from LWT_IN: the record never reaches the reader. */
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

#define MAGIC 0x44495343	/* DISC */

SEC("lwt_in") int discard_first(struct __sk_buff *skb)
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
	bpf_ringbuf_discard(a, 0);
	bpf_ringbuf_submit(b, 0);
	return 0;
}

LWT_LICENSE;
