# SPDX-License-Identifier: GPL-2.0
# The project's BPF toolchain works on our kernel: bpftool reads its BTF, and
# a CO-RE kprobe program built with clang-19 and libbpf from the kernel tree
# loads, attaches to the shadow MMU and counts faults.
source "$(dirname "$0")/../lib.sh"
bpftool=$KVMEVICT_CACHE/tools/sbin/bpftool

"$bpftool" btf dump file /sys/kernel/btf/vmlinux format raw |
	grep -q "STRUCT 'kvm_mmu_page'" || fail "kernel BTF lacks struct kvm_mmu_page"
echo "ok: kernel BTF has struct kvm_mmu_page"

out=$("$B/tests/kprobe_count" "$B/kvmevict-workload" -p loop -n 1000) ||
	fail "kprobe_count failed: $out"
echo "$out"
n=$(sed -n 's/^kvm_mmu_page_fault calls: //p' <<<"$out")
[ "${n:-0}" -gt 0 ] || fail "the kprobe never fired"
