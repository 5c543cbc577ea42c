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

#include "encap_state.h"

struct enc_state st;

SEC("push") int encap(struct __sk_buff *skb)
{
	__u64 len = st.len;	/* 64-bit: the checks below bound this register */
	bool gso;

	__sync_fetch_and_add(&st.runs, 1);
	/* two plain checks: clang would fold them into one range test
	 * (len - 1 > ENC_MAX - 1), and turn "len < 1" into "len == 0",
	 * neither of which the 6.1 verifier bounds len by; the cases push
	 * 19 bytes or more
	 */
	if (len > ENC_MAX)
		return BPF_DROP;
	asm volatile("" : "+r"(len));
	if (len < 8)
		return BPF_DROP;
	if (skb->len < st.min_len)
		return BPF_OK;
	__sync_fetch_and_add(&st.pushed, 1);
	gso = skb->gso_segs > 1;
	if (skb->gso_segs > st.gso_segs)
		st.gso_segs = skb->gso_segs;
	if (st.fill_len) {	/* as a real program would; GSO redoes it per segment */
		__u32 tot = len + skb->len - ((st.hdr[0] >> 4) == 6 ? 40 : 0);

		__u32 ip = (st.hdr[0] >> 4) == 6 ? 40 : 20;
		__u8 proto = st.hdr[ip == 40 ? 6 : 9];

		st.hdr[ip == 40 ? 4 : 2] = tot >> 8;
		st.hdr[ip == 40 ? 5 : 3] = tot & 0xff;
		if (proto == IPPROTO_UDP) {	/* and the UDP length */
			st.hdr[ip + 4] = (skb->len + 8) >> 8;
			st.hdr[ip + 5] = (skb->len + 8) & 0xff;
		}
	}
	st.len_before = skb->len;
	st.proto_before = skb->protocol;
	st.push_ret = bpf_lwt_push_encap(skb, st.type, st.hdr, len);
	if (gso)
		st.gso_push_ret = st.push_ret;
	st.len_after = skb->len;
	st.proto_after = skb->protocol;
	return st.push_ret ? st.ret_fail : st.ret_ok;
}

LWT_LICENSE;
