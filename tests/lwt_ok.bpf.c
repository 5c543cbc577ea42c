// SPDX-License-Identifier: GPL-2.0
/* The program netns_selftest attaches through iproute2: BPF_OK, nothing
 * else. iproute2 finds it by section name, so the section is its own and
 * unlike the function's name (see DESIGN.md, Pitfalls).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

SEC("lwt_ok") __naked int return_ok(void)
{
	asm volatile ("r0 = 0;"		/* BPF_OK */
		      "exit;"
		      ::: __clobber_all);
}

LWT_LICENSE;
