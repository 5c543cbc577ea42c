// SPDX-License-Identifier: GPL-2.0
/* bpf_cgrp_storage_get from LWT_IN, keyed by the current task's cgroup2. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_CGRP_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} store SEC(".maps");

struct {
	__s64 lookup_before;	/* get without F_CREATE: -1 when NULL */
	__s64 created;		/* value of the new storage (from init) */
	__s64 lookup_after;	/* get without F_CREATE after the store */
} res;

SEC("lwt_in") int get(struct __sk_buff *skb)
{
	struct cgroup *cg = bpf_get_current_task_btf()->cgroups->dfl_cgrp;
	__u64 init = 0x5eed, *v;

	v = bpf_cgrp_storage_get(&store, cg, 0, 0);
	res.lookup_before = v ? (__s64)*v : -1;
	v = bpf_cgrp_storage_get(&store, cg, &init, BPF_LOCAL_STORAGE_GET_F_CREATE);
	res.created = v ? (__s64)*v : -1;
	if (v)
		*v += 1;
	v = bpf_cgrp_storage_get(&store, cg, 0, 0);
	res.lookup_after = v ? (__s64)*v : -1;
	return 0;
}

LWT_LICENSE;
