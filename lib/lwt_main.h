/* SPDX-License-Identifier: GPL-2.0 */
/* main() for a category binary built on lwt_harness.h.
 *
 * lwt_harness.h registers the cases (FIXTURE, FIXTURE_VARIANT_ADD, TEST_F).
 * This main lists and selects them by name, runs each in-process or in a
 * forked child with a timeout, and prints one result record per case.
 *
 *   BIN -l                      list case names, one per line
 *   BIN -r FILE [-T SEC] [-v]   run the cases named in FILE ('-' = stdin)
 *   BIN -p                      probe: can this process load an LWT_IN program?
 *
 * Names are category/subject/aspect: fixture/variant/test.
 * For each case run, stdout gets one line
 *   @case<TAB>status<TAB>duration_ms<TAB>name<TAB>reason<TAB>expected<TAB>observed<TAB>spec
 * followed by the case's diagnostics as '# ' lines (always for failures,
 * for every case with -v). Tabs and newlines in fields become spaces.
 *
 * A category defines LWT_CATEGORY ("ctx_access") and may define before
 * including this file:
 *   LWT_CASE_APPLIES(f, v, t)  false hides a fixture/variant/test combo
 *   LWT_PREPARE()              run once before any case (open objects)
 *   LWT_INPROCESS              its cases only load programs and run them
 *                              through BPF_PROG_TEST_RUN: run them in this
 *                              process (-F forks each, as the harness does).
 *                              A fork costs ~0.7 ms on a small VM, 10x a
 *                              program load. run_tests.sh still bounds the
 *                              whole binary's time.
 */
#ifndef LWT_MAIN_H
#define LWT_MAIN_H

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <regex.h>
#include <setjmp.h>
#include <signal.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef LWT_CATEGORY
#error "define LWT_CATEGORY before including lwt_main.h"
#endif
#ifndef LWT_CASE_APPLIES
#define LWT_CASE_APPLIES(f, v, t) true
#endif
#ifndef LWT_PREPARE
#define LWT_PREPARE() 0
#endif

#include "lwt_record.h"
#include "lwt_splat.h"

/* The state every source file of the test program shares */
struct __fixture_metadata *__fixture_list;
const char *lwt_case;
struct lwt_record *lwt_rec;
int lwt_verbose;

/* Case names are category/subject/aspect. A fixture named after the
 * category (LWT_CATEGORY) gives category/variant/test; any other fixture
 * is itself the subject: category/fixture/test, or category/fixture/
 * test_variant when it has variants (datapath/ret/drop_ipv6). A variant
 * identifier may end in '_' to dodge the harness's own symbol names
 * (FIXTURE_VARIANT_ADD(f, data) clashes); that '_' is not shown.
 */
static void lwt_case_name(char *buf, size_t len, const char *f,
			  const char *v, const char *t)
{
	size_t vl = v ? strlen(v) : 0;

	if (vl && v[vl - 1] == '_')
		vl--;
	if (strcmp(f, LWT_CATEGORY) && vl)
		snprintf(buf, len, "%s/%s/%s_%.*s", LWT_CATEGORY, f, t, (int)vl, v);
	else if (strcmp(f, LWT_CATEGORY))
		snprintf(buf, len, "%s/%s/%s", LWT_CATEGORY, f, t);
	else if (vl)
		snprintf(buf, len, "%s/%.*s/%s", f, (int)vl, v, t);
	else
		snprintf(buf, len, "%s/%s", f, t);
}

static void lwt_put_field(const char *s)
{
	putchar('\t');
	for (; *s; s++)
		putchar(*s == '\t' || *s == '\n' ? ' ' : *s);
}

static int lwt_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the selection, sorted for bsearch. */
static char **lwt_read_names(const char *path, size_t *n)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char line[512], **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (!fp)
		return NULL;
	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!*line)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				exit(KSFT_FAIL);
		}
		names[(*n)++] = strdup(line);
	}
	if (fp != stdin)
		fclose(fp);
	qsort(names, *n, sizeof(*names), lwt_cmp);
	return names;
}

#ifdef LWT_INPROCESS
static int lwt_fork;
#else
static int lwt_fork = 1;
#endif

/* A case's verdict, in memory shared with a forked case. */
struct lwt_verdict {
	int done;		/* the case reached its end (not killed) */
	int passed, skip;
	char reason[512];	/* SKIP()'s text */
};
static struct lwt_verdict *lwt_verdict;

/* In-process cases get the same per-case bound as forked ones: on
 * SIGALRM the case is reported as timed out and the binary exits, so
 * run_tests.sh reports the cases it did not reach.
 */
static int lwt_stdout = -1;
static int lwt_timeout_s = 30;

static void lwt_inprocess_timeout(int sig)
{
	char buf[700];
	int n = snprintf(buf, sizeof(buf),
			 "@case\tfail\t%d000\t%s\tTIMEOUT after %d s\t\t\t\n",
			 lwt_timeout_s, lwt_case ? lwt_case : "?",
			 lwt_timeout_s);

	if (write(lwt_stdout, buf, n) < 0)
		_exit(3);
	_exit(3);
}

/* Setup, body, teardown (lwt_harness.h), then the verdict. */
static void lwt_exec(struct __fixture_variant_metadata *v,
		     struct __test_metadata *t)
{
	lwt_test_reset(t);
	t->fn(t, v);
	lwt_verdict->passed = t->passed;
	lwt_verdict->skip = t->skip;
	snprintf(lwt_verdict->reason, sizeof(lwt_verdict->reason), "%s",
		 t->reason);
	lwt_verdict->done = 1;
}

static void lwt_run_inprocess(struct __fixture_variant_metadata *v,
			      struct __test_metadata *t)
{
	signal(SIGALRM, lwt_inprocess_timeout);
	alarm(lwt_timeout_s);
	lwt_exec(v, t);
	alarm(0);
}

/* SIGINT / SIGTERM (run_tests.sh passes them on when it is stopped): a
 * forked case runs in a process group of its own, which a signal to this
 * one does not reach. Take it down with this process, so nothing it
 * holds (namespaces) outlives the run.
 */
static volatile pid_t lwt_running;

static void lwt_stop(int sig)
{
	pid_t pid = lwt_running;

	if (pid > 0) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
	}
	_exit(128 + sig);
}

static void lwt_alarm(int sig)
{
}

/* A forked case, bounded by the timeout: what the harness's own runner
 * does, so a crash or a hang ends the case and not the binary.
 */
static void lwt_run_forked(struct __fixture_variant_metadata *v,
			   struct __test_metadata *t)
{
	struct sigaction sa = { .sa_handler = lwt_alarm }, old;
	int status = 0, timed_out = 0;
	pid_t pid, w;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(lwt_rec->reason, sizeof(lwt_rec->reason),
			 "cannot fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		setpgid(0, 0);
		lwt_exec(v, t);
		fflush(NULL);
		_exit(0);
	}
	lwt_running = pid;
	sigaction(SIGALRM, &sa, &old);	/* no SA_RESTART: waitpid returns */
	alarm(lwt_timeout_s);
	while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
		timed_out = 1;
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
	}
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	kill(-pid, SIGKILL);		/* what the case left running */
	lwt_running = 0;
	if (timed_out)
		snprintf(lwt_rec->reason, sizeof(lwt_rec->reason),
			 "TIMEOUT after %d s", lwt_timeout_s);
	else if (w == pid && WIFSIGNALED(status))
		snprintf(lwt_rec->reason, sizeof(lwt_rec->reason),
			 "terminated by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else if (!lwt_verdict->done)
		snprintf(lwt_rec->reason, sizeof(lwt_rec->reason),
			 "exited with %d before its verdict",
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	if (timed_out || !lwt_verdict->done)
		lwt_verdict->done = 0;
}

/* The kernel log around each case: a splat (BUG, WARN_ON, Oops, KASAN,
 * lockup, RCU stall) logged while the case ran fails it, with the lines.
 * One non-blocking /dev/kmsg reader per process, drained before a case and
 * read after it. Workers run side by side, so a splat is charged to every
 * case running then. What counts as a splat: lwt_splat.h.
 */
static int lwt_kmsg_fd = -2;

/* Splat lines logged since the last call (up to len bytes in buf, NULL to
 * drain): how many.
 */
static int lwt_kmsg_splats(char *buf, size_t len)
{
	static regex_t re, tcg;
	static int compiled, emulated = -1;
	char rec[4096];
	int found = 0;
	size_t at = 0;
	ssize_t n;

	if (!compiled++ && regcomp(&re, LWT_SPLAT_ERE, REG_EXTENDED | REG_NOSUB))
		compiled = 0;	/* cannot happen with the fixed pattern */
	if (emulated < 0) {
		const char *a = getenv("LWT_ACCEL");

		emulated = a && !strcmp(a, "tcg") &&
			   !regcomp(&tcg, LWT_SPLAT_TCG_ERE, REG_EXTENDED | REG_NOSUB);
	}
	if (lwt_kmsg_fd == -2) {
		lwt_kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (lwt_kmsg_fd >= 0)
			lseek(lwt_kmsg_fd, 0, SEEK_END);
	}
	if (buf)
		buf[0] = 0;
	while (lwt_kmsg_fd >= 0 &&
	       ((n = read(lwt_kmsg_fd, rec, sizeof(rec) - 1)) > 0 || (n < 0 && errno == EPIPE))) {
		char *msg;

		if (n <= 0)
			continue;	/* records overwritten meanwhile */
		rec[n] = 0;
		msg = strchr(rec, ';');
		if (!buf || !msg)
			continue;
		msg++;
		msg[strcspn(msg, "\n")] = 0;
		if (emulated && !regexec(&tcg, msg, 0, NULL, 0)) {
			fprintf(stderr, "# emulator artifact, not counted: %s\n", msg);
			continue;
		}
		if (compiled && !regexec(&re, msg, 0, NULL, 0)) {
			if (at + 2 < len)
				at += snprintf(buf + at, len - at, "%s%s",
					       found ? " | " : "", msg);
			found++;
		}
	}
	return found;
}

/* LWT_FAULT_SPLAT=<glob>: a splat-like line goes into the kernel log while
 * the matching cases run (the detection's own test, make check).
 */
static void lwt_fake_splat(const char *name)
{
	const char *f = getenv("LWT_FAULT_SPLAT");
	char line[512];
	int fd, n;

	if (!f || fnmatch(f, name, 0))
		return;
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	/* one write() per record (dprintf would lseek, which /dev/kmsg refuses) */
	/* LWT_FAULT_SPLAT_AT: where the made-up warning says it is */
	n = snprintf(line, sizeof(line),
		     "lwt_in: WARNING: CPU: 0 PID: 0 at %s (not a real splat: LWT_FAULT_SPLAT)\n",
		     getenv("LWT_FAULT_SPLAT_AT") ?: name);
	if (write(fd, line, n) != n)
		fprintf(stderr, "# cannot write to /dev/kmsg: %s\n", strerror(errno));
	close(fd);
}

static void lwt_run_one(struct __fixture_variant_metadata *v,
			struct __test_metadata *t, const char *name)
{
	const char *status;
	struct timespec a, b;
	char *out = NULL, line[4096], splat[1024];
	size_t outlen = 0;
	static FILE *cap;
	int saved_out = dup(1), saved_err = dup(2);

	lwt_stdout = saved_out;
	lwt_case = name;
	double ms;

	memset(lwt_rec, 0, sizeof(*lwt_rec));
	memset(lwt_verdict, 0, sizeof(*lwt_verdict));
	fflush(stdout);
	fflush(stderr);
	if (!cap)
		cap = tmpfile();
	if (cap) {
		if (ftruncate(fileno(cap), 0))
			;
		rewind(cap);
		dup2(fileno(cap), 1);
		dup2(fileno(cap), 2);
	}
	lwt_kmsg_splats(NULL, 0);
	lwt_fake_splat(name);
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (lwt_fork)
		lwt_run_forked(v, t);
	else
		lwt_run_inprocess(v, t);
	clock_gettime(CLOCK_MONOTONIC, &b);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);

	ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	if (!lwt_verdict->done || !lwt_verdict->passed)
		status = "fail";	/* a failed check outweighs a later SKIP */
	else if (lwt_verdict->skip)
		status = "skip";
	else
		status = "pass";
	if (lwt_kmsg_splats(splat, sizeof(splat))) {
		status = "fail";
		snprintf(lwt_rec->reason, sizeof(lwt_rec->reason),
			 "kernel log while the case ran: %.440s", splat);
	}
	if (!strcmp(status, "skip") && !lwt_rec->reason[0])
		snprintf(lwt_rec->reason, sizeof(lwt_rec->reason), "%.500s",
			 lwt_verdict->reason[0] ? lwt_verdict->reason : "skipped");

	printf("@case\t%s\t%.3f", status, ms);
	lwt_put_field(name);
	/* a failed check without a reason from the case: its first line */
	if (cap)
		rewind(cap);
	if (!strcmp(status, "fail") && !lwt_rec->reason[0] && cap) {
		while (fgets(line, sizeof(line), cap))
			if (strstr(line, ":Expected ")) {
				line[strcspn(line, "\n")] = 0;
				snprintf(lwt_rec->reason, sizeof(lwt_rec->reason),
					 "%s", strstr(line, ":Expected ") + 1);
				break;
			}
		rewind(cap);
	}
	lwt_put_field(lwt_rec->reason);
	lwt_put_field(lwt_rec->expected);
	lwt_put_field(lwt_rec->observed);
	lwt_put_field(lwt_rec->spec);
	putchar('\n');
	if (cap && (lwt_verbose || !strcmp(status, "fail"))) {
		/* the case's own lines, without the harness's bookkeeping */
		while (fgets(line, sizeof(line), cap)) {
			line[strcspn(line, "\n")] = 0;
			if (!strncmp(line, "ok ", 3) || !strncmp(line, "not ok ", 7) ||
			    strstr(line, " RUN ") || strstr(line, "  OK  ") ||
			    strstr(line, " FAIL  ") || strstr(line, " SKIP "))
				continue;
			printf("%s%s\n", line[0] == '#' ? "" : "# ", line);
		}
	}
	free(out);
	(void)outlen;
	fflush(stdout);
}

static void lwt_usage(const char *prog)
{
	fprintf(stderr, "usage: %s -l | -r FILE [-T SECONDS] [-v] [-F]\n"
		"  -l       list the cases of this category\n"
		"  -r FILE  run the cases named in FILE, one per line (- = stdin)\n"
		"  -T SEC   per-case timeout\n"
		"  -v       print every case's diagnostics\n"
		"  -F       fork every case (harness isolation and timeout)\n"
		"  -p       probe whether an LWT_IN program loads here\n"
		"Use run_tests.sh to run the suite.\n", prog);
}

int main(int argc, char **argv)
{
	struct __fixture_variant_metadata no_variant = { .name = "" };
	struct __fixture_variant_metadata *v;
	struct __fixture_metadata *f;
	struct __test_metadata *t;
	const char *run = NULL;
	char name[512], *key = name, **sel = NULL;
	size_t nsel = 0, found = 0;
	int list = 0, timeout = 0, opt;

	while ((opt = getopt(argc, argv, "lr:T:vhpF")) != -1) {
		switch (opt) {
		case 'F':
			lwt_fork = 1;
			break;
		case 'p':	/* can LWT_IN load; then what runs it */
			if (lwt_probe())
				return 1;
			printf("%s\n", lwt_jit() > 0 ? "JIT-compiled" :
			       lwt_jit() == 0 ? "interpreted (no JIT)" : "unknown");
			return 0;
		case 'l':
			list = 1;
			break;
		case 'r':
			run = optarg;
			break;
		case 'T':
			timeout = atoi(optarg);
			break;
		case 'v':
			lwt_verbose = 1;
			break;
		case 'h':
			lwt_usage(argv[0]);
			return 0;
		default:
			lwt_usage(argv[0]);
			return 2;
		}
	}
	if (optind != argc || list == !!run) {
		lwt_usage(argv[0]);
		return 2;
	}
	if (run) {
		sel = lwt_read_names(run, &nsel);
		if (!sel && errno) {
			fprintf(stderr, "%s: cannot read %s: %s\n", argv[0],
				run, strerror(errno));
			return 2;
		}
		if (LWT_PREPARE())
			fprintf(stderr, "# %s: preparation failed; cases that need it fail\n",
				argv[0]);
		signal(SIGINT, lwt_stop);
		signal(SIGTERM, lwt_stop);
	}
	lwt_verdict = mmap(NULL, sizeof(*lwt_verdict), PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	lwt_rec = mmap(NULL, sizeof(*lwt_rec), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (lwt_verdict == MAP_FAILED || lwt_rec == MAP_FAILED)
		return KSFT_FAIL;
	if (timeout > 0)
		lwt_timeout_s = timeout;

	for (f = __fixture_list; f; f = f->next) {
		for (v = f->variant ?: &no_variant; v; v = v->next) {
			for (t = f->tests; t; t = t->next) {
				if (!LWT_CASE_APPLIES(f, v, t))
					continue;
				lwt_case_name(name, sizeof(name), f->name,
					      v->name, t->name);
				if (list) {
					puts(name);
					continue;
				}
				if (!bsearch(&key, sel, nsel, sizeof(*sel), lwt_cmp))
					continue;
				found++;
				lwt_run_one(v, t, name);
			}
		}
	}
	if (run && found != nsel) {
		fprintf(stderr, "%s: %zu of the %zu names given are not cases of this binary\n",
			argv[0], nsel - found, nsel);
		return 2;
	}
	return 0;
}

#endif
