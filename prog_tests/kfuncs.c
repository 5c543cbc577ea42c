// SPDX-License-Identifier: GPL-2.0
/* kfuncs: which kfuncs an LWT_IN program may call, and what they do.
 *
 * kfuncs/<kfunc>/availability   the verdict of loading a program that
 *                               calls it, vs kfuncs_table.h; an accepted
 *                               one also runs (BPF_PROG_TEST_RUN)
 * kfuncs/<kfunc>/<aspect>       what the kfunc does from LWT_IN
 *
 * Objects: progs/kfunc_{dynptr,iter,misc}.bpf.c built once per kfunc
 * (build/progs/kfunc_<kfunc>.bpf.o). A kfunc missing from this kernel's
 * BTF is skipped, or fails when the table says this version has it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "lwt_harness.h"
#include "lwt_bpf.h"
#include "lwt_kfunc.h"
#include "lwt_record.h"
#include "lwt_case.h"

enum kverdict { ALLOW, REJECT };
enum spec_claim { N, Y };

#include "kfuncs_table.h"

struct kfunc_row {
	const char *name;
	int since;
	enum kverdict verdict;
	const char *msg;
	enum spec_claim spec;
	const char *why;
};
#define KFUNC(name, since, verdict, msg, spec, why) \
	{ #name, since, verdict, msg, spec, why },
static const struct kfunc_row kfunc_rows[] = {
#include "kfuncs_table.h"
};
#undef KFUNC
#define KFUNC(name, ...) KROW_##name,
enum {
#include "kfuncs_table.h"
};
#undef KFUNC

/* A kfunc in BTF but not in the program type's set: check_kfunc_call()
 * "calling kernel function %s is not allowed" (fetch_kfunc_meta() finds
 * no btf_kfunc_id_set_contains() hook for the type); the same words on
 * 6.1 and 6.18.
 */
#define NOT_ALLOWED "calling kernel function %s is not allowed"

/* Is NAME in this kernel's BTF? When not: skip, or fail when the table
 * says this kernel version has it.
 */
static bool kf_present(struct __test_metadata *_metadata, const struct kfunc_row *k)
{
	int kver = lwt_kver();

	if (lwt_kfunc_btf_id(k->name) > 0)
		return true;
	lwt_observed("%s is not in this kernel's BTF", k->name);
	if (kver >= k->since) {
		CASE_FAIL("%s is not in this kernel's BTF, expected since %d.%d",
			  k->name, KV_MAJOR(k->since), KV_MINOR(k->since));
	} else {
		lwt_reason("not in this kernel's BTF (since %d.%d)",
			   KV_MAJOR(k->since), KV_MINOR(k->since));
		SKIP(return false, "not in this kernel's BTF");
	}
	return false;
}

/* Load build/progs/kfunc_<name>.bpf.o as LWT_IN: the object, or NULL
 * with the reason (the verifier's last lines) in err.
 */
static struct bpf_object *kf_load(const char *name, char *err, size_t len)
{
	char file[128];

	snprintf(file, sizeof(file), "kfunc_%s.bpf.o", name);
	return lwt_obj_load(file, err, len);
}

/* Interpreted programs (lwt_jit()): add_kfunc_call() refuses every
 * kfunc call before the program type is looked at ("JIT is required for
 * calling kernel function"). Check that refusal, then skip: what LWT_IN
 * may call cannot be seen without the JIT.
 */
static bool kf_jit_ok(struct __test_metadata *_metadata, const struct kfunc_row *k)
{
	struct bpf_object *obj;
	char err[2048];

	if (lwt_jit() != 0)
		return true;
	obj = kf_load(k->name, err, sizeof(err));
	lwt_observed("interpreted: %s", obj ? "loaded" : err);
	if (obj) {
		bpf_object__close(obj);
		CASE_FAIL("a kfunc call loaded in an interpreted program");
		return false;
	}
	SKIP_IF_INTERPRETED(return false, err);
	CASE_FAIL("interpreted, refused with another message: %s", err);
	return false;
}

/* The arena kfuncs take an arena map, which the object creates first.
 * map_create() (kernel/bpf/syscall.c) refuses BPF_MAP_TYPE_ARENA only
 * without CAP_BPF, and arena_map_alloc() with -EOPNOTSUPP where the JIT
 * has no arena support. When the map cannot be made the kfunc cannot be
 * reached. Only -EOPNOTSUPP says the kernel lacks arenas (skip); any
 * other refusal to a holder of CAP_BPF is a kernel that differs from
 * upstream, and fails.
 */
#define LWT_MAP_TYPE_ARENA 33	/* enum bpf_map_type, 6.9; libbpf 1.1 has no name */
static bool kf_arena_ok(struct __test_metadata *_metadata, const struct kfunc_row *k)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_MMAPABLE,
		    .map_extra = 0x10000000);
	int fd, err;

	if (strncmp(k->name, "bpf_arena_", 10))
		return true;
	fd = bpf_map_create(LWT_MAP_TYPE_ARENA, "arena_probe", 0, 0, 1, &o);
	if (fd >= 0) {
		close(fd);
		return true;
	}
	err = errno;
	lwt_observed("BPF_MAP_CREATE of an arena (as the object's): %s", strerror(err));
	if (err == EOPNOTSUPP) {	/* the kernel lacks it: arena_map_alloc() */
		lwt_reason("no arena support in this JIT (bpf_jit_supports_arena())");
		SKIP(return false, "no arena map");
	}
	/* anything else upstream would not answer to a holder of CAP_BPF */
	CASE_FAIL("the arena map the kfunc needs was refused: %s%s", strerror(err),
		  err == EPERM ? " although CAP_BPF is held (upstream map_create() refuses only without it)" : "");
	return false;
}

/* Run the object's program "call" once; copy out[] from .bss. */
static int kf_run(struct __test_metadata *_metadata, struct bpf_object *obj,
		  __s64 *out)
{
	int fd = lwt_obj_prog_fd(obj, "call"), err;
	unsigned int retval = ~0U;

	err = fd < 0 ? -ENOENT : lwt_test_run(fd, NULL, NULL, &retval);
	if (err) {
		CASE_FAIL("BPF_PROG_TEST_RUN: %s", strerror(-err));
		return -1;
	}
	if (retval != BPF_OK) {
		CASE_FAIL("program returned %u, expected BPF_OK", retval);
		return -1;
	}
	err = lwt_obj_bss(obj, out, KF_NOUT * sizeof(*out), LWT_BSS_EXACT);
	if (err)
		CASE_FAIL("cannot read out[] from .bss: %s", strerror(-err));
	return err ? -1 : 0;
}

/* --- kfuncs/<kfunc>/availability -------------------------------------- */

FIXTURE(kfuncs) { int unused; };
FIXTURE_VARIANT(kfuncs) { int row; };
FIXTURE_SETUP(kfuncs) {}
FIXTURE_TEARDOWN(kfuncs) {}

#define KFUNC(name, ...)						\
	FIXTURE_VARIANT_ADD(kfuncs, name##_) { .row = KROW_##name };	\
	struct lwt_end_kfunc_##name;
#include "kfuncs_table.h"
#undef KFUNC

TEST_F(kfuncs, availability)
{
	const struct kfunc_row *k = &kfunc_rows[variant->row];
	int kver = lwt_kver();
	bool allow = kver >= k->since && k->verdict == ALLOW;
	char name[160], msg[256], err[2048];
	struct bpf_object *obj;
	__s64 out[KF_NOUT];

	snprintf(name, sizeof(name), "kfuncs/%s/availability", k->name);
	if (kver >= k->since && k->verdict == REJECT)
		snprintf(msg, sizeof(msg), "%s", k->msg);
	else
		snprintf(msg, sizeof(msg), NOT_ALLOWED, k->name);
	allow ^= fault_injected(name);
	lwt_spec("on the spec page's kfunc list: %s%s", k->spec == Y ? "yes" : "no",
		 k->spec == Y && !allow ? " [DIVERGES: listed, not callable]" : "");
	lwt_expected("%s %s%s [%s%s]", k->name, allow ? "callable" : "rejected: ",
		     allow ? "" : msg, k->why,
		     kver < k->since ? "; before the row's version" : "");
	if (!kf_present(_metadata, k) || !kf_jit_ok(_metadata, k) ||
	    !kf_arena_ok(_metadata, k))
		return;
	obj = kf_load(k->name, err, sizeof(err));
	lwt_observed("%s", obj ? "loaded" : err);
	if (allow != !!obj) {
		CASE_FAIL("%s is %s from LWT_IN, expected %s", k->name,
			  obj ? "callable" : "rejected", allow ? "callable" : "rejected");
	} else if (!obj && !strstr(err, msg)) {
		CASE_FAIL("rejected with another message: %s", err);
	} else if (obj && !kf_run(_metadata, obj, out)) {
		lwt_observed("loaded; BPF_PROG_TEST_RUN returned BPF_OK");
	}
	bpf_object__close(obj);
}

/* --- kfuncs/<kfunc>/<aspect> ------------------------------------------ */

/* Fixture <kfunc>: self->obj is its object, loaded; NULL when the case
 * was skipped or failed in setup (the body then returns).
 */
#define KF_FIXTURE(kf)							\
FIXTURE(kf) { struct bpf_object *obj; __s64 out[KF_NOUT]; };		\
FIXTURE_SETUP(kf)							\
{									\
	char err[2048];							\
									\
	if (!kf_present(_metadata, &kfunc_rows[KROW_##kf]) ||		\
	    !kf_jit_ok(_metadata, &kfunc_rows[KROW_##kf]))		\
		return;							\
	self->obj = kf_load(#kf, err, sizeof(err));			\
	if (!self->obj) {						\
		lwt_observed("%s", err);				\
		CASE_FAIL("%s", err);					\
	}								\
}									\
FIXTURE_TEARDOWN(kf)							\
{									\
	bpf_object__close(self->obj);					\
}									\
struct lwt_end_fixture_##kf;

/* Run the fixture's program; false (case failed or skipped) to stop. */
#define KF_RUN() (self->obj && !kf_run(_metadata, self->obj, self->out))

/* Values of lwt_pkt_v4 (lwt_bpf.c), as the program sees them */
#define PKT_SADDR inet_addr("192.0.2.1")
#define PKT_DADDR inet_addr("198.51.100.1")
#define PKT_VERSION_IHL 0x45

/* bpf_dynptr_from_skb(): __bpf_dynptr_from_skb() "if (flags) { ...
 * set_null; return -EINVAL; }"; the dynptr covers skb->data from the
 * network header (LWT test runs start there).
 */
KF_FIXTURE(bpf_dynptr_from_skb)
TEST_F(bpf_dynptr_from_skb, reads_packet)
{
	if (!KF_RUN())
		return;
	lwt_expected("from_skb(flags 0) = 0; first byte read = 0x%x (IPv4, IHL 5)",
		     PKT_VERSION_IHL);
	lwt_observed("from_skb = %lld; first byte = %#llx", self->out[0], self->out[1]);
	EXPECT_EQ(0, self->out[0]);
	EXPECT_EQ(PKT_VERSION_IHL, self->out[1]);
}

TEST_F(bpf_dynptr_from_skb, flags_einval)
{
	if (!KF_RUN())
		return;
	lwt_expected("from_skb(flags 1) = -EINVAL [__bpf_dynptr_from_skb]");
	lwt_observed("%lld", self->out[2]);
	EXPECT_EQ(-EINVAL, self->out[2]);
}

/* specialize_kfunc(): in a program that may not write packet data
 * (may_access_direct_pkt_data(BPF_WRITE) is false for LWT_IN), the call
 * becomes bpf_dynptr_from_skb_rdonly(), which marks the dynptr read-only;
 * __bpf_dynptr_write() refuses a read-only dynptr with -EINVAL.
 */
KF_FIXTURE(bpf_dynptr_is_rdonly)
TEST_F(bpf_dynptr_is_rdonly, true_in_lwt_in)
{
	if (!KF_RUN())
		return;
	lwt_expected("is_rdonly = 1 [specialize_kfunc: bpf_dynptr_from_skb_rdonly]");
	lwt_observed("%lld", self->out[1]);
	EXPECT_EQ(1, self->out[1]);
}

TEST_F(bpf_dynptr_is_rdonly, write_fails)
{
	if (!KF_RUN())
		return;
	lwt_expected("bpf_dynptr_write = -EINVAL; first byte still %#x",
		     PKT_VERSION_IHL);
	lwt_observed("write = %lld; first byte = %#llx", self->out[2], self->out[3]);
	EXPECT_EQ(-EINVAL, self->out[2]);
	EXPECT_EQ(PKT_VERSION_IHL, self->out[3]);
}

/* bpf_dynptr_size() = the skb's length (bpf_dynptr_from_skb sets size
 * skb->len): the 46-byte IP packet of the test run.
 */
KF_FIXTURE(bpf_dynptr_size)
TEST_F(bpf_dynptr_size, is_skb_len)
{
	if (!KF_RUN())
		return;
	lwt_expected("size = skb->len = %d", LWT_PKT_L3_LEN);
	lwt_observed("size = %lld, skb->len = %lld", self->out[1], self->out[2]);
	EXPECT_EQ(LWT_PKT_L3_LEN, self->out[1]);
	EXPECT_EQ(LWT_PKT_L3_LEN, self->out[2]);
}

/* bpf_dynptr_slice(): a pointer to 20 readable bytes at offset 0 (the IP
 * header); NULL when offset + size passes the end (bpf_dynptr_check_off_len).
 */
KF_FIXTURE(bpf_dynptr_slice)
TEST_F(bpf_dynptr_slice, reads_ip_header)
{
	if (!KF_RUN())
		return;
	lwt_expected("slice non-NULL; saddr %#x daddr %#x protocol 17",
		     PKT_SADDR, PKT_DADDR);
	lwt_observed("slice %s; saddr %#llx daddr %#llx protocol %lld",
		     self->out[1] ? "non-NULL" : "NULL", self->out[2],
		     self->out[3], self->out[4]);
	ASSERT_EQ(1, self->out[1]);
	EXPECT_EQ(PKT_SADDR, self->out[2]);
	EXPECT_EQ(PKT_DADDR, self->out[3]);
	EXPECT_EQ(17, self->out[4]);
}

TEST_F(bpf_dynptr_slice, past_end_null)
{
	if (!KF_RUN())
		return;
	lwt_expected("4 bytes at len - 2: NULL");
	lwt_observed("%s", self->out[5] ? "NULL" : "non-NULL");
	EXPECT_EQ(1, self->out[5]);
}

/* bpf_dynptr_adjust(): "if (start > end) return -EINVAL; if (end >
 * size) return -ERANGE;" else the view becomes [start, end).
 */
KF_FIXTURE(bpf_dynptr_adjust)
TEST_F(bpf_dynptr_adjust, narrows_view)
{
	if (!KF_RUN())
		return;
	lwt_expected("adjust(12, 20) = 0; size 8; first 4 bytes = saddr %#x",
		     PKT_SADDR);
	lwt_observed("adjust = %lld; size %lld; first 4 bytes %#llx",
		     self->out[1], self->out[2], self->out[3]);
	EXPECT_EQ(0, self->out[1]);
	EXPECT_EQ(8, self->out[2]);
	EXPECT_EQ(PKT_SADDR, self->out[3]);
}

TEST_F(bpf_dynptr_adjust, bad_bounds)
{
	if (!KF_RUN())
		return;
	lwt_expected("adjust(5, 4) = -EINVAL; adjust(0, 100) of 8 bytes = -ERANGE");
	lwt_observed("%lld, %lld", self->out[4], self->out[5]);
	EXPECT_EQ(-EINVAL, self->out[4]);
	EXPECT_EQ(-ERANGE, self->out[5]);
}

/* bpf_dynptr_clone(): a copy of the view, read-only as the original,
 * adjusted on its own.
 */
KF_FIXTURE(bpf_dynptr_clone)
TEST_F(bpf_dynptr_clone, independent_copy)
{
	if (!KF_RUN())
		return;
	lwt_expected("clone = 0, size %d, read-only; after adjusting the clone to 4: original %d, clone 4",
		     LWT_PKT_L3_LEN, LWT_PKT_L3_LEN);
	lwt_observed("clone = %lld, size %lld, rdonly %lld; original %lld, clone %lld",
		     self->out[1], self->out[2], self->out[3], self->out[4],
		     self->out[5]);
	EXPECT_EQ(0, self->out[1]);
	EXPECT_EQ(LWT_PKT_L3_LEN, self->out[2]);
	EXPECT_EQ(1, self->out[3]);
	EXPECT_EQ(LWT_PKT_L3_LEN, self->out[4]);
	EXPECT_EQ(4, self->out[5]);
}

/* bpf_dynptr_is_null(): false for a valid dynptr, true for one a failed
 * bpf_dynptr_from_skb() set to null.
 */
KF_FIXTURE(bpf_dynptr_is_null)
TEST_F(bpf_dynptr_is_null, after_failed_init)
{
	if (!KF_RUN())
		return;
	lwt_expected("valid: 0; after from_skb(flags 1): 1");
	lwt_observed("%lld, %lld", self->out[1], self->out[2]);
	EXPECT_EQ(0, self->out[1]);
	EXPECT_EQ(1, self->out[2]);
}

/* bpf_iter_num_new(): [start, end) one by one; "if (start > end)
 * return -EINVAL"; more than BPF_MAX_LOOPS (8M) -E2BIG.
 */
KF_FIXTURE(bpf_iter_num_new)
TEST_F(bpf_iter_num_new, iterates_range)
{
	if (!KF_RUN())
		return;
	lwt_expected("new(0, 10) = 0; 10 values summing to 45");
	lwt_observed("new = %lld; %lld values summing to %lld", self->out[0],
		     self->out[2], self->out[1]);
	EXPECT_EQ(0, self->out[0]);
	EXPECT_EQ(45, self->out[1]);
	EXPECT_EQ(10, self->out[2]);
}

TEST_F(bpf_iter_num_new, bad_ranges)
{
	if (!KF_RUN())
		return;
	lwt_expected("new(10, 0) = -EINVAL; new(0, 2^23 + 1) = -E2BIG");
	lwt_observed("%lld, %lld", self->out[3], self->out[4]);
	EXPECT_EQ(-EINVAL, self->out[3]);
	EXPECT_EQ(-E2BIG, self->out[4]);
}

/* Write v into out[KF_IN], the objects' input slot, before a run. */
static int kf_input(struct bpf_object *obj, __s64 v)
{
	__s64 out[KF_NOUT];

	if (lwt_obj_bss(obj, out, sizeof(out), LWT_BSS_EXACT))
		return -1;
	out[KF_IN] = v;
	return lwt_obj_bss(obj, out, sizeof(out), LWT_BSS_WRITE | LWT_BSS_EXACT);
}

/* bpf_iter_task_new(NULL, BPF_TASK_ITER_ALL_PROCS): every process, once
 * each (one thread per process), this one among them.
 */
KF_FIXTURE(bpf_iter_task_new)
TEST_F(bpf_iter_task_new, walks_processes)
{
	if (!self->obj)
		return;
	ASSERT_EQ(0, kf_input(self->obj, getpid()));
	if (!KF_RUN())
		return;
	lwt_expected("new = 0; more than one process, this one (pid %d) once", getpid());
	lwt_observed("new = %lld; %lld processes; pid %d seen %lld time(s)",
		     self->out[0], self->out[1], getpid(), self->out[2]);
	EXPECT_EQ(0, self->out[0]);
	EXPECT_LT(1, self->out[1]);
	EXPECT_EQ(1, self->out[2]);
}

/* bpf_iter_task_vma_new(current, addr): the first VMA is the one that
 * holds addr (find_vma), the same range /proc/self/maps shows.
 */
static int vma_marker;

static int own_vma(unsigned long addr, unsigned long *start, unsigned long *end)
{
	FILE *fp = fopen("/proc/self/maps", "r");
	char line[512];
	int found = -1;

	while (fp && found && fgets(line, sizeof(line), fp))
		if (sscanf(line, "%lx-%lx", start, end) == 2 &&
		    *start <= addr && addr < *end)
			found = 0;
	if (fp)
		fclose(fp);
	return found;
}

KF_FIXTURE(bpf_iter_task_vma_new)
TEST_F(bpf_iter_task_vma_new, finds_own_mapping)
{
	unsigned long addr = (unsigned long)&vma_marker, start, end;

	if (!self->obj)
		return;
	ASSERT_EQ(0, kf_input(self->obj, addr));
	if (!KF_RUN())
		return;
	ASSERT_EQ(0, own_vma(addr, &start, &end));
	lwt_expected("new = 0; first VMA %#lx-%#lx (/proc/self/maps, holds %#lx)",
		     start, end, addr);
	lwt_observed("new = %lld; %s %#llx-%#llx", self->out[0],
		     self->out[1] ? "first VMA" : "no VMA", self->out[2], self->out[3]);
	EXPECT_EQ(0, self->out[0]);
	ASSERT_EQ(1, self->out[1]);
	EXPECT_EQ(start, (unsigned long)self->out[2]);
	EXPECT_EQ(end, (unsigned long)self->out[3]);
}

/* bpf_map_sum_elem_count(): the sum of the map's per-CPU elem_count,
 * which hash maps keep (htab inc_elem_count) and arrays do not ("if
 * (!map->elem_count) return 0").
 */
KF_FIXTURE(bpf_map_sum_elem_count)
TEST_F(bpf_map_sum_elem_count, counts_hash_elements)
{
	int fd = self->obj ? lwt_obj_map_fd(self->obj, "hash") : -1;
	__u64 v = 7;
	__u32 k;

	if (!self->obj)
		return;
	ASSERT_LE(0, fd);
	for (k = 0; k < 3; k++)
		ASSERT_EQ(0, bpf_map_update_elem(fd, &k, &v, 0));
	if (!KF_RUN())
		return;
	lwt_expected("hash with 3 elements: 3; array: 0");
	lwt_observed("hash %lld; array %lld", self->out[0], self->out[1]);
	EXPECT_EQ(3, self->out[0]);
	EXPECT_EQ(0, self->out[1]);
}

/* bpf_cast_to_kern_ctx(): the struct sk_buff behind the __sk_buff;
 * bpf_skb_convert_ctx_access() reads len and protocol from it.
 */
static void kern_view(struct __test_metadata *_metadata, const __s64 *out)
{
	lwt_expected("sk_buff len = __sk_buff len = %d; protocol = %#x both; data_len 0 (linear, data_end - data = len)",
		     LWT_PKT_L3_LEN, htons(0x0800));
	lwt_observed("len %lld / %lld; protocol %#llx / %#llx; data_len %lld; data_end - data %lld",
		     out[0], out[1], out[2], out[3], out[4], out[5]);
	EXPECT_EQ(LWT_PKT_L3_LEN, out[0]);
	EXPECT_EQ(out[1], out[0]);
	EXPECT_EQ(htons(0x0800), out[2]);
	EXPECT_EQ(out[3], out[2]);
	EXPECT_EQ(0, out[4]);
	EXPECT_EQ(out[0], out[5]);
}

KF_FIXTURE(bpf_cast_to_kern_ctx)
TEST_F(bpf_cast_to_kern_ctx, matches_sk_buff)
{
	if (KF_RUN())
		kern_view(_metadata, self->out);
}

/* bpf_rdonly_cast(): the same sk_buff as an untrusted, read-only pointer */
KF_FIXTURE(bpf_rdonly_cast)
TEST_F(bpf_rdonly_cast, reads_sk_buff)
{
	if (KF_RUN())
		kern_view(_metadata, self->out);
}

/* bpf_wq_start(): the callback runs later in a kworker (bpf_wq_work). */
KF_FIXTURE(bpf_wq_start)
TEST_F(bpf_wq_start, callback_runs)
{
	struct { __u64 wq[2]; __u64 fired; __u32 key_seen, pad; } e = { 0 };
	int fd = self->obj ? lwt_obj_map_fd(self->obj, "wqs") : -1, zero = 0, i;

	if (!KF_RUN())
		return;
	ASSERT_LE(0, fd);
	/* bounded wait for the event itself: at most 2 s */
	for (i = 0; i < 2000; i++) {
		ASSERT_EQ(0, bpf_map_lookup_elem(fd, &zero, &e));
		if (e.fired)
			break;
		usleep(1000);
	}
	lwt_expected("init, set_callback, start = 0; the callback runs once for key 0 within 2 s");
	lwt_observed("%lld, %lld, %lld; ran %llu time(s), key %u", self->out[0],
		     self->out[1], self->out[2], (unsigned long long)e.fired, e.key_seen);
	EXPECT_EQ(0, self->out[0]);
	EXPECT_EQ(0, self->out[1]);
	EXPECT_EQ(0, self->out[2]);
	EXPECT_EQ(1, e.fired);
	EXPECT_EQ(0, e.key_seen);
}

/* --- sections that must be closed: raw programs ----------------------- */

/* Load "call KFUNC; r0 = 0; exit" as LWT_IN; the verifier's log in log. */
static int kf_load_call(struct __test_metadata *_metadata, const char *kfunc,
			char *log, size_t len)
{
	int id = lwt_kfunc_btf_id(kfunc), fd;
	struct bpf_insn insns[3] = {
		{ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = id },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = len,
		    .log_level = 1);

	log[0] = 0;
	fd = bpf_prog_load(BPF_PROG_TYPE_LWT_IN, "unpaired", "GPL", insns, 3, &opts);
	if (fd >= 0)
		close(fd);
	return fd;
}

/* A lone lock or unlock of a section: rejected with msg, or with the
 * older wording old_msg (NULL: none) on kernels before the check moved.
 */
static void unpaired(struct __test_metadata *_metadata, int row, const char *msg,
		     const char *old_msg, const char *source)
{
	const struct kfunc_row *k = &kfunc_rows[row];
	char log[16384], tail[1024];
	int fd;

	if (!kf_present(_metadata, k))
		return;
	fd = kf_load_call(_metadata, k->name, log, sizeof(log));
	if (lwt_fault())	/* LWT_FAULT: expect the load to pass */
		fd = fd >= 0 ? -1 : 0;
	lwt_expected("a program that only calls %s is rejected: \"%s\"%s%s%s [%s]",
		     k->name, msg, old_msg ? " or, on older kernels, \"" : "",
		     old_msg ?: "", old_msg ? "\"" : "", source);
	lwt_observed("%s", fd >= 0 ? "loaded" : lwt_log_tail(log, 2, tail, sizeof(tail)));
	if (fd >= 0)
		CASE_FAIL("loaded a lone %s", k->name);
	else if (!strstr(log, msg) && !(old_msg && strstr(log, old_msg)))
		CASE_FAIL("rejected with another message: %s", tail);
}

/* At BPF_EXIT with the section open: check_resource_leak() "%s cannot be
 * used inside bpf_rcu_read_lock-ed region" (the prefix has changed:
 * "BPF_EXIT instruction", then "... in main prog"); before that function
 * existed, do_check() said "bpf_rcu_read_unlock is missing".
 */
KF_FIXTURE(bpf_rcu_read_lock)
TEST_F(bpf_rcu_read_lock, lock_without_unlock)
{
	unpaired(_metadata, KROW_bpf_rcu_read_lock,
		 "cannot be used inside bpf_rcu_read_lock-ed region",
		 "bpf_rcu_read_unlock is missing", "check_resource_leak at BPF_EXIT");
}

/* check_kfunc_call(): rcu_unlock with no active_rcu_lock */
TEST_F(bpf_rcu_read_lock, unlock_without_lock)
{
	unpaired(_metadata, KROW_bpf_rcu_read_unlock, "unmatched rcu read unlock",
		 NULL, "check_kfunc_call: rcu_unlock outside a section");
}

/* check_resource_leak() at BPF_EXIT, as for RCU; from the preempt kfuncs
 * (6.10) until that function, do_check() said "%d bpf_preempt_enable%s
 * missing" (6.12: "1 bpf_preempt_enable is missing").
 */
KF_FIXTURE(bpf_preempt_disable)
TEST_F(bpf_preempt_disable, disable_without_enable)
{
	unpaired(_metadata, KROW_bpf_preempt_disable,
		 "cannot be used inside bpf_preempt_disable-ed region",
		 "1 bpf_preempt_enable is missing", "check_resource_leak at BPF_EXIT");
}

/* check_kfunc_call(): preempt_enable with no active_preempt_locks */
TEST_F(bpf_preempt_disable, enable_without_disable)
{
	unpaired(_metadata, KROW_bpf_preempt_enable,
		 "unmatched attempt to enable preemption", NULL,
		 "check_kfunc_call: preempt_enable with no preempt_disable");
}

#define LWT_CATEGORY "kfuncs"
#define LWT_INPROCESS
#include "lwt_main.h"
