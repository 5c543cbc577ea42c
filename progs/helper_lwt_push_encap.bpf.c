// SPDX-License-Identifier: GPL-2.0
/* bpf_lwt_push_encap from LWT_IN, only the calls that fail before they
 * touch the skb's route (BPF_PROG_TEST_RUN attaches none).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__s64 unknown_type;	/* encap type 99 */
	__s64 seg6_bad_srh;	/* BPF_LWT_ENCAP_SEG6, header not an SRH */
	__s64 inline_on_ipv4;	/* BPF_LWT_ENCAP_SEG6_INLINE, valid SRH, IPv4 skb */
} res;

SEC("lwt_in") int push(struct __sk_buff *skb)
{
	/* A valid segment routing header with one segment (::1):
	 * hdrlen (24 / 8) - 1 = 2, type 4, segments_left 0, first_segment 0.
	 */
	__u8 srh[24] = { [1] = 2, [2] = 4, [23] = 1 };
	__u8 junk[24] = {};

	res.unknown_type = bpf_lwt_push_encap(skb, 99, srh, sizeof(srh));
	res.seg6_bad_srh = bpf_lwt_push_encap(skb, BPF_LWT_ENCAP_SEG6, junk,
					      sizeof(junk));
	res.inline_on_ipv4 = bpf_lwt_push_encap(skb, BPF_LWT_ENCAP_SEG6_INLINE,
						srh, sizeof(srh));
	return 0;
}

LWT_LICENSE;
