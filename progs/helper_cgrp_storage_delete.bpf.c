// SPDX-License-Identifier: GPL-2.0
/* bpf_cgrp_storage_delete from LWT_IN, on the current task's cgroup2. */
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
	__s64 created;		/* 1 when get with F_CREATE returned storage */
	__s64 del_first, del_second;
	__s64 lookup_after;	/* 1 when get without F_CREATE still finds it */
} res;

SEC("lwt_in") int del(struct __sk_buff *skb)
{
	struct cgroup *cg = bpf_get_current_task_btf()->cgroups->dfl_cgrp;

	res.created = !!bpf_cgrp_storage_get(&store, cg, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	res.del_first = bpf_cgrp_storage_delete(&store, cg);
	res.del_second = bpf_cgrp_storage_delete(&store, cg);
	res.lookup_after = !!bpf_cgrp_storage_get(&store, cg, 0, 0);
	return 0;
}

LWT_LICENSE;
