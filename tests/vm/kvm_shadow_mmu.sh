# SPDX-License-Identifier: GPL-2.0
# KVM inside the VM uses the shadow MMU, and a long-mode guest driven through
# the KVM API runs to completion with non-zero shadow-MMU counters.
source "$(dirname "$0")/../lib.sh"

[ -c /dev/kvm ] || fail "/dev/kvm is missing in the VM"
if [ -d /sys/module/kvm_amd ]; then
	npt=$(cat /sys/module/kvm_amd/parameters/npt)
	echo "kvm_amd.npt=$npt"
	[ "$npt" = N ] || [ "$npt" = 0 ] || fail "nested paging is on (npt=$npt)"
else
	ept=$(cat /sys/module/kvm_intel/parameters/ept)
	echo "kvm_intel.ept=$ept"
	[ "$ept" = N ] || [ "$ept" = 0 ] || fail "EPT is on (ept=$ept)"
fi

out=$("$B/kvmevict-workload" -p loop -r 256 -P 64 -n 2000 --json) ||
	fail "the workload guest did not complete"
echo "$out"
for s in pf_taken mmu_cache_miss; do
	v=$(json_get "$out" $s)
	[ "$v" -gt 0 ] || fail "$s is $v, expected > 0 on the shadow MMU"
done
# A loop over 256 regions with a 64-page pool must evict.
[ "$(json_get "$out" mmu_recycled)" -gt 0 ] || fail "no shadow page was recycled"
