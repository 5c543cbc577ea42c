// SPDX-License-Identifier: GPL-2.0
/* ring buffer and perf event helpers: ringbuf_*, user_ringbuf_drain,
 * perf_event_output (included by helpers_func.c). Records are read back
 * with libbpf's ring_buffer / perf_buffer; every reader is freed before
 * the case's checks, so a failed ASSERT leaks nothing. Shared code is
 * prefixed hr_; hm_now_ms() comes from helpers_maps.c,
 * included before this file. Each program reports in one .bss struct
 * "out", mirrored here field for field.
 */
#include "helpers.h"

/* What a reader got: the first records, their sizes and first bytes. */
#define HR_MAX_RECS 8
struct hr_got {
	int n;			/* records seen (may exceed HR_MAX_RECS) */
	__u32 size[HR_MAX_RECS];
	unsigned char data[HR_MAX_RECS][64];
};

static void hr_keep(struct hr_got *g, const void *data, size_t size)
{
	if (g->n < HR_MAX_RECS) {
		g->size[g->n] = size;
		memcpy(g->data[g->n], data, size < 64 ? size : 64);
	}
	g->n++;
}

static int hr_ring_sample(void *ctx, void *data, size_t size)
{
	hr_keep(ctx, data, size);
	return 0;
}

/* Read every record waiting in RINGBUF map NAME of obj. Returns
 * ring_buffer__consume()'s count, or -1 with the case failed.
 */
static int hr_consume(struct __test_metadata *_metadata, struct bpf_object *obj,
		      const char *name, struct hr_got *got)
{
	int fd = lwt_obj_map_fd(obj, name), n;
	struct ring_buffer *rb;

	memset(got, 0, sizeof(*got));
	rb = fd < 0 ? NULL : ring_buffer__new(fd, hr_ring_sample, got, NULL);
	if (!rb) {
		CASE_FAIL("ring_buffer__new on map %s: %s", name, strerror(errno));
		return -1;
	}
	n = ring_buffer__consume(rb);
	ring_buffer__free(rb);
	if (n < 0)
		CASE_FAIL("ring_buffer__consume: %s", strerror(-n));
	return n < 0 ? -1 : n;
}

/* Run PROG once and copy .bss into out (out may be NULL). */
static int hr_run(struct __test_metadata *_metadata, struct bpf_object *obj,
		  const char *prog, void *out, size_t len)
{
	unsigned int rv;

	if (helper_run(_metadata, obj, prog, &rv))
		return -1;
	return out ? helper_bss(_metadata, obj, out, len) : 0;
}

/* A record {magic, value} as the programs write them. */
struct hr_rec {
	__u32 magic, val;
};

static struct hr_rec hr_rec_at(const struct hr_got *g, int i)
{
	struct hr_rec r = { 0, 0 };

	if (i < g->n && i < HR_MAX_RECS && g->size[i] >= sizeof(r))
		memcpy(&r, g->data[i], sizeof(r));
	return r;
}

/* --- ringbuf_output ------------------------------------------------- */

HELPER_FIXTURE(ringbuf_output)

struct hr_output_out {
	long ok, bad_flags, too_big;
};

#define HR_OUTP 0x4f555450

/* bpf_ringbuf_output() (kernel/bpf/ringbuf.c): __bpf_ringbuf_reserve(),
 * memcpy() of the data, bpf_ringbuf_commit(): one record of exactly the
 * given size and bytes for the reader.
 */
TEST_F(ringbuf_output, record_arrives)
{
	struct hr_output_out out;
	struct hr_got got;
	struct hr_rec r;
	int n;

	if (hr_run(_metadata, self->obj, "output", &out, sizeof(out)))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	r = hr_rec_at(&got, 0);
	lwt_expected("0; one 8-byte record {OUTP, len %d}", LWT_PKT_L3_LEN);
	lwt_observed("%ld; %d record(s), first %u bytes {%#x, %u}", out.ok, n,
		     got.n ? got.size[0] : 0, r.magic, r.val);
	ASSERT_EQ(0, out.ok);
	ASSERT_EQ(1, n);
	ASSERT_EQ(8, got.size[0]);
	ASSERT_EQ(HR_OUTP, r.magic);
	ASSERT_EQ(LWT_PKT_L3_LEN, r.val);
}

/* bpf_ringbuf_output(): flags other than BPF_RB_NO_WAKEUP and
 * BPF_RB_FORCE_WAKEUP -EINVAL; __bpf_ringbuf_reserve() gives NULL for a
 * record longer than the ring ("if (len > ringbuf_total_data_sz(rb))"),
 * and the helper returns -EAGAIN. Neither writes a record.
 */
TEST_F(ringbuf_output, refused_writes_nothing)
{
	struct hr_output_out out;
	struct hr_got got;
	int n;

	if (hr_run(_metadata, self->obj, "output", &out, sizeof(out)))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	lwt_expected("flags 4: -EINVAL; 4096 bytes into a 4096-byte ring: -EAGAIN; only the good record arrives");
	lwt_observed("%ld; %ld; %d record(s)", out.bad_flags, out.too_big, n);
	ASSERT_EQ(-EINVAL, out.bad_flags);
	ASSERT_EQ(-EAGAIN, out.too_big);
	ASSERT_EQ(1, n);
}

/* --- ringbuf_reserve ------------------------------------------------ */

HELPER_FIXTURE(ringbuf_reserve)

struct hr_reserve_out {
	int one_ok, too_big_null, bad_flags_null;
	int fill_ok[3];
};

#define HR_RSRV 0x52535256

/* bpf_ringbuf_reserve() (ringbuf.c): a pointer into the ring, filled by
 * the program in place; after bpf_ringbuf_submit() the reader gets it.
 */
TEST_F(ringbuf_reserve, filled_in_place)
{
	struct hr_reserve_out out;
	struct hr_got got;
	struct hr_rec r;
	int n;

	if (hr_run(_metadata, self->obj, "reserve_one", &out, sizeof(out)))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	r = hr_rec_at(&got, 0);
	lwt_expected("a pointer; one 8-byte record {RSRV, len %d}", LWT_PKT_L3_LEN);
	lwt_observed("%s; %d record(s), first %u bytes {%#x, %u}",
		     out.one_ok ? "a pointer" : "NULL", n, got.n ? got.size[0] : 0,
		     r.magic, r.val);
	ASSERT_EQ(1, out.one_ok);
	ASSERT_EQ(1, n);
	ASSERT_EQ(8, got.size[0]);
	ASSERT_EQ(HR_RSRV, r.magic);
	ASSERT_EQ(LWT_PKT_L3_LEN, r.val);
}

/* bpf_ringbuf_reserve(): "if (unlikely(flags)) return 0"; and
 * __bpf_ringbuf_reserve() gives NULL for more than the ring holds.
 */
TEST_F(ringbuf_reserve, null_for_bad_requests)
{
	struct hr_reserve_out out;

	if (hr_run(_metadata, self->obj, "reserve_one", &out, sizeof(out)))
		return;
	lwt_expected("NULL for 8192 bytes of a 4096-byte ring and for flags 1");
	lwt_observed("8192 bytes: %s; flags 1: %s", out.too_big_null ? "NULL" : "a pointer",
		     out.bad_flags_null ? "NULL" : "a pointer");
	ASSERT_EQ(1, out.too_big_null);
	ASSERT_EQ(1, out.bad_flags_null);
}

/* __bpf_ringbuf_reserve(): NULL once "new_prod_pos - cons_pos >
 * rb->mask": records of 2008 bytes (with header) fit twice in 4096 bytes,
 * not three times, and the space comes back only when the reader has
 * consumed them (consumer_pos moves).
 */
TEST_F(ringbuf_reserve, full_until_consumed)
{
	struct hr_reserve_out a, b, c;
	struct hr_got got;
	int n;

	if (hr_run(_metadata, self->obj, "reserve_fill", &a, sizeof(a)) ||
	    hr_run(_metadata, self->obj, "reserve_fill", &b, sizeof(b)))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0 || hr_run(_metadata, self->obj, "reserve_fill", &c, sizeof(c)))
		return;
	lwt_expected("3 x 2000 bytes: ok ok NULL; again before reading: NULL NULL NULL; reader gets 2; then ok ok NULL");
	lwt_observed("%d %d %d; %d %d %d; %d; %d %d %d", a.fill_ok[0], a.fill_ok[1],
		     a.fill_ok[2], b.fill_ok[0], b.fill_ok[1], b.fill_ok[2], n,
		     c.fill_ok[0], c.fill_ok[1], c.fill_ok[2]);
	ASSERT_EQ(1, a.fill_ok[0]);
	ASSERT_EQ(1, a.fill_ok[1]);
	ASSERT_EQ(0, a.fill_ok[2]);
	ASSERT_EQ(0, b.fill_ok[0] + b.fill_ok[1] + b.fill_ok[2]);
	ASSERT_EQ(2, n);
	ASSERT_EQ(1, c.fill_ok[0]);
	ASSERT_EQ(1, c.fill_ok[1]);
	ASSERT_EQ(0, c.fill_ok[2]);
}

/* --- ringbuf_submit, ringbuf_discard -------------------------------- */

HELPER_FIXTURE(ringbuf_submit)

#define HR_SUBM 0x5355424d

/* bpf_ringbuf_commit() (ringbuf.c) clears the busy bit of the record's
 * header; the reader walks records in ring order (reservation order)
 * and stops at a busy one, so B submitted before A still comes second.
 */
TEST_F(ringbuf_submit, arrive_in_reserve_order)
{
	struct hr_got got;
	struct hr_rec r0, r1;
	int n;

	if (hr_run(_metadata, self->obj, "submit_two", NULL, 0))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	r0 = hr_rec_at(&got, 0);
	r1 = hr_rec_at(&got, 1);
	lwt_expected("2 records: {SUBM, 1} then {SUBM, 2}");
	lwt_observed("%d record(s): {%#x, %u} then {%#x, %u}", n, r0.magic, r0.val,
		     r1.magic, r1.val);
	ASSERT_EQ(2, n);
	ASSERT_EQ(HR_SUBM, r0.magic);
	ASSERT_EQ(1, r0.val);
	ASSERT_EQ(HR_SUBM, r1.magic);
	ASSERT_EQ(2, r1.val);
}

/* bpf_ringbuf_commit(): BPF_RB_NO_WAKEUP only skips irq_work_queue() for
 * a sleeping reader; the record is committed all the same.
 */
TEST_F(ringbuf_submit, no_wakeup_still_committed)
{
	struct hr_got got;
	struct hr_rec r;
	int n;

	if (hr_run(_metadata, self->obj, "submit_no_wakeup", NULL, 0))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	r = hr_rec_at(&got, 0);
	lwt_expected("1 record {SUBM, 3}");
	lwt_observed("%d record(s): {%#x, %u}", n, r.magic, r.val);
	ASSERT_EQ(1, n);
	ASSERT_EQ(HR_SUBM, r.magic);
	ASSERT_EQ(3, r.val);
}

HELPER_FIXTURE(ringbuf_discard)

#define HR_DISC 0x44495343

/* bpf_ringbuf_commit(..., discard = true) sets BPF_RINGBUF_DISCARD_BIT:
 * the reader skips the record (libbpf's ringbuf_process_ring() does not
 * call back for it) and gets the one after it.
 */
TEST_F(ringbuf_discard, discarded_not_delivered)
{
	struct hr_got got;
	struct hr_rec r;
	int n;

	if (hr_run(_metadata, self->obj, "discard_first", NULL, 0))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	r = hr_rec_at(&got, 0);
	lwt_expected("of {DISC, 1} (discarded) and {DISC, 2}: only {DISC, 2}");
	lwt_observed("%d record(s), first {%#x, %u}", n, r.magic, r.val);
	ASSERT_EQ(1, n);
	ASSERT_EQ(HR_DISC, r.magic);
	ASSERT_EQ(2, r.val);
}

/* --- ringbuf_query -------------------------------------------------- */

HELPER_FIXTURE(ringbuf_query)

struct hr_query_out {
	__u64 avail[3], prod[3], cons[3];	/* before, after the record, after reading */
	__u64 size, unknown;
};

/* bpf_ringbuf_query() (ringbuf.c): BPF_RB_RING_SIZE the data size,
 * BPF_RB_PROD_POS / BPF_RB_CONS_POS the positions, BPF_RB_AVAIL_DATA
 * their difference. A 16-byte record takes 24 bytes with its header.
 */
TEST_F(ringbuf_query, positions)
{
	struct hr_query_out out;
	struct hr_got got;
	int n;

	if (hr_run(_metadata, self->obj, "query_write", NULL, 0))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0 || hr_run(_metadata, self->obj, "query_after", &out, sizeof(out)))
		return;
	lwt_expected("size 4096; avail/prod/cons 0/0/0, after the record 24/24/0, after reading 0/24/24");
	lwt_observed("size %llu; %llu/%llu/%llu, %llu/%llu/%llu, %llu/%llu/%llu (read %d)",
		     (unsigned long long)out.size,
		     (unsigned long long)out.avail[0], (unsigned long long)out.prod[0],
		     (unsigned long long)out.cons[0], (unsigned long long)out.avail[1],
		     (unsigned long long)out.prod[1], (unsigned long long)out.cons[1],
		     (unsigned long long)out.avail[2], (unsigned long long)out.prod[2],
		     (unsigned long long)out.cons[2], n);
	ASSERT_EQ(4096, out.size);
	ASSERT_EQ(0, out.avail[0]);
	ASSERT_EQ(0, out.prod[0]);
	ASSERT_EQ(0, out.cons[0]);
	ASSERT_EQ(24, out.avail[1]);
	ASSERT_EQ(24, out.prod[1]);
	ASSERT_EQ(0, out.cons[1]);
	ASSERT_EQ(1, n);
	ASSERT_EQ(0, out.avail[2]);
	ASSERT_EQ(24, out.prod[2]);
	ASSERT_EQ(24, out.cons[2]);
}

/* bpf_ringbuf_query(): "default: return 0" for an unknown flag. */
TEST_F(ringbuf_query, unknown_flag_zero)
{
	struct hr_query_out out;

	if (hr_run(_metadata, self->obj, "query_write", &out, sizeof(out)))
		return;
	lwt_expected("flag 99: 0");
	lwt_observed("%llu", (unsigned long long)out.unknown);
	ASSERT_EQ(0, out.unknown);
}

/* --- ringbuf_reserve_dynptr, _submit_dynptr, _discard_dynptr -------- */

HELPER_FIXTURE(ringbuf_reserve_dynptr)

struct hr_rdyn_out {
	long ok, bad_flags, too_big, read_bad, write_end, write_past;
	char probe[4];
};

#define HR_DYNR 0x44594e52

/* bpf_ringbuf_reserve_dynptr() (ringbuf.c): the size may be a run-time
 * value (ARG_ANYTHING, here skb->len); bpf_dynptr_init() spans exactly
 * that many bytes, so a write ending at the last byte fits and one past
 * it is -E2BIG (bpf_dynptr_check_off_len()).
 */
TEST_F(ringbuf_reserve_dynptr, runtime_size)
{
	struct hr_rdyn_out out;
	struct hr_got got;
	__u32 head = 0, tail = 0;
	int n;

	if (hr_run(_metadata, self->obj, "reserve_dynptr", &out, sizeof(out)))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	if (got.n) {
		memcpy(&head, got.data[0], 4);
		memcpy(&tail, got.data[0] + LWT_PKT_L3_LEN - 4, 4);
	}
	lwt_expected("0; write of the last 4 bytes 0, 1 byte later -E2BIG; one %d-byte record with DYNR at both ends",
		     LWT_PKT_L3_LEN);
	lwt_observed("%ld; %ld, %ld; %d record(s), %u bytes, %#x ... %#x", out.ok,
		     out.write_end, out.write_past, n, got.n ? got.size[0] : 0, head, tail);
	ASSERT_EQ(0, out.ok);
	ASSERT_EQ(0, out.write_end);
	ASSERT_EQ(-E2BIG, out.write_past);
	ASSERT_EQ(1, n);
	ASSERT_EQ(LWT_PKT_L3_LEN, got.size[0]);
	ASSERT_EQ(HR_DYNR, head);
	ASSERT_EQ(HR_DYNR, tail);
}

/* bpf_ringbuf_reserve_dynptr(): flags -EINVAL; no room
 * (__bpf_ringbuf_reserve() NULL) -EINVAL too; both bpf_dynptr_set_null(),
 * so a read from the dynptr is -EINVAL. Nothing reaches the reader.
 */
TEST_F(ringbuf_reserve_dynptr, failure_gives_null_dynptr)
{
	struct hr_rdyn_out out;
	struct hr_got got;
	int n;

	if (hr_run(_metadata, self->obj, "reserve_dynptr", &out, sizeof(out)))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	lwt_expected("flags 1: -EINVAL, then a read -EINVAL; 8192 bytes: -EINVAL; only the good record arrives");
	lwt_observed("%ld, read %ld; %ld; %d record(s)", out.bad_flags, out.read_bad,
		     out.too_big, n);
	ASSERT_EQ(-EINVAL, out.bad_flags);
	ASSERT_EQ(-EINVAL, out.read_bad);
	ASSERT_EQ(-EINVAL, out.too_big);
	ASSERT_EQ(1, n);
}

HELPER_FIXTURE(ringbuf_submit_dynptr)

#define HR_SDYN 0x5344594e

/* bpf_ringbuf_submit_dynptr() (ringbuf.c): bpf_ringbuf_commit() of the
 * dynptr's record; the reader gets both, in reservation order.
 */
TEST_F(ringbuf_submit_dynptr, records_arrive)
{
	struct hr_got got;
	struct hr_rec r0, r1;
	int n;

	if (hr_run(_metadata, self->obj, "submit_dynptr", NULL, 0))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	r0 = hr_rec_at(&got, 0);
	r1 = hr_rec_at(&got, 1);
	lwt_expected("2 records: {SDYN, 1} then {SDYN, 2}");
	lwt_observed("%d record(s): {%#x, %u} then {%#x, %u}", n, r0.magic, r0.val,
		     r1.magic, r1.val);
	ASSERT_EQ(2, n);
	ASSERT_EQ(HR_SDYN, r0.magic);
	ASSERT_EQ(1, r0.val);
	ASSERT_EQ(HR_SDYN, r1.magic);
	ASSERT_EQ(2, r1.val);
}

HELPER_FIXTURE(ringbuf_discard_dynptr)

#define HR_DDYN 0x4444594e

/* bpf_ringbuf_discard_dynptr() (ringbuf.c): bpf_ringbuf_commit() with
 * discard: the reader gets only the second record.
 */
TEST_F(ringbuf_discard_dynptr, discarded_not_delivered)
{
	struct hr_got got;
	struct hr_rec r;
	int n;

	if (hr_run(_metadata, self->obj, "discard_dynptr", NULL, 0))
		return;
	n = hr_consume(_metadata, self->obj, "rb", &got);
	if (n < 0)
		return;
	r = hr_rec_at(&got, 0);
	lwt_expected("of {DDYN, 1} (discarded) and {DDYN, 2}: only {DDYN, 2}");
	lwt_observed("%d record(s), first {%#x, %u}", n, r.magic, r.val);
	ASSERT_EQ(1, n);
	ASSERT_EQ(HR_DDYN, r.magic);
	ASSERT_EQ(2, r.val);
}

/* --- user_ringbuf_drain --------------------------------------------- */

HELPER_FIXTURE(user_ringbuf_drain)

struct hr_drain_out {
	long drained, again, bad_flags, read_ret, read_past;
	__u32 calls, pad;
	char data[16];
	char probe[4];
};

static const char hr_sample1[16] = "user sample one";	/* 15 + NUL */
static const char hr_sample2[16] = "user sample two";

/* Write n 16-byte samples into USER_RINGBUF map urb the way a producer
 * does: user_ring_buffer__reserve() and __submit().
 */
static int hr_user_write(struct __test_metadata *_metadata, struct bpf_object *obj,
			 const char *const *samples, int n)
{
	int fd = lwt_obj_map_fd(obj, "urb"), i, err = 0;
	struct user_ring_buffer *rb = fd < 0 ? NULL : user_ring_buffer__new(fd, NULL);

	if (!rb) {
		CASE_FAIL("user_ring_buffer__new: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < n && !err; i++) {
		void *s = user_ring_buffer__reserve(rb, 16);

		if (!s) {
			CASE_FAIL("user_ring_buffer__reserve: %s", strerror(errno));
			err = -1;
			break;
		}
		memcpy(s, samples[i], 16);
		user_ring_buffer__submit(rb, s);
	}
	user_ring_buffer__free(rb);
	return err;
}

/* bpf_user_ringbuf_drain() (ringbuf.c): for each sample
 * __bpf_user_ringbuf_peek(), a LOCAL dynptr over it (its size), the
 * callback, __bpf_user_ringbuf_sample_release(); returns the number of
 * samples; an empty ring gives 0.
 */
TEST_F(user_ringbuf_drain, delivers_sample)
{
	const char *const s[] = { hr_sample1 };
	struct hr_drain_out out;

	if (hr_user_write(_metadata, self->obj, s, 1) ||
	    hr_run(_metadata, self->obj, "drain_all", &out, sizeof(out)))
		return;
	lwt_expected("1 sample, 1 call; its 16 bytes \"%s\", a read at 16 -E2BIG; a second drain 0", hr_sample1);
	lwt_observed("%ld sample(s), %u call(s); read %ld \"%.16s\", at 16: %ld; again %ld",
		     out.drained, out.calls, out.read_ret, out.data, out.read_past, out.again);
	ASSERT_EQ(1, out.drained);
	ASSERT_EQ(1, out.calls);
	ASSERT_EQ(0, out.read_ret);
	ASSERT_EQ(0, memcmp(out.data, hr_sample1, 16));
	ASSERT_EQ(-E2BIG, out.read_past);
	ASSERT_EQ(0, out.again);
}

/* bpf_user_ringbuf_drain(): the loop runs "while ret == 0": a callback
 * returning 1 ends it after that sample (counted); the next one stays
 * for the next drain.
 */
TEST_F(user_ringbuf_drain, callback_stops)
{
	const char *const s[] = { hr_sample1, hr_sample2 };
	struct hr_drain_out one, rest;

	if (hr_user_write(_metadata, self->obj, s, 2) ||
	    hr_run(_metadata, self->obj, "drain_one", &one, sizeof(one)) ||
	    hr_run(_metadata, self->obj, "drain_all", &rest, sizeof(rest)))
		return;
	lwt_expected("stopping drain: 1 sample, 1 call, \"%s\"; next drain: 1 sample, \"%s\"",
		     hr_sample1, hr_sample2);
	lwt_observed("%ld sample(s), %u call(s), \"%.16s\"; next: %ld, \"%.16s\"",
		     one.drained, one.calls, one.data, rest.drained, rest.data);
	ASSERT_EQ(1, one.drained);
	ASSERT_EQ(1, one.calls);
	ASSERT_EQ(0, memcmp(one.data, hr_sample1, 16));
	ASSERT_EQ(1, rest.drained);
	ASSERT_EQ(0, memcmp(rest.data, hr_sample2, 16));
}

/* bpf_user_ringbuf_drain(): flags other than BPF_RB_NO_WAKEUP and
 * BPF_RB_FORCE_WAKEUP -EINVAL before any sample is taken.
 */
TEST_F(user_ringbuf_drain, bad_flags)
{
	const char *const s[] = { hr_sample1 };
	struct hr_drain_out bad, after;

	if (hr_user_write(_metadata, self->obj, s, 1) ||
	    hr_run(_metadata, self->obj, "drain_bad_flags", &bad, sizeof(bad)) ||
	    hr_run(_metadata, self->obj, "drain_all", &after, sizeof(after)))
		return;
	lwt_expected("flags 4: -EINVAL, no call; the sample is still there for a drain with flags 0");
	lwt_observed("%ld, %u call(s); then %ld sample(s)", bad.bad_flags, bad.calls,
		     after.drained);
	ASSERT_EQ(-EINVAL, bad.bad_flags);
	ASSERT_EQ(0, bad.calls);
	ASSERT_EQ(1, after.drained);
}

/* --- perf_event_output ---------------------------------------------- */

HELPER_FIXTURE(perf_event_output)

struct hr_perf_out {
	long plain, with_pkt, bad_flags, past_len;
};

#define HR_PERF 0x50455246
#define HR_PERF_WAIT_MS 1000

static void hr_perf_sample(void *ctx, int cpu, void *data, __u32 size)
{
	hr_keep(ctx, data, size);
}

/* A perf buffer on map "events" (one perf event per CPU). */
static struct perf_buffer *hr_perf_open(struct __test_metadata *_metadata,
					struct bpf_object *obj, struct hr_got *got)
{
	int fd = lwt_obj_map_fd(obj, "events");
	struct perf_buffer *pb;

	memset(got, 0, sizeof(*got));
	pb = fd < 0 ? NULL : perf_buffer__new(fd, 8, hr_perf_sample, NULL, got, NULL);
	if (!pb)
		CASE_FAIL("perf_buffer__new: %s", strerror(errno));
	return pb;
}

/* Run PROG with a perf buffer open and poll until want samples came or
 * HR_PERF_WAIT_MS passed (want 0: just take what is there).
 */
static int hr_perf_run(struct __test_metadata *_metadata, struct bpf_object *obj,
		       const char *prog, int want, struct hr_perf_out *out,
		       struct hr_got *got)
{
	struct perf_buffer *pb = hr_perf_open(_metadata, obj, got);
	__u64 start = hm_now_ms();
	int err;

	if (!pb)
		return -1;
	err = hr_run(_metadata, obj, prog, out, sizeof(*out));
	while (!err && got->n < want && hm_now_ms() - start < HR_PERF_WAIT_MS)
		perf_buffer__poll(pb, HR_PERF_WAIT_MS / 10);
	if (!err)
		perf_buffer__consume(pb);
	perf_buffer__free(pb);
	return err;
}

/* bpf_skb_event_output() (net/core/filter.c) -> bpf_event_output() ->
 * perf_event_output() on this CPU's event (BPF_F_CURRENT_CPU): the
 * reader gets a raw sample that starts with the data.
 */
TEST_F(perf_event_output, sample_arrives)
{
	struct hr_perf_out out;
	struct hr_got got;
	struct hr_rec r;

	if (hr_perf_run(_metadata, self->obj, "out_plain", 1, &out, &got))
		return;
	r = hr_rec_at(&got, 0);
	lwt_expected("0; one sample of >= 8 bytes starting {PERF, %d}", LWT_PKT_L3_LEN);
	lwt_observed("%ld; %d sample(s), first %u bytes {%#x, %u}", out.plain, got.n,
		     got.n ? got.size[0] : 0, r.magic, r.val);
	ASSERT_EQ(0, out.plain);
	ASSERT_EQ(1, got.n);
	ASSERT_LE(8, got.size[0]);
	ASSERT_EQ(HR_PERF, r.magic);
	ASSERT_EQ(LWT_PKT_L3_LEN, r.val);
}

/* bpf_skb_event_output(): "skb_size = (flags & BPF_F_CTXLEN_MASK) >> 32"
 * packet bytes follow the data, copied by bpf_skb_copy() from offset 0
 * of skb->data: the network header for LWT_IN. 8 + 20 bytes.
 */
TEST_F(perf_event_output, appends_packet_bytes)
{
	struct hr_perf_out out;
	struct hr_got got;
	struct hr_rec r;
	int same;

	if (hr_perf_run(_metadata, self->obj, "out_pkt", 1, &out, &got))
		return;
	r = hr_rec_at(&got, 0);
	same = got.n && !memcmp(got.data[0] + 8, lwt_pkt_v4 + 14, 20);
	lwt_expected("0; one 28-byte sample: {PERF, %d} and the 20-byte IPv4 header", LWT_PKT_L3_LEN);
	lwt_observed("%ld; %d sample(s), first %u bytes {%#x, %u}, then the header %s",
		     out.with_pkt, got.n, got.n ? got.size[0] : 0, r.magic, r.val,
		     same ? "equal" : "differs");
	ASSERT_EQ(0, out.with_pkt);
	ASSERT_EQ(1, got.n);
	ASSERT_EQ(28, got.size[0]);
	ASSERT_EQ(HR_PERF, r.magic);
	ASSERT_TRUE(same);
}

/* __bpf_perf_event_output() (kernel/trace/bpf_trace.c): "if (!ee) return
 * -ENOENT": no perf event in this CPU's slot while nobody reads.
 */
TEST_F(perf_event_output, no_reader_enoent)
{
	struct hr_perf_out out;

	if (hr_run(_metadata, self->obj, "out_plain", &out, sizeof(out)))
		return;
	lwt_expected("-ENOENT without a perf buffer open");
	lwt_observed("%ld", out.plain);
	ASSERT_EQ(-ENOENT, out.plain);
}

/* bpf_skb_event_output(): flags outside BPF_F_CTXLEN_MASK |
 * BPF_F_INDEX_MASK -EINVAL; "if (unlikely(skb_size > skb->len)) return
 * -EFAULT". Neither outputs a sample.
 */
TEST_F(perf_event_output, bad_flags)
{
	struct hr_perf_out out;
	struct hr_got got;

	if (hr_perf_run(_metadata, self->obj, "out_bad", 0, &out, &got))
		return;
	lwt_expected("flag bit 52: -EINVAL; 47 packet bytes of %d: -EFAULT; no sample", LWT_PKT_L3_LEN);
	lwt_observed("%ld; %ld; %d sample(s)", out.bad_flags, out.past_len, got.n);
	ASSERT_EQ(-EINVAL, out.bad_flags);
	ASSERT_EQ(-EFAULT, out.past_len);
	ASSERT_EQ(0, got.n);
}
