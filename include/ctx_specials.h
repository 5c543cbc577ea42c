/* SPDX-License-Identifier: GPL-2.0 */
/* ctx_access cases with more than one access (progs/ctx_special.bpf.c,
 * program <subject>_<test>): the pointer fields, direct packet access and
 * the context pointer itself. The expectation table for them.
 */
#define AF_INET_VALUE 2

/* Cases with more than one access, progs/ctx_special.bpf.c.
 * SPECIAL(test, subject, accept, msg, retval, why); retval -1: not run.
 */
/* The rows, expanded by the includer's SPECIAL(): define it, include this
 * file, undefine it. Without SPECIAL() only what is above is seen.
 */
#ifdef SPECIAL
SPECIAL(deref_unchecked, sk, false, "R2 invalid mem access 'sock_common_or_null'", -1,
	"filter.c bpf_skb_is_valid_access: sk is PTR_TO_SOCK_COMMON_OR_NULL; verifier.c check_mem_access")
SPECIAL(deref_checked, sk, true, "", AF_INET_VALUE,
	"test_run.c: the dummy socket's family follows the IPv4 packet (AF_INET)")
SPECIAL(linear_len, data, true, "", LWT_PKT_L3_LEN,
	"test_run.c: data points at the network header; data_end - data = 46")
SPECIAL(read_bounded, packet, true, "", 17,
	"verifier.c may_access_direct_pkt_data: LWT_IN reads packet data; byte 9 is IPPROTO_UDP")
SPECIAL(read_unbounded, packet, false, "invalid access to packet, off=9 size=1", -1,
	"verifier.c __check_mem_access: no range proven")
SPECIAL(read_past_bound, packet, false, "invalid access to packet, off=20 size=1", -1,
	"verifier.c __check_mem_access: only 20 bytes proven")
SPECIAL(write_bounded, packet, false, "cannot write into packet", -1,
	"verifier.c may_access_direct_pkt_data: LWT_IN has no packet write")
SPECIAL(store_imm_bounded, packet, false, "cannot write into packet", -1,
	"verifier.c may_access_direct_pkt_data: LWT_IN has no packet write")
SPECIAL(atomic_bounded, packet, false, "BPF_ATOMIC stores into R2 pkt is not allowed", -1,
	"verifier.c check_atomic: is_pkt_reg")
SPECIAL(modified, ctx_ptr, false, "dereference of modified ctx ptr R1 off=8 disallowed", -1,
	"verifier.c __check_ptr_off_reg")
SPECIAL(negative_off, ctx_ptr, false, "invalid bpf_context access off=-4 size=4", -1,
	"filter.c bpf_skb_is_valid_access: off < 0")
#endif

