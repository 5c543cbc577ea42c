/* SPDX-License-Identifier: GPL-2.0 */
/* What every category's cases share: failing with one line that says why,
 * and the fault injection the suite's own tests (tests/run.sh) use to see
 * each case fail. Include after kselftest_harness.h and lwt_record.h.
 */
#ifndef LWT_CASE_H
#define LWT_CASE_H

#include <fnmatch.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Fail the case with one line that says why (harness 6.1 fields). */
#define CASE_FAIL(fmt, ...) do {					\
	lwt_reason(fmt, ##__VA_ARGS__);					\
	TH_LOG(fmt, ##__VA_ARGS__);					\
	_metadata->passed = 0;						\
} while (0)

/* LWT_FAULT=<glob> inverts the expected verdict of the matching cases,
 * so each must then fail.
 */
/* LWT_VACUOUS=<glob>: the matching cases ignore every fault, as a case
 * that checks nothing would (the self-check's own test).
 */
static bool __attribute__((unused)) lwt_vacuous(const char *name)
{
	const char *f = getenv("LWT_VACUOUS");

	return f && name && !fnmatch(f, name, 0);
}

static bool __attribute__((unused)) fault_injected(const char *name)
{
	const char *f = getenv("LWT_FAULT");

	return f && !fnmatch(f, name, 0) && !lwt_vacuous(name);
}

/* The same for the case being run */
static bool __attribute__((unused)) lwt_fault(void)
{
	return lwt_case && fault_injected(lwt_case);
}

/* LWT_FAULT_VALUE=<glob>: the matching cases expect (or use) a wrong
 * value instead of a wrong verdict.
 */
static bool __attribute__((unused)) lwt_value_fault(void)
{
	const char *f = getenv("LWT_FAULT_VALUE");

	return f && lwt_case && !fnmatch(f, lwt_case, 0) && !lwt_vacuous(lwt_case);
}

/* LWT_FAULT_HANG=<glob>: the matching cases never end (tests of the
 * timeout, and of runs stopped in the middle of a case).
 */
static void __attribute__((unused)) lwt_hang_fault(void)
{
	const char *f = getenv("LWT_FAULT_HANG");

	while (f && lwt_case && !fnmatch(f, lwt_case, 0))
		pause();
}

/* LWT_FAULT_ASSERT=<glob>: every EXPECT_* and ASSERT_* of the matching
 * cases is turned around. A case that checks anything then fails; one
 * that still passes checks nothing (run_tests.sh --self-check). The two
 * macros below take the place of the harness's own for that; they report
 * as it does.
 */
static bool __attribute__((unused)) lwt_assert_fault(void)
{
	const char *f = getenv("LWT_FAULT_ASSERT");

	return f && lwt_case && !fnmatch(f, lwt_case, 0) && !lwt_vacuous(lwt_case);
}

static __attribute__((unused)) const char *lwt_num(char *buf, size_t len, int is_signed, uintmax_t v)
{
	if (is_signed)
		snprintf(buf, len, "%jd", (intmax_t)v);
	else
		snprintf(buf, len, "%ju", v);
	return buf;
}

#undef __EXPECT
#define __EXPECT(_expected, _expected_str, _seen, _seen_str, _t, _assert) do { \
	__typeof__(_expected) __exp = (_expected);			\
	__typeof__(_seen) __seen = (_seen);				\
	char __e[32], __s[32];						\
	if (_assert) __INC_STEP(_metadata);				\
	if (!(__exp _t __seen) != lwt_assert_fault()) {			\
		__TH_LOG("Expected %s (%s) %s %s (%s)%s", _expected_str,	\
			 lwt_num(__e, sizeof(__e), is_signed_type(__exp),	\
				 (uintmax_t)__exp), #_t, _seen_str,	\
			 lwt_num(__s, sizeof(__s), is_signed_type(__seen),	\
				 (uintmax_t)__seen),			\
			 lwt_assert_fault() ? " not to hold (LWT_FAULT_ASSERT)" : ""); \
		_metadata->passed = 0;					\
		_metadata->trigger = 1;					\
	}								\
} while (0); OPTIONAL_HANDLER(_assert)

#undef __EXPECT_STR
#define __EXPECT_STR(_expected, _seen, _t, _assert) do {		\
	const char *__exp = (_expected);				\
	const char *__seen = (_seen);					\
	if (_assert) __INC_STEP(_metadata);				\
	if (!(strcmp(__exp, __seen) _t 0) != lwt_assert_fault()) {	\
		__TH_LOG("Expected '%s' %s '%s'%s.", __exp, #_t, __seen,	\
			 lwt_assert_fault() ? " not to hold" : "");	\
		_metadata->passed = 0;					\
		_metadata->trigger = 1;					\
	}								\
} while (0); OPTIONAL_HANDLER(_assert)

#endif
