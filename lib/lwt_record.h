/* SPDX-License-Identifier: GPL-2.0 */
/* The result record a case fills for run_tests.sh: why it failed or was
 * skipped, what it expected, what it observed, what the spec page claims.
 * Lives in shared memory so main() reads it after the forked case ends.
 */
#ifndef LWT_RECORD_H
#define LWT_RECORD_H

#include <stdarg.h>
#include <stdio.h>

/* Filled by the forked case, read by main after it ends. */
struct lwt_record {
	char reason[512];
	char expected[1024];
	char observed[2048];
	char spec[256];
};
extern struct lwt_record *lwt_rec;	/* defined in lwt_main.h */
extern int lwt_verbose;

static void lwt_set(char *dst, size_t len, const char *fmt, va_list ap)
{
	if (lwt_rec)
		vsnprintf(dst, len, fmt, ap);
}

#define LWT_SETTER(field)						\
static void __attribute__((format(printf, 1, 2), unused))		\
lwt_##field(const char *fmt, ...)					\
{									\
	va_list ap;							\
	va_start(ap, fmt);						\
	lwt_set(lwt_rec ? lwt_rec->field : NULL,			\
		sizeof(lwt_rec->field), fmt, ap);			\
	va_end(ap);							\
}
LWT_SETTER(reason)
LWT_SETTER(expected)
LWT_SETTER(observed)
LWT_SETTER(spec)

#endif
