// SPDX-License-Identifier: GPL-2.0
/* bpf_this_cpu_ptr from LWT_IN, on a __percpu_kptr object that the
 * "?syscall" program "store" (loaded by the test) puts in the map: see
 * helper_per_cpu_ptr.bpf.c for why no kernel per-CPU variable is used.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"
#include "lwt_kfunc.h"

#define MAX_CPUS 8
#ifndef __percpu_kptr
#define __percpu_kptr __attribute__((btf_type_tag("percpu_kptr")))
#endif

/* kfuncs and the BTF id of struct lwt_local through placeholders
 * (lwt_kfunc.h)
 */
LWT_KFUNC(void *, bpf_percpu_obj_new_impl, __u64 local_type_id, void *meta);
LWT_KFUNC(void, bpf_percpu_obj_drop_impl, void *kptr, void *meta);

struct lwt_local {
	__u64 v;
};

struct holder {
	struct lwt_local __percpu_kptr *pc;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct holder);
} holders SEC(".maps");

struct {
	int have_obj, pad;
	/* ~0 where bpf_per_cpu_ptr gave NULL. Of type struct lwt_local: only
	 * a pointer to it would leave it a FWD in BTF, no kptr type
	 */
	struct lwt_local val[MAX_CPUS];
} out;

SEC("?syscall") int store(void *ctx)
{
	__u32 k = 0;
	struct holder *h = bpf_map_lookup_elem(&holders, &k);
	struct lwt_local __percpu_kptr *p;

	if (!h)
		return 1;
	p = bpf_percpu_obj_new_impl(LWT_LOCAL_TYPE_ID, NULL);
	if (!p)
		return 2;
	p = bpf_kptr_xchg(&h->pc, p);
	if (p)
		bpf_percpu_obj_drop_impl(p, NULL);
	return 0;
}

/* This CPU's copy gets skb->mark (a tag userspace passes in ctx_in). */
SEC("lwt_in") int mark(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct holder *h = bpf_map_lookup_elem(&holders, &k);
	struct lwt_local __percpu_kptr *p;
	struct lwt_local *q;

	if (!h)
		return 1;
	p = h->pc;
	if (!p)
		return 2;
	q = bpf_this_cpu_ptr(p);
	q->v = skb->mark;
	return 0;
}

SEC("lwt_in") int read(struct __sk_buff *skb)
{
	__u32 k = 0, cpu;
	struct holder *h = bpf_map_lookup_elem(&holders, &k);
	struct lwt_local __percpu_kptr *p;

	if (!h)
		return 1;
	p = h->pc;
	out.have_obj = !!p;
	if (!p)
		return 2;
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		struct lwt_local *q = bpf_per_cpu_ptr(p, cpu);

		out.val[cpu].v = q ? q->v : ~0ULL;
	}
	return 0;
}

LWT_LICENSE;
