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
 * children.  New pages are judged by their use after the creating fault
 * (see adopt_fresh()); they join at the head, unmarked.
 *
 * Cost per eviction: O(1) amortized; at most two laps of the list per
 * evict() call, each bounded by the kernel's iterator; the pages parked
 * by the previous fault are adopted when the next page is created.  Where it loses: a loop over more
 * pages than the pool, where every page is referenced once per lap and
 * CLOCK degenerates to FIFO, like LRU does.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/page_created")
void BPF_PROG(clock_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	adopt_fresh(kvm, 0);
	park_fresh(sp);
}

SEC("struct_ops/page_referenced")
void BPF_PROG(clock_referenced, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	note_sw_reference(sp);
}

/* One lap of the hand over list 0, oldest first; returns the pages chosen. */
static __always_inline u32 clock_lap(struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
				     u32 nr_to_evict, u32 chosen)
{
	u32 scanned = 0, spared = 0;
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, 0, 0) {
		if (chosen >= nr_to_evict)
			break;
		scanned++;
		if (unevictable(sp))
			continue;
		if (test_clear_referenced(sp)) {
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

SEC("struct_ops/evict")
void BPF_PROG(clock_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	u32 chosen;

	/* A lap that spares everything cleared the marks; the next finds them. */
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
