// SPDX-License-Identifier: GPL-2.0
/* bpf_strncmp from LWT_IN: s1 on the stack, s2 a read-only string. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

const char same[] = "lwt_in";
const char above[] = "lwt_out";	/* 'o' > 'i' */
const char below[] = "lwt_a";	/* 'a' < 'i' */
const char prefix[] = "lwt_xyz";	/* equal in the first 4 bytes */

struct {
	__s64 same, above, below, prefix_4, prefix_5;
} res;

SEC("lwt_in") int cmp(struct __sk_buff *skb)
{
	char s1[8] = "lwt_in";

	res.same = bpf_strncmp(s1, sizeof(s1), same);
	res.above = bpf_strncmp(s1, sizeof(s1), above);
	res.below = bpf_strncmp(s1, sizeof(s1), below);
	res.prefix_4 = bpf_strncmp(s1, 4, prefix);
	res.prefix_5 = bpf_strncmp(s1, 5, prefix);
	return 0;
}

LWT_LICENSE;
