// SPDX-License-Identifier: GPL-2.0
/* Feed the suite's object loader malformed BPF objects: each of N inputs
 * is a built object with a few bytes changed, or cut short, loaded by
 * lwt_obj_load() (libbpf open, kfunc patching, load as LWT_IN) and by
 * lwt_load_prog() (the raw path of ctx_access) in a child of its own.
 * A refusal is fine; a crash or a hang is not. An input that crashes
 * libbpf's own bpf_object__open_file() alone is listed as libbpf's (the
 * suite cannot mend its dependency) and does not fail the run.
 *
 *   fuzz_loader OBJ_DIR N [SEED]      exit 0, or 1 naming the inputs that
 *                                     crashed (kept in /tmp/lwt_fuzz.*)
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "lwt_bpf.h"

#define MAX_OBJS 512

static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	int fd = open(path, O_RDONLY);

	if (fd >= 0 && !fstat(fd, &st))
		buf = malloc(st.st_size + 1);
	if (!buf) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	*len = read(fd, buf, st.st_size) == st.st_size ? (size_t)st.st_size : 0;
	close(fd);
	return buf;
}

int main(int argc, char **argv)
{
	static char *names[MAX_OBJS];
	char dir[] = "/tmp/lwt_fuzz.XXXXXX", path[4096];
	int nobj = 0, n, i, crashes = 0, refused = 0, loaded = 0, libbpf_crashes = 0;
	unsigned int seed;
	struct dirent *d;
	DIR *dp;

	n = argc < 3 ? 0 : atoi(argv[2]);
	if (n <= 0) {
		fprintf(stderr, "usage: %s OBJ_DIR N [SEED]\n", argv[0]);
		return 2;
	}
	seed = argc > 3 ? strtoul(argv[3], NULL, 0) : 1;
	srandom(seed);
	dp = opendir(argv[1]);
	while (dp && (d = readdir(dp)) && nobj < MAX_OBJS)
		if (strstr(d->d_name, ".bpf.o"))
			names[nobj++] = strdup(d->d_name);
	if (dp)
		closedir(dp);
	if (!nobj || !mkdtemp(dir)) {
		fprintf(stderr, "%s: no objects in %s\n", argv[0], argv[1]);
		return 2;
	}
	setenv("LWT_OBJ_DIR", dir, 1);
	libbpf_set_print(lwt_libbpf_quiet);
	for (i = 0; i < n; i++) {
		const char *name = names[random() % nobj];
		size_t len, k, changes;
		char *buf, err[512];
		int fd, status;
		pid_t pid;

		snprintf(path, sizeof(path), "%s/%s", argv[1], name);
		buf = slurp(path, &len);
		if (!buf || !len)
			continue;
		if (random() % 4 == 0) {
			len = random() % len;		/* cut short */
		} else {
			changes = 1 + random() % 8;	/* a few bytes changed */
			for (k = 0; k < changes; k++)
				buf[random() % len] = random();
		}
		snprintf(path, sizeof(path), "%s/in.bpf.o", dir);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || write(fd, buf, len) != (ssize_t)len) {
			fprintf(stderr, "cannot write %s\n", path);
			return 2;
		}
		close(fd);
		free(buf);
		pid = fork();
		if (pid == 0) {
			struct lwt_load ld;
			struct bpf_object *obj;
			int ok;

			/* a mutated program can keep the kernel's verifier
			 * busy for seconds (12 s seen): 60 s is a hang
			 */
			alarm(60);
			obj = lwt_obj_load("in.bpf.o", err, sizeof(err));
			ok = !!obj;
			bpf_object__close(obj);
			lwt_load_prog("in.bpf.o", "read_u32", &ld);
			if (ld.fd >= 0)
				close(ld.fd);
			_exit(ok ? 0 : 3);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			return 2;
		if (WIFSIGNALED(status)) {
			char keep[4200];
			int sig = WTERMSIG(status), lib;

			/* the control: libbpf's open alone, nothing of ours */
			pid = fork();
			if (pid == 0) {
				bpf_object__close(bpf_object__open_file(path, NULL));
				_exit(0);
			}
			lib = pid > 0 && waitpid(pid, &status, 0) > 0 && WIFSIGNALED(status);
			snprintf(keep, sizeof(keep), "%s/crash_%d.bpf.o", dir, i);
			if (lib)
				unlink(path);	/* not ours: nothing to keep */
			else
				rename(path, keep);
			printf("# input %d (from %s): %s%s%s%s\n", i, name, strsignal(sig),
			       sig == SIGALRM ? " (no answer in 60 s)" : "",
			       lib ? " inside bpf_object__open_file() alone: libbpf's, not the suite's" :
			       "; kept as ", lib ? "" : keep);
			crashes += !lib;
			libbpf_crashes += lib;
		} else {
			loaded += WEXITSTATUS(status) == 0;
			refused += WEXITSTATUS(status) != 0;
		}
	}
	unlink(path);
	rmdir(dir);	/* kept when it holds inputs that crashed the suite */
	printf("# fuzz_loader: %d inputs (seed %u): %d loaded, %d refused, %d crashed in the suite's loader, %d in libbpf's open alone\n",
	       n, seed, loaded, refused, crashes, libbpf_crashes);
	return crashes ? 1 : 0;
}
