// SPDX-License-Identifier: GPL-2.0
/* One object per __sk_buff slot: built once per row of
 * include/ctx_fields.h with -DCTX_OFF=<its offset>, giving ctx_<id>.bpf.o.
 * It holds one naked program per row of ctx_aspects.h, each made of the
 * single context access under test plus what it needs to run.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"
#include "ctx_aspects.h"
#include "ctx_fields.h"

/* The row's offset expression (its second column), given by the Makefile */
#ifndef CTX_OFF
#error "build with -DCTX_OFF=<offset column of a row of ctx_fields.h>"
#endif

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
#include "ctx_aspects.h"
#undef ASPECT

LWT_LICENSE;
