/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal rtnetlink client (plain sockets, no libnl) for the datapath
 * fixtures: links, addresses, routes with "encap bpf in", and a bounded
 * wait until a namespace can carry traffic.
 *
 * Every call returns 0 (or a positive value where said) on success and
 * -errno on failure; after a failure nl->err holds the kernel's extack
 * message, a line of ours when the request never reached the kernel
 * ("bad route destination", "no answer from rtnetlink"), or "" when the
 * kernel gave no message.
 */
#ifndef LWT_RTNL_H
#define LWT_RTNL_H

#include "netns.h"

struct lwt_rtnl {
	int fd;			/* NETLINK_ROUTE socket, bound to one netns */
	int nsfd;		/* that netns, for wait_ready's event socket */
	unsigned int seq;
	char err[256];		/* extack message of the last failure */
};

/* Open a socket inside ns (NULL: the caller's namespace). A netlink socket
 * talks to the namespace it was created in, wherever it is used later.
 */
int lwt_rtnl_open(struct lwt_rtnl *nl, const struct lwt_ns *ns);
void lwt_rtnl_close(struct lwt_rtnl *nl);

/* ifindex (> 0) of NAME in nl's namespace; if_nametoindex() would ask the
 * caller's namespace instead.
 */
int lwt_rtnl_link_index(struct lwt_rtnl *nl, const char *name);

/* A pair of KIND ("veth") named NAME here and PEER in the namespace of
 * peer_nsfd (IFLA_NET_NS_FD): the peer is born there, never seen here.
 * ifindex and peer_ifindex ask for these indexes (0: the kernel picks;
 * veth honours peer_ifindex only together with ifindex). Give the two
 * ends different ones: ifindexes count per namespace, so both ends would
 * often get the same, and linkwatch_urgent_event() takes a veth whose
 * ifindex equals its iflink (the peer's) for a non-urgent event, which
 * delays carrier, operstate and qdisc by up to a second.
 * A kernel without KIND answers -EOPNOTSUPP ("Unknown device type").
 */
int lwt_rtnl_pair_add(struct lwt_rtnl *nl, const char *kind, const char *name,
		      int ifindex, const char *peer, int peer_ifindex,
		      int peer_nsfd);
int lwt_rtnl_link_up(struct lwt_rtnl *nl, int ifindex);
int lwt_rtnl_link_mtu(struct lwt_rtnl *nl, int ifindex, unsigned int mtu);

/* CIDR like "192.0.2.1/24" or "2001:db8:1::1/64". IPv6 addresses get
 * IFA_F_NODAD, so they are usable at once instead of after DAD.
 */
int lwt_rtnl_addr_add(struct lwt_rtnl *nl, int ifindex, const char *cidr);

/* One route. The family comes from dst: "198.51.100.1" (a host route),
 * "198.51.100.0/24", "0.0.0.0/0" (default), "2001:db8:2::/64", "::/0".
 */
struct lwt_route {
	const char *dst;
	const char *gw;		/* NULL: on-link through ifindex */
	int ifindex;		/* 0: none */
	unsigned int table;	/* 0: RT_TABLE_MAIN; or RT_TABLE_LOCAL, ... */
	unsigned char type;	/* 0: RTN_UNICAST; RTN_LOCAL in table local */
	unsigned int realm;	/* RTA_FLOW (IPv4 only); 0: none */
	/* > 0: add "encap bpf in" with this BPF_PROG_TYPE_LWT_IN program
	 * (fd 0 is stdin, never a program here). prog_name is what the
	 * kernel keeps and reports back (LWT_BPF_PROG_NAME, required by
	 * bpf_parse_prog); NULL means "lwt_in".
	 */
	int prog_fd;
	const char *prog_name;
	/* The same for LWT_BPF_OUT (BPF_PROG_TYPE_LWT_OUT) and LWT_BPF_XMIT
	 * (BPF_PROG_TYPE_LWT_XMIT); NULL names are "lwt_out", "lwt_xmit".
	 */
	int out_fd, xmit_fd;
	const char *out_name, *xmit_name;
	int replace;		/* NLM_F_REPLACE: change the route that is there */
	int omit;		/* LWT_OMIT_*: leave an attribute out of LWT_BPF_IN */
};
#define LWT_OMIT_FD	1	/* no LWT_BPF_PROG_FD */
#define LWT_OMIT_NAME	2	/* no LWT_BPF_PROG_NAME */

int lwt_rtnl_route_add(struct lwt_rtnl *nl, const struct lwt_route *r);
/* Matches on dst, table, and gw/ifindex when given (not on the encap). */
int lwt_rtnl_route_del(struct lwt_rtnl *nl, const struct lwt_route *r);

/* What the kernel reports for a route (RTM_GETROUTE dump). */
struct lwt_route_info {
	unsigned int table;
	unsigned char type;
	int ifindex;		/* RTA_OIF, 0 when absent */
	unsigned int realm;	/* RTA_FLOW, 0 when absent */
	int encap_type;		/* RTA_ENCAP_TYPE: LWTUNNEL_ENCAP_BPF, or NONE */
	char in_name[128];	/* LWT_BPF_IN's LWT_BPF_PROG_NAME, or "" */
};

/* Find the route with exactly r->dst (address and prefix length) in
 * r->table (and of r->type when set). 0 and *out filled, or -ENOENT.
 */
int lwt_rtnl_route_get(struct lwt_rtnl *nl, const struct lwt_route *r,
		       struct lwt_route_info *out);

/* Wait, at most timeout_ms, until every link that is up in nl's namespace
 * can carry packets: carrier, operstate UP, a root qdisc attached (before
 * linkwatch attaches it the device drops everything), and, on a link
 * with IPv6 addresses, a link-local one; no IPv6 address may be
 * tentative, and each one's solicited-node group must be joined (else
 * neighbour discovery for it fails and is retried only a second later).
 * Waits on rtnetlink events, never sleeps. -ETIMEDOUT with the reason in
 * nl->err.
 */
int lwt_rtnl_wait_ready(struct lwt_rtnl *nl, int timeout_ms);

/* The documented way: `ip [-6] route add DST encap bpf in obj OBJ section
 * SEC dev DEV`, run inside ns by lwt_ns_run() (after setns, so no named
 * namespace and no `ip -n`). Returns ip's exit status (0 on success) or
 * -1 when it could not run; ip's stderr goes to err. The kernel keeps
 * "basename(OBJ):[SEC]" as the name (lwt_route_info.in_name). ip runs in
 * a private mount namespace (see lwt_ns_run), so maps it pins land in a
 * BPF filesystem that vanishes with it: attach by fd to keep map fds.
 */
int lwt_ip_route_encap(const struct lwt_ns *ns, const char *dst,
		       const char *obj, const char *sec, const char *dev,
		       char *err, unsigned long errlen);

#endif
