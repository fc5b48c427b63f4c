/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading KVM's binary statistics (KVM_GET_STATS_FD) by name, so that
 * counters a patched kernel adds are found without rebuilding the tools.
 */
#ifndef KVMEVICT_KVM_STATS_H
#define KVMEVICT_KVM_STATS_H

#include <stdbool.h>
#include <stdint.h>

#define KVM_STAT_NAME_MAX 64

struct kvm_stat {
	char name[KVM_STAT_NAME_MAX];
	uint64_t value;		/* sum over the elements of an array stat */
	bool cumulative;	/* a counter, as opposed to a level or a peak */
};

struct kvm_stats {
	int fd;
	int nr;
	struct kvm_stat *stats;
	char *descs;		/* raw descriptors, as the kernel laid them out */
	uint32_t desc_size;
	uint64_t data_offset;
};

/* Open the statistics of a VM or vCPU file descriptor. Returns -errno. */
int kvm_stats_open(struct kvm_stats *ks, int kvm_object_fd);
/* Re-read every value. Returns -errno. */
int kvm_stats_read(struct kvm_stats *ks);
/* The stat called @name, or NULL when this kernel has none. */
const struct kvm_stat *kvm_stats_find(const struct kvm_stats *ks, const char *name);
void kvm_stats_close(struct kvm_stats *ks);

#endif
