// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "netns.h"

int lwt_ns_new(struct lwt_ns *ns)
{
	int orig = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	int err = 0;

	ns->fd = -1;
	if (orig < 0)
		return -errno;
	if (unshare(CLONE_NEWNET)) {
		err = -errno;
		close(orig);
		return err;
	}
	ns->fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
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
	*saved_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
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

int lwt_ns_run(const struct lwt_ns *ns, char *const argv[],
	       char *err, unsigned long errlen)
{
	int pipefd[2], status;
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
	if (pid == 0) {
		dup2(pipefd[1], 2);
		if (setns(ns->fd, CLONE_NEWNET)) {
			fprintf(stderr, "setns: %s\n", strerror(errno));
			_exit(127);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	while (err && errlen > 1 &&
	       (n = read(pipefd[0], err + got, errlen - 1 - got)) > 0)
		got += n;
	if (err && errlen)
		err[got] = 0;
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
