// SPDX-License-Identifier: GPL-2.0
/* bpf_trace_vprintk from LWT_IN: more arguments than bpf_trace_printk
 * takes, in a line unique to this run for prog_tests to find.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__s64 ret;
	__u64 stamp;
	__u32 tag, cpu;
} res;

SEC("lwt_in") int print(struct __sk_buff *skb)
{
	char fmt[] = "lwt_in trace_vprintk tag=%u stamp=%llu %d %s";
	char word[] = "four";
	__u64 args[4];

	res.tag = bpf_get_prandom_u32();	/* marks this run's text */
	res.stamp = bpf_ktime_get_ns();
	res.cpu = bpf_get_smp_processor_id();
	args[0] = res.tag;
	args[1] = res.stamp;
	args[2] = (__u64)-3;
	args[3] = (__u64)(long)word;
	res.ret = bpf_trace_vprintk(fmt, sizeof(fmt), args, sizeof(args));
	return 0;
}

LWT_LICENSE;
