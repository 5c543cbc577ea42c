// SPDX-License-Identifier: GPL-2.0
/* helpers that read the packet: skb_load_bytes, ... (included by helpers_func.c) */

HELPER_FIXTURE(skb_load_bytes)

/* bpf_skb_load_bytes(): offset 0 is data (the network header for LWT);
 * reads past skb->len or at a negative offset fail with -EFAULT
 * (net/core/filter.c ____bpf_skb_load_bytes: "if (unlikely(offset > 0xffff)) goto err" and skb_header_pointer NULL).
 */
TEST_F(skb_load_bytes, reads_packet)
{
	struct { unsigned char ip_head[20]; long in_range, past_end, negative; } bss;
	unsigned int rv;

	if (helper_run(_metadata, self->obj, "load_ip_header", &rv) ||
	    helper_bss(_metadata, self->obj, &bss, sizeof(bss)))
		return;
	lwt_expected("ret 0 and the 20 IPv4 header bytes; -EFAULT past the end and at -1");
	lwt_observed("ret %ld, header %s; past end %ld; negative %ld", bss.in_range,
		     memcmp(bss.ip_head, lwt_pkt_v4 + 14, 20) ? "differs" : "equal",
		     bss.past_end, bss.negative);
	ASSERT_EQ(0, bss.in_range);
	ASSERT_EQ(0, memcmp(bss.ip_head, lwt_pkt_v4 + 14, 20));
	ASSERT_EQ(-EFAULT, bss.past_end);
	ASSERT_EQ(-EFAULT, bss.negative);
}
