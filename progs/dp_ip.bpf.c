// SPDX-License-Identifier: GPL-2.0
/* Programs that only iproute2 loads ("ip route ... encap bpf in obj
 * dp_ip.bpf.o section ok"), so the test can tell them from the suite's
 * own loads by name (datapath/route/iproute2_attach).
 */
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"

struct {
	__u64 ok, ok2;
} st;

SEC("ok") int ip_ok(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&st.ok, 1);
	return BPF_OK;
}

SEC("ok2") int ip_ok2(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&st.ok2, 1);
	return BPF_OK;
}

LWT_LICENSE;
