// SPDX-License-Identifier: GPL-2.0
/* helpers/<helper>/<aspect>: each helper on the spec page doing its job.
 * Included by helpers.c (one harness list per binary). One object per
 * helper: progs/helper_<helper>.bpf.c, every program loaded as LWT_IN.
 *
 * HELPER_FIXTURE(h) gives fixture h (cases helpers/h/...) with self->obj
 * loaded in setup and closed in teardown; a load failure fails the case
 * with the verifier's words.
 */

static struct bpf_object *helper_obj_load(struct __test_metadata *_metadata,
					  const char *file)
{
	char err[2048];
	struct bpf_object *obj = lwt_obj_load(file, err, sizeof(err));

	if (!obj) {
		lwt_observed("%s", err);
		CASE_FAIL("%s", err);
	}
	return obj;
}

#define HELPER_FIXTURE(h)						\
FIXTURE(h) { struct bpf_object *obj; };					\
FIXTURE_SETUP(h)							\
{									\
	self->obj = helper_obj_load(_metadata, "helper_" #h ".bpf.o");	\
}									\
FIXTURE_TEARDOWN(h)							\
{									\
	bpf_object__close(self->obj);					\
}

/* Run program PROG of obj once on lwt_pkt_v4 (BPF_PROG_TEST_RUN). */
static int helper_run(struct __test_metadata *_metadata, struct bpf_object *obj,
		      const char *prog, unsigned int *retval)
{
	int fd = lwt_obj_prog_fd(obj, prog), err;

	if (fd < 0) {
		CASE_FAIL("object has no program %s", prog);
		return -1;
	}
	err = lwt_test_run(fd, NULL, NULL, retval);
	if (err)
		CASE_FAIL("BPF_PROG_TEST_RUN of %s: %s", prog, strerror(-err));
	return err;
}

/* Copy the object's .bss (the programs' global variables) into buf. */
static int helper_bss(struct __test_metadata *_metadata, struct bpf_object *obj,
		      void *buf, size_t len)
{
	struct bpf_map *m;
	int zero = 0;

	bpf_object__for_each_map(m, obj) {
		const char *n = bpf_map__name(m);
		size_t l = strlen(n);

		if (l >= 4 && !strcmp(n + l - 4, ".bss")) {
			size_t vs = bpf_map__value_size(m);
			char *all;
			int err;

			if (vs < len) {
				CASE_FAIL(".bss is %zu bytes, want %zu", vs, len);
				return -1;
			}
			/* the lookup writes the whole value: read it all */
			all = calloc(1, vs);
			err = !all || bpf_map_lookup_elem(bpf_map__fd(m), &zero, all);
			if (err)
				CASE_FAIL("reading .bss: %s", strerror(errno));
			else
				memcpy(buf, all, len);
			free(all);
			return err ? -1 : 0;
		}
	}
	CASE_FAIL("object has no .bss");
	return -1;
}

#include "helpers_skb.c"
#include "helpers_maps.c"
#include "helpers_ringbuf.c"
#include "helpers_misc.c"
#include "helpers_trace.c"
