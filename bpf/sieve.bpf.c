// SPDX-License-Identifier: GPL-2.0
/*
 * sieve: SIEVE (Zhang et al., NSDI'24): FIFO order, a visited bit, and a
 * hand that never moves a page it keeps.
 *
 * New pages enter at the head.  The hand walks from the tail toward the
 * head: a visited page (a fault found it, or the hardware walked through
 * it) loses its bit and stays; an unvisited one is evicted.  Pages stay in
 * insertion order, so a one-time scan is evicted as it ages instead of
 * pushing the hot set out, and a hot page is never moved.  Here the pages
 * the hand has passed in this sweep wait on list 2, in order; when the
 * hand reaches the head it wraps, and list 2 goes back behind list 0.
 *
 * Cost per eviction: O(1) amortized; at most two sweeps per evict() call,
 * each bounded by the kernel's iterator, and one pass over list 2 per wrap.
 * Where it loses: workloads whose reuse distance slightly exceeds the pool
 * (a loop), where no policy but OPT does well.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define PASSED_LIST	2

SEC("struct_ops/page_created")
void BPF_PROG(sieve_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	adopt_fresh(kvm, 0);
	park_fresh(sp);
}

SEC("struct_ops/page_referenced")
void BPF_PROG(sieve_referenced, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	note_sw_reference(sp);
}

/* The hand moves from the tail of list 0 toward its head. */
static __always_inline u32 sieve_sweep(struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
				       u32 nr_to_evict, u32 chosen)
{
	u32 scanned = 0, kept = 0;
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, 0, 0) {
		if (chosen >= nr_to_evict)
			break;
		scanned++;
		if (sp->evict.chosen)
			continue;
		if (sp->root_count || test_clear_referenced(sp)) {
			bpf_kvm_mmu_list_move(sp, PASSED_LIST, 0);
			kept++;
			continue;
		}
		if (bpf_kvm_mmu_evict_choose(req, sp) == 0)
			chosen++;
		else
			count(KVMEVICT_REFUSED, 1);
	}
	count(KVMEVICT_SCANNED, scanned);
	count(KVMEVICT_SECOND_CHANCE, kept);
	return chosen;
}

/* The hand wrapped: the passed pages, oldest last, go behind list 0. */
static __always_inline void sieve_wrap(struct kvm *kvm)
{
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, PASSED_LIST, KVM_MMU_EVICT_ITER_NEWEST)
		bpf_kvm_mmu_list_move(sp, 0, KVM_MMU_EVICT_TAIL);
}

SEC("struct_ops/evict")
void BPF_PROG(sieve_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	u32 chosen;

	chosen = sieve_sweep(kvm, req, nr_to_evict, 0);
	if (chosen < nr_to_evict) {
		sieve_wrap(kvm);
		chosen = sieve_sweep(kvm, req, nr_to_evict, chosen);
	}
	count(KVMEVICT_EVICT_CALLS, 1);
	count(KVMEVICT_CHOSEN, chosen);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops sieve_ops = {
	.page_created = (void *)sieve_created,
	.page_referenced = (void *)sieve_referenced,
	.evict = (void *)sieve_evict,
	.name = "sieve",
};
