/* SPDX-License-Identifier: GPL-2.0 */
/* What every category's cases share: failing with one line that says why,
 * and the fault injection the suite's own tests (tests/run.sh) use to see
 * each case fail. Include after lwt_harness.h and lwt_record.h.
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

/* Fail the case with one line that says why. */
#define CASE_FAIL(fmt, ...) do {					\
	lwt_reason(fmt, ##__VA_ARGS__);					\
	TH_LOG(fmt, ##__VA_ARGS__);					\
	_metadata->passed = 0;						\
} while (0)

/* A load refused only because programs are interpreted here: the case
 * cannot show what it is about; skip it, naming the verifier's words.
 */
#define SKIP_IF_INTERPRETED(statement, log) do {			\
	const char *__why = lwt_interp_refusal(log);			\
	if (__why) {							\
		lwt_reason("programs are interpreted here (no JIT): \"%s\"", __why); \
		SKIP(statement, "interpreted");				\
	}								\
} while (0)

/* LWT_FAULT=<glob> inverts the expected verdict of the matching cases,
 * so each must then fail.
 */
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

#endif
