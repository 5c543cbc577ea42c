// SPDX-License-Identifier: GPL-2.0
/* ctx_access: which __sk_buff fields an LWT_IN program may read and
 * write, at which sizes and in which instruction forms, what the verifier
 * says about the rest, and what an accepted access reads or writes.
 *
 * Cases: ctx_access/<slot>/<aspect> for every row of ctx_fields.h times
 * every row of ctx_aspects.h, plus the CTX_SPECIALS below. Accepted
 * programs run once through BPF_PROG_TEST_RUN (bpf_prog_test_run_skb).
 */
#include <fnmatch.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include "lwt_harness.h"
#include "lwt_bpf.h"

#ifndef offsetofend
#define offsetofend(type, member) \
	(offsetof(type, member) + sizeof(((type *)0)->member))
#endif
#include "ctx_fields.h"
#include "ctx_aspects.h"

enum spec_claim { N, Y, A };
static const char *const claim_str[] = { "no", "yes", "not on the page" };
enum val_kind { VAL, PTR };
enum aspect_kind { LOAD, LOADSX, STX, ST, ATOMIC };

struct ctx_row {
	const char *id;
	unsigned int off, width, store, rd, wr;
	int since;
	enum spec_claim spec_rd, spec_wr;
	enum val_kind kind;
	const char *why;
};

#define FIELD(id, off, width, store, rd, wr, since, srd, swr, kind, why) \
	{ #id, off, width, store, rd, wr, since, srd, swr, kind, why },
static const struct ctx_row rows[] = {
#include "ctx_fields.h"
};
#undef FIELD
#define NROWS (sizeof(rows) / sizeof(rows[0]))

#define FIELD(id, ...) ROW_##id,
enum {
#include "ctx_fields.h"
};
#undef FIELD

struct aspect {
	const char *name;
	enum aspect_kind kind;
	unsigned int size, delta;
};
#define ASPECT(name, kind, bits, delta) { #name, kind, (bits) / 8, delta },
static const struct aspect aspects[] = {
#include "ctx_aspects.h"
};
#undef ASPECT
#define NASPECTS (sizeof(aspects) / sizeof(aspects[0]))

/* Verifier rules that do not depend on the field (kernel/bpf/verifier.c).
 * Each: the version it holds since, and the behaviour before that.
 */
#define KV_ST_CTX   KV(6, 4)	/* 0d80a619c113 "bpf: allow ctx writes using
				 * BPF_ST_MEM instruction": do_check() no longer
				 * rejects BPF_ST into ctx */
#define KV_MEMSX    KV(6, 6)	/* 1f9a1ea821ff "bpf: Support new sign-extension
				 * load insns"; before it resolve_pseudo_ldimm64()
				 * rejects the mode */
#define KV_LDSX_PTR KV(6, 12)	/* 92de36080c93: bpf_skb_is_valid_access() refuses
				 * info->is_ldsx on data/data_meta/data_end; 6.6 to
				 * 6.11 accept it (fix backported to 6.10.y, 6.11.y:
				 * judge those with --kver 6.12) */

/* What a case expects: accept (and run), reject with msg, or skip. */
struct expectation {
	bool skip, accept;
	char msg[160];
	char why[200];
};

static const struct ctx_row *row_at(unsigned int off)
{
	size_t i;

	for (i = 0; i < NROWS; i++)
		if (off >= rows[i].off && off < rows[i].off + rows[i].width)
			return &rows[i];
	return &rows[ROW_past_end];
}

static void ctx_expect(const struct ctx_row *slot, const struct aspect *a,
		       int kver, struct expectation *e)
{
	unsigned int off = slot->off + a->delta;
	const struct ctx_row *r = row_at(off);
	bool write = a->kind == STX || a->kind == ST || a->kind == ATOMIC;
	unsigned int sizes = write ? r->wr : r->rd;

	memset(e, 0, sizeof(*e));
	if (kver < slot->since || kver < r->since) {
		int since = slot->since > r->since ? slot->since : r->since;

		e->skip = true;
		snprintf(e->why, sizeof(e->why), "needs kernel %d.%d (field %s)",
			 KV_MAJOR(since), KV_MINOR(since),
			 kver < slot->since ? slot->id : r->id);
		return;
	}
	if (a->kind == ATOMIC) {
		/* check_atomic(): ctx is never an atomic target */
		snprintf(e->msg, sizeof(e->msg),
			 "BPF_ATOMIC stores into R1 ctx is not allowed");
		snprintf(e->why, sizeof(e->why), "verifier.c check_atomic(): is_ctx_reg");
		return;
	}
	if (a->kind == ST && kver < KV_ST_CTX) {
		snprintf(e->msg, sizeof(e->msg),
			 "BPF_ST stores into R1 ctx is not allowed");
		snprintf(e->why, sizeof(e->why),
			 "verifier.c do_check(): BPF_ST into ctx before %d.%d",
			 KV_MAJOR(KV_ST_CTX), KV_MINOR(KV_ST_CTX));
		return;
	}
	if (a->kind == LOADSX && kver < KV_MEMSX) {
		snprintf(e->msg, sizeof(e->msg), "BPF_LDX uses reserved fields");
		snprintf(e->why, sizeof(e->why),
			 "verifier.c resolve_pseudo_ldimm64(): no BPF_MEMSX before %d.%d",
			 KV_MAJOR(KV_MEMSX), KV_MINOR(KV_MEMSX));
		return;
	}
	/* bpf_skb_is_valid_access(): off % size, then the field's sizes;
	 * a sign-extending load of data/data_end is refused (info->is_ldsx)
	 */
	bool ldsx_ptr = a->kind == LOADSX && r->kind == PTR && r->rd == SZ_4;

	e->accept = (sizes & a->size) && off % a->size == 0 &&
		    !(ldsx_ptr && kver >= KV_LDSX_PTR);
	if (!e->accept)
		snprintf(e->msg, sizeof(e->msg),
			 "invalid bpf_context access off=%u size=%u", off, a->size);
	snprintf(e->why, sizeof(e->why), "%s%s", r->why,
		 !ldsx_ptr ? "" : kver >= KV_LDSX_PTR ?
		 "; is_ldsx refused for packet pointers since 6.12" :
		 "; is_ldsx not refused for packet pointers before 6.12");
}

/* The __sk_buff given as ctx_in, and the one the program should see:
 * bpf_prog_test_run_skb() takes mark, priority, ingress_ifindex, cb,
 * gso_segs and gso_size from ctx_in (convert___skb_to_skb), builds the
 * rest from the packet (eth_type_trans on the netns' loopback).
 * Every byte of the given values differs and has its top bit set, so a
 * narrow or sign-extending read at the wrong place shows.
 */
static void ctx_in_make(struct __sk_buff *in)
{
	int kver = lwt_kver(), i;

	/* convert___skb_to_skb() refuses fields it does not know yet */
	memset(in, 0, sizeof(*in));
	in->priority = 0x94959697;			/* since 5.2 */
	for (i = 0; i < 5; i++)
		in->cb[i] = 0xa0a1a2a3 + 0x04040404 * i;
	if (kver >= KV(5, 6)) {
		in->mark = 0x8c8d8e8f;
		in->gso_segs = 0x8081;
	}
	if (kver >= KV(5, 7))
		in->gso_size = 0x8283;
	if (kver >= KV(5, 16))
		in->ingress_ifindex = 0x0b;
}

static void ctx_image_make(const struct __sk_buff *in, struct __sk_buff *img)
{
	memset(img, 0, sizeof(*img));
	img->len = LWT_PKT_L3_LEN;
	img->pkt_type = PACKET_OTHERHOST;
	img->mark = in->mark;
	img->protocol = htons(ETH_P_IP);
	img->priority = in->priority;
	img->ingress_ifindex = in->ingress_ifindex;
	img->ifindex = 1;			/* loopback of the netns */
	memcpy(img->cb, in->cb, sizeof(img->cb));
	img->gso_segs = in->gso_segs;
	img->gso_size = in->gso_size;
}

static uint64_t bytes_le(const void *base, unsigned int off, unsigned int size)
{
	const uint8_t *p = (const uint8_t *)base + off;
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < size && i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* The value a read of a VAL row returns, as the kernel computes it:
 * direct rows (cb) read memory at their own size; converted rows load
 * the whole field (row->store bytes) and, only when the access is
 * narrower than that load, shift and mask it (convert_ctx_accesses:
 * "is_narrower_load && size < target_size"). MEMSX sign-extends last.
 * bpf_prog_test_run's retval carries the low 32 bits of R0.
 */
static uint32_t expected_read(const struct __sk_buff *img, const struct ctx_row *r,
			      unsigned int off, unsigned int size, bool sign)
{
	uint64_t v;

	if (!r->store || size == 8) {
		v = bytes_le(img, off, size);
	} else {
		v = bytes_le(img, r->off, 4);
		if (size < r->store)
			v = (v >> (8 * (off & 3))) & ((1ull << (8 * size)) - 1);
	}
	if (sign && size < 8) {
		unsigned int shift = 64 - 8 * size;

		v = (uint64_t)((int64_t)(v << shift) >> shift);
	}
	return (uint32_t)v;
}

static const char *kind_str(enum aspect_kind k)
{
	static const char *const s[] = { "LDX|MEM", "LDX|MEMSX", "STX|MEM",
					 "ST|MEM", "STX|ATOMIC" };
	return s[k];
}


FIXTURE(ctx_access) { int unused; };
FIXTURE_VARIANT(ctx_access) { int row; };	/* -1: not a field */
FIXTURE_SETUP(ctx_access) {}
FIXTURE_TEARDOWN(ctx_access) {}

/* Variant identifiers end in '_' (dropped from case names, lwt_main.h)
 * so that "data" cannot collide with the harness's _register_<f>_data.
 */
#define FIELD(id, ...)							\
	FIXTURE_VARIANT_ADD(ctx_access, id##_) { .row = ROW_##id };	\
	struct lwt_end_field_##id;
#include "ctx_fields.h"
#undef FIELD
FIXTURE_VARIANT_ADD(ctx_access, packet_) { .row = -1 };
FIXTURE_VARIANT_ADD(ctx_access, ctx_ptr_) { .row = -1 };

#include "lwt_record.h"
#include "lwt_case.h"

/* Verdict and message check shared by grid and special cases. Returns
 * true when the case should go on to run the accepted program.
 */
static bool check_verdict(struct __test_metadata *_metadata,
			  const struct expectation *e, const struct lwt_load *ld,
			  bool accept)
{
	char tail[1024];

	if (ld->fd < 0 && ld->err == 0) {	/* object or program missing */
		lwt_observed("not loaded: %s", ld->log);
		CASE_FAIL("%s", ld->log);
		return false;
	}
	lwt_log_tail(ld->log, 3, tail, sizeof(tail));
	if (accept != (ld->fd >= 0)) {
		if (ld->fd >= 0)
			lwt_observed("accepted");
		else
			lwt_observed("rejected (errno %d): %s", ld->err, tail);
		CASE_FAIL("verifier %s, expected %s%s",
			  ld->fd >= 0 ? "accepted" : "rejected",
			  accept ? "accept" : "reject: ", accept ? "" : e->msg);
		return false;
	}
	if (ld->fd < 0) {
		lwt_observed("rejected (errno %d): %s", ld->err, tail);
		if (!strstr(ld->log, e->msg))
			CASE_FAIL("verifier log lacks \"%s\"; tail: %s", e->msg, tail);
		if (lwt_verbose)
			TH_LOG("verifier log tail: %s", tail);
		return false;
	}
	return true;
}

/* What the spec page claims for this access. The page names no sizes, so
 * its yes/no is compared with the kernel only for the field's own width
 * at its start (u32 or u64 load, STX store); a difference is marked.
 */
static void spec_note(const struct ctx_row *slot, const struct ctx_row *r,
		      const struct aspect *a, const struct expectation *e)
{
	bool write = a->kind != LOAD && a->kind != LOADSX;
	enum spec_claim c = write ? r->spec_wr : r->spec_rd;
	bool natural = (a->kind == LOAD || a->kind == STX) && a->delta == 0 &&
		       a->size == slot->width && !e->skip;

	lwt_spec("%s: %s (spec page, %s)%s", write ? "write" : "read",
		 claim_str[c], r->id,
		 natural && c != A && (c == Y) != e->accept ?
		 "; DIVERGES from the kernel" : "");
}

static void run_grid(struct __test_metadata *_metadata, int row_idx,
		     const struct aspect *a)
{
	const struct ctx_row *slot = &rows[row_idx];
	unsigned int off = slot->off + a->delta;
	const struct ctx_row *r = row_at(off);
	struct __sk_buff in, img, out, want;
	struct expectation e;
	struct lwt_load ld;
	char obj[96], name[160], buf[sizeof(lwt_rec->expected)];
	unsigned int retval, expect_rv;
	bool write = a->kind == STX || a->kind == ST || a->kind == ATOMIC;
	bool accept;
	int err;

	snprintf(name, sizeof(name), "ctx_access/%s/%s", slot->id, a->name);
	lwt_hang_fault();
	ctx_expect(slot, a, lwt_kver(), &e);
	spec_note(slot, r, a, &e);
	if (e.skip) {
		lwt_reason("%s", e.why);
		SKIP(return, "%s", e.why);
	}
	accept = e.accept != fault_injected(name);
	if (!accept && e.accept)
		snprintf(e.msg, sizeof(e.msg), "(LWT_FAULT: any rejection)");
	lwt_expected("%s %u bytes at off %u: %s%s [%s]", kind_str(a->kind),
		     a->size, off, accept ? "accept" : "reject: ",
		     accept ? "" : e.msg, e.why);

	snprintf(obj, sizeof(obj), "ctx_%s.bpf.o", slot->id);
	lwt_load_prog(obj, a->name, &ld);
	if (!check_verdict(_metadata, &e, &ld, accept))
		return;

	ctx_in_make(&in);
	ctx_image_make(&in, &img);
	memset(&out, 0, sizeof(out));
	err = lwt_test_run(ld.fd, &in, &out, &retval);
	close(ld.fd);
	if (err) {
		lwt_observed("accepted; BPF_PROG_TEST_RUN failed: %s", strerror(-err));
		CASE_FAIL("BPF_PROG_TEST_RUN failed: %s", strerror(-err));
		return;
	}
	if (write) {
		/* the store lands in ctx_out (mark, priority, cb) and
		 * nowhere else that ctx_out reports
		 */
		uint64_t v = CTX_STORE_VALUE;

		want = in;
		memcpy((uint8_t *)&want + off, &v, a->size);
		want.cb[0] ^= lwt_value_fault();
		snprintf(buf, sizeof(buf), "%s", lwt_rec->expected);
		lwt_expected("%s; then mark=%#x priority=%#x cb={%#x,%#x,%#x,%#x,%#x}",
			     buf, want.mark, want.priority, want.cb[0],
			     want.cb[1], want.cb[2], want.cb[3], want.cb[4]);
		lwt_observed("accepted; mark=%#x priority=%#x cb={%#x,%#x,%#x,%#x,%#x}",
			     out.mark, out.priority, out.cb[0], out.cb[1],
			     out.cb[2], out.cb[3], out.cb[4]);
		if (out.mark != want.mark || out.priority != want.priority ||
		    memcmp(out.cb, want.cb, sizeof(want.cb)))
			CASE_FAIL("ctx_out differs from the store's expected effect");
		return;
	}
	if (r->kind == PTR) {
		lwt_observed("accepted; ran, retval %#x (a pointer: value checked by ctx_access/%s special cases)",
			     retval, r->id);
		return;
	}
	expect_rv = expected_read(&img, r, off, a->size, a->kind == LOADSX) ^
		    lwt_value_fault();
	snprintf(buf, sizeof(buf), "%s", lwt_rec->expected);
	lwt_expected("%s; reads %#x%s", buf, expect_rv,
		     r->store && a->size >= r->store && a->size < 4 && (off & 3) ?
		     " (whole field: access not narrower than the kernel's load)" : "");
	lwt_observed("accepted; reads %#x", retval);
	if (retval != expect_rv)
		CASE_FAIL("read %#x, expected %#x", retval, expect_rv);
}

#define ASPECT(name, ...) ASPECT_##name,
enum {
#include "ctx_aspects.h"
};
#undef ASPECT
#define ASPECT(name, kind, bits, delta)					\
TEST_F(ctx_access, name)						\
{									\
	run_grid(_metadata, variant->row, &aspects[ASPECT_##name]);	\
}									\
struct lwt_end_aspect_##name;
#include "ctx_aspects.h"
#undef ASPECT

#include "ctx_specials.h"

struct special {
	const char *test, *subject;
	bool accept;
	const char *msg;
	long retval;
	const char *why;
};
#define SPECIAL(test, subject, accept, msg, rv, why) \
	{ #test, #subject, accept, msg, rv, why },
static const struct special specials[] = {
#include "ctx_specials.h"
};
#undef SPECIAL
#define SPECIAL(test, ...) SPECIAL_##test,
enum {
#include "ctx_specials.h"
};
#undef SPECIAL

static void run_special(struct __test_metadata *_metadata,
			const struct special *s)
{
	struct expectation e = { 0 };
	struct __sk_buff in, out;
	struct lwt_load ld;
	char prog[96], name[160];
	unsigned int retval;
	bool accept;
	int err;

	snprintf(name, sizeof(name), "ctx_access/%s/%s", s->subject, s->test);
	accept = s->accept != fault_injected(name);
	snprintf(e.msg, sizeof(e.msg), "%s",
		 !accept && s->accept ? "(LWT_FAULT: any rejection)" : s->msg);
	if (accept && s->retval >= 0)
		lwt_expected("accept; retval %ld [%s]", s->retval, s->why);
	else
		lwt_expected("%s%s [%s]", accept ? "accept" : "reject: ",
			     accept ? "" : s->msg, s->why);
	snprintf(prog, sizeof(prog), "%s_%s", s->subject, s->test);
	lwt_load_prog("ctx_special.bpf.o", prog, &ld);
	if (!check_verdict(_metadata, &e, &ld, accept))
		return;
	ctx_in_make(&in);
	err = lwt_test_run(ld.fd, &in, &out, &retval);
	close(ld.fd);
	if (err) {
		lwt_observed("accepted; BPF_PROG_TEST_RUN failed: %s", strerror(-err));
		CASE_FAIL("BPF_PROG_TEST_RUN failed: %s", strerror(-err));
		return;
	}
	lwt_observed("accepted; retval %u", retval);
	if (s->retval >= 0 &&
	    retval != ((unsigned int)s->retval ^ lwt_value_fault()))
		CASE_FAIL("retval %u, expected %ld", retval,
			  s->retval ^ lwt_value_fault());
}

#define SPECIAL(test, ...)						\
TEST_F(ctx_access, test)						\
{									\
	run_special(_metadata, &specials[SPECIAL_##test]);		\
}									\
struct lwt_end_special_##test;
#include "ctx_specials.h"
#undef SPECIAL

/* Grid aspects apply to field rows; a special to its own subject. */
static bool ctx_case_applies(const struct __fixture_variant_metadata *v,
			     const struct __test_metadata *t)
{
	int row = v->data ? VARIANT_DATA(ctx_access, v)->row : -1;
	size_t i;

	for (i = 0; i < NASPECTS; i++)
		if (!strcmp(t->name, aspects[i].name))
			return row >= 0;
	for (i = 0; i < sizeof(specials) / sizeof(specials[0]); i++)
		if (!strcmp(t->name, specials[i].test))
			return !strncmp(v->name, specials[i].subject,
					strlen(specials[i].subject)) &&
			       !strcmp(v->name + strlen(specials[i].subject), "_");
	return true;
}

static int ctx_prepare(void)
{
	static char names[NROWS + 1][64];
	const char *list[NROWS + 1];
	size_t i;

	for (i = 0; i < NROWS; i++) {
		snprintf(names[i], sizeof(names[i]), "ctx_%s.bpf.o", rows[i].id);
		list[i] = names[i];
	}
	list[NROWS] = "ctx_special.bpf.o";
	return lwt_preload(list, NROWS + 1);
}

#define LWT_CATEGORY "ctx_access"
#define LWT_CASE_APPLIES(f, v, t) ctx_case_applies(v, t)
#define LWT_PREPARE() ctx_prepare()
#define LWT_INPROCESS
#include "lwt_main.h"
