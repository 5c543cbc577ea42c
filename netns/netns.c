// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "netns.h"

/* thread-self, not self: /proc/self is the thread group leader, whose
 * namespace differs from the caller's when a worker thread calls us.
 */
#define SELF_NETNS "/proc/thread-self/ns/net"

int lwt_ns_new(struct lwt_ns *ns)
{
	int orig = open(SELF_NETNS, O_RDONLY | O_CLOEXEC);
	int err = 0;

	ns->fd = -1;
	if (orig < 0)
		return -errno;
	if (unshare(CLONE_NEWNET)) {
		err = -errno;
		close(orig);
		return err;
	}
	ns->fd = open(SELF_NETNS, O_RDONLY | O_CLOEXEC);
	if (ns->fd < 0)
		err = -errno;
	if (setns(orig, CLONE_NEWNET) && !err)
		err = -errno;
	close(orig);
	return err;
}

void lwt_ns_free(struct lwt_ns *ns)
{
	if (ns->fd >= 0)
		close(ns->fd);
	ns->fd = -1;
}

int lwt_ns_enter(const struct lwt_ns *ns, int *saved_fd)
{
	*saved_fd = open(SELF_NETNS, O_RDONLY | O_CLOEXEC);
	if (*saved_fd < 0)
		return -errno;
	if (setns(ns->fd, CLONE_NEWNET)) {
		int err = -errno;

		close(*saved_fd);
		*saved_fd = -1;
		return err;
	}
	return 0;
}

int lwt_ns_leave(int saved_fd)
{
	int err = setns(saved_fd, CLONE_NEWNET) ? -errno : 0;

	close(saved_fd);
	return err;
}

long long lwt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void run_child(const struct lwt_ns *ns, char *const argv[], int errfd)
{
	setpgid(0, 0);	/* so a timeout kills whatever it started too */
	dup2(errfd, 2);
	if (setns(ns->fd, CLONE_NEWNET)) {
		fprintf(stderr, "setns: %s\n", strerror(errno));
		_exit(127);
	}
	/* Refuse to run rather than let a mount reach the initial namespace. */
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		fprintf(stderr, "private mount namespace: %s\n", strerror(errno));
		_exit(127);
	}
	/* A copied mount of the caller's BPF filesystem is the same
	 * filesystem: pins would land there. A fresh one (each bpf mount is
	 * a new instance) goes away with this namespace.
	 */
	if (mount("bpf", "/sys/fs/bpf", "bpf", 0, NULL) && errno != ENOENT) {
		fprintf(stderr, "private BPF filesystem: %s\n", strerror(errno));
		_exit(127);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

int lwt_ns_run(const struct lwt_ns *ns, char *const argv[],
	       char *err, unsigned long errlen)
{
	long long deadline = lwt_now_ms() + LWT_NS_RUN_TIMEOUT_MS;
	int pipefd[2], status, killed = 0;
	char sink[256];
	ssize_t n, got = 0;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0)
		run_child(ns, argv, pipefd[1]);
	setpgid(pid, pid);	/* as the child does: whichever runs first */
	close(pipefd[1]);
	/* Read stderr until the child closes it, within the time limit. */
	for (;;) {
		struct pollfd p = { .fd = pipefd[0], .events = POLLIN };
		long long left = deadline - lwt_now_ms();
		int keep = err && errlen > 1 && got < (ssize_t)errlen - 1;
		int ready = left > 0 ? poll(&p, 1, left) : 0;

		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0) {
			kill(-pid, SIGKILL);
			killed = 1;
			break;
		}
		n = keep ? read(pipefd[0], err + got, errlen - 1 - got) :
			   read(pipefd[0], sink, sizeof(sink));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (keep)
			got += n;
	}
	if (err && errlen)
		err[got] = 0;
	close(pipefd[0]);
	/* A child may close stderr and go on: wait for its exit on a pidfd,
	 * within the same limit.
	 */
	if (!killed) {
		struct pollfd p = { .fd = syscall(SYS_pidfd_open, pid, 0),
				    .events = POLLIN };
		long long left = deadline - lwt_now_ms();

		if (p.fd >= 0 && poll(&p, 1, left > 0 ? left : 0) == 0) {
			kill(-pid, SIGKILL);
			killed = 1;
		}
		if (p.fd >= 0)
			close(p.fd);
	}
	if (waitpid(pid, &status, 0) < 0 || killed)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Open, read or write, and close all inside ns: some handlers look at the
 * namespace of the current task, not only at the one the file was opened in.
 */
static int sysctl_io(const struct lwt_ns *ns, const char *name, int wr,
		     char *buf, unsigned long len)
{
	char path[256];
	int saved, fd, err, i;
	ssize_t n = 0;

	if (snprintf(path, sizeof(path), "/proc/sys/%s", name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	for (i = 10; path[i]; i++)
		if (path[i] == '.')
			path[i] = '/';
	err = lwt_ns_enter(ns, &saved);
	if (err)
		return err;
	fd = open(path, (wr ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	if (fd >= 0) {
		n = wr ? write(fd, buf, len) : read(fd, buf, len);
		err = n < 0 ? -errno : (wr && (size_t)n != len ? -EIO : 0);
		close(fd);
	} else {
		err = -errno;
	}
	/* Not back home is worse than any sysctl error: report that first. */
	i = lwt_ns_leave(saved);
	if (i)
		return i;
	return err ? err : (int)n;
}

int lwt_ns_sysctl_set(const struct lwt_ns *ns, const char *name, const char *val)
{
	int n = sysctl_io(ns, name, 1, (char *)val, strlen(val));

	return n < 0 ? n : 0;
}

int lwt_ns_sysctl_get(const struct lwt_ns *ns, const char *name,
		      char *buf, unsigned long len)
{
	int n;

	if (!len)
		return -EINVAL;
	n = sysctl_io(ns, name, 0, buf, len - 1);
	if (n < 0)
		return n;
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = 0;
	return 0;
}
