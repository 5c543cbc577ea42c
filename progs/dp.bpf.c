// SPDX-License-Identifier: GPL-2.0
/* LWT_IN programs for the datapath category, attached to routes in the
 * router namespace (by fd over rtnetlink, or by iproute2: each program
 * has a section of its own, "section ok" for dp_ok). Each counts its runs in
 * runs[] and returns one code; dp_ok also keeps what it saw of the last
 * packet in snap. Mirrored in prog_tests/datapath.c.
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX	/* UAPI structs only */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

#include "dp_state.h"

struct dp_state st;

#define COUNT(i) __sync_fetch_and_add(&st.runs[i], 1)

SEC("ok") int dp_ok(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	struct dp_snap *s = &st.snap;
	int i;

	COUNT(RUN_OK);
	s->len = skb->len;
	s->pkt_type = skb->pkt_type;
	s->mark = skb->mark;
	s->queue_mapping = skb->queue_mapping;
	s->protocol = skb->protocol;
	s->vlan_present = skb->vlan_present;
	s->vlan_tci = skb->vlan_tci;
	s->vlan_proto = skb->vlan_proto;
	s->priority = skb->priority;
	s->ingress_ifindex = skb->ingress_ifindex;
	s->ifindex = skb->ifindex;
	s->tc_index = skb->tc_index;
	for (i = 0; i < 5; i++)
		s->cb[i] = skb->cb[i];
	s->hash = skb->hash;
	s->napi_id = skb->napi_id;
	s->gso_segs = skb->gso_segs;
	s->gso_size = skb->gso_size;
	s->sk_null = !skb->sk;
	s->linear = end - data;
	s->hash_recalc = bpf_get_hash_recalc(skb);
	s->hash_after = skb->hash;
	s->realm = bpf_get_route_realm(skb);
	/* direct packet access: data is the network header */
	if (data + DP_HEAD <= end) {
		__builtin_memcpy(s->head, data, DP_HEAD);
		s->head_len = DP_HEAD;
	} else if (data + 28 <= end) {		/* IPv4 + UDP */
		__builtin_memcpy(s->head, data, 28);
		s->head_len = 28;
	}
	return BPF_OK;
}

SEC("ok2") int dp_ok2(struct __sk_buff *skb)
{
	COUNT(RUN_OK2);
	return BPF_OK;
}

SEC("drop") int dp_drop(struct __sk_buff *skb)
{
	COUNT(RUN_DROP);
	return BPF_DROP;
}

SEC("redirect") int dp_redirect(struct __sk_buff *skb)
{
	COUNT(RUN_REDIRECT);
	return BPF_REDIRECT;
}

SEC("bad_ret") int dp_bad_ret(struct __sk_buff *skb)
{
	COUNT(RUN_BAD_RET);
	return DP_BAD_RET;
}

/* First entry: mark the packet, write cb[0], reroute; the lookup finds
 * this route again and the second entry returns BPF_OK.
 */
SEC("reroute_once") int dp_reroute_once(struct __sk_buff *skb)
{
	COUNT(RUN_REROUTE_ONCE);
	if (skb->mark != DP_SEEN_MARK) {
		st.cb_first = skb->cb[0];
		skb->cb[0] = 0xcafe;
		skb->mark = DP_SEEN_MARK;
		return BPF_LWT_REROUTE;
	}
	st.cb_second = skb->cb[0];
	return BPF_OK;
}

SEC("reroute_forever") int dp_reroute_forever(struct __sk_buff *skb)
{
	COUNT(RUN_REROUTE_FOREVER);
	return BPF_LWT_REROUTE;
}

SEC("reroute_bounded") int dp_reroute_bounded(struct __sk_buff *skb)
{
	return ++st.runs[RUN_REROUTE_BOUNDED] < GUARD_PROBE_RUNS ?
	       BPF_LWT_REROUTE : BPF_OK;
}

/* What the next stage must see (a socket filter on the receiving socket) */
SEC("write") int dp_write(struct __sk_buff *skb)
{
	COUNT(RUN_WRITE);
	skb->mark = DP_WRITE_MARK;
	skb->priority = DP_WRITE_PRIO;
	return BPF_OK;
}

LWT_LICENSE;
