/* SPDX-License-Identifier: GPL-2.0 */
/* The datapath topology: three namespaces in a line.
 *
 *   sender  snd0 ---- rtr0  router  rtr1 ---- rcv0  receiver
 *           192.0.2.0/24            198.51.100.0/24
 *           2001:db8:1::/64         2001:db8:2::/64
 *
 * Packets from sender to receiver are forwarded by router, so a route
 * with "encap bpf in" in router runs its LWT_IN program on them.
 * Only documentation addresses; namespaces held by fd, none named.
 */
#ifndef LWT_TOPO_H
#define LWT_TOPO_H

#include "netns.h"

/* Interface names (each exists only in its own namespace). */
#define LWT_SND_IF	"snd0"	/* sender, towards router */
#define LWT_RTR_IN_IF	"rtr0"	/* router, from sender: where LWT_IN runs */
#define LWT_RTR_OUT_IF	"rtr1"	/* router, towards receiver */
#define LWT_RCV_IF	"rcv0"	/* receiver, from router */

/* Link 1, sender <-> router. The v4 pair matches lwt_pkt_v4 (lwt_bpf.h). */
#define LWT_NET1_IP4	"192.0.2.0/24"
#define LWT_SND_IP4	"192.0.2.1"
#define LWT_RTR_IN_IP4	"192.0.2.2"
#define LWT_NET1_IP6	"2001:db8:1::/64"
#define LWT_SND_IP6	"2001:db8:1::1"
#define LWT_RTR_IN_IP6	"2001:db8:1::2"

/* Link 2, router <-> receiver. */
#define LWT_NET2_IP4	"198.51.100.0/24"
#define LWT_RCV_IP4	"198.51.100.1"
#define LWT_RTR_OUT_IP4	"198.51.100.2"
#define LWT_NET2_IP6	"2001:db8:2::/64"
#define LWT_RCV_IP6	"2001:db8:2::1"
#define LWT_RTR_OUT_IP6	"2001:db8:2::2"

#define LWT_PREFIX4	24
#define LWT_PREFIX6	64

/* Setup waits at most this long for links and addresses to be usable. */
#define LWT_TOPO_READY_MS 1000

struct lwt_topo {
	struct lwt_ns sender, router, receiver;
	int snd_if, rtr_in_if, rtr_out_if, rcv_if;	/* ifindexes */
	char err[320];		/* why setup failed */
};

/* Build it all: namespaces, veth pairs, addresses, default routes on sender
 * and receiver, forwarding in router only, DAD off; return once traffic
 * can flow. 0, or -errno with the reason in t->err (nothing is left then;
 * a kernel without veth gives -EOPNOTSUPP).
 */
int lwt_topo_setup(struct lwt_topo *t);
/* The same with another link kind than "veth" (the selftest uses one the
 * kernel lacks to see the failure path).
 */
int lwt_topo_setup_kind(struct lwt_topo *t, const char *kind);
/* Close every namespace: the kernel then destroys them with their links.
 * Safe after a failed setup, and twice.
 */
void lwt_topo_teardown(struct lwt_topo *t);

#endif
