// SPDX-License-Identifier: GPL-2.0
/* bpf_ringbuf_reserve from LWT_IN: space in the ring, or NULL. */
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
	__u32 magic, len;
};

struct big {
	char b[2000];		/* 2008 with the header: two fit in 4096 */
};

struct {
	int one_ok, too_big_null, bad_flags_null;
	int fill_ok[3];
} out;

SEC("lwt_in") int reserve_one(struct __sk_buff *skb)
{
	struct rec *r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);
	void *p;

	if (r) {
		out.one_ok = 1;
		r->magic = 0x52535256;	/* RSRV */
		r->len = skb->len;
		bpf_ringbuf_submit(r, 0);
	}
	/* branch on p itself: a flag computed from it (!p) is not tied to
	 * the reference by older verifiers (6.1: "Unreleased reference")
	 */
	p = bpf_ringbuf_reserve(&rb, 8192, 0);	/* more than the ring */
	if (p) {
		out.too_big_null = 0;
		bpf_ringbuf_discard(p, 0);
	} else {
		out.too_big_null = 1;
	}
	p = bpf_ringbuf_reserve(&rb, 8, 1);	/* flags must be 0 */
	if (p) {
		out.bad_flags_null = 0;
		bpf_ringbuf_discard(p, 0);
	} else {
		out.bad_flags_null = 1;
	}
	return 0;
}

SEC("lwt_in") int reserve_fill(struct __sk_buff *skb)
{
	struct big *a, *b, *c;

	a = bpf_ringbuf_reserve(&rb, sizeof(*a), 0);
	b = bpf_ringbuf_reserve(&rb, sizeof(*b), 0);
	c = bpf_ringbuf_reserve(&rb, sizeof(*c), 0);
	/* branches on the pointers themselves (see reserve_one) */
	if (a) {
		out.fill_ok[0] = 1;
		bpf_ringbuf_submit(a, 0);
	} else {
		out.fill_ok[0] = 0;
	}
	if (b) {
		out.fill_ok[1] = 1;
		bpf_ringbuf_submit(b, 0);
	} else {
		out.fill_ok[1] = 0;
	}
	if (c) {
		out.fill_ok[2] = 1;
		bpf_ringbuf_submit(c, 0);
	} else {
		out.fill_ok[2] = 0;
	}
	return 0;
}

LWT_LICENSE;
