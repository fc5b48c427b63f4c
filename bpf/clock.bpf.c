// SPDX-License-Identifier: GPL-2.0
/*
 * clock: second chance.
 *
 * A page is referenced when a fault finds it again (page_referenced) or
 * when the hardware walked through it since the last look (the Accessed
 * bits of the SPTEs that point to it, tested and cleared here).  The hand
 * walks list 0 from the oldest page: a referenced page loses its mark and
 * goes back to the head, an unreferenced one is evicted.  Upper-level
 * shadow pages, walked on every access below them, are always referenced,
 * so they are kept, as they should be: zapping one unlinks all its
 * children.
 *
 * New pages wait on list 1 until the next evict(), which clears their
 * Accessed bits: the bit a parent SPTE is born with only says that the
 * fault happened, and would otherwise buy every new page a free lap.
 *
 * Cost per eviction: O(1) amortized; at most two laps of the list per
 * evict() call, each bounded by the kernel's iterator, plus one pass over
 * the pages created since the last call.  Where it loses: a loop over
 * more pages than the pool, where every page is referenced once per lap and
 * CLOCK degenerates to FIFO, like LRU does.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define REFERENCED	1ULL
#define FRESH_LIST	1

SEC("struct_ops/page_referenced")
void BPF_PROG(clock_referenced, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	sp->evict.data |= REFERENCED;
	count(KVMEVICT_REFERENCED, 1);
}

/*
 * One lap of the hand over list 0, oldest first.  Returns the pages chosen;
 * spared pages go back to the head with their marks cleared.
 */
static __always_inline u32 clock_lap(struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
				     u32 nr_to_evict, u32 chosen)
{
	u32 scanned = 0, spared = 0;
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, 0, 0) {
		bool young;

		if (chosen >= nr_to_evict)
			break;
		scanned++;
		if (sp->root_count || sp->evict.chosen)
			continue;
		young = bpf_kvm_mmu_page_young(sp, KVM_MMU_EVICT_YOUNG_CLEAR);
		if (young || (sp->evict.data & REFERENCED)) {
			sp->evict.data &= ~REFERENCED;
			bpf_kvm_mmu_list_move(sp, 0, 0);
			spared++;
			continue;
		}
		if (bpf_kvm_mmu_evict_choose(req, sp) == 0)
			chosen++;
		else
			count(KVMEVICT_REFUSED, 1);
	}
	count(KVMEVICT_SCANNED, scanned);
	count(KVMEVICT_SECOND_CHANCE, spared);
	return chosen;
}

/*
 * A new shadow page's parent SPTE is born with its Accessed bit set, which
 * says nothing about use after the fault that created it.  New pages wait
 * on list 1; each evict() clears their bits and hands them to the clock, so
 * that the hand judges them by what happened since.
 */
SEC("struct_ops/page_created")
void BPF_PROG(clock_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	bpf_kvm_mmu_list_move(sp, FRESH_LIST, 0);
	count(KVMEVICT_CREATED, 1);
}

static __always_inline void clock_adopt_fresh(struct kvm *kvm)
{
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, FRESH_LIST, 0) {
		bpf_kvm_mmu_page_young(sp, KVM_MMU_EVICT_YOUNG_CLEAR);
		bpf_kvm_mmu_list_move(sp, 0, 0);
	}
}

SEC("struct_ops/evict")
void BPF_PROG(clock_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	/*
	 * A lap may spare everything (every mark set); the second lap then
	 * finds the marks it cleared, as a real clock hand would.  The
	 * kernel bounds each lap by the list's length.
	 */
	u32 chosen;

	clock_adopt_fresh(kvm);
	chosen = clock_lap(kvm, req, nr_to_evict, 0);

	if (chosen < nr_to_evict)
		chosen = clock_lap(kvm, req, nr_to_evict, chosen);
	count(KVMEVICT_EVICT_CALLS, 1);
	count(KVMEVICT_CHOSEN, chosen);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops clock_ops = {
	.page_created = (void *)clock_created,
	.page_referenced = (void *)clock_referenced,
	.evict = (void *)clock_evict,
	.name = "clock",
};
