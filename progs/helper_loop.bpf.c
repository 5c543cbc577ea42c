// SPDX-License-Identifier: GPL-2.0
/* bpf_loop from LWT_IN. */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct loop_ctx {
	__u64 sum, calls;
	__u32 stop_at;		/* index that stops the loop, ~0: none */
};

struct {
	long ret5, stop_ret, zero_ret, bad_flags, too_many, too_many_inlined;
	__u64 sum5, calls5, stop_calls, zero_calls;
	/* set by userspace, unknown to the verifier: n = (1 << 23) + 1,
	 * flags = 0 (a flags value it cannot see keeps the call a call)
	 */
	__u64 flags;
	__u32 n;
} out;

static long step(__u64 i, struct loop_ctx *c)
{
	c->sum += i;
	c->calls++;
	return i == c->stop_at;	/* 1 stops the loop */
}

SEC("lwt_in") int loop(struct __sk_buff *skb)
{
	struct loop_ctx c = { .stop_at = ~0U };

	out.ret5 = bpf_loop(5, step, &c, 0);
	out.sum5 = c.sum;
	out.calls5 = c.calls;

	c.calls = 0;
	c.stop_at = 2;
	out.stop_ret = bpf_loop(5, step, &c, 0);
	out.stop_calls = c.calls;

	c.calls = 0;
	c.stop_at = ~0U;
	out.zero_ret = bpf_loop(0, step, &c, 0);
	out.zero_calls = c.calls;
	return 0;
}

SEC("lwt_in") int loop_bad(struct __sk_buff *skb)
{
	struct loop_ctx c = { .stop_at = 0 };

	out.bad_flags = bpf_loop(1, step, &c, 1);
	/* BPF_MAX_LOOPS is 1 << 23 */
	out.too_many = bpf_loop(out.n, step, &c, out.flags);
	/* constant flags 0: the verifier inlines this call (inline_bpf_loop) */
	out.too_many_inlined = bpf_loop(out.n, step, &c, 0);
	return 0;
}

LWT_LICENSE;
