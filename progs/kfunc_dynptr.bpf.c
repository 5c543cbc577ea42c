// SPDX-License-Identifier: GPL-2.0
/* The dynptr kfuncs from LWT_IN, one object per kfunc: built with
 * -DTEST_<kfunc> (Makefile), so an object only calls kfuncs of its own
 * release. Results go to out[] (.bss); the program returns BPF_OK.
 */
/* iphdr is UAPI: plain offsets, no CO-RE (which would parse vmlinux BTF) */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"
#include "lwt_kfunc.h"

LWT_KFUNC(int, bpf_dynptr_from_skb, struct __sk_buff *s, __u64 flags,
	  struct bpf_dynptr *ptr__uninit);
LWT_KFUNC(int, bpf_dynptr_adjust, const struct bpf_dynptr *p, __u32 start, __u32 end);
LWT_KFUNC(int, bpf_dynptr_clone, const struct bpf_dynptr *p,
	  struct bpf_dynptr *clone__uninit);
LWT_KFUNC(bool, bpf_dynptr_is_null, const struct bpf_dynptr *p);
LWT_KFUNC(bool, bpf_dynptr_is_rdonly, const struct bpf_dynptr *p);
LWT_KFUNC(__u32, bpf_dynptr_size, const struct bpf_dynptr *p);
LWT_KFUNC(void *, bpf_dynptr_slice, const struct bpf_dynptr *p, __u32 offset,
	  void *buffer__opt, __u32 buffer__szk);
LWT_KFUNC(void *, bpf_dynptr_slice_rdwr, const struct bpf_dynptr *p, __u32 offset,
	  void *buffer__opt, __u32 buffer__szk);

__s64 out[KF_NOUT];

/* First byte of the dynptr (the IP version/IHL byte), or -errno */
static __always_inline __attribute__((unused)) __s64 first_byte(struct bpf_dynptr *p)
{
	__u8 b = 0;
	long err = bpf_dynptr_read(&b, 1, p, 0, 0);

	return err ? err : b;
}

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	struct bpf_dynptr p;

	out[0] = bpf_dynptr_from_skb(skb, 0, &p);
#if defined(TEST_bpf_dynptr_from_skb)
	{
		struct bpf_dynptr q;

		out[1] = first_byte(&p);
		out[2] = bpf_dynptr_from_skb(skb, 1, &q);	/* flags must be 0 */
	}
#elif defined(TEST_bpf_dynptr_is_rdonly)
	{
		__u8 b = 0x99;

		out[1] = bpf_dynptr_is_rdonly(&p);
		out[2] = bpf_dynptr_write(&p, 0, &b, 1, 0);
		out[3] = first_byte(&p);
	}
#elif defined(TEST_bpf_dynptr_size)
	out[1] = bpf_dynptr_size(&p);
	out[2] = skb->len;
#elif defined(TEST_bpf_dynptr_slice) || defined(TEST_bpf_dynptr_slice_rdwr)
	{
		struct iphdr buf, *ip;
		__u32 past = skb->len - 2;
		__u8 tail[4];

#if defined(TEST_bpf_dynptr_slice_rdwr)
		ip = bpf_dynptr_slice_rdwr(&p, 0, &buf, sizeof(buf));
		if (ip)
			ip->ttl = 1;
#else
		ip = bpf_dynptr_slice(&p, 0, &buf, sizeof(buf));
#endif
		if (ip) {
			out[1] = 1;
			out[2] = ip->saddr;
			out[3] = ip->daddr;
			out[4] = ip->protocol;
		}
		out[5] = !bpf_dynptr_slice(&p, past, tail, sizeof(tail));
	}
#elif defined(TEST_bpf_dynptr_adjust)
	{
		__u32 saddr = 0;

		out[1] = bpf_dynptr_adjust(&p, 12, 20);	/* the two addresses */
		out[2] = bpf_dynptr_size(&p);
		bpf_dynptr_read(&saddr, 4, &p, 0, 0);
		out[3] = saddr;
		out[4] = bpf_dynptr_adjust(&p, 5, 4);
		out[5] = bpf_dynptr_adjust(&p, 0, 100);
	}
#elif defined(TEST_bpf_dynptr_clone)
	{
		struct bpf_dynptr c;

		out[1] = bpf_dynptr_clone(&p, &c);
		out[2] = bpf_dynptr_size(&c);
		out[3] = bpf_dynptr_is_rdonly(&c);
		bpf_dynptr_adjust(&c, 0, 4);
		out[4] = bpf_dynptr_size(&p);
		out[5] = bpf_dynptr_size(&c);
	}
#elif defined(TEST_bpf_dynptr_is_null)
	{
		struct bpf_dynptr q;

		out[1] = bpf_dynptr_is_null(&p);
		bpf_dynptr_from_skb(skb, 1, &q);	/* fails: q becomes null */
		out[2] = bpf_dynptr_is_null(&q);
	}
#else
#error "build with -DTEST_<a dynptr kfunc>"
#endif
	return BPF_OK;
}

LWT_LICENSE;
