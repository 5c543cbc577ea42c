// SPDX-License-Identifier: GPL-2.0
/* bpf_tail_call from LWT_IN. Userspace puts program "target" in slot 0
 * of jmp; slot 1 stays empty.
 */
/* plain field offsets: CO-RE relocations would make libbpf parse vmlinux BTF */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jmp SEC(".maps");

struct {
	__u32 target_runs, fell_through;
	__u32 seen_len, seen_mark, seen_cb0;
	__u32 after_empty, after_past_end;
} out;

/* The target reports the context it got. */
SEC("lwt_in") int target(struct __sk_buff *skb)
{
	out.target_runs++;
	out.seen_len = skb->len;
	out.seen_mark = skb->mark;
	out.seen_cb0 = skb->cb[0];
	return 2;		/* BPF_DROP: tells the caller's verdict apart */
}

SEC("lwt_in") int entry(struct __sk_buff *skb)
{
	skb->mark = 0x77;
	skb->cb[0] = 0xc0ffee;
	bpf_tail_call(skb, &jmp, 0);
	out.fell_through++;	/* only reached when the call did not happen */
	return 0;
}

/* An empty slot and an index past max_entries: the caller continues (the
 * helper leaves r0 unreadable, so only reaching the next line shows it).
 */
SEC("lwt_in") int entry_miss(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jmp, 1);
	out.after_empty = 1;
	bpf_tail_call(skb, &jmp, 2);
	out.after_past_end = 1;
	return 0;
}

LWT_LICENSE;
