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

/* Make a new network namespace; the caller stays where it is. */
int lwt_ns_new(struct lwt_ns *ns);
/* Release it (the kernel frees it when nothing else holds it). */
void lwt_ns_free(struct lwt_ns *ns);

/* Move the calling thread into ns, and back to where it came from. */
int lwt_ns_enter(const struct lwt_ns *ns, int *saved_fd);
int lwt_ns_leave(int saved_fd);

/* Run argv (argv[0] a path or a name on PATH) inside ns and wait for it.
 * Returns its exit status, or -1 when it could not run. Its stderr is
 * kept in err (NUL-terminated) when err is not NULL.
 */
int lwt_ns_run(const struct lwt_ns *ns, char *const argv[],
	       char *err, unsigned long errlen);

#endif
