// SPDX-License-Identifier: GPL-2.0
/* bpf_snprintf from LWT_IN: the whole string, and a truncated one. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

/* the format must be read-only (ARG_PTR_TO_CONST_STR): .rodata */
const char fmt[] = "lwt_in %d %s %x";

struct {
	char full[64];
	char small[8];
	__s64 ret_full, ret_small;
} res;

SEC("lwt_in") int format(struct __sk_buff *skb)
{
	char word[] = "snprintf";	/* on the stack: %s reads kernel memory */
	__u64 args[3];

	args[0] = (__u64)-42;
	args[1] = (__u64)(long)word;
	args[2] = 0xbeef;

	res.ret_full = bpf_snprintf(res.full, sizeof(res.full), fmt, args, sizeof(args));
	res.ret_small = bpf_snprintf(res.small, sizeof(res.small), fmt, args, sizeof(args));
	return 0;
}

LWT_LICENSE;
