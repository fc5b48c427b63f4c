// SPDX-License-Identifier: GPL-2.0
/*
 * Misbehaving policy: offers KVM roots in use, the same page twice and
 * more pages than asked for.  KVM must refuse each of those and count them.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/evict")
void BPF_PROG(bad_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	struct kvm_mmu_page *sp;

	bpf_for_each(kvm_mmu_list, sp, kvm, 0, KVM_MMU_EVICT_ITER_NEWEST) {
		/* Roots included: no root_count check on purpose. */
		if (bpf_kvm_mmu_evict_choose(req, sp))
			count(KVMEVICT_REFUSED, 1);
		else
			count(KVMEVICT_CHOSEN, 1);
		/* The same page again. */
		if (bpf_kvm_mmu_evict_choose(req, sp))
			count(KVMEVICT_REFUSED, 1);
	}
	count(KVMEVICT_EVICT_CALLS, 1);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops bad_choices_ops = {
	.evict = (void *)bad_evict,
	.name = "bad_choices",
};
