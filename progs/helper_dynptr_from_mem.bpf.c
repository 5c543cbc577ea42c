// SPDX-License-Identifier: GPL-2.0
/* bpf_dynptr_from_mem from LWT_IN: a local dynptr over map memory (.bss). */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	char buf[16], head[16], probe[8];
	long ok, bad_flags, zero;
	long read_all, read_past, read_bad, read_zero;
} out;

SEC("lwt_in") int from_mem(struct __sk_buff *skb)
{
	struct bpf_dynptr d, bad, zero;

	__builtin_memcpy(out.buf, "dynptr-from-mem", 16);
	out.ok = bpf_dynptr_from_mem(out.buf, sizeof(out.buf), 0, &d);
	/* its size is the 16 given: all 16 bytes read, 1 at offset 16 does not */
	out.read_all = bpf_dynptr_read(out.head, 16, &d, 0, 0);
	out.read_past = bpf_dynptr_read(out.probe, 1, &d, 16, 0);

	/* flags must be 0; the dynptr is then NULL */
	out.bad_flags = bpf_dynptr_from_mem(out.buf, sizeof(out.buf), 1, &bad);
	out.read_bad = bpf_dynptr_read(out.probe, 1, &bad, 0, 0);

	out.zero = bpf_dynptr_from_mem(out.buf, 0, 0, &zero);
	out.read_zero = bpf_dynptr_read(out.probe, 1, &zero, 0, 0);
	return 0;
}

/* Only map memory may back it, not the stack (verifier). */
SEC("?lwt_in") int from_stack(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	char b[8] = {};

	bpf_dynptr_from_mem(b, sizeof(b), 0, &d);
	return 0;
}

LWT_LICENSE;
