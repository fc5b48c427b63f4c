# SPDX-License-Identifier: GPL-2.0
# Hostile policies (tests/bpf/): each guest finishes, KVM stays consistent,
# and the counters, the verifier or the ejection reason say what happened.
source "$(dirname "$0")/../lib.sh"
state() { cat /sys/kernel/kvm_mmu_evict/state; }

# list_churn: moves every page between the lists in every callback and
# chooses nothing; the FIFO fallback takes every eviction.
out=$(with_policy "$B/list_churn.bpf.o" workload -p hotcold) || fail "list_churn: guest failed"
check_sum "$out"
[ "$(json_get "$out" evict_policy_pages)" -eq 0 ] || fail "list_churn: it chose pages"
[ "$(json_get "$out" evict_fallback_pages)" -gt 0 ] || fail "list_churn: no fallback"
echo "ok: list_churn: guest finished, fallback took all $(json_get "$out" evict_fallback_pages) evictions"

# keeps_page and other_vm_page: the verifier refuses them, kvmevict says why
# and nothing changes.
expect_fail "keeps_page refused" "invalid mem access 'scalar'" \
	"$K" run "$B/keeps_page.bpf.o" -n 1
expect_fail "other_vm_page refused" "R2 must be referenced or trusted" \
	"$K" run "$B/other_vm_page.bpf.o" -n 1
[ "$(state)" = builtin ] || fail "a refused policy changed the state: $(state)"

# slow_policy: as slow as the verifier allows; KVM ejects it for
# overstaying its budget after one callback, and the guest finishes.
log=$TMPDIR/slow.log
"$K" run "$B/slow_policy.bpf.o" --interval 0.5 >"$log" 2>&1 &
pid=$!
for _ in $(seq 120); do
	[ "$(state)" != builtin ] && break
	sleep 0.5
done
t0=$(date +%s)
out=$(workload -p hotcold -n 2000) || fail "slow_policy: guest failed"
t1=$(date +%s)
rc=0
wait $pid || rc=$?
cat "$log"
[ $rc -eq 3 ] || fail "slow_policy: kvmevict exited $rc, expected 3 (ejected)"
grep -q "ran over kvm.mmu_evict_budget_us" "$log" || fail "slow_policy: no budget reason"
echo "ok: slow_policy ejected for its budget; the guest finished in $((t1 - t0)) s"
