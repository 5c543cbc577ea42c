/* SPDX-License-Identifier: GPL-2.0 */
/* The public interface of kselftest_harness.h, as the suite's cases use
 * it: FIXTURE, FIXTURE_SETUP, FIXTURE_TEARDOWN, FIXTURE_VARIANT,
 * FIXTURE_VARIANT_ADD, TEST_F, EXPECT_* / ASSERT_* (with the trailing
 * statement that runs on failure), SKIP and TH_LOG.
 *
 * Why not the tree's own header: the suite's runner (lwt_main.h) lists
 * cases by name, runs a selection in-process or forked and reads each
 * verdict. The harness offers none of that through its public interface,
 * and the internals that would give it changed in 2024 (passed/skip
 * became exit_code). This file keeps the macros' meaning and owns the
 * registration, so the suite compiles and behaves the same inside any
 * kernel tree; only kselftest.h (exit codes) comes from the tree.
 *
 * Differences, all deliberate: an ASSERT failure longjmp()s to the case
 * (teardown still runs after a completed setup, as in the 2024 harness);
 * LWT_FAULT_ASSERT=<glob> turns every EXPECT/ASSERT of the matching cases
 * around (run_tests.sh --self-check).
 */
#ifndef LWT_HARNESS_H
#define LWT_HARNESS_H

#include <fnmatch.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest.h"

struct __test_metadata;

struct __fixture_variant_metadata {
	const char *name;
	const void *data;
	struct __fixture_variant_metadata *next;
};

struct __fixture_metadata {
	const char *name;
	struct __test_metadata *tests;
	struct __fixture_variant_metadata *variant;
	struct __fixture_metadata *next;
};

struct __test_metadata {
	const char *name;
	void (*fn)(struct __test_metadata *, struct __fixture_variant_metadata *);
	struct __fixture_metadata *fixture;
	struct __test_metadata *next;
	/* the case as it runs */
	int passed;		/* no EXPECT/ASSERT failed */
	int skip;		/* SKIP() was used */
	int trigger;		/* run the statement after a failed check */
	bool setup_completed;
	jmp_buf env;		/* ASSERT failures and SKIP(longjmp()) land here */
	char reason[512];	/* SKIP()'s text */
};

/* Registration: constructors run in declaration order on the toolchains
 * the kernel supports, but not on every one. The first constructor of the
 * file tells which way they go, so lists keep the source order.
 */
/* One list per test program, whatever source files its cases are in
 * (defined in lwt_main.h); the order detection is per source file.
 */
extern struct __fixture_metadata *__fixture_list;
static int lwt_ctor_forward;

static void __attribute__((constructor)) lwt_ctor_first(void)
{
	lwt_ctor_forward = 1;
}

#define LWT_LIST_ADD(head, item) do {					\
	__typeof__(item) *__p = &(head);				\
	if (lwt_ctor_forward)						\
		while (*__p)						\
			__p = &(*__p)->next;				\
	(item)->next = *__p;						\
	*__p = (item);							\
} while (0)

#define FIXTURE_DATA(f)		struct _test_data_##f
#define FIXTURE_VARIANT(f)	struct _fixture_variant_##f

#define FIXTURE(f)							\
	FIXTURE_VARIANT(f);						\
	static struct __fixture_metadata _##f##_fixture_object =	\
		{ .name = #f };						\
	static void __attribute__((constructor)) _register_##f(void)	\
	{								\
		LWT_LIST_ADD(__fixture_list, &_##f##_fixture_object);	\
	}								\
	FIXTURE_DATA(f)

#define FIXTURE_SETUP(f)						\
	static void f##_setup(struct __test_metadata *_metadata,	\
			      struct _test_data_##f *self,		\
			      const struct _fixture_variant_##f *variant)

#define FIXTURE_TEARDOWN(f)						\
	static void f##_teardown(struct __test_metadata *_metadata,	\
				 struct _test_data_##f *self,		\
				 const struct _fixture_variant_##f *variant)

#define FIXTURE_VARIANT_ADD(f, v)					\
	extern const struct _fixture_variant_##f _##f##_##v##_variant;	\
	static struct __fixture_variant_metadata			\
		_##f##_##v##_object = {					\
		.name = #v, .data = &_##f##_##v##_variant };		\
	static void __attribute__((constructor))			\
		_register_##f##_##v(void)				\
	{								\
		LWT_LIST_ADD(_##f##_fixture_object.variant,		\
			     &_##f##_##v##_object);			\
	}								\
	const struct _fixture_variant_##f _##f##_##v##_variant =

/* Macros that generate fixtures and cases from a table (X-macros) end in
 * "struct lwt_end_<name>;", a declaration of nothing: scripts/checkpatch.pl
 * then reads the macro as the declaration it is, not as statements.
 */

/* Setup, the body if setup neither failed nor skipped, teardown if setup
 * completed, as the harness does.
 */
#define TEST_F(f, t)							\
	static void f##_##t(struct __test_metadata *_metadata,		\
			    struct _test_data_##f *self,		\
			    const struct _fixture_variant_##f *variant);\
	static void wrapper_##f##_##t(struct __test_metadata *_metadata,\
			struct __fixture_variant_metadata *v)		\
	{								\
		struct _test_data_##f self;				\
		const struct _fixture_variant_##f *variant = v->data;	\
									\
		memset(&self, 0, sizeof(self));				\
		if (setjmp(_metadata->env) == 0) {			\
			f##_setup(_metadata, &self, variant);		\
			if (!_metadata->passed || _metadata->skip)	\
				return;					\
			_metadata->setup_completed = true;		\
			f##_##t(_metadata, &self, variant);		\
		}							\
		if (_metadata->setup_completed &&			\
		    setjmp(_metadata->env) == 0)			\
			f##_teardown(_metadata, &self, variant);	\
	}								\
	static struct __test_metadata _##f##_##t##_object = {		\
		.name = #t, .fn = wrapper_##f##_##t,			\
		.fixture = &_##f##_fixture_object };			\
	static void __attribute__((constructor)) _register_##f##_##t(void)\
	{								\
		LWT_LIST_ADD(_##f##_fixture_object.tests,		\
			     &_##f##_##t##_object);			\
	}								\
	static void f##_##t(struct __test_metadata __attribute__((unused)) *_metadata, \
			    struct _test_data_##f __attribute__((unused)) *self, \
			    const struct _fixture_variant_##f __attribute__((unused)) *variant)

/* The variant data of v (a fixture's variant list) */
#define VARIANT_DATA(f, v) ((const struct _fixture_variant_##f *)(v)->data)

/* Ready a case to run (lwt_main.h) */
static inline void lwt_test_reset(struct __test_metadata *t)
{
	t->passed = 1;
	t->skip = 0;
	t->trigger = 0;
	t->setup_completed = false;
	t->reason[0] = 0;
}

#define TH_LOG(fmt, ...)						\
	fprintf(stderr, "# %s:%d:%s:" fmt "\n", __FILE__, __LINE__,	\
		_metadata->name, ##__VA_ARGS__)

/* A check that failed before SKIP() still fails the case (the 6.1
 * harness's SKIP set passed back to 1, hiding it).
 */
#define SKIP(statement, fmt, ...) do {					\
	snprintf(_metadata->reason, sizeof(_metadata->reason),		\
		 fmt, ##__VA_ARGS__);					\
	fprintf(stderr, "# %s:%d:%s:SKIP %s\n", __FILE__, __LINE__,	\
		_metadata->name, _metadata->reason);			\
	_metadata->skip = 1;						\
	statement;							\
} while (0)

/* The name of the case being run, set by lwt_main.h */
extern const char *lwt_case;

/* LWT_FAULT_ASSERT=<glob>: the checks of the matching cases turned
 * around. A case that checks anything then fails; one that still passes
 * checks nothing. LWT_VACUOUS=<glob> makes cases ignore every fault, as a
 * case that checks nothing would (the self-check's own test).
 */
static inline bool lwt_vacuous(const char *name)
{
	const char *f = getenv("LWT_VACUOUS");

	return f && name && !fnmatch(f, name, 0);
}

static inline bool lwt_assert_fault(void)
{
	const char *f = getenv("LWT_FAULT_ASSERT");

	return f && lwt_case && !fnmatch(f, lwt_case, 0) && !lwt_vacuous(lwt_case);
}

static inline const char *lwt_num(char *buf, size_t len, int is_signed,
				  uintmax_t v)
{
	if (is_signed)
		snprintf(buf, len, "%jd", (intmax_t)v);
	else
		snprintf(buf, len, "%ju", v);
	return buf;
}

#define lwt_is_signed(v) (((__typeof__(v))-1) < (__typeof__(v))1)

/* One check is one for statement: its first clause checks (logging a
 * failure), its body is the statement that follows the macro, run once on
 * failure, and then an ASSERT leaves the case. So "ASSERT_EQ(0, e)
 * TH_LOG(...);" works, and so does a check under an if with an else.
 */
static inline int lwt_bail(struct __test_metadata *t, int assert)
{
	if (assert)
		longjmp(t->env, 1);
	return 0;
}

/* 1 when the check failed (and said so), else 0 */
#define LWT_CHECK(_expected, _expected_str, _seen, _seen_str, _t) ({	\
	__typeof__(_expected) __exp = (_expected);			\
	__typeof__(_seen) __seen = (_seen);				\
	char __e[32], __s[32];						\
	int __bad = !(__exp _t __seen) != lwt_assert_fault();		\
									\
	if (__bad)							\
		TH_LOG("Expected %s (%s) %s %s (%s)%s", _expected_str,	\
		       lwt_num(__e, sizeof(__e), lwt_is_signed(__exp),	\
			       (uintmax_t)__exp), #_t, _seen_str,	\
		       lwt_num(__s, sizeof(__s), lwt_is_signed(__seen),	\
			       (uintmax_t)__seen),			\
		       lwt_assert_fault() ?				\
		       " not to hold (LWT_FAULT_ASSERT)" : "");		\
	__bad;								\
})

#define LWT_CHECK_STR(_expected, _seen, _t) ({				\
	const char *__exp = (_expected);				\
	const char *__seen = (_seen);					\
	int __bad = !(strcmp(__exp, __seen) _t 0) != lwt_assert_fault(); \
									\
	if (__bad)							\
		TH_LOG("Expected '%s' %s '%s'%s.", __exp, #_t, __seen,	\
		       lwt_assert_fault() ? " not to hold" : "");	\
	__bad;								\
})

static inline int lwt_failed(struct __test_metadata *t, int bad)
{
	if (bad)
		t->passed = 0;
	return bad;
}

#define __EXPECT(_expected, _expected_str, _seen, _seen_str, _t, _assert) \
	for (_metadata->trigger = lwt_failed(_metadata,			\
		LWT_CHECK(_expected, _expected_str, _seen, _seen_str, _t)); \
	     _metadata->trigger;					\
	     _metadata->trigger = lwt_bail(_metadata, _assert))

#define __EXPECT_STR(_expected, _seen, _t, _assert)			\
	for (_metadata->trigger = lwt_failed(_metadata,			\
		LWT_CHECK_STR(_expected, _seen, _t));			\
	     _metadata->trigger;					\
	     _metadata->trigger = lwt_bail(_metadata, _assert))

#define EXPECT_EQ(e, s)	__EXPECT(e, #e, s, #s, ==, 0)
#define EXPECT_NE(e, s)	__EXPECT(e, #e, s, #s, !=, 0)
#define EXPECT_LT(e, s)	__EXPECT(e, #e, s, #s, <, 0)
#define EXPECT_LE(e, s)	__EXPECT(e, #e, s, #s, <=, 0)
#define EXPECT_GT(e, s)	__EXPECT(e, #e, s, #s, >, 0)
#define EXPECT_GE(e, s)	__EXPECT(e, #e, s, #s, >=, 0)
#define EXPECT_TRUE(s)	__EXPECT(0, "0", s, #s, !=, 0)
#define EXPECT_FALSE(s)	__EXPECT(0, "0", s, #s, ==, 0)
#define EXPECT_STREQ(e, s) __EXPECT_STR(e, s, ==, 0)
#define EXPECT_STRNE(e, s) __EXPECT_STR(e, s, !=, 0)
#define ASSERT_EQ(e, s)	__EXPECT(e, #e, s, #s, ==, 1)
#define ASSERT_NE(e, s)	__EXPECT(e, #e, s, #s, !=, 1)
#define ASSERT_LT(e, s)	__EXPECT(e, #e, s, #s, <, 1)
#define ASSERT_LE(e, s)	__EXPECT(e, #e, s, #s, <=, 1)
#define ASSERT_GT(e, s)	__EXPECT(e, #e, s, #s, >, 1)
#define ASSERT_GE(e, s)	__EXPECT(e, #e, s, #s, >=, 1)
#define ASSERT_TRUE(s)	__EXPECT(0, "0", s, #s, !=, 1)
#define ASSERT_FALSE(s)	__EXPECT(0, "0", s, #s, ==, 1)
#define ASSERT_STREQ(e, s) __EXPECT_STR(e, s, ==, 1)
#define ASSERT_STRNE(e, s) __EXPECT_STR(e, s, !=, 1)

#endif
