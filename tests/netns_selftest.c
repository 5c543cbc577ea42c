// SPDX-License-Identifier: GPL-2.0
/* make check: the netns fixtures make isolated namespaces, run iproute2
 * inside them, build the sender-router-receiver topology, carry UDP and
 * ICMP through the router, attach "encap bpf in" routes by fd and by
 * iproute2, and leave nothing in the initial namespace.
 *
 * Every check prints "ok - NAME" or "# FAIL ..." and the first failure
 * ends the run: the namespaces are held by fd, so exiting removes them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <linux/bpf.h>
#include <linux/lwtunnel.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "netns.h"
#include "rtnl.h"
#include "sock.h"
#include "topo.h"

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		printf("# FAIL %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		return 1;						\
	}								\
} while (0)
#define OK(name) printf("ok - %s (at %lld ms)\n", name, now_ms() - t0)

#define UDP_PORT	5000	/* as in lwt_pkt_v4 */
#define ARRIVE_MS	500	/* bound for a packet that must arrive */
#define ABSENT_MS	100	/* how long a dropped packet is waited for */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static long long t0;

/* What the initial namespace looks like from here. Read only: nothing is
 * changed. set -e: a snapshot with a command missing must not compare
 * equal to another such snapshot.
 */
static int host_state(char *buf, size_t len)
{
	FILE *p = popen("set -e; { ip -o link show; ip -o addr show;"
			" ip route show table all; ip -6 route show table all;"
			" ip rule show; ip -6 rule show; ip netns list;"
			" cat /proc/self/mountinfo; ! test -d /sys/fs/bpf ||"
			" ls -A /sys/fs/bpf;"
			" cat /proc/sys/net/ipv4/ip_forward"
			" /proc/sys/net/ipv6/conf/all/forwarding"
			" /proc/sys/net/ipv6/conf/all/accept_dad"
			" /proc/sys/net/ipv6/conf/default/accept_dad; } 2>&1", "r");
	size_t n = 0, r;
	char *e, *d;

	if (!p)
		return -1;
	while (n < len - 1 && (r = fread(buf + n, 1, len - 1 - n, p)) > 0)
		n += r;
	buf[n] = 0;
	/* Routes learnt from RAs count down "expires NNNsec": cut it out. */
	while ((e = strstr(buf, " expires ")) && (d = strstr(e + 9, "sec")))
		memmove(e, d + 3, strlen(d + 3) + 1);
	return pclose(p) == 0 && n < len - 1 ? 0 : -1;
}

/* Descriptors of this process that hold a network namespace: the only
 * thing that keeps the fixtures' namespaces alive.
 */
static int netns_fds(void)
{
	char path[64], link[64];
	int fd, n = 0;
	ssize_t len;

	for (fd = 0; fd < 1024; fd++) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		len = readlink(path, link, sizeof(link) - 1);
		if (len > 0) {
			link[len] = 0;
			n += !strncmp(link, "net:[", 5);
		}
	}
	return n;
}

/* The first line where the two snapshots differ, as "before | after". */
static const char *first_diff(const char *a, const char *b, char *out, size_t len)
{
	const char *a0 = a;

	for (; *a && *a == *b; a++, b++)
		;
	while (a > a0 && a[-1] != '\n')
		a--, b--;
	snprintf(out, len, "%.*s | %.*s", (int)strcspn(a, "\n"), a,
		 (int)strcspn(b, "\n"), b);
	return out;
}

/* One datagram from sender to receiver's address of family: 0 when it
 * arrived intact from sender's address with one hop used up (the router
 * forwarded it, it did not come some other way). -ETIMEDOUT when it did
 * not arrive within wait_ms. why says what was seen.
 */
static int udp_through(struct lwt_topo *t, int family, int wait_ms,
		       char *why, size_t whylen)
{
	const char *dst = family == AF_INET ? LWT_RCV_IP4 : LWT_RCV_IP6;
	const char *src = family == AF_INET ? LWT_SND_IP4 : LWT_SND_IP6;
	struct lwt_tx tx = { .mark = 0x11, .priority = 3, .ttl = 64 };
	static unsigned int count;
	char msg[32], got[64] = "";
	struct lwt_rx rx;
	int s, r, n;

	snprintf(why, whylen, "setup");
	r = lwt_udp_open(&t->receiver, family, dst, UDP_PORT);
	s = lwt_udp_open(&t->sender, family, NULL, 0);
	if (r < 0 || s < 0) {
		snprintf(why, whylen, "sockets: %s", strerror(-(r < 0 ? r : s)));
		n = r < 0 ? r : s;
		goto out;
	}
	snprintf(msg, sizeof(msg), "lwt %u", ++count);
	n = lwt_udp_send(s, dst, UDP_PORT, msg, strlen(msg), &tx);
	if (n < 0) {
		snprintf(why, whylen, "send: %s", strerror(-n));
		goto out;
	}
	n = lwt_udp_recv(r, got, sizeof(got) - 1, wait_ms, &rx);
	if (n < 0) {
		snprintf(why, whylen, "nothing within %d ms", wait_ms);
		goto out;
	}
	got[n] = 0;
	snprintf(why, whylen, "got \"%s\" from %s with ttl %d", got, rx.from, rx.ttl);
	n = strcmp(got, msg) || strcmp(rx.from, src) || rx.ttl != tx.ttl - 1 ?
	    -EBADMSG : 0;
out:
	if (r >= 0)
		close(r);
	if (s >= 0)
		close(s);
	return n;
}

/* "r0 = ret; exit" as LWT_IN. */
static int load_ret(int ret)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = ret },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return bpf_prog_load(BPF_PROG_TYPE_LWT_IN, ret ? "lwt_drop" : "lwt_ok",
			     "GPL", insns, 2, NULL);
}

/* The pre-topology checks: one namespace, iproute2 inside it. */
static int check_single_ns(void)
{
	char *add[] = { "ip", "link", "add", "lwtst0", "type", "veth",
			"peer", "name", "lwtst1", NULL };
	char *show[] = { "ip", "link", "show", "lwtst0", NULL };
	struct lwt_ns ns;
	char err[512];
	int saved, rc;

	CHECK(lwt_ns_new(&ns) == 0, "lwt_ns_new");
	rc = lwt_ns_run(&ns, add, err, sizeof(err));
	CHECK(rc == 0, "ip link add in the namespace: %s", err);
	CHECK(lwt_ns_run(&ns, show, err, sizeof(err)) == 0, "link visible inside");
	CHECK(if_nametoindex("lwtst0") == 0, "link leaked into the initial namespace");
	CHECK(lwt_ns_enter(&ns, &saved) == 0, "enter");
	CHECK(if_nametoindex("lwtst0") > 0, "link not seen after entering");
	CHECK(lwt_ns_leave(saved) == 0, "leave");
	CHECK(if_nametoindex("lwtst0") == 0, "still inside after leaving");
	lwt_ns_free(&ns);
	OK("single namespace, iproute2 inside");
	return 0;
}

static int check_topology(struct lwt_topo *t)
{
	char v[32], why[160];
	int fam;

	CHECK(lwt_ns_sysctl_get(&t->router, "net.ipv4.ip_forward", v, sizeof(v)) == 0 &&
	      !strcmp(v, "1"), "router ip_forward is %s", v);
	CHECK(lwt_ns_sysctl_get(&t->router, "net.ipv6.conf.all.forwarding", v,
				sizeof(v)) == 0 && !strcmp(v, "1"),
	      "router ipv6 forwarding is %s", v);
	CHECK(lwt_ns_sysctl_get(&t->sender, "net.ipv4.ip_forward", v, sizeof(v)) == 0 &&
	      !strcmp(v, "0"), "sender forwards (ip_forward %s)", v);
	CHECK(lwt_ns_sysctl_get(&t->receiver, "net.ipv6.conf.all.forwarding", v,
				sizeof(v)) == 0 && !strcmp(v, "0"),
	      "receiver forwards (ipv6 forwarding %s)", v);
	OK("forwarding on in router only");
	for (fam = AF_INET; fam; fam = fam == AF_INET ? AF_INET6 : 0)
		CHECK(udp_through(t, fam, ARRIVE_MS, why, sizeof(why)) == 0,
		      "UDP over IPv%d: %s", fam == AF_INET ? 4 : 6, why);
	OK("UDP sender -> router -> receiver, IPv4 and IPv6");
	CHECK(lwt_ping(&t->sender, LWT_RCV_IP4, ARRIVE_MS, NULL) == 0, "ping " LWT_RCV_IP4);
	CHECK(lwt_ping(&t->sender, LWT_RCV_IP6, ARRIVE_MS, NULL) == 0, "ping " LWT_RCV_IP6);
	OK("ICMP echo both ways, IPv4 and IPv6");
	return 0;
}

/* The router forwards: its packet socket on rtr1 sees the datagram
 * leave, one hop shorter, addressed from sender to receiver.
 */
static int check_capture(struct lwt_topo *t)
{
	unsigned short port = UDP_PORT;
	unsigned char frame[2048];
	struct lwt_frame_udp u;
	char why[160];
	int p, n, fam;

	for (fam = AF_INET; fam; fam = fam == AF_INET ? AF_INET6 : 0) {
		p = lwt_pkt_open(&t->router, LWT_RTR_OUT_IF);
		CHECK(p >= 0, "packet socket on %s: %s", LWT_RTR_OUT_IF, strerror(-p));
		CHECK(udp_through(t, fam, ARRIVE_MS, why, sizeof(why)) == 0, "%s", why);
		n = lwt_pkt_wait(p, ARRIVE_MS, lwt_match_udp_dport, &port,
				 frame, sizeof(frame));
		close(p);
		CHECK(n > 0, "no UDP frame on %s: %s", LWT_RTR_OUT_IF, strerror(-n));
		CHECK(lwt_frame_udp(frame, n, &u) == 0 && u.family == fam &&
		      !strcmp(u.src, fam == AF_INET ? LWT_SND_IP4 : LWT_SND_IP6) &&
		      !strcmp(u.dst, fam == AF_INET ? LWT_RCV_IP4 : LWT_RCV_IP6) &&
		      u.ttl == 63, "frame on %s: %s -> %s ttl %d", LWT_RTR_OUT_IF,
		      u.src, u.dst, u.ttl);
	}
	OK("AF_PACKET on the router sees the forwarded frames");
	return 0;
}

/* Attach by fd, read back, pass traffic; then a BPF_DROP program on the
 * same route stops it, which shows the route is on the path.
 */
static int check_encap_fd(struct lwt_topo *t, struct lwt_rtnl *nl, int ok_fd,
			  int drop_fd)
{
	const char *dsts[] = { LWT_RCV_IP4 "/32", LWT_RCV_IP6 "/128" };
	struct lwt_route_info info;
	char why[160];
	int i, err;

	for (i = 0; i < 2; i++) {
		struct lwt_route r = { .dst = dsts[i], .ifindex = t->rtr_out_if,
				       .prog_fd = ok_fd, .prog_name = "lwt_ok_fd" };
		int fam = i ? AF_INET6 : AF_INET;

		err = lwt_rtnl_route_add(nl, &r);
		CHECK(err == 0, "add %s encap bpf in fd: %s (%s)", r.dst,
		      strerror(-err), nl->err);
		err = lwt_rtnl_route_get(nl, &r, &info);
		CHECK(err == 0 && info.encap_type == LWTUNNEL_ENCAP_BPF &&
		      !strcmp(info.in_name, "lwt_ok_fd") && info.ifindex == t->rtr_out_if,
		      "read back %s: err %d encap %d name '%s'", r.dst, err,
		      info.encap_type, info.in_name);
		CHECK(udp_through(t, fam, ARRIVE_MS, why, sizeof(why)) == 0,
		      "with BPF_OK on %s: %s", r.dst, why);

		CHECK((err = lwt_rtnl_route_del(nl, &r)) == 0, "del %s: %s (%s)", r.dst,
		      strerror(-err), nl->err);
		r.prog_fd = drop_fd;
		CHECK((err = lwt_rtnl_route_add(nl, &r)) == 0, "add drop %s: %s (%s)",
		      r.dst, strerror(-err), nl->err);
		err = udp_through(t, fam, ABSENT_MS, why, sizeof(why));
		CHECK(err == -ETIMEDOUT, "with BPF_DROP on %s: %s", r.dst, why);
		CHECK((err = lwt_rtnl_route_del(nl, &r)) == 0, "del %s: %s (%s)", r.dst,
		      strerror(-err), nl->err);
		err = lwt_rtnl_route_get(nl, &r, &info);
		CHECK(err == -ENOENT, "%s still there after delete (%d)", r.dst, err);
	}
	OK("encap bpf in by fd: attached, read back, BPF_OK passes, BPF_DROP drops");
	return 0;
}

/* Table local, a local route with a realm; and the kernel's extack text
 * reaching the caller with -errno.
 */
static int check_route_options(struct lwt_rtnl *nl, int ok_fd)
{
	struct lwt_route r = { .dst = "203.0.113.7", .table = RT_TABLE_LOCAL,
			       .type = RTN_LOCAL, .ifindex = 1, .realm = 7,
			       .prog_fd = ok_fd, .prog_name = "lwt_local" };
	struct lwt_route bad = { .dst = "203.0.113.0/24", .gw = "203.0.113.1" };
	struct lwt_route_info info;
	int err;

	err = lwt_rtnl_route_add(nl, &r);
	CHECK(err == 0, "add local %s: %s (%s)", r.dst, strerror(-err), nl->err);
	err = lwt_rtnl_route_get(nl, &r, &info);
	CHECK(err == 0 && info.table == RT_TABLE_LOCAL && info.type == RTN_LOCAL &&
	      info.realm == 7 && info.encap_type == LWTUNNEL_ENCAP_BPF,
	      "read back local: err %d table %u type %u realm %u encap %d", err,
	      info.table, info.type, info.realm, info.encap_type);
	CHECK((err = lwt_rtnl_route_del(nl, &r)) == 0, "del local: %s (%s)",
	      strerror(-err), nl->err);
	OK("table local, RTN_LOCAL, realm (RTA_FLOW) read back");

	err = lwt_rtnl_route_add(nl, &bad);
	CHECK(err == -ENETUNREACH && nl->err[0],
	      "unreachable gateway: %d '%s'", err, nl->err);
	OK("errors carry -errno and the kernel's message");
	return 0;
}

/* The documented way, iproute2 inside the router, then read back. */
static int check_encap_iproute(struct lwt_topo *t, struct lwt_rtnl *nl,
			       const char *obj)
{
	const char *dsts[] = { LWT_RCV_IP4 "/32", LWT_RCV_IP6 "/128" };
	struct lwt_route_info info;
	char err[512], why[160];
	int i, rc;

	for (i = 0; i < 2; i++) {
		struct lwt_route r = { .dst = dsts[i] };

		rc = lwt_ip_route_encap(&t->router, r.dst, obj, "lwt_ok",
					LWT_RTR_OUT_IF, err, sizeof(err));
		CHECK(rc == 0, "ip route add %s encap bpf in: exit %d: %s", r.dst, rc, err);
		rc = lwt_rtnl_route_get(nl, &r, &info);
		CHECK(rc == 0 && info.encap_type == LWTUNNEL_ENCAP_BPF &&
		      !strcmp(info.in_name, "lwt_ok.bpf.o:[lwt_ok]"),
		      "read back %s: err %d encap %d '%s'",
		      r.dst, rc, info.encap_type, info.in_name);
		CHECK(udp_through(t, i ? AF_INET6 : AF_INET, ARRIVE_MS, why,
				  sizeof(why)) == 0, "through %s: %s", r.dst, why);
		CHECK((rc = lwt_rtnl_route_del(nl, &r)) == 0, "del %s: %s (%s)", r.dst,
		      strerror(-rc), nl->err);
	}
	OK("encap bpf in by iproute2: attached, read back, traffic passes");
	return 0;
}

int main(void)
{
	static char before[1 << 16], after[1 << 16];
	char obj[PATH_MAX], self[PATH_MAX], diff[512];
	struct lwt_topo t;
	struct lwt_rtnl nl;
	int ok_fd, drop_fd, err, held;
	ssize_t n;

	t0 = now_ms();
	/* The object is built beside this binary, wherever OUTPUT is. */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	CHECK(n > 0, "readlink /proc/self/exe");
	self[n] = 0;
	snprintf(obj, sizeof(obj), "%s/lwt_ok.bpf.o", dirname(self));
	CHECK(access(obj, R_OK) == 0, "%s missing", obj);
	CHECK(host_state(before, sizeof(before)) == 0, "cannot read the host state");

	if (check_single_ns())
		return 1;

	held = netns_fds();
	err = lwt_topo_setup_kind(&t, "lwt_no_such_kind");
	CHECK(err == -EOPNOTSUPP && strstr(t.err, "CONFIG_VETH") &&
	      netns_fds() == held, "missing link kind: err %d, '%s', %d netns fds",
	      err, t.err, netns_fds() - held);
	printf("# as expected: %s\n", t.err);
	OK("setup fails cleanly without veth");

	err = lwt_topo_setup(&t);
	CHECK(err == 0, "topology: %s", t.err);
	OK("topology up");
	if (check_topology(&t) || check_capture(&t))
		return 1;

	ok_fd = load_ret(0);
	drop_fd = load_ret(2);
	CHECK(ok_fd > 0 && drop_fd > 0, "load LWT_IN: %s", strerror(errno));
	err = lwt_rtnl_open(&nl, &t.router);
	CHECK(err == 0, "rtnetlink in router: %s", strerror(-err));
	if (check_encap_fd(&t, &nl, ok_fd, drop_fd) ||
	    check_route_options(&nl, ok_fd) ||
	    check_encap_iproute(&t, &nl, obj))
		return 1;
	lwt_rtnl_close(&nl);
	close(ok_fd);
	close(drop_fd);

	CHECK(netns_fds() == held + 3, "%d netns fds with the topology up",
	      netns_fds() - held);
	lwt_topo_teardown(&t);
	lwt_topo_teardown(&t);	/* twice is harmless */
	CHECK(netns_fds() == held, "%d netns fds left after teardown",
	      netns_fds() - held);
	CHECK(host_state(after, sizeof(after)) == 0, "cannot read the host state");
	CHECK(!strcmp(before, after), "initial namespace changed: %s",
	      first_diff(before, after, diff, sizeof(diff)));
	OK("initial namespace unchanged");
	printf("netns fixtures: ok (%lld ms)\n", now_ms() - t0);
	return 0;
}
