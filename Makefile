# SPDX-License-Identifier: GPL-2.0
# kvm-evict: build the kernel, the BPF toolchain, the user tools and run the
# tests.  `make help` lists the targets.

KVMEVICT_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/kvm-evict
export KVMEVICT_CACHE
KBUILD  := $(KVMEVICT_CACHE)/build
KTOOLS  := $(KVMEVICT_CACHE)/tools
KSRC    := $(KVMEVICT_CACHE)/linux
BPFTOOL := $(KTOOLS)/sbin/bpftool
OUT     := build

CC      ?= gcc
CLANG   ?= clang-19
CFLAGS  ?= -O2 -g
CFLAGS  += -Wall -Wextra -Wno-unused-parameter -std=gnu11 -Iinclude -Iuser
LDLIBS  += -lm -lpthread

COMMON_SRCS   := user/cli.c user/pattern.c user/trace.c
WORKLOAD_SRCS := user/workload.c user/guest.c user/kvm_stats.c $(COMMON_SRCS)
SIM_SRCS      := user/simulate.c user/sim.c user/sim_policy.c $(COMMON_SRCS)
UNIT_TESTS    := $(patsubst tests/unit/%.c,$(OUT)/tests/%,$(wildcard tests/unit/*.c))

.SECONDARY:
.PHONY: all help deps kernel kernel-debug kernel-stock bpf-tools bpf user check check-debug check-stress selftests unit-test bench bench-sim bench-overhead kernel-patches clean

all: user

help:
	@echo "make deps          install missing Debian packages (apt-get)"
	@echo "make kernel        build the patched kernel in \$$KVMEVICT_CACHE ($(KVMEVICT_CACHE))"
	@echo "make bpf-tools     build libbpf and bpftool from the kernel tree"
	@echo "make user          build the user-space tools into $(OUT)/"
	@echo "make bpf           build the policies and kvmevict (needs kernel and bpf-tools)"
	@echo "make bench         main job: boot, run the workloads, compare with the simulator"
	@echo "make bench-sim     simulator speed on a 10-million-access trace"
	@echo "make bench-overhead  the hook's cost: fifo.bpf.o against the built-in FIFO"
	@echo "make check         unit tests and VM tests; ends with 'N passed, N failed'"
	@echo "make kernel-debug  the debug kernel: lockdep, KASAN, KFENCE, list debugging"
	@echo "make check-debug   VM tests, 4-VM stress and selftests on the debug kernel"
	@echo "make kernel-stock  Debian's kernel without the series, for the selftests' baseline"
	@echo "make selftests     KVM's own selftests: stock kernel, then every policy, pool capped"
	@echo "make check-stress  the long runs of tests/stress/ (4 VMs, 100 policy swaps)"
	@echo "make kernel-patches  export the kernel tree's commits into kernel-patch/"

deps:
	@scripts/install-deps

kernel:
	@scripts/build-kernel

kernel-debug:
	@scripts/build-kernel --debug

kernel-stock:
	@scripts/build-kernel --stock

bpf-tools:
	@scripts/build-bpf-tools

user: $(OUT)/kvmevict-workload $(OUT)/kvmevict-sim $(OUT)/kvmevict-lackey2trace

$(OUT)/kvmevict-workload: $(WORKLOAD_SRCS) $(wildcard user/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $(WORKLOAD_SRCS) $(LDLIBS)

$(OUT)/kvmevict-sim: $(SIM_SRCS) $(wildcard user/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $(SIM_SRCS) $(LDLIBS)

$(OUT)/kvmevict-lackey2trace: user/lackey2trace.c $(COMMON_SRCS) $(wildcard user/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ user/lackey2trace.c $(COMMON_SRCS) $(LDLIBS)

# --- BPF: vmlinux.h from the built kernel, programs, skeletons -------------

BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -I$(OUT) -I$(KTOOLS)/include -Iinclude

$(OUT)/vmlinux.h: $(KBUILD)/vmlinux $(BPFTOOL)
	@mkdir -p $(@D)
	$(BPFTOOL) btf dump file $< format c > $@.tmp && mv $@.tmp $@

$(OUT)/%.bpf.o: tests/bpf/%.bpf.c $(OUT)/vmlinux.h include/kvm_evict.bpf.h
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(OUT)/%.bpf.o: bpf/%.bpf.c $(OUT)/vmlinux.h include/kvm_evict.bpf.h include/kvmevict_counters.h
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(OUT)/%.skel.h: $(OUT)/%.bpf.o
	$(BPFTOOL) gen skeleton $< > $@.tmp && mv $@.tmp $@

$(OUT)/tests/kprobe_count: tests/bpf/kprobe_count.c $(OUT)/kprobe_count.skel.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I$(OUT) -I$(KTOOLS)/include -o $@ $< \
		$(KTOOLS)/lib64/libbpf.a -lelf -lz

POLICIES := $(patsubst bpf/%.bpf.c,$(OUT)/%.bpf.o,$(wildcard bpf/*.bpf.c))

LOADER_SRCS := user/kvmevict.c user/policy.c user/vm_stats.c user/cli.c user/pattern.c user/trace.c

$(OUT)/kvmevict: $(LOADER_SRCS) $(wildcard user/*.h) include/kvmevict_counters.h $(KTOOLS)/lib64/libbpf.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -I$(KTOOLS)/include -I$(KSRC)/tools/include/uapi -o $@ $(LOADER_SRCS) $(KTOOLS)/lib64/libbpf.a -lelf -lz $(LDLIBS)

TEST_POLICIES := $(patsubst tests/bpf/%.bpf.c,$(OUT)/%.bpf.o,$(filter-out tests/bpf/kprobe_count.bpf.c,$(wildcard tests/bpf/*.bpf.c)))

bpf: $(OUT)/tests/kprobe_count $(OUT)/kvmevict $(POLICIES) $(TEST_POLICIES)

# --- tests -----------------------------------------------------------------

LIB_SRCS := $(COMMON_SRCS) user/sim.c user/sim_policy.c user/kvm_stats.c

$(OUT)/tests/test_%: tests/unit/test_%.c $(LIB_SRCS) $(wildcard user/*.h) tests/unit/unit.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(LIB_SRCS) $(LDLIBS)

unit-test: $(UNIT_TESTS)

check: deps
	@scripts/build-kernel
	@scripts/build-bpf-tools
	@$(MAKE) --no-print-directory user bpf unit-test
	@tests/run

# The VM suite with the 4-VM stress, then KVM's selftests, on the debug
# kernel (KASAN and lockdep make each test several times slower, hence the
# longer timeouts); the harness fails a run on any lockdep, KASAN, KFENCE,
# list-debug, WARN or Oops report in the console.
DEBUG_VM_TIMEOUT ?= 14400
check-debug: deps
	@scripts/build-kernel
	@scripts/build-kernel --debug
	@scripts/build-kernel --stock
	@scripts/build-bpf-tools
	@$(MAKE) --no-print-directory user bpf
	@scripts/build-selftests
	@KVMEVICT_KERNEL=$(KVMEVICT_CACHE)/bzImage-debug KVMEVICT_STRESS=1 \
		KVMEVICT_VM_TIMEOUT=$(DEBUG_VM_TIMEOUT) KVMEVICT_TEST_TIMEOUT=3600 tests/run vm/
	@scripts/selftests -k $(KVMEVICT_CACHE)/bzImage-debug -T 1500 -j $(shell nproc)

check-stress: deps
	@scripts/build-kernel
	@scripts/build-bpf-tools
	@$(MAKE) --no-print-directory user bpf
	@KVMEVICT_STRESS=1 tests/run stress/ many_vms

# KVM's selftests (tests/selftests/list) in the VM: on the stock kernel, then
# with every VM's pool capped under the built-in FIFO and each policy; a table.
selftests: deps
	@scripts/build-kernel
	@scripts/build-kernel --stock
	@scripts/build-bpf-tools
	@$(MAKE) --no-print-directory user bpf
	@scripts/build-selftests
	@scripts/selftests -j $(shell nproc)

bench:
	@scripts/bench

bench-overhead:
	@scripts/bench-overhead

bench-sim: user
	@echo "kvmevict-sim on 10,000,000 zipf accesses over 4096 regions, pool 1024:"
	@$(OUT)/kvmevict-sim -p zipf -r 4096 -n 10000000 -m flat -C 1024 --bench

kernel-patches:
	@scripts/export-patches

clean:
	rm -rf $(OUT)
