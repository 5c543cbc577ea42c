// SPDX-License-Identifier: GPL-2.0
/* helpers/<helper>/<aspect>: each helper on the spec page doing its job.
 * The steps they share (helpers.h). One object per helper:
 * progs/helper_<helper>.bpf.c, every program loaded as LWT_IN.
 */
#include <time.h>
#include "helpers.h"
#include "kfuncs_table.h"

/* Kfuncs some cases need to make their input, and the release that has
 * them; the spec's own kfuncs come from kfuncs_table.h.
 */
static const struct { const char *name; int since; } kfunc_since[] = {
#define KFUNC(name, since, ...) { #name, since },
#include "kfuncs_table.h"
#undef KFUNC
	{ "bpf_obj_new_impl", KV(6, 2) }, { "bpf_obj_drop_impl", KV(6, 2) },
	{ "bpf_task_release", KV(6, 2) }, { "bpf_task_from_pid", KV(6, 3) },
	{ "bpf_percpu_obj_new_impl", KV(6, 6) },
	{ "bpf_percpu_obj_drop_impl", KV(6, 6) },
};

/* A load refused because this kernel's BTF lacks a kfunc the program
 * calls (lwt_prog_patch_kfuncs(): "kfunc NAME is not in this kernel's
 * BTF"): true, with the reason recorded, when the kernel is older than
 * the kfunc, so the case is skipped; false (the case fails) otherwise.
 */
bool kfunc_too_new(const char *log)
{
	const char *p = strstr(log, "kfunc ");
	char name[64];
	size_t i;

	if (!p || !strstr(p, " is not in this kernel's BTF") ||
	    sscanf(p, "kfunc %63s", name) != 1)
		return false;
	for (i = 0; i < sizeof(kfunc_since) / sizeof(kfunc_since[0]); i++)
		if (!strcmp(name, kfunc_since[i].name)) {
			if (lwt_kver() >= kfunc_since[i].since)
				return false;
			lwt_reason("needs kfunc %s (%d.%d), not in this kernel", name,
				   KV_MAJOR(kfunc_since[i].since),
				   KV_MINOR(kfunc_since[i].since));
			return true;
		}
	return false;
}

struct bpf_object *helper_obj_load(struct __test_metadata *_metadata,
					  const char *file)
{
	char err[2048];
	struct bpf_object *obj = lwt_obj_load(file, err, sizeof(err));

	if (!obj)
		helper_load_failed(_metadata, err);
	return obj;
}

/* A load that failed: skip (setup and body alike) where the kernel is too
 * old for a kfunc the program calls or programs are interpreted here,
 * else fail with the verifier's words (the body then does not run).
 */
void helper_load_failed(struct __test_metadata *_metadata, const char *err)
{
	lwt_observed("%s", err);
	if (kfunc_too_new(err))
		SKIP(longjmp(_metadata->env, 1), "needs a newer kfunc");
	SKIP_IF_INTERPRETED(longjmp(_metadata->env, 1), err);
	CASE_FAIL("%s", err);
}

/* A helper this kernel version does not give LWT_IN (helpers_table.h)
 * has nothing to test: the case is skipped, setup and body.
 */
/* Helpers whose cases need something newer than the helper to make
 * their input.
 */
static const struct { const char *helper; int since; const char *what; } helper_input[] = {
	{ "per_cpu_ptr", KV(6, 6), "a per-CPU kptr in a map to point at (36d8bdf75a93)" },
	{ "this_cpu_ptr", KV(6, 6), "a per-CPU kptr in a map to point at (36d8bdf75a93)" },
	{ "kptr_xchg", KV(6, 2), "a kptr field of a program-local type (bpf_obj_new, 958cf2e273f0)" },
};

void helper_needs(struct __test_metadata *_metadata, int row)
{
	const struct helper_row *h = &helper_rows[row];
	size_t i;

	if (expected_avail(h, lwt_kver()) == DENY) {
		lwt_reason("bpf_%s is not callable from LWT_IN before %d.%d", h->name,
			   KV_MAJOR(h->since), KV_MINOR(h->since));
		SKIP(longjmp(_metadata->env, 1), "helper too new");
	}
	for (i = 0; i < sizeof(helper_input) / sizeof(helper_input[0]); i++)
		if (!strcmp(h->name, helper_input[i].helper) &&
		    lwt_kver() < helper_input[i].since) {
			lwt_reason("needs kernel %d.%d for %s",
				   KV_MAJOR(helper_input[i].since),
				   KV_MINOR(helper_input[i].since), helper_input[i].what);
			SKIP(longjmp(_metadata->env, 1), "input too new");
		}
}


/* Map operations the verifier calls directly when the program is JITed
 * (do_misc_fixups(): "prog->jit_requested && BITS_PER_LONG == 64": map
 * update, delete, push, pop, peek, for_each) returned int before 6.4
 * ("bpf: return long from bpf_map_ops funcs", d7ba4cc900bf): R0's upper
 * half was then 0 and an error reads as a 32-bit number in a 64-bit slot.
 */
#define KV_MAP_OPS_LONG KV(6, 4)
__s64 map_op_err(int err)
{
	/* the direct call needs prog->jit_requested: interpreted, the
	 * BPF_CALL wrapper's u64 return sign-extends at every version
	 */
	return lwt_kver() >= KV_MAP_OPS_LONG || lwt_jit() == 0 ? err : (__s64)(__u32)err;
}

/* Run program PROG of obj once on lwt_pkt_v4 (BPF_PROG_TEST_RUN). */
int helper_run(struct __test_metadata *_metadata, struct bpf_object *obj,
		      const char *prog, unsigned int *retval)
{
	const struct bpf_program *p = bpf_object__find_program_by_name(obj, prog);

	if (!p) {
		CASE_FAIL("object has no program %s", prog);
		return -1;
	}
	return helper_run_prog(_metadata, p, retval);
}

/* Run program p once on lwt_pkt_v4 (BPF_PROG_TEST_RUN). */
int helper_run_prog(struct __test_metadata *_metadata, const struct bpf_program *p,
		    unsigned int *retval)
{
	int err = lwt_test_run(bpf_program__fd(p), NULL, NULL, retval);

	if (err)
		CASE_FAIL("BPF_PROG_TEST_RUN of %s: %s", bpf_program__name(p),
			  strerror(-err));
	return err;
}

int helper_run_copy(struct __test_metadata *_metadata, const struct bpf_program *p,
		    void *out, const void *res, size_t len)
{
	unsigned int rv;

	if (helper_run_prog(_metadata, p, &rv))
		return -1;
	memcpy(out, res, len);
	return 0;
}

/* Copy the object's .bss (the programs' globals) into buf, which mirrors
 * it exactly (lwt_obj_bss()).
 */
int helper_bss(struct __test_metadata *_metadata, struct bpf_object *obj,
		      void *buf, size_t len)
{
	int err = lwt_obj_bss(obj, buf, len, LWT_BSS_EXACT);

	if (err)
		CASE_FAIL("reading .bss into a %zu-byte mirror: %s", len,
			  err == -EMSGSIZE ? "the sizes differ" : strerror(-err));
	return err ? -1 : 0;
}

/* Run PROG once and copy .bss into out. */
int helper_run_bss(struct __test_metadata *_metadata, struct bpf_object *obj,
			  const char *prog, void *out, size_t len)
{
	unsigned int rv;

	if (helper_run(_metadata, obj, prog, &rv))
		return -1;
	return helper_bss(_metadata, obj, out, len);
}

/* Overwrite the object's .bss with buf (the programs' inputs) before a
 * run (its first len bytes; the rest stays as the last run left it).
 */
int bss_store(struct __test_metadata *_metadata, struct bpf_object *obj,
	      const void *buf, size_t len)
{
	int err = lwt_obj_bss(obj, (void *)buf, len, LWT_BSS_WRITE);

	if (err)
		CASE_FAIL("writing .bss: %s", err == -EMSGSIZE ? "smaller than the input" :
			  strerror(-err));
	return err ? -1 : 0;
}

/* Where cgroup2 is mounted: /sys/fs/cgroup/unified on a hybrid layout,
 * /sys/fs/cgroup on a unified one. 0, or -1 when it is not mounted.
 */
int cgroup2_mount(char *buf, size_t len)
{
	char dev[256], dir[4096], type[64];
	FILE *fp = fopen("/proc/mounts", "r");
	int found = -1;

	if (!fp)
		return -1;
	while (found && fscanf(fp, "%255s %4095s %63s %*[^\n]", dev, dir, type) == 3)
		if (!strcmp(type, "cgroup2"))
			found = snprintf(buf, len, "%s", dir) >= (int)len ? -1 : 0;
	fclose(fp);
	return found;
}

/* This process's cgroup2 path ("0::/path" in /proc/self/cgroup). */
int cgroup2_own_path(char *buf, size_t len)
{
	FILE *fp = fopen("/proc/self/cgroup", "r");
	char line[4096];
	int found = -1;

	if (!fp)
		return -1;
	while (found && fgets(line, sizeof(line), fp))
		if (!strncmp(line, "0::", 3)) {
			line[strcspn(line, "\n")] = 0;
			found = snprintf(buf, len, "%s", line + 3) >= (int)len ? -1 : 0;
		}
	fclose(fp);
	return found;
}

__u64 hm_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}
