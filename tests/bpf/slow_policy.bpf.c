// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile policy: spends as long as the verifier lets it in every callback,
 * a bpf_loop() of the most iterations it allows, under mmu_lock.  KVM must
 * eject it for overstaying kvm.mmu_evict_budget_us, and the guest finish.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_LOOPS	(1 << 23)	/* BPF_MAX_LOOPS */

u64 spins;

static long spin(u64 i, void *ctx)
{
	spins += i & 1;
	return 0;
}

SEC("struct_ops/page_created")
void BPF_PROG(slow_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	bpf_loop(MAX_LOOPS, spin, NULL, 0);
}

SEC("struct_ops/evict")
void BPF_PROG(slow_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	bpf_loop(MAX_LOOPS, spin, NULL, 0);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops slow_ops = {
	.page_created = (void *)slow_created,
	.evict = (void *)slow_evict,
	.name = "slow_policy",
};
