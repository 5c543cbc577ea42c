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
 * The network of each case: dp_fixture.h. This file: where and ret.
 */
#include "datapath.h"

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
	struct dp_state b;
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
 * version cannot tell. Without the guard the endless loop overflows the
 * kernel stack, so before 6.15 a bounded probe decides first: a reroute
 * chain one level deeper than the guard allows (dp_reroute_bounded,
 * GUARD_PROBE_RUNS runs, then BPF_OK) is dropped after 9 runs with the
 * guard and delivered after 10 without it.
 */
#define KV_RECURSION_GUARD KV(6, 15)
#define RECURSION_WARN "lwtunnel_input(): recursion limit reached on datapath"

/* 1 the guard stopped the bounded chain, 0 it went through, -1 neither
 * (the case failed). The route is taken down again either way.
 */
static int recursion_guard_probe(struct __test_metadata *_metadata, struct dp *d,
				 char *seen, size_t len)
{
	struct lwt_route r = { .dst = d->a->rcv_host, .ifindex = d->t.rtr_out_if };
	char buf[64];
	__u64 runs;
	int got;

	if (ret_run(_metadata, d, "dp_reroute_bounded"))
		return -1;
	runs = dp_runs(_metadata, d, RUN_REROUTE_BOUNDED);
	got = dp_recv(d->rcv, buf, sizeof(buf));
	lwt_rtnl_route_del(&d->nl, &r);
	snprintf(seen, len, "probe: %s after %llu runs; ",
		 got == 20 ? "delivered" : "dropped", (unsigned long long)runs);
	lwt_observed("%s", seen);
	if (got != 20 && runs == XMIT_RECURSION_LIMIT + 1)
		return 1;
	if (got == 20 && runs == GUARD_PROBE_RUNS)
		return 0;
	CASE_FAIL("recursion guard probe: %s after %llu runs; expected dropped after %d (guard) or delivered after %d (none)",
		  got == 20 ? "delivered" : "dropped", (unsigned long long)runs,
		  XMIT_RECURSION_LIMIT + 1, GUARD_PROBE_RUNS);
	return -1;
}

TEST_F(ret, reroute_loop_stopped)
{
	char probe[96] = "";
	bool from_boot;
	int before, after, guard = 1;

	if (!self->ok)
		return;
	if (lwt_kver() < KV_RECURSION_GUARD) {
		guard = recursion_guard_probe(_metadata, &self->d, probe, sizeof(probe));
		if (guard < 0)
			return;
		if (!guard) {
			lwt_reason("no lwtunnel recursion guard (before 6.15; a %d-deep reroute chain went through)",
				   GUARD_PROBE_RUNS);
			SKIP(return, "no recursion guard");
		}
	}
	before = kmsg_count(RECURSION_WARN, &from_boot);
	if (ret_run(_metadata, &self->d, "dp_reroute_forever"))
		return;
	after = kmsg_count(RECURSION_WARN, &from_boot);
	lwt_expected("dropped after %d runs; \"%s\" in the kernel log%s",
		     XMIT_RECURSION_LIMIT + 1, RECURSION_WARN,
		     lwt_kver() < KV_RECURSION_GUARD ? " (guard found by the probe)" : "");
	lwt_observed("%s%s after %llu runs; the line %d time(s) more", probe,
		     dp_queued(self->d.rcv) ? "delivered" : "dropped",
		     dp_runs(_metadata, &self->d, RUN_REROUTE_FOREVER), after - before);
	EXPECT_FALSE(dp_queued(self->d.rcv));
	EXPECT_EQ(XMIT_RECURSION_LIMIT + 1,
		  dp_runs(_metadata, &self->d, RUN_REROUTE_FOREVER));
	/* net_crit_ratelimited: at most 10 lines per 5 s per call site */
	EXPECT_LT(before, after);
}

#define LWT_CATEGORY "datapath"
#include "lwt_main.h"
