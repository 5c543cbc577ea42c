// SPDX-License-Identifier: GPL-2.0
/* datapath/route: the life of a route with "encap bpf in" (replace,
 * delete, in + out + xmit together, what netlink refuses), the documented
 * iproute2 way of attaching, and datapath/spec_example: the spec page's
 * own program attached as the page shows.
 */
#include "datapath.h"
#include <limits.h>
#include <stddef.h>
#include <sys/un.h>
#include <sys/mount.h>
#include <sys/stat.h>

DP_FIXTURE(route)

/* Replacing the route (NLM_F_REPLACE) builds a new lwtunnel state with
 * the new program; packets after it run the new one only.
 */
TEST_F(route, replace_swaps_program)
{
	struct lwt_route r = {
		.dst = self->d.a->rcv_host, .ifindex = self->d.t.rtr_out_if,
		.replace = 1, .prog_name = "dp_ok2",
	};
	struct dp_state b;
	char buf[64];
	int e;

	if (!self->ok || dp_attach(_metadata, &self->d, "dp_ok", false) ||
	    dp_send(_metadata, &self->d, self->d.a->rcv, 20, '1'))
		return;
	ASSERT_EQ(20, dp_recv(self->d.rcv, buf, sizeof(buf)));
	r.prog_fd = lwt_obj_prog_fd(self->d.obj, "dp_ok2");
	e = lwt_rtnl_route_add(&self->d.nl, &r);
	ASSERT_EQ(0, e) TH_LOG("replace: %s (%s)", strerror(-e), self->d.nl.err);
	if (dp_send(_metadata, &self->d, self->d.a->rcv, 20, '2'))
		return;
	ASSERT_EQ(20, dp_recv(self->d.rcv, buf, sizeof(buf)));
	ASSERT_EQ(0, dp_bss(_metadata, &self->d, &b));
	lwt_expected("first packet: dp_ok once; after the replace: dp_ok2 once, dp_ok still once");
	lwt_observed("dp_ok %llu, dp_ok2 %llu", b.runs[RUN_OK], b.runs[RUN_OK2]);
	EXPECT_EQ(1, b.runs[RUN_OK]);
	EXPECT_EQ(1, b.runs[RUN_OK2]);
}

/* bpf_prog_get_fd_by_id() finds a program while anything holds it */
static bool prog_alive(__u32 id)
{
	int fd = bpf_prog_get_fd_by_id(id);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* The route is the program's last holder: deleting it frees the
 * lwtunnel state (lwtstate_free -> bpf_destroy_state -> bpf_prog_put,
 * after an RCU grace period) and the id is gone from the kernel's list,
 * which is what bpftool prog shows.
 */
TEST_F(route, delete_releases_program)
{
	struct lwt_route r = {
		.dst = self->d.a->rcv_host, .ifindex = self->d.t.rtr_out_if,
		.prog_name = "dp_ok",
	};
	struct bpf_prog_info info = { 0 };
	__u32 len = sizeof(info);
	struct bpf_object *own;
	char err[1024];
	int e, i, alive_after = 1;

	if (!self->ok)
		return;
	own = lwt_obj_load("dp.bpf.o", err, sizeof(err));
	ASSERT_NE(NULL, own) TH_LOG("%s", err);
	r.prog_fd = lwt_obj_prog_fd(own, "dp_ok");
	ASSERT_EQ(0, bpf_obj_get_info_by_fd(r.prog_fd, &info, &len));
	e = lwt_rtnl_route_add(&self->d.nl, &r);
	ASSERT_EQ(0, e) TH_LOG("route: %s (%s)", strerror(-e), self->d.nl.err);
	bpf_object__close(own);		/* now only the route holds it */
	ASSERT_TRUE(prog_alive(info.id)) TH_LOG("program %u gone while routed", info.id);
	if (lwt_fault())	/* LWT_FAULT: keep the route, so the case must fail */
		r.dst = self->d.a->other_cidr;
	e = lwt_rtnl_route_del(&self->d.nl, &r);
	/* bounded wait for the event: the id disappears (at most 2 s) */
	for (i = 0; i < 2000 && (alive_after = prog_alive(info.id)); i++)
		usleep(1000);
	lwt_expected("program %u held by the route; after the delete gone within 2 s",
		     info.id);
	lwt_observed("delete: %s; program %s", e ? strerror(-e) : "ok",
		     alive_after ? "still there" : "gone");
	EXPECT_EQ(0, e);
	EXPECT_FALSE(alive_after);
}

/* in, out and xmit on one route, each at its place. A forwarded packet
 * meets dst.input (in), dst.output (out: __mkroute_input() and
 * ip6_rt_init_dst() call lwtunnel_set_redirect(), which redirects both)
 * and ip_finish_output2/ip6_finish_output2 (xmit). The router's own
 * packet meets only out and xmit.
 */
TEST_F(route, in_out_xmit)
{
	struct bpf_object *next;
	struct dp_next_state fwd = { 0 }, loc = { 0 };
	char buf[64];
	int e, fd;
	struct lwt_route r = {
		.dst = self->d.a->rcv_host, .ifindex = self->d.t.rtr_out_if,
		.prog_name = "in_count", .out_name = "out_count",
		.xmit_name = "xmit_count",
	};

	if (!self->ok)
		return;
	next = dp_next_obj(_metadata);
	if (!next)
		return;
	r.prog_fd = lwt_obj_prog_fd(next, "in_count");
	r.out_fd = lwt_obj_prog_fd(next, "out_count");
	r.xmit_fd = lwt_obj_prog_fd(next, "xmit_count");
	if (lwt_fault())	/* LWT_FAULT: no in program, so the case must fail */
		r.prog_fd = 0;
	e = lwt_rtnl_route_add(&self->d.nl, &r);
	ASSERT_EQ(0, e) TH_LOG("route: %s (%s)", strerror(-e), self->d.nl.err);
	if (dp_send(_metadata, &self->d, self->d.a->rcv, 20, 'f'))
		goto out;
	ASSERT_EQ(20, dp_recv(self->d.rcv, buf, sizeof(buf)));
	ASSERT_EQ(0, dp_global(_metadata, next, &fwd, sizeof(fwd), false));
	fd = lwt_udp_open(&self->d.t.router, self->d.family, NULL, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(20, lwt_udp_send(fd, self->d.a->rcv, DP_PORT, buf, 20, NULL));
	close(fd);
	ASSERT_EQ(20, dp_recv(self->d.rcv, buf, sizeof(buf)));
	ASSERT_EQ(0, dp_global(_metadata, next, &loc, sizeof(loc), false));
	lwt_expected("forwarded: in 1, out 1, xmit 1; then the router's own: in 1, out 2, xmit 2");
	lwt_observed("forwarded: in %llu, out %llu, xmit %llu; then: in %llu, out %llu, xmit %llu",
		     fwd.in_runs, fwd.out_runs, fwd.xmit_runs, loc.in_runs, loc.out_runs, loc.xmit_runs);
	EXPECT_EQ(1, fwd.in_runs);
	EXPECT_EQ(1, fwd.out_runs);
	EXPECT_EQ(1, fwd.xmit_runs);
	EXPECT_EQ(1, loc.in_runs);
	EXPECT_EQ(2, loc.out_runs);
	EXPECT_EQ(2, loc.xmit_runs);
out:
	bpf_object__close(next);
}

/* A route whose LWT_BPF_IN nest is bad: the kernel's answer (no extack
 * message: bpf_parse_prog() sets none).
 */
static void refused(struct __test_metadata *_metadata, struct dp *d,
		    struct lwt_route *r, int want, const char *why)
{
	int e;

	if (lwt_fault())	/* LWT_FAULT: a good route, so the case must fail */
		r->prog_fd = lwt_obj_prog_fd(d->obj, "dp_ok"), r->omit = 0;
	e = lwt_rtnl_route_add(&d->nl, r);
	lwt_expected("refused with %s [%s]", strerror(-want), why);
	lwt_observed("%s%s%s", e ? strerror(-e) : "accepted", d->nl.err[0] ? ": " : "",
		     d->nl.err);
	EXPECT_EQ(want, e);
}

TEST_F(route, wrong_type_refused)
{
	struct bpf_object *next;
	struct lwt_route r = {
		.dst = self->d.a->rcv_host, .ifindex = self->d.t.rtr_out_if,
		.prog_name = "out_count",
	};

	if (!self->ok)
		return;
	next = dp_next_obj(_metadata);
	if (!next)
		return;
	r.prog_fd = lwt_obj_prog_fd(next, "out_count");	/* LWT_OUT as "in" */
	refused(_metadata, &self->d, &r, -EINVAL,
		"bpf_parse_prog: bpf_prog_get_type(fd, BPF_PROG_TYPE_LWT_IN)");
	bpf_object__close(next);
}

TEST_F(route, missing_fd_refused)
{
	struct lwt_route r = {
		.dst = self->d.a->rcv_host, .ifindex = self->d.t.rtr_out_if,
		.prog_name = "dp_ok", .omit = LWT_OMIT_FD,
	};

	if (!self->ok)
		return;
	r.prog_fd = lwt_obj_prog_fd(self->d.obj, "dp_ok");
	refused(_metadata, &self->d, &r, -EINVAL,
		"bpf_parse_prog: !tb[LWT_BPF_PROG_FD]");
}

TEST_F(route, missing_name_refused)
{
	struct lwt_route r = {
		.dst = self->d.a->rcv_host, .ifindex = self->d.t.rtr_out_if,
		.omit = LWT_OMIT_NAME,
	};

	if (!self->ok)
		return;
	r.prog_fd = lwt_obj_prog_fd(self->d.obj, "dp_ok");
	refused(_metadata, &self->d, &r, -EINVAL,
		"bpf_parse_prog: !tb[LWT_BPF_PROG_NAME]");
}

/* --- programs that iproute2 loaded ------------------------------------ */

/* iproute2 loads the object in its own process and mount namespace, so
 * this process holds no fd: find the program by name among those loaded
 * since since_ns (bpf_prog_info.load_time, boot-time ns), the newest one.
 * Returns a program fd, or -1.
 */
static int find_prog(const char *name, __u64 since_ns)
{
	__u32 id = 0, best_id = 0;
	__u64 best_time = 0;

	while (!bpf_prog_get_next_id(id, &id)) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) &&
		    info.type == BPF_PROG_TYPE_LWT_IN && !strcmp(info.name, name) &&
		    info.load_time >= since_ns && info.load_time >= best_time) {
			best_time = info.load_time;
			best_id = id;
		}
		close(fd);
	}
	return best_id ? bpf_prog_get_fd_by_id(best_id) : -1;
}

/* The map of program prog_fd whose name contains part: an fd, or -1 */
static int find_prog_map(int prog_fd, const char *part, __u32 *value_size)
{
	__u32 ids[16], n = 16, i, len;
	struct bpf_prog_info info = { 0 };

	len = sizeof(info);
	info.nr_map_ids = n;
	info.map_ids = (__u64)(unsigned long)ids;
	if (bpf_obj_get_info_by_fd(prog_fd, &info, &len))
		return -1;
	for (i = 0; i < info.nr_map_ids && i < n; i++) {
		struct bpf_map_info mi = { 0 };
		int fd = bpf_map_get_fd_by_id(ids[i]);

		len = sizeof(mi);
		if (fd >= 0 && !bpf_obj_get_info_by_fd(fd, &mi, &len) &&
		    strstr(mi.name, part)) {
			*value_size = mi.value_size;
			return fd;
		}
		if (fd >= 0)
			close(fd);
	}
	return -1;
}

/* CLOCK_BOOTTIME: the clock of bpf_prog_info.load_time */
static __u64 boot_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Suite processes (parallel workers, concurrent runs) serialize "load
 * with iproute2, then find the program" for programs only iproute2 loads
 * (dp_ip.bpf.o, len_hist.bpf.o): an abstract unix socket name
 * is the lock (one binder at a time, freed when the holder exits, no file
 * left). Bounded wait: 10 s. The fd, or -1.
 */
static int iproute2_lock(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	static const char name[] = "lwt_in.iproute2_attach";
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + sizeof(name) - 1;
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), i;

	memcpy(a.sun_path + 1, name, sizeof(name) - 1);	/* sun_path[0] = 0: abstract */
	for (i = 0; fd >= 0 && i < 10000; i++) {
		if (!bind(fd, (struct sockaddr *)&a, len))
			return fd;
		if (errno != EADDRINUSE)
			break;
		usleep(1000);
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

/* Run iproute2 in router: ip route add DST encap bpf in obj OBJ section
 * SEC dev rtr1, and find the LWT_IN program PROG it loaded: its fd, or
 * -1 with the case failed.
 */
static int ip_attach(struct __test_metadata *_metadata, struct dp *d,
		     const char *obj, const char *sec, const char *prog)
{
	const char *dir = getenv("LWT_OBJ_DIR");
	char path[PATH_MAX], err[1024] = "";
	int rc, lock = iproute2_lock(), fd = -1;
	__u64 t0 = boot_ns();

	if (lock < 0) {
		CASE_FAIL("cannot take the iproute2 attach lock: %s", strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : ".", obj);
	rc = lwt_ip_route_encap(&d->t.router, d->a->rcv_host, path, sec,
				LWT_RTR_OUT_IF, err, sizeof(err));
	if (rc)
		CASE_FAIL("ip route add %s encap bpf in obj %s section %s dev %s: exit %d: %s",
			  d->a->rcv_host, path, sec, LWT_RTR_OUT_IF, rc, err);
	else
		fd = find_prog(prog, t0);
	if (!rc && fd < 0)
		CASE_FAIL("no LWT_IN program %s loaded since the ip command", prog);
	close(lock);
	return fd;
}

/* The documented way: "ip route add ... encap bpf in obj dp_ip.bpf.o
 * section ok dev rtr1". The kernel keeps "dp_ip.bpf.o:[ok]" as the
 * program's name on the route (iproute2's bpf_lwt encap); the program
 * iproute2 loaded counts the packet.
 */
TEST_F(route, iproute2_attach)
{
	struct lwt_route q = { .dst = self->d.a->rcv_host };
	struct lwt_route_info info;
	struct { __u64 ok, ok2; } st;
	__u32 vs = 0;
	int prog, map, zero = 0;
	char buf[64];

	if (!self->ok)
		return;
	/* LWT_FAULT: another program in that section, so the case must fail */
	prog = ip_attach(_metadata, &self->d, "dp_ip.bpf.o", lwt_fault() ? "ok2" : "ok",
			 lwt_fault() ? "ip_ok2" : "ip_ok");
	if (prog < 0)
		return;
	ASSERT_EQ(0, lwt_rtnl_route_get(&self->d.nl, &q, &info));
	if (dp_send(_metadata, &self->d, self->d.a->rcv, 20, 'i'))
		return;
	ASSERT_EQ(20, dp_recv(self->d.rcv, buf, sizeof(buf)));
	map = find_prog_map(prog, ".bss", &vs);
	ASSERT_LE(0, map) TH_LOG("the program has no .bss map");
	ASSERT_EQ(sizeof(st), vs);
	ASSERT_EQ(0, bpf_map_lookup_elem(map, &zero, &st));
	lwt_expected("route encap bpf in \"dp_ip.bpf.o:[ok]\"; ip_ok ran once");
	lwt_observed("in \"%s\"; ip_ok %llu run(s)", info.in_name, st.ok);
	EXPECT_STREQ("dp_ip.bpf.o:[ok]", info.in_name);
	EXPECT_EQ(1, st.ok);
	close(map);
	close(prog);
}

/* --- datapath/spec_example: the page's length histogram ---------------- */

DP_FIXTURE(spec_example)

/* The page's log2(): floor(log2(v)), 0 for 0 */
static unsigned int floor_log2(unsigned long v)
{
	unsigned int r = 0;

	while (v >>= 1)
		r++;
	return r;
}

/* Is a file named name anywhere under dir? (the pinned map, on the host) */
static bool pinned_anywhere(const char *dir, const char *name)
{
	char cmd[PATH_MAX];
	struct stat st;
	FILE *p;
	int found;

	if (stat(dir, &st))
		return false;
	snprintf(cmd, sizeof(cmd), "find %s -name %s 2>/dev/null | grep -q .", dir, name);
	p = popen(cmd, "r");
	if (!p)
		return false;
	found = pclose(p) == 0;
	return found;
}

/* Packets of five sizes, some repeated: after them the per-CPU hash
 * holds, per log2(skb->len) bucket, exactly the number sent (summed over
 * CPUs). skb->len at LWT_IN is the IP packet: header + 8 + payload.
 */
TEST_F(spec_example, histogram_counts)
{
	static const struct { int payload, count; } sent[] = {
		{ 4, 1 }, { 40, 2 }, { 100, 3 }, { 400, 1 }, { 1000, 2 },
	};
	int ncpu = libbpf_num_possible_cpus(), prog, map, i, j, hdr;
	__u64 want[64] = { 0 }, got[64] = { 0 }, key, *vals;
	__u32 vs = 0;
	char buf[2048];
	bool same = true;

	if (!self->ok)
		return;
	prog = ip_attach(_metadata, &self->d, "len_hist.bpf.o", "len_hist", "do_len_hist");
	if (prog < 0)
		return;
	hdr = (self->d.family == AF_INET ? 20 : 40) + 8;
	for (i = 0; i < (int)(sizeof(sent) / sizeof(sent[0])); i++)
		for (j = 0; j < sent[i].count; j++) {
			if (dp_send(_metadata, &self->d, self->d.a->rcv, sent[i].payload, 'h'))
				return;
			ASSERT_EQ(sent[i].payload, dp_recv(self->d.rcv, buf, sizeof(buf)));
			want[floor_log2(hdr + sent[i].payload) + lwt_fault()]++;
		}
	map = find_prog_map(prog, "lwt_len_hist", &vs);
	ASSERT_LE(0, map) TH_LOG("do_len_hist has no map lwt_len_hist_map");
	ASSERT_LT(0, ncpu);
	vals = calloc(ncpu, sizeof(*vals));
	ASSERT_NE(NULL, vals);
	for (key = 0; key < 64; key++) {
		if (bpf_map_lookup_elem(map, &key, vals))
			continue;
		for (i = 0; i < ncpu; i++)
			got[key] += vals[i];
	}
	free(vals);
	for (key = 0; key < 64; key++)
		same &= want[key] == got[key];
	lwt_expected("buckets 5:%llu 6:%llu 7:%llu 8:%llu 9:%llu 10:%llu, no others",
		     want[5], want[6], want[7], want[8], want[9], want[10]);
	lwt_observed("buckets 5:%llu 6:%llu 7:%llu 8:%llu 9:%llu 10:%llu%s",
		     got[5], got[6], got[7], got[8], got[9], got[10],
		     same ? "" : " (or others differ)");
	EXPECT_TRUE(same);
	close(map);
	close(prog);
}

/* LIBBPF_PIN_BY_NAME: iproute2 pins lwt_len_hist_map in the BPF
 * filesystem it sees. lwt_ns_run() gives it a fresh one in a mount
 * namespace of its own, which goes away with it. To see that with a BPF
 * filesystem mounted where iproute2 looks, this case gives itself a
 * private mount namespace with one on /sys/fs/bpf (the host's mounts are
 * not touched) and checks it holds no pin afterwards.
 */
TEST_F(spec_example, pin_left_nothing)
{
	bool before, after;
	int prog;

	if (!self->ok)
		return;
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, mount("bpf", "/sys/fs/bpf", "bpf", 0, NULL))
		TH_LOG("mount bpf on /sys/fs/bpf: %s", strerror(errno));
	before = pinned_anywhere("/sys/fs/bpf", "lwt_len_hist_map");
	prog = ip_attach(_metadata, &self->d, "len_hist.bpf.o", "len_hist", "do_len_hist");
	if (prog < 0)
		return;
	close(prog);
	after = pinned_anywhere("/sys/fs/bpf", "lwt_len_hist_map") != lwt_fault();
	lwt_expected("no lwt_len_hist_map under /sys/fs/bpf, before or after");
	lwt_observed("%s before, %s after", before ? "one" : "none", after ? "one" : "none");
	EXPECT_FALSE(before);
	EXPECT_FALSE(after);
}
