// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile policy: moves every page it can reach to another list in every
 * callback, round and round, and never chooses a page.  KVM's lists must
 * stay consistent, the guest must finish, and the FIFO fallback must take
 * every eviction.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

static __always_inline void churn(struct kvm *kvm)
{
	struct kvm_mmu_page *sp;
	u32 list;

	for (list = 0; list < 4; list++) {
		bpf_for_each(kvm_mmu_list, sp, kvm, list, 0) {
			bpf_kvm_mmu_list_move(sp, (list + 1) % 4, 0);
			bpf_kvm_mmu_list_move(sp, (list + 2) % 4, KVM_MMU_EVICT_TAIL);
			count(KVMEVICT_SCANNED, 1);
		}
	}
}

SEC("struct_ops/page_created")
void BPF_PROG(churn_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	bpf_kvm_mmu_list_move(sp, 3, 0);
	churn(kvm);
}

SEC("struct_ops/page_referenced")
void BPF_PROG(churn_referenced, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	bpf_kvm_mmu_list_move(sp, 2, KVM_MMU_EVICT_TAIL);
}

SEC("struct_ops/evict")
void BPF_PROG(churn_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	churn(kvm);
	count(KVMEVICT_EVICT_CALLS, 1);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops churn_ops = {
	.page_created = (void *)churn_created,
	.page_referenced = (void *)churn_referenced,
	.evict = (void *)churn_evict,
	.name = "list_churn",
};
