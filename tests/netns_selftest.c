// SPDX-License-Identifier: GPL-2.0
/* make check: the netns fixtures make isolated namespaces, run iproute2
 * inside them, and leave nothing in the initial namespace.
 */
#define _GNU_SOURCE
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "netns.h"

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		printf("# FAIL %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		return 1;						\
	}								\
} while (0)

int main(void)
{
	char *add[] = { "ip", "link", "add", "lwtst0", "type", "veth",
			"peer", "name", "lwtst1", NULL };
	char *show[] = { "ip", "link", "show", "lwtst0", NULL };
	struct lwt_ns ns;
	char err[512];
	int saved, rc;

	CHECK(lwt_ns_new(&ns) == 0, "lwt_ns_new");
	rc = lwt_ns_run(&ns, add, err, sizeof(err));
	CHECK(rc == 0, "ip link add in the namespace: %s", err);
	CHECK(lwt_ns_run(&ns, show, err, sizeof(err)) == 0, "link visible inside");
	CHECK(if_nametoindex("lwtst0") == 0, "link leaked into the initial namespace");
	CHECK(lwt_ns_enter(&ns, &saved) == 0, "enter");
	CHECK(if_nametoindex("lwtst0") > 0, "link not seen after entering");
	CHECK(lwt_ns_leave(saved) == 0, "leave");
	CHECK(if_nametoindex("lwtst0") == 0, "still inside after leaving");
	lwt_ns_free(&ns);
	printf("netns fixtures: ok\n");
	return 0;
}
