// SPDX-License-Identifier: GPL-2.0
/* bpf_spin_unlock from LWT_IN: after it the lock can be taken again, by
 * the same program and by the kernel for userspace (BPF_F_LOCK).
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct locked {
	struct bpf_spin_lock lock;
	__u32 pad;
	__u64 count;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct locked);
} counter SEC(".maps");

SEC("lwt_in") int relock(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct locked *v = bpf_map_lookup_elem(&counter, &k);

	if (!v)
		return 1;
	bpf_spin_lock(&v->lock);
	v->count++;
	bpf_spin_unlock(&v->lock);
	bpf_spin_lock(&v->lock);	/* spins forever if not released */
	v->count++;
	bpf_spin_unlock(&v->lock);
	return 0;
}

LWT_LICENSE;
