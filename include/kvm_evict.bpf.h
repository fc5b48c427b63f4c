/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every kvm-evict policy includes: the kernel's types, libbpf's
 * helpers, the kvm_mmu_evict_ops kfuncs, and the policy counters that
 * kvmevict prints by name.
 */
#ifndef KVM_EVICT_BPF_H
#define KVM_EVICT_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "kvmevict_counters.h"

int bpf_kvm_mmu_evict_choose(struct kvm_mmu_evict_ctx *ctx,
			     struct kvm_mmu_page *sp) __ksym;
int bpf_kvm_mmu_list_move(struct kvm_mmu_page *sp, u32 list, u64 flags) __ksym;
u32 bpf_kvm_mmu_list_len(struct kvm *kvm, u32 list) __ksym;
bool bpf_kvm_mmu_page_young(struct kvm_mmu_page *sp, u64 flags) __ksym;
void bpf_kvm_mmu_evict_error(const char *reason__str) __ksym;
int bpf_iter_kvm_mmu_list_new(struct bpf_iter_kvm_mmu_list *it, struct kvm *kvm,
			      u32 list, u64 flags) __ksym;
struct kvm_mmu_page *bpf_iter_kvm_mmu_list_next(struct bpf_iter_kvm_mmu_list *it) __ksym;
void bpf_iter_kvm_mmu_list_destroy(struct bpf_iter_kvm_mmu_list *it) __ksym;

/* The policy's counters: one per-CPU array, indexed by enum kvmevict_counter. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KVMEVICT_NR_COUNTERS);
	__type(key, u32);
	__type(value, u64);
} counters SEC(".maps");

static __always_inline void count(enum kvmevict_counter c, u64 n)
{
	u32 key = c;
	u64 *v = bpf_map_lookup_elem(&counters, &key);

	if (v)
		*v += n;
}

#endif
