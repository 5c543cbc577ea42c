// SPDX-License-Identifier: GPL-2.0
/* bpf_perf_event_output from LWT_IN (bpf_skb_event_output): a sample on
 * this CPU's perf buffer, optionally followed by packet bytes.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");		/* libbpf sizes it to the possible CPUs */

struct perf_sample {
	__u32 magic, len;
};

#define MAGIC 0x50455246	/* PERF */

struct {
	long plain, with_pkt, bad_flags, past_len;
} out;

SEC("lwt_in") int out_plain(struct __sk_buff *skb)
{
	struct perf_sample s = { MAGIC, skb->len };

	out.plain = bpf_perf_event_output(skb, &events, BPF_F_CURRENT_CPU, &s, sizeof(s));
	return 0;
}

/* The upper 32 bits of flags (BPF_F_CTXLEN_MASK): append that many bytes
 * of the packet, from skb->data, after the sample.
 */
SEC("lwt_in") int out_pkt(struct __sk_buff *skb)
{
	struct perf_sample s = { MAGIC, skb->len };

	out.with_pkt = bpf_perf_event_output(skb, &events,
					     BPF_F_CURRENT_CPU | (20ULL << 32),
					     &s, sizeof(s));
	return 0;
}

SEC("lwt_in") int out_bad(struct __sk_buff *skb)
{
	struct perf_sample s = { MAGIC, skb->len };

	/* bit 52 is neither index nor ctxlen */
	out.bad_flags = bpf_perf_event_output(skb, &events,
					      BPF_F_CURRENT_CPU | (1ULL << 52),
					      &s, sizeof(s));
	/* 47 packet bytes of a 46-byte skb */
	out.past_len = bpf_perf_event_output(skb, &events,
					     BPF_F_CURRENT_CPU | (47ULL << 32),
					     &s, sizeof(s));
	return 0;
}

LWT_LICENSE;
