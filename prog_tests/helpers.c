// SPDX-License-Identifier: GPL-2.0
/* helpers: the exact set of BPF helpers an LWT_IN program may call, and
 * each helper on the spec page doing its job.
 *
 * helpers/<helper>/availability      verdict as root vs helpers_table.h
 * helpers/<helper>/without_perfmon   the same without CAP_PERFMON
 * helpers/sweep/...                  ids past the table, loading without
 *                                    CAP_BPF, the three lists (-v)
 * helpers/<helper>/<aspect>          what the helper does (helpers_*.c)
 */
#include <sys/mman.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include "helpers.h"

#define HELPER(id, name, now, since, before, spec, why) \
	{ id, #name, now, since, before, spec, why },
const struct helper_row helper_rows[] = {
#include "helpers_table.h"
};
#undef HELPER
const size_t helper_nrows = sizeof(helper_rows) / sizeof(helper_rows[0]);
#define NHELPERS helper_nrows

/* The verifier's message for a helper the program type may not call:
 * "program of this type cannot use helper" since 6.10 (786bf0e7e2ec),
 * "unknown func" before; check_helper_call().
 */
#define KV_HELPER_MSG KV(6, 10)

/* --- capability sweeps, once per process, before any case ------------ */

#define SWEEP_MAX 512
struct sweep {
	int done;
	int last_valid;			/* highest id the kernel knows */
	unsigned char cls[SWEEP_MAX];	/* enum lwt_helper_class */
	char msg[SWEEP_MAX][160];
};
static struct sweep *sweep_root, *sweep_noperfmon;
static int load_without_bpf_err = -1;	/* errno of an LWT_IN load without CAP_BPF */

static void sweep_run(struct sweep *s)
{
	int id;

	s->last_valid = 0;
	for (id = 1; id < SWEEP_MAX; id++) {
		s->cls[id] = lwt_helper_class(id, s->msg[id], sizeof(s->msg[id]));
		if (s->cls[id] == HC_INVALID)
			break;
		s->last_valid = id;
	}
	s->done = 1;
}

/* Run fn in a child that dropped caps; results come back through shared
 * memory, so this process keeps every capability.
 */
static void in_child_without(const int *caps, int ncaps, void (*fn)(void))
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (lwt_drop_caps(caps, ncaps))
			_exit(2);
		fn();
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
}

static void sweep_noperfmon_child(void) { sweep_run(sweep_noperfmon); }

static int *shared_err;
static void load_without_bpf_child(void)
{
	*shared_err = lwt_probe() ? errno : 0;
}

static int helpers_prepare(void)
{
	/* perfmon_capable() and bpf_capable() also accept CAP_SYS_ADMIN */
	static const int no_perfmon[] = { CAP_PERFMON, CAP_SYS_ADMIN };
	static const int no_bpf[] = { CAP_BPF, CAP_SYS_ADMIN };
	void *mem = mmap(NULL, 2 * sizeof(struct sweep) + sizeof(int),
			 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (mem == MAP_FAILED)
		return -1;
	sweep_root = mem;
	sweep_noperfmon = sweep_root + 1;
	shared_err = (int *)(sweep_noperfmon + 1);
	*shared_err = -1;
	sweep_run(sweep_root);
	in_child_without(no_perfmon, 2, sweep_noperfmon_child);
	in_child_without(no_bpf, 2, load_without_bpf_child);
	load_without_bpf_err = *shared_err;
	return 0;
}

/* --- helpers/<helper>/availability and /without_perfmon ------------- */

FIXTURE(helpers) { int unused; };
FIXTURE_VARIANT(helpers) { int row; };	/* -1: the sweep subject */
FIXTURE_SETUP(helpers) {}
FIXTURE_TEARDOWN(helpers) {}

#define HELPER(id, name, ...)						\
	FIXTURE_VARIANT_ADD(helpers, name##_) { .row = HROW_##name };	\
	struct lwt_end_helper_##name;
#include "helpers_table.h"
#undef HELPER
FIXTURE_VARIANT_ADD(helpers, sweep_) { .row = -1 };

static bool is_allowed(enum avail a, bool perfmon)
{
	return a == ALLOW || a == ALLOW_BPF || (a == ALLOW_PERFMON && perfmon);
}

/* A CAP_BPF helper denied without CAP_PERFMON: is the sweep's CAP_BPF
 * itself in doubt? bpf_jiffies64 sits in the same CAP_BPF block of
 * bpf_base_func_proto() in every version; when it is allowed, the
 * credentials hold and the kernel has moved this helper: said in the
 * failure (the expectation stays the source's).
 */
static const char *control_note(const struct helper_row *h, const struct sweep *s,
				enum avail want, bool allow)
{
	int jiffies64 = helper_rows[HROW_jiffies64].id;

	if (!allow || want != ALLOW_BPF || s->cls[h->id] == HC_ALLOWED ||
	    s->last_valid < jiffies64)
		return "";
	return s->cls[jiffies64] == HC_ALLOWED ?
	       " (bpf_jiffies64, same CAP_BPF block of bpf_base_func_proto(), is allowed: "
	       "this kernel differs from upstream)" :
	       " (bpf_jiffies64 is denied too: CAP_BPF did not hold in the sweep)";
}

static void check_availability(struct __test_metadata *_metadata,
			       const struct helper_row *h, const struct sweep *s,
			       bool perfmon, const char *aspect)
{
	int kver = lwt_kver();
	enum avail want = expected_avail(h, kver);
	bool allow = is_allowed(want, perfmon);
	char name[128];

	snprintf(name, sizeof(name), "helpers/%s/%s", h->name, aspect);
	/* judged as root (the availability aspect): an allowed helper the
	 * page omits, or a listed one the kernel denies, is a divergence
	 */
	lwt_spec("on the spec page's helper list: %s%s", h->spec == Y ? "yes" : "no",
		 !perfmon ? "" : h->spec == Y && !allow ? " [DIVERGES: listed, denied]" :
		 h->spec == N && allow ? " [DIVERGES: allowed, not listed]" : "");
	allow ^= fault_injected(name);
	lwt_expected("bpf_%s#%d %s%s [%s%s]", h->name, h->id,
		     allow ? "allowed" : "denied",
		     allow ? "" : kver >= KV_HELPER_MSG ?
		     ": program of this type cannot use helper" : ": unknown func",
		     h->why, kver < h->since ? "; before the row's version" : "");
	if (!s || !s->done) {
		CASE_FAIL("the sweep did not run");
		return;
	}
	if (h->id > s->last_valid) {
		lwt_observed("invalid func: the kernel has no helper #%d", h->id);
		if (allow || kver >= h->since)
			CASE_FAIL("kernel lacks bpf_%s#%d", h->name, h->id);
		return;
	}
	lwt_observed("%s: %s", s->cls[h->id] == HC_DENIED ? "denied" :
		     s->cls[h->id] == HC_ALLOWED ? "allowed" : "error", s->msg[h->id]);
	if (s->cls[h->id] == HC_ERROR) {
		CASE_FAIL("probe load failed: %s", s->msg[h->id]);
		return;
	}
	if (allow != (s->cls[h->id] == HC_ALLOWED)) {
		CASE_FAIL("bpf_%s#%d is %s for LWT_IN, expected %s%s", h->name, h->id,
			  s->cls[h->id] == HC_ALLOWED ? "allowed" : "denied",
			  allow ? "allowed" : "denied", control_note(h, s, want, allow));
		return;
	}
	if (!allow && !strstr(s->msg[h->id], kver >= KV_HELPER_MSG ?
			      "program of this type cannot use helper" : "unknown func"))
		CASE_FAIL("denied with another message: %s", s->msg[h->id]);
}

TEST_F(helpers, availability)
{
	check_availability(_metadata, &helper_rows[variant->row], sweep_root,
			   true, "availability");
}

TEST_F(helpers, without_perfmon)
{
	check_availability(_metadata, &helper_rows[variant->row], sweep_noperfmon,
			   false, "without_perfmon");
}

/* No helper id past the table may be callable (a new helper must be
 * classified here before the suite passes).
 */
TEST_F(helpers, ids_past_table)
{
	int id, last = 0, extra = 0;
	size_t i;

	for (i = 0; i < NHELPERS; i++)
		if (helper_rows[i].id > last)
			last = helper_rows[i].id;

	lwt_expected("no LWT_IN-callable helper past #%d", last);
	for (id = last + 1; id <= sweep_root->last_valid; id++)
		if (sweep_root->cls[id] != HC_DENIED) {
			TH_LOG("helper #%d is callable and not in helpers_table.h: %s",
			       id, sweep_root->msg[id]);
			extra++;
		}
	lwt_observed("the kernel knows helpers up to #%d; %d callable past the table",
		     sweep_root->last_valid, extra);
	if (!!extra != lwt_fault())	/* LWT_FAULT: expect one, so this fails */
		CASE_FAIL("%d helper(s) past #%d callable from LWT_IN", extra, last);
}

/* Loading LWT_IN needs CAP_BPF (or CAP_SYS_ADMIN): bpf_prog_load() */
TEST_F(helpers, load_without_cap_bpf)
{
	lwt_expected("BPF_PROG_LOAD of LWT_IN fails with EPERM without CAP_BPF and CAP_SYS_ADMIN [syscall.c bpf_prog_load: bpf_cap]");
	lwt_observed("%s", load_without_bpf_err == 0 ? "loaded" :
		     load_without_bpf_err < 0 ? "not run" : strerror(load_without_bpf_err));
	if ((load_without_bpf_err != EPERM) != lwt_fault())
		CASE_FAIL("expected EPERM%s", lwt_fault() ? " not to be the answer (LWT_FAULT)" : "");
}

/* The sweep's three lists, for -v; fails if the sweep did not run. */
/* The exact allow-list at once: the three lists the sweep found (allowed,
 * allowed only with CAP_PERFMON, denied) against the ones helpers_table.h
 * gives for this version, each helper the table knows; every difference
 * is named. -v prints the lists.
 */
TEST_F(helpers, lists)
{
	static const char *const title[] = { "allowed", "allowed with CAP_PERFMON only", "denied" };
	bool invert = fault_injected("helpers/sweep/lists");
	int kver = lwt_kver(), list, diff = 0;
	char line[8192], miss[2048] = "";
	size_t i, m = 0;

	if (!sweep_root->done || !sweep_noperfmon->done) {
		CASE_FAIL("the sweep did not run");
		return;
	}
	for (list = 0; list < 3; list++) {
		int n = snprintf(line, sizeof(line), "%s:", title[list]);

		for (i = 0; i < NHELPERS; i++) {
			const struct helper_row *h = &helper_rows[i];
			enum avail a = expected_avail(h, kver);
			int want = is_allowed(a, true) ? (is_allowed(a, false) ? 0 : 1) : 2;
			bool root, nopm;
			int seen;

			if (h->id > sweep_root->last_valid)
				continue;	/* not in this kernel: its own case says */
			root = sweep_root->cls[h->id] == HC_ALLOWED;
			nopm = sweep_noperfmon->cls[h->id] == HC_ALLOWED;
			seen = root ? (nopm ? 0 : 1) : 2;
			if (invert)	/* LWT_FAULT: a wrong list expected */
				want = (want + 1) % 3;
			if (seen == list && n < (int)sizeof(line) - 64)
				n += snprintf(line + n, sizeof(line) - n, " %s", h->name);
			if (seen != list || want == seen)
				continue;
			diff++;
			if (m < sizeof(miss) - 96)
				m += snprintf(miss + m, sizeof(miss) - m, "%s%s: %s, expected %s",
					      diff > 1 ? "; " : "", h->name, title[seen],
					      title[want]);
		}
		TH_LOG("%s", line);
	}
	lwt_expected("the three lists of helpers_table.h for %d.%d",
		     KV_MAJOR(kver), KV_MINOR(kver));
	lwt_observed("sweep of helpers 1..%d as root and without CAP_PERFMON: %d differ",
		     sweep_root->last_valid, diff);
	if (diff)
		CASE_FAIL("%d helpers in another list: %s", diff, miss);
}

static bool helpers_case_applies(const struct __fixture_metadata *f,
				 const struct __fixture_variant_metadata *v,
				 const struct __test_metadata *t)
{
	bool sweep_test = !strcmp(t->name, "ids_past_table") ||
			  !strcmp(t->name, "load_without_cap_bpf") ||
			  !strcmp(t->name, "lists");

	if (strcmp(f->name, "helpers"))
		return true;
	return v->data && (VARIANT_DATA(helpers, v)->row < 0) == sweep_test;
}

#define LWT_CATEGORY "helpers"
#define LWT_CASE_APPLIES(f, v, t) helpers_case_applies(f, v, t)
#define LWT_PREPARE() helpers_prepare()
#define LWT_INPROCESS
#include "lwt_main.h"
