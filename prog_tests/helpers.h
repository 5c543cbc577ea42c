/* SPDX-License-Identifier: GPL-2.0 */
/* The helpers category: what its source files share. helpers.c holds the
 * table's cases (availability, the sweep) and main(); helpers_func.c the
 * functional cases' common steps; helpers_<group>.c the functional cases,
 * one fixture per helper (HELPER_FIXTURE). Each compiles on its own.
 */
#ifndef LWT_HELPERS_H
#define LWT_HELPERS_H

#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "lwt_harness.h"
#include "lwt_bpf.h"
#include "lwt_record.h"
#include "lwt_case.h"

enum avail { DENY, ALLOW, ALLOW_BPF, ALLOW_PERFMON };
enum spec_claim { N, Y };

#include "helpers_table.h"

struct helper_row {
	int id;
	const char *name;
	enum avail now;
	int since;
	enum avail before;
	enum spec_claim spec;
	const char *why;
};
/* helpers_table.h as data (helpers.c), and its row numbers */
extern const struct helper_row helper_rows[];
extern const size_t helper_nrows;
#define HELPER(id, name, ...) HROW_##name,
enum {
#include "helpers_table.h"
};
#undef HELPER

static inline enum avail expected_avail(const struct helper_row *h, int kver)
{
	return kver >= h->since ? h->now : h->before;
}

/* helpers_func.c */
bool kfunc_too_new(const char *log);
struct bpf_object *helper_obj_load(struct __test_metadata *_metadata, const char *file);
void helper_load_failed(struct __test_metadata *_metadata, const char *err);
void helper_needs(struct __test_metadata *_metadata, int row);
__s64 map_op_err(int err);
int helper_run(struct __test_metadata *_metadata, struct bpf_object *obj,
	       const char *prog, unsigned int *retval);
int helper_bss(struct __test_metadata *_metadata, struct bpf_object *obj,
	       void *buf, size_t len);
int helper_run_bss(struct __test_metadata *_metadata, struct bpf_object *obj,
		   const char *prog, void *out, size_t len);
int helper_run_prog(struct __test_metadata *_metadata, const struct bpf_program *p,
		    unsigned int *retval);
int bss_store(struct __test_metadata *_metadata, struct bpf_object *obj,
	      const void *buf, size_t len);
int cgroup2_mount(char *buf, size_t len);
int cgroup2_own_path(char *buf, size_t len);
__u64 hm_now_ms(void);

/* Fixture h (cases helpers/h/...): self->obj is progs/helper_<h>.bpf.o,
 * loaded in setup (a failure fails the case with the verifier's words;
 * a helper or input too new for this kernel skips it) and closed in
 * teardown.
 */
#define HELPER_FIXTURE(h)						\
FIXTURE(h) { struct bpf_object *obj; };					\
FIXTURE_SETUP(h)							\
{									\
	helper_needs(_metadata, HROW_##h);				\
	self->obj = helper_obj_load(_metadata, "helper_" #h ".bpf.o");	\
}									\
FIXTURE_TEARDOWN(h)							\
{									\
	bpf_object__close(self->obj);					\
}									\
struct lwt_end_fixture_##h;

/* The same through the object's skeleton (helper_<h>.skel.h, included by
 * the case's file): self->skel, with the programs' globals at
 * self->skel->bss and the programs at self->skel->progs; a field renamed
 * in the program is a compile error here, not a silent pass.
 */
#define HELPER_SKEL_FIXTURE(h)						\
FIXTURE(h) { struct helper_##h *skel; };				\
FIXTURE_SETUP(h)							\
{									\
	char err[2048];							\
									\
	helper_needs(_metadata, HROW_##h);				\
	self->skel = LWT_SKEL_LOAD(helper_##h, err, sizeof(err));	\
	if (!self->skel)						\
		helper_load_failed(_metadata, err);			\
}									\
FIXTURE_TEARDOWN(h)							\
{									\
	helper_##h##__destroy(self->skel);				\
}									\
struct lwt_end_fixture_##h;

/* In a TEST_F on a HELPER_SKEL_FIXTURE: run program PROG once and copy
 * the globals' struct res into out, a __typeof__(self->skel->bss->res);
 * or set res from in before a run. 0, or -1 with the case failed.
 */
int helper_run_copy(struct __test_metadata *_metadata, const struct bpf_program *p,
		    void *out, const void *res, size_t len);
#define SKEL_RUN(prog, out)						\
	helper_run_copy(_metadata, self->skel->progs.prog, &(out),	\
			&self->skel->bss->res, sizeof(out))
#define SKEL_STORE(in) ({ self->skel->bss->res = (in); 0; })
#define SKEL_RES __typeof__(self->skel->bss->res)

#endif
