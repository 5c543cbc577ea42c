// SPDX-License-Identifier: GPL-2.0
/* datapath/ctx: each readable field of ctx_fields.h read by dp_ok on a
 * real forwarded packet, against what the sender did and the kernel code
 * that sets the field. datapath/write: what the program writes is what
 * the next stage sees. datapath/packet: the bytes are not changed.
 */
#include "datapath.h"
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/udp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#define CTX_PAYLOAD 100
#define CTX_TTL 33		/* the sender's TTL / hop limit */
#define CTX_SO_MARK 0x77
#define CTX_SO_PRIORITY 5

DP_FIXTURE(ctx)

/* Attach dp_ok to the forwarded route, send one CTX_PAYLOAD datagram
 * with SO_MARK, SO_PRIORITY and TTL set, receive it, read the snapshot.
 */
static int ctx_run(struct __test_metadata *_metadata, struct dp *d,
		   struct dp_snap *s, unsigned short *sport)
{
	struct lwt_tx tx = { .mark = CTX_SO_MARK, .priority = CTX_SO_PRIORITY,
			     .ttl = CTX_TTL };
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char buf[CTX_PAYLOAD];
	struct dp_state b;

	memset(buf, 'c', sizeof(buf));
	if (dp_attach(_metadata, d, "dp_ok", false))
		return -1;
	if (lwt_udp_send(d->snd, d->a->rcv, DP_PORT, buf, sizeof(buf), &tx) != CTX_PAYLOAD ||
	    getsockname(d->snd, (void *)&ss, &sl)) {
		CASE_FAIL("send: %s", strerror(errno));
		return -1;
	}
	*sport = ntohs(((struct sockaddr_in *)&ss)->sin_port);	/* same offset in sin6 */
	if (dp_recv(d->rcv, buf, sizeof(buf)) != CTX_PAYLOAD) {
		CASE_FAIL("the datagram did not arrive within %d ms", DP_WAIT_MS);
		return -1;
	}
	if (dp_bss(_metadata, d, &b))
		return -1;
	if (b.runs[RUN_OK] != 1) {
		CASE_FAIL("dp_ok ran %llu times, expected once", b.runs[RUN_OK]);
		return -1;
	}
	*s = b.snap;
	return 0;
}

#define CTX_CASE(aspect)						\
static void check_##aspect(struct __test_metadata *_metadata, struct dp *d, \
			 const struct dp_snap *s, unsigned short sport); \
TEST_F(ctx, aspect)							\
{									\
	struct dp_snap s;						\
	unsigned short sport;						\
									\
	if (self->ok && !ctx_run(_metadata, &self->d, &s, &sport))	\
		check_##aspect(_metadata, &self->d, &s, sport);		\
}									\
static void check_##aspect(struct __test_metadata *_metadata, struct dp *d, \
			 const struct dp_snap *s, unsigned short sport)

/* One field against one value, with the source of the value */
#define CTX_EQ(field, want, why) do {					\
	lwt_expected("%s = %#llx [%s]", #field, (unsigned long long)(want), why); \
	lwt_observed("%s = %#llx", #field, (unsigned long long)(s->field)); \
	EXPECT_EQ((unsigned long long)(want), (unsigned long long)(s->field)); \
} while (0)

static unsigned int ip_len(const struct dp *d)
{
	return (d->family == AF_INET ? 20 : 40) + 8 + CTX_PAYLOAD;
}

CTX_CASE(len)
{
	CTX_EQ(len, ip_len(d), "skb->len at input: the IP packet, L2 pulled by eth_type_trans");
}

CTX_CASE(protocol)
{
	CTX_EQ(protocol, htons(d->family == AF_INET ? ETH_P_IP : ETH_P_IPV6),
	       "skb->protocol from eth_type_trans, network byte order");
}

CTX_CASE(pkt_type)
{
	CTX_EQ(pkt_type, PACKET_HOST, "eth_type_trans: to router's own MAC");
}

CTX_CASE(ifindex)
{
	CTX_EQ(ifindex, d->t.rtr_in_if, "skb->dev at input: rtr0");
}

CTX_CASE(ingress_ifindex)
{
	CTX_EQ(ingress_ifindex, d->t.rtr_in_if, "skb->skb_iif, set by __netif_receive_skb_core: rtr0");
}

/* The sender set SO_MARK and SO_PRIORITY; crossing the veth into router
 * clears both: __dev_forward_skb2() "skb->priority = 0" and
 * skb_scrub_packet(xnet) "skb->mark = 0".
 */
CTX_CASE(mark_priority_scrubbed)
{
	lwt_expected("mark 0, priority 0 (sender set %#x, %d; cleared crossing namespaces)",
		     CTX_SO_MARK, CTX_SO_PRIORITY);
	lwt_observed("mark %#x, priority %u", s->mark, s->priority);
	EXPECT_EQ(0, s->mark);
	EXPECT_EQ(0, s->priority);
}

CTX_CASE(queue_mapping)
{
	CTX_EQ(queue_mapping, 0, "veth has one queue: netdev_pick_tx on the sender's side gives 0");
}

CTX_CASE(vlan)
{
	lwt_expected("vlan_present 0, vlan_tci 0, vlan_proto 0: the frame has no tag");
	lwt_observed("vlan_present %u, vlan_tci %#x, vlan_proto %#x", s->vlan_present,
		     s->vlan_tci, s->vlan_proto);
	EXPECT_EQ(0, s->vlan_present);
	EXPECT_EQ(0, s->vlan_tci);
	EXPECT_EQ(0, s->vlan_proto);
}

CTX_CASE(tc_index)
{
	CTX_EQ(tc_index, 0, "no tc classifier in router");
}

/* bpf_prog_run_save_cb(): cb zeroed before the program when it uses cb */
CTX_CASE(cb_zero)
{
	lwt_expected("cb[0..4] all 0 [bpf_prog_run_save_cb]");
	lwt_observed("%#x %#x %#x %#x %#x", s->cb[0], s->cb[1], s->cb[2], s->cb[3], s->cb[4]);
	EXPECT_EQ(0, s->cb[0] | s->cb[1] | s->cb[2] | s->cb[3] | s->cb[4]);
}

/* skb->hash before: 0 (nothing hashed it on the way) or already the flow
 * hash; bpf_get_hash_recalc() -> skb_get_hash(): the flow hash, never 0
 * (__flow_hash_from_keys), stored in skb->hash.
 */
CTX_CASE(hash)
{
	lwt_expected("hash 0 or the flow hash; bpf_get_hash_recalc non-zero; hash afterwards equal to it");
	lwt_observed("hash %#x; recalc %#x; afterwards %#x", s->hash, s->hash_recalc,
		     s->hash_after);
	EXPECT_TRUE(s->hash == 0 || s->hash == s->hash_recalc);
	EXPECT_NE(0, s->hash_recalc);
	EXPECT_EQ(s->hash_recalc, s->hash_after);
}

/* bpf_convert_ctx_access(napi_id): 0 below MIN_NAPI_ID; veth without XDP
 * or GRO hands packets to the backlog, which marks no NAPI id.
 */
CTX_CASE(napi_id)
{
	CTX_EQ(napi_id, 0, "veth via the backlog: no NAPI id");
}

CTX_CASE(gso)
{
	lwt_expected("gso_segs 0, gso_size 0: one small datagram, no GSO");
	lwt_observed("gso_segs %u, gso_size %u", s->gso_segs, s->gso_size);
	EXPECT_EQ(0, s->gso_segs);
	EXPECT_EQ(0, s->gso_size);
}

CTX_CASE(sk_null)
{
	CTX_EQ(sk_null, 1, "a forwarded packet has no socket");
}

/* data is the network header (bpf_compute_data_pointers at skb->data
 * after eth_type_trans): the addresses, TTL and ports there are the
 * sent packet's, the TTL not yet decremented (ip_forward comes later).
 */
CTX_CASE(data_headers)
{
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	const struct udphdr *uh;
	int ttl, proto, v;

	if (d->family == AF_INET) {
		const struct iphdr *ip = (const void *)s->head;

		ASSERT_LE(28, s->head_len);
		inet_ntop(AF_INET, &ip->saddr, src, sizeof(src));
		inet_ntop(AF_INET, &ip->daddr, dst, sizeof(dst));
		v = ip->version;
		ttl = ip->ttl;
		proto = ip->protocol;
		uh = (const void *)(s->head + 20);
	} else {
		const struct ip6_hdr *ip6 = (const void *)s->head;

		ASSERT_LE(48, s->head_len);
		inet_ntop(AF_INET6, &ip6->ip6_src, src, sizeof(src));
		inet_ntop(AF_INET6, &ip6->ip6_dst, dst, sizeof(dst));
		v = s->head[0] >> 4;
		ttl = ip6->ip6_hlim;
		proto = ip6->ip6_nxt;
		uh = (const void *)(s->head + 40);
	}
	lwt_expected("IPv%d %s -> %s, ttl %d, UDP %u -> %u",
		     d->family == AF_INET ? 4 : 6,
		     d->family == AF_INET ? LWT_SND_IP4 : LWT_SND_IP6, d->a->rcv,
		     CTX_TTL, sport, DP_PORT);
	lwt_observed("IPv%d %s -> %s, ttl %d, proto %d, UDP %u -> %u", v, src, dst,
		     ttl, proto, ntohs(uh->source), ntohs(uh->dest));
	EXPECT_EQ(d->family == AF_INET ? 4 : 6, v);
	EXPECT_STREQ(d->family == AF_INET ? LWT_SND_IP4 : LWT_SND_IP6, src);
	EXPECT_STREQ(d->a->rcv, dst);
	EXPECT_EQ(CTX_TTL, ttl);
	EXPECT_EQ(IPPROTO_UDP, proto);
	EXPECT_EQ(sport, ntohs(uh->source));
	EXPECT_EQ(DP_PORT, ntohs(uh->dest));
}

CTX_CASE(data_end_linear)
{
	CTX_EQ(linear, ip_len(d), "data_end - data: the whole small packet is linear");
}

/* bpf_get_route_realm() -> dst_tclassid(): the realm of the route
 * (RTA_FLOW, "ip route ... realm N"); IPv6 routes have none.
 */
#define CTX_REALM 7
TEST_F(ctx, route_realm)
{
	struct lwt_route r = {
		.dst = self->d.a->rcv_host, .ifindex = self->d.t.rtr_out_if,
		.realm = self->d.family == AF_INET ? CTX_REALM : 0,
		.prog_name = "dp_ok",
	};
	/* LWT_FAULT: the expectation turned around */
	unsigned int want = (self->d.family == AF_INET ? CTX_REALM : 0) ^ lwt_fault();
	struct dp_state b;
	char buf[64];
	int e;

	if (!self->ok)
		return;
	r.prog_fd = lwt_obj_prog_fd(self->d.obj, "dp_ok");
	e = lwt_rtnl_route_add(&self->d.nl, &r);
	ASSERT_EQ(0, e) TH_LOG("route with realm: %s (%s)", strerror(-e), self->d.nl.err);
	if (dp_send(_metadata, &self->d, self->d.a->rcv, 20, 'z'))
		return;
	ASSERT_EQ(20, dp_recv(self->d.rcv, buf, sizeof(buf)));
	ASSERT_EQ(0, dp_bss(_metadata, &self->d, &b));
	lwt_expected("bpf_get_route_realm = %u [%s]", want,
		     self->d.family == AF_INET ? "ip route ... realm 7 (RTA_FLOW)" :
		     "IPv6 routes carry no realm");
	lwt_observed("%u", b.snap.realm);
	EXPECT_EQ(want, b.snap.realm);
}

/* A packet that stays in one namespace keeps SO_MARK and SO_PRIORITY:
 * router sends to its own address; it comes back in over loopback and
 * meets the local route's program with both intact.
 */
TEST_F(ctx, mark_priority_local)
{
	struct lwt_tx tx = { .mark = CTX_SO_MARK, .priority = CTX_SO_PRIORITY };
	struct dp_state b;
	char buf[64];
	int in, out;

	if (!self->ok || dp_attach(_metadata, &self->d, "dp_ok", true))
		return;
	in = lwt_udp_open(&self->d.t.router, self->d.family, self->d.a->any, DP_PORT);
	out = lwt_udp_open(&self->d.t.router, self->d.family, NULL, 0);
	ASSERT_LE(0, in);
	ASSERT_LE(0, out);
	ASSERT_EQ(20, lwt_udp_send(out, self->d.a->local, DP_PORT, buf, 20, &tx));
	ASSERT_EQ(20, dp_recv(in, buf, sizeof(buf)));
	ASSERT_EQ(0, dp_bss(_metadata, &self->d, &b));
	lwt_expected("1 run; mark %#x, priority %d as the socket set them",
		     CTX_SO_MARK, CTX_SO_PRIORITY);
	lwt_observed("%llu run(s); mark %#x, priority %u", b.runs[RUN_OK], b.snap.mark,
		     b.snap.priority);
	EXPECT_EQ(1, b.runs[RUN_OK]);
	EXPECT_EQ(CTX_SO_MARK, b.snap.mark);
	EXPECT_EQ(CTX_SO_PRIORITY, b.snap.priority);
	close(in);
	close(out);
}

/* --- datapath/write: writes reach the next stage ----------------------- */

DP_FIXTURE(write)

/* dp_write on the local route sets mark and priority; a socket filter on
 * the receiving socket (sk_filter, after LWT_IN) reads them.
 */
static int write_run(struct __test_metadata *_metadata, struct dp *d, __u32 *seen)
{
	struct dp_next_state st;
	struct bpf_object *next;
	char buf[64];
	int fd, pfd, err = -1;

	next = dp_next_obj(_metadata);
	if (!next)
		return -1;
	pfd = lwt_obj_prog_fd(next, "sock_seen");
	fd = lwt_udp_open(&d->t.router, d->family, d->a->any, DP_PORT);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_ATTACH_BPF, &pfd, sizeof(pfd))) {
		CASE_FAIL("socket filter: %s", strerror(errno));
		goto out;
	}
	if (dp_attach(_metadata, d, "dp_write", true) ||
	    dp_send(_metadata, d, d->a->local, 20, 'w'))
		goto out;
	if (dp_recv(fd, buf, sizeof(buf)) != 20) {
		CASE_FAIL("nothing arrived within %d ms", DP_WAIT_MS);
		goto out;
	}
	err = dp_global(_metadata, next, &st, sizeof(st), false);
	seen[0] = st.sock_mark;
	seen[1] = st.sock_priority;
out:
	if (fd >= 0)
		close(fd);
	bpf_object__close(next);
	return err;
}

TEST_F(write, mark_seen_next)
{
	__u32 seen[2];

	if (!self->ok || write_run(_metadata, &self->d, seen))
		return;
	lwt_expected("the socket filter sees mark %#x [lwt_is_valid_access: mark writable]",
		     DP_WRITE_MARK);
	lwt_observed("mark %#x", seen[0]);
	EXPECT_EQ(DP_WRITE_MARK, seen[0]);
}

TEST_F(write, priority_seen_next)
{
	__u32 seen[2];

	if (!self->ok || write_run(_metadata, &self->d, seen))
		return;
	lwt_expected("the socket filter sees priority %d [lwt_is_valid_access: priority writable]",
		     DP_WRITE_PRIO);
	lwt_observed("priority %u", seen[1]);
	EXPECT_EQ(DP_WRITE_PRIO, seen[1]);
}

/* --- datapath/packet: LWT_IN cannot change the packet ----------------- */

DP_FIXTURE(packet)

/* The program reads the packet (dp_ok) and may not write it
 * (lwt_is_valid_access: data is PTR_TO_PACKET read-only): the payload
 * arrives as sent.
 */
TEST_F(packet, bytes_unchanged)
{
	unsigned char sent[CTX_PAYLOAD], got[CTX_PAYLOAD + 1];
	int i, n;

	if (!self->ok || dp_attach(_metadata, &self->d, "dp_ok", false))
		return;
	for (i = 0; i < CTX_PAYLOAD; i++)
		sent[i] = i * 37 + 11;
	ASSERT_EQ(CTX_PAYLOAD, lwt_udp_send(self->d.snd, self->d.a->rcv, DP_PORT,
					    sent, sizeof(sent), NULL));
	n = dp_recv(self->d.rcv, got, sizeof(got));
	lwt_expected("%d bytes, equal to those sent", CTX_PAYLOAD);
	lwt_observed("%d bytes, %s", n, n == CTX_PAYLOAD && !memcmp(sent, got, n) ?
		     "equal" : "different");
	ASSERT_EQ(CTX_PAYLOAD, n);
	EXPECT_EQ(0, memcmp(sent, got, CTX_PAYLOAD));
	EXPECT_EQ(1, dp_runs(_metadata, &self->d, RUN_OK));
}
