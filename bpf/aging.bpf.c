// SPDX-License-Identifier: GPL-2.0
/*
 * aging: LRU approximated by 8-bit ages.
 *
 * Every page carries an age in the low byte of its data word.  An aging
 * pass shifts each age right and puts the page's reference bit (a fault
 * found it, or the hardware walked through it) in at the top, so recent
 * use weighs most.  A victim is the youngest-aged, i.e. least recently
 * used, among the aging_window oldest pages; the others examined go back
 * to the head so that the window moves on.  New pages start at 0x80, as
 * if just used.
 *
 * Cost per eviction: aging_window pages examined, plus an aging pass over
 * the whole list every aging_interval evictions (amortized pool size /
 * aging_interval per eviction; each pass bounded by the kernel's
 * iterator).  Where it loses: one-time scans longer than the pool, which
 * enter young and push the hot set out before they age, as with LRU.
 *
 * Tunables (kvmevict run -o NAME=VALUE): aging_window, aging_interval.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

const volatile u32 aging_window = 32;	/* pages examined per victim */
const volatile u32 aging_interval = 16;	/* evictions between aging passes */

#define AGE_MASK	0xffULL
#define AGE_NEW		0x80ULL

u64 evictions;

SEC("struct_ops/page_created")
void BPF_PROG(aging_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	adopt_fresh(kvm, 0);
	sp->evict.data = AGE_NEW;
	park_fresh(sp);
}

SEC("struct_ops/page_referenced")
void BPF_PROG(aging_referenced, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	note_sw_reference(sp);
}

static __always_inline void aging_pass(struct kvm *kvm)
{
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, 0, 0) {
		u64 age = (sp->evict.data & AGE_MASK) >> 1;

		if (test_clear_referenced(sp))
			age |= AGE_NEW;
		sp->evict.data = (sp->evict.data & ~AGE_MASK) | age;
	}
	count(KVMEVICT_AGING_PASSES, 1);
}

SEC("struct_ops/evict")
void BPF_PROG(aging_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	u32 i, chosen = 0, scanned = 0, interval = aging_interval ?: 1;
	struct kvm_mmu_page *sp;

	for (i = 0; i < nr_to_evict && i < 64; i++) {
		struct kvm_mmu_page *best = NULL;
		u64 best_age = ~0ULL;
		u32 seen = 0;

		if (++evictions % interval == 0)
			aging_pass(kvm);
		bpf_for_each(kvm_mmu_list, sp, kvm, 0, 0) {
			u64 age;

			if (seen >= aging_window)
				break;
			if (unevictable(sp))
				continue;
			seen++;
			age = sp->evict.data & AGE_MASK;
			if (age < best_age) {
				best_age = age;
				best = sp;
			}
			bpf_kvm_mmu_list_move(sp, 0, 0);
		}
		scanned += seen;
		if (!best)
			break;
		if (bpf_kvm_mmu_evict_choose(req, best) == 0)
			chosen++;
		else
			count(KVMEVICT_REFUSED, 1);
	}
	count(KVMEVICT_EVICT_CALLS, 1);
	count(KVMEVICT_CHOSEN, chosen);
	count(KVMEVICT_SCANNED, scanned);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops aging_ops = {
	.page_created = (void *)aging_created,
	.page_referenced = (void *)aging_referenced,
	.evict = (void *)aging_evict,
	.name = "aging",
};
