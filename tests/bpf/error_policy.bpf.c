// SPDX-License-Identifier: GPL-2.0
/* Misbehaving policy: reports an error on its 10th eviction request. */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

u64 calls;

SEC("struct_ops/evict")
void BPF_PROG(failing_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	count(KVMEVICT_EVICT_CALLS, 1);
	if (++calls == 10)
		bpf_kvm_mmu_evict_error("tests/bpf/error_policy: deliberate error");
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops error_policy_ops = {
	.evict = (void *)failing_evict,
	.name = "error_policy",
};
