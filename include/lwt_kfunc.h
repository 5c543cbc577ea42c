/* SPDX-License-Identifier: GPL-2.0 */
/* Kfunc calls without libbpf externs. An extern __ksym (or any CO-RE
 * relocation) makes libbpf parse all of vmlinux BTF on every load of an
 * object: ~50 ms here, per case. So BPF objects call a kfunc through a
 * placeholder helper id, LWT_KF_BASE + its index in the list below, and name
 * the BTF id of their own struct lwt_local with LWT_LOCAL_TYPE_ID; the
 * loader (lwt_prog_patch_kfuncs() in lib/lwt_bpf.c) patches both
 * from one scan of /sys/kernel/btf/vmlinux per process.
 *
 *   LWT_KFUNC(int, bpf_iter_num_new, struct bpf_iter_num *it, int a, int b);
 *
 * Included by BPF objects and by the loader.
 */
#ifndef LWT_KFUNC_H
#define LWT_KFUNC_H

/* The kfunc test objects (kfunc_*.bpf.c) report in __s64 out[KF_NOUT]
 * of .bss; out[KF_IN] is an input the test may set before a run.
 */
#define KF_NOUT 8
#define KF_IN 7

#define LWT_KF_BASE 0x7f000000
#define LWT_LOCAL_TYPE_ID 0x7f0000ff

#define LWT_KF(name) LWT_KF_##name,
enum {
#include "lwt_kfunc.h"
	LWT_KF_COUNT
};
#undef LWT_KF

#define LWT_KFUNC(ret, name, ...)					\
	static ret (*name)(__VA_ARGS__) __attribute__((unused)) =		\
		(void *)(LWT_KF_BASE + LWT_KF_##name);			\
	struct lwt_end_kfunc_##name

#endif

/* The kfuncs, expanded by the includer's LWT_KF(name); append new names
 * at the end (the index is the placeholder's id).
 */
#ifdef LWT_KF
LWT_KF(bpf_dynptr_from_skb)
LWT_KF(bpf_percpu_obj_new_impl)
LWT_KF(bpf_percpu_obj_drop_impl)
LWT_KF(bpf_task_release)
LWT_KF(bpf_task_from_pid)
LWT_KF(bpf_obj_new_impl)
LWT_KF(bpf_obj_drop_impl)
LWT_KF(bpf_arena_alloc_pages)
LWT_KF(bpf_arena_free_pages)
LWT_KF(bpf_cast_to_kern_ctx)
LWT_KF(bpf_rdonly_cast)
LWT_KF(bpf_dynptr_adjust)
LWT_KF(bpf_dynptr_clone)
LWT_KF(bpf_dynptr_is_null)
LWT_KF(bpf_dynptr_is_rdonly)
LWT_KF(bpf_dynptr_size)
LWT_KF(bpf_dynptr_slice)
LWT_KF(bpf_dynptr_slice_rdwr)
LWT_KF(bpf_iter_css_new)
LWT_KF(bpf_iter_css_next)
LWT_KF(bpf_iter_css_destroy)
LWT_KF(bpf_iter_css_task_new)
LWT_KF(bpf_iter_css_task_next)
LWT_KF(bpf_iter_css_task_destroy)
LWT_KF(bpf_iter_num_new)
LWT_KF(bpf_iter_num_next)
LWT_KF(bpf_iter_num_destroy)
LWT_KF(bpf_iter_task_new)
LWT_KF(bpf_iter_task_next)
LWT_KF(bpf_iter_task_destroy)
LWT_KF(bpf_iter_task_vma_new)
LWT_KF(bpf_iter_task_vma_next)
LWT_KF(bpf_iter_task_vma_destroy)
LWT_KF(bpf_map_sum_elem_count)
LWT_KF(bpf_preempt_disable)
LWT_KF(bpf_preempt_enable)
LWT_KF(bpf_rcu_read_lock)
LWT_KF(bpf_rcu_read_unlock)
LWT_KF(bpf_wq_init)
LWT_KF(bpf_wq_set_callback_impl)
LWT_KF(bpf_wq_start)
LWT_KF(bpf_xdp_metadata_rx_hash)
LWT_KF(bpf_dynptr_from_skb_meta)
LWT_KF(bpf_sock_destroy)
LWT_KF(tcp_reno_cong_avoid)
#endif
