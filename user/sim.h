/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The eviction simulator: replays a trace against one policy.
 *
 * Two models of what is cached:
 *  - SIM_MODEL_FLAT: each region is one cache entry; a miss is a fault.
 *  - SIM_MODEL_KVM: the shadow pages the synthetic guest (guest.c) really
 *    needs: the PDPT's and each PD's shadow page, one leaf shadow page per
 *    region and one for the guest's code and buffers, with KVM's parent
 *    links, 8-entry SPTE prefetch, the root that is never evicted, and the
 *    guest's code fetch and buffer read before every access.  It predicts
 *    KVM's mmu_cache_miss (shadow pages created), pf_taken and mmu_recycled.
 *
 * Refill, in both models: SIM_REFILL_KVM evicts when fewer than 5 pages are
 * free, up to 25 free (make_mmu_pages_available()); SIM_REFILL_SINGLE
 * evicts one page when the pool is full.
 */
#ifndef KVMEVICT_SIM_H
#define KVMEVICT_SIM_H

#include <stdint.h>

#include "sim_policy.h"
#include "trace.h"

enum sim_model { SIM_MODEL_FLAT, SIM_MODEL_KVM };
enum sim_refill { SIM_REFILL_KVM, SIM_REFILL_SINGLE };

#define KVM_MIN_FREE_MMU_PAGES	5
#define KVM_REFILL_PAGES	25

struct sim_params {
	uint32_t capacity;	/* pool size in pages, the root included (kvm) */
	enum sim_model model;
	enum sim_refill refill;
};

struct sim_result {
	uint64_t accesses;	/* region visits replayed */
	uint64_t misses;	/* entries created (kvm: mmu_cache_miss) */
	uint64_t faults;	/* kvm: pf_taken; flat: equal to misses */
	uint64_t evictions;	/* kvm: mmu_recycled */
};

/*
 * A trace prepared for one model: its touch stream and, for OPT, each
 * touch's next use.  Prepare once, run every policy and capacity on it.
 */
struct sim_input;

struct sim_input *sim_prepare(const struct trace *t, enum sim_model model);
void sim_input_free(struct sim_input *in);
/* Returns 0, or -1 when the policy could not allocate its state. */
int sim_run(const struct sim_input *in, const struct sim_params *params,
	    const struct sim_policy_ops *ops, struct sim_result *res);

#endif
