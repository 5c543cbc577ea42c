// SPDX-License-Identifier: GPL-2.0
/* bpf_probe_read_user_str from LWT_IN: a string of the test process
 * (address written into .bss) whole and truncated; and address 0.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 addr;		/* input: the user string */
	char str[32];
	char small[8];
	__u8 bad[8];
	__s64 ret_str, ret_small, ret_bad;
} res;

SEC("lwt_in") int read(struct __sk_buff *skb)
{
	void *p = (void *)(long)res.addr;

	res.ret_str = bpf_probe_read_user_str(res.str, sizeof(res.str), p);
	res.ret_small = bpf_probe_read_user_str(res.small, sizeof(res.small), p);
	__builtin_memset(res.bad, 0xff, sizeof(res.bad));
	res.ret_bad = bpf_probe_read_user_str(res.bad, sizeof(res.bad), NULL);
	return 0;
}

LWT_LICENSE;
