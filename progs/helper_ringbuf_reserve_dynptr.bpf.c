// SPDX-License-Identifier: GPL-2.0
/* bpf_ringbuf_reserve_dynptr from LWT_IN: a record of a size known only at
 * run time (skb->len), written through the dynptr.
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

struct {
	long ok, bad_flags, too_big, read_bad, write_end, write_past;
	char probe[4];
} out;

SEC("lwt_in") int reserve_dynptr(struct __sk_buff *skb)
{
	__u32 magic = 0x44594e52;	/* DYNR */
	struct bpf_dynptr d, e, f;

	out.ok = bpf_ringbuf_reserve_dynptr(&rb, skb->len, 0, &d);
	bpf_dynptr_write(&d, 0, &magic, sizeof(magic), 0);
	/* the dynptr spans skb->len (46) bytes: the last 4 fit, 43..46 not */
	out.write_end = bpf_dynptr_write(&d, skb->len - 4, &magic, sizeof(magic), 0);
	out.write_past = bpf_dynptr_write(&d, skb->len - 3, &magic, sizeof(magic), 0);
	bpf_ringbuf_submit_dynptr(&d, 0);

	/* failures leave a NULL dynptr, which must still be released */
	out.bad_flags = bpf_ringbuf_reserve_dynptr(&rb, 8, 1, &e);
	out.read_bad = bpf_dynptr_read(out.probe, 1, &e, 0, 0);
	bpf_ringbuf_discard_dynptr(&e, 0);
	out.too_big = bpf_ringbuf_reserve_dynptr(&rb, 8192, 0, &f);
	bpf_ringbuf_discard_dynptr(&f, 0);
	return 0;
}

LWT_LICENSE;
