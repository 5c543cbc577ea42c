// SPDX-License-Identifier: GPL-2.0
/* bpf_kptr_xchg from LWT_IN. A referenced kptr taken out of a map must be
 * released (or stored again, which gives back another reference), and
 * LWT_IN may call no kfunc that releases or makes one: the "?" programs
 * are loaded by the test on its own and must be refused. read_field is
 * the part that loads.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"
#include "lwt_kfunc.h"

/* kfuncs and the BTF id of struct lwt_local through placeholders
 * (lwt_kfunc.h)
 */
LWT_KFUNC(void *, bpf_obj_new_impl, __u64 local_type_id, void *meta);
LWT_KFUNC(void, bpf_obj_drop_impl, void *p, void *meta);
LWT_KFUNC(struct task_struct *, bpf_task_from_pid, s32 pid);
LWT_KFUNC(void, bpf_task_release, struct task_struct *p);

/* A program-defined object: what bpf_obj_new makes and a kptr holds. */
struct lwt_local {
	int x;
};

struct kval {
	struct lwt_local __kptr *obj;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kval);
} kptrs SEC(".maps");

struct {
	int field_null;
	/* only a pointer to struct lwt_local would leave it a FWD in BTF,
	 * which the kernel cannot take as a kptr type
	 */
	struct lwt_local shape;
} out;

/* A map with a kptr field loads, and a plain read sees NULL in it. */
SEC("lwt_in") int read_field(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct kval *v = bpf_map_lookup_elem(&kptrs, &k);

	if (!v)
		return 1;
	out.field_null = v->obj == NULL;
	return 0;
}

/* The documented use: take the object out, drop it. */
SEC("?lwt_in") int xchg_release(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct kval *v = bpf_map_lookup_elem(&kptrs, &k);
	struct lwt_local *o;

	if (!v)
		return 1;
	o = bpf_kptr_xchg(&v->obj, NULL);
	if (o)
		bpf_obj_drop_impl(o, NULL);
	return 0;
}

/* Without a release the reference leaks. */
SEC("?lwt_in") int xchg_keep(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct kval *v = bpf_map_lookup_elem(&kptrs, &k);

	if (!v)
		return 1;
	return bpf_kptr_xchg(&v->obj, NULL) != NULL;
}

/* Kfuncs that make an object to store. */
SEC("?lwt_in") int obj_new(struct __sk_buff *skb)
{
	struct lwt_local *n = bpf_obj_new_impl(LWT_LOCAL_TYPE_ID, NULL);

	if (n)
		bpf_obj_drop_impl(n, NULL);
	return 0;
}

SEC("?lwt_in") int from_pid(struct __sk_buff *skb)
{
	struct task_struct *t = bpf_task_from_pid(1);

	if (t)
		bpf_task_release(t);
	return 0;
}

LWT_LICENSE;
