// SPDX-License-Identifier: GPL-2.0
/* bpf_trace_printk from LWT_IN: a line unique to this run (pid and the
 * time of the run) for prog_tests to find in the trace buffer.
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
	char fmt[] = "lwt_in trace_printk tag=%u stamp=%llu";

	res.tag = bpf_get_prandom_u32();	/* marks this run's text */
	res.stamp = bpf_ktime_get_ns();
	res.cpu = bpf_get_smp_processor_id();
	res.ret = bpf_trace_printk(fmt, sizeof(fmt), res.tag, res.stamp);
	return 0;
}

LWT_LICENSE;
