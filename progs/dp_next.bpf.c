// SPDX-License-Identifier: GPL-2.0
/* The stages around LWT_IN in the datapath category, typed by section:
 * a socket filter on the receiving socket (what LWT_IN wrote into mark and
 * priority is what it sees), and LWT_OUT / LWT_XMIT programs for a route
 * that has all three.
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

#include "dp_state.h"

struct dp_next_state st;	/* one global: the layout in .bss is fixed */

SEC("socket") int sock_seen(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&st.sock_runs, 1);
	st.sock_mark = skb->mark;
	st.sock_priority = skb->priority;
	return skb->len;	/* keep the whole packet */
}

SEC("lwt_in") int in_count(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&st.in_runs, 1);
	return BPF_OK;
}

SEC("lwt_out") int out_count(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&st.out_runs, 1);
	return BPF_OK;
}

SEC("lwt_xmit") int xmit_count(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&st.xmit_runs, 1);
	return BPF_OK;
}

LWT_LICENSE;
