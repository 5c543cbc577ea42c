/* SPDX-License-Identifier: GPL-2.0 */
/* Loading and running LWT_IN programs for the test programs. */
#ifndef LWT_BPF_H
#define LWT_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <linux/bpf.h>
#include <bpf/libbpf.h>

/* Kernel versions as comparable numbers: KV(6, 3) */
#define KV(major, minor) ((major) * 256 + (minor))
#define KV_MAJOR(kv) ((kv) / 256)
#define KV_MINOR(kv) ((kv) % 256)

/* Version under test: LWT_KVER=X.Y (run_tests.sh --kver), else uname. */
int lwt_kver(void);

/* Verifier verdict of one load, with the log when it was rejected. */
struct lwt_load {
	int fd;			/* >= 0 when accepted */
	int err;		/* errno of a rejected load */
	char log[16384];	/* verifier log of a rejected load */
};

/* Open (once per process) the BPF object NAME from LWT_OBJ_DIR and load
 * its program PROG as BPF_PROG_TYPE_LWT_IN through a raw BPF_PROG_LOAD.
 * Returns 0 when the load was attempted (verdict in *out), or -1 with
 * a message in *out->log when the object or program is missing.
 */
int lwt_load_prog(const char *obj, const char *prog, struct lwt_load *out);

/* Load "r0 = 0; exit" as LWT_IN: 0, or -errno with a line on stderr. */
int lwt_probe(void);

/* Are programs JIT-compiled here? A program is loaded and its
 * jited_prog_len read, so the answer is what the kernel does (a sysctl,
 * CONFIG_BPF_JIT, a JIT that failed), not what a setting claims.
 * 1 yes, 0 interpreted, -1 unknown.
 */
int lwt_jit(void);

/* Programs interpreted here (lwt_jit() == 0) and LOG refused a program
 * for that alone: the verifier's words, else NULL. Without the JIT
 * fixup_call_args() refuses callbacks (bpf_loop, timers,
 * for_each_map_elem, user_ringbuf_drain) and add_kfunc_call() (or, later,
 * fixup_call_args()) every kfunc call, whatever the program type.
 */
const char *lwt_interp_refusal(const char *log);

/* Is OPT (CONFIG_...) set, =y or =m, in the kernel config run_tests.sh
 * read (LWT_KCONFIG)? 1 yes, 0 no, -1 no config known.
 */
int lwt_kconfig(const char *opt);

/* Open every object listed, so forked cases share the parsed ELF. */
int lwt_preload(const char *const *objs, size_t n);

/* Last N lines of a verifier log, joined by " | ". */
const char *lwt_log_tail(const char *log, int n, char *buf, size_t len);

/* The packet every BPF_PROG_TEST_RUN case feeds in: Ethernet + IPv4 +
 * UDP from 192.0.2.1:4000 to 198.51.100.1:5000 with an 18-byte payload.
 */
#define LWT_PKT_LEN 60
#define LWT_PKT_L3_LEN (LWT_PKT_LEN - 14)
extern const unsigned char lwt_pkt_v4[LWT_PKT_LEN];

struct __sk_buff;
/* BPF_PROG_TEST_RUN with lwt_pkt_v4 and the given ctx in/out. */
int lwt_test_run(int fd, const struct __sk_buff *ctx_in,
		 struct __sk_buff *ctx_out, unsigned int *retval);

/* What the verifier says about a call to helper ID from LWT_IN. */
enum lwt_helper_class {
	HC_ALLOWED,	/* loaded, or failed after the proto lookup */
	HC_DENIED,	/* "program of this type cannot use helper" / "unknown func" */
	HC_INVALID,	/* "invalid func": the kernel has no helper of that id */
	HC_ERROR,	/* the load failed for another reason (errno in msg) */
};
/* Loads "r1 = r2 = ... = 0; call ID; r0 = 0; exit". msg gets the line
 * that decided (the verifier's first complaint, or "loaded").
 */
enum lwt_helper_class lwt_helper_class(int id, char *msg, size_t len);

/* Drop capabilities (CAP_*) from the effective set of this process. */
int lwt_drop_caps(const int *caps, int n);

struct bpf_object;
/* Open and load a whole object (maps, relocations) through libbpf, every
 * program as BPF_PROG_TYPE_LWT_IN. NULL on failure, with the reason and
 * the verifier log's tail in err.
 */
struct bpf_object *lwt_obj_load(const char *name, char *err, size_t len);
/* Before an opened object loads: every program as BPF_PROG_TYPE_LWT_IN,
 * kfunc placeholders patched. 0, or -errno with the reason in err.
 */
int lwt_obj_prepare(struct bpf_object *obj, char *err, size_t len);
/* After a load (bpf_object__load(), T##__load()) returned e: 0, or e
 * with the verifier's last words in err; one wording for both.
 */
int lwt_load_result(int e, const char *name, const char *log, char *err, size_t len);

/* Open and load the skeleton T (bpftool gen skeleton, built into
 * $(OUTPUT)/progs/T.skel.h from progs/T.bpf.c) as LWT_IN programs: the
 * skeleton, its globals at skel->bss and its programs at skel->progs, or
 * NULL with the reason in err. Free with T##__destroy().
 */
#define LWT_SKEL_LOAD(T, err, len) ({					\
	static char __log[65536];					\
	LIBBPF_OPTS(bpf_object_open_opts, __o, .kernel_log_buf = __log,	\
		    .kernel_log_size = sizeof(__log));			\
	libbpf_print_fn_t __old = libbpf_set_print(lwt_libbpf_quiet);	\
	struct T *__s = T##__open_opts(&__o);				\
									\
	__log[0] = 0;							\
	if (!__s)							\
		snprintf(err, len, "cannot open %s: %s", #T, strerror(errno)); \
	else if (lwt_obj_prepare(__s->obj, err, len) ||			\
		 lwt_load_result(T##__load(__s), #T, __log, err, len)) {	\
		T##__destroy(__s);					\
		__s = NULL;						\
	}								\
	libbpf_set_print(__old);					\
	__s;								\
})
struct bpf_program;
/* BTF id of the kernel function NAME in vmlinux BTF, or -ENOENT. */
int lwt_kfunc_btf_id(const char *name);
/* Patch the kfunc placeholders of program p (include/lwt_kfunc.h) before
 * its object is loaded: 0, or -errno with the reason in err.
 */
int lwt_prog_patch_kfuncs(struct bpf_object *obj, struct bpf_program *p,
			  char *err, size_t len);
/* The object's .bss (its programs' globals) to or from buf: the first len
 * bytes. LWT_BSS_EXACT: .bss must be len bytes (a mirror struct that no
 * longer matches the program's is an error, not a short read). 0, or
 * -ENOENT (no .bss), -EMSGSIZE (sizes differ), -errno.
 */
#define LWT_BSS_WRITE 1
#define LWT_BSS_EXACT 2
int lwt_obj_bss(struct bpf_object *obj, void *buf, size_t len, int flags);
/* A libbpf print function that prints nothing (libbpf_set_print): the
 * common loader uses it, so libbpf's lines stay out of the cases' output.
 */
int lwt_libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap);
int lwt_obj_prog_fd(struct bpf_object *obj, const char *prog);
int lwt_obj_map_fd(struct bpf_object *obj, const char *map);

#endif
