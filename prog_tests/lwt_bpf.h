/* SPDX-License-Identifier: GPL-2.0 */
/* Loading and running LWT_IN programs for the test programs. */
#ifndef LWT_BPF_H
#define LWT_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

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

#endif
