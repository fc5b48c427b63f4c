/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every kvm-evict policy includes: the kernel's types, libbpf's
 * helpers, the kvm_mmu_evict_ops kfuncs, and the policy counters that
 * kvmevict prints by name.
 */
#ifndef KVM_EVICT_BPF_H
#define KVM_EVICT_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "kvmevict_counters.h"

int bpf_kvm_mmu_evict_choose(struct kvm_mmu_evict_ctx *ctx,
			     struct kvm_mmu_page *sp) __ksym;
int bpf_kvm_mmu_list_move(struct kvm_mmu_page *sp, u32 list, u64 flags) __ksym;
u32 bpf_kvm_mmu_list_len(struct kvm *kvm, u32 list) __ksym;
bool bpf_kvm_mmu_page_young(struct kvm_mmu_page *sp, u64 flags) __ksym;
void bpf_kvm_mmu_evict_error(const char *reason__str) __ksym;
int bpf_iter_kvm_mmu_list_new(struct bpf_iter_kvm_mmu_list *it, struct kvm *kvm,
			      u32 list, u64 flags) __ksym;
struct kvm_mmu_page *bpf_iter_kvm_mmu_list_next(struct bpf_iter_kvm_mmu_list *it) __ksym;
void bpf_iter_kvm_mmu_list_destroy(struct bpf_iter_kvm_mmu_list *it) __ksym;

/* The policy's counters: one per-CPU array, indexed by enum kvmevict_counter. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KVMEVICT_NR_COUNTERS);
	__type(key, u32);
	__type(value, u64);
} counters SEC(".maps");

static __always_inline void count(enum kvmevict_counter c, u64 n)
{
	u32 key = c;
	u64 *v = bpf_map_lookup_elem(&counters, &key);

	if (v)
		*v += n;
}

/*
 * Reference tracking shared by the policies.
 *
 * A new shadow page's parent SPTE is born with its Accessed bit set, and
 * the faulting access, retried right after the fault, walks through the
 * page at once: neither says that the guest came back to it.  So a new
 * page waits on FRESH_LIST until the next page is created (the next fault
 * that needs one), when its bits are cleared and it joins the policy's
 * list; from then on every walk through it counts.  What is lost is a use
 * between the retry and the next creating fault, a short window.  Waiting
 * for the next evict() instead would lose every use over a whole refill
 * batch: measured on hotcold, CLOCK then misses 23% more.  A software
 * reference (a fault that found the page again) sets SW_REFERENCED in the
 * page's data word, parked or not.
 */
#define FRESH_LIST	1
#define SW_REFERENCED	(1ULL << 63)

/* page_created: park the new page. */
static __always_inline void park_fresh(struct kvm_mmu_page *sp)
{
	bpf_kvm_mmu_list_move(sp, FRESH_LIST, 0);
	count(KVMEVICT_CREATED, 1);
}

/* page_created, before park_fresh(): the pages parked by earlier faults
 * lose their creation bits and go to the head of @list. */
static __always_inline void adopt_fresh(struct kvm *kvm, u32 list)
{
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, FRESH_LIST, 0) {
		bpf_kvm_mmu_page_young(sp, KVM_MMU_EVICT_YOUNG_CLEAR);
		bpf_kvm_mmu_list_move(sp, list, 0);
	}
}

/* A fault found @sp again: remember it until the policy's next look. */
static __always_inline void note_sw_reference(struct kvm_mmu_page *sp)
{
	sp->evict.data |= SW_REFERENCED;
	count(KVMEVICT_REFERENCED, 1);
}

/* Whether @sp was used since the last look; clears what it looked at. */
static __always_inline bool test_clear_referenced(struct kvm_mmu_page *sp)
{
	bool young = bpf_kvm_mmu_page_young(sp, KVM_MMU_EVICT_YOUNG_CLEAR);

	if (sp->evict.data & SW_REFERENCED) {
		sp->evict.data &= ~SW_REFERENCED;
		return true;
	}
	return young;
}

/* Pages no policy may choose: roots in use, and pages chosen already. */
static __always_inline bool unevictable(struct kvm_mmu_page *sp)
{
	return sp->root_count || sp->evict.chosen;
}

#endif
