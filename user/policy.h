/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loading, attaching and detaching a kvm_mmu_evict_ops policy, and reading
 * what the kernel says about the attached one.
 */
#ifndef KVMEVICT_POLICY_H
#define KVMEVICT_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "kvmevict_counters.h"

#define KVMEVICT_PIN_DIR	"/sys/fs/bpf/kvmevict"
#define KVMEVICT_SYSFS		"/sys/kernel/kvm_mmu_evict"

struct bpf_object;
struct bpf_link;
struct bpf_map;

struct policy {
	struct bpf_object *obj;
	struct bpf_map *ops_map;
	struct bpf_map *counters;	/* NULL when the policy keeps none */
	struct bpf_link *link;
	int counters_fd;
};

/* Whether the running kernel has the kvm_mmu_evict_ops hook. */
bool policy_kernel_supported(void);
/*
 * Open @path, check it is a kvm_mmu_evict_ops policy, set its tunables
 * ("NAME=VALUE": a const volatile global of the policy), load it (the
 * verifier runs here) and attach it.  On failure prints the object, the cause and
 * what to do, and returns a negative errno.
 */
int policy_attach(struct policy *p, const char *path, bool verbose,
		  char *const *tunables, int nr_tunables);
/* Pin the link and the counters under KVMEVICT_PIN_DIR. */
int policy_pin(struct policy *p);
/* Detach and free what policy_attach() set up. */
void policy_detach(struct policy *p);
/*
 * Replace the pinned policy by @path in place (BPF_LINK_UPDATE), so that the
 * built-in FIFO never takes over in between; errors are printed.
 */
int policy_swap_pinned(const char *path, bool verbose,
		       char *const *tunables, int nr_tunables);
/* Detach the pinned policy; returns -ENOENT when none is pinned. */
int policy_detach_pinned(void);

/* The counters of the policy, summed over CPUs; fd from a map or a pin. */
int policy_read_counters(int counters_fd, uint64_t out[KVMEVICT_NR_COUNTERS]);
extern const char *const kvmevict_counter_names[KVMEVICT_NR_COUNTERS];

/* /sys/kernel/kvm_mmu_evict/NAME, trailing newline removed ("" if absent). */
void kernel_evict_read(const char *name, char *buf, size_t len);

#endif
