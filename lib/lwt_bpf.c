// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <linux/btf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "lwt_bpf.h"
#include "lwt_kfunc.h"

/* errno or libbpf's own codes (LIBBPF_ERRNO__FORMAT, ...) as words */
static const char *lwt_strerror(int err)
{
	static char buf[128];

	if (libbpf_strerror(err, buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "%s", strerror(err));
	return buf;
}

int lwt_kver(void)
{
	const char *s = getenv("LWT_KVER");
	struct utsname u;
	int major = 0, minor = 0;

	if (!s || !*s) {
		if (uname(&u))
			return 0;
		s = u.release;
	}
	if (sscanf(s, "%d.%d", &major, &minor) != 2)
		return 0;
	return KV(major, minor);
}

static const char *obj_dir(void)
{
	const char *d = getenv("LWT_OBJ_DIR");

	return d && *d ? d : ".";
}

#define MAX_OBJS 128
static struct {
	char name[64];
	struct bpf_object *obj;
} objs[MAX_OBJS];
static size_t nobjs;

static struct bpf_object *obj_get(const char *name, char *err, size_t errlen)
{
	char path[4096];
	struct bpf_object *obj;
	size_t i;

	for (i = 0; i < nobjs; i++)
		if (!strcmp(objs[i].name, name))
			return objs[i].obj;
	snprintf(path, sizeof(path), "%s/%s", obj_dir(), name);
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		snprintf(err, errlen, "cannot open BPF object %s: %s",
			 path, lwt_strerror(errno));
		return NULL;
	}
	if (nobjs < MAX_OBJS) {
		snprintf(objs[nobjs].name, sizeof(objs[nobjs].name), "%s", name);
		objs[nobjs++].obj = obj;
	}
	return obj;
}

int lwt_preload(const char *const *names, size_t n)
{
	char err[4200];
	size_t i;
	int ret = 0;

	for (i = 0; i < n; i++)
		if (!obj_get(names[i], err, sizeof(err))) {
			fprintf(stderr, "# %s\n", err);
			ret = -1;
		}
	return ret;
}

int lwt_load_prog(const char *name, const char *prog, struct lwt_load *out)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	const struct bpf_program *p;
	struct bpf_object *obj;

	out->fd = -1;
	out->err = 0;
	out->log[0] = 0;
	obj = obj_get(name, out->log, sizeof(out->log));
	if (!obj)
		return -1;
	p = bpf_object__find_program_by_name(obj, prog);
	if (!p) {
		snprintf(out->log, sizeof(out->log),
			 "BPF object %s has no program %s", name, prog);
		return -1;
	}
	/* Insns as in the ELF: the ctx programs need no relocation. A load
	 * without a log is cheaper; a rejected one is repeated with it.
	 */
	out->fd = bpf_prog_load(BPF_PROG_TYPE_LWT_IN, prog, "GPL",
				bpf_program__insns(p),
				bpf_program__insn_cnt(p), &opts);
	if (out->fd >= 0)
		return 0;
	opts.log_buf = out->log;
	opts.log_size = sizeof(out->log);
	opts.log_level = 1;
	out->fd = bpf_prog_load(BPF_PROG_TYPE_LWT_IN, prog, "GPL",
				bpf_program__insns(p),
				bpf_program__insn_cnt(p), &opts);
	out->err = errno;
	if (out->fd >= 0) {	/* accepted the second time: say so */
		snprintf(out->log, sizeof(out->log),
			 "load without log failed, with log passed");
	}
	return 0;
}

/* "r0 = 0; exit" as LWT_IN: its fd, or -1 with errno */
static int load_trivial(const char *name)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return bpf_prog_load(BPF_PROG_TYPE_LWT_IN, name, "GPL", insns, 2, NULL);
}

int lwt_probe(void)
{
	int fd = load_trivial("probe");

	if (fd < 0) {
		int err = errno;

		fprintf(stderr, "BPF_PROG_LOAD of an LWT_IN program failed: %s\n",
			strerror(err));
		return -err;
	}
	close(fd);
	return 0;
}

int lwt_jit(void)
{
	static int jit = -2;
	struct bpf_prog_info info = { 0 };
	__u32 len = sizeof(info);
	int fd;

	if (jit != -2)
		return jit;
	fd = load_trivial("jit_probe");
	jit = -1;
	if (fd >= 0 && !bpf_obj_get_info_by_fd(fd, &info, &len))
		jit = info.jited_prog_len > 0;
	if (fd >= 0)
		close(fd);
	return jit;
}

const char *lwt_interp_refusal(const char *log)
{
	static const char *const msgs[] = {
		"callbacks are not allowed in non-JITed programs",
		"JIT is required for calling kernel function",
		"calling kernel functions are not allowed in non-JITed programs",
	};
	size_t i;

	if (lwt_jit() != 0 || !log)
		return NULL;
	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		if (strstr(log, msgs[i]))
			return msgs[i];
	return NULL;
}

int lwt_kconfig(const char *opt)
{
	const char *f = getenv("LWT_KCONFIG");
	size_t n = strlen(opt), fl = f ? strlen(f) : 0;
	char cmd[600], line[256];
	FILE *p;
	int found = 0;

	if (!f || !*f)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s '%s' 2>/dev/null",
		 fl > 3 && !strcmp(f + fl - 3, ".gz") ? "zcat" : "cat", f);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p))
		if (!strncmp(line, opt, n) && line[n] == '=' &&
		    (line[n + 1] == 'y' || line[n + 1] == 'm'))
			found = 1;
	pclose(p);
	return found;
}

const char *lwt_log_tail(const char *log, int n, char *buf, size_t len)
{
	const char *end = log + strlen(log), *p = end;
	size_t off = 0;

	/* skip trailing newlines, then walk back n lines */
	while (p > log && p[-1] == '\n')
		p--;
	end = p;
	while (p > log && n > 0) {
		p--;
		if (*p == '\n' && --n == 0) {
			p++;
			break;
		}
	}
	buf[0] = 0;
	for (; p < end && off + 4 < len; p++) {
		if (*p == '\n') {
			off += snprintf(buf + off, len - off, " | ");
		} else {
			buf[off++] = *p;
			buf[off] = 0;
		}
	}
	return buf;
}

const unsigned char lwt_pkt_v4[LWT_PKT_LEN] = {
	/* Ethernet: to 02:00:00:00:00:02, not lo's address: PACKET_OTHERHOST */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x00,
	/* IPv4: 46 bytes, ttl 64, UDP, 192.0.2.1 -> 198.51.100.1 */
	0x45, 0x00, 0x00, 0x2e, 0x00, 0x01, 0x00, 0x00,
	0x40, 0x11, 0x00, 0x00, 192, 0, 2, 1, 198, 51, 100, 1,
	/* UDP 4000 -> 5000, 26 bytes, no checksum */
	0x0f, 0xa0, 0x13, 0x88, 0x00, 0x1a, 0x00, 0x00,
	/* payload */
	'l', 'w', 't', '_', 'i', 'n', ' ', 'c', 'o', 'n', 'f', 'o',
	'r', 'm', 'a', 'n', 'c', 'e',
};

int lwt_test_run(int fd, const struct __sk_buff *ctx_in,
		 struct __sk_buff *ctx_out, unsigned int *retval)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts,
		.data_in = lwt_pkt_v4,
		.data_size_in = sizeof(lwt_pkt_v4),
		.ctx_in = ctx_in,
		.ctx_size_in = ctx_in ? sizeof(*ctx_in) : 0,
		.ctx_out = ctx_out,
		.ctx_size_out = ctx_out ? sizeof(*ctx_out) : 0,
		.repeat = 1,
	);
	int err = bpf_prog_test_run_opts(fd, &topts);

	if (err)
		return -errno;
	*retval = topts.retval;
	return 0;
}

static const char *line_start(const char *buf, const char *p)
{
	while (p > buf && p[-1] != '\n')
		p--;
	return p;
}

enum lwt_helper_class lwt_helper_class(int id, char *msg, size_t len)
{
	static char log[65536];
	struct bpf_insn insns[9] = { 0 };
	LIBBPF_OPTS(bpf_prog_load_opts, opts,
		.log_buf = log, .log_size = sizeof(log), .log_level = 1);
	const char *line;
	int fd, i;

	for (i = 1; i <= 5; i++) {	/* r1..r5 = 0: args are checked, not read_ok */
		insns[i - 1].code = BPF_ALU64 | BPF_MOV | BPF_K;
		insns[i - 1].dst_reg = i;
	}
	insns[5].code = BPF_JMP | BPF_CALL;
	insns[5].imm = id;
	insns[6].code = BPF_ALU64 | BPF_MOV | BPF_K;	/* r0 = 0 */
	insns[7].code = BPF_JMP | BPF_EXIT;
	log[0] = 0;
	fd = bpf_prog_load(BPF_PROG_TYPE_LWT_IN, "helper_probe", "GPL",
			   insns, 8, &opts);
	if (fd >= 0) {
		close(fd);
		snprintf(msg, len, "loaded");
		return HC_ALLOWED;
	}
	line = strstr(log, "cannot use helper");
	if (!line)
		line = strstr(log, "unknown func");
	if (line) {
		line = line_start(log, line);
		snprintf(msg, len, "%.*s", (int)strcspn(line, "\n"), line);
		return HC_DENIED;
	}
	line = strstr(log, "invalid func");
	if (line) {
		line = line_start(log, line);
		snprintf(msg, len, "%.*s", (int)strcspn(line, "\n"), line);
		return HC_INVALID;
	}
	if (!log[0]) {
		snprintf(msg, len, "load failed: %s", strerror(errno));
		return HC_ERROR;
	}
	/* the line before the "processed N insns" summary is the complaint */
	lwt_log_tail(log, 2, msg, len);
	msg[strcspn(msg, "|")] = 0;
	return HC_ALLOWED;
}

#include <linux/capability.h>
#include <sys/syscall.h>

int lwt_drop_caps(const int *caps, int n)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	int i;

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	for (i = 0; i < n; i++)
		data[caps[i] / 32].effective &= ~(1u << (caps[i] % 32));
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

struct bpf_object *lwt_obj_load(const char *name, char *err, size_t len)
{
	static char log[65536];
	LIBBPF_OPTS(bpf_object_open_opts, oopts,
		.kernel_log_buf = log, .kernel_log_size = sizeof(log),
		.kernel_log_level = 0);
	struct bpf_object *obj;
	char path[4096];
	libbpf_print_fn_t old;
	int e;

	snprintf(path, sizeof(path), "%s/%s", obj_dir(), name);
	old = libbpf_set_print(lwt_libbpf_quiet);
	obj = bpf_object__open_file(path, &oopts);
	libbpf_set_print(old);
	if (!obj) {
		snprintf(err, len, "cannot open BPF object %s: %s", path, lwt_strerror(errno));
		return NULL;
	}
	if (lwt_obj_prepare(obj, err, len)) {
		bpf_object__close(obj);
		return NULL;
	}
	log[0] = 0;
	/* libbpf's own lines stay out of the case's output: the verifier's
	 * words come back in err
	 */
	old = libbpf_set_print(lwt_libbpf_quiet);
	e = bpf_object__load(obj);
	libbpf_set_print(old);
	if (lwt_load_result(e, name, log, err, len)) {
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

int lwt_obj_prepare(struct bpf_object *obj, char *err, size_t len)
{
	struct bpf_program *p;
	int e = 0;

	bpf_object__for_each_program(p, obj) {
		bpf_program__set_type(p, BPF_PROG_TYPE_LWT_IN);
		/* "?lwt_in" programs are not loaded: their kfuncs may be absent */
		if (!e && bpf_program__autoload(p))
			e = lwt_prog_patch_kfuncs(obj, p, err, len);
	}
	return e;
}

int lwt_load_result(int e, const char *name, const char *log, char *err, size_t len)
{
	char tail[1024];

	if (e)
		snprintf(err, len, "cannot load %s: %s; verifier: %s", name,
			 lwt_strerror(-e), lwt_log_tail(log, 3, tail, sizeof(tail)));
	return e;
}

int lwt_obj_prog_fd(struct bpf_object *obj, const char *prog)
{
	struct bpf_program *p = bpf_object__find_program_by_name(obj, prog);

	return p ? bpf_program__fd(p) : -1;
}

int lwt_obj_map_fd(struct bpf_object *obj, const char *map)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, map);

	return m ? bpf_map__fd(m) : -1;
}

/* --- kfunc placeholders (include/lwt_kfunc.h) ---------------------------- */

/* vmlinux BTF, mapped (or read) once per process and kept. */
static const struct btf_header *vmlinux_btf;

static int vmlinux_btf_get(void)
{
	static int tried;
	size_t len = 0, cap = 32 << 20;
	struct stat st;
	void *map;
	char *buf;
	ssize_t n;
	int fd;

	if (tried++)
		return vmlinux_btf ? 0 : -1;
	fd = open("/sys/kernel/btf/vmlinux", O_RDONLY);
	if (fd < 0)
		return -1;
	/* mmap where the kernel allows it (recent ones do), else read */
	map = MAP_FAILED;
	if (!fstat(fd, &st) && st.st_size > 0)
		map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	buf = map == MAP_FAILED ? malloc(cap) : NULL;
	if (map != MAP_FAILED) {
		vmlinux_btf = map;
	} else if (buf) {
		while ((n = read(fd, buf + len, cap - len)) > 0)
			len += n;
		vmlinux_btf = len >= sizeof(*vmlinux_btf) ? (void *)buf : NULL;
	}
	close(fd);
	return vmlinux_btf ? 0 : -1;
}

int lwt_kfunc_btf_id(const char *name)
{
	const struct btf_header *h;
	const char *p, *end, *strs;
	int id = 1;

	if (vmlinux_btf_get())
		return -ENOENT;
	h = vmlinux_btf;
	p = (const char *)h + h->hdr_len + h->type_off;
	end = p + h->type_len;
	strs = (const char *)h + h->hdr_len + h->str_off;
	for (; p < end; id++) {	/* BTF type records are variable-sized */
		const struct btf_type *t = (const void *)p;
		int vlen = BTF_INFO_VLEN(t->info);

		p += sizeof(*t);
		switch (BTF_INFO_KIND(t->info)) {
		case BTF_KIND_FUNC:
			if (!strcmp(strs + t->name_off, name))
				return id;
			break;
		case BTF_KIND_INT: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
			p += 4; break;
		case BTF_KIND_ARRAY:
			p += sizeof(struct btf_array); break;
		case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_DATASEC:
		case BTF_KIND_ENUM64:
			p += 12 * vlen; break;
		case BTF_KIND_ENUM: case BTF_KIND_FUNC_PROTO:
			p += 8 * vlen; break;
		}
	}
	return -ENOENT;
}

static const struct { const char *name; } kfunc_names[] = {
#define LWT_KF(kf) { .name = #kf },
#include "lwt_kfunc.h"
#undef LWT_KF
};

int lwt_prog_patch_kfuncs(struct bpf_object *obj, struct bpf_program *p,
			  char *err, size_t len)
{
	static int ids[LWT_KF_COUNT];
	size_t i, cnt = bpf_program__insn_cnt(p);
	struct bpf_insn *insns = malloc(cnt * sizeof(*insns));
	int local, ret = 0, patched = 0;

	if (!insns)
		return -ENOMEM;
	memcpy(insns, bpf_program__insns(p), cnt * sizeof(*insns));
	/* an object may come without BTF (found by tests/fuzz_loader.c) */
	local = bpf_object__btf(obj) ?
		btf__find_by_name_kind(bpf_object__btf(obj), "lwt_local", BTF_KIND_STRUCT) : -1;
	for (i = 0; i < cnt && !ret; i++) {
		struct bpf_insn *in = &insns[i];
		__u32 k = (__u32)in->imm - LWT_KF_BASE;

		if (in->code == (BPF_JMP | BPF_CALL) && !in->src_reg && k < LWT_KF_COUNT) {
			if (!ids[k])
				ids[k] = lwt_kfunc_btf_id(kfunc_names[k].name);
			if (ids[k] < 0) {
				snprintf(err, len, "kfunc %s is not in this kernel's BTF",
					 kfunc_names[k].name);
				ret = -ENOENT;
			}
			in->src_reg = BPF_PSEUDO_KFUNC_CALL;
			in->imm = ids[k];
			patched = 1;
		} else if (in->code == (BPF_ALU64 | BPF_MOV | BPF_K) &&
			   (__u32)in->imm == LWT_LOCAL_TYPE_ID && local > 0) {
			in->imm = local;
			patched = 1;
		}
	}
	if (!ret && patched)
		ret = bpf_program__set_insns(p, insns, cnt);
	free(insns);
	return ret;
}

int lwt_obj_bss(struct bpf_object *obj, void *buf, size_t len, int flags)
{
	struct bpf_map *m;
	size_t vs;
	char *all;
	int zero = 0, err;

	bpf_object__for_each_map(m, obj) {
		const char *n = bpf_map__name(m);
		size_t l = strlen(n);

		if (l < 4 || strcmp(n + l - 4, ".bss"))
			continue;
		vs = bpf_map__value_size(m);
		if (vs < len || ((flags & LWT_BSS_EXACT) && vs != len))
			return -EMSGSIZE;
		/* the map's value is all of .bss: read it whole, change the part */
		all = calloc(1, vs);
		if (!all)
			return -ENOMEM;
		err = bpf_map_lookup_elem(bpf_map__fd(m), &zero, all) ? -errno : 0;
		if (!err && (flags & LWT_BSS_WRITE)) {
			memcpy(all, buf, len);
			err = bpf_map_update_elem(bpf_map__fd(m), &zero, all, 0) ? -errno : 0;
		} else if (!err) {
			memcpy(buf, all, len);
		}
		free(all);
		return err;
	}
	return -ENOENT;
}

int lwt_libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}
