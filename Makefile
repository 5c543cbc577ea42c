# SPDX-License-Identifier: GPL-2.0
# Conformance suite for BPF_PROG_TYPE_LWT_IN.
#
# Standalone (a checkout of its own; outputs in build/):
#   make [all]       build BPF objects and test programs into $(OUTPUT)
#   make run_tests   install missing dependencies, build, run the suite
#   make check       run_tests plus the suite's own tests (tests/)
#   make bench       timings: categories, one case, the sweep, datapath, vmtest
#   make vmtest      boot KERNEL= in qemu and run the suite in it
#   make report      the conformance reports in docs/
#   make install     a kselftest-style directory (INSTALL_PATH=); gen_tar
#   make stress      the whole suite N= times, per-case failure counts
#   make deps        install the Debian packages the suite needs
#   make clean       remove what the build made (never a source)
#
# Inside a kernel tree (tools/testing/selftests/lwt_in, found by ../lib.mk):
# a kselftest target through lib.mk. all, run_tests, install, emit_tests
# and clean are lib.mk's; OUTPUT and INSTALL_PATH are the tree's; nothing
# is installed from here (make deps does that, standalone).
#
# Knobs: OUTPUT, CLANG, BPFTOOL, VMLINUX_BTF, KSFT_DIR, NO_DEPS=1,
#        RUN_ARGS="-t ctx_access -v" (arguments for run_tests.sh).

SHELL       := /bin/bash
IN_TREE     := $(and $(wildcard $(CURDIR)/../lib.mk),$(wildcard $(CURDIR)/../kselftest.h))
ifneq ($(IN_TREE),)
OUTPUT      ?= $(CURDIR)
KSFT_DIR    ?= $(CURDIR)/..
else
OUTPUT      ?= $(CURDIR)/build
endif
override OUTPUT := $(abspath $(OUTPUT))
CLANG       ?= clang-19
BPFTOOL     ?= bpftool
CC          ?= gcc
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux
KSRC_TAR    ?= /usr/src/linux-source-6.1.tar.xz
# Directory holding kselftest.h (the exit codes; the cases register
# through lwt_harness.h, not the tree's harness). Inside a kernel tree it
# is the tree's; standalone it comes from Debian's linux-source-6.1
# tarball into $(OUTPUT)/ksft.
KSFT_DIR    ?=

CATEGORIES  := $(shell awk '!/^\#/ && NF { print $$1 }' categories)
# lib/: the runtime every category links (case registration and running,
# records, the loader, splats, faults); include/: the tables and layouts
# that BPF programs and tests both read.
RUNTIME_HDRS := $(wildcard lib/*.h)
TABLES      := $(wildcard include/*.h)
CTX_FIELDS  := $(shell grep -o '^FIELD.[a-z0-9_]*' include/ctx_fields.h | cut -c7-)

HELPER_SRCS := $(wildcard progs/helper_*.bpf.c)
# One object per row of kfuncs_table.h, from the source of its family.
KFUNCS      := $(shell grep -o '^KFUNC.[a-z0-9_]*' include/kfuncs_table.h | cut -c7-)
KF_ITER     := $(filter bpf_iter_%,$(KFUNCS))
KF_DYNPTR   := $(filter-out bpf_dynptr_from_skb_meta,$(filter bpf_dynptr_%,$(KFUNCS)))
KF_MISC     := $(filter-out $(KF_ITER) $(KF_DYNPTR),$(KFUNCS))
kf_objs      = $(patsubst %,$(OUTPUT)/progs/kfunc_%.bpf.o,$(1))
BPF_OBJS    := $(patsubst %,$(OUTPUT)/progs/ctx_%.bpf.o,$(CTX_FIELDS)) \
	       $(OUTPUT)/progs/ctx_special.bpf.o \
	       $(patsubst progs/%.c,$(OUTPUT)/progs/%.o,$(HELPER_SRCS)) \
	       $(call kf_objs,$(KFUNCS)) \
	       $(patsubst %,$(OUTPUT)/progs/%.bpf.o,dp dp_next dp_ip len_hist encap)
# One skeleton per object (bpftool gen skeleton): the tests reach a
# program's globals, maps and programs through it, typed
SKELS       := $(BPF_OBJS:.bpf.o=.skel.h)
TEST_BINS   := $(patsubst %,$(OUTPUT)/prog_tests/%,$(CATEGORIES))
# Namespace fixtures: netns (fds), rtnl (rtnetlink), sock, topo (the three
# namespaces), linked into datapath and tests/netns_selftest.
NETNS_OBJS  := $(patsubst %,$(OUTPUT)/netns/%.o,netns rtnl sock topo)

ifeq ($(KSFT_DIR),)
KSFT_INC    := $(OUTPUT)/ksft
KSFT_HDRS   := $(KSFT_INC)/kselftest.h
else
KSFT_INC    := $(abspath $(KSFT_DIR))
KSFT_HDRS   :=
endif

BPF_CFLAGS  := -target bpf -O2 -g -Wall -I$(OUTPUT) -Iprogs -Iinclude -DBPF_NO_KFUNC_PROTOTYPES
CFLAGS      ?= -O2 -g
CFLAGS      += -Wall -I$(KSFT_INC) -Ilib -Iinclude -Iprog_tests -I$(OUTPUT)/progs \
	       $(shell pkg-config --cflags libbpf 2>/dev/null)
RUNTIME_OBJ := $(OUTPUT)/lib/lwt_bpf.o
LDLIBS      := $(shell pkg-config --libs libbpf 2>/dev/null || echo -lbpf) -lelf -lz

# What make check needs beyond the suite
CHECK_BINS  := $(OUTPUT)/tests/netns_selftest $(OUTPUT)/tests/fuzz_loader
# Everything the build writes: clean removes these and nothing else.
BUILT       := $(BPF_OBJS) $(SKELS) $(TEST_BINS) $(CHECK_BINS) $(NETNS_OBJS) \
	       $(OUTPUT)/vmlinux.h $(RUNTIME_OBJ) \
	       $(OUTPUT)/tests/lwt_ok.bpf.o $(OUTPUT)/ksft $(OUTPUT)/install \
	       $(OUTPUT)/lwt_in.tar.gz $(OUTPUT)/vmtest $(OUTPUT)/report \
	       $(OUTPUT)/kernels $(OUTPUT)/ktree

.PHONY: all run_tests check bench deps clean install gen_tar vmtest report stress
.DELETE_ON_ERROR:

ifneq ($(IN_TREE),)
# kselftest: lib.mk prefixes these with $(OUTPUT)/ and installs them flat
# beside run_tests.sh, which finds them there.
TEST_PROGS              := run_tests.sh
TEST_FILES              := categories tools/report.py tests/host_deviations
TEST_GEN_PROGS_EXTENDED := $(patsubst $(OUTPUT)/%,%,$(TEST_BINS))
TEST_GEN_FILES          := $(patsubst $(OUTPUT)/%,%,$(BPF_OBJS))
EXTRA_CLEAN             := $(filter-out $(TEST_BINS) $(BPF_OBJS),$(BUILT))
OVERRIDE_TARGETS        := 1
include ../lib.mk
else
all: $(BPF_OBJS) $(TEST_BINS) $(CHECK_BINS)
endif

$(OUTPUT) $(OUTPUT)/progs $(OUTPUT)/prog_tests $(OUTPUT)/lib $(OUTPUT)/ksft $(OUTPUT)/netns $(OUTPUT)/tests:
	mkdir -p $@

# Generated once: objects built against it load on any kernel.
$(OUTPUT)/vmlinux.h: | $(OUTPUT)
	$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@.tmp && mv $@.tmp $@

$(OUTPUT)/ksft/kselftest.h: | $(OUTPUT)/ksft
	tar -xJf $(KSRC_TAR) -C $(OUTPUT)/ksft --strip-components=4 \
		linux-source-6.1/tools/testing/selftests/kselftest.h
	touch $@

BPF_DEPS := progs/lwt_misc.h $(TABLES) $(OUTPUT)/vmlinux.h | $(OUTPUT)/progs

# One source, one object: helper_*, dp*, len_hist (the spec's example),
# encap; and ctx_special, named here so that the ctx_% rule (the shorter
# stem) does not take it
$(OUTPUT)/progs/%.bpf.o: progs/%.bpf.c $(BPF_DEPS)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@
$(OUTPUT)/progs/ctx_special.bpf.o: progs/ctx_special.bpf.c $(BPF_DEPS)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@

# One object per row of kfuncs_table.h, from the source of its family
$(call kf_objs,$(KF_DYNPTR)): $(OUTPUT)/progs/kfunc_%.bpf.o: progs/kfunc_dynptr.bpf.c $(BPF_DEPS)
	$(CLANG) $(BPF_CFLAGS) -DTEST_$* -c $< -o $@
$(call kf_objs,$(KF_ITER)): $(OUTPUT)/progs/kfunc_%.bpf.o: progs/kfunc_iter.bpf.c $(BPF_DEPS)
	$(CLANG) $(BPF_CFLAGS) -DTEST_$* -c $< -o $@
$(call kf_objs,$(KF_MISC)): $(OUTPUT)/progs/kfunc_%.bpf.o: progs/kfunc_misc.bpf.c $(BPF_DEPS)
	$(CLANG) $(BPF_CFLAGS) -DTEST_$* -c $< -o $@

# One object per row of ctx_fields.h, all from ctx_field.bpf.c, given the
# row's offset (its second column)
lparen  := (
ctx_off = $(shell sed -n 's/^FIELD$(lparen)$(1), *\([^,]*\),.*/\1/p' include/ctx_fields.h)
$(OUTPUT)/progs/ctx_%.bpf.o: progs/ctx_field.bpf.c $(BPF_DEPS)
	$(CLANG) $(BPF_CFLAGS) -DCTX_OFF='$(call ctx_off,$*)' -c $< -o $@

$(SKELS): %.skel.h: %.bpf.o
	$(BPFTOOL) gen skeleton $< name $(notdir $*) > $@.tmp && mv $@.tmp $@

$(RUNTIME_OBJ): lib/lwt_bpf.c $(RUNTIME_HDRS) $(TABLES) | $(OUTPUT)/lib
	$(CC) $(CFLAGS) -c $< -o $@

# A category's program: prog_tests/<category>.c and <category>_*.c (each
# compiles on its own; <category>.h is what they share), linked with the
# runtime; datapath and push_encap link the namespace fixtures too.
NETNS_USERS := $(OUTPUT)/prog_tests/datapath $(OUTPUT)/prog_tests/push_encap
$(NETNS_USERS): $(NETNS_OBJS)
$(NETNS_USERS): CFLAGS += -Inetns
.SECONDEXPANSION:
$(OUTPUT)/prog_tests/%: prog_tests/%.c $$(wildcard prog_tests/$$*_*.c prog_tests/$$*.h) \
		$(RUNTIME_OBJ) $(RUNTIME_HDRS) $(TABLES) $(KSFT_HDRS) $(SKELS) | $(OUTPUT)/prog_tests
	$(CC) $(CFLAGS) $(filter %.c,$^) $(RUNTIME_OBJ) $(filter $(NETNS_OBJS),$^) -o $@ $(LDLIBS)

# Each namespace fixture object depends on its own header and netns.h.

$(NETNS_OBJS): $(OUTPUT)/netns/%.o: netns/%.c netns/%.h netns/netns.h | $(OUTPUT)/netns
	$(CC) $(CFLAGS) -c $< -o $@

$(OUTPUT)/netns/topo.o: netns/rtnl.h

# The selftest finds lwt_ok.bpf.o beside itself (attached through iproute2).
$(OUTPUT)/tests/lwt_ok.bpf.o: tests/lwt_ok.bpf.c progs/lwt_misc.h $(OUTPUT)/vmlinux.h | $(OUTPUT)/tests
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@

# Malformed objects through the loader (make check)
$(OUTPUT)/tests/fuzz_loader: tests/fuzz_loader.c $(RUNTIME_OBJ) | $(OUTPUT)/tests
	$(CC) $(CFLAGS) $^ -o $@ $(LDLIBS)

$(OUTPUT)/tests/netns_selftest: tests/netns_selftest.c $(NETNS_OBJS) \
		$(OUTPUT)/tests/lwt_ok.bpf.o | $(OUTPUT)/tests
	$(CC) $(CFLAGS) -Inetns $(filter-out %.bpf.o,$^) -o $@ $(LDLIBS)

ifneq ($(IN_TREE),)
DEPS_AUTO = true
else
DEPS_AUTO = $(if $(NO_DEPS),true,./tools/deps.sh --if-missing)

run_tests:
	@$(DEPS_AUTO)
	@$(MAKE) --no-print-directory all
	./run_tests.sh $(RUN_ARGS)

# A kselftest-style directory that runs with no compiler: run_tests.sh,
# the test programs and BPF objects side by side (run_tests.sh finds them
# there), config, settings and tests.list (every case, one per line).
INSTALL_PATH ?= $(OUTPUT)/install
install: all
	rm -rf $(INSTALL_PATH)
	mkdir -p $(INSTALL_PATH)
	cp run_tests.sh categories config settings $(INSTALL_PATH)/
	cp tools/report.py tests/host_deviations $(INSTALL_PATH)/
	@cp $(TEST_BINS) $(BPF_OBJS) $(INSTALL_PATH)/
	@echo "installed $(words $(TEST_BINS)) test programs and $(words $(BPF_OBJS)) BPF objects in $(INSTALL_PATH)"
	$(INSTALL_PATH)/run_tests.sh -l >$(INSTALL_PATH)/tests.list

gen_tar: install
	tar -C $(dir $(INSTALL_PATH)) -czf $(OUTPUT)/lwt_in.tar.gz $(notdir $(INSTALL_PATH))
	@echo "$(OUTPUT)/lwt_in.tar.gz"

clean:
	rm -rf $(BUILT)
	@rmdir $(addprefix $(OUTPUT)/,progs prog_tests lib netns tests) 2>/dev/null || true
	@[ "$(OUTPUT)" = "$(CURDIR)" ] || rmdir $(OUTPUT) 2>/dev/null || true
endif

check:
	@$(DEPS_AUTO)
	@$(MAKE) --no-print-directory all $(CHECK_BINS)
	./tests/run.sh

bench:
	@$(DEPS_AUTO)
	@$(MAKE) --no-print-directory all
	./tools/bench.sh

# Boot another kernel and run the suite in it (tools/vmtest.sh):
#   make vmtest KERNEL=vmlinuz [MODULES=lib/modules/<ver>] [T=pattern]
vmtest: all
	@$(DEPS_AUTO)
	./tools/vmtest.sh -k "$(KERNEL)" $(if $(MODULES),-m "$(MODULES)") $(if $(T),-t "$(T)") $(if $(RUN_ARGS),-- $(RUN_ARGS))

# The spec page's tables as this kernel and Debian 12's 6.1 kernel showed
# them (docs/), and what changed between the two.
report: all
	@$(DEPS_AUTO)
	mkdir -p docs $(OUTPUT)/report
	-./run_tests.sh --report docs/report-this-kernel.md \
		--report-json docs/report-this-kernel.json >$(OUTPUT)/report/this.out
	read -r k m < <(./tools/debian-kernel.sh) && \
		./tools/vmtest.sh -k "$$k" -m "$$m" -o $(OUTPUT)/report/debian-6.1 >/dev/null; \
		python3 tools/report.py $(OUTPUT)/report/debian-6.1/results.json \
		--md docs/report-debian-6.1.md --json docs/report-debian-6.1.json
	./run_tests.sh --compare docs/report-debian-6.1.json docs/report-this-kernel.json \
		>docs/compare-debian-6.1-to-this-kernel.txt
	@echo "docs/report-this-kernel.md docs/report-debian-6.1.md docs/compare-debian-6.1-to-this-kernel.txt"

# The whole suite N times; per-case failure counts (must be all zero).
N ?= 50
stress: all
	./tools/stress.sh $(N) $(RUN_ARGS)

deps:
	./tools/deps.sh
