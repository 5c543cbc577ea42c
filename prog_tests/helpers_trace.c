// SPDX-License-Identifier: GPL-2.0
/* helpers that write to the trace buffer: trace_printk, trace_vprintk
 * (included by helpers_func.c).
 *
 * The suite mounts nothing in the host's namespace and tracefs may not be
 * mounted at all: a forked child unshares its mount namespace, makes it
 * private, mounts tracefs on /sys/kernel/tracing there, and reads the
 * non-consuming per-CPU `trace` file of the CPU that ran the program. The
 * buffer is neither consumed (no trace_pipe) nor cleared.
 */
#include "helpers.h"
#include "helper_trace_printk.skel.h"
#include "helper_trace_vprintk.skel.h"
#include <poll.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/sched.h>	/* CLONE_NEWNS: helpers.c has no _GNU_SOURCE */

/* Child: find "bpf_trace_printk: TEXT" as a whole trace line; the
 * verdict byte goes back through fd: 'y' found, 'n' not, 'm' mount failed,
 * 'o' no trace file.
 */
static void __attribute__((noreturn)) trace_child(int fd, unsigned int cpu,
						  const char *text)
{
	char path[96], line[4096], needle[512], verdict = 'n';
	FILE *fp = NULL;

	snprintf(needle, sizeof(needle), "bpf_trace_printk: %s\n", text);
	/* tracefs where it is mounted already, else in a private mount */
	if (access("/sys/kernel/tracing/trace", R_OK) &&
	    (syscall(SYS_unshare, CLONE_NEWNS) ||
	     mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	     mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL))) {
		verdict = 'm';
	} else {
		snprintf(path, sizeof(path), "/sys/kernel/tracing/per_cpu/cpu%u/trace", cpu);
		fp = fopen(path, "r");
		if (!fp)
			fp = fopen("/sys/kernel/tracing/trace", "r");
		if (!fp)
			verdict = 'o';
		while (fp && verdict == 'n' && fgets(line, sizeof(line), fp))
			if (strstr(line, needle))
				verdict = 'y';
		if (fp)
			fclose(fp);
	}
	if (write(fd, &verdict, 1) != 1)
		_exit(1);
	_exit(0);
}

/* Whether TEXT is a line of CPU's trace buffer; why says otherwise.
 * The child gets 5 s, then is killed; it is always reaped.
 */
static bool trace_has(unsigned int cpu, const char *text, char *why, size_t len)
{
	struct pollfd pfd = { .events = POLLIN };
	char verdict = 0;
	int p[2], status;
	pid_t pid;

	snprintf(why, len, "found");
	if (pipe(p)) {
		snprintf(why, len, "pipe: %s", strerror(errno));
		return false;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		trace_child(p[1], cpu, text);
	}
	close(p[1]);
	pfd.fd = p[0];
	if (pid > 0 && (poll(&pfd, 1, 5000) != 1 || read(p[0], &verdict, 1) != 1))
		kill(pid, SIGKILL);
	if (pid > 0)
		waitpid(pid, &status, 0);
	close(p[0]);
	if (verdict != 'y')
		snprintf(why, len, "%s", pid < 0 ? "fork failed" :
			 verdict == 'n' ? "not in the trace buffer" :
			 verdict == 'm' ? "could not mount tracefs in a private namespace" :
			 verdict == 'o' ? "no trace file in tracefs" : "reader timed out");
	return verdict == 'y';
}


/* After a run of "print": its text (made here with the tag and time
 * stamp the program used) must show up in the trace buffer, and the
 * helper returns the text's length (bstr_printf(), no NUL).
 */
static void print_check(struct __test_metadata *_metadata, const char *name,
			__s64 ret, __u64 stamp, __u32 tag, __u32 cpu)
{
	char text[256], why[128];
	bool found;

	if (!strcmp(name, "trace_printk"))
		snprintf(text, sizeof(text), "lwt_in trace_printk tag=%u stamp=%llu",
			 tag, (unsigned long long)stamp);
	else
		snprintf(text, sizeof(text), "lwt_in trace_vprintk tag=%u stamp=%llu %d %s",
			 tag, (unsigned long long)stamp, -3, "four");
	found = trace_has(cpu, text, why, sizeof(why));
	lwt_expected("ret %zu; \"bpf_trace_printk: %s\" in cpu%u's trace",
		     strlen(text), text, cpu);
	lwt_observed("ret %lld; %s", ret, why);
	EXPECT_EQ((__s64)strlen(text), ret);
	EXPECT_TRUE(found);
}

/* Run the skeleton's "print" program, then check what its res says */
#define PRINT_CHECK(skel, name) do {					\
	unsigned int __rv;						\
									\
	if (!helper_run_prog(_metadata, (skel)->progs.print, &__rv))	\
		print_check(_metadata, name, (skel)->bss->res.ret,	\
			    (skel)->bss->res.stamp, (skel)->bss->res.tag,	\
			    (skel)->bss->res.cpu);			\
} while (0)

HELPER_SKEL_FIXTURE(trace_printk)

/* bpf_trace_printk() (kernel/trace/bpf_trace.c): bstr_printf() of up to
 * three arguments, emitted as the bpf_trace/bpf_trace_printk event (which
 * bpf_get_trace_printk_proto() enabled when the program was loaded).
 */
TEST_F(trace_printk, in_trace_buffer)
{
	PRINT_CHECK(self->skel, "trace_printk");
}

HELPER_SKEL_FIXTURE(trace_vprintk)

/* bpf_trace_vprintk(): the same event, with the arguments in an array
 * (here four, one more than bpf_trace_printk takes).
 */
TEST_F(trace_vprintk, in_trace_buffer)
{
	PRINT_CHECK(self->skel, "trace_vprintk");
}
