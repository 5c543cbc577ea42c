/* SPDX-License-Identifier: GPL-2.0 */
/* Sockets inside a namespace, for sending and observing real packets.
 *
 * A socket belongs to the namespace it was created in, wherever the
 * process is later: each opener here enters the namespace, makes the
 * socket and comes back, so the caller never stays anywhere else.
 * Every wait is bounded by a timeout in milliseconds (poll), never a sleep.
 * Calls return -errno on failure; a wait that ran out returns -ETIMEDOUT.
 */
#ifndef LWT_SOCK_H
#define LWT_SOCK_H

#include <stddef.h>
#include <netinet/in.h>
#include "netns.h"

/* socket(domain, type, proto) made inside ns (NULL: here). */
int lwt_sock_in(const struct lwt_ns *ns, int domain, int type, int proto);

/* Wait until fd is readable: 1, or 0 when timeout_ms passed. */
int lwt_wait_readable(int fd, int timeout_ms);

/* A UDP socket in ns of family AF_INET or AF_INET6, bound to addr:port
 * when addr is not NULL (port 0: any). It reports the received TTL or
 * hop limit (IP_RECVTTL, IPV6_RECVHOPLIMIT); IPv6 ones are V6ONLY.
 */
int lwt_udp_open(const struct lwt_ns *ns, int family, const char *addr,
		 unsigned short port);

/* What a send sets on the socket first (so it stays set afterwards).
 * mark and priority reach an LWT_IN program only on traffic that stays in
 * the sending namespace (to a local route of its own, over lo): crossing
 * the veth into router they arrive as 0 (seen on 6.18; skb_scrub_packet()
 * clears the mark between namespaces).
 */
struct lwt_tx {
	unsigned int mark;	/* SO_MARK: skb->mark */
	unsigned int priority;	/* SO_PRIORITY: skb->priority */
	int ttl;		/* IP_TTL / IPV6_UNICAST_HOPS; 0: leave as is */
};

/* Send len bytes to dst:port. Bytes sent, or -errno. tx may be NULL. */
int lwt_udp_send(int fd, const char *dst, unsigned short port,
		 const void *buf, size_t len, const struct lwt_tx *tx);

struct lwt_rx {
	char from[INET6_ADDRSTRLEN];
	unsigned short port;
	int ttl;		/* TTL or hop limit on arrival; -1 unknown */
};

/* One datagram within timeout_ms: its length, or -ETIMEDOUT. rx may be NULL. */
int lwt_udp_recv(int fd, void *buf, size_t len, int timeout_ms,
		 struct lwt_rx *rx);

/* ICMP (or ICMPv6) echo from ns to dst over a raw socket, no ping binary
 * and no ping_group_range needed: 0 when the reply from dst arrived
 * within timeout_ms, -ETIMEDOUT when not. tx may be NULL.
 */
int lwt_ping(const struct lwt_ns *ns, const char *dst, int timeout_ms,
	     const struct lwt_tx *tx);

/* Turn TCP segmentation offload of ifname in ns off (ETHTOOL_STSO), so
 * TCP GSO packets are cut into segments in software on their way out.
 */
int lwt_tso_off(const struct lwt_ns *ns, const char *ifname);
/* An AF_PACKET socket on ifname inside ns (NULL: here) that sees every
 * frame in both directions (PACKET_OUTGOING for those the namespace sends).
 */
int lwt_pkt_open(const struct lwt_ns *ns, const char *ifname);

/* Return nonzero for the frame wanted. pkttype is PACKET_HOST, ... */
typedef int (*lwt_frame_match)(const unsigned char *frame, size_t len,
			       int pkttype, void *arg);

/* The first frame that match() accepts (any frame when match is NULL),
 * copied to buf: its length, or -ETIMEDOUT after timeout_ms.
 */
int lwt_pkt_wait(int fd, int timeout_ms, lwt_frame_match match, void *arg,
		 void *buf, size_t len);

/* An Ethernet frame carrying UDP over IPv4 or IPv6 (no extension headers). */
struct lwt_frame_udp {
	int family;
	int ttl;		/* TTL or hop limit */
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	unsigned short sport, dport;
};
/* 0 and *out filled when the frame is such a packet, else -EINVAL. */
int lwt_frame_udp(const unsigned char *frame, size_t len,
		  struct lwt_frame_udp *out);
/* A lwt_frame_match: UDP to the port *(unsigned short *)arg. */
int lwt_match_udp_dport(const unsigned char *frame, size_t len,
			int pkttype, void *arg);

#endif
