# SPDX-License-Identifier: GPL-2.0
# Without privileges: attaching, detaching and pinning are refused with a
# clear message and change nothing; reading the state works, and what needs
# root (per-VM counters from KVM's debugfs, the pinned policy's counters)
# says so.
source "$(dirname "$0")/../lib.sh"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }
state() { cat /sys/kernel/kvm_mmu_evict/state; }

"$K" attach "$B/clock.bpf.o" --pin >/dev/null || fail "cannot attach clock as root"
trap '"$K" detach >/dev/null 2>&1' EXIT

expect_fail "unprivileged attach" "needs root" nobody "$K" attach "$B/fifo.bpf.o" --pin
expect_fail "unprivileged detach" "needs root" nobody "$K" detach
[ "$(state)" = attached ] && grep -q clock /sys/kernel/kvm_mmu_evict/policy ||
	fail "an unprivileged command changed the attached policy: $(state)"

rc=0
out=$(nobody "$K" status 2>&1) || rc=$?
echo "$out"
[ $rc -eq 0 ] || fail "unprivileged status exited $rc"
grep -q "policy clock (attached)" <<<"$out" || fail "unprivileged status lacks the policy and state"
grep -Eq "run as root|needs root" <<<"$out" || fail "unprivileged status does not say what needs root"
echo "ok: unprivileged status shows the policy and says what needs root"
