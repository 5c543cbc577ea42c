// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "rtnl.h"
#include "topo.h"

static int fail(struct lwt_topo *t, int err, const struct lwt_rtnl *nl,
		const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->err, sizeof(t->err), fmt, ap);
	va_end(ap);
	if (n >= 0 && n < (int)sizeof(t->err))
		snprintf(t->err + n, sizeof(t->err) - n, ": %s%s%s%s",
			 strerror(-err), nl && nl->err[0] ? " (" : "",
			 nl && nl->err[0] ? nl->err : "",
			 nl && nl->err[0] ? ")" : "");
	return err;
}

/* Before any link exists: new links copy conf/default, so their IPv6
 * link-local addresses skip DAD too, not only the ones added with nodad.
 */
static int no_dad(struct lwt_topo *t, const struct lwt_ns *ns)
{
	int err = lwt_ns_sysctl_set(ns, "net/ipv6/conf/default/accept_dad", "0");

	if (!err)
		err = lwt_ns_sysctl_set(ns, "net/ipv6/conf/all/accept_dad", "0");
	return err ? fail(t, err, NULL, "accept_dad=0") : 0;
}

/* One end of a link: look it up, bring it up, give it its addresses. */
static int config_if(struct lwt_topo *t, struct lwt_rtnl *nl, const char *name,
		     int *ifindex, const char *ip4, const char *ip6)
{
	char cidr[64];
	int err;

	err = *ifindex = lwt_rtnl_link_index(nl, name);
	if (err < 0)
		return fail(t, err, nl, "%s missing", name);
	err = lwt_rtnl_link_up(nl, *ifindex);
	if (err)
		return fail(t, err, nl, "%s up", name);
	snprintf(cidr, sizeof(cidr), "%s/%d", ip4, LWT_PREFIX4);
	err = lwt_rtnl_addr_add(nl, *ifindex, cidr);
	if (!err) {
		snprintf(cidr, sizeof(cidr), "%s/%d", ip6, LWT_PREFIX6);
		err = lwt_rtnl_addr_add(nl, *ifindex, cidr);
	}
	return err ? fail(t, err, nl, "address %s on %s", cidr, name) : 0;
}

static int lo_up(struct lwt_topo *t, struct lwt_rtnl *nl)
{
	int idx = lwt_rtnl_link_index(nl, "lo");
	int err = idx < 0 ? idx : lwt_rtnl_link_up(nl, idx);

	return err ? fail(t, err, nl, "lo up") : 0;
}

static int default_routes(struct lwt_topo *t, struct lwt_rtnl *nl,
			  const char *gw4, const char *gw6, int ifindex)
{
	struct lwt_route r4 = { .dst = "0.0.0.0/0", .gw = gw4, .ifindex = ifindex };
	struct lwt_route r6 = { .dst = "::/0", .gw = gw6, .ifindex = ifindex };
	int err = lwt_rtnl_route_add(nl, &r4);

	if (err)
		return fail(t, err, nl, "default via %s", gw4);
	err = lwt_rtnl_route_add(nl, &r6);
	return err ? fail(t, err, nl, "default via %s", gw6) : 0;
}

/* Fixed ifindexes, different at the two ends of each pair: with the
 * kernel's choice both ends of link 1 are 2 (the first after lo in each
 * namespace), and linkwatch then brings them up only after its 1 s delay
 * (see lwt_rtnl_pair_add).
 */
#define SND_IFINDEX	11
#define RTR_IN_IFINDEX	12
#define RTR_OUT_IFINDEX	21
#define RCV_IFINDEX	22

static int pair(struct lwt_topo *t, struct lwt_rtnl *nl, const char *kind,
		const char *name, int ifindex, const char *peer, int peer_ifindex,
		const struct lwt_ns *peer_ns)
{
	int err = lwt_rtnl_pair_add(nl, kind, name, ifindex, peer, peer_ifindex,
				    peer_ns->fd);

	if (err == -EOPNOTSUPP)
		return fail(t, err, nl, "cannot create a %s pair %s/%s, is "
			    "CONFIG_VETH set", kind, name, peer);
	return err ? fail(t, err, nl, "%s pair %s/%s", kind, name, peer) : 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int build(struct lwt_topo *t, const char *kind, struct lwt_rtnl nl[3])
{
	struct lwt_ns *ns[3] = { &t->sender, &t->router, &t->receiver };
	struct lwt_rtnl *snd = &nl[0], *rtr = &nl[1], *rcv = &nl[2];
	long long deadline;
	int i, err;

	for (i = 0; i < 3; i++) {
		err = lwt_ns_new(ns[i]);
		if (err)
			return fail(t, err, NULL, "new network namespace");
		err = no_dad(t, ns[i]);
		if (err)
			return err;
		err = lwt_rtnl_open(&nl[i], ns[i]);
		if (err)
			return fail(t, err, &nl[i], "rtnetlink");
		err = lo_up(t, &nl[i]);
		if (err)
			return err;
	}
	/* Each pair is made on one side with its peer born on the other. */
	err = pair(t, snd, kind, LWT_SND_IF, SND_IFINDEX, LWT_RTR_IN_IF,
		   RTR_IN_IFINDEX, &t->router);
	if (!err)
		err = pair(t, rtr, kind, LWT_RTR_OUT_IF, RTR_OUT_IFINDEX, LWT_RCV_IF,
			   RCV_IFINDEX, &t->receiver);
	if (!err)
		err = config_if(t, snd, LWT_SND_IF, &t->snd_if, LWT_SND_IP4, LWT_SND_IP6);
	if (!err)
		err = config_if(t, rtr, LWT_RTR_IN_IF, &t->rtr_in_if,
				LWT_RTR_IN_IP4, LWT_RTR_IN_IP6);
	if (!err)
		err = config_if(t, rtr, LWT_RTR_OUT_IF, &t->rtr_out_if,
				LWT_RTR_OUT_IP4, LWT_RTR_OUT_IP6);
	if (!err)
		err = config_if(t, rcv, LWT_RCV_IF, &t->rcv_if, LWT_RCV_IP4, LWT_RCV_IP6);
	if (!err)
		err = default_routes(t, snd, LWT_RTR_IN_IP4, LWT_RTR_IN_IP6, t->snd_if);
	if (!err)
		err = default_routes(t, rcv, LWT_RTR_OUT_IP4, LWT_RTR_OUT_IP6, t->rcv_if);
	if (err)
		return err;
	/* Per-netns sysctls, written from inside each namespace. Written on
	 * the ends too: a new namespace may copy IPv4's from the initial one
	 * (net.core.devconf_inherit_init_net), which may forward.
	 */
	for (i = 0; i < 3; i++) {
		const char *on = ns[i] == &t->router ? "1" : "0";

		err = lwt_ns_sysctl_set(ns[i], "net/ipv4/ip_forward", on);
		if (!err)
			err = lwt_ns_sysctl_set(ns[i], "net/ipv6/conf/all/forwarding", on);
		if (err)
			return fail(t, err, NULL, "forwarding=%s", on);
	}
	deadline = now_ms() + LWT_TOPO_READY_MS;
	for (i = 0; i < 3; i++) {
		long long left = deadline - now_ms();

		err = lwt_rtnl_wait_ready(&nl[i], left > 0 ? left : 0);
		if (err)
			return fail(t, err, &nl[i], "%s namespace",
				    i == 0 ? "sender" : i == 1 ? "router" : "receiver");
	}
	return 0;
}

int lwt_topo_setup_kind(struct lwt_topo *t, const char *kind)
{
	struct lwt_rtnl nl[3];
	int i, err;

	memset(t, 0, sizeof(*t));
	t->sender.fd = t->router.fd = t->receiver.fd = -1;
	for (i = 0; i < 3; i++)
		nl[i].fd = nl[i].nsfd = -1;
	err = build(t, kind, nl);
	/* The netlink sockets hold their namespaces: close them either way. */
	for (i = 0; i < 3; i++)
		lwt_rtnl_close(&nl[i]);
	if (err) {
		char why[sizeof(t->err)];

		memcpy(why, t->err, sizeof(why));
		lwt_topo_teardown(t);
		memcpy(t->err, why, sizeof(why));
	}
	return err;
}

int lwt_topo_setup(struct lwt_topo *t)
{
	return lwt_topo_setup_kind(t, "veth");
}

void lwt_topo_teardown(struct lwt_topo *t)
{
	lwt_ns_free(&t->sender);
	lwt_ns_free(&t->router);
	lwt_ns_free(&t->receiver);
	memset(t, 0, sizeof(*t));
	t->sender.fd = t->router.fd = t->receiver.fd = -1;
}
