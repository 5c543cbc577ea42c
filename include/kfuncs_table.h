/* SPDX-License-Identifier: GPL-2.0 */
/* The kfunc expectation table for BPF_PROG_TYPE_LWT_IN: every kfunc that
 * the spec page lists for LWT_IN (spec = Y), plus four kfuncs that exist
 * in the 6.18 vmlinux BTF but are NOT callable from LWT_IN (spec = N).
 *
 * KFUNC(name, since, verdict, msg, spec, why)
 *   since    ALLOW rows: first mainline release that has the kfunc AND lets
 *            LWT_IN reach it. REJECT rows: first release that has the kfunc.
 *            Older kernels have no such BTF FUNC: libbpf fails before the
 *            verifier ("extern (func ksym) '<name>': not found in kernel or
 *            module BTFs"), so the row should be skipped there.
 *   verdict  ALLOW: the minimal correct call (progs/kfunc_*.bpf.c)
 *            loads as LWT_IN on 6.18; REJECT: every LWT_IN program calling it
 *            is refused (a plain root loader, not sleepable, no dev binding)
 *   msg      REJECT: exact substring of the 6.18 verifier log; "" for ALLOW
 *   spec     Y: on the spec page's list; N: extra, not available to LWT_IN
 *   why      the registration (register_btf_kfunc_id_set) that makes it
 *            reachable, and the verifier rule that decides the row
 *
 * Reachability on 6.18 (btf_kfunc_id_set_contains: the COMMON hook is
 * checked first, then bpf_prog_type_to_kfunc_hook(): LWT_IN/OUT/XMIT/
 * SEG6LOCAL -> BTF_KFUNC_HOOK_LWT):
 *   kernel/bpf/helpers.c  common_kfunc_set     -> BPF_PROG_TYPE_UNSPEC (all)
 *   kernel/bpf/arena.c    arena_kfuncs         -> BPF_PROG_TYPE_UNSPEC (all)
 *   kernel/bpf/map_iter.c bpf_map_iter_kfunc_set -> BPF_PROG_TYPE_UNSPEC
 *   net/core/filter.c     bpf_kfunc_set_skb    -> ... BPF_PROG_TYPE_LWT_IN ...
 *   helpers.c generic_kfunc_set (bpf_task_acquire...) -> TRACING, SCHED_CLS,
 *   XDP, STRUCT_OPS, SYSCALL, CGROUP_SKB: not LWT_IN.
 * The COMMON hook exists since 6.2 and the LWT hook since 6.4 (added with
 * bpf_dynptr_from_skb), so every spec row is reachable from the release
 * that introduced it. All 35 spec kfuncs and the 4 extras are FUNCs in this
 * machine's BTF (6.18.44).
 *
 * Verified on 6.18.44: each row loaded with libbpf (1.1.2) after
 * bpf_program__set_type(BPF_PROG_TYPE_LWT_IN); ALLOW rows also ran with
 * BPF_PROG_TEST_RUN (retval 0). The messages below are copied from those
 * logs. ALLOW for bpf_iter_task_vma_* needs bpf_get_current_task_btf(),
 * which bpf_base_func_proto gives only with CAP_PERFMON (root here).
 *
 * Linux 6.1 (Debian 6.1.192): none of the 35 spec kfuncs exists;
 * bpf_prog_type_to_kfunc_hook() has no LWT case (LWT_IN -> HOOK_MAX) and
 * there is no COMMON hook, so NO kfunc at all is callable from LWT_IN; a
 * kfunc that exists gives "calling kernel function %s is not allowed"
 * (same wording as 6.18, printed by check_kfunc_call).
 */
/* The rows, expanded by the includer's KFUNC(): define it, include this
 * file, undefine it. Without KFUNC() only what is above is seen.
 */
#ifdef KFUNC
KFUNC(bpf_arena_alloc_pages,      KV(6, 9),  REJECT, "program must be sleepable to call sleepable kfunc bpf_arena_alloc_pages", Y, "arena.c: arena_kfuncs registered for UNSPEC; KF_TRUSTED_ARGS|KF_SLEEPABLE and LWT_IN is never sleepable (check_kfunc_call)")
KFUNC(bpf_arena_free_pages,       KV(6, 9),  REJECT, "program must be sleepable to call sleepable kfunc bpf_arena_free_pages", Y, "arena.c: arena_kfuncs registered for UNSPEC; KF_TRUSTED_ARGS|KF_SLEEPABLE and LWT_IN is never sleepable (check_kfunc_call)")
KFUNC(bpf_cast_to_kern_ctx,       KV(6, 2),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; __sk_buff ctx -> trusted struct sk_buff")
KFUNC(bpf_dynptr_adjust,          KV(6, 5),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; needs an initialized dynptr (bpf_dynptr_from_skb)")
KFUNC(bpf_dynptr_clone,           KV(6, 5),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; clone of an skb dynptr")
KFUNC(bpf_dynptr_from_skb,        KV(6, 4),  ALLOW,  "", Y, "filter.c: bpf_kfunc_set_skb registered for BPF_PROG_TYPE_LWT_IN; the dynptr is read-only in LWT_IN")
KFUNC(bpf_dynptr_is_null,         KV(6, 5),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC")
KFUNC(bpf_dynptr_is_rdonly,       KV(6, 5),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; returns true for an LWT_IN skb dynptr")
KFUNC(bpf_dynptr_size,            KV(6, 5),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; equals skb->len for an skb dynptr")
KFUNC(bpf_dynptr_slice,           KV(6, 4),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC (KF_RET_NULL); read-only slice")
KFUNC(bpf_dynptr_slice_rdwr,      KV(6, 4),  REJECT, "the prog does not allow writes to packet data", Y, "helpers.c: common_kfunc_set registered for UNSPEC; check_kfunc_call: may_access_direct_pkt_data(BPF_WRITE) is false for LWT_IN")
KFUNC(bpf_iter_css_destroy,       KV(6, 7),  REJECT, "R2 must be referenced or trusted", Y, "helpers.c: common_kfunc_set registered for UNSPEC; unusable without bpf_iter_css_new, which LWT_IN cannot satisfy")
KFUNC(bpf_iter_css_new,           KV(6, 7),  REJECT, "R2 must be referenced or trusted", Y, "helpers.c: common_kfunc_set registered for UNSPEC; KF_TRUSTED_ARGS start css, LWT_IN only reaches an rcu_ptr css (no bpf_cgroup_from_id)")
KFUNC(bpf_iter_css_next,          KV(6, 7),  REJECT, "R2 must be referenced or trusted", Y, "helpers.c: common_kfunc_set registered for UNSPEC; unusable without bpf_iter_css_new, which LWT_IN cannot satisfy")
KFUNC(bpf_iter_css_task_destroy,  KV(6, 7),  REJECT, "css_task_iter is only allowed in bpf_lsm, bpf_iter and sleepable progs", Y, "helpers.c: common_kfunc_set registered for UNSPEC; needs bpf_iter_css_task_new, refused for LWT_IN")
KFUNC(bpf_iter_css_task_new,      KV(6, 7),  REJECT, "css_task_iter is only allowed in bpf_lsm, bpf_iter and sleepable progs", Y, "helpers.c: common_kfunc_set registered for UNSPEC; check_css_task_iter_allowlist: LSM, BPF_TRACE_ITER or sleepable only")
KFUNC(bpf_iter_css_task_next,     KV(6, 7),  REJECT, "css_task_iter is only allowed in bpf_lsm, bpf_iter and sleepable progs", Y, "helpers.c: common_kfunc_set registered for UNSPEC; needs bpf_iter_css_task_new, refused for LWT_IN")
KFUNC(bpf_iter_num_destroy,       KV(6, 4),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC (KF_ITER_DESTROY)")
KFUNC(bpf_iter_num_new,           KV(6, 4),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC (KF_ITER_NEW)")
KFUNC(bpf_iter_num_next,          KV(6, 4),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC (KF_ITER_NEXT|KF_RET_NULL)")
KFUNC(bpf_iter_task_destroy,      KV(6, 7),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC (KF_ITER_DESTROY)")
KFUNC(bpf_iter_task_new,          KV(6, 7),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; KF_TRUSTED_ARGS|KF_RCU_PROTECTED: task__nullable=NULL, a non-sleepable prog is an RCU CS")
KFUNC(bpf_iter_task_next,         KV(6, 7),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC (KF_ITER_NEXT|KF_RET_NULL)")
KFUNC(bpf_iter_task_vma_destroy,  KV(6, 7),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC (KF_ITER_DESTROY)")
KFUNC(bpf_iter_task_vma_new,      KV(6, 7),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; KF_RCU task = bpf_get_current_task_btf() (needs CAP_PERFMON)")
KFUNC(bpf_iter_task_vma_next,     KV(6, 7),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC (KF_ITER_NEXT|KF_RET_NULL)")
KFUNC(bpf_map_sum_elem_count,     KV(6, 6),  ALLOW,  "", Y, "map_iter.c: bpf_map_iter_kfunc_set registered for UNSPEC; KF_TRUSTED_ARGS, &map is a trusted CONST_PTR_TO_MAP")
KFUNC(bpf_preempt_disable,        KV(6, 10), ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; must be paired with bpf_preempt_enable")
KFUNC(bpf_preempt_enable,         KV(6, 10), ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; must follow bpf_preempt_disable")
KFUNC(bpf_rcu_read_lock,          KV(6, 2),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; must be paired with bpf_rcu_read_unlock")
KFUNC(bpf_rcu_read_unlock,        KV(6, 2),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; must follow bpf_rcu_read_lock")
KFUNC(bpf_rdonly_cast,            KV(6, 2),  ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; btf_id__k = bpf_core_type_id_kernel(), result PTR_UNTRUSTED")
KFUNC(bpf_wq_init,                KV(6, 10), ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; struct bpf_wq in an ARRAY map value (LWT_IN is not a tracing prog)")
KFUNC(bpf_wq_set_callback_impl,   KV(6, 10), ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; static subprog callback, aux__prog = NULL (verifier fills it)")
KFUNC(bpf_wq_start,               KV(6, 10), ALLOW,  "", Y, "helpers.c: common_kfunc_set registered for UNSPEC; after bpf_wq_init + bpf_wq_set_callback_impl")
KFUNC(bpf_xdp_metadata_rx_hash,   KV(6, 3),  REJECT, "metadata kfuncs require device-bound program", N, "net/core/xdp.c: xdp_metadata_kfunc_set registered for XDP only; add_kfunc_call rejects dev-bound kfuncs before the hook check")
KFUNC(bpf_dynptr_from_skb_meta,   KV(6, 18), REJECT, "calling kernel function bpf_dynptr_from_skb_meta is not allowed", N, "filter.c: bpf_kfunc_set_skb_meta registered for SCHED_CLS and SCHED_ACT only (tc-only)")
KFUNC(bpf_sock_destroy,           KV(6, 5),  REJECT, "calling kernel function bpf_sock_destroy is not allowed", N, "filter.c: bpf_sk_iter_kfunc_set registered for TRACING only (filter: BPF_TRACE_ITER)")
KFUNC(tcp_reno_cong_avoid,        KV(5, 13), REJECT, "calling kernel function tcp_reno_cong_avoid is not allowed", N, "net/ipv4/bpf_tcp_ca.c: bpf_tcp_ca_kfunc_set registered for STRUCT_OPS only")
#endif
