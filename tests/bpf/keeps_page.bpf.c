// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile policy: keeps a page's address past page_created() and reads the
 * page through it in a later evict(), when it may long be freed.  The
 * verifier must refuse it: a stored pointer comes back as a plain number.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

u64 kept;

SEC("struct_ops/page_created")
void BPF_PROG(keep_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	kept = (u64)sp;
}

SEC("struct_ops/evict")
void BPF_PROG(keep_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	struct kvm_mmu_page *sp = (struct kvm_mmu_page *)kept;

	if (sp)
		bpf_printk("kept page gfn %llx", sp->gfn);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops keep_ops = {
	.page_created = (void *)keep_created,
	.evict = (void *)keep_evict,
	.name = "keeps_page",
};
