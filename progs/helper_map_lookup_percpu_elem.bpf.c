// SPDX-License-Identifier: GPL-2.0
/* bpf_map_lookup_percpu_elem from LWT_IN: one CPU's copy of a PERCPU_ARRAY
 * and a PERCPU_HASH element. Userspace stores 100 + cpu on each CPU.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

#define MAX_CPUS 8

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} parr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} phash SEC(".maps");

/* ~0 where NULL came back */
struct {
	__u64 arr[MAX_CPUS], hash[MAX_CPUS];
	int huge_cpu_null, missing_key_null;
} out;

SEC("lwt_in") int lookup_percpu(struct __sk_buff *skb)
{
	__u32 k = 0, cpu;
	__u64 *v;

	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		v = bpf_map_lookup_percpu_elem(&parr, &k, cpu);
		out.arr[cpu] = v ? *v : ~0ULL;
		v = bpf_map_lookup_percpu_elem(&phash, &k, cpu);
		out.hash[cpu] = v ? *v : ~0ULL;
	}
	out.huge_cpu_null = !bpf_map_lookup_percpu_elem(&parr, &k, 0xffffffff);
	k = 1;		/* never stored in phash */
	out.missing_key_null = !bpf_map_lookup_percpu_elem(&phash, &k, 0);
	return 0;
}

LWT_LICENSE;
