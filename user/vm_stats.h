/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-VM counters of every VM on the host, from KVM's debugfs directory
 * (/sys/kernel/debug/kvm/PID-FD/), which sums the vCPUs' counters too.
 */
#ifndef KVMEVICT_VM_STATS_H
#define KVMEVICT_VM_STATS_H

#include <stdint.h>

#define KVM_DEBUGFS "/sys/kernel/debug/kvm"

enum vm_stat {
	VM_PF_TAKEN, VM_MMU_CACHE_MISS, VM_MMU_RECYCLED, VM_EVICT_CALLS,
	VM_EVICT_POLICY_PAGES, VM_EVICT_FALLBACK_PAGES, VM_EVICT_REJECTED,
	VM_EVICT_POLICY_NS, VM_MMU_PAGES_USED, VM_MMU_PAGES_MAX, VM_NR_STATS,
};

extern const char *const vm_stat_names[VM_NR_STATS];

struct vm_sample {
	char id[64];		/* PID-FD, as KVM names the directory */
	uint64_t v[VM_NR_STATS];
};

/*
 * Sample up to @max VMs.  Returns how many, or a negative errno when KVM's
 * debugfs cannot be read (not mounted, not root).
 */
int vm_stats_sample(struct vm_sample *out, int max);

#endif
