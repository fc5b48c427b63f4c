# SPDX-License-Identifier: GPL-2.0
# kvmevict's command line on the host: help, usage errors, and a clear
# refusal on a kernel without kvm_mmu_evict_ops (the host's own kernel).
source "$(dirname "$0")/../lib.sh"
for c in "" run attach swap status; do
	"$K" $c --help | grep -q "Usage: kvmevict" || fail "'kvmevict $c --help' lacks usage"
done
"$K" --help | grep -q "Examples:" || fail "kvmevict --help lacks examples"
rc=0
"$K" >/dev/null 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "no command: exit $rc, expected 2"
expect_fail "unknown command" "unknown command" "$K" frobnicate
expect_fail "attach without --pin" "needs a policy and --pin" "$K" attach "$B/fifo.bpf.o"
expect_fail "swap without a policy" "Usage: kvmevict swap" "$K" swap
expect_fail "bad interval" "--interval" "$K" run "$B/fifo.bpf.o" -i 0
if [ ! -e /sys/kernel/kvm_mmu_evict ]; then
	expect_fail "kernel without the hook" "lacks kvm_mmu_evict_ops.*kernel-patch" \
		"$K" run "$B/fifo.bpf.o"
	expect_fail "swap without the hook" "lacks kvm_mmu_evict_ops" "$K" swap "$B/fifo.bpf.o"
	expect_fail "status without the hook" "lacks kvm_mmu_evict_ops" "$K" status
fi
