/* SPDX-License-Identifier: GPL-2.0 */
/* The datapath category: what its source files share. datapath.c holds
 * where and ret (and main()); datapath_ctx.c ctx, write and packet;
 * datapath_route.c route and spec_example. Include first.
 */
#ifndef LWT_DATAPATH_H
#define LWT_DATAPATH_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/lwtunnel.h>
#include <linux/rtnetlink.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "lwt_harness.h"
#include "lwt_bpf.h"
#include "lwt_record.h"
#include "lwt_case.h"
#include "rtnl.h"
#include "sock.h"
#include "topo.h"

#include "dp_state.h"

#define DP_OBJECT "dp.bpf.o"
#define DP_FAULT_PROG "dp_ok2"
/* dp_ok reads every readable field; gso_size is the newest (5.7) */
#define DP_MIN_KVER KV(5, 7)
#define DP_MIN_KVER_WHY "dp.bpf.o reads __sk_buff gso_size"
#include "dp_fixture.h"

/* The programs' .bss: struct dp_state st of dp.bpf.c */
static inline int dp_bss(struct __test_metadata *_metadata, struct dp *d,
		  struct dp_state *out)
{
	return dp_global(_metadata, d->obj, out, sizeof(*out), false);
}

static inline __u64 dp_runs(struct __test_metadata *_metadata, struct dp *d, int which)
{
	struct dp_state b;

	return dp_bss(_metadata, d, &b) ? ~0ULL : b.runs[which];
}

#endif
