// SPDX-License-Identifier: GPL-2.0
/* A policy the verifier must refuse: it writes a field other than evict.data. */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/page_created")
void BPF_PROG(scribble, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	sp->gfn = 0;
}

SEC("struct_ops/evict")
void BPF_PROG(noop_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops writes_gfn_ops = {
	.page_created = (void *)scribble,
	.evict = (void *)noop_evict,
	.name = "writes_gfn",
};
