// SPDX-License-Identifier: GPL-2.0
/* helpers that read the packet: skb_load_bytes, pull_data, checksums,
 * hashes, cgroups, the route realm, push_encap's refusals.
 */
#include "helpers.h"
#include "helper_skb_load_bytes.skel.h"
#include "helper_skb_pull_data.skel.h"
#include "helper_get_hash_recalc.skel.h"
#include "helper_get_cgroup_classid.skel.h"
#include "helper_get_route_realm.skel.h"
#include "helper_lwt_push_encap.skel.h"

HELPER_SKEL_FIXTURE(skb_load_bytes)

/* bpf_skb_load_bytes(): offset 0 is data (the network header for LWT);
 * reads past skb->len or at a negative offset fail with -EFAULT
 * (net/core/filter.c ____bpf_skb_load_bytes: "if (unlikely(offset > 0xffff)) goto err" and skb_header_pointer NULL).
 */
TEST_F(skb_load_bytes, reads_packet)
{
	const struct helper_skb_load_bytes__bss *bss;
	unsigned int rv;

	if (helper_run_prog(_metadata, self->skel->progs.load_ip_header, &rv))
		return;
	bss = self->skel->bss;
	lwt_expected("ret 0 and the 20 IPv4 header bytes; -EFAULT past the end and at -1");
	lwt_observed("ret %ld, header %s; past end %ld; negative %ld", bss->ret_in_range,
		     memcmp(bss->ip_head, lwt_pkt_v4 + 14, 20) ? "differs" : "equal",
		     bss->ret_past_end, bss->ret_negative);
	ASSERT_EQ(0, bss->ret_in_range);
	ASSERT_EQ(0, memcmp(bss->ip_head, lwt_pkt_v4 + 14, 20));
	ASSERT_EQ(-EFAULT, bss->ret_past_end);
	ASSERT_EQ(-EFAULT, bss->ret_negative);
}

/* ---- shared by helpers_skb.c, helpers_misc.c, helpers_trace.c ------- */

#include <arpa/inet.h>
#include <sys/stat.h>
#include <fcntl.h>

/* ---- skb_pull_data ------------------------------------------------ */

HELPER_SKEL_FIXTURE(skb_pull_data)


/* bpf_skb_pull_data() -> bpf_try_make_writable() -> skb_ensure_writable():
 * pskb_may_pull(len) then bpf_compute_data_pointers(); len 0 means
 * skb_headlen(). BPF_PROG_TEST_RUN builds a linear skb (bpf_test_init,
 * slab_build_skb), so the whole packet is direct-readable before and after.
 */
TEST_F(skb_pull_data, makes_readable)
{
	SKEL_RES r;

	if (SKEL_RUN(pull, r))
		return;
	lwt_expected("data_end-data %d before and after; pull(28) 0 then UDP dport 5000 "
		     "read directly; pull(0) 0; pull(%d) 0", LWT_PKT_L3_LEN, LWT_PKT_L3_LEN);
	lwt_observed("data_end-data %lld before, %lld after; pull(28) %lld, dport %lld; "
		     "pull(0) %lld; pull(%d) %lld", r.len_before, r.len_headers,
		     r.ret_headers, r.dport, r.ret_zero, LWT_PKT_L3_LEN, r.ret_all);
	EXPECT_EQ(LWT_PKT_L3_LEN, r.len_before);
	EXPECT_EQ(0, r.ret_headers);
	EXPECT_EQ(LWT_PKT_L3_LEN, r.len_headers);
	EXPECT_EQ(5000, r.dport);
	EXPECT_EQ(0, r.ret_zero);
	EXPECT_EQ(0, r.ret_all);
}

/* skb_ensure_writable(): "if (!pskb_may_pull(skb, write_len)) return -ENOMEM" */
TEST_F(skb_pull_data, past_end)
{
	SKEL_RES r;

	if (SKEL_RUN(pull, r))
		return;
	lwt_expected("pull(%d), one byte past the packet: -ENOMEM; data_end-data stays %d",
		     LWT_PKT_L3_LEN + 1, LWT_PKT_L3_LEN);
	lwt_observed("ret %lld; data_end-data %lld", r.ret_past_end, r.len_after);
	EXPECT_EQ(-ENOMEM, r.ret_past_end);
	EXPECT_EQ(LWT_PKT_L3_LEN, r.len_after);
}

/* ---- csum_diff ---------------------------------------------------- */

HELPER_FIXTURE(csum_diff)

struct csum_res {
	__u8 from[8];
	__u8 to[12];
	__u32 seed;
	__s64 push, push_seed, pull_seed, diff, ip_header, size_6;
};

/* Ones' complement arithmetic as the kernel's csum_add()/csum_sub(), and
 * csum_partial() over 16-bit words in host order (little-endian here).
 */
static __u32 oc_add(__u32 a, __u32 b)
{
	a += b;
	return a + (a < b);
}

static __u32 oc_sub(__u32 a, __u32 b)
{
	return oc_add(a, ~b);
}

static __u32 oc_sum(const __u8 *p, size_t len, __u32 sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum = oc_add(sum, p[i] | p[i + 1] << 8);
	if (len & 1)
		sum = oc_add(sum, p[len - 1]);
	return sum;
}

/* csum_from32to16(): what bpf_csum_diff() returns since 6.13 */
static __u32 oc_fold(__u32 s)
{
	s += (s >> 16) | (s << 16);
	return s >> 16;
}

/* bpf_csum_diff() folds its sum to 16 bits since 6.13 ("bpf:
 * bpf_csum_diff: optimize and homogenize for all archs"); before, it
 * returned the arch's 32-bit csum_partial(), equal once folded.
 */
#define KV_CSUM_FOLDED KV(6, 13)

static bool csum_same(__s64 got, __u32 want)
{
	if (lwt_kver() >= KV_CSUM_FOLDED)
		return got == want;
	return got >= 0 && oc_fold(got) == want;
}

static int csum_run(struct __test_metadata *_metadata, struct bpf_object *obj,
		    struct csum_res *r)
{
	static const struct csum_res in = {
		.from = { 0x0a, 0x00, 0x00, 0x01, 0xc0, 0xa8, 0x01, 0x02 },
		.to = { 0x0a, 0x00, 0x00, 0x02, 0xc6, 0x33, 0x64, 0x07,
			0x12, 0x34, 0xab, 0xcd },
		.seed = 0x12345678,
	};
	unsigned int rv;

	*r = in;
	if (bss_store(_metadata, obj, &in, sizeof(in)) ||
	    helper_run(_metadata, obj, "csum", &rv) ||
	    helper_bss(_metadata, obj, r, sizeof(*r)))
		return -1;
	return 0;
}

/* net/core/filter.c bpf_csum_diff(): to only: csum_partial(to, seed);
 * from only: ~csum_partial(from, ~seed); both: csum_sub(csum_partial(to,
 * seed), csum_partial(from, 0)); then csum_from32to16().
 */
TEST_F(csum_diff, matches_userspace)
{
	struct csum_res r;
	__u32 push, push_seed, pull_seed, diff;

	if (csum_run(_metadata, self->obj, &r))
		return;
	push = oc_fold(oc_sum(r.to, 12, 0));
	push_seed = oc_fold(oc_sum(r.to, 12, r.seed));
	pull_seed = oc_fold(oc_sub(r.seed, oc_sum(r.from, 8, 0)));
	diff = oc_fold(oc_sub(oc_sum(r.to, 12, 0), oc_sum(r.from, 8, 0)));
	lwt_expected("%s: to 0x%x, to+seed 0x%x, seed-from 0x%x, to-from 0x%x",
		     lwt_kver() >= KV_CSUM_FOLDED ? "16-bit folded sums" :
		     "32-bit sums equal once folded", push, push_seed, pull_seed, diff);
	lwt_observed("to 0x%llx, to+seed 0x%llx, seed-from 0x%llx, to-from 0x%llx",
		     r.push, r.push_seed, r.pull_seed, r.diff);
	EXPECT_TRUE(csum_same(r.push, push));
	EXPECT_TRUE(csum_same(r.push_seed, push_seed));
	EXPECT_TRUE(csum_same(r.pull_seed, pull_seed));
	EXPECT_TRUE(csum_same(r.diff, diff));
}

/* The RFC 1071 IPv4 header checksum computed here must be the complement
 * of the helper's sum over the header (checksum field 0 in lwt_pkt_v4).
 */
TEST_F(csum_diff, ip_header)
{
	const __u8 *ip = lwt_pkt_v4 + 14;
	__u32 s = 0;
	__u16 want, got;
	struct csum_res r;
	int i;

	if (csum_run(_metadata, self->obj, &r))
		return;
	for (i = 0; i < 20; i += 2)
		s += ip[i] << 8 | ip[i + 1];
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	want = htons(~s & 0xffff);	/* the header's bytes, as stored */
	got = ~oc_fold(r.ip_header);
	lwt_expected("~fold(csum_diff(NULL, 0, iph, 20, 0)) = RFC 1071 checksum %02x %02x",
		     want & 0xff, want >> 8);
	lwt_observed("ret 0x%llx -> %02x %02x", r.ip_header, got & 0xff, got >> 8);
	EXPECT_LE(0, r.ip_header);
	EXPECT_EQ(want, got);
}

/* bpf_csum_diff() returned -EINVAL for sizes that are not multiples of 4
 * (and above 512 bytes) until 6.13; the 6.13 rewrite dropped the check,
 * though the helper's documentation still asks for multiples of 4.
 */
TEST_F(csum_diff, size_not_multiple_of_4)
{
	bool folded = lwt_kver() >= KV_CSUM_FOLDED;
	__u32 want;
	struct csum_res r;

	if (csum_run(_metadata, self->obj, &r))
		return;
	want = oc_fold(oc_sum(r.to, 6, 0));
	if (folded)
		lwt_expected("to_size 6 accepted since 6.13: 0x%x", want);
	else
		lwt_expected("to_size 6: -EINVAL (before 6.13)");
	lwt_observed("ret %lld (0x%llx)", r.size_6, r.size_6);
	EXPECT_EQ(folded ? (__s64)want : -EINVAL, r.size_6);
}

/* ---- get_hash_recalc ---------------------------------------------- */

HELPER_SKEL_FIXTURE(get_hash_recalc)


/* bpf_get_hash_recalc() -> skb_get_hash(): computes the flow hash once
 * (__skb_get_hash(), never 0: __flow_hash_from_keys() turns 0 into 1)
 * and stores it in skb->hash. BPF_PROG_TEST_RUN starts with hash 0.
 */
TEST_F(get_hash_recalc, flow_hash)
{
	SKEL_RES r;

	if (SKEL_RUN(hash, r))
		return;
	lwt_expected("skb->hash 0 before; a non-zero hash, the same from a second call "
		     "and in skb->hash after");
	lwt_observed("before %#x; calls %#x, %#x; skb->hash after %#x",
		     r.field_before, r.first, r.second, r.field_after);
	EXPECT_EQ(0, r.field_before);
	EXPECT_NE(0, r.first);
	EXPECT_EQ(r.first, r.second);
	EXPECT_EQ(r.first, r.field_after);
}

/* The hash depends on the flow keys and the boot-time seed only
 * (flow_hash_from_keys with hashrnd): the same packet hashes the same.
 */
TEST_F(get_hash_recalc, same_flow_same_hash)
{
	SKEL_RES a, b;

	if (SKEL_RUN(hash, a) ||
	    SKEL_RUN(hash, b))
		return;
	lwt_expected("two runs on the same packet: the same hash");
	lwt_observed("%#x, %#x", a.first, b.first);
	EXPECT_EQ(a.first, b.first);
}

/* ---- get_cgroup_classid ------------------------------------------- */

HELPER_SKEL_FIXTURE(get_cgroup_classid)

/* The net_cls classid of this process: net_cls.classid of its cgroup
 * where the net_cls v1 controller is mounted, else 0 (root css).
 */
static int net_cls_classid(unsigned long *classid, char *where, size_t len)
{
	char dev[256], dir[4096], type[64], opts[1024], line[4096], path[8192];
	char *cg = NULL;
	FILE *fp = fopen("/proc/mounts", "r");
	int found = 0;

	*classid = 0;
	snprintf(where, len, "net_cls not mounted");
	if (!fp)
		return -1;
	while (!found && fscanf(fp, "%255s %4095s %63s %1023s %*[^\n]",
				dev, dir, type, opts) == 4)
		found = !strcmp(type, "cgroup") && strstr(opts, "net_cls");
	fclose(fp);
	if (!found)
		return 0;
	fp = fopen("/proc/self/cgroup", "r");
	while (fp && !cg && fgets(line, sizeof(line), fp)) {
		if (!strstr(line, ":net_cls"))
			continue;
		cg = strchr(strchr(line, ':') + 1, ':');
		if (cg)
			cg[strcspn(cg, "\n")] = 0;
	}
	if (fp)
		fclose(fp);
	if (!cg)
		return -1;
	snprintf(path, sizeof(path), "%s%s/net_cls.classid", dir, cg + 1);
	snprintf(where, len, "%s", path);
	fp = fopen(path, "r");
	if (!fp || fscanf(fp, "%lu", classid) != 1) {
		if (fp)
			fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

/* bpf_get_cgroup_classid() -> task_get_classid() (include/net/cls_cgroup.h):
 * __task_get_classid(current) outside softirq. BPF_PROG_TEST_RUN runs the
 * program in the caller's task (bh disabled, not serving a softirq). No
 * net_cls v1 hierarchy is mounted on the reference machine, so the task
 * sits in the root net_cls css, whose classid is 0.
 */
TEST_F(get_cgroup_classid, current_task)
{
	SKEL_RES r;
	unsigned long want;
	char where[8300];

	if (net_cls_classid(&want, where, sizeof(where))) {
		CASE_FAIL("cannot read the net_cls classid (%s)", where);
		return;
	}
	if (SKEL_RUN(classid, r))
		return;
	lwt_expected("classid %lu (%s)", want, where);
	lwt_observed("classid %llu", r.classid);
	EXPECT_EQ(want, r.classid);
}

/* ---- skb_under_cgroup --------------------------------------------- */

HELPER_FIXTURE(skb_under_cgroup)

struct under_res { __s64 slot[4]; };

/* Put the cgroup2 directory REL (under the cgroup2 mount) in slot IDX of
 * the object's cgroup array, then run the program.
 */
static int under_run(struct __test_metadata *_metadata, struct bpf_object *obj,
		     int idx, const char *rel, struct under_res *r)
{
	int map = lwt_obj_map_fd(obj, "cgroups"), cg, err;
	char mnt[4096], path[8192];
	unsigned int rv;

	if (cgroup2_mount(mnt, sizeof(mnt))) {
		CASE_FAIL("cgroup2 is not mounted (/proc/mounts)");
		return -1;
	}
	snprintf(path, sizeof(path), "%s%s", mnt, rel);
	cg = open(path, O_RDONLY | O_DIRECTORY);
	if (cg < 0 || map < 0) {
		CASE_FAIL("open %s: %s", path, cg < 0 ? strerror(errno) : "no map");
		if (cg >= 0)
			close(cg);
		return -1;
	}
	err = bpf_map_update_elem(map, &idx, &cg, 0);
	close(cg);		/* the map holds its own reference */
	if (err) {
		CASE_FAIL("cgroup array update with %s: %s", path, strerror(errno));
		return -1;
	}
	if (helper_run(_metadata, obj, "under", &rv) ||
	    helper_bss(_metadata, obj, r, sizeof(*r)))
		return -1;
	return 0;
}

/* bpf_skb_under_cgroup() -> sk_under_cgroup_hierarchy(skb's full sk, cgrp).
 * BPF_PROG_TEST_RUN's dummy socket was made by sk_alloc() in this task:
 * cgroup_sk_alloc() gave it this task's cgroup2, which is under the root.
 */
TEST_F(skb_under_cgroup, under_root)
{
	struct under_res r;

	if (under_run(_metadata, self->obj, 0, "", &r))
		return;
	lwt_expected("slot 0 = the cgroup2 root: 1");
	lwt_observed("%lld", r.slot[0]);
	EXPECT_EQ(1, r.slot[0]);
}

/* bpf_skb_under_cgroup(): "cgrp = READ_ONCE(array->ptrs[idx]);
 * if (unlikely(!cgrp)) return -EAGAIN;"
 */
TEST_F(skb_under_cgroup, empty_slot)
{
	struct under_res r;

	if (under_run(_metadata, self->obj, 0, "", &r))
		return;
	lwt_expected("slot 1 never set: -EAGAIN");
	lwt_observed("%lld", r.slot[1]);
	EXPECT_EQ(-EAGAIN, r.slot[1]);
}

/* bpf_skb_under_cgroup(): "if (unlikely(idx >= array->map.max_entries))
 * return -E2BIG;"
 */
TEST_F(skb_under_cgroup, index_past_end)
{
	struct under_res r;

	if (under_run(_metadata, self->obj, 0, "", &r))
		return;
	lwt_expected("index 3 of a 3-slot array: -E2BIG");
	lwt_observed("%lld", r.slot[3]);
	EXPECT_EQ(-E2BIG, r.slot[3]);
}

/* sk_under_cgroup_hierarchy() -> cgroup_is_descendant(): 0 for a cgroup
 * the socket's cgroup is not under. A fresh, empty child of the cgroup2
 * root (named with the pid, removed at the end) is under nothing of ours.
 */
TEST_F(skb_under_cgroup, outside_cgroup)
{
	char mnt[4096], rel[64], path[4200];
	struct under_res r;
	int ran;

	if (cgroup2_mount(mnt, sizeof(mnt))) {
		CASE_FAIL("cgroup2 is not mounted (/proc/mounts)");
		return;
	}
	snprintf(rel, sizeof(rel), "/lwt_in_selftest.%d", getpid());
	snprintf(path, sizeof(path), "%s%s", mnt, rel);
	if (mkdir(path, 0755)) {
		CASE_FAIL("mkdir %s: %s", path, strerror(errno));
		return;
	}
	ran = !under_run(_metadata, self->obj, 2, rel, &r);
	/* the map still holds the cgroup; rmdir only unlinks the empty dir */
	if (rmdir(path))
		CASE_FAIL("rmdir %s: %s", path, strerror(errno));
	if (!ran)
		return;
	lwt_expected("slot 2 = new empty cgroup %s, not this task's: 0", rel);
	lwt_observed("%lld", r.slot[2]);
	EXPECT_EQ(0, r.slot[2]);
}

/* ---- get_route_realm ---------------------------------------------- */

HELPER_SKEL_FIXTURE(get_route_realm)

/* bpf_get_route_realm() -> dst_tclassid(): the route's tclassid, 0 with
 * no dst. BPF_PROG_TEST_RUN attaches no route; the realm of a real route
 * (ip route ... realm N encap bpf in) is the datapath category's case.
 */
TEST_F(get_route_realm, no_route)
{
	SKEL_RES r;

	if (SKEL_RUN(realm, r))
		return;
	lwt_expected("realm 0: BPF_PROG_TEST_RUN attaches no dst");
	lwt_observed("realm %llu", r.realm);
	EXPECT_EQ(0, r.realm);
}

/* ---- lwt_push_encap ----------------------------------------------- */

HELPER_SKEL_FIXTURE(lwt_push_encap)


/* bpf_lwt_in_push_encap(): "default: return -EINVAL". Only the failures
 * BPF_PROG_TEST_RUN can show are here; the encapsulation itself is the
 * push_encap category's job.
 */
TEST_F(lwt_push_encap, unknown_type)
{
	SKEL_RES r;

	if (SKEL_RUN(push, r))
		return;
	lwt_expected("encap type 99: -EINVAL");
	lwt_observed("%lld", r.unknown_type);
	EXPECT_EQ(-EINVAL, r.unknown_type);
}

/* bpf_push_seg6_encap(): seg6_validate_srh() fails -> -EINVAL; for
 * SEG6_INLINE "if (skb->protocol != htons(ETH_P_IPV6)) return -EBADMSG".
 * Both branches exist only with CONFIG_IPV6_SEG6_BPF (no prompt: set by
 * CONFIG_IPV6_SEG6_LWTUNNEL); without it bpf_lwt_in_push_encap() knows
 * no SEG6 type and answers -EINVAL to both.
 * A valid SRH with BPF_LWT_ENCAP_SEG6 is not run: seg6_do_srh_encap()
 * reads skb_dst(skb)->dev, and BPF_PROG_TEST_RUN attaches no dst.
 */
TEST_F(lwt_push_encap, seg6_on_ipv4)
{
	int seg6 = lwt_kconfig("CONFIG_IPV6_SEG6_BPF");
	SKEL_RES r;

	if (seg6 < 0)
		SKIP(return, "no kernel config: CONFIG_IPV6_SEG6_BPF decides the answer");
	if (SKEL_RUN(push, r))
		return;
	lwt_expected("SEG6 with a header that is no SRH: -EINVAL; "
		     "SEG6_INLINE with a valid SRH on the IPv4 packet: %s",
		     seg6 ? "-EBADMSG" : "-EINVAL (no CONFIG_IPV6_SEG6_BPF: unknown type)");
	lwt_observed("%lld; %lld", r.seg6_bad_srh, r.inline_on_ipv4);
	EXPECT_EQ(-EINVAL, r.seg6_bad_srh);
	EXPECT_EQ(seg6 ? -EBADMSG : -EINVAL, r.inline_on_ipv4);
}
