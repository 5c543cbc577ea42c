// SPDX-License-Identifier: GPL-2.0
/* bpf_ringbuf_output from LWT_IN: the copy arrives in userspace. */
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

struct {
	long ok, bad_flags, too_big;
} out;

/* with its 8-byte header more than the ring; in .rodata, not in .bss */
const volatile char big[4096] = { 1 };

SEC("lwt_in") int output(struct __sk_buff *skb)
{
	struct rec r = { .magic = 0x4f555450 /* OUTP */, .len = skb->len };

	out.ok = bpf_ringbuf_output(&rb, &r, sizeof(r), 0);
	out.bad_flags = bpf_ringbuf_output(&rb, &r, sizeof(r), 4);
	out.too_big = bpf_ringbuf_output(&rb, (void *)big, sizeof(big), 0);
	return 0;
}

LWT_LICENSE;
