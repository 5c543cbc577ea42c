// SPDX-License-Identifier: GPL-2.0
/* bpf_ringbuf_query from LWT_IN: size and positions around one 16-byte
 * record (24 bytes with its header), before and after userspace reads it.
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

/* [0] before the record, [1] after it, [2] after userspace read it */
struct {
	__u64 avail[3], prod[3], cons[3];
	__u64 size, unknown;
} out;

static __always_inline void snap(int i)
{
	out.avail[i] = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);
	out.prod[i] = bpf_ringbuf_query(&rb, BPF_RB_PROD_POS);
	out.cons[i] = bpf_ringbuf_query(&rb, BPF_RB_CONS_POS);
}

SEC("lwt_in") int query_write(struct __sk_buff *skb)
{
	__u64 rec[2] = { 0x5155455259, 1 };	/* QUERY */

	out.size = bpf_ringbuf_query(&rb, BPF_RB_RING_SIZE);
	out.unknown = bpf_ringbuf_query(&rb, 99);
	snap(0);
	bpf_ringbuf_output(&rb, rec, sizeof(rec), 0);
	snap(1);
	return 0;
}

SEC("lwt_in") int query_after(struct __sk_buff *skb)
{
	snap(2);
	return 0;
}

LWT_LICENSE;
