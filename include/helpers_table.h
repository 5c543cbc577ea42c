/* SPDX-License-Identifier: GPL-2.0 */
/* The helper expectation table: one row per helper id 1..211 (enum
 * bpf_func_id, BPF_FUNC_<name>), saying whether a BPF_PROG_TYPE_LWT_IN
 * program may call it. Facts come from the proto chain
 *   lwt_in_func_proto -> lwt_out_func_proto -> bpf_sk_base_func_proto
 *   (net/core/filter.c) -> bpf_base_func_proto (kernel/bpf/helpers.c)
 * read in Linux 6.1 (Debian 6.1.192) and 6.18 (6.18.y filter.c; helpers.c
 * text from a 6.16 tree, unchanged for these helpers through 6.18), with
 * the release of every change between them checked in 6.12 and the
 * bpf/netdev list archives.
 *
 * HELPER(id, name, now, since, before, spec, why)
 *   now     6.18, loaded as root: ALLOW (no capability beyond what loading
 *           LWT_IN needs: CAP_BPF + CAP_NET_ADMIN, or CAP_SYS_ADMIN before
 *           5.8), ALLOW_BPF (behind bpf_token_capable(CAP_BPF); since every
 *           LWT_IN loader has CAP_BPF this never differs from ALLOW in
 *           practice), ALLOW_PERFMON (behind CAP_PERFMON or CAP_SYS_ADMIN),
 *           DENY (proto NULL: "program of this type cannot use helper",
 *           "unknown func" before 6.10)
 *   since   first release where `now` holds for LWT_IN (helper added or made
 *           reachable); before that the row reads `before`. Helpers gated by
 *           capable(CAP_SYS_ADMIN) before 5.8 were usable by every LWT_IN
 *           loader then (ALLOW); 5.8 split that gate into CAP_BPF/CAP_PERFMON
 *   spec    Y if the spec page lists the helper for LWT_IN
 *   why     the function (and branch) whose switch decides the row
 *
 * Verified on 6.18.44 by loading "r0 = 0; call id; exit" as LWT_IN: as root
 * exactly the 90 non-DENY rows load or fail on arguments, the 121 DENY rows
 * fail with "cannot use helper"; with CAP_SYS_ADMIN and CAP_PERFMON dropped
 * (CAP_BPF, CAP_NET_ADMIN kept) exactly the 28 ALLOW_PERFMON rows turn to
 * "cannot use helper". No disagreement with the source reading.
 * Caveats: copy_from_user and copy_from_user_task get a proto but every
 * LWT_IN program is rejected ("helper call might sleep in a non-sleepable
 * prog"); probe_read_kernel(_str) are NULL under lockdown; cgroup rows need
 * CONFIG_CGROUPS. ALLOW_BPF vs ALLOW is from source only (no way to load
 * LWT_IN without CAP_BPF).
 */
#define HELPER_TABLE \
HELPER(1,   map_lookup_elem,                ALLOW,         KV(4,10), DENY,          Y, "bpf_base_func_proto") \
HELPER(2,   map_update_elem,                ALLOW,         KV(4,10), DENY,          Y, "bpf_base_func_proto") \
HELPER(3,   map_delete_elem,                ALLOW,         KV(4,10), DENY,          Y, "bpf_base_func_proto") \
HELPER(4,   probe_read,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(5,   ktime_get_ns,                   ALLOW,         KV(4,10), DENY,          Y, "bpf_base_func_proto") \
HELPER(6,   trace_printk,                   ALLOW_PERFMON, KV(5,8),  ALLOW,         Y, "bpf_base_func_proto: CAP_PERFMON (4.10-5.7 behind capable(CAP_SYS_ADMIN), which every LWT_IN loader needed then; 5.8 'bpf: Implement CAP_BPF')") \
HELPER(7,   get_prandom_u32,                ALLOW,         KV(4,10), DENY,          Y, "bpf_base_func_proto") \
HELPER(8,   get_smp_processor_id,           ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (shadows bpf_base_func_proto's raw variant)") \
HELPER(9,   skb_store_bytes,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(10,  l3_csum_replace,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(11,  l4_csum_replace,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(12,  tail_call,                      ALLOW,         KV(4,10), DENY,          Y, "bpf_base_func_proto") \
HELPER(13,  clone_redirect,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(14,  get_current_pid_tgid,           ALLOW,         KV(6,10), DENY,          N, "bpf_base_func_proto (6.10, eb166e522c77 'bpf: Allow helper bpf_get_[ns_]current_pid_tgid() for all prog types')") \
HELPER(15,  get_current_uid_gid,            ALLOW,         KV(6,16), DENY,          N, "bpf_base_func_proto (6.16, ee971630f20f 'bpf: Allow some trace helpers for all prog types')") \
HELPER(16,  get_current_comm,               ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f)") \
HELPER(17,  get_cgroup_classid,             ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (lwt_inout_func_proto in 4.10)") \
HELPER(18,  skb_vlan_push,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(19,  skb_vlan_pop,                   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(20,  skb_get_tunnel_key,             DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(21,  skb_set_tunnel_key,             DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(22,  perf_event_read,                ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f)") \
HELPER(23,  redirect,                       DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(24,  get_route_realm,                ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (lwt_inout_func_proto in 4.10)") \
HELPER(25,  perf_event_output,              ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (lwt_inout_func_proto in 4.10)") \
HELPER(26,  skb_load_bytes,                 ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (lwt_inout_func_proto in 4.10)") \
HELPER(27,  get_stackid,                    DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(28,  csum_diff,                      ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (lwt_inout_func_proto in 4.10)") \
HELPER(29,  skb_get_tunnel_opt,             DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(30,  skb_set_tunnel_opt,             DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(31,  skb_change_proto,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(32,  skb_change_type,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(33,  skb_under_cgroup,               ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (lwt_inout_func_proto in 4.10)") \
HELPER(34,  get_hash_recalc,                ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (lwt_inout_func_proto in 4.10)") \
HELPER(35,  get_current_task,               ALLOW_PERFMON, KV(5,8),  DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (5.8, 'bpf: Extend bpf_base_func_proto helpers with probe_* and *current_task*')") \
HELPER(36,  probe_write_user,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(37,  current_task_under_cgroup,      ALLOW_BPF,     KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_BPF, CONFIG_CGROUPS (6.16, ee971630f20f)") \
HELPER(38,  skb_change_tail,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(39,  skb_pull_data,                  ALLOW,         KV(4,10), DENY,          Y, "lwt_out_func_proto (lwt_inout_func_proto in 4.10)") \
HELPER(40,  csum_update,                    DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(41,  set_hash_invalid,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(42,  get_numa_node_id,               ALLOW,         KV(4,10), DENY,          Y, "bpf_base_func_proto") \
HELPER(43,  skb_change_head,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(44,  xdp_adjust_head,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(45,  probe_read_str,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(46,  get_socket_cookie,              DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(47,  get_socket_uid,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(48,  set_hash,                       DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(49,  setsockopt,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(50,  skb_adjust_room,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(51,  redirect_map,                   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(52,  sk_redirect_map,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(53,  sock_map_update,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(54,  xdp_adjust_meta,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(55,  perf_event_read_value,          ALLOW_PERFMON, KV(6,15), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.15, ae0a457f5d33 'bpf: Make perf_event_read_output accessible in all program types.')") \
HELPER(56,  perf_prog_read_value,           DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(57,  getsockopt,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(58,  override_return,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(59,  sock_ops_cb_flags_set,          DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(60,  msg_redirect_map,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(61,  msg_apply_bytes,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(62,  msg_cork_bytes,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(63,  msg_pull_data,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(64,  bind,                           DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(65,  xdp_adjust_tail,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(66,  skb_get_xfrm_state,             DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(67,  get_stack,                      DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(68,  skb_load_bytes_relative,        DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(69,  fib_lookup,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(70,  sock_hash_update,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(71,  msg_redirect_hash,              DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(72,  sk_redirect_hash,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(73,  lwt_push_encap,                 ALLOW,         KV(4,18), DENY,          Y, "lwt_in_func_proto (added to LWT_IN in 4.18, fe94cc290f53 'bpf: Add IPv6 Segment Routing helpers')") \
HELPER(74,  lwt_seg6_store_bytes,           DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(75,  lwt_seg6_adjust_srh,            DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(76,  lwt_seg6_action,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(77,  rc_repeat,                      DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(78,  rc_keydown,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(79,  skb_cgroup_id,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(80,  get_current_cgroup_id,          ALLOW_BPF,     KV(6,4),  DENY,          N, "bpf_base_func_proto: CAP_BPF, CONFIG_CGROUPS (6.4, c501bf55c88b 'bpf: Make bpf_get_current_[ancestor_]cgroup_id() available for all program types')") \
HELPER(81,  get_local_storage,              DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(82,  sk_select_reuseport,            DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(83,  skb_ancestor_cgroup_id,         DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(84,  sk_lookup_tcp,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(85,  sk_lookup_udp,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(86,  sk_release,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(87,  map_push_elem,                  ALLOW,         KV(4,20), DENY,          Y, "bpf_base_func_proto (helper added 4.20)") \
HELPER(88,  map_pop_elem,                   ALLOW,         KV(4,20), DENY,          Y, "bpf_base_func_proto (helper added 4.20)") \
HELPER(89,  map_peek_elem,                  ALLOW,         KV(4,20), DENY,          Y, "bpf_base_func_proto (helper added 4.20)") \
HELPER(90,  msg_push_data,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(91,  msg_pop_data,                   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(92,  rc_pointer_rel,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(93,  spin_lock,                      ALLOW_BPF,     KV(5,8),  ALLOW,         Y, "bpf_base_func_proto: CAP_BPF (5.1-5.7 behind capable(CAP_SYS_ADMIN), which every LWT_IN loader needed then)") \
HELPER(94,  spin_unlock,                    ALLOW_BPF,     KV(5,8),  ALLOW,         Y, "bpf_base_func_proto: CAP_BPF (5.1-5.7 behind capable(CAP_SYS_ADMIN), which every LWT_IN loader needed then)") \
HELPER(95,  sk_fullsock,                    DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(96,  tcp_sock,                       DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(97,  skb_ecn_set_ce,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(98,  get_listener_sock,              DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(99,  skc_lookup_tcp,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(100, tcp_check_syncookie,            DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(101, sysctl_get_name,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(102, sysctl_get_current_value,       DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(103, sysctl_get_new_value,           DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(104, sysctl_set_new_value,           DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(105, strtol,                         ALLOW,         KV(6,1),  DENY,          N, "bpf_base_func_proto (moved from cgroup sysctl protos in 6.1, 'bpf: expose bpf_strtol and bpf_strtoul to all program types')") \
HELPER(106, strtoul,                        ALLOW,         KV(6,1),  DENY,          N, "bpf_base_func_proto (moved from cgroup sysctl protos in 6.1, 'bpf: expose bpf_strtol and bpf_strtoul to all program types')") \
HELPER(107, sk_storage_get,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(108, sk_storage_delete,              DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(109, send_signal,                    ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f)") \
HELPER(110, tcp_gen_syncookie,              DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(111, skb_output,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(112, probe_read_user,                ALLOW_PERFMON, KV(5,8),  DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (5.8, 'bpf: Extend bpf_base_func_proto helpers with probe_* and *current_task*')") \
HELPER(113, probe_read_kernel,              ALLOW_PERFMON, KV(5,8),  DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (5.8, 'bpf: Extend bpf_base_func_proto helpers with probe_* and *current_task*')") \
HELPER(114, probe_read_user_str,            ALLOW_PERFMON, KV(5,8),  DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (5.8, 'bpf: Extend bpf_base_func_proto helpers with probe_* and *current_task*')") \
HELPER(115, probe_read_kernel_str,          ALLOW_PERFMON, KV(5,8),  DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (5.8, 'bpf: Extend bpf_base_func_proto helpers with probe_* and *current_task*')") \
HELPER(116, tcp_send_ack,                   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(117, send_signal_thread,             ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f)") \
HELPER(118, jiffies64,                      ALLOW_BPF,     KV(5,8),  ALLOW,         Y, "bpf_base_func_proto: CAP_BPF (5.5-5.7 behind capable(CAP_SYS_ADMIN), which every LWT_IN loader needed then)") \
HELPER(119, read_branch_records,            DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(120, get_ns_current_pid_tgid,        ALLOW,         KV(6,10), DENY,          N, "bpf_base_func_proto (6.10, eb166e522c77 'bpf: Allow helper bpf_get_[ns_]current_pid_tgid() for all prog types')") \
HELPER(121, xdp_output,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(122, get_netns_cookie,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(123, get_current_ancestor_cgroup_id, ALLOW_BPF,     KV(6,4),  DENY,          N, "bpf_base_func_proto: CAP_BPF, CONFIG_CGROUPS (6.4, c501bf55c88b 'bpf: Make bpf_get_current_[ancestor_]cgroup_id() available for all program types')") \
HELPER(124, sk_assign,                      DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(125, ktime_get_boot_ns,              ALLOW,         KV(5,8),  DENY,          Y, "bpf_base_func_proto (helper added 5.8)") \
HELPER(126, seq_printf,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(127, seq_write,                      DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(128, sk_cgroup_id,                   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(129, sk_ancestor_cgroup_id,          DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(130, ringbuf_output,                 ALLOW,         KV(5,8),  DENY,          Y, "bpf_base_func_proto (helper added 5.8)") \
HELPER(131, ringbuf_reserve,                ALLOW,         KV(5,8),  DENY,          Y, "bpf_base_func_proto (helper added 5.8)") \
HELPER(132, ringbuf_submit,                 ALLOW,         KV(5,8),  DENY,          Y, "bpf_base_func_proto (helper added 5.8)") \
HELPER(133, ringbuf_discard,                ALLOW,         KV(5,8),  DENY,          Y, "bpf_base_func_proto (helper added 5.8)") \
HELPER(134, ringbuf_query,                  ALLOW,         KV(5,8),  DENY,          Y, "bpf_base_func_proto (helper added 5.8)") \
HELPER(135, csum_level,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(136, skc_to_tcp6_sock,               ALLOW_PERFMON, KV(5,10), DENY,          N, "bpf_sk_base_func_proto: perfmon (1df8f55a37bd, 5.10)") \
HELPER(137, skc_to_tcp_sock,                ALLOW_PERFMON, KV(5,10), DENY,          N, "bpf_sk_base_func_proto: perfmon (1df8f55a37bd, 5.10)") \
HELPER(138, skc_to_tcp_timewait_sock,       ALLOW_PERFMON, KV(5,10), DENY,          N, "bpf_sk_base_func_proto: perfmon (1df8f55a37bd, 5.10)") \
HELPER(139, skc_to_tcp_request_sock,        ALLOW_PERFMON, KV(5,10), DENY,          N, "bpf_sk_base_func_proto: perfmon (1df8f55a37bd, 5.10)") \
HELPER(140, skc_to_udp6_sock,               ALLOW_PERFMON, KV(5,10), DENY,          N, "bpf_sk_base_func_proto: perfmon (1df8f55a37bd, 5.10)") \
HELPER(141, get_task_stack,                 ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f)") \
HELPER(142, load_hdr_opt,                   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(143, store_hdr_opt,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(144, reserve_hdr_opt,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(145, inode_storage_get,              DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(146, inode_storage_delete,           DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(147, d_path,                         DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(148, copy_from_user,                 ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f); proto returned but verifier rejects every LWT_IN prog: 'helper call might sleep in a non-sleepable prog'") \
HELPER(149, snprintf_btf,                   ALLOW_PERFMON, KV(5,10), DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (helper added 5.10)") \
HELPER(150, seq_printf_btf,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(151, skb_cgroup_classid,             DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(152, redirect_neigh,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(153, per_cpu_ptr,                    ALLOW_BPF,     KV(5,10), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.10)") \
HELPER(154, this_cpu_ptr,                   ALLOW_BPF,     KV(5,10), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.10)") \
HELPER(155, redirect_peer,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(156, task_storage_get,               ALLOW_BPF,     KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_BPF (6.16, ee971630f20f)") \
HELPER(157, task_storage_delete,            ALLOW_BPF,     KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_BPF (6.16, ee971630f20f)") \
HELPER(158, get_current_task_btf,           ALLOW_PERFMON, KV(5,15), DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (5.15, D. Xu 'bpf: Extend bpf_base_func_proto helpers with bpf_get_current_task_btf()' / 'bpf: Add bpf_task_pt_regs() helper')") \
HELPER(159, bprm_opts_set,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(160, ktime_get_coarse_ns,            ALLOW,         KV(5,11), DENY,          N, "bpf_sk_base_func_proto: no cap check (d05512618056, 5.11)") \
HELPER(161, ima_inode_hash,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(162, sock_from_file,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(163, check_mtu,                      DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(164, for_each_map_elem,              ALLOW_BPF,     KV(5,13), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.13)") \
HELPER(165, snprintf,                       ALLOW_PERFMON, KV(5,13), DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (helper added 5.13)") \
HELPER(166, sys_bpf,                        DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(167, btf_find_by_name_kind,          DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(168, sys_close,                      DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(169, timer_init,                     ALLOW_BPF,     KV(5,15), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.15)") \
HELPER(170, timer_set_callback,             ALLOW_BPF,     KV(5,15), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.15)") \
HELPER(171, timer_start,                    ALLOW_BPF,     KV(5,15), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.15)") \
HELPER(172, timer_cancel,                   ALLOW_BPF,     KV(5,15), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.15)") \
HELPER(173, get_func_ip,                    DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(174, get_attach_cookie,              DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(175, task_pt_regs,                   ALLOW_PERFMON, KV(5,15), DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (5.15, D. Xu 'bpf: Extend bpf_base_func_proto helpers with bpf_get_current_task_btf()' / 'bpf: Add bpf_task_pt_regs() helper')") \
HELPER(176, get_branch_snapshot,            ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f)") \
HELPER(177, trace_vprintk,                  ALLOW_PERFMON, KV(5,16), DENY,          Y, "bpf_base_func_proto: CAP_PERFMON (helper added 5.16)") \
HELPER(178, skc_to_unix_sock,               ALLOW_PERFMON, KV(5,16), DENY,          N, "bpf_sk_base_func_proto: perfmon (helper added 5.16)") \
HELPER(179, kallsyms_lookup_name,           DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(180, find_vma,                       ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f)") \
HELPER(181, loop,                           ALLOW_BPF,     KV(5,17), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.17)") \
HELPER(182, strncmp,                        ALLOW,         KV(5,17), DENY,          Y, "bpf_base_func_proto (helper added 5.17)") \
HELPER(183, get_func_arg,                   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(184, get_func_ret,                   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(185, get_func_arg_cnt,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(186, get_retval,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(187, set_retval,                     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(188, xdp_get_buff_len,               DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(189, xdp_load_bytes,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(190, xdp_store_bytes,                DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(191, copy_from_user_task,            ALLOW_PERFMON, KV(6,16), DENY,          N, "bpf_base_func_proto: CAP_PERFMON (6.16, ee971630f20f); proto returned but verifier rejects every LWT_IN prog: 'helper call might sleep in a non-sleepable prog'") \
HELPER(192, skb_set_tstamp,                 DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(193, ima_file_hash,                  DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(194, kptr_xchg,                      ALLOW_BPF,     KV(5,19), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.19)") \
HELPER(195, map_lookup_percpu_elem,         ALLOW,         KV(5,19), DENY,          Y, "bpf_base_func_proto (helper added 5.19)") \
HELPER(196, skc_to_mptcp_sock,              ALLOW_PERFMON, KV(5,19), DENY,          N, "bpf_sk_base_func_proto: perfmon (helper added 5.19)") \
HELPER(197, dynptr_from_mem,                ALLOW_BPF,     KV(5,19), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.19)") \
HELPER(198, ringbuf_reserve_dynptr,         ALLOW_BPF,     KV(5,19), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.19)") \
HELPER(199, ringbuf_submit_dynptr,          ALLOW_BPF,     KV(5,19), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.19)") \
HELPER(200, ringbuf_discard_dynptr,         ALLOW_BPF,     KV(5,19), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.19)") \
HELPER(201, dynptr_read,                    ALLOW_BPF,     KV(5,19), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.19)") \
HELPER(202, dynptr_write,                   ALLOW_BPF,     KV(5,19), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.19)") \
HELPER(203, dynptr_data,                    ALLOW_BPF,     KV(5,19), DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 5.19)") \
HELPER(204, tcp_raw_gen_syncookie_ipv4,     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(205, tcp_raw_gen_syncookie_ipv6,     DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(206, tcp_raw_check_syncookie_ipv4,   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(207, tcp_raw_check_syncookie_ipv6,   DENY,          KV(4,10), DENY,          N, "not in lwt_in chain") \
HELPER(208, ktime_get_tai_ns,               ALLOW,         KV(6,1),  DENY,          Y, "bpf_base_func_proto (helper added 6.1)") \
HELPER(209, user_ringbuf_drain,             ALLOW_BPF,     KV(6,1),  DENY,          Y, "bpf_base_func_proto: CAP_BPF (helper added 6.1)") \
HELPER(210, cgrp_storage_get,               ALLOW_BPF,     KV(6,2),  DENY,          Y, "bpf_base_func_proto: CAP_BPF, CONFIG_CGROUPS (helper added 6.2, c4bcfb38a95e)") \
HELPER(211, cgrp_storage_delete,            ALLOW_BPF,     KV(6,2),  DENY,          Y, "bpf_base_func_proto: CAP_BPF, CONFIG_CGROUPS (helper added 6.2, c4bcfb38a95e)")
