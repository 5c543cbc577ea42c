// SPDX-License-Identifier: GPL-2.0
/* push_encap: bpf_lwt_push_encap(skb, BPF_LWT_ENCAP_IP, hdr, len) from
 * LWT_IN on real packets (v5.1+). progs/encap.bpf.c pushes what the test
 * puts in its global; the encapsulated packet is observed on the wire at
 * the next hop with a packet socket, so no GRE or IPIP support is needed
 * anywhere. The inner packet is compared with what left the sender, the
 * outer header with what the program pushed after one forwarding hop.
 *
 * push_encap/<subject>/<aspect>_ipv4|_ipv6: the inner packet's family.
 * Source: bpf_lwt_in_push_encap() (net/core/filter.c) ->
 * bpf_lwt_push_ip_encap() (net/core/lwt_bpf.c); bpf_input() then takes
 * BPF_OK to the route already chosen, BPF_LWT_REROUTE to a new lookup of
 * the outer destination (bpf_lwt_input_reroute()).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/udp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/rtnetlink.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "lwt_harness.h"
#include "lwt_bpf.h"
#include "lwt_record.h"
#include "lwt_case.h"
#include "rtnl.h"
#include "sock.h"
#include "topo.h"

#define DP_OBJECT "encap.bpf.o"
#include "dp_fixture.h"
#include "helpers_table.h"

#include "encap_state.h"

/* include/uapi/linux/bpf.h */
#define ENCAP_SEG6 0
#define ENCAP_SEG6_INLINE 1
#define ENCAP_IP 2
#define BPF_OK_RET 0
#define BPF_REROUTE_RET 128
#define LWT_BPF_MAX_HEADROOM 256	/* net/core/lwt_bpf.c */

/* bpf_lwt_in_push_encap() got its BPF_LWT_ENCAP_IP case in 5.1
 * (3e0bd37ce0e4); when the helper itself came to LWT_IN is its row in
 * helpers_table.h.
 */
#define KV_ENCAP_IP KV(5, 1)
static const struct { const char *name; int since; } helper_since[] = {
#define HELPER(id, helper, now, kv, ...) { .name = #helper, .since = kv },
#include "helpers_table.h"
#undef HELPER
};

/* The version of bpf_lwt_push_encap's row */
static int kv_helper(void)
{
	size_t i;

	for (i = 0; i < sizeof(helper_since) / sizeof(helper_since[0]); i++)
		if (!strcmp(helper_since[i].name, "lwt_push_encap"))
			return helper_since[i].since;
	return KV(99, 0);	/* no row: cannot happen with the table */
}

#define ENC_PAYLOAD 64
#define GRE_LEN 4
#define UDP_SPORT 4444
#define UDP_DPORT 5555

/* Where the outer header points: the receiver (on the route already
 * taken), or back to the sender through routes router gets for
 * 203.0.113.0/24 and 2001:db8:3::/64. The outer source is the sender:
 * a local address would be a martian source to the reroute's lookup.
 */
#define BACK4 "203.0.113.9"
#define BACK6 "2001:db8:3::9"

static bool skip_old(struct __test_metadata *_metadata)
{
	if (lwt_kver() >= KV_ENCAP_IP)
		return false;
	lwt_reason("needs kernel 5.1 (BPF_LWT_ENCAP_IP in bpf_lwt_in_push_encap)");
	return true;
}

/* --- building headers ------------------------------------------------- */

enum extra { NONE, GRE, UDP };

struct outer {
	int family;		/* of the outer header */
	const char *src, *dst;
	enum extra extra;
	int inner_family;
	size_t inner_len;	/* the IP packet that follows */
};

static unsigned short csum16(const void *p, size_t len)
{
	const unsigned char *b = p;
	unsigned long sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (b[i] << 8) | b[i + 1];
	if (len & 1)
		sum += b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

/* The header bytes the program pushes: IPv4 (checksum 0: the kernel
 * fills it) or IPv6, then GRE or UDP or nothing. Its length.
 */
static size_t build_outer(const struct outer *o, unsigned char *buf)
{
	size_t ip = o->family == AF_INET ? 20 : 40;
	size_t ext = o->extra == GRE ? GRE_LEN : o->extra == UDP ? 8 : 0;
	int proto = o->extra == GRE ? IPPROTO_GRE : o->extra == UDP ? IPPROTO_UDP :
		    o->inner_family == AF_INET ? IPPROTO_IPIP : IPPROTO_IPV6;
	unsigned char *e = buf + ip;

	memset(buf, 0, ip + ext);
	if (o->family == AF_INET) {
		struct iphdr *h = (void *)buf;

		h->version = 4;
		h->ihl = 5;
		h->tot_len = htons(ip + ext + o->inner_len);
		h->id = htons(0x1234);
		h->ttl = 64;
		h->protocol = proto;
		inet_pton(AF_INET, o->src, &h->saddr);
		inet_pton(AF_INET, o->dst, &h->daddr);
	} else {
		struct ip6_hdr *h = (void *)buf;

		h->ip6_flow = htonl(6 << 28);
		h->ip6_plen = htons(ext + o->inner_len);
		h->ip6_nxt = proto;
		h->ip6_hlim = 64;
		inet_pton(AF_INET6, o->src, &h->ip6_src);
		inet_pton(AF_INET6, o->dst, &h->ip6_dst);
	}
	if (o->extra == GRE) {		/* flags 0, version 0, protocol */
		e[2] = o->inner_family == AF_INET ? 0x08 : 0x86;
		e[3] = o->inner_family == AF_INET ? 0x00 : 0xdd;
	} else if (o->extra == UDP) {
		struct udphdr *u = (void *)e;

		u->source = htons(UDP_SPORT);
		u->dest = htons(UDP_DPORT);
		u->len = htons(8 + o->inner_len);	/* checksum 0: none */
	}
	return ip + ext;
}

/* What the next hop must see of the outer header: one forwarding hop
 * later (ip_forward / ip6_forward: TTL or hop limit one less, IPv4
 * checksum updated) and with the checksum the kernel filled in
 * (bpf_lwt_push_ip_encap: "if (!iph->check) iph->check = ip_fast_csum").
 */
static void after_one_hop(int family, unsigned char *hdr)
{
	if (family == AF_INET) {
		struct iphdr *h = (void *)hdr;

		h->ttl--;
		h->check = 0;
		h->check = csum16(h, 20);
	} else {
		((struct ip6_hdr *)hdr)->ip6_hlim--;
	}
}

/* Field by field, for the case's message */
static void outer_diff(int family, const unsigned char *want, const unsigned char *got,
		       char *out, size_t len)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	int n = 0;

#define FIELD(name, w, g) do {						\
	if ((w) != (g))							\
		n += snprintf(out + n, len - n, "%s %#x != %#x; ", name,	\
			      (unsigned)(w), (unsigned)(g));		\
} while (0)
	out[0] = 0;
	if (family == AF_INET) {
		const struct iphdr *w = (const void *)want, *g = (const void *)got;

		FIELD("version", w->version, g->version);
		FIELD("ihl", w->ihl, g->ihl);
		FIELD("tot_len", ntohs(w->tot_len), ntohs(g->tot_len));
		FIELD("id", ntohs(w->id), ntohs(g->id));
		FIELD("ttl", w->ttl, g->ttl);
		FIELD("protocol", w->protocol, g->protocol);
		FIELD("check", ntohs(w->check), ntohs(g->check));
		if (w->saddr != g->saddr || w->daddr != g->daddr)
			n += snprintf(out + n, len - n, "addresses %s > %s != ",
				      inet_ntop(AF_INET, &w->saddr, a, sizeof(a)),
				      inet_ntop(AF_INET, &w->daddr, b, sizeof(b))),
			n += snprintf(out + n, len - n, "%s > %s; ",
				      inet_ntop(AF_INET, &g->saddr, a, sizeof(a)),
				      inet_ntop(AF_INET, &g->daddr, b, sizeof(b)));
	} else {
		const struct ip6_hdr *w = (const void *)want, *g = (const void *)got;

		FIELD("flow", ntohl(w->ip6_flow), ntohl(g->ip6_flow));
		FIELD("payload_len", ntohs(w->ip6_plen), ntohs(g->ip6_plen));
		FIELD("nexthdr", w->ip6_nxt, g->ip6_nxt);
		FIELD("hop_limit", w->ip6_hlim, g->ip6_hlim);
		if (memcmp(&w->ip6_src, &g->ip6_src, 32))
			n += snprintf(out + n, len - n, "addresses %s > %s != ",
				      inet_ntop(AF_INET6, &w->ip6_src, a, sizeof(a)),
				      inet_ntop(AF_INET6, &w->ip6_dst, b, sizeof(b))),
			n += snprintf(out + n, len - n, "%s > %s; ",
				      inet_ntop(AF_INET6, &g->ip6_src, a, sizeof(a)),
				      inet_ntop(AF_INET6, &g->ip6_dst, b, sizeof(b)));
	}
#undef FIELD
	if (n >= 2 && out[n - 2] == ';')
		out[n - 2] = 0;
	if (!out[0])
		snprintf(out, len, "IP header equal; the bytes after it differ");
}

/* --- the program's global --------------------------------------------- */

static int enc_set_min(struct __test_metadata *_metadata, struct dp *d, __u32 type,
		       const void *hdr, __u32 len, __u32 ret_ok, __u32 ret_fail,
		       __u32 min_len)
{
	struct enc_state st;

	if (dp_global(_metadata, d->obj, &st, sizeof(st), false))
		return -1;
	st.min_len = min_len;
	st.gso_push_ret = 1;	/* "no GSO packet was pushed to" */
	st.fill_len = !!min_len;	/* packets of several lengths: the program sets it */
	st.type = type;
	st.len = len;
	st.ret_ok = ret_ok;
	st.ret_fail = ret_fail;
	memset(st.hdr, 0, sizeof(st.hdr));
	memcpy(st.hdr, hdr, len < sizeof(st.hdr) ? len : sizeof(st.hdr));
	return dp_global(_metadata, d->obj, &st, sizeof(st), true);
}

static int enc_set(struct __test_metadata *_metadata, struct dp *d, __u32 type,
		   const void *hdr, __u32 len, __u32 ret_ok, __u32 ret_fail)
{
	return enc_set_min(_metadata, d, type, hdr, len, ret_ok, ret_fail, 0);
}

/* --- capture ----------------------------------------------------------- */

struct frame_want {
	int family, proto;
	bool incoming;		/* not PACKET_OUTGOING */
	bool outgoing;
};

/* An Ethernet frame of IP family f with (outer) protocol p */
static int match_frame(const unsigned char *f, size_t len, int pkttype, void *arg)
{
	const struct frame_want *w = arg;
	int et = len >= 14 ? (f[12] << 8) | f[13] : 0;

	if (w->incoming && pkttype == PACKET_OUTGOING)
		return 0;
	if (w->outgoing && pkttype != PACKET_OUTGOING)
		return 0;
	if (w->family == AF_INET)
		return et == ETH_P_IP && len >= 34 && f[14 + 9] == w->proto;
	return et == ETH_P_IPV6 && len >= 54 && f[14 + 6] == w->proto;
}

/* Length of the IP packet at p (from its own length field) */
static size_t ip_total(const unsigned char *p)
{
	return (p[0] >> 4) == 4 ? (size_t)((p[2] << 8) | p[3]) :
				 (size_t)(40 + ((p[4] << 8) | p[5]));
}

/* --- the cases --------------------------------------------------------- */

DP_FIXTURE(encap)

/* Routes in router for the outer destinations that point back to the
 * sender (through rtr0).
 */
static int back_routes(struct __test_metadata *_metadata, struct dp *d)
{
	struct lwt_route r4 = { .dst = "203.0.113.0/24", .gw = LWT_SND_IP4,
				.ifindex = d->t.rtr_in_if };
	struct lwt_route r6 = { .dst = "2001:db8:3::/64", .gw = LWT_SND_IP6,
				.ifindex = d->t.rtr_in_if };
	int e = lwt_rtnl_route_add(&d->nl, &r4);

	e = e ?: lwt_rtnl_route_add(&d->nl, &r6);
	if (e)
		CASE_FAIL("routes back to the sender: %s (%s)", strerror(-e), d->nl.err);
	return e ? -1 : 0;
}

/* The program on the route to the receiver, through the receiver as
 * gateway: with BPF_OK, ip_forward goes on with this route, and on an
 * on-link route (no gateway) the neighbour would be looked up for the
 * outer destination instead (rt_nexthop(rt, ip_hdr(skb)->daddr)).
 */
static int encap_attach(struct __test_metadata *_metadata, struct dp *d)
{
	struct lwt_route r = {
		.dst = d->a->rcv_host, .gw = d->a->rcv, .ifindex = d->t.rtr_out_if,
		.prog_fd = lwt_obj_prog_fd(d->obj, "encap"), .prog_name = "encap",
	};
	int e = lwt_rtnl_route_add(&d->nl, &r);

	if (e)
		CASE_FAIL("route %s via %s encap bpf in: %s (%s)", r.dst, r.gw,
			  strerror(-e), d->nl.err);
	return e ? -1 : 0;
}

/* Push outer o (BPF_LWT_ENCAP_IP), return ret from the program; see the
 * frame at the receiver (or, with at_sender, back at the sender) and
 * compare it with the header pushed (one hop later) followed by the
 * packet the sender sent.
 */
static void encap_case(struct __test_metadata *_metadata, struct dp *d,
		       struct outer o, __u32 ret, bool at_sender)
{
	unsigned char hdr[ENC_MAX], want[2048], sent[2048], got[2048];
	struct frame_want fw_sent = { .family = d->family, .proto = IPPROTO_UDP,
				      .outgoing = true };
	struct frame_want fw = { .family = o.family, .incoming = true };
	const struct lwt_ns *obs_ns = at_sender ? &d->t.sender : &d->t.receiver;
	int snd_cap, obs_cap, n, ns, i;
	char diff[512], payload[ENC_PAYLOAD];
	struct enc_state st;
	size_t hlen, inner;

	if (skip_old(_metadata))
		SKIP(return, "needs kernel 5.1");
	o.inner_family = d->family;
	o.inner_len = (d->family == AF_INET ? 20 : 40) + 8 + ENC_PAYLOAD;
	hlen = build_outer(&o, hdr);
	fw.proto = hdr[o.family == AF_INET ? 9 : 6];
	memcpy(want, hdr, hlen);
	if (lwt_fault()) {	/* LWT_FAULT: a wrong length field in what is pushed */
		if (o.family == AF_INET)
			hdr[3]++;
		else
			hdr[5]++;
	}
	if (lwt_value_fault())	/* LWT_FAULT_VALUE: a wrong outer destination */
		hdr[o.family == AF_INET ? 19 : 39] ^= 1;
	if ((at_sender && back_routes(_metadata, d)) ||
	    enc_set(_metadata, d, ENCAP_IP, hdr, hlen, ret, BPF_OK_RET) ||
	    encap_attach(_metadata, d))
		return;
	snd_cap = lwt_pkt_open(&d->t.sender, LWT_SND_IF);
	obs_cap = lwt_pkt_open(obs_ns, at_sender ? LWT_SND_IF : LWT_RCV_IF);
	ASSERT_LE(0, snd_cap);
	ASSERT_LE(0, obs_cap);
	for (i = 0; i < ENC_PAYLOAD; i++)
		payload[i] = 'A' + i % 26;
	ASSERT_EQ(ENC_PAYLOAD, lwt_udp_send(d->snd, d->a->rcv, DP_PORT, payload,
					    ENC_PAYLOAD, NULL));
	ns = lwt_pkt_wait(snd_cap, DP_WAIT_MS, match_frame, &fw_sent, sent, sizeof(sent));
	ASSERT_LT(14, ns) TH_LOG("the sender's frame was not seen");
	n = lwt_pkt_wait(obs_cap, DP_WAIT_MS, match_frame, &fw, got, sizeof(got));
	ASSERT_EQ(0, dp_global(_metadata, d->obj, &st, sizeof(st), false));
	inner = ip_total(sent + 14);
	after_one_hop(o.family, want);
	memcpy(want + hlen, sent + 14, inner);
	lwt_expected("push = 0; at the %s: outer %zu bytes as pushed (one hop later), then the %zu bytes the sender sent",
		     at_sender ? "sender (rerouted)" : "receiver", hlen, inner);
	if (n <= 14) {
		lwt_observed("push = %lld, %llu run(s); no such frame within %d ms",
			     st.push_ret, st.runs, DP_WAIT_MS);
		CASE_FAIL("no encapsulated frame at the %s", at_sender ? "sender" : "receiver");
		return;
	}
	outer_diff(o.family, want, got + 14, diff, sizeof(diff));
	lwt_observed("push = %lld; %d bytes; outer %s; inner %s", st.push_ret, n - 14,
		     memcmp(want, got + 14, hlen) ? diff : "equal",
		     (size_t)(n - 14) >= hlen + inner &&
		     !memcmp(want + hlen, got + 14 + hlen, inner) ? "equal" : "different");
	EXPECT_EQ(0, st.push_ret);
	EXPECT_EQ(st.len_before + hlen, st.len_after);
	if (memcmp(want, got + 14, hlen))
		CASE_FAIL("outer header: %s", diff);
	EXPECT_LE(hlen + inner, (size_t)(n - 14));
	EXPECT_EQ(0, memcmp(want + hlen, got + 14 + hlen, inner));
	close(snd_cap);
	close(obs_cap);
}

static const char *same_src(const struct dp *d)
{
	return d->family == AF_INET ? LWT_SND_IP4 : LWT_SND_IP6;
}

/* Same family, no header between (IPIP / IPv6-in-IPv6), BPF_OK: the
 * route already taken carries it on (orig_input: ip_forward).
 */
TEST_F(encap, ipip_ok)
{
	struct outer o = { self->d.family, same_src(&self->d), self->d.a->rcv, NONE };

	if (self->ok)
		encap_case(_metadata, &self->d, o, BPF_OK_RET, false);
}

TEST_F(encap, gre_ok)
{
	struct outer o = { self->d.family, same_src(&self->d), self->d.a->rcv, GRE };

	if (self->ok)
		encap_case(_metadata, &self->d, o, BPF_OK_RET, false);
}

/* A UDP outer header: bpf_lwt_push_ip_encap() also sets the transport
 * header there (is_udp_tunnel); the bytes go out as pushed.
 */
TEST_F(encap, udp_ok)
{
	struct outer o = { self->d.family, same_src(&self->d), self->d.a->rcv, UDP };

	if (self->ok)
		encap_case(_metadata, &self->d, o, BPF_OK_RET, false);
}

/* The other family outside: only a new lookup can route it
 * (BPF_LWT_REROUTE: bpf_lwt_input_reroute() looks it up by
 * skb->protocol, now the outer family).
 */
TEST_F(encap, crossed_reroute)
{
	struct outer o = {
		self->d.family == AF_INET ? AF_INET6 : AF_INET,
		self->d.family == AF_INET ? LWT_SND_IP6 : LWT_SND_IP4,
		self->d.family == AF_INET ? LWT_RCV_IP6 : LWT_RCV_IP4, NONE,
	};

	if (self->ok)
		encap_case(_metadata, &self->d, o, BPF_REROUTE_RET, false);
}

/* BPF_LWT_REROUTE: where the outer destination routes (back to the
 * sender), not where the inner one did.
 */
TEST_F(encap, reroute_follows_outer)
{
	struct outer o = { self->d.family, same_src(&self->d),
			   self->d.family == AF_INET ? BACK4 : BACK6, NONE };

	if (self->ok)
		encap_case(_metadata, &self->d, o, BPF_REROUTE_RET, true);
}

/* BPF_OK: the route already chosen, whatever the outer destination */
TEST_F(encap, ok_keeps_route)
{
	struct outer o = { self->d.family, same_src(&self->d),
			   self->d.family == AF_INET ? BACK4 : BACK6, NONE };

	if (self->ok && !back_routes(_metadata, &self->d))
		encap_case(_metadata, &self->d, o, BPF_OK_RET, false);
}

/* --- refusals: the helper's error, the packet unchanged ---------------- */

DP_FIXTURE(invalid)

/* Push (type, hdr, len); the helper must return want and the packet go
 * on unchanged (the program returns BPF_OK after a failed push).
 */
static void refuse_case(struct __test_metadata *_metadata, struct dp *d, __u32 type,
			const unsigned char *hdr, __u32 len, int want, const char *why)
{
	char payload[ENC_PAYLOAD], got[ENC_PAYLOAD + 1];
	struct enc_state st;
	int n;

	if (skip_old(_metadata))
		SKIP(return, "needs kernel 5.1");
	if (lwt_fault())	/* LWT_FAULT: expect success, so the case must fail */
		want = 0;
	if (enc_set(_metadata, d, type, hdr, len, BPF_OK_RET, BPF_OK_RET) ||
	    encap_attach(_metadata, d))
		return;
	memset(payload, 'u', sizeof(payload));
	ASSERT_EQ(ENC_PAYLOAD, lwt_udp_send(d->snd, d->a->rcv, DP_PORT, payload,
					    ENC_PAYLOAD, NULL));
	n = dp_recv(d->rcv, got, sizeof(got));
	ASSERT_EQ(0, dp_global(_metadata, d->obj, &st, sizeof(st), false));
	lwt_expected("push = %d (%s) [%s]; the packet delivered unchanged",
		     want, strerror(-want), why);
	lwt_observed("push = %lld; length %u -> %u, protocol %#x -> %#x; %s",
		     st.push_ret, st.len_before, st.len_after, ntohs(st.proto_before),
		     ntohs(st.proto_after), n == ENC_PAYLOAD && !memcmp(got, payload, n) ?
		     "delivered as sent" : "not delivered as sent");
	EXPECT_EQ(want, st.push_ret);
	EXPECT_EQ(st.len_before, st.len_after);
	EXPECT_EQ(st.proto_before, st.proto_after);
	EXPECT_EQ(ENC_PAYLOAD, n);
	EXPECT_EQ(0, memcmp(got, payload, ENC_PAYLOAD));
}

static size_t v4_header(unsigned char *h)
{
	struct outer o = { AF_INET, LWT_SND_IP4, LWT_RCV_IP4, NONE, AF_INET, 92 };

	return build_outer(&o, h);
}

/* bpf_lwt_push_ip_encap(): "if (unlikely(len < sizeof(struct iphdr) ||
 * len > LWT_BPF_MAX_HEADROOM)) return -EINVAL;"
 */
TEST_F(invalid, shorter_than_iphdr)
{
	unsigned char h[ENC_MAX];

	v4_header(h);
	if (self->ok)
		refuse_case(_metadata, &self->d, ENCAP_IP, h, 19, -EINVAL,
			    "len < sizeof(struct iphdr)");
}

TEST_F(invalid, longer_than_limit)
{
	unsigned char h[ENC_MAX] = { 0 };

	v4_header(h);
	if (self->ok)
		refuse_case(_metadata, &self->d, ENCAP_IP, h, LWT_BPF_MAX_HEADROOM + 1,
			    -EINVAL, "len > LWT_BPF_MAX_HEADROOM (256)");
}

/* "if (iph->version == 4) ... else if (iph->version == 6) ... else
 * return -EINVAL;"
 */
TEST_F(invalid, wrong_version)
{
	unsigned char h[ENC_MAX];

	v4_header(h);
	h[0] = 0x55;	/* version 5 */
	if (self->ok)
		refuse_case(_metadata, &self->d, ENCAP_IP, h, 20, -EINVAL,
			    "version neither 4 nor 6");
}

/* "if (unlikely(len < iph->ihl * 4)) return -EINVAL;" */
TEST_F(invalid, ihl_past_len)
{
	unsigned char h[ENC_MAX];

	v4_header(h);
	h[0] = 0x46;	/* IHL 6: 24 bytes, 20 given */
	if (self->ok)
		refuse_case(_metadata, &self->d, ENCAP_IP, h, 20, -EINVAL,
			    "len < iph->ihl * 4");
}

/* "if (unlikely(len < sizeof(struct ipv6hdr))) return -EINVAL;" */
TEST_F(invalid, ipv6_shorter_than_ipv6hdr)
{
	struct outer o = { AF_INET6, LWT_SND_IP6, LWT_RCV_IP6, NONE, AF_INET6, 112 };
	unsigned char h[ENC_MAX];

	build_outer(&o, h);
	if (self->ok)
		refuse_case(_metadata, &self->d, ENCAP_IP, h, 39, -EINVAL,
			    "version 6, len < sizeof(struct ipv6hdr)");
}

/* bpf_lwt_in_push_encap(): "default: return -EINVAL;" */
TEST_F(invalid, unknown_type)
{
	unsigned char h[ENC_MAX];

	v4_header(h);
	if (self->ok)
		refuse_case(_metadata, &self->d, 7, h, 20, -EINVAL,
			    "bpf_lwt_in_push_encap: type not SEG6, SEG6_INLINE or IP");
}

/* A segment routing header with one segment (RFC 8754): 8 + 16 bytes */
static size_t srh(unsigned char *h, size_t claimed_len)
{
	memset(h, 0, 24);
	h[0] = IPPROTO_IPV6;			/* nexthdr */
	h[1] = (claimed_len >> 3) - 1;		/* hdrlen, 8-byte units past 8 */
	h[2] = 4;				/* type: IPV6_SRCRT_TYPE_4 */
	inet_pton(AF_INET6, LWT_RCV_IP6, h + 8);	/* segment 0 */
	return 24;
}

/* bpf_push_seg6_encap(): "if (!seg6_validate_srh(srh, len, false))
 * return -EINVAL;" ((hdrlen + 1) * 8 must be len); without
 * CONFIG_IPV6_SEG6_BPF the type is unknown: -EINVAL as well.
 */
TEST_F(invalid, seg6_bad_srh)
{
	unsigned char h[ENC_MAX] = { 0 };

	srh(h, 32);	/* claims 32 bytes, 24 given */
	if (self->ok)
		refuse_case(_metadata, &self->d, ENCAP_SEG6, h, 24, -EINVAL,
			    "seg6_validate_srh: hdrlen does not match len");
}

/* BPF_LWT_ENCAP_SEG6_INLINE on an IPv4 packet: bpf_push_seg6_encap()
 * "if (skb->protocol != htons(ETH_P_IPV6)) return -EBADMSG;" (with
 * CONFIG_IPV6_SEG6_BPF; else the type is unknown: -EINVAL). IPv4 only:
 * on IPv6 the inline header goes in.
 */
FIXTURE(seg6) { struct dp d; bool ok; };
FIXTURE_SETUP(seg6) { self->ok = !dp_setup(_metadata, &self->d, AF_INET); }
FIXTURE_TEARDOWN(seg6) { dp_teardown(&self->d); }

TEST_F(seg6, inline_on_ipv4)
{
	unsigned char h[ENC_MAX] = { 0 };
	int seg6 = lwt_kconfig("CONFIG_IPV6_SEG6_BPF");

	if (seg6 < 0)
		SKIP(return, "no kernel config: CONFIG_IPV6_SEG6_BPF decides the answer");
	srh(h, 24);
	if (self->ok)
		refuse_case(_metadata, &self->d, ENCAP_SEG6_INLINE, h, 24,
			    seg6 ? -EBADMSG : -EINVAL,
			    seg6 ? "SEG6_INLINE: skb->protocol != ETH_P_IPV6" :
			    "no CONFIG_IPV6_SEG6_BPF: unknown type");
}

/* --- GSO ------------------------------------------------------------------ */

/* A TCP GSO packet: handle_gso_encap() adds SKB_GSO_IPXIP4/6 (or GRE,
 * UDP tunnel) to its gso_type, so segmentation on the way out repeats the
 * outer header on every segment with its own length and checksum. The
 * router's way out has TSO off (segments cut in software) and room for
 * the outer header; packets below GSO_MIN_LEN (the handshake) pass as
 * they are, so the connection comes up without decapsulation anywhere.
 */
DP_FIXTURE(gso)

#define GSO_MTU 1600
#define GSO_MIN_LEN 200	/* above the handshake (<= 80), below any data packet */
/* Within the initial congestion window (10 segments): all of it goes
 * out at once, no ACK needed (none comes: nothing decapsulates).
 */
#define GSO_BYTES 8000
#define ENOTSUPP_K 524		/* include/linux/errno.h, kernel-internal */

static int gso_net(struct __test_metadata *_metadata, struct dp *d)
{
	struct lwt_rtnl rnl;
	int e = lwt_rtnl_link_mtu(&d->nl, d->t.rtr_out_if, GSO_MTU);

	e = e ?: lwt_rtnl_open(&rnl, &d->t.receiver);
	if (!e) {
		e = lwt_rtnl_link_mtu(&rnl, d->t.rcv_if, GSO_MTU);
		lwt_rtnl_close(&rnl);
	}
	e = e ?: lwt_tso_off(&d->t.router, LWT_RTR_OUT_IF);
	if (e)
		CASE_FAIL("MTU %d and TSO off on the router's way out: %s", GSO_MTU,
			  strerror(-e));
	return e ? -1 : 0;
}

static socklen_t sa_of(int family, const char *addr, unsigned short port,
		       struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *s4 = (void *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		inet_pton(AF_INET, addr, &s4->sin_addr);
		return sizeof(*s4);
	} else {
		struct sockaddr_in6 *s6 = (void *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		inet_pton(AF_INET6, addr, &s6->sin6_addr);
		return sizeof(*s6);
	}
}

/* One captured frame: outer IP header, inner IP header, TCP */
struct seg {
	size_t outer_len, inner_off, tcp_off, payload_off, payload_len;
	unsigned int seq;
	bool outer_len_ok, outer_csum_ok, inner_len_ok, syn;
};

static int parse_seg(const unsigned char *f, size_t n, int ofam, size_t ext,
		     struct seg *s)
{
	const unsigned char *o = f + 14, *in;
	size_t ohl = ofam == AF_INET ? (o[0] & 15) * 4 : 40, ihl, thl, ilen;

	memset(s, 0, sizeof(*s));
	if (n < 14 + ohl + 40)
		return -1;
	s->outer_len = ofam == AF_INET ? (size_t)((o[2] << 8) | o[3]) :
					 40 + (size_t)((o[4] << 8) | o[5]);
	s->outer_len_ok = s->outer_len == n - 14;
	s->outer_csum_ok = ofam != AF_INET || csum16(o, ohl) == 0;
	in = o + ohl + ext;	/* past GRE or UDP */
	ihl = (in[0] >> 4) == 4 ? (in[0] & 15) * 4 : 40;
	ilen = (in[0] >> 4) == 4 ? (size_t)((in[2] << 8) | in[3]) :
				   40 + (size_t)((in[4] << 8) | in[5]);
	s->inner_len_ok = ilen == n - 14 - ohl - ext;
	thl = (in[ihl + 12] >> 4) * 4;
	s->seq = ntohl(*(const unsigned int *)(in + ihl + 4));
	s->syn = in[ihl + 13] & 0x02;
	s->payload_off = 14 + ohl + ext + ihl + thl;
	s->payload_len = n > s->payload_off ? n - s->payload_off : 0;
	return 0;
}

/* A TCP stream through the encapsulating route; want is what the push to
 * a GSO packet returns. 0: each segment arrives with its own outer header
 * and the bytes are those sent. An error: the program drops that packet
 * (nothing of it arrives).
 */
static void gso_tcp(struct __test_metadata *_metadata, struct dp *d, enum extra x,
		    int want, const char *why)
{
	int ofam = d->family, lfd = -1, cfd = -1, cap = -1, frames = 0, bad = 0, n, i;
	struct outer o = { ofam, same_src(d), d->a->rcv, x, ofam, 0 };
	struct frame_want syn_w = { .family = ofam, .proto = IPPROTO_TCP, .incoming = true };
	struct frame_want enc_w = { .family = ofam, .incoming = true };
	static unsigned char data[GSO_BYTES], got[GSO_BYTES];
	unsigned char hdr[ENC_MAX], f[70000];
	struct sockaddr_storage ss;
	unsigned int isn = 0;
	size_t hlen, have = 0;
	struct enc_state st;
	socklen_t sl;
	struct seg sg;

	if (skip_old(_metadata))
		SKIP(return, "needs kernel 5.1");
	if (lwt_fault())	/* LWT_FAULT: the other outcome, so the case must fail */
		want = want ? 0 : -EPROTONOSUPPORT;
	hlen = build_outer(&o, hdr);	/* the program sets the length field */
	enc_w.proto = hdr[ofam == AF_INET ? 9 : 6];
	if (gso_net(_metadata, d) ||
	    enc_set_min(_metadata, d, ENCAP_IP, hdr, hlen, BPF_OK_RET,
			BPF_DROP, GSO_MIN_LEN) ||
	    encap_attach(_metadata, d))
		return;
	for (i = 0; i < GSO_BYTES; i++)
		data[i] = (i * 7 + i / 251) & 0xff;
	lfd = lwt_sock_in(&d->t.receiver, ofam, SOCK_STREAM, 0);
	cfd = lwt_sock_in(&d->t.sender, ofam, SOCK_STREAM, 0);
	cap = lwt_pkt_open(&d->t.receiver, LWT_RCV_IF);
	ASSERT_LE(0, lfd);
	ASSERT_LE(0, cfd);
	ASSERT_LE(0, cap);
	sl = sa_of(ofam, d->a->rcv, DP_PORT, &ss);
	ASSERT_EQ(0, bind(lfd, (void *)&ss, sl));
	ASSERT_EQ(0, listen(lfd, 1));
	ASSERT_EQ(0, connect(cfd, (void *)&ss, sl)) TH_LOG("connect: %s", strerror(errno));
	n = lwt_pkt_wait(cap, DP_WAIT_MS, match_frame, &syn_w, f, sizeof(f));
	ASSERT_LT(0, n);
	/* the SYN, plain (below GSO_MIN_LEN): its sequence number */
	isn = ntohl(*(const unsigned int *)(f + 14 + (ofam == AF_INET ? 20 : 40) + 4));
	ASSERT_EQ(GSO_BYTES, send(cfd, data, GSO_BYTES, 0));
	/* a refused push: wait for the program to meet the GSO packet */
	for (i = 0; want && i < DP_WAIT_MS; i++) {
		ASSERT_EQ(0, dp_global(_metadata, d->obj, &st, sizeof(st), false));
		if (st.gso_push_ret != 1)
			break;
		usleep(1000);
	}
	/* else until every byte is in, each wait bounded */
	while (!want && have < GSO_BYTES &&
	       (n = lwt_pkt_wait(cap, DP_WAIT_MS, match_frame, &enc_w, f, sizeof(f))) > 0) {
		size_t off;

		if (parse_seg(f, n, ofam, hlen - (ofam == AF_INET ? 20 : 40), &sg))
			continue;
		frames++;
		bad += !sg.outer_len_ok || !sg.outer_csum_ok || !sg.inner_len_ok ||
		       n - 14 > GSO_MTU;
		off = sg.seq - isn - 1;
		if (off < GSO_BYTES && sg.payload_len <= GSO_BYTES - off) {
			memcpy(got + off, f + sg.payload_off, sg.payload_len);
			if (off == have)
				have += sg.payload_len;
		}
	}
	ASSERT_EQ(0, dp_global(_metadata, d->obj, &st, sizeof(st), false));
	if (want) {
		lwt_expected("the push to a GSO packet returns %d (%s) [%s]; none of its bytes arrive",
			     want, strerror(-want), why);
		lwt_observed("push to a GSO packet (gso_segs up to %u) = %lld; %d encapsulated frame(s)",
			     st.gso_segs, st.gso_push_ret, frames);
		EXPECT_LT(1, st.gso_segs);
		EXPECT_EQ(want, st.gso_push_ret);
	} else {
		lwt_expected("the push to a GSO packet returns 0 [%s]; at least 2 encapsulated segments, each within MTU %d with its own outer length%s and inner length; the TCP bytes as sent",
			     why, GSO_MTU, ofam == AF_INET ? " and checksum" : "");
		lwt_observed("push to a GSO packet (gso_segs up to %u) = %lld; %d segment(s), %d malformed; %zu bytes in order, %s",
			     st.gso_segs, st.gso_push_ret, frames, bad, have,
			     have && !memcmp(got, data, have) ? "equal to those sent" : "different");
		EXPECT_LT(1, st.gso_segs);
		EXPECT_EQ(0, st.gso_push_ret);
		EXPECT_LE(2, frames);
		EXPECT_EQ(0, bad);
		EXPECT_LT(0, have);
		EXPECT_EQ(0, memcmp(got, data, have));
	}
	close(cap);
	close(cfd);
	close(lfd);
}

/* handle_gso_encap(): GRE -> SKB_GSO_GRE (gre_gso_segment, built in) */
TEST_F(gso, tcp_over_gre)
{
	if (self->ok)
		gso_tcp(_metadata, &self->d, GRE, 0, "IPPROTO_GRE: SKB_GSO_GRE");
}

/* UDP without checksum -> SKB_GSO_UDP_TUNNEL (skb_udp_tunnel_segment) */
TEST_F(gso, tcp_over_udp)
{
	if (self->ok)
		gso_tcp(_metadata, &self->d, UDP, 0, "IPPROTO_UDP: SKB_GSO_UDP_TUNNEL");
}

/* No header between: handle_gso_encap() matches "case IPPROTO_IP: case
 * IPPROTO_IPV6:" on the outer protocol. IPv6 inside (41) is IPPROTO_IPV6
 * and becomes SKB_GSO_IPXIP4/6; IPv4 inside is protocol 4, IPPROTO_IPIP,
 * not IPPROTO_IP (0), and falls to "default: return -EPROTONOSUPPORT".
 * So an IPv4-in-IPv4 GSO packet cannot be encapsulated, IPv6-in-IPv6 can
 * (the source as it is in 6.1 and 6.18; GRE or UDP work for both).
 */
TEST_F(gso, tcp_ip_in_ip)
{
	if (self->ok)
		gso_tcp(_metadata, &self->d, NONE,
			self->d.family == AF_INET ? -EPROTONOSUPPORT : 0,
			self->d.family == AF_INET ?
			"outer protocol 4 (IPPROTO_IPIP) is not the IPPROTO_IP (0) the switch names" :
			"nexthdr 41, IPPROTO_IPV6: SKB_GSO_IPXIP6");
}

/* A GSO packet of another protocol (UDP_SEGMENT): handle_gso_encap()
 * "if (!(skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))
 * return -ENOTSUPP;" -- after the header was pushed (bpf_lwt_push_ip_encap
 * pushes, then checks GSO), so the packet is longer by it.
 */
TEST_F(gso, udp_gso_refused)
{
	int ofam = self->d.family, fd, seg = 500;
	struct outer o = { ofam, same_src(&self->d), self->d.a->rcv, NONE, ofam, 0 };
	unsigned char hdr[ENC_MAX], buf[1500];
	struct sockaddr_storage ss;
	struct enc_state st;
	int want = lwt_fault() ? 0 : -ENOTSUPP_K;	/* LWT_FAULT: expect success */
	size_t hlen;
	socklen_t sl;

	if (!self->ok)
		return;
	if (skip_old(_metadata))
		SKIP(return, "needs kernel 5.1");
	hlen = build_outer(&o, hdr);
	if (enc_set_min(_metadata, &self->d, ENCAP_IP, hdr, hlen, BPF_OK_RET, BPF_DROP,
			GSO_MIN_LEN) ||
	    encap_attach(_metadata, &self->d))
		return;
	fd = lwt_sock_in(&self->d.t.sender, ofam, SOCK_DGRAM, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, setsockopt(fd, SOL_UDP, 103 /* UDP_SEGMENT */, &seg, sizeof(seg)))
		TH_LOG("UDP_SEGMENT: %s", strerror(errno));
	sl = sa_of(ofam, self->d.a->rcv, DP_PORT, &ss);
	memset(buf, 'g', sizeof(buf));
	ASSERT_EQ((ssize_t)sizeof(buf), sendto(fd, buf, sizeof(buf), 0, (void *)&ss, sl));
	close(fd);
	if (dp_flush(_metadata, &self->d))	/* the program has run by then */
		return;
	ASSERT_EQ(0, dp_global(_metadata, self->d.obj, &st, sizeof(st), false));
	lwt_expected("a UDP GSO packet (3 segments): push = %d (-ENOTSUPP); length grown by the %zu-byte header",
		     want, hlen);
	lwt_observed("push = %lld; gso_segs %u; length %u -> %u", st.push_ret, st.gso_segs,
		     st.len_before, st.len_after);
	EXPECT_EQ(1, st.pushed);
	EXPECT_EQ(3, st.gso_segs);
	EXPECT_EQ(want, st.push_ret);
	EXPECT_EQ(st.len_before + hlen, st.len_after);
}

/* --- by kernel version ---------------------------------------------------- */

/* The verdict on an LWT_IN program calling bpf_lwt_push_encap: accepted
 * since 4.18; BPF_LWT_ENCAP_IP then works since 5.1 and before returns
 * -EINVAL (no such case in bpf_lwt_in_push_encap). Before 4.18 the
 * verifier refuses the helper (lwt_inout_func_proto has no case for it).
 */
FIXTURE(version) { int unused; };
FIXTURE_SETUP(version) {}
FIXTURE_TEARDOWN(version) {}

TEST_F(version, encap_ip)
{
	char err[2048];
	struct bpf_object *obj = lwt_obj_load(DP_OBJECT, err, sizeof(err));
	int kver = lwt_kver();
	bool want_load = (kver >= kv_helper()) != lwt_fault();

	lwt_expected("%s", want_load ? "the program loads" :
		     "the verifier refuses bpf_lwt_push_encap#73 (unknown func)");
	lwt_observed("%s", obj ? "loaded" : err);
	if (want_load != !!obj)
		CASE_FAIL("%s", obj ? "loaded" : err);
	else if (!obj && !strstr(err, "unknown func"))
		CASE_FAIL("refused with another message: %s", err);
	bpf_object__close(obj);
}

#define LWT_CATEGORY "push_encap"
#include "lwt_main.h"
