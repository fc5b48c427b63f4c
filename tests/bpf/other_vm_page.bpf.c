// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile policy: remembers the last page created by any VM, as a kptr in
 * a map, and offers it to whichever VM evicts next: a page of another VM,
 * or one freed since.  The verifier must refuse it: a pointer loaded back
 * from a map is untrusted, and the choice kfunc takes only trusted pages.
 */
#include "kvm_evict.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct remembered {
	struct kvm_mmu_page __kptr_untrusted *sp;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct remembered);
} last SEC(".maps");

SEC("struct_ops/page_created")
void BPF_PROG(other_created, struct kvm *kvm, struct kvm_mmu_page *sp)
{
	u32 zero = 0;
	struct remembered *r = bpf_map_lookup_elem(&last, &zero);

	if (r)
		r->sp = sp;
}

SEC("struct_ops/evict")
void BPF_PROG(other_evict, struct kvm *kvm, struct kvm_mmu_evict_ctx *req,
	      u32 nr_to_evict)
{
	u32 zero = 0;
	struct remembered *r = bpf_map_lookup_elem(&last, &zero);
	struct kvm_mmu_page *sp;

	if (!r)
		return;
	sp = r->sp;
	if (sp)
		bpf_kvm_mmu_evict_choose(req, sp);
}

SEC(".struct_ops.link")
struct kvm_mmu_evict_ops other_ops = {
	.page_created = (void *)other_created,
	.evict = (void *)other_evict,
	.name = "other_vm_page",
};
