// SPDX-License-Identifier: GPL-2.0
/* ctx_access cases that need more than one context access: the pointer
 * fields (sk, data, data_end), direct packet access, and the context
 * pointer itself. Expectations: prog_tests/ctx_access.c, CTX_SPECIALS.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

#define SKB(f) __imm_const(f, offsetof(struct __sk_buff, f))

/* sk is PTR_TO_SOCK_COMMON_OR_NULL: a load through it needs a NULL check */
SEC("lwt_in") __naked int sk_deref_unchecked(void)
{
	asm volatile ("r2 = *(u64 *)(r1 + %[sk]);"
		      "r0 = *(u32 *)(r2 + %[family]);"
		      "exit;"
		      :: SKB(sk), __imm_const(family, offsetof(struct bpf_sock, family))
		      : __clobber_all);
}

SEC("lwt_in") __naked int sk_deref_checked(void)
{
	asm volatile ("r2 = *(u64 *)(r1 + %[sk]);"
		      "if r2 == 0 goto 1f;"
		      "r0 = *(u32 *)(r2 + %[family]);"
		      "exit;"
		      "1: r0 = 0xffff;"
		      "exit;"
		      :: SKB(sk), __imm_const(family, offsetof(struct bpf_sock, family))
		      : __clobber_all);
}

/* data_end - data: the linear length from the network header on */
SEC("lwt_in") __naked int data_linear_len(void)
{
	asm volatile ("r2 = *(u32 *)(r1 + %[data]);"
		      "r3 = *(u32 *)(r1 + %[data_end]);"
		      "r0 = r3;"
		      "r0 -= r2;"
		      "exit;"
		      :: SKB(data), SKB(data_end) : __clobber_all);
}

/* Direct packet access: r2 = data, r3 = data_end, 20 bytes checked */
#define PKT_BOUNDED(body)						\
	asm volatile ("r2 = *(u32 *)(r1 + %[data]);"			\
		      "r3 = *(u32 *)(r1 + %[data_end]);"		\
		      "r4 = r2;"					\
		      "r4 += 20;"					\
		      "if r4 > r3 goto 1f;"				\
		      "r5 = 1;"						\
		      body						\
		      "exit;"						\
		      "1: r0 = 0xffff;"					\
		      "exit;"						\
		      :: SKB(data), SKB(data_end) : __clobber_all)

SEC("lwt_in") __naked int packet_read_bounded(void)
{
	PKT_BOUNDED("r0 = *(u8 *)(r2 + 9);");	/* IPv4 protocol */
}

SEC("lwt_in") __naked int packet_read_past_bound(void)
{
	PKT_BOUNDED("r0 = *(u8 *)(r2 + 20);");
}

SEC("lwt_in") __naked int packet_write_bounded(void)
{
	PKT_BOUNDED("*(u8 *)(r2 + 8) = r5; r0 = 0;");	/* IPv4 ttl */
}

SEC("lwt_in") __naked int packet_store_imm_bounded(void)
{
	PKT_BOUNDED("*(u8 *)(r2 + 8) = 1; r0 = 0;");
}

SEC("lwt_in") __naked int packet_atomic_bounded(void)
{
	PKT_BOUNDED("lock *(u32 *)(r2 + 12) += r5; r0 = 0;");
}

SEC("lwt_in") __naked int packet_read_unbounded(void)
{
	asm volatile ("r2 = *(u32 *)(r1 + %[data]);"
		      "r0 = *(u8 *)(r2 + 9);"
		      "exit;"
		      :: SKB(data) : __clobber_all);
}

/* The context pointer must be used unmodified, at a non-negative offset */
SEC("lwt_in") __naked int ctx_ptr_modified(void)
{
	asm volatile ("r1 += %[mark];"
		      "r0 = *(u32 *)(r1 + 0);"
		      "exit;"
		      :: SKB(mark) : __clobber_all);
}

SEC("lwt_in") __naked int ctx_ptr_negative_off(void)
{
	asm volatile ("r0 = *(u32 *)(r1 - 4);"
		      "exit;"
		      ::: __clobber_all);
}

LWT_LICENSE;
