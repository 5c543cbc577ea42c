// SPDX-License-Identifier: GPL-2.0
/* helpers on maps, queues, per-CPU data, callbacks, tail calls, locks,
 * timers, kptrs and dynptrs (included by helpers_func.c). Shared code is
 * prefixed hm_: this file is one translation unit with the other
 * helpers_*.c. Each program reports in one .bss struct "out", mirrored
 * here field for field.
 */
#include "helpers.h"
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <linux/btf.h>
#include <bpf/btf.h>

/* Map fd of the object's map NAME, or -1 with the case failed. */
static int hm_map_fd(struct __test_metadata *_metadata, struct bpf_object *obj,
		     const char *name)
{
	int fd = lwt_obj_map_fd(obj, name);

	if (fd < 0)
		CASE_FAIL("object has no map %s", name);
	return fd;
}

/* Userspace update (BPF_ANY); a NULL key pushes into a queue or stack. */
static int hm_put(struct __test_metadata *_metadata, int fd, const __u32 *key,
		  const void *val)
{
	if (bpf_map_update_elem(fd, key, val, BPF_ANY)) {
		CASE_FAIL("map update: %s", strerror(errno));
		return -1;
	}
	return 0;
}



/* Open object NAME (from LWT_OBJ_DIR) for a load of its own: programs in
 * "?lwt_in" or "lwt_in" become LWT_IN, "?syscall" stays SYSCALL; only the
 * programs named in ONLY (comma list) are loaded, placeholders patched.
 * Returns the load's result (0 or -errno) with the verifier's log in log
 * (libbpf's own lines are kept out of the case's output); *objp is the
 * object (close it, also on failure) or NULL.
 */
static int hm_load_own(const char *name, const char *only, char *log, size_t loglen,
		       struct bpf_object **objp)
{
	const char *dir = getenv("LWT_OBJ_DIR");
	LIBBPF_OPTS(bpf_object_open_opts, oo, .kernel_log_buf = log,
		    .kernel_log_size = loglen, .kernel_log_level = 1);
	libbpf_print_fn_t old;
	struct bpf_program *p;
	struct bpf_object *obj;
	char path[4096];
	int err = 0;

	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : ".", name);
	log[0] = 0;
	*objp = obj = bpf_object__open_file(path, &oo);
	if (!obj) {
		err = -errno;
		snprintf(log, loglen, "cannot open %s: %s", path, strerror(errno));
		return err;
	}
	bpf_object__for_each_program(p, obj) {
		const char *pn = bpf_program__name(p), *hit = strstr(only, pn);
		size_t l = strlen(pn);
		bool want = hit && (hit == only || hit[-1] == ',') &&
			    (hit[l] == ',' || !hit[l]);

		if (bpf_program__type(p) != BPF_PROG_TYPE_SYSCALL)
			bpf_program__set_type(p, BPF_PROG_TYPE_LWT_IN);
		bpf_program__set_autoload(p, want);
		if (want && !err)
			err = lwt_prog_patch_kfuncs(obj, p, log, loglen);
	}
	if (err)
		return err;
	old = libbpf_set_print(lwt_libbpf_quiet);
	err = bpf_object__load(obj);
	libbpf_set_print(old);
	return err;
}

/* Load program PROG of object FILE on its own (hm_load_own()), run it
 * once and copy its .bss into out. 0, or -1 with the case failed.
 */
static int hm_own_run(struct __test_metadata *_metadata, const char *file,
		      const char *prog, void *out, size_t len)
{
	static char log[65536];
	struct bpf_object *obj;
	char tail[512];
	int err = hm_load_own(file, prog, log, sizeof(log), &obj);

	if (err && kfunc_too_new(log)) {
		bpf_object__close(obj);
		SKIP(return -1, "needs a newer kfunc");
	} else if (err && lwt_interp_refusal(log)) {
		bpf_object__close(obj);
		SKIP_IF_INTERPRETED(return -1, log);
	} else if (err) {
		lwt_observed("load failed: %s", lwt_log_tail(log, 3, tail, sizeof(tail)));
		CASE_FAIL("cannot load %s of %s: %s", prog, file, strerror(-err));
	} else {
		err = helper_run_bss(_metadata, obj, prog, out, len);
	}
	bpf_object__close(obj);
	return err ? -1 : 0;
}

/* --- map_lookup_elem ------------------------------------------------ */

HELPER_FIXTURE(map_lookup_elem)

struct hm_lookup_out {
	__u64 hash_val, array_val;
	int hash_found, array_found, hash_missing_null, array_oob_null;
};

/* hmap[7] = 0x1111, amap[3] = 0x2222, then one run. */
static int hm_lookup_run(struct __test_metadata *_metadata, struct bpf_object *obj,
			 struct hm_lookup_out *out, int *hfd, int *afd)
{
	__u64 h = 0x1111, a = 0x2222;
	__u32 k7 = 7, k3 = 3;

	*hfd = hm_map_fd(_metadata, obj, "hmap");
	*afd = hm_map_fd(_metadata, obj, "amap");
	if (*hfd < 0 || *afd < 0 || hm_put(_metadata, *hfd, &k7, &h) ||
	    hm_put(_metadata, *afd, &k3, &a))
		return -1;
	return helper_run_bss(_metadata, obj, "lookup", out, sizeof(*out));
}

/* htab_map_lookup_elem() (kernel/bpf/hashtab.c) and array_map_lookup_elem()
 * (kernel/bpf/arraymap.c) return the stored element itself: it holds what
 * userspace stored, and a store through it is the element's new value.
 */
TEST_F(map_lookup_elem, finds_value)
{
	struct hm_lookup_out out;
	__u64 h = 0, a = 0;
	__u32 k7 = 7, k3 = 3;
	int hfd, afd;

	if (hm_lookup_run(_metadata, self->obj, &out, &hfd, &afd))
		return;
	bpf_map_lookup_elem(hfd, &k7, &h);
	bpf_map_lookup_elem(afd, &k3, &a);
	lwt_expected("hash[7] 0x1111 and array[3] 0x2222 read through the pointers; after +1 through them userspace reads 0x1112 and 0x2223");
	lwt_observed("hash: found %d, %#llx, then %#llx; array: found %d, %#llx, then %#llx",
		     out.hash_found, (unsigned long long)out.hash_val, (unsigned long long)h,
		     out.array_found, (unsigned long long)out.array_val, (unsigned long long)a);
	ASSERT_EQ(1, out.hash_found);
	ASSERT_EQ(1, out.array_found);
	ASSERT_EQ(0x1111, out.hash_val);
	ASSERT_EQ(0x2222, out.array_val);
	ASSERT_EQ(0x1112, h);
	ASSERT_EQ(0x2223, a);
}

/* htab_map_lookup_elem(): no element for key 8; array_map_lookup_elem():
 * "if (unlikely(index >= array->map.max_entries)) return NULL".
 */
TEST_F(map_lookup_elem, absent_is_null)
{
	struct hm_lookup_out out;
	int hfd, afd;

	if (hm_lookup_run(_metadata, self->obj, &out, &hfd, &afd))
		return;
	lwt_expected("NULL for hash key 8 (never stored) and array index 4 (max_entries 4)");
	lwt_observed("hash key 8: %s; array index 4: %s",
		     out.hash_missing_null ? "NULL" : "a pointer",
		     out.array_oob_null ? "NULL" : "a pointer");
	ASSERT_EQ(1, out.hash_missing_null);
	ASSERT_EQ(1, out.array_oob_null);
}

/* --- map_update_elem ------------------------------------------------ */

HELPER_FIXTURE(map_update_elem)

struct hm_update_out {
	long h_any, h_noexist_dup, h_exist_missing, h_exist, h_second, h_full,
	     h_bad_flags;
	long a_any, a_noexist, a_exist, a_past_end, a_bad_flags;
};

/* htab_map_update_elem() (kernel/bpf/hashtab.c): flags above BPF_EXIST
 * -EINVAL; check_flags(): BPF_NOEXIST on a present key -EEXIST, BPF_EXIST
 * on an absent one -ENOENT; a full preallocated map has no free element:
 * alloc_htab_elem() -E2BIG.
 */
TEST_F(map_update_elem, hash_flags)
{
	struct hm_update_out out;
	__u64 v1 = 0, v2 = 0;
	__u32 k1 = 1, k2 = 2, k3 = 3;
	int fd = hm_map_fd(_metadata, self->obj, "hmap");

	if (fd < 0 || helper_run_bss(_metadata, self->obj, "update_hash", &out, sizeof(out)))
		return;
	bpf_map_lookup_elem(fd, &k1, &v1);
	bpf_map_lookup_elem(fd, &k2, &v2);
	lwt_expected("ANY 0, NOEXIST on it -EEXIST, EXIST 0, EXIST absent -ENOENT, NOEXIST new 0, 3rd key in a 2-entry map -E2BIG, flags 8 -EINVAL; map: 1 -> 101, 2 -> 200, no 3");
	lwt_observed("%ld %ld %ld %ld %ld %ld %ld; map: 1 -> %llu, 2 -> %llu, 3 %s",
		     out.h_any, out.h_noexist_dup, out.h_exist, out.h_exist_missing,
		     out.h_second, out.h_full, out.h_bad_flags, (unsigned long long)v1,
		     (unsigned long long)v2,
		     bpf_map_lookup_elem(fd, &k3, &v1) ? "absent" : "present");
	ASSERT_EQ(0, out.h_any);
	ASSERT_EQ(map_op_err(-EEXIST), out.h_noexist_dup);
	ASSERT_EQ(0, out.h_exist);
	ASSERT_EQ(map_op_err(-ENOENT), out.h_exist_missing);
	ASSERT_EQ(0, out.h_second);
	ASSERT_EQ(map_op_err(-E2BIG), out.h_full);
	ASSERT_EQ(map_op_err(-EINVAL), out.h_bad_flags);
	ASSERT_EQ(101, v1);
	ASSERT_EQ(200, v2);
	ASSERT_NE(0, bpf_map_lookup_elem(fd, &k3, &v1));
}

/* array_map_update_elem() (kernel/bpf/arraymap.c): flags above BPF_EXIST
 * -EINVAL, index >= max_entries -E2BIG, BPF_NOEXIST -EEXIST (every
 * element exists), ANY and EXIST overwrite.
 */
TEST_F(map_update_elem, array_flags)
{
	struct hm_update_out out;
	__u64 v = 0;
	__u32 k1 = 1;
	int fd = hm_map_fd(_metadata, self->obj, "amap");

	if (fd < 0 || helper_run_bss(_metadata, self->obj, "update_array", &out, sizeof(out)))
		return;
	bpf_map_lookup_elem(fd, &k1, &v);
	lwt_expected("ANY 0, EXIST 0, NOEXIST -EEXIST, index 4 of 4 -E2BIG, flags 8 -EINVAL; array[1] = 301");
	lwt_observed("%ld %ld %ld %ld %ld; array[1] = %llu", out.a_any, out.a_exist,
		     out.a_noexist, out.a_past_end, out.a_bad_flags, (unsigned long long)v);
	ASSERT_EQ(0, out.a_any);
	ASSERT_EQ(0, out.a_exist);
	ASSERT_EQ(map_op_err(-EEXIST), out.a_noexist);
	ASSERT_EQ(map_op_err(-E2BIG), out.a_past_end);
	ASSERT_EQ(map_op_err(-EINVAL), out.a_bad_flags);
	ASSERT_EQ(301, v);
}

/* --- map_delete_elem ------------------------------------------------ */

HELPER_FIXTURE(map_delete_elem)

struct hm_delete_out {
	long h_first, h_again;
	int h_found_after, pad;
	long a_delete;
};

static int hm_delete_run(struct __test_metadata *_metadata, struct bpf_object *obj,
			 struct hm_delete_out *out, int *hfd, int *afd)
{
	__u64 v = 55;
	__u32 k5 = 5, k0 = 0;

	*hfd = hm_map_fd(_metadata, obj, "hmap");
	*afd = hm_map_fd(_metadata, obj, "amap");
	if (*hfd < 0 || *afd < 0 || hm_put(_metadata, *hfd, &k5, &v) ||
	    hm_put(_metadata, *afd, &k0, &v))
		return -1;
	return helper_run_bss(_metadata, obj, "delete", out, sizeof(*out));
}

/* htab_map_delete_elem() (kernel/bpf/hashtab.c): unlinks the element (0),
 * -ENOENT when the key is absent.
 */
TEST_F(map_delete_elem, hash_removes)
{
	struct hm_delete_out out;
	__u32 k5 = 5;
	__u64 v;
	int hfd, afd, gone;

	if (hm_delete_run(_metadata, self->obj, &out, &hfd, &afd))
		return;
	gone = bpf_map_lookup_elem(hfd, &k5, &v) && errno == ENOENT;
	lwt_expected("delete of key 5: 0; lookup then NULL; second delete -ENOENT; userspace lookup ENOENT");
	lwt_observed("delete %ld, lookup after: %s, again %ld, userspace: %s",
		     out.h_first, out.h_found_after ? "found" : "NULL", out.h_again,
		     gone ? "ENOENT" : "still there");
	ASSERT_EQ(0, out.h_first);
	ASSERT_EQ(0, out.h_found_after);
	ASSERT_EQ(map_op_err(-ENOENT), out.h_again);
	ASSERT_TRUE(gone);
}

/* array_map_delete_elem() (kernel/bpf/arraymap.c) is "return -EINVAL":
 * array elements cannot be deleted; the value stays.
 */
TEST_F(map_delete_elem, array_refuses)
{
	struct hm_delete_out out;
	__u32 k0 = 0;
	__u64 v = 0;
	int hfd, afd;

	if (hm_delete_run(_metadata, self->obj, &out, &hfd, &afd))
		return;
	bpf_map_lookup_elem(afd, &k0, &v);
	lwt_expected("-EINVAL, array[0] still 55");
	lwt_observed("%ld, array[0] = %llu", out.a_delete, (unsigned long long)v);
	ASSERT_EQ(map_op_err(-EINVAL), out.a_delete);
	ASSERT_EQ(55, v);
}

/* --- map_push_elem / map_pop_elem / map_peek_elem -------------------- */

/* Pop everything from a QUEUE or STACK in userspace, at most max. */
static int hm_drain(int fd, __u32 *vals, int max)
{
	int n = 0;

	while (n < max && !bpf_map_lookup_and_delete_elem(fd, NULL, &vals[n]))
		n++;
	return n;
}

HELPER_FIXTURE(map_push_elem)

struct hm_push_out {
	long push[2][3], full[2], replace[2], noexist[2];	/* [0] queue, [1] stack */
};

/* queue_stack_map_push_elem() (kernel/bpf/queue_stack_maps.c): on a full
 * map -E2BIG, unless BPF_EXIST, which drops the oldest element first;
 * BPF_NOEXIST -EINVAL. Userspace pops the queue oldest first, the stack
 * newest first.
 */
TEST_F(map_push_elem, queue_and_stack)
{
	struct hm_push_out out;
	__u32 q[5] = { 0 }, s[5] = { 0 };
	int qfd = hm_map_fd(_metadata, self->obj, "queue");
	int sfd = hm_map_fd(_metadata, self->obj, "stack");
	int nq, ns, i;

	if (qfd < 0 || sfd < 0 ||
	    helper_run_bss(_metadata, self->obj, "push", &out, sizeof(out)))
		return;
	nq = hm_drain(qfd, q, 5);
	ns = hm_drain(sfd, s, 5);
	lwt_expected("pushes of 1,2,3: 0; 4 into the full map: -E2BIG; 5 with BPF_EXIST: 0; BPF_NOEXIST: -EINVAL; queue pops 2,3,5, stack pops 5,3,2");
	lwt_observed("queue: %ld %ld %ld, %ld, %ld, %ld, pops %d: %u %u %u; stack: %ld %ld %ld, %ld, %ld, %ld, pops %d: %u %u %u",
		     out.push[0][0], out.push[0][1], out.push[0][2], out.full[0],
		     out.replace[0], out.noexist[0], nq, q[0], q[1], q[2],
		     out.push[1][0], out.push[1][1], out.push[1][2], out.full[1],
		     out.replace[1], out.noexist[1], ns, s[0], s[1], s[2]);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, out.push[i][0]);
		ASSERT_EQ(0, out.push[i][1]);
		ASSERT_EQ(0, out.push[i][2]);
		ASSERT_EQ(map_op_err(-E2BIG), out.full[i]);
		ASSERT_EQ(0, out.replace[i]);
		ASSERT_EQ(map_op_err(-EINVAL), out.noexist[i]);
	}
	ASSERT_EQ(3, nq);
	ASSERT_EQ(3, ns);
	ASSERT_EQ(2, q[0]);
	ASSERT_EQ(3, q[1]);
	ASSERT_EQ(5, q[2]);
	ASSERT_EQ(5, s[0]);
	ASSERT_EQ(3, s[1]);
	ASSERT_EQ(2, s[2]);
}

HELPER_FIXTURE(map_pop_elem)

struct hm_pop_out {
	long ret[2][4];		/* [0] queue, [1] stack */
	__u32 val[2][4];
};

/* __queue_map_get() / __stack_map_get() with delete (queue_stack_maps.c):
 * the queue gives its oldest element, the stack its newest, each removed;
 * an empty map gives -ENOENT and a zeroed value.
 */
TEST_F(map_pop_elem, queue_and_stack)
{
	struct hm_pop_out out;
	int qfd = hm_map_fd(_metadata, self->obj, "queue");
	int sfd = hm_map_fd(_metadata, self->obj, "stack");
	__u32 v, rest;
	int i;

	if (qfd < 0 || sfd < 0)
		return;
	for (v = 10; v <= 30; v += 10)
		if (hm_put(_metadata, qfd, NULL, &v) || hm_put(_metadata, sfd, NULL, &v))
			return;
	if (helper_run_bss(_metadata, self->obj, "pop", &out, sizeof(out)))
		return;
	rest = hm_drain(qfd, &v, 1) + hm_drain(sfd, &v, 1);
	lwt_expected("queue 10,20,30 then -ENOENT with 0; stack 30,20,10 then -ENOENT with 0; nothing left");
	lwt_observed("queue %ld:%u %ld:%u %ld:%u %ld:%u; stack %ld:%u %ld:%u %ld:%u %ld:%u; left %u",
		     out.ret[0][0], out.val[0][0], out.ret[0][1], out.val[0][1],
		     out.ret[0][2], out.val[0][2], out.ret[0][3], out.val[0][3],
		     out.ret[1][0], out.val[1][0], out.ret[1][1], out.val[1][1],
		     out.ret[1][2], out.val[1][2], out.ret[1][3], out.val[1][3], rest);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, out.ret[0][i]);
		ASSERT_EQ(0, out.ret[1][i]);
		ASSERT_EQ(10 * (i + 1), out.val[0][i]);
		ASSERT_EQ(10 * (3 - i), out.val[1][i]);
	}
	ASSERT_EQ(map_op_err(-ENOENT), out.ret[0][3]);
	ASSERT_EQ(map_op_err(-ENOENT), out.ret[1][3]);
	ASSERT_EQ(0, out.val[0][3]);
	ASSERT_EQ(0, out.val[1][3]);
	ASSERT_EQ(0, rest);
}

HELPER_FIXTURE(map_peek_elem)

struct hm_peek_out {
	long ret[2][2];		/* [0] queue, [1] stack */
	__u32 val[2][2];
	long empty_ret;
	__u32 empty_val;
};

/* queue_map_peek_elem() / stack_map_peek_elem(): __queue_map_get() /
 * __stack_map_get() with delete false: the same element twice, still
 * there afterwards; an empty map -ENOENT with a zeroed value.
 */
TEST_F(map_peek_elem, does_not_remove)
{
	struct hm_peek_out out;
	int qfd = hm_map_fd(_metadata, self->obj, "queue");
	int sfd = hm_map_fd(_metadata, self->obj, "stack");
	__u32 v, q[3], s[3];
	int nq, ns;

	if (qfd < 0 || sfd < 0)
		return;
	for (v = 10; v <= 20; v += 10)
		if (hm_put(_metadata, qfd, NULL, &v) || hm_put(_metadata, sfd, NULL, &v))
			return;
	if (helper_run_bss(_metadata, self->obj, "peek", &out, sizeof(out)))
		return;
	nq = hm_drain(qfd, q, 3);
	ns = hm_drain(sfd, s, 3);
	lwt_expected("queue peeks 10, 10; stack peeks 20, 20; both still hold 2 elements; empty queue -ENOENT with 0");
	lwt_observed("queue %ld:%u %ld:%u, holds %d; stack %ld:%u %ld:%u, holds %d; empty %ld:%#x",
		     out.ret[0][0], out.val[0][0], out.ret[0][1], out.val[0][1], nq,
		     out.ret[1][0], out.val[1][0], out.ret[1][1], out.val[1][1], ns,
		     out.empty_ret, out.empty_val);
	ASSERT_EQ(0, out.ret[0][0]);
	ASSERT_EQ(0, out.ret[0][1]);
	ASSERT_EQ(0, out.ret[1][0]);
	ASSERT_EQ(0, out.ret[1][1]);
	ASSERT_EQ(10, out.val[0][0]);
	ASSERT_EQ(10, out.val[0][1]);
	ASSERT_EQ(20, out.val[1][0]);
	ASSERT_EQ(20, out.val[1][1]);
	ASSERT_EQ(2, nq);
	ASSERT_EQ(2, ns);
	ASSERT_EQ(map_op_err(-ENOENT), out.empty_ret);
	ASSERT_EQ(0, out.empty_val);
}

/* --- map_lookup_percpu_elem, per_cpu_ptr, this_cpu_ptr --------------- */

#define HM_MAX_CPUS 8	/* MAX_CPUS in the BPF objects */

static int hm_ncpus(void)
{
	int n = libbpf_num_possible_cpus();

	return n > 0 ? n : 1;
}

HELPER_FIXTURE(map_lookup_percpu_elem)

struct hm_percpu_out {
	__u64 arr[HM_MAX_CPUS], hash[HM_MAX_CPUS];	/* ~0: NULL */
	int huge_cpu_null, missing_key_null;
};

/* percpu_array_map_lookup_percpu_elem() (arraymap.c) and
 * htab_percpu_map_lookup_percpu_elem() (hashtab.c): per_cpu_ptr() of the
 * element for that CPU, NULL for "cpu >= nr_cpu_ids" and for an absent
 * key. Userspace stores 100 + cpu in each CPU's copy.
 */
TEST_F(map_lookup_percpu_elem, each_cpu_copy)
{
	int afd = hm_map_fd(_metadata, self->obj, "parr");
	int hfd = hm_map_fd(_metadata, self->obj, "phash");
	int ncpus = hm_ncpus(), i, bad = 0;
	struct hm_percpu_out out;
	__u64 *vals;
	__u32 k0 = 0;
	char seen[256];
	size_t off = 0;

	if (afd < 0 || hfd < 0)
		return;
	vals = calloc(ncpus, sizeof(*vals));
	if (!vals) {
		CASE_FAIL("out of memory");
		return;
	}
	for (i = 0; i < ncpus; i++)
		vals[i] = 100 + i;
	i = bpf_map_update_elem(afd, &k0, vals, BPF_ANY) ||
	    bpf_map_update_elem(hfd, &k0, vals, BPF_ANY);
	free(vals);
	if (i) {
		CASE_FAIL("storing per-CPU values: %s", strerror(errno));
		return;
	}
	if (helper_run_bss(_metadata, self->obj, "lookup_percpu", &out, sizeof(out)))
		return;
	for (i = 0; i < HM_MAX_CPUS; i++) {
		__u64 want = i < ncpus ? 100 + i : ~0ULL;

		bad += out.arr[i] != want || out.hash[i] != want;
		off += snprintf(seen + off, sizeof(seen) - off, " %lld/%lld",
				(long long)out.arr[i], (long long)out.hash[i]);
	}
	lwt_expected("cpu 0..%d: array/hash 100+cpu; cpus %d..%d and 0xffffffff: NULL (-1); absent hash key: NULL",
		     ncpus - 1, ncpus, HM_MAX_CPUS - 1);
	lwt_observed("%s; cpu 0xffffffff %s; absent key %s", seen,
		     out.huge_cpu_null ? "NULL" : "a pointer",
		     out.missing_key_null ? "NULL" : "a pointer");
	ASSERT_EQ(0, bad);
	ASSERT_EQ(1, out.huge_cpu_null);
	ASSERT_EQ(1, out.missing_key_null);
}

/* Run the SYSCALL program PROG of obj (no context): 0 when it returned 0. */
static int hm_run_syscall(struct __test_metadata *_metadata, struct bpf_object *obj,
			  const char *prog)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	int fd = lwt_obj_prog_fd(obj, prog);

	if (fd < 0 || bpf_prog_test_run_opts(fd, &topts)) {
		CASE_FAIL("running %s: %s", prog, fd < 0 ? "not loaded" : strerror(errno));
		return -1;
	}
	if (topts.retval) {
		CASE_FAIL("%s returned %u (no per-CPU object stored)", prog, topts.retval);
		return -1;
	}
	return 0;
}

/* The object with its "?syscall" store program, loaded and run: the map
 * then holds a per-CPU object. NULL with the case failed.
 */
static struct bpf_object *hm_percpu_obj(struct __test_metadata *_metadata,
					const char *file, const char *progs)
{
	static char log[65536];
	struct bpf_object *obj;
	char tail[512];

	int err = hm_load_own(file, progs, log, sizeof(log), &obj);

	if (err && kfunc_too_new(log)) {
		bpf_object__close(obj);
		SKIP(return NULL, "needs a newer kfunc");
	}
	if (err) {
		lwt_observed("load with the SYSCALL program failed: %s",
			     lwt_log_tail(log, 3, tail, sizeof(tail)));
		CASE_FAIL("cannot load %s with its store program", file);
		bpf_object__close(obj);
		return NULL;
	}
	if (hm_run_syscall(_metadata, obj, "store")) {
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

HELPER_FIXTURE(per_cpu_ptr)

struct hm_pcp_out {
	int have_obj, huge_cpu_null;
	__u64 val[HM_MAX_CPUS];
	__u64 this_val;		/* struct lwt_local */
	__u32 this_cpu;
};

/* bpf_per_cpu_ptr() (kernel/bpf/helpers.c): "if (cpu >= nr_cpu_ids)
 * return NULL", else per_cpu_ptr(ptr, cpu). No kernel per-CPU variable
 * can be named here (see helper_per_cpu_ptr.bpf.c), so the per-CPU
 * object is a __percpu_kptr that the object's SYSCALL program allocates
 * and stores; until then the LWT_IN program sees NULL in the field (it
 * cannot allocate one itself). "fill" writes 100 + cpu through the
 * helper for every CPU, "read" finds each value in that CPU's copy, and
 * bpf_this_cpu_ptr() of the running CPU agrees.
 */
TEST_F(per_cpu_ptr, each_cpu_copy)
{
	struct hm_pcp_out before, out;
	struct bpf_object *obj;
	int ncpus = hm_ncpus(), i, bad = 0;
	unsigned int rv;
	char seen[256];
	size_t off = 0;

	if (helper_run_bss(_metadata, self->obj, "read", &before, sizeof(before)))
		return;
	obj = hm_percpu_obj(_metadata, "helper_per_cpu_ptr.bpf.o", "store,fill,read");
	if (!obj)
		return;
	i = helper_run(_metadata, obj, "fill", &rv) ||
	    helper_run_bss(_metadata, obj, "read", &out, sizeof(out));
	bpf_object__close(obj);
	if (i)
		return;
	for (i = 0; i < HM_MAX_CPUS; i++) {
		bad += out.val[i] != (i < ncpus ? 100 + i : ~0ULL);
		off += snprintf(seen + off, sizeof(seen) - off, " %lld", (long long)out.val[i]);
	}
	lwt_expected("field NULL before the store; then cpu 0..%d: 100+cpu, %d..%d and 0xffffffff: NULL (-1); this CPU's copy 100+cpu",
		     ncpus - 1, ncpus, HM_MAX_CPUS - 1);
	lwt_observed("before: %s; after:%s; 0xffffffff %s; this cpu %u: %llu",
		     before.have_obj ? "an object" : "NULL", seen,
		     out.huge_cpu_null ? "NULL" : "a pointer", out.this_cpu,
		     (unsigned long long)out.this_val);
	ASSERT_EQ(0, before.have_obj);
	ASSERT_EQ(1, out.have_obj);
	ASSERT_EQ(0, bad);
	ASSERT_EQ(1, out.huge_cpu_null);
	ASSERT_EQ(100 + out.this_cpu, out.this_val);
}

HELPER_FIXTURE(this_cpu_ptr)

struct hm_tcp_out {
	int have_obj, pad;
	__u64 val[HM_MAX_CPUS];	/* struct lwt_local */
};

/* Pin this thread to one CPU (raw syscall: no _GNU_SOURCE here). */
static int hm_pin(const unsigned long *mask, size_t len)
{
	return syscall(SYS_sched_setaffinity, 0, len, mask) ? -errno : 0;
}

/* bpf_this_cpu_ptr() (kernel/bpf/helpers.c) is this_cpu_ptr(): the copy
 * of the CPU the program runs on. The test pins itself to each CPU in
 * turn and runs "mark" with skb->mark = 1000 + cpu; bpf_per_cpu_ptr()
 * then finds each tag in that CPU's copy. The affinity is restored.
 */
TEST_F(this_cpu_ptr, running_cpu_copy)
{
	unsigned long orig[16] = { 0 }, one[16];
	struct hm_tcp_out out;
	struct bpf_object *obj;
	int cpu, n, bad = 0, tested = 0, fd, err = 0;
	unsigned int rv;
	char seen[256];
	size_t off = 0;

	n = syscall(SYS_sched_getaffinity, 0, sizeof(orig), orig);
	if (n <= 0) {
		CASE_FAIL("sched_getaffinity: %s", strerror(errno));
		return;
	}
	obj = hm_percpu_obj(_metadata, "helper_this_cpu_ptr.bpf.o", "store,mark,read");
	if (!obj)
		return;
	fd = lwt_obj_prog_fd(obj, "mark");
	for (cpu = 0; cpu < HM_MAX_CPUS && !err; cpu++) {
		struct __sk_buff ctx = { .mark = 1000 + cpu };

		if (!(orig[cpu / 64] >> (cpu % 64) & 1))
			continue;
		memset(one, 0, sizeof(one));
		one[cpu / 64] = 1UL << (cpu % 64);
		err = hm_pin(one, sizeof(one));
		if (!err)
			err = lwt_test_run(fd, &ctx, NULL, &rv);
		tested |= 1 << cpu;
	}
	if (hm_pin(orig, sizeof(orig)))
		CASE_FAIL("restoring the CPU affinity: %s", strerror(errno));
	if (err) {
		CASE_FAIL("pinned run: %s", strerror(-err));
		bpf_object__close(obj);
		return;
	}
	err = helper_run_bss(_metadata, obj, "read", &out, sizeof(out));
	bpf_object__close(obj);
	if (err)
		return;
	for (cpu = 0; cpu < HM_MAX_CPUS; cpu++) {
		if (!(tested >> cpu & 1))
			continue;
		bad += out.val[cpu] != 1000ULL + cpu;
		off += snprintf(seen + off, sizeof(seen) - off, " cpu%d=%lld", cpu,
				(long long)out.val[cpu]);
	}
	lwt_expected("the copy of each CPU the run was pinned to holds 1000+cpu");
	lwt_observed("object %s;%s", out.have_obj ? "stored" : "missing", seen);
	ASSERT_EQ(1, out.have_obj);
	ASSERT_NE(0, tested);
	ASSERT_EQ(0, bad);
}

/* --- for_each_map_elem, loop ---------------------------------------- */

HELPER_FIXTURE(for_each_map_elem)

struct hm_foreach_out {
	long a_ret, h_ret, stop_ret, bad_flags;
	__u64 a_sum, a_keys, h_sum, h_keys, stop_calls;
};

/* amap = 1,2,3,4; hmap = {10: 1, 20: 2, 30: 3} */
static int hm_foreach_fill(struct __test_metadata *_metadata, struct bpf_object *obj,
			   int *afd)
{
	int hfd = hm_map_fd(_metadata, obj, "hmap");
	__u32 k;
	__u64 v;

	*afd = hm_map_fd(_metadata, obj, "amap");
	if (*afd < 0 || hfd < 0)
		return -1;
	for (k = 0; k < 4; k++) {
		v = k + 1;
		if (hm_put(_metadata, *afd, &k, &v))
			return -1;
	}
	for (k = 10; k <= 30; k += 10) {
		v = k / 10;
		if (hm_put(_metadata, hfd, &k, &v))
			return -1;
	}
	return 0;
}

/* bpf_for_each_array_map_elem() (arraymap.c) calls back for every index,
 * bpf_for_each_hash_elem() (hashtab.c) for every element; both return
 * the number of calls and pass the element itself (the callback's "*val
 * *= 10" is what userspace reads afterwards).
 */
TEST_F(for_each_map_elem, visits_every_element)
{
	struct hm_foreach_out out;
	__u64 a[4] = { 0 };
	__u32 k;
	int afd;

	if (hm_foreach_fill(_metadata, self->obj, &afd) ||
	    helper_run_bss(_metadata, self->obj, "walk", &out, sizeof(out)))
		return;
	for (k = 0; k < 4; k++)
		bpf_map_lookup_elem(afd, &k, &a[k]);
	lwt_expected("array: 4 calls, values sum 10, keys sum 6, then 10,20,30,40; hash: 3 calls, values sum 6, keys sum 60");
	lwt_observed("array: %ld calls, sum %llu, keys %llu, then %llu,%llu,%llu,%llu; hash: %ld calls, sum %llu, keys %llu",
		     out.a_ret, (unsigned long long)out.a_sum, (unsigned long long)out.a_keys,
		     (unsigned long long)a[0], (unsigned long long)a[1],
		     (unsigned long long)a[2], (unsigned long long)a[3], out.h_ret,
		     (unsigned long long)out.h_sum, (unsigned long long)out.h_keys);
	ASSERT_EQ(4, out.a_ret);
	ASSERT_EQ(10, out.a_sum);
	ASSERT_EQ(6, out.a_keys);
	for (k = 0; k < 4; k++)
		ASSERT_EQ(10 * (k + 1), a[k]);
	ASSERT_EQ(3, out.h_ret);
	ASSERT_EQ(6, out.h_sum);
	ASSERT_EQ(60, out.h_keys);
}

/* bpf_for_each_array_map_elem(): "if (ret) break" after counting the
 * element, so a callback returning 1 at index 1 gives 2; "if (flags != 0)
 * return -EINVAL".
 */
TEST_F(for_each_map_elem, callback_stops)
{
	struct hm_foreach_out out;
	int afd;

	if (hm_foreach_fill(_metadata, self->obj, &afd) ||
	    helper_run_bss(_metadata, self->obj, "walk_stop", &out, sizeof(out)))
		return;
	lwt_expected("stop at index 1: returns 2 after 2 calls; flags 1: -EINVAL");
	lwt_observed("returns %ld after %llu calls; flags 1: %ld", out.stop_ret,
		     (unsigned long long)out.stop_calls, out.bad_flags);
	ASSERT_EQ(2, out.stop_ret);
	ASSERT_EQ(2, out.stop_calls);
	ASSERT_EQ(map_op_err(-EINVAL), out.bad_flags);
}

HELPER_FIXTURE(loop)

struct hm_loop_out {
	long ret5, stop_ret, zero_ret, bad_flags, too_many, too_many_inlined;
	__u64 sum5, calls5, stop_calls, zero_calls;
	__u64 flags;
	__u32 n;
};

/* bpf_loop() (kernel/bpf/bpf_iter.c): calls back with i = 0..nr_loops-1
 * and returns nr_loops; a callback returning 1 ends it, and it returns
 * i + 1. (The verifier may inline the call: inline_bpf_loop() keeps that.)
 */
TEST_F(loop, calls_back_n_times)
{
	struct hm_loop_out out;

	if (helper_run_bss(_metadata, self->obj, "loop", &out, sizeof(out)))
		return;
	lwt_expected("5 loops: returns 5, 5 calls, i sum 10; stop at i=2: returns 3 after 3 calls; 0 loops: 0, no call");
	lwt_observed("5 loops: %ld, %llu calls, sum %llu; stop: %ld after %llu; 0 loops: %ld, %llu calls",
		     out.ret5, (unsigned long long)out.calls5, (unsigned long long)out.sum5,
		     out.stop_ret, (unsigned long long)out.stop_calls, out.zero_ret,
		     (unsigned long long)out.zero_calls);
	ASSERT_EQ(5, out.ret5);
	ASSERT_EQ(5, out.calls5);
	ASSERT_EQ(10, out.sum5);
	ASSERT_EQ(3, out.stop_ret);
	ASSERT_EQ(3, out.stop_calls);
	ASSERT_EQ(0, out.zero_ret);
	ASSERT_EQ(0, out.zero_calls);
}

/* Put the loop count (1 << 23) + 1 and flags 0 in .bss, then run loop_bad. */
static int hm_loop_bad_run(struct __test_metadata *_metadata, struct bpf_object *obj,
			   struct hm_loop_out *out)
{
	memset(out, 0, sizeof(*out));
	out->n = (1U << 23) + 1;
	if (lwt_obj_bss(obj, out, sizeof(*out), LWT_BSS_WRITE | LWT_BSS_EXACT)) {
		CASE_FAIL("setting the loop count in .bss: %s", strerror(errno));
		return -1;
	}
	return helper_run_bss(_metadata, obj, "loop_bad", out, sizeof(*out));
}

/* bpf_loop() (bpf_iter.c): "if (flags) return -EINVAL"; "if (nr_loops >
 * BPF_MAX_LOOPS) return -E2BIG" (BPF_MAX_LOOPS = 1 << 23), before any
 * call. Flags the verifier cannot see keep this a real helper call.
 */
TEST_F(loop, bad_arguments)
{
	struct hm_loop_out out;

	if (hm_loop_bad_run(_metadata, self->obj, &out))
		return;
	lwt_expected("flags 1: -EINVAL; (1 << 23) + 1 loops: -E2BIG");
	lwt_observed("flags 1: %ld; %u loops: %ld", out.bad_flags, out.n, out.too_many);
	ASSERT_EQ(-EINVAL, out.bad_flags);
	ASSERT_EQ(-E2BIG, out.too_many);
}

/* With constant flags 0 the verifier replaces the call by
 * inline_bpf_loop() (verifier.c), whose too-many path is
 * "BPF_MOV32_IMM(BPF_REG_0, -E2BIG)": a 32-bit move, so r0 is
 * (u32)-E2BIG = 4294967289, zero-extended, not the helper's 64-bit -E2BIG
 * that the helper's documentation promises. The case follows the kernel.
 */
TEST_F(loop, inlined_too_many)
{
	struct hm_loop_out out;

	if (hm_loop_bad_run(_metadata, self->obj, &out))
		return;
	lwt_spec("bpf_loop doc: -E2BIG if nr_loops exceeds BPF_MAX_LOOPS; DIVERGES when inlined");
	lwt_expected("(1 << 23) + 1 loops, inlined call: (u32)-E2BIG = %u (64-bit value) [verifier.c inline_bpf_loop(): BPF_MOV32_IMM(BPF_REG_0, -E2BIG)]",
		     (__u32)-E2BIG);
	lwt_observed("%lld", (long long)out.too_many_inlined);
	ASSERT_EQ((long)(__u32)-E2BIG, out.too_many_inlined);
}

/* --- tail_call ------------------------------------------------------ */

HELPER_FIXTURE(tail_call)

struct hm_tail_out {
	__u32 target_runs, fell_through;
	__u32 seen_len, seen_mark, seen_cb0;
	__u32 after_empty, after_past_end;
};

/* The tail call (bpf_tail_call in kernel/bpf/core.c, the JIT's
 * emit_bpf_tail_call_*()) jumps to array->ptrs[index] with the same
 * context and does not return: the target's verdict is the run's, and
 * the target reads the len, mark and cb[0] the caller saw and set.
 */
TEST_F(tail_call, reaches_target)
{
	struct hm_tail_out out;
	int jfd = hm_map_fd(_metadata, self->obj, "jmp");
	int tfd = lwt_obj_prog_fd(self->obj, "target");
	unsigned int rv;
	__u32 k0 = 0;

	if (jfd < 0 || hm_put(_metadata, jfd, &k0, &tfd) ||
	    helper_run(_metadata, self->obj, "entry", &rv) ||
	    helper_bss(_metadata, self->obj, &out, sizeof(out)))
		return;
	lwt_expected("retval 2 (the target's); target ran once with len %d, mark 0x77, cb[0] 0xc0ffee; the caller did not go on",
		     LWT_PKT_L3_LEN);
	lwt_observed("retval %u; target ran %u time(s): len %u, mark %#x, cb[0] %#x; caller went on %u time(s)",
		     rv, out.target_runs, out.seen_len, out.seen_mark, out.seen_cb0,
		     out.fell_through);
	ASSERT_EQ(2, rv);
	ASSERT_EQ(1, out.target_runs);
	ASSERT_EQ(LWT_PKT_L3_LEN, out.seen_len);
	ASSERT_EQ(0x77, out.seen_mark);
	ASSERT_EQ(0xc0ffee, out.seen_cb0);
	ASSERT_EQ(0, out.fell_through);
}

/* The same code: "if (index >= array->map.max_entries) goto out" and
 * "if (!prog) goto out": the caller continues with the next instruction.
 */
TEST_F(tail_call, miss_continues)
{
	struct hm_tail_out out;
	int jfd = hm_map_fd(_metadata, self->obj, "jmp");
	int tfd = lwt_obj_prog_fd(self->obj, "target");
	unsigned int rv;
	__u32 k0 = 0;

	/* slot 0 filled, so only the index decides */
	if (jfd < 0 || hm_put(_metadata, jfd, &k0, &tfd) ||
	    helper_run(_metadata, self->obj, "entry_miss", &rv) ||
	    helper_bss(_metadata, self->obj, &out, sizeof(out)))
		return;
	lwt_expected("empty slot 1 and index 2 (max_entries 2): the caller goes on and returns 0; the target never runs");
	lwt_observed("after empty slot: %s; after index 2: %s; retval %u; target runs %u",
		     out.after_empty ? "went on" : "stopped",
		     out.after_past_end ? "went on" : "stopped", rv, out.target_runs);
	ASSERT_EQ(1, out.after_empty);
	ASSERT_EQ(1, out.after_past_end);
	ASSERT_EQ(0, rv);
	ASSERT_EQ(0, out.target_runs);
}

/* --- spin_lock, spin_unlock ----------------------------------------- */

struct hm_locked {
	__u32 lock, pad;	/* struct bpf_spin_lock: reads back as 0 */
	__u64 count;
};

struct hm_runner {
	int fd, repeat, err;
	pthread_barrier_t *go;	/* all runners start together */
};

static void *hm_run_repeat(void *arg)
{
	struct hm_runner *r = arg;
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = lwt_pkt_v4,
		    .data_size_in = sizeof(lwt_pkt_v4), .repeat = r->repeat);

	pthread_barrier_wait(r->go);
	r->err = bpf_prog_test_run_opts(r->fd, &topts) ? -errno : 0;
	return NULL;
}

HELPER_FIXTURE(spin_lock)

/* bpf_spin_lock() (kernel/bpf/helpers.c, __bpf_spin_lock_irqsave()): two
 * threads, released together, run the program 20000 times each; each run
 * does a plain load and store of the counter under the lock, so no
 * increment is lost. (Without the lock, runs that overlap lose some; the
 * threads do not always overlap, so that is no reliable check.) Userspace
 * reads with BPF_F_LOCK (copy_map_value_locked()).
 */
TEST_F(spin_lock, serializes_updates)
{
	enum { THREADS = 2, REPEAT = 20000 };
	struct hm_runner r[THREADS];
	pthread_t th[THREADS];
	pthread_barrier_t go;
	struct hm_locked v = { 0 };
	int fd = hm_map_fd(_metadata, self->obj, "counter");
	int i, started = 0, err = 0;
	__u32 k0 = 0;

	if (fd < 0 || pthread_barrier_init(&go, NULL, THREADS))
		return;
	for (i = 0; i < THREADS; i++) {
		r[i] = (struct hm_runner){ lwt_obj_prog_fd(self->obj, "locked_inc"),
					   REPEAT, 0, &go };
		if (pthread_create(&th[i], NULL, hm_run_repeat, &r[i]))
			break;
		started++;
	}
	if (started == 1)	/* the other did not start: release this one */
		pthread_barrier_wait(&go);
	for (i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		err = err ?: r[i].err;
	}
	pthread_barrier_destroy(&go);
	if (started < THREADS || err) {
		CASE_FAIL("runs: %d threads, %s", started, strerror(-err));
		return;
	}
	if (bpf_map_lookup_elem_flags(fd, &k0, &v, BPF_F_LOCK)) {
		CASE_FAIL("lookup with BPF_F_LOCK: %s", strerror(errno));
		return;
	}
	lwt_expected("count %d after %d x %d concurrent runs", THREADS * REPEAT, THREADS, REPEAT);
	lwt_observed("count %llu", (unsigned long long)v.count);
	ASSERT_EQ(THREADS * REPEAT, v.count);
}

HELPER_FIXTURE(spin_unlock)

/* bpf_spin_unlock() (kernel/bpf/helpers.c, __bpf_spin_unlock_irqrestore())
 * releases the lock: the program takes it a second time, and a userspace
 * update with BPF_F_LOCK (which takes the same lock) goes through between
 * runs. A lock left held would spin forever instead.
 */
TEST_F(spin_unlock, lock_taken_again)
{
	struct hm_locked v = { 0 }, set = { .count = 100 };
	int fd = hm_map_fd(_metadata, self->obj, "counter");
	unsigned int rv;
	__u64 after_first;
	__u32 k0 = 0;

	if (fd < 0 || helper_run(_metadata, self->obj, "relock", &rv))
		return;
	bpf_map_lookup_elem_flags(fd, &k0, &v, BPF_F_LOCK);
	after_first = v.count;
	if (bpf_map_update_elem(fd, &k0, &set, BPF_F_LOCK)) {
		CASE_FAIL("update with BPF_F_LOCK: %s", strerror(errno));
		return;
	}
	if (helper_run(_metadata, self->obj, "relock", &rv))
		return;
	bpf_map_lookup_elem_flags(fd, &k0, &v, BPF_F_LOCK);
	lwt_expected("count 2 after one run (lock, +1, unlock, lock, +1, unlock); 102 after a BPF_F_LOCK update to 100 and another run");
	lwt_observed("count %llu, then %llu", (unsigned long long)after_first,
		     (unsigned long long)v.count);
	ASSERT_EQ(2, after_first);
	ASSERT_EQ(102, v.count);
}

/* --- timer_init, timer_set_callback, timer_start, timer_cancel ------- */

/* Poll element KEY of map fd (value of len bytes, into val) until the
 * __u64 at offset off is at least want, or timeout_ms passed. Returns
 * the time waited in ms, or -1 on timeout or lookup error.
 */
static int hm_wait_u64(int fd, __u32 key, void *val, size_t off, __u64 want,
		       int timeout_ms)
{
	const struct timespec nap = { 0, 200000 };	/* 0.2 ms between looks */
	__u64 start = hm_now_ms(), got;

	for (;;) {
		if (bpf_map_lookup_elem(fd, &key, val))
			return -1;
		memcpy(&got, (char *)val + off, sizeof(got));
		if (got >= want)
			return hm_now_ms() - start;
		if (hm_now_ms() - start > (__u64)timeout_ms)
			return -1;
		nanosleep(&nap, NULL);
	}
}

#define HM_TIMER_WAIT_MS 2000

HELPER_FIXTURE(timer_init)

struct hm_tinit_out {
	long first, again, realtime, boottime, cputime, past_max_clocks;
};

/* bpf_timer_init() (kernel/bpf/helpers.c): only CLOCK_MONOTONIC,
 * CLOCK_REALTIME and CLOCK_BOOTTIME, and flags < MAX_CLOCKS (16), else
 * -EINVAL; __bpf_async_init(): a timer already initialized -EBUSY.
 */
TEST_F(timer_init, once_per_timer)
{
	struct hm_tinit_out out;

	if (helper_run_bss(_metadata, self->obj, "init", &out, sizeof(out)))
		return;
	lwt_expected("MONOTONIC 0, again -EBUSY; REALTIME 0; BOOTTIME 0; PROCESS_CPUTIME_ID -EINVAL; 16|MONOTONIC -EINVAL");
	lwt_observed("%ld, %ld; %ld; %ld; %ld; %ld", out.first, out.again, out.realtime,
		     out.boottime, out.cputime, out.past_max_clocks);
	ASSERT_EQ(0, out.first);
	ASSERT_EQ(-EBUSY, out.again);
	ASSERT_EQ(0, out.realtime);
	ASSERT_EQ(0, out.boottime);
	ASSERT_EQ(-EINVAL, out.cputime);
	ASSERT_EQ(-EINVAL, out.past_max_clocks);
}

HELPER_FIXTURE(timer_set_callback)

struct hm_tcb_out {
	long before_init, first, second, start;
};

struct hm_tcb_val {
	__u64 timer[2], fired;
	__u32 which, pad;
};

/* __bpf_async_set_callback() (kernel/bpf/helpers.c): -EINVAL while the
 * timer has no bpf_async_cb (not initialized); otherwise it replaces
 * cb->callback_fn, so only the last callback set runs when the timer
 * fires.
 */
TEST_F(timer_set_callback, last_one_runs)
{
	struct hm_tcb_val v = { 0 };
	struct hm_tcb_out out;
	int fd = hm_map_fd(_metadata, self->obj, "timers");
	int waited;

	if (fd < 0 || helper_run_bss(_metadata, self->obj, "set_cb", &out, sizeof(out)))
		return;
	waited = hm_wait_u64(fd, 0, &v, offsetof(struct hm_tcb_val, fired), 1,
			     HM_TIMER_WAIT_MS);
	lwt_expected("before init -EINVAL; cb_a 0, cb_b 0, start 0; only cb_b runs, once, within %d ms",
		     HM_TIMER_WAIT_MS);
	lwt_observed("%ld; %ld, %ld, %ld; %s ran %llu time(s) (%d ms)", out.before_init,
		     out.first, out.second, out.start,
		     v.which == 'a' ? "cb_a" : v.which == 'b' ? "cb_b" : "no callback",
		     (unsigned long long)v.fired, waited);
	ASSERT_EQ(-EINVAL, out.before_init);
	ASSERT_EQ(0, out.first);
	ASSERT_EQ(0, out.second);
	ASSERT_EQ(0, out.start);
	ASSERT_LE(0, waited);
	ASSERT_EQ('b', v.which);
	ASSERT_EQ(1, v.fired);
}

HELPER_FIXTURE(timer_start)

struct hm_tstart_out {
	long no_callback, bad_flags, relative, absolute;
};

struct hm_tstart_val {
	__u64 timer[2], fired, armed_ns, fire_ns;
	__u32 key_seen, pad;
};

#define HM_DELAY_NS 2000000ULL	/* DELAY_NS in the object */

/* Start timer 0 or 1 through "start" and wait for its callback. */
static int hm_tstart_run(struct __test_metadata *_metadata, struct bpf_object *obj,
			 __u32 key, struct hm_tstart_out *out, struct hm_tstart_val *v)
{
	int fd = hm_map_fd(_metadata, obj, "timers");

	if (fd < 0 || helper_run_bss(_metadata, obj, "start", out, sizeof(*out)))
		return -2;
	return hm_wait_u64(fd, key, v, offsetof(struct hm_tstart_val, fired), 1,
			   HM_TIMER_WAIT_MS);
}

/* bpf_timer_start() (kernel/bpf/helpers.c): hrtimer_start(..., nsecs,
 * HRTIMER_MODE_REL_SOFT); bpf_timer_cb() then calls the callback with
 * the map, the element's key and its value, not before nsecs passed.
 */
TEST_F(timer_start, relative_delay)
{
	struct hm_tstart_val v = { 0 };
	struct hm_tstart_out out;
	int waited = hm_tstart_run(_metadata, self->obj, 0, &out, &v);

	if (waited == -2)
		return;
	lwt_expected("start 0; callback runs once within %d ms, with key 0, >= 2 ms after the start",
		     HM_TIMER_WAIT_MS);
	lwt_observed("start %ld; ran %llu time(s) after %d ms, key %u, %lld ns after the start",
		     out.relative, (unsigned long long)v.fired, waited, v.key_seen,
		     (long long)(v.fire_ns - v.armed_ns));
	ASSERT_EQ(0, out.relative);
	ASSERT_LE(0, waited);
	ASSERT_EQ(1, v.fired);
	ASSERT_EQ(0, v.key_seen);
	ASSERT_LE(HM_DELAY_NS, v.fire_ns - v.armed_ns);
}

/* bpf_timer_start(): BPF_F_TIMER_ABS makes it HRTIMER_MODE_ABS_SOFT:
 * nsecs is a CLOCK_MONOTONIC time (the one bpf_ktime_get_ns() reads).
 */
/* BPF_F_TIMER_ABS since 6.4 (f71f8530494b); before, bpf_timer_start()
 * took no flags: "if (flags) return -EINVAL".
 */
#define KV_TIMER_ABS KV(6, 4)
TEST_F(timer_start, absolute_time)
{
	struct hm_tstart_val v = { 0 };
	struct hm_tstart_out out;
	int waited;

	if (lwt_kver() < KV_TIMER_ABS) {
		if (helper_run_bss(_metadata, self->obj, "start", &out, sizeof(out)))
			return;
		lwt_expected("before 6.4: BPF_F_TIMER_ABS refused, -EINVAL");
		lwt_observed("start %ld", out.absolute);
		ASSERT_EQ(-EINVAL, out.absolute);
		return;
	}
	waited = hm_tstart_run(_metadata, self->obj, 1, &out, &v);

	if (waited == -2)
		return;
	lwt_expected("start 0; callback runs once within %d ms, with key 1, not before the absolute time",
		     HM_TIMER_WAIT_MS);
	lwt_observed("start %ld; ran %llu time(s) after %d ms, key %u, %lld ns after the set time",
		     out.absolute, (unsigned long long)v.fired, waited, v.key_seen,
		     (long long)(v.fire_ns - v.armed_ns));
	ASSERT_EQ(0, out.absolute);
	ASSERT_LE(0, waited);
	ASSERT_EQ(1, v.fired);
	ASSERT_EQ(1, v.key_seen);
	ASSERT_LE(v.armed_ns, v.fire_ns);
}

/* bpf_timer_start(): "if (!t || !t->cb.prog) return -EINVAL" before a
 * callback is set; flags other than BPF_F_TIMER_ABS | BPF_F_TIMER_CPU_PIN
 * -EINVAL.
 */
TEST_F(timer_start, needs_callback)
{
	struct hm_tstart_out out;

	if (helper_run_bss(_metadata, self->obj, "start", &out, sizeof(out)))
		return;
	lwt_expected("without a callback -EINVAL; flags 4 -EINVAL");
	lwt_observed("%ld; %ld", out.no_callback, out.bad_flags);
	ASSERT_EQ(-EINVAL, out.no_callback);
	ASSERT_EQ(-EINVAL, out.bad_flags);
}

HELPER_FIXTURE(timer_cancel)

struct hm_tcancel_out {
	long active, inactive, uninit;
};

struct hm_tcancel_val {
	__u64 timer[2], fired;
	long cancel_own;
};

/* bpf_timer_cancel() (kernel/bpf/helpers.c): hrtimer_cancel(), 1 when
 * the timer was pending, 0 when not; -EINVAL for a timer never
 * initialized. Timer 0 (5 ms) is cancelled; timer 1 (8 ms, same CPU,
 * pinned) fires, so timer 0 would have fired before it.
 */
TEST_F(timer_cancel, stops_pending_timer)
{
	struct hm_tcancel_val a = { 0 }, b = { 0 };
	struct hm_tcancel_out out;
	int fd = hm_map_fd(_metadata, self->obj, "timers");
	__u32 k0 = 0;
	int waited;

	if (fd < 0 || helper_run_bss(_metadata, self->obj, "cancel", &out, sizeof(out)))
		return;
	waited = hm_wait_u64(fd, 1, &b, offsetof(struct hm_tcancel_val, fired), 1,
			     HM_TIMER_WAIT_MS);
	bpf_map_lookup_elem(fd, &k0, &a);
	lwt_expected("cancel of the pending timer 1, again 0, uninitialized -EINVAL; the later timer fires, the cancelled one never");
	lwt_observed("%ld, %ld, %ld; later timer fired %llu time(s) (%d ms), cancelled one %llu time(s)",
		     out.active, out.inactive, out.uninit, (unsigned long long)b.fired,
		     waited, (unsigned long long)a.fired);
	ASSERT_EQ(1, out.active);
	ASSERT_EQ(0, out.inactive);
	ASSERT_EQ(-EINVAL, out.uninit);
	ASSERT_LE(0, waited);
	ASSERT_EQ(0, a.fired);
}

/* bpf_timer_cancel(): "if (cur_t == t) ... ret = -EDEADLK": a callback
 * may not cancel its own timer (hrtimer_cancel() would wait for itself).
 */
TEST_F(timer_cancel, own_timer_in_callback)
{
	struct hm_tcancel_val b = { 0 };
	struct hm_tcancel_out out;
	int fd = hm_map_fd(_metadata, self->obj, "timers");
	int waited;

	if (fd < 0 || helper_run_bss(_metadata, self->obj, "cancel", &out, sizeof(out)))
		return;
	waited = hm_wait_u64(fd, 1, &b, offsetof(struct hm_tcancel_val, fired), 1,
			     HM_TIMER_WAIT_MS);
	lwt_expected("the callback's cancel of its own timer: -EDEADLK");
	lwt_observed("callback ran %llu time(s) (%d ms), its cancel returned %ld",
		     (unsigned long long)b.fired, waited, b.cancel_own);
	ASSERT_LE(0, waited);
	ASSERT_EQ(-EDEADLK, b.cancel_own);
}

/* Copy the line of log that contains what into buf ("" if none). */
static void hm_log_line(const char *log, const char *what, char *buf, size_t len)
{
	const char *l = strstr(log, what);

	snprintf(buf, len, "%.*s", l ? (int)strcspn(l, "\n") : 0, l ? l : "");
}

/* --- kptr_xchg ------------------------------------------------------ */

HELPER_FIXTURE(kptr_xchg)

/* Load one "?lwt_in" program of helper_kptr_xchg.bpf.o on its own; the
 * verifier's log goes to log. 0 when it loaded.
 */
static int hm_kptr_load(const char *prog, char *log, size_t len)
{
	struct bpf_object *obj;
	int err = hm_load_own("helper_kptr_xchg.bpf.o", prog, log, len, &obj);

	bpf_object__close(obj);
	return err;
}

/* The kptr programs make and drop objects with kfuncs of 6.2 and 6.3 */
#define HM_KPTR_LOAD(prog, log, len) ({					\
	int __e = hm_kptr_load(prog, log, len);				\
	if (__e && kfunc_too_new(log))					\
		SKIP(return, "needs a newer kfunc");			\
	__e; })

/* check_kfunc_call() (verifier.c): fetch_kfunc_meta() finds neither
 * bpf_obj_new_impl nor bpf_task_from_pid in LWT_IN's kfunc sets
 * (btf_kfunc_id_set_contains(); kernel/bpf/helpers.c registers
 * generic_kfunc_set for TRACING, SCHED_CLS, XDP, STRUCT_OPS, SYSCALL and
 * CGROUP_SKB only): LWT_IN can make no object to store.
 */
TEST_F(kptr_xchg, no_kptr_source)
{
	static char log[65536];
	char m1[160] = "", m2[160] = "";
	int e1, e2;

	e1 = HM_KPTR_LOAD("obj_new", log, sizeof(log));
	hm_log_line(log, "calling kernel function", m1, sizeof(m1));
	e2 = HM_KPTR_LOAD("from_pid", log, sizeof(log));
	hm_log_line(log, "calling kernel function", m2, sizeof(m2));
	lwt_expected("both refused: calling kernel function bpf_obj_new_impl / bpf_task_from_pid is not allowed");
	lwt_observed("bpf_obj_new_impl: %s (%s); bpf_task_from_pid: %s (%s)",
		     e1 ? "refused" : "loaded", m1, e2 ? "refused" : "loaded", m2);
	ASSERT_NE(0, e1);
	ASSERT_NE(0, e2);
	ASSERT_NE(NULL, strstr(m1, "bpf_obj_new_impl is not allowed"));
	ASSERT_NE(NULL, strstr(m2, "bpf_task_from_pid is not allowed"));
}

/* bpf_kptr_xchg() itself is allowed (bpf_base_func_proto(), CAP_BPF):
 * the verifier passes the call and gives a referenced pointer, which must
 * then be released, and the release kfunc bpf_obj_drop_impl is not in
 * LWT_IN's kfunc set either. So no LWT_IN program can take a referenced
 * kptr out of a map, not even an exchange with NULL that returns NULL.
 */
TEST_F(kptr_xchg, release_kfunc_denied)
{
	static char log[65536];
	char msg[160] = "";
	int err, passed;

	err = HM_KPTR_LOAD("xchg_release", log, sizeof(log));
	passed = !!strstr(log, "call bpf_kptr_xchg#");
	hm_log_line(log, "calling kernel function", msg, sizeof(msg));
	lwt_expected("refused after the bpf_kptr_xchg call: calling kernel function bpf_obj_drop_impl is not allowed");
	lwt_observed("%s; bpf_kptr_xchg call %s; %s", err ? "refused" : "loaded",
		     passed ? "verified" : "not reached", msg);
	ASSERT_NE(0, err);
	ASSERT_TRUE(passed);
	ASSERT_NE(NULL, strstr(msg, "bpf_obj_drop_impl is not allowed"));
}

/* check_reference_leak() (verifier.c): a program that keeps the pointer
 * bpf_kptr_xchg() returned ends with it unreleased.
 */
TEST_F(kptr_xchg, reference_must_be_released)
{
	static char log[65536];
	char msg[160] = "";
	int err = HM_KPTR_LOAD("xchg_keep", log, sizeof(log));

	hm_log_line(log, "Unreleased reference", msg, sizeof(msg));
	lwt_expected("refused: Unreleased reference");
	lwt_observed("%s: %s", err ? "refused" : "loaded", msg[0] ? msg : "(no such line)");
	ASSERT_NE(0, err);
	ASSERT_NE(0, msg[0]);
}

/* What LWT_IN can do with the field: read it (check_map_kptr_access():
 * a BPF_LDX of a kptr field gives a pointer that may be NULL). Nothing
 * was ever stored, so it is NULL.
 */
TEST_F(kptr_xchg, field_reads_null)
{
	struct { int field_null, shape; } out;

	if (helper_run_bss(_metadata, self->obj, "read_field", &out, sizeof(out)))
		return;
	lwt_expected("a program reading the struct lwt_local __kptr field loads and sees NULL");
	lwt_observed("field %s", out.field_null ? "NULL" : "not NULL");
	ASSERT_EQ(1, out.field_null);
}

/* --- dynptr_from_mem, dynptr_read, dynptr_write, dynptr_data -------- */

HELPER_FIXTURE(dynptr_from_mem)

struct hm_dfm_out {
	char buf[16], head[16], probe[8];
	long ok, bad_flags, zero;
	long read_all, read_past, read_bad, read_zero;
};

/* bpf_dynptr_from_mem() (kernel/bpf/helpers.c): bpf_dynptr_init() of a
 * BPF_DYNPTR_TYPE_LOCAL dynptr over the memory, with the size given;
 * reads see that memory, up to that size (bpf_dynptr_check_off_len()).
 */
TEST_F(dynptr_from_mem, wraps_map_memory)
{
	struct hm_dfm_out out;

	if (helper_run_bss(_metadata, self->obj, "from_mem", &out, sizeof(out)))
		return;
	lwt_expected("0; a read of all 16 bytes 0 giving \"dynptr-from-mem\"; 1 byte at 16: -E2BIG");
	lwt_observed("%ld; read %ld giving \"%.15s\"; at 16: %ld", out.ok, out.read_all,
		     out.head, out.read_past);
	ASSERT_EQ(0, out.ok);
	ASSERT_EQ(0, out.read_all);
	ASSERT_EQ(0, memcmp(out.head, "dynptr-from-mem", 16));
	ASSERT_EQ(-E2BIG, out.read_past);
}

/* bpf_dynptr_from_mem(): "flags is currently unsupported": -EINVAL and
 * bpf_dynptr_set_null(), so a read from it is -EINVAL (bpf_dynptr_read():
 * "if (!src->data || flags)"). Size 0 is allowed, and any read from it
 * is past its end: -E2BIG.
 */
TEST_F(dynptr_from_mem, flags_and_size_zero)
{
	struct hm_dfm_out out;

	if (helper_run_bss(_metadata, self->obj, "from_mem", &out, sizeof(out)))
		return;
	lwt_expected("flags 1: -EINVAL, then a read -EINVAL (NULL dynptr); size 0: 0, then a read -E2BIG");
	lwt_observed("flags 1: %ld, read %ld; size 0: %ld, read %ld", out.bad_flags,
		     out.read_bad, out.zero, out.read_zero);
	ASSERT_EQ(-EINVAL, out.bad_flags);
	ASSERT_EQ(-EINVAL, out.read_bad);
	ASSERT_EQ(0, out.zero);
	ASSERT_EQ(-E2BIG, out.read_zero);
}

/* check_helper_call() (verifier.c), case BPF_FUNC_dynptr_from_mem: only a
 * map value may back the dynptr ("Unsupported reg type fp for
 * bpf_dynptr_from_mem data").
 */
TEST_F(dynptr_from_mem, stack_refused)
{
	static char log[65536];
	struct bpf_object *obj;
	char msg[160];
	int err = hm_load_own("helper_dynptr_from_mem.bpf.o", "from_stack", log,
			      sizeof(log), &obj);

	bpf_object__close(obj);
	hm_log_line(log, "Unsupported reg type", msg, sizeof(msg));
	lwt_expected("refused: Unsupported reg type fp for bpf_dynptr_from_mem data");
	lwt_observed("%s: %s", err ? "refused" : "loaded", msg);
	ASSERT_NE(0, err);
	ASSERT_NE(NULL, strstr(msg, "bpf_dynptr_from_mem data"));
}

HELPER_FIXTURE(dynptr_read)

struct hm_dread_out {
	char src[16], tail[4], untouched[4], iph[20], skb_untouched[4];
	long tail_ret, past_ret, flags_ret, skb_ret, skb_past_ret;
};

/* bpf_dynptr_read() (kernel/bpf/helpers.c): memmove() from data + offset
 * for a local dynptr; bpf_dynptr_check_off_len(): offset + len past the
 * size -E2BIG; flags -EINVAL. Nothing is copied on failure.
 */
TEST_F(dynptr_read, local_bounds)
{
	struct hm_dread_out out;

	if (helper_run_bss(_metadata, self->obj, "read_mem", &out, sizeof(out)))
		return;
	lwt_expected("4 bytes at 12: 0, \"cdef\"; at 13: -E2BIG; flags 1: -EINVAL; destination untouched");
	lwt_observed("%ld, \"%.4s\"; %ld; %ld; destination \"%.4s\"", out.tail_ret,
		     out.tail, out.past_ret, out.flags_ret, out.untouched);
	ASSERT_EQ(0, out.tail_ret);
	ASSERT_EQ(0, memcmp(out.tail, "cdef", 4));
	ASSERT_EQ(-E2BIG, out.past_ret);
	ASSERT_EQ(-EINVAL, out.flags_ret);
	ASSERT_EQ(0, memcmp(out.untouched, "----", 4));
}

/* bpf_dynptr_read() of a BPF_DYNPTR_TYPE_SKB dynptr (the kfunc
 * bpf_dynptr_from_skb(), which LWT_IN may call): __bpf_skb_load_bytes()
 * from offset 0 = skb->data, the network header for LWT_IN; the dynptr
 * spans skb->len, past it -E2BIG.
 */
TEST_F(dynptr_read, from_packet)
{
	struct hm_dread_out out;

	if (hm_own_run(_metadata, "helper_dynptr_read.bpf.o", "read_skb", &out, sizeof(out)))
		return;
	lwt_expected("20 bytes at 0: 0 and the IPv4 header; 4 bytes at 44 of %d: -E2BIG",
		     LWT_PKT_L3_LEN);
	lwt_observed("%ld, header %s; %ld, destination \"%.4s\"", out.skb_ret,
		     memcmp(out.iph, lwt_pkt_v4 + 14, 20) ? "differs" : "equal",
		     out.skb_past_ret, out.skb_untouched);
	ASSERT_EQ(0, out.skb_ret);
	ASSERT_EQ(0, memcmp(out.iph, lwt_pkt_v4 + 14, 20));
	ASSERT_EQ(-E2BIG, out.skb_past_ret);
	ASSERT_EQ(0, memcmp(out.skb_untouched, "----", 4));
}

HELPER_FIXTURE(dynptr_write)

struct hm_dwrite_out {
	char dst[16], pkt_after[4];
	long ok, past, flags, skb_ret, skb_read;
};

/* bpf_dynptr_write() (kernel/bpf/helpers.c): memmove() into data + offset
 * for a local dynptr (the .bss userspace reads); past the size -E2BIG,
 * flags on a local dynptr -EINVAL, and nothing is written then.
 */
TEST_F(dynptr_write, local_memory)
{
	struct hm_dwrite_out out;

	if (helper_run_bss(_metadata, self->obj, "write_mem", &out, sizeof(out)))
		return;
	lwt_expected("4 bytes at 4: 0; at 14: -E2BIG; flags 1: -EINVAL; memory \"....WXYZ........\"");
	lwt_observed("%ld; %ld; %ld; memory \"%.16s\"", out.ok, out.past, out.flags, out.dst);
	ASSERT_EQ(0, out.ok);
	ASSERT_EQ(-E2BIG, out.past);
	ASSERT_EQ(-EINVAL, out.flags);
	ASSERT_EQ(0, memcmp(out.dst, "....WXYZ........", 16));
}

/* LWT_IN may not write the packet: may_access_direct_pkt_data() is false
 * for BPF_WRITE, so the verifier's specialize_kfunc() makes
 * bpf_dynptr_from_skb() the _rdonly variant, and bpf_dynptr_write() sees
 * __bpf_dynptr_is_rdonly(): -EINVAL; the packet is unchanged.
 */
TEST_F(dynptr_write, packet_read_only)
{
	struct hm_dwrite_out out;

	if (hm_own_run(_metadata, "helper_dynptr_write.bpf.o", "write_skb", &out, sizeof(out)))
		return;
	lwt_expected("-EINVAL; the packet still starts 45 00 00 2e");
	lwt_observed("%ld; read back %ld: %02x %02x %02x %02x", out.skb_ret, out.skb_read,
		     (unsigned char)out.pkt_after[0], (unsigned char)out.pkt_after[1],
		     (unsigned char)out.pkt_after[2], (unsigned char)out.pkt_after[3]);
	ASSERT_EQ(-EINVAL, out.skb_ret);
	ASSERT_EQ(0, out.skb_read);
	ASSERT_EQ(0, memcmp(out.pkt_after, lwt_pkt_v4 + 14, 4));
}

HELPER_FIXTURE(dynptr_data)

struct hm_ddata_out {
	char mem[16];
	int got, past_null, skb_null;
};

/* bpf_dynptr_data() (kernel/bpf/helpers.c): data + offset of a local
 * dynptr (a store through it lands in the memory); NULL when offset +
 * len is past the size (bpf_dynptr_check_off_len()).
 */
TEST_F(dynptr_data, pointer_into_memory)
{
	struct hm_ddata_out out;

	if (helper_run_bss(_metadata, self->obj, "data", &out, sizeof(out)))
		return;
	lwt_expected("a pointer at offset 4 (stores give \"....Q..R........\"); NULL at 14+4 of 16");
	lwt_observed("%s, memory \"%.16s\"; past end %s", out.got ? "a pointer" : "NULL",
		     out.mem, out.past_null ? "NULL" : "a pointer");
	ASSERT_EQ(1, out.got);
	ASSERT_EQ(0, memcmp(out.mem, "....Q..R........", 16));
	ASSERT_EQ(1, out.past_null);
}

/* bpf_dynptr_data(): "case BPF_DYNPTR_TYPE_SKB: ... return 0": "skb and
 * xdp dynptrs should use bpf_dynptr_slice"; the packet dynptr LWT_IN gets
 * from bpf_dynptr_from_skb() gives NULL. (It is read-only here too.)
 */
TEST_F(dynptr_data, packet_dynptr_null)
{
	struct hm_ddata_out out;

	if (hm_own_run(_metadata, "helper_dynptr_data.bpf.o", "data_skb", &out, sizeof(out)))
		return;
	lwt_expected("NULL for 4 bytes at 0 of the packet dynptr");
	lwt_observed("%s", out.skb_null ? "NULL" : "a pointer");
	ASSERT_EQ(1, out.skb_null);
}
