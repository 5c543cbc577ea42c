/* SPDX-License-Identifier: GPL-2.0 */
/* Small attributes for BPF programs written as naked inline asm, in the
 * style of the kernel's verifier_*.c selftests: the object then holds
 * exactly the instructions under test, nothing the compiler chose.
 */
#ifndef LWT_MISC_H
#define LWT_MISC_H

#define __naked __attribute__((naked))
#define __imm_const(name, expr) [name] "i"(expr)
#define __clobber_all "r0", "r1", "r2", "r3", "r4", "r5", \
		      "r6", "r7", "r8", "r9", "memory"

#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#define offsetofend(type, member) \
	(offsetof(type, member) + sizeof(((type *)0)->member))

/* Every LWT_IN object carries a GPL license: some helpers need it. */
#define LWT_LICENSE char _license[] SEC("license") = "GPL"

#endif
