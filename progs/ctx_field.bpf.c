// SPDX-License-Identifier: GPL-2.0
/* One object per __sk_buff slot: built once per row of
 * include/ctx_fields.h with -DCTX_FIELD=<id>, giving ctx_<id>.bpf.o.
 * It holds one naked program per row of ctx_aspects.h, each made of the
 * single context access under test plus what it needs to run.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"
#include "ctx_aspects.h"
#include "ctx_fields.h"

#ifndef CTX_FIELD
#error "build with -DCTX_FIELD=<row id of ctx_fields.h>"
#endif

#define FIELD(id, off, ...) CTX_OFF_##id = (off),
enum { CTX_FIELDS };
#undef FIELD

#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define CTX_OFF XCAT(CTX_OFF_, CTX_FIELD)

#define ASM_LOAD(bits)   "r0 = *(u" #bits " *)(r1 + %[off]); exit;"
#define ASM_LOADSX(bits) "r0 = *(s" #bits " *)(r1 + %[off]); exit;"
#define ASM_STX(bits)    "r2 = %[val]; *(u" #bits " *)(r1 + %[off]) = r2; r0 = 0; exit;"
#define ASM_ST(bits)     "*(u" #bits " *)(r1 + %[off]) = %[val]; r0 = 0; exit;"
#define ASM_ATOMIC(bits) "r2 = 1; lock *(u" #bits " *)(r1 + %[off]) += r2; r0 = 0; exit;"

#define ASPECT(name, kind, bits, delta)					\
SEC("lwt_in") __naked int name(void)					\
{									\
	asm volatile (ASM_##kind(bits)					\
		      :: __imm_const(off, CTX_OFF + (delta)),		\
			 __imm_const(val, CTX_STORE_VALUE)		\
		      : __clobber_all);					\
}
CTX_ASPECTS
#undef ASPECT

LWT_LICENSE;
