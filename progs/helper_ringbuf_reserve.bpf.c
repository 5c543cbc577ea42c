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
	p = bpf_ringbuf_reserve(&rb, 8192, 0);	/* more than the ring */
	out.too_big_null = !p;
	if (p)
		bpf_ringbuf_discard(p, 0);
	p = bpf_ringbuf_reserve(&rb, 8, 1);	/* flags must be 0 */
	out.bad_flags_null = !p;
	if (p)
		bpf_ringbuf_discard(p, 0);
	return 0;
}

SEC("lwt_in") int reserve_fill(struct __sk_buff *skb)
{
	struct big *a, *b, *c;

	a = bpf_ringbuf_reserve(&rb, sizeof(*a), 0);
	b = bpf_ringbuf_reserve(&rb, sizeof(*b), 0);
	c = bpf_ringbuf_reserve(&rb, sizeof(*c), 0);
	out.fill_ok[0] = !!a;
	out.fill_ok[1] = !!b;
	out.fill_ok[2] = !!c;
	if (a)
		bpf_ringbuf_submit(a, 0);
	if (b)
		bpf_ringbuf_submit(b, 0);
	if (c)
		bpf_ringbuf_submit(c, 0);
	return 0;
}

LWT_LICENSE;
