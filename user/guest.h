/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A synthetic 64-bit guest that puts pressure on KVM's shadow MMU.
 *
 * The guest maps nr_regions 2 MiB regions of virtual memory, each through a
 * page-table page of its own, and aliases every region onto a few data
 * frames.  KVM shadows each guest page-table page with one leaf shadow page,
 * so touching region r needs "its" shadow page while the guest uses almost
 * no memory.  When the shadow-page pool (KVM_SET_NR_MMU_PAGES) is smaller
 * than the set of regions in use, KVM must evict, and every access to an
 * evicted region faults again.
 *
 * Each vCPU runs the same tiny loop: read a chunk of virtual addresses from
 * its buffer, load one byte from each, then exit to the VMM (OUT) for the
 * next chunk; an empty chunk makes it halt.
 */
#ifndef KVMEVICT_GUEST_H
#define KVMEVICT_GUEST_H

#include <stdint.h>

#define GUEST_MAX_VCPUS		16
#define GUEST_MAX_REGIONS	(512 * 64)	/* 64 GiB of guest-virtual space */
#define GUEST_PAGES_PER_REGION	512

struct guest_config {
	uint32_t nr_regions;
	uint32_t nr_vcpus;
	uint32_t pages_per_visit;	/* 4 KiB pages touched per region visit */
	uint32_t pool_pages;		/* KVM_SET_NR_MMU_PAGES; 0: KVM's default */
	uint32_t nr_data_frames;	/* frames the regions alias onto */
};

struct guest;

/*
 * Where vCPU @vcpu's next region comes from: returns the region to visit,
 * or -1 when that vCPU is done.
 */
typedef int64_t (*guest_next_region_fn)(void *ctx, int vcpu);

/* Create the VM. On failure returns NULL and prints why. */
struct guest *guest_create(const struct guest_config *cfg);
/*
 * Run every vCPU until its sequence ends. Returns 0, or -1 after printing
 * why the guest stopped.
 */
int guest_run(struct guest *g, guest_next_region_fn next, void *ctx);
int guest_vm_fd(const struct guest *g);
int guest_vcpu_fd(const struct guest *g, int vcpu);
void guest_destroy(struct guest *g);

#endif
