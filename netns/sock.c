// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/ip_icmp.h>
#include <netinet/udp.h>
#include <linux/ethtool.h>
#include <linux/if_packet.h>
#include <linux/sockios.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "sock.h"

int lwt_wait_readable(int fd, int timeout_ms)
{
	long long deadline = lwt_now_ms() + timeout_ms;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = deadline - lwt_now_ms();
		int n = poll(&p, 1, left > 0 ? left : 0);

		if (n >= 0)
			return n;
		if (errno != EINTR)
			return -errno;
	}
}

int lwt_sock_in(const struct lwt_ns *ns, int domain, int type, int proto)
{
	int saved, fd, err;

	if (ns) {
		err = lwt_ns_enter(ns, &saved);
		if (err)
			return err;
	}
	fd = socket(domain, type | SOCK_CLOEXEC, proto);
	if (fd < 0)
		fd = -errno;
	if (!ns)
		return fd;
	err = lwt_ns_leave(saved);
	if (err && fd >= 0) {
		close(fd);
		fd = err;
	}
	return fd;
}

/* "addr" and port -> sockaddr of addr's family. */
static int make_addr(const char *addr, unsigned short port,
		     struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in6 *s6 = (void *)ss;
	struct sockaddr_in *s4 = (void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		*len = sizeof(*s4);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		*len = sizeof(*s6);
		return 0;
	}
	return -EINVAL;
}

static int set_tx(int fd, int family, const struct lwt_tx *tx)
{
	int ttl;

	if (!tx)
		return 0;
	if (setsockopt(fd, SOL_SOCKET, SO_MARK, &tx->mark, sizeof(tx->mark)) ||
	    setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &tx->priority,
		       sizeof(tx->priority)))
		return -errno;
	ttl = tx->ttl;
	if (ttl && (family == AF_INET6 ?
	    setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof(ttl)) :
	    setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl))))
		return -errno;
	return 0;
}

int lwt_udp_open(const struct lwt_ns *ns, int family, const char *addr,
		 unsigned short port)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, one = 1, err = 0;

	fd = lwt_sock_in(ns, family, SOCK_DGRAM, 0);
	if (fd < 0)
		return fd;
	if (family == AF_INET6 ?
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one, sizeof(one)) :
	    setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one)))
		err = -errno;
	if (!err && addr) {
		err = make_addr(addr, port, &ss, &sl);
		if (!err && ss.ss_family != family)
			err = -EAFNOSUPPORT;
		if (!err && bind(fd, (struct sockaddr *)&ss, sl))
			err = -errno;
	}
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

int lwt_udp_send(int fd, const char *dst, unsigned short port,
		 const void *buf, size_t len, const struct lwt_tx *tx)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	ssize_t n;
	int err = make_addr(dst, port, &ss, &sl);

	if (!err)
		err = set_tx(fd, ss.ss_family, tx);
	if (err)
		return err;
	n = sendto(fd, buf, len, 0, (struct sockaddr *)&ss, sl);
	return n < 0 ? -errno : (int)n;
}

int lwt_udp_recv(int fd, void *buf, size_t len, int timeout_ms,
		 struct lwt_rx *rx)
{
	char cbuf[CMSG_SPACE(sizeof(int)) * 2];
	struct sockaddr_storage ss;
	struct iovec iov = { buf, len };
	struct msghdr m = { .msg_name = &ss, .msg_namelen = sizeof(ss),
			    .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	ssize_t n;
	int r = lwt_wait_readable(fd, timeout_ms);

	if (r <= 0)
		return r ? r : -ETIMEDOUT;
	n = recvmsg(fd, &m, MSG_DONTWAIT);
	if (n < 0)
		return -errno;
	if (!rx)
		return n;
	rx->ttl = -1;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) ||
		    (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT))
			memcpy(&rx->ttl, CMSG_DATA(c), sizeof(int));
	if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *s6 = (void *)&ss;

		inet_ntop(AF_INET6, &s6->sin6_addr, rx->from, sizeof(rx->from));
		rx->port = ntohs(s6->sin6_port);
	} else {
		struct sockaddr_in *s4 = (void *)&ss;

		inet_ntop(AF_INET, &s4->sin_addr, rx->from, sizeof(rx->from));
		rx->port = ntohs(s4->sin_port);
	}
	return n;
}

/* ---- ICMP echo ------------------------------------------------------- */

static unsigned short csum(const void *data, size_t len)
{
	const unsigned char *p = data;
	unsigned long sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

static const void *ip_of(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET6 ?
	       (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr :
	       (const void *)&((const struct sockaddr_in *)ss)->sin_addr;
}

/* Is this the reply to our request? IPv4 raw sockets see the IP header,
 * ICMPv6 ones start at the ICMPv6 header. The raw socket sees every ICMP
 * packet of the namespace, so match type, id, sequence and payload.
 */
static int is_reply(int family, const unsigned char *p, ssize_t n,
		    const struct icmphdr *req, size_t reqlen)
{
	const struct icmphdr *h;
	int want = family == AF_INET6 ? ICMP6_ECHO_REPLY : ICMP_ECHOREPLY;

	if (family == AF_INET) {
		size_t ihl = n > 0 ? (p[0] & 0xf) * 4 : 0;

		if (n < (ssize_t)ihl)
			return 0;
		p += ihl;
		n -= ihl;
	}
	h = (const void *)p;
	return n == (ssize_t)reqlen && h->type == want &&
	       h->un.echo.id == req->un.echo.id &&
	       h->un.echo.sequence == req->un.echo.sequence &&
	       !memcmp(p + sizeof(*h), (const char *)req + sizeof(*h),
		       reqlen - sizeof(*h));
}

int lwt_ping(const struct lwt_ns *ns, const char *dst, int timeout_ms,
	     const struct lwt_tx *tx)
{
	static unsigned short seq;
	long long deadline = lwt_now_ms() + timeout_ms;
	struct {
		struct icmphdr h;
		char payload[16];
	} req = { .payload = "lwt_in echo" };
	unsigned char buf[512];
	struct sockaddr_storage ss, from;
	socklen_t sl, fl;
	int fd, family, err;

	if (make_addr(dst, 0, &ss, &sl))
		return -EINVAL;
	family = ss.ss_family;
	fd = lwt_sock_in(ns, family, SOCK_RAW, family == AF_INET6 ?
			 IPPROTO_ICMPV6 : IPPROTO_ICMP);
	if (fd < 0)
		return fd;
	err = set_tx(fd, family, tx);
	req.h.type = family == AF_INET6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO;
	req.h.un.echo.id = htons(getpid() & 0xffff);
	req.h.un.echo.sequence = htons(++seq);
	/* The kernel fills the ICMPv6 checksum (it covers a pseudo header). */
	if (family == AF_INET)
		req.h.checksum = csum(&req, sizeof(req));
	if (!err && sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&ss, sl) < 0)
		err = -errno;
	while (!err) {
		long long left = deadline - lwt_now_ms();
		ssize_t n;

		err = lwt_wait_readable(fd, left > 0 ? left : 0);
		if (err <= 0) {
			err = err ? err : -ETIMEDOUT;
			break;
		}
		fl = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &fl);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		err = n < 0 ? -errno : 0;
		/* From dst itself, not an error about it from someone else. */
		if (!err && is_reply(family, buf, n, &req.h, sizeof(req)) &&
		    !memcmp(ip_of(&from), ip_of(&ss), family == AF_INET6 ? 16 : 4))
			break;
	}
	close(fd);
	return err;
}

/* ---- AF_PACKET ------------------------------------------------------- */

int lwt_tso_off(const struct lwt_ns *ns, const char *ifname)
{
	struct ethtool_value ev = { .cmd = ETHTOOL_STSO, .data = 0 };
	struct ifreq ifr = { 0 };
	int fd = lwt_sock_in(ns, AF_INET, SOCK_DGRAM, 0), err = 0;

	if (fd < 0)
		return fd;
	/* the ioctl acts on the device of that name in the socket's netns */
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)&ev;
	if (ioctl(fd, SIOCETHTOOL, &ifr))
		err = -errno;
	close(fd);
	return err;
}

int lwt_pkt_open(const struct lwt_ns *ns, const char *ifname)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_protocol = htons(ETH_P_ALL) };
	struct ifreq ifr = { 0 };
	int fd, err = 0;

	/* Protocol 0 receives nothing until bind() names the interface, so
	 * no frame of another interface is queued in between.
	 */
	fd = lwt_sock_in(ns, AF_PACKET, SOCK_RAW, 0);
	if (fd < 0)
		return fd;
	/* The ioctl resolves the name in the socket's namespace, not ours. */
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFINDEX, &ifr))
		err = -errno;
	sll.sll_ifindex = ifr.ifr_ifindex;
	if (!err && bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		err = -errno;
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

int lwt_pkt_wait(int fd, int timeout_ms, lwt_frame_match match, void *arg,
		 void *buf, size_t len)
{
	long long deadline = lwt_now_ms() + timeout_ms;

	for (;;) {
		struct sockaddr_ll sll;
		socklen_t sl = sizeof(sll);
		long long left = deadline - lwt_now_ms();
		ssize_t n;
		int r = lwt_wait_readable(fd, left > 0 ? left : 0);

		if (r <= 0)
			return r ? r : -ETIMEDOUT;
		n = recvfrom(fd, buf, len, MSG_DONTWAIT, (struct sockaddr *)&sll, &sl);
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
		if (n >= 0 && (!match || match(buf, n, sll.sll_pkttype, arg)))
			return n;
	}
}

int lwt_frame_udp(const unsigned char *f, size_t len, struct lwt_frame_udp *out)
{
	const struct ether_header *eth = (const void *)f;
	const struct udphdr *udp;
	size_t l3 = sizeof(*eth);

	if (len < l3)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (ntohs(eth->ether_type) == ETHERTYPE_IP && len >= l3 + sizeof(struct ip)) {
		const struct ip *ip = (const void *)(f + l3);

		if (ip->ip_p != IPPROTO_UDP)
			return -EINVAL;
		out->family = AF_INET;
		out->ttl = ip->ip_ttl;
		inet_ntop(AF_INET, &ip->ip_src, out->src, sizeof(out->src));
		inet_ntop(AF_INET, &ip->ip_dst, out->dst, sizeof(out->dst));
		l3 += ip->ip_hl * 4;
	} else if (ntohs(eth->ether_type) == ETHERTYPE_IPV6 &&
		   len >= l3 + sizeof(struct ip6_hdr)) {
		const struct ip6_hdr *ip6 = (const void *)(f + l3);

		if (ip6->ip6_nxt != IPPROTO_UDP)
			return -EINVAL;
		out->family = AF_INET6;
		out->ttl = ip6->ip6_hlim;
		inet_ntop(AF_INET6, &ip6->ip6_src, out->src, sizeof(out->src));
		inet_ntop(AF_INET6, &ip6->ip6_dst, out->dst, sizeof(out->dst));
		l3 += sizeof(*ip6);
	} else {
		return -EINVAL;
	}
	if (len < l3 + sizeof(*udp))
		return -EINVAL;
	udp = (const void *)(f + l3);
	out->sport = ntohs(udp->uh_sport);
	out->dport = ntohs(udp->uh_dport);
	return 0;
}

int lwt_match_udp_dport(const unsigned char *frame, size_t len, int pkttype,
			void *arg)
{
	struct lwt_frame_udp u;

	return !lwt_frame_udp(frame, len, &u) && u.dport == *(unsigned short *)arg;
}
