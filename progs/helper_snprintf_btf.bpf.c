// SPDX-License-Identifier: GPL-2.0
/* bpf_snprintf_btf from LWT_IN: a struct udphdr on the stack, shown with
 * the vmlinux BTF, without and with zero-valued members.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "lwt_misc.h"

struct {
	char text[128];
	char zero[128];
	__s64 ret_text, ret_zero;
} res;

SEC("lwt_in") int show(struct __sk_buff *skb)
{
	/* raw values, so the expected text needs no byte swapping */
	struct udphdr u = { .source = 4000, .dest = 5000, .len = 26, .check = 0 };
	struct btf_ptr p = { .ptr = &u, .type_id = bpf_core_type_id_kernel(struct udphdr) };

	res.ret_text = bpf_snprintf_btf(res.text, sizeof(res.text), &p, sizeof(p),
					BTF_F_COMPACT);
	res.ret_zero = bpf_snprintf_btf(res.zero, sizeof(res.zero), &p, sizeof(p),
					BTF_F_COMPACT | BTF_F_ZERO);
	return 0;
}

LWT_LICENSE;
