// SPDX-License-Identifier: GPL-2.0
/* datapath: what the kernel does with an attached LWT_IN program on real
 * packets. Each case builds its own sender -> router -> receiver
 * namespaces (netns/topo.h), attaches a program of progs/dp.bpf.c to a
 * route in router, sends UDP, and compares what arrived and what the
 * program counted with what net/core/lwt_bpf.c says.
 *
 * datapath/<subject>/<aspect>_ipv4 and _ipv6, one forked child each: the
 * namespaces are held by descriptors only, so they vanish with the child
 * whatever way it ends (failure, timeout, SIGKILL).
 *
 * Absence is shown without timeouts: the test thread is pinned to one
 * CPU, so everything it sends goes through the same backlog queue in
 * order. A packet that should be dropped is followed by a marker to
 * another receiver address; once the marker is in, the dropped packet
 * would be there too had it been delivered.
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
#include <time.h>
#include <unistd.h>
#include <linux/lwtunnel.h>
#include <linux/rtnetlink.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "kselftest_harness.h"
#include "lwt_bpf.h"
#include "lwt_record.h"
#include "lwt_case.h"
#include "rtnl.h"
#include "sock.h"
#include "topo.h"

/* Mirrors of progs/dp.bpf.c */
enum { RUN_OK, RUN_DROP, RUN_REDIRECT, RUN_BAD_RET, RUN_REROUTE_ONCE,
       RUN_REROUTE_FOREVER, RUN_WRITE, RUN_OK2, RUN_MAX };
#define DP_HEAD 48
struct dp_snap {
	__u32 len, pkt_type, mark, queue_mapping, protocol, vlan_present,
	      vlan_tci, vlan_proto, priority, ingress_ifindex, ifindex,
	      tc_index, cb[5], hash, napi_id, gso_segs, gso_size, linear,
	      sk_null, hash_recalc, hash_after, realm, head_len;
	__u8 head[DP_HEAD];
};
struct dp_bss {			/* struct dp_state st */
	__u64 runs[RUN_MAX];
	struct dp_snap snap;
	__u32 cb_first, cb_second;
};
#define DP_BAD_RET 42
#define DP_WRITE_MARK 0x1234
#define DP_WRITE_PRIO 7

#define DP_PORT 5000
#define DP_WAIT_MS 2000		/* bound on every wait for a packet */

/* Addresses beside the topology's: a second receiver address reached by
 * the connected route (no program), and an address local to router
 * through a route of its own in table local.
 */
struct dp_addrs {
	const char *rcv, *rcv_host, *other, *other_cidr, *local, *local_host, *any;
};
static const struct dp_addrs dp_v4 = {
	LWT_RCV_IP4, LWT_RCV_IP4 "/32", "198.51.100.3", "198.51.100.3/24",
	"203.0.113.2", "203.0.113.2/32", "0.0.0.0",
};
static const struct dp_addrs dp_v6 = {
	LWT_RCV_IP6, LWT_RCV_IP6 "/128", "2001:db8:2::3", "2001:db8:2::3/64",
	"2001:db8:3::2", "2001:db8:3::2/128", "::",
};

struct dp {
	struct lwt_topo t;
	struct lwt_rtnl nl;		/* rtnetlink in router */
	struct bpf_object *obj;		/* dp.bpf.o, every program LWT_IN */
	const struct dp_addrs *a;
	int family;
	int snd;			/* UDP socket in sender */
	int rcv, other;			/* UDP sockets in receiver: a->rcv, a->other */
	bool nl_open;
};

/* Build the namespaces, the extra receiver address, the sockets, and
 * load dp.bpf.o. 0, or -1 with the case failed.
 */
static int dp_setup(struct __test_metadata *_metadata, struct dp *d, int family)
{
	char err[2048];
	struct lwt_rtnl rnl;
	cpu_set_t one;
	int e;

	memset(d, 0, sizeof(*d));
	d->snd = d->rcv = d->other = -1;
	d->family = family;
	d->a = family == AF_INET ? &dp_v4 : &dp_v6;
	/* one CPU: what this thread sends is handled in order (see top) */
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	if (sched_setaffinity(0, sizeof(one), &one)) {
		CASE_FAIL("sched_setaffinity: %s", strerror(errno));
		return -1;
	}
	e = lwt_topo_setup(&d->t);
	if (e) {
		CASE_FAIL("topology: %s", d->t.err);
		return -1;
	}
	e = lwt_rtnl_open(&rnl, &d->t.receiver);
	if (!e) {
		e = lwt_rtnl_addr_add(&rnl, d->t.rcv_if, d->a->other_cidr);
		lwt_rtnl_close(&rnl);
	}
	if (e) {
		CASE_FAIL("address %s in receiver: %s", d->a->other_cidr, strerror(-e));
		return -1;
	}
	e = lwt_rtnl_open(&d->nl, &d->t.router);
	if (e) {
		CASE_FAIL("rtnetlink in router: %s", strerror(-e));
		return -1;
	}
	d->nl_open = true;
	d->snd = lwt_udp_open(&d->t.sender, family, NULL, 0);
	d->rcv = lwt_udp_open(&d->t.receiver, family, d->a->rcv, DP_PORT);
	d->other = lwt_udp_open(&d->t.receiver, family, d->a->other, DP_PORT);
	if (d->snd < 0 || d->rcv < 0 || d->other < 0) {
		CASE_FAIL("UDP sockets: %s %s %s", strerror(-d->snd),
			  strerror(-d->rcv), strerror(-d->other));
		return -1;
	}
	d->obj = lwt_obj_load("dp.bpf.o", err, sizeof(err));
	if (!d->obj) {
		CASE_FAIL("%s", err);
		return -1;
	}
	lwt_hang_fault();	/* with the namespaces held */
	return 0;
}

static void dp_teardown(struct dp *d)
{
	if (d->snd >= 0)
		close(d->snd);
	if (d->rcv >= 0)
		close(d->rcv);
	if (d->other >= 0)
		close(d->other);
	if (d->nl_open)
		lwt_rtnl_close(&d->nl);
	bpf_object__close(d->obj);
	lwt_topo_teardown(&d->t);
}

/* Fixture NAME with variants ipv4 and ipv6; self->d set up, or
 * self->ok false (the case already failed) and the body returns.
 */
#define DP_FIXTURE(name)						\
FIXTURE(name) { struct dp d; bool ok; };				\
FIXTURE_VARIANT(name) { int family; };					\
FIXTURE_VARIANT_ADD(name, ipv4) { .family = AF_INET };			\
FIXTURE_VARIANT_ADD(name, ipv6) { .family = AF_INET6 };		\
FIXTURE_SETUP(name)							\
{									\
	self->ok = !dp_setup(_metadata, &self->d, variant->family);	\
}									\
FIXTURE_TEARDOWN(name)							\
{									\
	dp_teardown(&self->d);						\
}

/* Attach program PROG of dp.bpf.o to a route in router: dst through
 * rtr1 in table main (forwarded), or, with local, a route of type local
 * in table local (delivered to router itself).
 */
static int dp_attach(struct __test_metadata *_metadata, struct dp *d,
		     const char *prog, bool local)
{
	struct lwt_route r = {
		.dst = local ? d->a->local_host : d->a->rcv_host,
		.ifindex = local ? d->t.rtr_in_if : d->t.rtr_out_if,
		.table = local ? RT_TABLE_LOCAL : 0,
		.type = local ? RTN_LOCAL : 0,
		.prog_fd = lwt_obj_prog_fd(d->obj, prog),
		.prog_name = prog,
	};
	int e;

	if (lwt_fault()) {	/* LWT_FAULT: the wrong program, so the case must fail */
		r.prog_fd = lwt_obj_prog_fd(d->obj, "dp_ok2");
		r.prog_name = "dp_ok2";
	}

	if (r.prog_fd < 0) {
		CASE_FAIL("dp.bpf.o has no program %s", prog);
		return -1;
	}
	e = lwt_rtnl_route_add(&d->nl, &r);
	if (e)
		CASE_FAIL("route %s encap bpf in %s: %s (%s)", r.dst, prog,
			  strerror(-e), d->nl.err);
	return e ? -1 : 0;
}

/* The programs' .bss */
static int dp_bss(struct __test_metadata *_metadata, struct dp *d,
		  struct dp_bss *out)
{
	struct bpf_map *m;
	int zero = 0;

	bpf_object__for_each_map(m, d->obj)
		if (strstr(bpf_map__name(m), ".bss")) {
			if (bpf_map__value_size(m) != sizeof(*out)) {
				CASE_FAIL(".bss is %u bytes, struct dp_bss %zu",
					  bpf_map__value_size(m), sizeof(*out));
				return -1;
			}
			if (bpf_map_lookup_elem(bpf_map__fd(m), &zero, out)) {
				CASE_FAIL("reading .bss: %s", strerror(errno));
				return -1;
			}
			return 0;
		}
	CASE_FAIL("dp.bpf.o has no .bss");
	return -1;
}

static __u64 dp_runs(struct __test_metadata *_metadata, struct dp *d, int which)
{
	struct dp_bss b;

	return dp_bss(_metadata, d, &b) ? ~0ULL : b.runs[which];
}

/* A datagram of len bytes, filled with tag, from sender to dst:DP_PORT */
static int dp_send(struct __test_metadata *_metadata, struct dp *d,
		   const char *dst, size_t len, char tag)
{
	char buf[2048];
	int n;

	memset(buf, tag, len < sizeof(buf) ? len : sizeof(buf));
	n = lwt_udp_send(d->snd, dst, DP_PORT, buf, len, NULL);
	if (n != (int)len)
		CASE_FAIL("send to %s: %s", dst, n < 0 ? strerror(-n) : "short");
	return n == (int)len ? 0 : -1;
}

/* Wait for one datagram on fd: its length, or -ETIMEDOUT. */
static int dp_recv(int fd, void *buf, size_t len)
{
	return lwt_udp_recv(fd, buf, len, DP_WAIT_MS, NULL);
}

/* Is a datagram queued on fd right now? */
static bool dp_queued(int fd)
{
	char c;

	return recv(fd, &c, 1, MSG_DONTWAIT | MSG_PEEK) >= 0;
}

/* Send a marker to the receiver's other address (no program on its
 * route) and wait for it: afterwards every earlier packet of this
 * thread has been delivered or dropped. 0, or -1 with the case failed.
 */
static int dp_flush(struct __test_metadata *_metadata, struct dp *d)
{
	char buf[64];

	if (dp_send(_metadata, d, d->a->other, 16, 'm'))
		return -1;
	if (dp_recv(d->other, buf, sizeof(buf)) != 16) {
		CASE_FAIL("the marker to %s did not arrive within %d ms",
			  d->a->other, DP_WAIT_MS);
		return -1;
	}
	return 0;
}

/* --- the kernel log --------------------------------------------------- */

/* Lines of /dev/kmsg containing s, and whether the buffer still starts
 * at the first record since boot (sequence 0: nothing rotated out).
 */
static int kmsg_count(const char *s, bool *from_boot)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), n = 0;
	char rec[8192];
	ssize_t len;
	bool first = true;

	*from_boot = false;
	if (fd < 0)
		return -1;
	while ((len = read(fd, rec, sizeof(rec) - 1)) > 0 || (len < 0 && errno == EPIPE)) {
		if (len < 0)
			continue;	/* overwritten while reading */
		rec[len] = 0;
		if (first) {
			unsigned long long seq = ~0ULL;

			sscanf(rec, "%*u,%llu", &seq);
			*from_boot = seq == 0;
			first = false;
		}
		n += !!strstr(rec, s);
	}
	close(fd);
	return n;
}

/* A pr_warn_once() line: printed the first time since boot only. Given
 * the count before the packet, check the count after.
 */
static void expect_warn_once(struct __test_metadata *_metadata, const char *line,
			     int before, bool from_boot)
{
	bool fb;
	int after = kmsg_count(line, &fb);

	if (before < 0 || after < 0) {
		TH_LOG("kernel log not readable: \"%s\" not checked", line);
		return;
	}
	if (before > 0) {
		TH_LOG("\"%s\" was printed earlier since boot; pr_warn_once stays silent now",
		       line);
		EXPECT_EQ(before, after);
	} else if (from_boot) {
		/* never printed since boot: this packet must print it */
		if (after != 1)
			CASE_FAIL("kernel log: \"%s\" %d time(s), expected once", line, after);
	} else {
		TH_LOG("kernel log rotated: cannot tell whether \"%s\" was printed before",
		       line);
	}
}

/* --- datapath/where: which packets run the program -------------------- */

DP_FIXTURE(where)

/* rt_set_nexthop() (IPv4) / ip6_rt_init_dst() -> lwtunnel_set_redirect()
 * (IPv6): a forwarded route with LWTUNNEL_STATE_INPUT_REDIRECT gets
 * dst.input = lwtunnel_input -> bpf_input().
 */
TEST_F(where, forwarded)
{
	char buf[64];

	if (!self->ok || dp_attach(_metadata, &self->d, "dp_ok", false) ||
	    dp_send(_metadata, &self->d, self->d.a->rcv, 20, 'a'))
		return;
	lwt_expected("delivered to %s; dp_ok ran once", self->d.a->rcv);
	EXPECT_EQ(20, dp_recv(self->d.rcv, buf, sizeof(buf)));
	lwt_observed("runs %llu", dp_runs(_metadata, &self->d, RUN_OK));
	EXPECT_EQ(1, dp_runs(_metadata, &self->d, RUN_OK));
}

/* ip_route_input_slow() local_input: a cached local route also gets
 * dst.input = lwtunnel_input; IPv6 the same through ip6_rt_init_dst().
 */
TEST_F(where, local_route)
{
	char buf[64];
	int fd;

	if (!self->ok || dp_attach(_metadata, &self->d, "dp_ok", true))
		return;
	/* the address is only routed, not assigned: bind the wildcard */
	fd = lwt_udp_open(&self->d.t.router, self->d.family, self->d.a->any, DP_PORT);
	ASSERT_LE(0, fd);
	if (dp_send(_metadata, &self->d, self->d.a->local, 20, 'l'))
		return;
	lwt_expected("delivered to router's %s (table local); dp_ok ran once",
		     self->d.a->local);
	EXPECT_EQ(20, dp_recv(fd, buf, sizeof(buf)));
	lwt_observed("runs %llu", dp_runs(_metadata, &self->d, RUN_OK));
	EXPECT_EQ(1, dp_runs(_metadata, &self->d, RUN_OK));
	close(fd);
}

/* Output takes dst.output (lwtunnel_output: the "out" program, none
 * here); the "in" program runs only from dst.input.
 */
TEST_F(where, local_output_not_run)
{
	char buf[64];
	int fd;

	if (!self->ok || dp_attach(_metadata, &self->d, "dp_ok", false))
		return;
	fd = lwt_udp_open(&self->d.t.router, self->d.family, NULL, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(20, lwt_udp_send(fd, self->d.a->rcv, DP_PORT, "from the router....", 20, NULL));
	lwt_expected("router's own packet to %s delivered; dp_ok never ran", self->d.a->rcv);
	EXPECT_EQ(20, dp_recv(self->d.rcv, buf, sizeof(buf)));
	lwt_observed("runs %llu", dp_runs(_metadata, &self->d, RUN_OK));
	/* LWT_FAULT: the expectation turned around */
	EXPECT_EQ(lwt_fault() ? 1 : 0, dp_runs(_metadata, &self->d, RUN_OK));
	close(fd);
}

/* Another destination takes the connected route, which has no encap. */
TEST_F(where, other_route_not_run)
{
	char buf[64];

	if (!self->ok || dp_attach(_metadata, &self->d, "dp_ok", false) ||
	    dp_send(_metadata, &self->d, self->d.a->other, 20, 'o'))
		return;
	lwt_expected("delivered to %s by the plain connected route; dp_ok never ran",
		     self->d.a->other);
	EXPECT_EQ(20, dp_recv(self->d.other, buf, sizeof(buf)));
	lwt_observed("runs %llu", dp_runs(_metadata, &self->d, RUN_OK));
	/* LWT_FAULT: the expectation turned around */
	EXPECT_EQ(lwt_fault() ? 1 : 0, dp_runs(_metadata, &self->d, RUN_OK));
}

/* --- datapath/ret: what each return code does (run_lwt_bpf) ----------- */

DP_FIXTURE(ret)

/* Attach PROG, send one packet to the program's route, flush. */
static int ret_run(struct __test_metadata *_metadata, struct dp *d, const char *prog)
{
	if (dp_attach(_metadata, d, prog, false) ||
	    dp_send(_metadata, d, d->a->rcv, 20, 'r') || dp_flush(_metadata, d))
		return -1;
	return 0;
}

/* BPF_OK: bpf_input() goes on to dst->lwtstate->orig_input */
TEST_F(ret, ok_delivers)
{
	if (!self->ok || ret_run(_metadata, &self->d, "dp_ok"))
		return;
	lwt_expected("BPF_OK: delivered, 1 run");
	lwt_observed("%s, %llu run(s)", dp_queued(self->d.rcv) ? "delivered" : "dropped",
		     dp_runs(_metadata, &self->d, RUN_OK));
	EXPECT_TRUE(dp_queued(self->d.rcv));
	EXPECT_EQ(1, dp_runs(_metadata, &self->d, RUN_OK));
}

/* BPF_DROP: run_lwt_bpf() "kfree_skb(skb); ret = -EPERM" */
TEST_F(ret, drop_drops)
{
	if (!self->ok || ret_run(_metadata, &self->d, "dp_drop"))
		return;
	lwt_expected("BPF_DROP: nothing delivered, 1 run");
	lwt_observed("%s, %llu run(s)", dp_queued(self->d.rcv) ? "delivered" : "dropped",
		     dp_runs(_metadata, &self->d, RUN_DROP));
	EXPECT_FALSE(dp_queued(self->d.rcv));
	EXPECT_EQ(1, dp_runs(_metadata, &self->d, RUN_DROP));
}

/* BPF_REDIRECT on input: can_redirect is false in bpf_input(), so
 * run_lwt_bpf() "pr_warn_once("Illegal redirect return code in prog %s")
 * ... ret = BPF_OK".
 */
#define REDIRECT_WARN "Illegal redirect return code in prog "
TEST_F(ret, redirect_is_ok)
{
	bool from_boot;
	int before;

	if (!self->ok)
		return;
	before = kmsg_count(REDIRECT_WARN, &from_boot);
	if (ret_run(_metadata, &self->d, "dp_redirect"))
		return;
	lwt_expected("BPF_REDIRECT from LWT_IN: delivered as BPF_OK, 1 run; \"%s%s\" once per boot",
		     REDIRECT_WARN, "dp_redirect");
	lwt_observed("%s, %llu run(s)", dp_queued(self->d.rcv) ? "delivered" : "dropped",
		     dp_runs(_metadata, &self->d, RUN_REDIRECT));
	EXPECT_TRUE(dp_queued(self->d.rcv));
	EXPECT_EQ(1, dp_runs(_metadata, &self->d, RUN_REDIRECT));
	expect_warn_once(_metadata, REDIRECT_WARN, before, from_boot);
}

/* Any other value: run_lwt_bpf() default "pr_warn_once("bpf-lwt:
 * Illegal return value %u, expect packet loss"); kfree_skb(skb)".
 */
#define BAD_RET_WARN "bpf-lwt: Illegal return value "
TEST_F(ret, undefined_drops)
{
	bool from_boot;
	int before;

	if (!self->ok)
		return;
	before = kmsg_count(BAD_RET_WARN, &from_boot);
	if (ret_run(_metadata, &self->d, "dp_bad_ret"))
		return;
	lwt_expected("return %d: dropped, 1 run; \"%s%d, expect packet loss\" once per boot",
		     DP_BAD_RET, BAD_RET_WARN, DP_BAD_RET);
	lwt_observed("%s, %llu run(s)", dp_queued(self->d.rcv) ? "delivered" : "dropped",
		     dp_runs(_metadata, &self->d, RUN_BAD_RET));
	EXPECT_FALSE(dp_queued(self->d.rcv));
	EXPECT_EQ(1, dp_runs(_metadata, &self->d, RUN_BAD_RET));
	expect_warn_once(_metadata, BAD_RET_WARN, before, from_boot);
}

/* BPF_LWT_REROUTE: bpf_lwt_input_reroute() looks the route up again
 * (ip_route_input_noref / ipv6_route_input) and calls dst_input(): the
 * same route, so the program runs again; the second run returns BPF_OK.
 * cb is zero at each entry and the first run's write is gone by the
 * second: bpf_prog_run_save_cb() saves, zeroes and restores it.
 */
TEST_F(ret, reroute_reenters)
{
	struct dp_bss b;
	char buf[64];
	int first;

	if (!self->ok || ret_run(_metadata, &self->d, "dp_reroute_once") ||
	    dp_bss(_metadata, &self->d, &b))
		return;
	first = dp_recv(self->d.rcv, buf, sizeof(buf));
	lwt_expected("delivered once; 2 runs; cb[0] 0 at both entries");
	lwt_observed("%s%s; %llu runs; cb[0] %#x then %#x",
		     first == 20 ? "delivered" : "dropped",
		     dp_queued(self->d.rcv) ? " twice" : "",
		     b.runs[RUN_REROUTE_ONCE], b.cb_first, b.cb_second);
	EXPECT_EQ(20, first);
	EXPECT_FALSE(dp_queued(self->d.rcv));
	EXPECT_EQ(2, b.runs[RUN_REROUTE_ONCE]);
	EXPECT_EQ(0, b.cb_first);
	EXPECT_EQ(0, b.cb_second);
}

/* An endless reroute nests lwtunnel_input() -> bpf_input() -> reroute ->
 * dst_input() -> lwtunnel_input(). lwtunnel_input() counts the nesting
 * (dev_xmit_recursion_inc) and drops once dev_xmit_recursion() is true,
 * more than XMIT_RECURSION_LIMIT (8) deep: "%s(): recursion limit reached
 * on datapath". The program runs at depths 0..8: 9 times. Mainline has
 * the guard since 6.15 ("net: lwtunnel: fix recursion loops"); stable
 * series got it later in their life (Debian's 6.1.192 has it), which the
 * version cannot tell: without the guard the loop overflows the kernel
 * stack, so older kernels skip unless LWT_RECURSION_GUARD=1 says the
 * guard is there.
 */
#define KV_RECURSION_GUARD KV(6, 15)
#define XMIT_RECURSION_LIMIT 8
#define RECURSION_WARN "lwtunnel_input(): recursion limit reached on datapath"
TEST_F(ret, reroute_loop_stopped)
{
	const char *force = getenv("LWT_RECURSION_GUARD");
	bool from_boot;
	int before, after;

	if (!self->ok)
		return;
	if (lwt_kver() < KV_RECURSION_GUARD && !(force && !strcmp(force, "1"))) {
		lwt_reason("kernels before 6.15 may lack the lwtunnel recursion guard (set LWT_RECURSION_GUARD=1 if this one has it)");
		SKIP(return, "no known recursion guard");
	}
	before = kmsg_count(RECURSION_WARN, &from_boot);
	if (ret_run(_metadata, &self->d, "dp_reroute_forever"))
		return;
	after = kmsg_count(RECURSION_WARN, &from_boot);
	lwt_expected("dropped after %d runs; \"%s\" in the kernel log",
		     XMIT_RECURSION_LIMIT + 1, RECURSION_WARN);
	lwt_observed("%s after %llu runs; the line %d time(s) more",
		     dp_queued(self->d.rcv) ? "delivered" : "dropped",
		     dp_runs(_metadata, &self->d, RUN_REROUTE_FOREVER), after - before);
	EXPECT_FALSE(dp_queued(self->d.rcv));
	EXPECT_EQ(XMIT_RECURSION_LIMIT + 1,
		  dp_runs(_metadata, &self->d, RUN_REROUTE_FOREVER));
	/* net_crit_ratelimited: at most 10 lines per 5 s per call site */
	EXPECT_LT(before, after);
}

#include "datapath_ctx.c"
#include "datapath_route.c"

#define LWT_CATEGORY "datapath"
#include "lwt_main.h"
