/* SPDX-License-Identifier: GPL-2.0 */
/* Kfunc calls without libbpf externs. An extern __ksym (or any CO-RE
 * relocation) makes libbpf parse all of vmlinux BTF on every load of an
 * object: ~50 ms here, per case. So BPF objects call a kfunc through a
 * placeholder helper id, LWT_KF_BASE + its index in LWT_KFUNCS, and name
 * the BTF id of their own struct lwt_local with LWT_LOCAL_TYPE_ID; the
 * loader (lwt_prog_patch_kfuncs() in lib/lwt_bpf.c) patches both
 * from one scan of /sys/kernel/btf/vmlinux per process.
 *
 *   LWT_KFUNC(int, bpf_iter_num_new, struct bpf_iter_num *it, int a, int b);
 *
 * Included by BPF objects and by the loader; append new names at the end.
 */
#ifndef LWT_KFUNC_H
#define LWT_KFUNC_H

#define LWT_KFUNCS(X)							\
	X(bpf_dynptr_from_skb) X(bpf_percpu_obj_new_impl)		\
	X(bpf_percpu_obj_drop_impl) X(bpf_task_release)			\
	X(bpf_task_from_pid) X(bpf_obj_new_impl) X(bpf_obj_drop_impl)	\
	X(bpf_arena_alloc_pages) X(bpf_arena_free_pages)		\
	X(bpf_cast_to_kern_ctx) X(bpf_rdonly_cast)			\
	X(bpf_dynptr_adjust) X(bpf_dynptr_clone) X(bpf_dynptr_is_null)	\
	X(bpf_dynptr_is_rdonly) X(bpf_dynptr_size) X(bpf_dynptr_slice)	\
	X(bpf_dynptr_slice_rdwr)					\
	X(bpf_iter_css_new) X(bpf_iter_css_next) X(bpf_iter_css_destroy) \
	X(bpf_iter_css_task_new) X(bpf_iter_css_task_next)		\
	X(bpf_iter_css_task_destroy)					\
	X(bpf_iter_num_new) X(bpf_iter_num_next) X(bpf_iter_num_destroy) \
	X(bpf_iter_task_new) X(bpf_iter_task_next) X(bpf_iter_task_destroy) \
	X(bpf_iter_task_vma_new) X(bpf_iter_task_vma_next)		\
	X(bpf_iter_task_vma_destroy)					\
	X(bpf_map_sum_elem_count) X(bpf_preempt_disable)		\
	X(bpf_preempt_enable) X(bpf_rcu_read_lock) X(bpf_rcu_read_unlock) \
	X(bpf_wq_init) X(bpf_wq_set_callback_impl) X(bpf_wq_start)	\
	X(bpf_xdp_metadata_rx_hash) X(bpf_dynptr_from_skb_meta)		\
	X(bpf_sock_destroy) X(tcp_reno_cong_avoid)

/* The kfunc test objects (kfunc_*.bpf.c) report in __s64 out[KF_NOUT]
 * of .bss; out[KF_IN] is an input the test may set before a run.
 */
#define KF_NOUT 8
#define KF_IN 7

#define LWT_KF_BASE 0x7f000000
#define LWT_LOCAL_TYPE_ID 0x7f0000ff

#define LWT_KF_ENUM(name) LWT_KF_##name,
enum { LWT_KFUNCS(LWT_KF_ENUM) LWT_KF_COUNT };
#undef LWT_KF_ENUM

#define LWT_KFUNC(ret, name, ...)					\
	static ret (*name)(__VA_ARGS__) __attribute__((unused)) =		\
		(void *)(LWT_KF_BASE + LWT_KF_##name)

#endif
