// SPDX-License-Identifier: GPL-2.0
/* bpf_map_lookup_elem from LWT_IN on a HASH and an ARRAY map. Userspace
 * stores hmap[7] = 0x1111 and amap[3] = 0x2222 before the run.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} hmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} amap SEC(".maps");

/* One struct in .bss: its layout is fixed, unlike separate globals. */
struct {
	__u64 hash_val, array_val;	/* values seen through the pointers */
	int hash_found, array_found;	/* 1: a pointer came back */
	int hash_missing_null, array_oob_null;	/* 1: NULL came back */
} out;

SEC("lwt_in") int lookup(struct __sk_buff *skb)
{
	__u32 k = 7;
	__u64 *v;

	v = bpf_map_lookup_elem(&hmap, &k);
	if (v) {
		out.hash_found = 1;
		out.hash_val = *v;
		*v += 1;	/* the pointer is the stored element */
	}
	k = 8;		/* never stored */
	out.hash_missing_null = !bpf_map_lookup_elem(&hmap, &k);

	k = 3;
	v = bpf_map_lookup_elem(&amap, &k);
	if (v) {
		out.array_found = 1;
		out.array_val = *v;
		*v += 1;
	}
	k = 4;		/* == max_entries */
	out.array_oob_null = !bpf_map_lookup_elem(&amap, &k);
	return 0;
}

LWT_LICENSE;
