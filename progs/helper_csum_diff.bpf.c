// SPDX-License-Identifier: GPL-2.0
/* bpf_csum_diff from LWT_IN on buffers that prog_tests writes into .bss,
 * and on the packet's IPv4 header (direct packet access).
 *
 * Only UAPI and wire structs are read: without CO-RE relocations
 * libbpf need not parse the vmlinux BTF (~45 ms a load).
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	/* inputs, written by prog_tests before the run */
	__u8 from[8];
	__u8 to[12];
	__u32 seed;
	/* outputs */
	__s64 push;		/* from_size 0, seed 0: checksum of to */
	__s64 push_seed;	/* from_size 0, with seed */
	__s64 pull_seed;	/* to_size 0, with seed */
	__s64 diff;		/* 8 bytes towards 12 bytes, seed 0 */
	__s64 ip_header;	/* the packet's 20-byte IPv4 header, or 1 */
	__s64 size_6;		/* to_size 6: not a multiple of 4 */
} res;

SEC("lwt_in") int csum(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;

	res.push = bpf_csum_diff(NULL, 0, (__be32 *)res.to, 12, 0);
	res.push_seed = bpf_csum_diff(NULL, 0, (__be32 *)res.to, 12, res.seed);
	res.pull_seed = bpf_csum_diff((__be32 *)res.from, 8, NULL, 0, res.seed);
	res.diff = bpf_csum_diff((__be32 *)res.from, 8, (__be32 *)res.to, 12, 0);
	res.ip_header = 1;
	if (data + 20 <= end)
		res.ip_header = bpf_csum_diff(NULL, 0, data, 20, 0);
	res.size_6 = bpf_csum_diff(NULL, 0, (__be32 *)res.to, 6, 0);
	return 0;
}

LWT_LICENSE;
