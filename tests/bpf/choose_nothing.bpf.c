// SPDX-License-Identifier: GPL-2.0
/* Misbehaving policy: never chooses a page.  KVM must fall back to FIFO. */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/evict")
void BPF_PROG(lazy_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	count(KVMEVICT_EVICT_CALLS, 1);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops choose_nothing_ops = {
	.evict = (void *)lazy_evict,
	.name = "choose_nothing",
};
