// SPDX-License-Identifier: GPL-2.0
/*
 * Toolchain smoke test: count the shadow-MMU page faults KVM handles, from
 * a kprobe on kvm_mmu_page_fault().  Proves that vmlinux.h, clang's BPF
 * target, libbpf and the kernel's BTF agree.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

__u64 nr_faults;
__u64 last_error_code;

SEC("kprobe/kvm_mmu_page_fault")
int BPF_KPROBE(count_fault, struct kvm_vcpu *vcpu, gpa_t cr2_or_gpa, u64 error_code)
{
	__sync_fetch_and_add(&nr_faults, 1);
	last_error_code = error_code;
	return 0;
}
