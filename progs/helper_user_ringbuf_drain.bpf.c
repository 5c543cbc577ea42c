// SPDX-License-Identifier: GPL-2.0
/* bpf_user_ringbuf_drain from LWT_IN: samples userspace wrote reach the
 * callback as dynptrs.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} urb SEC(".maps");

struct drain_ctx {
	long stop;		/* callback's return: 1 stops the drain */
	__u32 calls;
};

struct {
	long drained, again, bad_flags, read_ret, read_past;
	__u32 calls, pad;
	char data[16];		/* the last sample's 16 bytes */
	char probe[4];
} out;

static long on_sample(struct bpf_dynptr *d, struct drain_ctx *c)
{
	c->calls++;
	out.read_ret = bpf_dynptr_read(out.data, sizeof(out.data), d, 0, 0);
	/* the dynptr spans the sample: 16 bytes, nothing at offset 16 */
	out.read_past = bpf_dynptr_read(out.probe, 1, d, 16, 0);
	return c->stop;
}

SEC("lwt_in") int drain_all(struct __sk_buff *skb)
{
	struct drain_ctx c = {};

	out.drained = bpf_user_ringbuf_drain(&urb, on_sample, &c, 0);
	out.again = bpf_user_ringbuf_drain(&urb, on_sample, &c, 0);
	out.calls = c.calls;
	return 0;
}

SEC("lwt_in") int drain_one(struct __sk_buff *skb)
{
	struct drain_ctx c = { .stop = 1 };

	out.drained = bpf_user_ringbuf_drain(&urb, on_sample, &c, 0);
	out.calls = c.calls;
	return 0;
}

SEC("lwt_in") int drain_bad_flags(struct __sk_buff *skb)
{
	struct drain_ctx c = {};

	/* only BPF_RB_NO_WAKEUP and BPF_RB_FORCE_WAKEUP are flags */
	out.bad_flags = bpf_user_ringbuf_drain(&urb, on_sample, &c, 4);
	out.calls = c.calls;
	return 0;
}

LWT_LICENSE;
