// SPDX-License-Identifier: GPL-2.0
/* bpf_per_cpu_ptr from LWT_IN. No kernel per-CPU variable can be named
 * here (typed ksyms need kallsyms, and percpu data is only in kallsyms
 * with CONFIG_KALLSYMS_ALL), so the per-CPU object is a __percpu_kptr in
 * a map. LWT_IN may not allocate one (bpf_percpu_obj_new is not in its
 * kfunc set): the "?syscall" program "store", loaded by the test, does.
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

/* ~0 where NULL came back */
struct {
	int have_obj, huge_cpu_null;
	__u64 val[MAX_CPUS];
	/* a struct lwt_local member: only a pointer to it would leave it a
	 * FWD in BTF, which the kernel cannot take as a kptr type
	 */
	struct lwt_local this_val;
	__u32 this_cpu;
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

/* Each CPU's copy gets 100 + its number, through bpf_per_cpu_ptr. */
SEC("lwt_in") int fill(struct __sk_buff *skb)
{
	__u32 k = 0, cpu;
	struct holder *h = bpf_map_lookup_elem(&holders, &k);
	struct lwt_local __percpu_kptr *p;

	if (!h)
		return 1;
	p = h->pc;
	if (!p)
		return 2;
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		struct lwt_local *q = bpf_per_cpu_ptr(p, cpu);

		if (q)
			q->v = 100 + cpu;
	}
	return 0;
}

/* Read every copy back, and this CPU's through bpf_this_cpu_ptr. */
SEC("lwt_in") int read(struct __sk_buff *skb)
{
	__u32 k = 0, cpu;
	struct holder *h = bpf_map_lookup_elem(&holders, &k);
	struct lwt_local __percpu_kptr *p;
	struct lwt_local *q;

	if (!h)
		return 1;
	p = h->pc;
	out.have_obj = !!p;
	if (!p)
		return 2;
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		q = bpf_per_cpu_ptr(p, cpu);
		out.val[cpu] = q ? q->v : ~0ULL;
	}
	out.huge_cpu_null = !bpf_per_cpu_ptr(p, 0xffffffff);
	q = bpf_this_cpu_ptr(p);
	out.this_val.v = q->v;
	out.this_cpu = bpf_get_smp_processor_id();
	return 0;
}

LWT_LICENSE;
