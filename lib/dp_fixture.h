/* SPDX-License-Identifier: GPL-2.0 */
/* The per-case network for categories that send real packets (datapath,
 * push_encap): sender -> router -> receiver namespaces (netns/topo.h),
 * sockets, attaching a program of DP_OBJECT to a route in router, and
 * the kernel log. Include once, after lwt_harness.h, lwt_case.h and
 * the netns headers, with DP_OBJECT defined, and optionally DP_FAULT_PROG
 * (the program LWT_FAULT attaches instead) and DP_MIN_KVER with
 * DP_MIN_KVER_WHY (older kernels skip every case).
 *
 * Absence is shown without timeouts: the test thread is pinned to one
 * CPU, so everything it sends goes through the same backlog queue in
 * order. A packet that should be dropped is followed by a marker to
 * another receiver address; once the marker is in, the dropped packet
 * would be there too had it been delivered.
 */
#ifndef DP_FIXTURE_H
#define DP_FIXTURE_H

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
	struct bpf_object *obj;		/* DP_OBJECT, every program LWT_IN */
	const struct dp_addrs *a;
	int family;
	int snd;			/* UDP socket in sender */
	int rcv, other;			/* UDP sockets in receiver: a->rcv, a->other */
	bool nl_open;
};

/* Build the namespaces, the extra receiver address, the sockets, and
 * load DP_OBJECT. 0, or -1 with the case failed.
 */
static int __attribute__((unused)) dp_setup(struct __test_metadata *_metadata, struct dp *d, int family)
{
	char err[2048];
	struct lwt_rtnl rnl;
	cpu_set_t one;
	int e;

	memset(d, 0, sizeof(*d));
	d->snd = d->rcv = d->other = -1;
	d->family = family;
	d->a = family == AF_INET ? &dp_v4 : &dp_v6;
#ifdef DP_MIN_KVER
	if (lwt_kver() < DP_MIN_KVER) {
		lwt_reason("needs kernel %d.%d (%s)", KV_MAJOR(DP_MIN_KVER),
			   KV_MINOR(DP_MIN_KVER), DP_MIN_KVER_WHY);
		SKIP(return -1, "needs kernel %d.%d", KV_MAJOR(DP_MIN_KVER),
		     KV_MINOR(DP_MIN_KVER));
	}
#endif
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
	d->obj = lwt_obj_load(DP_OBJECT, err, sizeof(err));
	if (!d->obj) {
		CASE_FAIL("%s", err);
		return -1;
	}
	lwt_hang_fault();	/* with the namespaces held */
	return 0;
}

static void __attribute__((unused)) dp_teardown(struct dp *d)
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
}									\
struct lwt_end_fixture_##name;

/* Attach program PROG of DP_OBJECT to a route in router: dst through
 * rtr1 in table main (forwarded), or, with local, a route of type local
 * in table local (delivered to router itself).
 */
static int __attribute__((unused)) dp_attach(struct __test_metadata *_metadata, struct dp *d,
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

#ifdef DP_FAULT_PROG
	if (lwt_fault()) {	/* LWT_FAULT: the wrong program, so the case must fail */
		r.prog_fd = lwt_obj_prog_fd(d->obj, DP_FAULT_PROG);
		r.prog_name = DP_FAULT_PROG;
	}
#endif

	if (r.prog_fd < 0) {
		CASE_FAIL("%s has no program %s", DP_OBJECT, prog);
		return -1;
	}
	e = lwt_rtnl_route_add(&d->nl, &r);
	if (e)
		CASE_FAIL("route %s encap bpf in %s: %s (%s)", r.dst, prog,
			  strerror(-e), d->nl.err);
	return e ? -1 : 0;
}

/* Read (or, with write, replace) the one global of obj's programs, the
 * whole of .bss, which must be len bytes: 0, or -1 with the case failed.
 */
static int __attribute__((unused)) dp_global(struct __test_metadata *_metadata,
					   struct bpf_object *obj, void *buf, size_t len,
					   bool write)
{
	int err = lwt_obj_bss(obj, buf, len,
			      LWT_BSS_EXACT | (write ? LWT_BSS_WRITE : 0));

	if (err)
		CASE_FAIL("%s .bss: %s", write ? "writing" : "reading",
			  err == -EMSGSIZE ? "its size is not the mirror's" : strerror(-err));
	return err ? -1 : 0;
}

/* Open and load dp_next.bpf.o, its programs typed by their sections
 * (socket, lwt_in, lwt_out, lwt_xmit): the object, or NULL with the case
 * failed.
 */
static struct bpf_object __attribute__((unused)) *dp_next_obj(struct __test_metadata *_metadata)
{
	const char *dir = getenv("LWT_OBJ_DIR");
	struct bpf_object *obj;
	char path[4096];

	snprintf(path, sizeof(path), "%s/dp_next.bpf.o", dir && *dir ? dir : ".");
	obj = bpf_object__open_file(path, NULL);
	if (!obj || bpf_object__load(obj)) {
		CASE_FAIL("cannot load %s", path);
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

/* A datagram of len bytes, filled with tag, from sender to dst:DP_PORT */
static int __attribute__((unused)) dp_send(struct __test_metadata *_metadata, struct dp *d,
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
static int __attribute__((unused)) dp_recv(int fd, void *buf, size_t len)
{
	return lwt_udp_recv(fd, buf, len, DP_WAIT_MS, NULL);
}

/* Is a datagram queued on fd right now? */
static bool __attribute__((unused)) dp_queued(int fd)
{
	char c;

	return recv(fd, &c, 1, MSG_DONTWAIT | MSG_PEEK) >= 0;
}

/* Send a marker to the receiver's other address (no program on its
 * route) and wait for it: afterwards every earlier packet of this
 * thread has been delivered or dropped. 0, or -1 with the case failed.
 */
static int __attribute__((unused)) dp_flush(struct __test_metadata *_metadata, struct dp *d)
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
static int __attribute__((unused)) kmsg_count(const char *s, bool *from_boot)
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
 * the count before the packet, check the count after. Where the log
 * cannot tell (unreadable, or rotated so the boot's first lines are
 * gone), the case skips, saying so; a check that failed before still
 * fails it.
 */
static void __attribute__((unused)) expect_warn_once(struct __test_metadata *_metadata, const char *line,
			     int before, bool from_boot)
{
	bool fb;
	int after = kmsg_count(line, &fb);

	if (before < 0 || after < 0)
		SKIP(return, "kernel log not readable: \"%s\" cannot be checked", line);
	if (before > 0) {
		TH_LOG("\"%s\" was printed earlier since boot; pr_warn_once stays silent now",
		       line);
		EXPECT_EQ(before, after);
	} else if (from_boot) {
		/* never printed since boot: this packet must print it */
		if (after != 1)
			CASE_FAIL("kernel log: \"%s\" %d time(s), expected once", line, after);
	} else {
		SKIP(return, "kernel log rotated: cannot tell whether \"%s\" was printed before",
		     line);
	}
}

#endif
