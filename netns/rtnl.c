// SPDX-License-Identifier: GPL-2.0
/* rtnetlink by hand: requests are built in one buffer, replies are read
 * until the kernel's ack (or NLMSG_DONE for a dump), and an error carries
 * the extack message the kernel attached to it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/if.h>
#include <linux/lwtunnel.h>
#include <linux/netlink.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include "rtnl.h"

#define REQ_SIZE 2048
#define RCV_SIZE 32768
#define RCV_TIMEOUT_MS 2000	/* a reply the kernel never sends is a bug */
#define MAX_IFS 64

struct req {
	struct nlmsghdr h;
	char body[REQ_SIZE - sizeof(struct nlmsghdr)];
};

typedef int (*msg_cb)(const struct nlmsghdr *h, void *arg);

static int fail(struct lwt_rtnl *nl, int err, const char *msg)
{
	snprintf(nl->err, sizeof(nl->err), "%s", msg);
	return err;
}

/* Start a request whose fixed header (ifinfomsg, rtmsg, ...) is hdr. */
static void req_init(struct req *r, int type, int flags, const void *hdr,
		     size_t hlen)
{
	memset(r, 0, sizeof(*r));
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = NLM_F_REQUEST | flags;
	r->h.nlmsg_len = NLMSG_LENGTH(hlen);
	memcpy(NLMSG_DATA(&r->h), hdr, hlen);
}

/* Append one attribute. A request that does not fit gets nlmsg_len 0,
 * which send_req() refuses, so callers need not check every put.
 */
static struct rtattr *put(struct req *r, int type, const void *data, size_t len)
{
	struct rtattr *a;

	if (!r->h.nlmsg_len)
		return NULL;
	if (NLMSG_ALIGN(r->h.nlmsg_len) + RTA_SPACE(len) > sizeof(*r)) {
		r->h.nlmsg_len = 0;
		return NULL;
	}
	a = (struct rtattr *)((char *)r + NLMSG_ALIGN(r->h.nlmsg_len));
	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_SPACE(len);
	return a;
}

static struct rtattr *put_str(struct req *r, int type, const char *s)
{
	return put(r, type, s, strlen(s) + 1);
}

static struct rtattr *put_u32(struct req *r, int type, unsigned int v)
{
	return put(r, type, &v, sizeof(v));
}

/* A nest is an attribute whose length is fixed once its inside is put. */
static void nest_end(struct req *r, struct rtattr *a)
{
	if (a && r->h.nlmsg_len)
		a->rta_len = (char *)r + r->h.nlmsg_len - (char *)a;
}

/* The extack message: attributes after the nlmsgerr (and after the echoed
 * request unless NETLINK_CAP_ACK capped it), or after NLMSG_DONE's int.
 */
static void read_extack(struct lwt_rtnl *nl, const struct nlmsghdr *h)
{
	const char *p = NLMSG_DATA(h), *end = (const char *)h + h->nlmsg_len;
	const struct rtattr *a;
	int len;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (h->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = (const void *)p;

		p += NLMSG_ALIGN(sizeof(*e));
		if (!(h->nlmsg_flags & NLM_F_CAPPED))
			p += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	} else {
		p += NLMSG_ALIGN(sizeof(int));
	}
	len = end - p;
	for (a = (const void *)p; len > 0 && RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == NLMSGERR_ATTR_MSG)
			snprintf(nl->err, sizeof(nl->err), "%.*s",
				 (int)RTA_PAYLOAD(a), (const char *)RTA_DATA(a));
}

static int send_req(struct lwt_rtnl *nl, struct req *r)
{
	nl->err[0] = 0;
	if (!r->h.nlmsg_len)
		return fail(nl, -EMSGSIZE, "request does not fit the buffer");
	r->h.nlmsg_seq = ++nl->seq;
	if (send(nl->fd, r, r->h.nlmsg_len, 0) < 0)
		return fail(nl, -errno, "send to rtnetlink failed");
	return 0;
}

/* Read the answers to the last request: each message to cb, until the
 * ack or NLMSG_DONE. Messages of other requests or notifications (another
 * seq) are skipped.
 */
static int recv_reply(struct lwt_rtnl *nl, msg_cb cb, void *arg)
{
	static __thread char buf[RCV_SIZE] __attribute__((aligned(8)));
	int ret = 0;

	for (;;) {
		struct nlmsghdr *h;
		ssize_t n = recv(nl->fd, buf, sizeof(buf), MSG_TRUNC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return fail(nl, -ETIMEDOUT, "no answer from rtnetlink");
		if (n < 0)
			return fail(nl, -errno, "recv from rtnetlink failed");
		if (n > (ssize_t)sizeof(buf))
			return fail(nl, -EMSGSIZE, "rtnetlink message truncated");
		for (h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != nl->seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR ||
			    h->nlmsg_type == NLMSG_DONE) {
				int err = 0;

				if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					err = *(int *)NLMSG_DATA(h);
				if (err < 0) {
					read_extack(nl, h);
					return err;
				}
				return ret;
			}
			if (cb && !ret)
				ret = cb(h, arg);
		}
	}
}

static int talk(struct lwt_rtnl *nl, struct req *r, msg_cb cb, void *arg)
{
	int err = send_req(nl, r);

	return err ? err : recv_reply(nl, cb, arg);
}

static int nl_socket(int groups)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = groups };
	struct timeval tv = { .tv_sec = RCV_TIMEOUT_MS / 1000,
			      .tv_usec = RCV_TIMEOUT_MS % 1000 * 1000 };
	int one = 1, fd, err;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/* A socket made inside nsfd (-1: here); the caller's thread comes back. */
static int nl_socket_in(int nsfd, int groups)
{
	struct lwt_ns ns = { .fd = nsfd };
	int saved, fd, err;

	if (nsfd < 0)
		return nl_socket(groups);
	err = lwt_ns_enter(&ns, &saved);
	if (err)
		return err;
	fd = nl_socket(groups);
	err = lwt_ns_leave(saved);
	if (err && fd >= 0) {
		close(fd);
		fd = err;
	}
	return fd;
}

int lwt_rtnl_open(struct lwt_rtnl *nl, const struct lwt_ns *ns)
{
	memset(nl, 0, sizeof(*nl));
	nl->nsfd = -1;
	if (ns) {
		nl->nsfd = fcntl(ns->fd, F_DUPFD_CLOEXEC, 0);
		if (nl->nsfd < 0)
			return fail(nl, -errno, "dup of the namespace fd");
	}
	nl->fd = nl_socket_in(nl->nsfd, 0);
	if (nl->fd < 0) {
		int err = nl->fd;

		lwt_rtnl_close(nl);
		return fail(nl, err, "cannot open a NETLINK_ROUTE socket");
	}
	return 0;
}

void lwt_rtnl_close(struct lwt_rtnl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	if (nl->nsfd >= 0)
		close(nl->nsfd);
	nl->fd = nl->nsfd = -1;
}

/* ---- links and addresses ------------------------------------------- */

static int link_index_cb(const struct nlmsghdr *h, void *arg)
{
	if (h->nlmsg_type == RTM_NEWLINK)
		*(int *)arg = ((struct ifinfomsg *)NLMSG_DATA(h))->ifi_index;
	return 0;
}

int lwt_rtnl_link_index(struct lwt_rtnl *nl, const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	int idx = 0, err;
	struct req r;

	req_init(&r, RTM_GETLINK, NLM_F_ACK, &ifi, sizeof(ifi));
	put_str(&r, IFLA_IFNAME, name);
	err = talk(nl, &r, link_index_cb, &idx);
	if (err)
		return err;
	return idx > 0 ? idx : fail(nl, -ENODEV, "no such link");
}

int lwt_rtnl_pair_add(struct lwt_rtnl *nl, const char *kind, const char *name,
		      int ifindex, const char *peer, int peer_ifindex, int peer_nsfd)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct rtattr *info, *data, *pinfo;
	struct req r;

	req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK,
		 &ifi, sizeof(ifi));
	ifi.ifi_index = peer_ifindex;
	put_str(&r, IFLA_IFNAME, name);
	info = put(&r, IFLA_LINKINFO, NULL, 0);
	put_str(&r, IFLA_INFO_KIND, kind);
	data = put(&r, IFLA_INFO_DATA, NULL, 0);
	/* The peer is described like a link of its own: ifinfomsg + attrs. */
	pinfo = put(&r, VETH_INFO_PEER, &ifi, sizeof(ifi));
	put_str(&r, IFLA_IFNAME, peer);
	if (peer_nsfd >= 0)
		put_u32(&r, IFLA_NET_NS_FD, peer_nsfd);
	nest_end(&r, pinfo);
	nest_end(&r, data);
	nest_end(&r, info);
	return talk(nl, &r, NULL, NULL);
}

int lwt_rtnl_link_up(struct lwt_rtnl *nl, int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex,
				 .ifi_flags = IFF_UP, .ifi_change = IFF_UP };
	struct req r;

	req_init(&r, RTM_NEWLINK, NLM_F_ACK, &ifi, sizeof(ifi));
	return talk(nl, &r, NULL, NULL);
}

int lwt_rtnl_link_mtu(struct lwt_rtnl *nl, int ifindex, unsigned int mtu)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct req r;

	req_init(&r, RTM_NEWLINK, NLM_F_ACK, &ifi, sizeof(ifi));
	put_u32(&r, IFLA_MTU, mtu);
	return talk(nl, &r, NULL, NULL);
}

/* "addr[/len]" -> family, address bytes, prefix length (host if absent). */
static int parse_prefix(const char *s, int *family, unsigned char *addr, int *plen)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash, *end;
	int max;

	if (snprintf(buf, sizeof(buf), "%s", s) >= (int)sizeof(buf))
		return -EINVAL;
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = 0;
	*family = strchr(buf, ':') ? AF_INET6 : AF_INET;
	max = *family == AF_INET6 ? 128 : 32;
	if (inet_pton(*family, buf, addr) != 1)
		return -EINVAL;
	*plen = max;
	if (slash) {
		long v = strtol(slash, &end, 10);

		if (*end || end == slash || v < 0 || v > max)
			return -EINVAL;
		*plen = v;
	}
	return 0;
}

static int addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

int lwt_rtnl_addr_add(struct lwt_rtnl *nl, int ifindex, const char *cidr)
{
	struct ifaddrmsg ifa = { .ifa_index = ifindex };
	unsigned char a[16];
	int family, plen;
	struct req r;

	if (parse_prefix(cidr, &family, a, &plen))
		return fail(nl, -EINVAL, "bad address");
	ifa.ifa_family = family;
	ifa.ifa_prefixlen = plen;
	req_init(&r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK,
		 &ifa, sizeof(ifa));
	put(&r, IFA_LOCAL, a, addr_len(family));
	put(&r, IFA_ADDRESS, a, addr_len(family));
	if (family == AF_INET6)
		put_u32(&r, IFA_FLAGS, IFA_F_NODAD);
	return talk(nl, &r, NULL, NULL);
}

/* ---- routes ---------------------------------------------------------- */

/* One LWT_BPF_{IN,OUT,XMIT} nest when fd > 0; omit drops attributes. */
static void put_prog(struct req *r, int which, int fd, const char *name, int omit)
{
	struct rtattr *nest;

	if (fd <= 0)
		return;
	nest = put(r, which, NULL, 0);
	if (!(omit & LWT_OMIT_FD))
		put_u32(r, LWT_BPF_PROG_FD, fd);
	if (!(omit & LWT_OMIT_NAME))
		put_str(r, LWT_BPF_PROG_NAME, name);
	nest_end(r, nest);
}

static int route_req(struct lwt_rtnl *nl, struct req *r, int cmd,
		     const struct lwt_route *rt)
{
	struct rtmsg rtm = { 0 };
	unsigned char dst[16], gw[16];
	int family, plen, gfam;
	unsigned int table = rt->table ? rt->table : RT_TABLE_MAIN;

	if (!rt->dst || parse_prefix(rt->dst, &family, dst, &plen))
		return fail(nl, -EINVAL, "bad route destination");
	rtm.rtm_family = family;
	rtm.rtm_dst_len = plen;
	rtm.rtm_table = table < 256 ? table : RT_TABLE_UNSPEC;
	if (cmd == RTM_NEWROUTE) {
		/* The scope iproute2 would pick: host for local, link for a
		 * route with no gateway, universe through a gateway.
		 */
		rtm.rtm_protocol = RTPROT_STATIC;
		rtm.rtm_type = rt->type ? rt->type : RTN_UNICAST;
		rtm.rtm_scope = rtm.rtm_type == RTN_LOCAL ? RT_SCOPE_HOST :
				rt->gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	} else {
		rtm.rtm_scope = RT_SCOPE_NOWHERE;	/* any scope */
		rtm.rtm_type = rt->type;
	}
	req_init(r, cmd, NLM_F_ACK | (cmd != RTM_NEWROUTE ? 0 : rt->replace ?
		 NLM_F_CREATE | NLM_F_REPLACE : NLM_F_CREATE | NLM_F_EXCL),
		 &rtm, sizeof(rtm));
	if (plen)
		put(r, RTA_DST, dst, addr_len(family));
	put_u32(r, RTA_TABLE, table);
	if (rt->gw) {
		if (parse_prefix(rt->gw, &gfam, gw, &plen) || gfam != family)
			return fail(nl, -EINVAL, "bad gateway");
		put(r, RTA_GATEWAY, gw, addr_len(family));
	}
	if (rt->ifindex)
		put_u32(r, RTA_OIF, rt->ifindex);
	if (cmd != RTM_NEWROUTE)
		return 0;
	if (rt->realm)
		put_u32(r, RTA_FLOW, rt->realm);
	if (rt->prog_fd > 0 || rt->out_fd > 0 || rt->xmit_fd > 0) {
		/* RTA_ENCAP { LWT_BPF_IN { PROG_FD, PROG_NAME }, LWT_BPF_OUT
		 * {...}, LWT_BPF_XMIT {...} }: the layout bpf_build_state()
		 * and bpf_parse_prog() parse; both attributes are required.
		 */
		unsigned short type = LWTUNNEL_ENCAP_BPF;
		struct rtattr *encap;

		put(r, RTA_ENCAP_TYPE, &type, sizeof(type));
		encap = put(r, RTA_ENCAP, NULL, 0);
		put_prog(r, LWT_BPF_IN, rt->prog_fd, rt->prog_name ?: "lwt_in", rt->omit);
		put_prog(r, LWT_BPF_OUT, rt->out_fd, rt->out_name ?: "lwt_out", 0);
		put_prog(r, LWT_BPF_XMIT, rt->xmit_fd, rt->xmit_name ?: "lwt_xmit", 0);
		nest_end(r, encap);
	}
	return 0;
}

int lwt_rtnl_route_add(struct lwt_rtnl *nl, const struct lwt_route *rt)
{
	struct req r;
	int err = route_req(nl, &r, RTM_NEWROUTE, rt);

	return err ? err : talk(nl, &r, NULL, NULL);
}

int lwt_rtnl_route_del(struct lwt_rtnl *nl, const struct lwt_route *rt)
{
	struct req r;
	int err = route_req(nl, &r, RTM_DELROUTE, rt);

	return err ? err : talk(nl, &r, NULL, NULL);
}

struct route_match {
	int family, plen, found;
	unsigned char dst[16];
	unsigned int table;
	unsigned char type;
	struct lwt_route_info *out;
};

static void read_encap(const struct rtattr *encap, struct lwt_route_info *out)
{
	const struct rtattr *a, *b;
	int len = RTA_PAYLOAD(encap), blen;

	for (a = RTA_DATA(encap); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if ((a->rta_type & NLA_TYPE_MASK) != LWT_BPF_IN)
			continue;
		blen = RTA_PAYLOAD(a);
		for (b = RTA_DATA(a); RTA_OK(b, blen); b = RTA_NEXT(b, blen))
			if (b->rta_type == LWT_BPF_PROG_NAME)
				snprintf(out->in_name, sizeof(out->in_name), "%.*s",
					 (int)RTA_PAYLOAD(b), (char *)RTA_DATA(b));
	}
}

static int route_match_cb(const struct nlmsghdr *h, void *arg)
{
	struct route_match *m = arg;
	const struct rtmsg *rtm = NLMSG_DATA(h);
	const struct rtattr *a, *encap = NULL;
	struct lwt_route_info info = { .table = rtm->rtm_table,
				       .type = rtm->rtm_type };
	int len = RTM_PAYLOAD(h), dst_ok = m->plen == 0;

	if (h->nlmsg_type != RTM_NEWROUTE || m->found ||
	    rtm->rtm_family != m->family || rtm->rtm_dst_len != m->plen)
		return 0;
	for (a = RTM_RTA(rtm); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		switch (a->rta_type) {
		case RTA_TABLE:
			info.table = *(unsigned int *)RTA_DATA(a);
			break;
		case RTA_DST:
			dst_ok = !memcmp(RTA_DATA(a), m->dst, addr_len(m->family));
			break;
		case RTA_OIF:
			info.ifindex = *(int *)RTA_DATA(a);
			break;
		case RTA_FLOW:
			info.realm = *(unsigned int *)RTA_DATA(a);
			break;
		case RTA_ENCAP_TYPE:
			info.encap_type = *(unsigned short *)RTA_DATA(a);
			break;
		case RTA_ENCAP:
			encap = a;
			break;
		}
	}
	if (!dst_ok || info.table != m->table || (m->type && m->type != info.type))
		return 0;
	if (encap && info.encap_type == LWTUNNEL_ENCAP_BPF)
		read_encap(encap, &info);
	*m->out = info;
	m->found = 1;
	return 0;
}

int lwt_rtnl_route_get(struct lwt_rtnl *nl, const struct lwt_route *rt,
		       struct lwt_route_info *out)
{
	struct route_match m = { .out = out, .type = rt->type,
				 .table = rt->table ? rt->table : RT_TABLE_MAIN };
	struct rtmsg rtm = { 0 };
	struct req r;
	int err;

	memset(out, 0, sizeof(*out));
	if (!rt->dst || parse_prefix(rt->dst, &m.family, m.dst, &m.plen))
		return fail(nl, -EINVAL, "bad route destination");
	rtm.rtm_family = m.family;
	req_init(&r, RTM_GETROUTE, NLM_F_DUMP, &rtm, sizeof(rtm));
	err = talk(nl, &r, route_match_cb, &m);
	if (err)
		return err;
	return m.found ? 0 : fail(nl, -ENOENT, "no such route");
}

/* ---- waiting until a namespace can carry traffic --------------------- */

struct link_state {
	int n;
	struct {
		int index, flags, oper, qdisc;
		int v6, ll;	/* has IPv6 addresses; a link-local one */
		char name[IFNAMSIZ];
	} l[MAX_IFS];
	int nsol;
	struct {
		int index, joined;
		unsigned char addr[16];	/* an address and its group to join */
	} sol[MAX_IFS];
	char why[160];
	int tentative;
};

static int link_cb(const struct nlmsghdr *h, void *arg)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct link_state *s = arg;
	const struct rtattr *a;
	int len = IFLA_PAYLOAD(h), i = s->n;

	if (h->nlmsg_type != RTM_NEWLINK || i >= MAX_IFS)
		return 0;
	memset(&s->l[i], 0, sizeof(s->l[i]));
	s->l[i].index = ifi->ifi_index;
	s->l[i].flags = ifi->ifi_flags;
	for (a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_OPERSTATE)
			s->l[i].oper = *(unsigned char *)RTA_DATA(a);
		else if (a->rta_type == IFLA_IFNAME)
			snprintf(s->l[i].name, IFNAMSIZ, "%s", (char *)RTA_DATA(a));
	}
	s->n++;
	return 0;
}

/* A root qdisc in the dump means dev_activate() has run: until then the
 * device sits on noop_qdisc, which drops every packet and is not dumped.
 */
static int qdisc_cb(const struct nlmsghdr *h, void *arg)
{
	const struct tcmsg *tcm = NLMSG_DATA(h);
	struct link_state *s = arg;
	int i;

	if (h->nlmsg_type != RTM_NEWQDISC || tcm->tcm_parent != TC_H_ROOT)
		return 0;
	for (i = 0; i < s->n; i++)
		if (s->l[i].index == tcm->tcm_ifindex)
			s->l[i].qdisc = 1;
	return 0;
}

/* IPv6 is usable on a link once its link-local address exists and is
 * not tentative: a router resolves the next hop (ndisc_send_ns()) from
 * the link-local address, and sends no solicitation without one. It is
 * made on NETDEV_UP or NETDEV_CHANGE, so it may come after the global
 * addresses that setup added.
 */
static int addr_cb(const struct nlmsghdr *h, void *arg)
{
	const struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct link_state *s = arg;
	unsigned int flags = ifa->ifa_flags;
	const struct rtattr *a;
	const unsigned char *addr = NULL;
	int len = IFA_PAYLOAD(h), i;
	char txt[INET6_ADDRSTRLEN] = "?";

	if (h->nlmsg_type != RTM_NEWADDR)
		return 0;
	for (a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFA_FLAGS)
			flags = *(unsigned int *)RTA_DATA(a);
		else if (a->rta_type == IFA_ADDRESS)
			addr = RTA_DATA(a);
	}
	for (i = 0; i < s->n; i++) {
		if (s->l[i].index != (int)ifa->ifa_index)
			continue;
		s->l[i].v6 = 1;
		if (addr && addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80)
			s->l[i].ll = 1;
		if (addr && !(s->l[i].flags & (IFF_LOOPBACK | IFF_NOARP)) &&
		    s->nsol < MAX_IFS) {
			s->sol[s->nsol].index = ifa->ifa_index;
			s->sol[s->nsol].joined = 0;
			memcpy(s->sol[s->nsol++].addr, addr, 16);
		}
	}
	if (!(flags & IFA_F_TENTATIVE) || s->tentative)
		return 0;
	if (addr)
		inet_ntop(AF_INET6, addr, txt, sizeof(txt));
	snprintf(s->why, sizeof(s->why), "%s is %s", txt,
		 flags & IFA_F_DADFAILED ? "a duplicate (DAD failed)" : "tentative");
	s->tentative = flags & IFA_F_DADFAILED ? -1 : 1;
	return 0;
}

/* A NODAD address is never tentative, yet its solicited-node group
 * (ff02::1:ffXX:XXXX) is joined later, by addrconf's DAD work; until then
 * neighbour solicitations for it are dropped and the sender retries only
 * after a second. So the group must be in the multicast dump.
 */
static int mcast_cb(const struct nlmsghdr *h, void *arg)
{
	static const unsigned char sol[13] = { 0xff, 0x02, [11] = 1, [12] = 0xff };
	const struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct link_state *s = arg;
	const struct rtattr *a;
	int len = IFA_PAYLOAD(h), i;

	for (a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		const unsigned char *m = RTA_DATA(a);

		if (a->rta_type != IFA_MULTICAST || memcmp(m, sol, sizeof(sol)))
			continue;
		for (i = 0; i < s->nsol; i++)
			if (s->sol[i].index == (int)ifa->ifa_index &&
			    !memcmp(m + 13, s->sol[i].addr + 13, 3))
				s->sol[i].joined = 1;
	}
	return 0;
}

static int dump(struct lwt_rtnl *nl, int type, int family, msg_cb cb, void *arg)
{
	struct req r;
	union {
		struct ifinfomsg ifi;
		struct ifaddrmsg ifa;
		struct tcmsg tcm;
	} hdr = { 0 };
	size_t hlen = type == RTM_GETQDISC ? sizeof(hdr.tcm) :
		      type == RTM_GETLINK ? sizeof(hdr.ifi) : sizeof(hdr.ifa);

	hdr.ifi.ifi_family = family;	/* the first byte of each */
	req_init(&r, type, NLM_F_DUMP, &hdr, hlen);
	return talk(nl, &r, cb, arg);
}

/* 1 when ready, 0 when not yet (reason in s->why), or -errno. */
static int ready(struct lwt_rtnl *nl, struct link_state *s)
{
	int i, err;

	memset(s, 0, sizeof(*s));
	err = dump(nl, RTM_GETLINK, AF_UNSPEC, link_cb, s);
	if (!err)
		err = dump(nl, RTM_GETQDISC, AF_UNSPEC, qdisc_cb, s);
	if (!err)
		err = dump(nl, RTM_GETADDR, AF_INET6, addr_cb, s);
	if (!err)
		err = dump(nl, RTM_GETMULTICAST, AF_INET6, mcast_cb, s);
	if (err)
		return err;
	for (i = 0; i < s->n; i++) {
		const char *no = NULL;

		if (!(s->l[i].flags & IFF_UP))
			continue;
		if (!(s->l[i].flags & IFF_LOWER_UP))
			no = "has no carrier";
		else if (s->l[i].oper != IF_OPER_UP && s->l[i].oper != IF_OPER_UNKNOWN)
			no = "is not operationally up";
		else if (!s->l[i].qdisc)
			no = "has no qdisc yet";
		else if (s->l[i].v6 && !s->l[i].ll && !(s->l[i].flags & IFF_LOOPBACK))
			no = "has no IPv6 link-local address yet";
		if (no) {
			snprintf(s->why, sizeof(s->why), "%s %s", s->l[i].name, no);
			return 0;
		}
	}
	if (s->tentative < 0)
		return -EADDRNOTAVAIL;
	for (i = 0; i < s->nsol && !s->tentative; i++) {
		char txt[INET6_ADDRSTRLEN];

		if (s->sol[i].joined)
			continue;
		inet_ntop(AF_INET6, s->sol[i].addr, txt, sizeof(txt));
		snprintf(s->why, sizeof(s->why), "solicited-node group of %s "
			 "not joined yet", txt);
		return 0;
	}
	return !s->tentative;
}

int lwt_rtnl_wait_ready(struct lwt_rtnl *nl, int timeout_ms)
{
	long long deadline = lwt_now_ms() + timeout_ms;
	static __thread struct link_state s;
	char drain[8192];
	int ev, ret;

	/* Subscribe before the first look, so no change falls in between:
	 * linkwatch announces the link (RTM_NEWLINK) after dev_activate(),
	 * addrconf the address (RTM_NEWADDR) when its DAD work is done (the
	 * group joined, tentative cleared).
	 */
	ev = nl_socket_in(nl->nsfd, RTMGRP_LINK | RTMGRP_IPV6_IFADDR);
	if (ev < 0)
		return fail(nl, ev, "cannot open an rtnetlink event socket");
	for (;;) {
		struct pollfd p = { .fd = ev, .events = POLLIN };
		long long left;

		ret = ready(nl, &s);
		if (ret)
			break;
		left = deadline - lwt_now_ms();
		if (left <= 0 || poll(&p, 1, left) == 0) {
			ret = -ETIMEDOUT;
			break;
		}
		/* Only the wakeup matters; ENOBUFS (overrun) is fine too. */
		while (recv(ev, drain, sizeof(drain), MSG_DONTWAIT) > 0 ||
		       errno == ENOBUFS)
			;
	}
	close(ev);
	if (ret == -ETIMEDOUT || ret == -EADDRNOTAVAIL)
		snprintf(nl->err, sizeof(nl->err), "not ready after %d ms: %s",
			 timeout_ms, s.why);
	return ret < 0 ? ret : 0;
}

/* ---- iproute2 --------------------------------------------------------- */

int lwt_ip_route_encap(const struct lwt_ns *ns, const char *dst,
		       const char *obj, const char *sec, const char *dev,
		       char *err, unsigned long errlen)
{
	const char *argv[] = { "ip", strchr(dst, ':') ? "-6" : "-4", "route",
			       "add", dst, "encap", "bpf", "in", "obj", obj,
			       "section", sec, "dev", dev, NULL };

	return lwt_ns_run(ns, (char *const *)argv, err, errlen);
}
