// SPDX-License-Identifier: GPL-2.0
/*
 * fifo: the built-in policy, as a BPF program.
 *
 * KVM keeps list 0 in creation order, newest at the head, and never
 * reorders it for a policy that does not; evicting from the tail is exactly
 * what kvm_mmu_zap_oldest_mmu_pages() does without a policy.  Roots in use
 * are skipped, as KVM would refuse them.  Cost per eviction: O(1) beyond
 * the roots it steps over.  It loses wherever FIFO loses: every page the
 * guest keeps using is evicted anyway once it is the oldest.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/evict")
void BPF_PROG(fifo_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	struct kvm_mmu_page *sp;
	u32 chosen = 0, scanned = 0;

	bpf_for_each(kvm_mmu_list, sp, kvm, 0, 0) {
		if (chosen >= nr_to_evict)
			break;
		scanned++;
		if (sp->root_count)
			continue;
		if (bpf_kvm_mmu_evict_choose(req, sp) == 0)
			chosen++;
		else
			count(KVMEVICT_REFUSED, 1);
	}
	count(KVMEVICT_EVICT_CALLS, 1);
	count(KVMEVICT_CHOSEN, chosen);
	count(KVMEVICT_SCANNED, scanned);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops fifo_ops = {
	.evict = (void *)fifo_evict,
	.name = "fifo",
};
