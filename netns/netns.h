/* SPDX-License-Identifier: GPL-2.0 */
/* Network namespaces for datapath cases, held by file descriptor only.
 *
 * A namespace made here has no name under /run/netns: it lives as long
 * as a descriptor (or a process) holds it, so a run that is killed
 * leaves nothing behind, and nothing shows in `ip netns list`.
 */
#ifndef LWT_NETNS_H
#define LWT_NETNS_H

struct lwt_ns {
	int fd;			/* /proc/self/ns/net of the namespace */
};

/* CLOCK_MONOTONIC in milliseconds: the clock of every bounded wait here */
long long lwt_now_ms(void);

/* Make a new network namespace; the caller stays where it is.
 * Namespaces are per thread: every call here acts on the calling thread,
 * which may be any thread of the process.
 */
int lwt_ns_new(struct lwt_ns *ns);
/* Release it (the kernel frees it when nothing else holds it). */
void lwt_ns_free(struct lwt_ns *ns);

/* Move the calling thread into ns, and back to where it came from. */
int lwt_ns_enter(const struct lwt_ns *ns, int *saved_fd);
int lwt_ns_leave(int saved_fd);

/* Run argv (argv[0] a path or a name on PATH) inside ns and wait for it.
 * Returns its exit status, or -1 when it could not run or was killed.
 * Its stderr is kept in err (NUL-terminated) when err is not NULL.
 * The child also gets a private mount namespace with a BPF filesystem of
 * its own on /sys/fs/bpf: whatever iproute2 pins there, and a bpffs it
 * would mount itself, vanish with the child and never reach the caller. It runs in a process group of its own,
 * which is killed after LWT_NS_RUN_TIMEOUT_MS.
 */
#define LWT_NS_RUN_TIMEOUT_MS 10000
int lwt_ns_run(const struct lwt_ns *ns, char *const argv[],
	       char *err, unsigned long errlen);

/* Read or write /proc/sys/NAME as seen from inside ns ("net/ipv4/ip_forward"
 * or "net.ipv4.ip_forward"). /proc/sys/net answers for the namespace of
 * the thread that opens it, so the calling thread enters ns for the open
 * and comes back. The value read loses its trailing newline.
 */
int lwt_ns_sysctl_set(const struct lwt_ns *ns, const char *name,
		      const char *val);
int lwt_ns_sysctl_get(const struct lwt_ns *ns, const char *name,
		      char *buf, unsigned long len);

#endif
