// SPDX-License-Identifier: GPL-2.0
/* bpf_lwt_push_encap() from LWT_IN on real packets (push_encap category;
 * iproute2 would take it as "section push").
 * The test writes what to push into st (type, header bytes, length, what
 * to return) before it sends; the program pushes it and reports the
 * helper's return value and the packet's length and protocol around it.
 * Mirrored in prog_tests/push_encap.c.
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

#define ENC_MAX 272	/* > LWT_BPF_MAX_HEADROOM (256): room for a too-long one */

struct enc_state {
	/* set by the test */
	__u32 type, len;
	__u32 ret_ok;		/* returned when the push succeeded */
	__u32 ret_fail;		/* returned when it failed */
	__u8 hdr[ENC_MAX];
	/* set by the program */
	__s64 push_ret;
	__u64 runs;
	__u32 len_before, len_after, proto_before, proto_after;
} st;

SEC("push") int encap(struct __sk_buff *skb)
{
	__u32 len = st.len;

	__sync_fetch_and_add(&st.runs, 1);
	if (len < 1 || len > ENC_MAX)
		return BPF_DROP;
	st.len_before = skb->len;
	st.proto_before = skb->protocol;
	st.push_ret = bpf_lwt_push_encap(skb, st.type, st.hdr, len);
	st.len_after = skb->len;
	st.proto_after = skb->protocol;
	return st.push_ret ? st.ret_fail : st.ret_ok;
}

LWT_LICENSE;
