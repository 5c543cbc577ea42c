/* SPDX-License-Identifier: GPL-2.0 */
/* The .bss of the datapath programs and the values their tests look for,
 * shared by the BPF objects (after vmlinux.h) and the test programs
 * (after <linux/types.h>): one definition of each layout and constant.
 */
#ifndef DP_STATE_H
#define DP_STATE_H

/* progs/dp.bpf.c: what each program counts and saw */
enum { RUN_OK, RUN_DROP, RUN_REDIRECT, RUN_BAD_RET, RUN_REROUTE_ONCE,
       RUN_REROUTE_FOREVER, RUN_WRITE, RUN_OK2, RUN_REROUTE_BOUNDED, RUN_MAX };

#define DP_HEAD 48	/* IPv6 header + UDP header */

struct dp_snap {
	__u32 len, pkt_type, mark, queue_mapping, protocol, vlan_present,
	      vlan_tci, vlan_proto, priority, ingress_ifindex, ifindex,
	      tc_index, cb[5], hash, napi_id, gso_segs, gso_size, linear,
	      sk_null, hash_recalc, hash_after, realm, head_len;
	__u8 head[DP_HEAD];
};

/* dp.bpf.c's one global (st): a single struct, so its layout in .bss is
 * the struct's (separate globals may be placed in any order).
 */
struct dp_state {
	__u64 runs[RUN_MAX];
	struct dp_snap snap;
	/* reroute_once: cb[0] at the first and the second entry */
	__u32 cb_first, cb_second;
};

/* lwtunnel_input()'s recursion guard: dev_xmit_recursion() is true past
 * XMIT_RECURSION_LIMIT (include/linux/netdevice.h), so a rerouting
 * program runs at depths 0..8. dp_reroute_bounded reroutes until its
 * GUARD_PROBE_RUNS-th run, which returns BPF_OK: one level deeper than
 * the guard lets a packet go.
 */
#define XMIT_RECURSION_LIMIT 8
#define GUARD_PROBE_RUNS (XMIT_RECURSION_LIMIT + 2)

/* Not a bpf_ret_code: run_lwt_bpf()'s default case */
#define DP_BAD_RET 42
/* dp_reroute_once marks a packet it has rerouted */
#define DP_SEEN_MARK 0x5eed
/* what dp_write writes, for the next stage to see */
#define DP_WRITE_MARK 0x1234
#define DP_WRITE_PRIO 7

/* progs/dp_next.bpf.c: the socket filter's view and the three counters */
struct dp_next_state {
	__u32 sock_mark, sock_priority;
	__u64 sock_runs, in_runs, out_runs, xmit_runs;
};

#endif
