// SPDX-License-Identifier: GPL-2.0
/* helpers that do not touch the packet: cpu, numa, random, clocks,
 * strings, the current task, memory probes, BTF printing, cgroup storage.
 * BPF_PROG_TEST_RUN runs the program in this task, in the bpf() syscall.
 */
#include "helpers.h"
#include "helper_snprintf.skel.h"
#include "helper_strncmp.skel.h"
#include "helper_get_current_task.skel.h"
#include "helper_get_current_task_btf.skel.h"
#include "helper_task_pt_regs.skel.h"
#include "helper_probe_read_kernel.skel.h"
#include "helper_probe_read_kernel_str.skel.h"
#include "helper_probe_read_user.skel.h"
#include "helper_probe_read_user_str.skel.h"
#include "helper_snprintf_btf.skel.h"
#include "helper_cgrp_storage_get.skel.h"
#include "helper_cgrp_storage_delete.skel.h"
#include <fcntl.h>
#include <sys/syscall.h>
#include <time.h>
#include "helper_get_smp_processor_id.skel.h"
#include "helper_get_numa_node_id.skel.h"
#include "helper_get_prandom_u32.skel.h"
#include "helper_ktime_get_ns.skel.h"
#include "helper_ktime_get_boot_ns.skel.h"
#include "helper_ktime_get_tai_ns.skel.h"
#include "helper_jiffies64.skel.h"

/* ---- get_smp_processor_id ----------------------------------------- */

HELPER_SKEL_FIXTURE(get_smp_processor_id)

/* CPU affinity through the raw syscalls: helpers.c includes <sched.h>
 * without _GNU_SOURCE, so the CPU_* macros are not there.
 */
#define MASK_CPUS 1024
struct cpu_mask { unsigned long bits[MASK_CPUS / (8 * sizeof(long))]; };
#define MASK_BIT(cpu) (1UL << ((cpu) % (8 * sizeof(long))))
#define MASK_WORD(m, cpu) ((m)->bits[(cpu) / (8 * sizeof(long))])

static int affinity_get(struct cpu_mask *m)
{
	memset(m, 0, sizeof(*m));
	return syscall(SYS_sched_getaffinity, 0, sizeof(*m), m) < 0 ? -1 : 0;
}

static int affinity_set(const struct cpu_mask *m)
{
	return syscall(SYS_sched_setaffinity, 0, sizeof(*m), m) ? -1 : 0;
}

/* Pin this thread to one CPU. */
static int pin_to_cpu(int cpu)
{
	struct cpu_mask one = {};

	MASK_WORD(&one, cpu) |= MASK_BIT(cpu);
	return affinity_set(&one);
}

/* bpf_get_smp_processor_id() -> smp_processor_id(): the CPU running the
 * program. BPF_PROG_TEST_RUN runs it in this thread, so pinning the
 * thread decides the CPU. Tried on up to 4 allowed CPUs.
 */
TEST_F(get_smp_processor_id, pinned_cpu)
{
	int ncpus = libbpf_num_possible_cpus(), cpu, tried = 0, bad = 0;
	char seen[256] = "";
	struct cpu_mask old;
	unsigned int rv;

	if (affinity_get(&old)) {
		CASE_FAIL("sched_getaffinity: %s", strerror(errno));
		return;
	}
	for (cpu = 0; cpu < MASK_CPUS && tried < 4; cpu++) {
		if (!(MASK_WORD(&old, cpu) & MASK_BIT(cpu)) || pin_to_cpu(cpu))
			continue;
		tried++;
		if (helper_run_prog(_metadata, self->skel->progs.cpu, &rv))
			break;
		snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen),
			 "%spinned %d: %llu/%llu", tried > 1 ? "; " : "", cpu,
			 self->skel->bss->res.first, self->skel->bss->res.second);
		bad += self->skel->bss->res.first != (__u64)cpu ||
		       self->skel->bss->res.second != (__u64)cpu;
	}
	affinity_set(&old);
	lwt_expected("the CPU this thread is pinned to, < %d possible CPUs", ncpus);
	lwt_observed("%s", seen);
	ASSERT_LT(0, tried);
	EXPECT_EQ(0, bad);
	EXPECT_LT(self->skel->bss->res.first, (__u64)ncpus);
}

/* ---- get_numa_node_id --------------------------------------------- */

HELPER_SKEL_FIXTURE(get_numa_node_id)

/* Possible NUMA nodes: highest number in /sys/devices/system/node/possible
 * plus one; 1 without that file (no NUMA).
 */
static int possible_nodes(void)
{
	FILE *fp = fopen("/sys/devices/system/node/possible", "r");
	int n = 0, max = 0;
	char sep = 0;

	if (!fp)
		return 1;
	while (fscanf(fp, "%d%c", &n, &sep) >= 1) {
		if (n > max)
			max = n;
		if (sep == '\n')
			break;
	}
	fclose(fp);
	return max + 1;
}

/* bpf_get_numa_node_id() -> numa_node_id(): the node of the running CPU;
 * getcpu() says which node that is while the thread is pinned.
 */
TEST_F(get_numa_node_id, node_of_cpu)
{
	unsigned int cpu = 0, node = 0;
	int nodes = possible_nodes();
	struct cpu_mask old;
	unsigned int rv;
	__u64 first, second;
	int err;

	if (affinity_get(&old) || syscall(SYS_getcpu, &cpu, &node, NULL) ||
	    pin_to_cpu(cpu)) {
		CASE_FAIL("getcpu/pin: %s", strerror(errno));
		return;
	}
	err = syscall(SYS_getcpu, &cpu, &node, NULL);
	if (err)
		CASE_FAIL("getcpu: %s", strerror(errno));
	else
		err = helper_run_prog(_metadata, self->skel->progs.node, &rv);
	affinity_set(&old);
	if (err)
		return;
	first = self->skel->bss->res.first;
	second = self->skel->bss->res.second;
	lwt_expected("node %u of cpu %u (getcpu), < %d possible nodes", node, cpu, nodes);
	lwt_observed("%llu, %llu", first, second);
	EXPECT_EQ(node, first);
	EXPECT_EQ(node, second);
	EXPECT_LT(first, (__u64)nodes);
}

/* ---- get_prandom_u32 ---------------------------------------------- */

HELPER_SKEL_FIXTURE(get_prandom_u32)

/* bpf_get_prandom_u32() -> bpf_user_rnd_u32(): a per-CPU prandom state.
 * Six 32-bit values from three runs collide with probability ~4e-9.
 */
TEST_F(get_prandom_u32, values_differ)
{
	__u64 v[6];
	unsigned int rv;
	int i, j, same = 0;

	for (i = 0; i < 3; i++) {
		if (helper_run_prog(_metadata, self->skel->progs.rand, &rv))
			return;
		v[2 * i] = self->skel->bss->res.first;
		v[2 * i + 1] = self->skel->bss->res.second;
	}
	for (i = 0; i < 6; i++)
		for (j = i + 1; j < 6; j++)
			same += v[i] == v[j];
	lwt_expected("two calls in each of three runs: six different u32 values");
	lwt_observed("%#llx %#llx, %#llx %#llx, %#llx %#llx; %d equal pairs",
		     v[0], v[1], v[2], v[3], v[4], v[5], same);
	EXPECT_EQ(0, same);
}

/* ---- ktime_get_ns, ktime_get_boot_ns, ktime_get_tai_ns ------------ */

static __u64 clock_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Two calls in one run lie in order between clock_gettime(clk) taken
 * before and after the run.
 */
static void clock_check(struct __test_metadata *_metadata, const struct bpf_program *now,
			const __u64 *first, const __u64 *second,
			clockid_t clk, const char *name)
{
	unsigned int rv;
	__u64 before, after;

	before = clock_ns(clk);
	if (helper_run_prog(_metadata, now, &rv))
		return;
	after = clock_ns(clk);
	lwt_expected("%s before <= first <= second <= %s after", name, name);
	lwt_observed("%llu <= %llu <= %llu <= %llu", before, *first, *second, after);
	EXPECT_LE(before, *first);
	EXPECT_LE(*first, *second);
	EXPECT_LE(*second, after);
}

/* The clock helpers' skeletons all keep res.first and res.second */
#define CLOCK_CHECK(skel, clk) \
	clock_check(_metadata, (skel)->progs.now, &(skel)->bss->res.first, \
		    &(skel)->bss->res.second, clk, #clk)

HELPER_SKEL_FIXTURE(ktime_get_ns)

/* bpf_ktime_get_ns() -> ktime_get_mono_fast_ns(): CLOCK_MONOTONIC */
TEST_F(ktime_get_ns, monotonic_clock)
{
	CLOCK_CHECK(self->skel, CLOCK_MONOTONIC);
}

HELPER_SKEL_FIXTURE(ktime_get_boot_ns)

/* bpf_ktime_get_boot_ns() -> ktime_get_boot_fast_ns(): CLOCK_BOOTTIME */
TEST_F(ktime_get_boot_ns, boottime_clock)
{
	CLOCK_CHECK(self->skel, CLOCK_BOOTTIME);
}

HELPER_SKEL_FIXTURE(ktime_get_tai_ns)

/* bpf_ktime_get_tai_ns() -> ktime_get_tai_fast_ns(): CLOCK_TAI */
TEST_F(ktime_get_tai_ns, tai_clock)
{
	CLOCK_CHECK(self->skel, CLOCK_TAI);
}

/* ---- jiffies64 ---------------------------------------------------- */

HELPER_SKEL_FIXTURE(jiffies64)

/* bpf_jiffies64() -> get_jiffies_64(): non-zero (it starts at
 * INITIAL_JIFFIES) and never going back, within a run and across runs.
 */
TEST_F(jiffies64, non_decreasing)
{
	struct { __u64 first, second; } a, b;
	unsigned int rv;

	if (helper_run_prog(_metadata, self->skel->progs.now, &rv))
		return;
	a.first = self->skel->bss->res.first;
	a.second = self->skel->bss->res.second;
	if (helper_run_prog(_metadata, self->skel->progs.now, &rv))
		return;
	b.first = self->skel->bss->res.first;
	b.second = self->skel->bss->res.second;
	lwt_expected("non-zero; run 1 first <= second <= run 2 first <= second");
	lwt_observed("%llu %llu, %llu %llu", a.first, a.second, b.first, b.second);
	EXPECT_NE(0, a.first);
	EXPECT_LE(a.first, a.second);
	EXPECT_LE(a.second, b.first);
	EXPECT_LE(b.first, b.second);
}

/* ---- snprintf ----------------------------------------------------- */

HELPER_SKEL_FIXTURE(snprintf)


/* bpf_snprintf() (kernel/bpf/helpers.c): bstr_printf() into str, returns
 * "err + 1": the whole string's length with its NUL, even when str_size
 * cut it (the output is then NUL-terminated at str_size - 1).
 */
TEST_F(snprintf, formats)
{
	SKEL_RES r;
	char want[64];
	int n = snprintf(want, sizeof(want), "lwt_in %d %s %x", -42, "snprintf", 0xbeef);

	if (SKEL_RUN(format, r))
		return;
	r.full[sizeof(r.full) - 1] = 0;
	lwt_expected("\"%s\", ret %d", want, n + 1);
	lwt_observed("\"%s\", ret %lld", r.full, r.ret_full);
	EXPECT_STREQ(want, r.full);
	EXPECT_EQ(n + 1, r.ret_full);
}

TEST_F(snprintf, truncates)
{
	SKEL_RES r;
	char want[64];
	int n = snprintf(want, sizeof(want), "lwt_in %d %s %x", -42, "snprintf", 0xbeef);

	if (SKEL_RUN(format, r))
		return;
	lwt_expected("8-byte buffer: \"%.7s\" and NUL, ret %d (the whole length)", want, n + 1);
	lwt_observed("\"%.*s\"%s, ret %lld", (int)strnlen(r.small, 8), r.small,
		     r.small[7] ? " (no NUL)" : "", r.ret_small);
	EXPECT_EQ(0, memcmp(want, r.small, 7));
	EXPECT_EQ(0, r.small[7]);
	EXPECT_EQ(n + 1, r.ret_small);
}

/* ---- strncmp ------------------------------------------------------ */

HELPER_SKEL_FIXTURE(strncmp)

/* bpf_strncmp(s1, s1_sz, s2) -> strncmp(s1, s2, s1_sz) */
TEST_F(strncmp, compares)
{
	struct { __s64 same, above, below, prefix_4, prefix_5; } r;

	if (SKEL_RUN(cmp, r))
		return;
	lwt_expected("\"lwt_in\" vs itself 0, vs \"lwt_out\" < 0, vs \"lwt_a\" > 0; "
		     "vs \"lwt_xyz\" 0 over 4 bytes, < 0 over 5");
	lwt_observed("%lld, %lld, %lld; %lld, %lld", r.same, r.above, r.below,
		     r.prefix_4, r.prefix_5);
	EXPECT_EQ(0, r.same);
	EXPECT_GT(0, r.above);
	EXPECT_LT(0, r.below);
	EXPECT_EQ(0, r.prefix_4);
	EXPECT_GT(0, r.prefix_5);
}

/* ---- get_current_task, get_current_task_btf, task_pt_regs --------- */

HELPER_SKEL_FIXTURE(get_current_task)

/* bpf_get_current_task() -> (long)current: the same address from every
 * call, and the one bpf_get_current_task_btf() returns typed (whose pid
 * and tgid the get_current_task_btf case checks).
 */
TEST_F(get_current_task, is_caller)
{
	struct { __u64 first, second, task_btf; } r;

	if (SKEL_RUN(task, r))
		return;
	lwt_expected("a kernel address, the same twice and equal to bpf_get_current_task_btf()");
	lwt_observed("%#llx, %#llx; btf %#llx", r.first, r.second, r.task_btf);
	EXPECT_NE(0, r.first);
	EXPECT_EQ(r.first, r.second);
	EXPECT_EQ(r.task_btf, r.first);
}

HELPER_SKEL_FIXTURE(get_current_task_btf)

/* bpf_get_current_task_btf() -> current, typed: pid is this thread's id,
 * tgid this process's (BPF_PROG_TEST_RUN runs in the caller).
 */
TEST_F(get_current_task_btf, is_caller)
{
	struct { __s32 pid, tgid; } r;
	pid_t tid = syscall(SYS_gettid);

	if (SKEL_RUN(task, r))
		return;
	lwt_expected("pid %d, tgid %d", tid, getpid());
	lwt_observed("pid %d, tgid %d", r.pid, r.tgid);
	EXPECT_EQ(tid, r.pid);
	EXPECT_EQ(getpid(), r.tgid);
}

HELPER_SKEL_FIXTURE(task_pt_regs)

/* bpf_task_pt_regs() -> task_pt_regs(task): the user registers saved on
 * kernel entry. For current inside BPF_PROG_TEST_RUN that entry is the
 * bpf() syscall: on x86-64 orig_ax holds __NR_bpf.
 */
TEST_F(task_pt_regs, current_regs)
{
	struct { __u64 regs, syscall_nr; } r;

	if (SKEL_RUN(regs, r))
		return;
#ifdef __x86_64__
	lwt_expected("non-NULL; orig_ax = __NR_bpf (%d)", __NR_bpf);
#else
	lwt_expected("non-NULL");
#endif
	lwt_observed("%#llx; orig_ax %lld", r.regs, (long long)r.syscall_nr);
	EXPECT_NE(0, r.regs);
#ifdef __x86_64__
	EXPECT_EQ(__NR_bpf, r.syscall_nr);
#endif
}

/* ---- probe_read_kernel, probe_read_kernel_str --------------------- */

/* This thread's comm, as the kernel's current->comm holds it */
static int own_comm(char comm[16])
{
	FILE *fp = fopen("/proc/thread-self/comm", "r");
	int ok;

	memset(comm, 0, 16);
	if (!fp)
		return -1;
	ok = fgets(comm, 16, fp) != NULL;
	fclose(fp);
	comm[strcspn(comm, "\n")] = 0;
	return ok ? 0 : -1;
}

/* A user address is refused before any access on x86-64:
 * copy_from_kernel_nofault_allowed() is false below TASK_SIZE_MAX, and
 * copy_from_kernel_nofault()/strncpy_from_kernel_nofault() return -ERANGE.
 */
#ifdef __x86_64__
#define KREAD_USER_ADDR_ERR (-ERANGE)
#else
#define KREAD_USER_ADDR_ERR (-EFAULT)
#endif

static bool all_zero(const __u8 *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

HELPER_SKEL_FIXTURE(probe_read_kernel)

/* bpf_probe_read_kernel() -> bpf_probe_read_kernel_common():
 * copy_from_kernel_nofault(), dst zeroed on failure.
 */
TEST_F(probe_read_kernel, reads_comm)
{
	struct { char comm[16]; __u8 bad[8]; __s64 ret_comm, ret_bad; } r;
	char comm[16];

	if (own_comm(comm)) {
		CASE_FAIL("cannot read /proc/thread-self/comm");
		return;
	}
	if (SKEL_RUN(read, r))
		return;
	lwt_expected("ret 0, current->comm \"%s\"; address 0: %d, dst zeroed",
		     comm, KREAD_USER_ADDR_ERR);
	lwt_observed("ret %lld, \"%.16s\"; address 0: %lld, dst %s", r.ret_comm,
		     r.comm, r.ret_bad, all_zero(r.bad, 8) ? "zeroed" : "not zeroed");
	EXPECT_EQ(0, r.ret_comm);
	EXPECT_EQ(0, memcmp(comm, r.comm, 16));
	EXPECT_EQ(KREAD_USER_ADDR_ERR, r.ret_bad);
	EXPECT_TRUE(all_zero(r.bad, 8));
}

HELPER_SKEL_FIXTURE(probe_read_kernel_str)

/* bpf_probe_read_kernel_str() -> strncpy_from_kernel_nofault(): the
 * length with the NUL; a short dst gets size - 1 bytes and a NUL, and
 * the return value is size; dst zeroed on failure.
 */
TEST_F(probe_read_kernel_str, reads_comm)
{
	struct {
		char comm[16]; char small[4]; __u8 bad[8];
		__s64 ret_comm, ret_small, ret_bad;
	} r;
	char comm[16];
	int len;

	if (own_comm(comm)) {
		CASE_FAIL("cannot read /proc/thread-self/comm");
		return;
	}
	len = strlen(comm);
	if (SKEL_RUN(read, r))
		return;
	r.comm[15] = 0;
	lwt_expected("\"%s\" ret %d; 4-byte dst \"%.3s\" ret 4; address 0: %d, dst zeroed",
		     comm, len + 1, comm, KREAD_USER_ADDR_ERR);
	lwt_observed("\"%s\" ret %lld; \"%.4s\" ret %lld; %lld, dst %s", r.comm,
		     r.ret_comm, r.small, r.ret_small, r.ret_bad,
		     all_zero(r.bad, 8) ? "zeroed" : "not zeroed");
	EXPECT_STREQ(comm, r.comm);
	EXPECT_EQ(len + 1, r.ret_comm);
	EXPECT_EQ(0, memcmp(comm, r.small, 3));
	EXPECT_EQ(0, r.small[3]);
	EXPECT_EQ(4, r.ret_small);
	EXPECT_EQ(KREAD_USER_ADDR_ERR, r.ret_bad);
	EXPECT_TRUE(all_zero(r.bad, 8));
}

/* ---- probe_read_user, probe_read_user_str ------------------------- */

HELPER_SKEL_FIXTURE(probe_read_user)

/* bpf_probe_read_user() -> copy_from_user_nofault() on current->mm, the
 * test process (BPF_PROG_TEST_RUN runs in its bpf() syscall). Page
 * faults are disabled, so the buffer is on this (present) stack.
 * Address 0: -EFAULT and dst zeroed (bpf_probe_read_user_common).
 */
TEST_F(probe_read_user, reads_caller_memory)
{
	SKEL_RES r = {};
	char user[32] = "lwt_in probe_read_user buffer!";

	r.addr = (unsigned long)user;
	if (SKEL_STORE(r) ||
	    SKEL_RUN(read, r))
		return;
	lwt_expected("ret 0 and the 32 bytes at %p; address 0: -EFAULT, dst zeroed", user);
	lwt_observed("ret %lld, bytes %s; %lld, dst %s", r.ret_buf,
		     memcmp(user, r.buf, 32) ? "differ" : "equal", r.ret_bad,
		     all_zero(r.bad, 8) ? "zeroed" : "not zeroed");
	EXPECT_EQ(0, r.ret_buf);
	EXPECT_EQ(0, memcmp(user, r.buf, 32));
	EXPECT_EQ(-EFAULT, r.ret_bad);
	EXPECT_TRUE(all_zero(r.bad, 8));
}

HELPER_SKEL_FIXTURE(probe_read_user_str)

/* bpf_probe_read_user_str() -> strncpy_from_user_nofault(): the length
 * with the NUL; a short dst gets size - 1 bytes, a NUL, and ret size.
 */
TEST_F(probe_read_user_str, reads_caller_string)
{
	SKEL_RES r = {};
	char user[] = "lwt_in user string";
	int len = strlen(user);

	r.addr = (unsigned long)user;
	if (SKEL_STORE(r) ||
	    SKEL_RUN(read, r))
		return;
	r.str[31] = 0;
	lwt_expected("\"%s\" ret %d; 8-byte dst \"%.7s\" ret 8; address 0: -EFAULT, dst zeroed",
		     user, len + 1, user);
	lwt_observed("\"%s\" ret %lld; \"%.8s\" ret %lld; %lld, dst %s", r.str, r.ret_str,
		     r.small, r.ret_small, r.ret_bad,
		     all_zero(r.bad, 8) ? "zeroed" : "not zeroed");
	EXPECT_STREQ(user, r.str);
	EXPECT_EQ(len + 1, r.ret_str);
	EXPECT_EQ(0, memcmp(user, r.small, 7));
	EXPECT_EQ(0, r.small[7]);
	EXPECT_EQ(8, r.ret_small);
	EXPECT_EQ(-EFAULT, r.ret_bad);
	EXPECT_TRUE(all_zero(r.bad, 8));
}

/* ---- snprintf_btf ------------------------------------------------- */

HELPER_SKEL_FIXTURE(snprintf_btf)


/* bpf_snprintf_btf() -> btf_type_snprintf_show() with the vmlinux BTF of
 * struct udphdr (type id from bpf_core_type_id_kernel): BTF_F_COMPACT
 * gives one line (members still as ".name = (type)value,"); zero-valued
 * members are left out unless BTF_F_ZERO.
 * It returns the length it wrote (or would have), without the NUL.
 */
TEST_F(snprintf_btf, shows_struct)
{
	const char *want = "(struct udphdr){.source = (__be16)4000,"
			   ".dest = (__be16)5000,.len = (__be16)26,}";
	const char *want_zero = "(struct udphdr){.source = (__be16)4000,"
				".dest = (__be16)5000,.len = (__be16)26,.check = (__sum16)0,}";
	SKEL_RES r;

	if (SKEL_RUN(show, r))
		return;
	r.text[127] = 0;
	r.zero[127] = 0;
	lwt_expected("\"%s\", ret %zu; BTF_F_ZERO: \"%s\", ret %zu",
		     want, strlen(want), want_zero, strlen(want_zero));
	lwt_observed("\"%s\", ret %lld; \"%s\", ret %lld",
		     r.text, r.ret_text, r.zero, r.ret_zero);
	EXPECT_STREQ(want, r.text);
	EXPECT_EQ((__s64)strlen(want), r.ret_text);
	EXPECT_STREQ(want_zero, r.zero);
	EXPECT_EQ((__s64)strlen(want_zero), r.ret_zero);
}

/* ---- cgrp_storage_get, cgrp_storage_delete ------------------------ */

/* An fd of this process's cgroup2 directory: the key userspace uses for
 * BPF_MAP_TYPE_CGRP_STORAGE (bpf_cgrp_storage_lookup_elem: cgroup fd).
 */
static int own_cgroup_fd(char *path, size_t len)
{
	char mnt[4096], own[4096];

	if (cgroup2_mount(mnt, sizeof(mnt)) || cgroup2_own_path(own, sizeof(own)))
		return -1;
	snprintf(path, len, "%s%s", mnt, strcmp(own, "/") ? own : "");
	return open(path, O_RDONLY | O_DIRECTORY);
}

HELPER_SKEL_FIXTURE(cgrp_storage_get)


/* bpf_cgrp_storage_get() (kernel/bpf/bpf_cgrp_storage.c): without
 * F_CREATE NULL while the cgroup has no storage; with F_CREATE a new one
 * initialised from value; an existing one is returned as it is. The
 * program bumps the value; userspace sees it under the cgroup's fd.
 */
TEST_F(cgrp_storage_get, creates_then_finds)
{
	int map = lwt_obj_map_fd(self->skel->obj, "store"), cg, err;
	SKEL_RES a, b;
	__u64 seen = 0;
	char path[8300];

	if (SKEL_RUN(get, a) ||
	    SKEL_RUN(get, b))
		return;
	cg = own_cgroup_fd(path, sizeof(path));
	err = cg < 0 ? -1 : bpf_map_lookup_elem(map, &cg, &seen);
	if (cg >= 0)
		close(cg);
	lwt_expected("run 1: none (-1), created 0x5eed, then 0x5eee; run 2: 0x5eee, "
		     "0x5eee (init ignored), 0x5eef; map lookup by %s: 0x5eef", path);
	lwt_observed("run 1: %lld, %#llx, %#llx; run 2: %#llx, %#llx, %#llx; lookup %s %#llx",
		     a.lookup_before, a.created, a.lookup_after, b.lookup_before,
		     b.created, b.lookup_after, err ? strerror(errno) : "ok", seen);
	EXPECT_EQ(-1, a.lookup_before);
	EXPECT_EQ(0x5eed, a.created);
	EXPECT_EQ(0x5eee, a.lookup_after);
	EXPECT_EQ(0x5eee, b.lookup_before);
	EXPECT_EQ(0x5eee, b.created);
	EXPECT_EQ(0x5eef, b.lookup_after);
	EXPECT_EQ(0, err);
	EXPECT_EQ(0x5eef, seen);
}

HELPER_SKEL_FIXTURE(cgrp_storage_delete)

/* bpf_cgrp_storage_delete() -> cgroup_storage_delete(): 0 when the
 * cgroup had storage in this map, -ENOENT when not (any more).
 */
TEST_F(cgrp_storage_delete, deletes_once)
{
	struct { __s64 created, del_first, del_second, lookup_after; } r;
	int map = lwt_obj_map_fd(self->skel->obj, "store"), cg, err, lookup_errno = 0;
	char path[8300];
	__u64 seen;

	if (SKEL_RUN(del, r))
		return;
	cg = own_cgroup_fd(path, sizeof(path));
	err = cg < 0 ? -1 : bpf_map_lookup_elem(map, &cg, &seen);
	lookup_errno = err ? errno : 0;
	if (cg >= 0)
		close(cg);
	lwt_expected("created; delete 0, again -ENOENT; get finds nothing; "
		     "map lookup by %s: ENOENT", path);
	lwt_observed("created %lld; delete %lld, again %lld; get %s; lookup %s",
		     r.created, r.del_first, r.del_second,
		     r.lookup_after ? "found it" : "NULL",
		     err ? strerror(lookup_errno) : "found it");
	EXPECT_EQ(1, r.created);
	EXPECT_EQ(0, r.del_first);
	EXPECT_EQ(-ENOENT, r.del_second);
	EXPECT_EQ(0, r.lookup_after);
	EXPECT_EQ(ENOENT, lookup_errno);
}
