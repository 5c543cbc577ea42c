// SPDX-License-Identifier: GPL-2.0
/* The open-coded iterator kfuncs from LWT_IN, one object per kfunc
 * (-DTEST_<kfunc>): new, next and destroy of one iterator share a program.
 * Kernel structs are read with CO-RE, so an object built here reads the
 * right offsets on another kernel. Results go to out[] (.bss).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "lwt_misc.h"
#include "lwt_kfunc.h"

__s64 out[KF_NOUT];
#define addr_in out[KF_IN]	/* an input: set by the test before the run */

#if defined(TEST_bpf_iter_num_new) || defined(TEST_bpf_iter_num_next) || \
	defined(TEST_bpf_iter_num_destroy)
LWT_KFUNC(int, bpf_iter_num_new, struct bpf_iter_num *it, int start, int end);
LWT_KFUNC(int *, bpf_iter_num_next, struct bpf_iter_num *it);
LWT_KFUNC(void, bpf_iter_num_destroy, struct bpf_iter_num *it);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	struct bpf_iter_num it, back, big;
	__s64 sum = 0, n = 0;
	int *v;

	out[0] = bpf_iter_num_new(&it, 0, 10);
	while ((v = bpf_iter_num_next(&it))) {
		sum += *v;
		n++;
	}
	bpf_iter_num_destroy(&it);
	out[1] = sum;
	out[2] = n;
	out[3] = bpf_iter_num_new(&back, 10, 0);
	bpf_iter_num_destroy(&back);
	out[4] = bpf_iter_num_new(&big, 0, (1 << 23) + 1);	/* > BPF_MAX_LOOPS */
	bpf_iter_num_destroy(&big);
	return BPF_OK;
}

#elif defined(TEST_bpf_iter_task_new) || defined(TEST_bpf_iter_task_next) || \
	defined(TEST_bpf_iter_task_destroy)
LWT_KFUNC(int, bpf_iter_task_new, struct bpf_iter_task *it,
	  struct task_struct *task__nullable, unsigned int flags);
LWT_KFUNC(struct task_struct *, bpf_iter_task_next, struct bpf_iter_task *it);
LWT_KFUNC(void, bpf_iter_task_destroy, struct bpf_iter_task *it);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	struct bpf_iter_task it;
	struct task_struct *t;
	__s64 n = 0, seen = 0;
	__s32 tgid = out[KF_IN];	/* an input: the test's pid */

	/* no branch on n or seen: they stay imprecise and states converge */
	out[0] = bpf_iter_task_new(&it, NULL, BPF_TASK_ITER_ALL_PROCS);
	while ((t = bpf_iter_task_next(&it))) {
		seen += t->tgid == tgid;
		n++;
	}
	bpf_iter_task_destroy(&it);
	out[1] = n;
	out[2] = seen;
	return BPF_OK;
}

#elif defined(TEST_bpf_iter_task_vma_new) || defined(TEST_bpf_iter_task_vma_next) || \
	defined(TEST_bpf_iter_task_vma_destroy)
LWT_KFUNC(int, bpf_iter_task_vma_new, struct bpf_iter_task_vma *it,
	  struct task_struct *task, __u64 addr);
LWT_KFUNC(struct vm_area_struct *, bpf_iter_task_vma_next, struct bpf_iter_task_vma *it);
LWT_KFUNC(void, bpf_iter_task_vma_destroy, struct bpf_iter_task_vma *it);

/* BPF_PROG_TEST_RUN runs in the caller: the first VMA at or after
 * addr_in is the test's own mapping that holds addr_in.
 */
SEC("lwt_in") int call(struct __sk_buff *skb)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct bpf_iter_task_vma it;
	struct vm_area_struct *vma;

	out[0] = bpf_iter_task_vma_new(&it, task, addr_in);
	vma = bpf_iter_task_vma_next(&it);
	if (vma) {
		out[1] = 1;
		out[2] = vma->vm_start;
		out[3] = vma->vm_end;
	}
	bpf_iter_task_vma_destroy(&it);
	return BPF_OK;
}

#elif defined(TEST_bpf_iter_css_new) || defined(TEST_bpf_iter_css_next) || \
	defined(TEST_bpf_iter_css_destroy)
LWT_KFUNC(int, bpf_iter_css_new, struct bpf_iter_css *it,
	  struct cgroup_subsys_state *start, unsigned int flags);
LWT_KFUNC(struct cgroup_subsys_state *, bpf_iter_css_next, struct bpf_iter_css *it);
LWT_KFUNC(void, bpf_iter_css_destroy, struct bpf_iter_css *it);

/* The css LWT_IN can reach is this task's cgroup, an RCU pointer */
SEC("lwt_in") int call(struct __sk_buff *skb)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct bpf_iter_css it;
	__s64 n = 0;

	bpf_iter_css_new(&it, &task->cgroups->dfl_cgrp->self,
			 BPF_CGROUP_ITER_DESCENDANTS_PRE);
	while (bpf_iter_css_next(&it) && n < 1000)
		n++;
	bpf_iter_css_destroy(&it);
	out[1] = n;
	return BPF_OK;
}

#elif defined(TEST_bpf_iter_css_task_new) || defined(TEST_bpf_iter_css_task_next) || \
	defined(TEST_bpf_iter_css_task_destroy)
LWT_KFUNC(int, bpf_iter_css_task_new, struct bpf_iter_css_task *it,
	  struct cgroup_subsys_state *css, unsigned int flags);
LWT_KFUNC(struct task_struct *, bpf_iter_css_task_next, struct bpf_iter_css_task *it);
LWT_KFUNC(void, bpf_iter_css_task_destroy, struct bpf_iter_css_task *it);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct bpf_iter_css_task it;
	__s64 n = 0;

	bpf_iter_css_task_new(&it, &task->cgroups->dfl_cgrp->self, CSS_TASK_ITER_PROCS);
	while (bpf_iter_css_task_next(&it) && n < 1000)
		n++;
	bpf_iter_css_task_destroy(&it);
	out[1] = n;
	return BPF_OK;
}

#else
#error "build with -DTEST_<an iterator kfunc>"
#endif

LWT_LICENSE;
