// SPDX-License-Identifier: GPL-2.0
/* bpf_ringbuf_discard_dynptr from LWT_IN: the record never reaches the
 * reader; the one after it does.
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

SEC("lwt_in") int discard_dynptr(struct __sk_buff *skb)
{
	struct rec ra = { 0x4444594e /* DDYN */, 1 }, rb2 = { 0x4444594e, 2 };
	struct bpf_dynptr a, b;

	bpf_ringbuf_reserve_dynptr(&rb, sizeof(ra), 0, &a);
	bpf_ringbuf_reserve_dynptr(&rb, sizeof(rb2), 0, &b);
	bpf_dynptr_write(&a, 0, &ra, sizeof(ra), 0);
	bpf_dynptr_write(&b, 0, &rb2, sizeof(rb2), 0);
	bpf_ringbuf_discard_dynptr(&a, 0);
	bpf_ringbuf_submit_dynptr(&b, 0);
	return 0;
}

LWT_LICENSE;
