/* SPDX-License-Identifier: GPL-2.0 */
/* The .bss of progs/encap.bpf.c (one global, st), shared with
 * prog_tests/push_encap.c: one definition of the layout.
 */
#ifndef ENCAP_STATE_H
#define ENCAP_STATE_H

#define ENC_MAX 272	/* > LWT_BPF_MAX_HEADROOM (256): room for a too-long one */

struct enc_state {
	/* set by the test */
	__u32 type, len;
	__u32 ret_ok;		/* returned when the push succeeded */
	__u32 ret_fail;		/* returned when it failed */
	__u32 min_len;		/* smaller packets pass as they are (TCP handshake) */
	__u32 fill_len;		/* set the outer length field from skb->len */
	__u8 hdr[ENC_MAX];
	/* set by the program */
	__s64 push_ret;
	__u64 runs;
	__u32 len_before, len_after, proto_before, proto_after;
	__u32 gso_segs;		/* the most of any packet pushed to */
	__u64 pushed;		/* packets pushed to */
	__s64 gso_push_ret;	/* the push to the last GSO packet */
};

#endif
