// SPDX-License-Identifier: GPL-2.0
/* bpf_probe_read_user from LWT_IN: a buffer of the test process, whose
 * address prog_tests writes into .bss; and address 0.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 addr;		/* input: the user buffer */
	__u8 buf[32];
	__u8 bad[8];
	__s64 ret_buf, ret_bad;
} res;

SEC("lwt_in") int read(struct __sk_buff *skb)
{
	res.ret_buf = bpf_probe_read_user(res.buf, sizeof(res.buf), (void *)(long)res.addr);
	__builtin_memset(res.bad, 0xff, sizeof(res.bad));
	res.ret_bad = bpf_probe_read_user(res.bad, sizeof(res.bad), NULL);
	return 0;
}

LWT_LICENSE;
