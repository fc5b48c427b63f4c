# SPDX-License-Identifier: GPL-2.0
# Policies that misbehave cannot hurt the guest: one that chooses nothing
# gets FIFO's result through the fallback; bad choices are refused and
# counted; an erroring policy is ejected and kvmevict says why; a policy
# that writes where it must not is refused by the verifier.
source "$(dirname "$0")/../lib.sh"

base=$(workload -p hotcold) || fail "built-in run failed"

out=$(with_policy "$B/choose_nothing.bpf.o" workload -p hotcold) || fail "choose_nothing: guest failed"
check_sum "$out"
[ "$(json_get "$out" evict_policy_pages)" -eq 0 ] || fail "choose_nothing: policy pages"
[ "$(json_get "$out" mmu_cache_miss)" = "$(json_get "$base" mmu_cache_miss)" ] ||
	fail "choose_nothing: the FIFO fallback should give FIFO's misses"
echo "ok: choose_nothing: all $(json_get "$out" evict_fallback_pages) pages by fallback"

out=$(with_policy "$B/bad_choices.bpf.o" workload -p hotcold) || fail "bad_choices: guest failed"
check_sum "$out"
[ "$(json_get "$out" evict_rejected)" -gt 0 ] || fail "bad_choices: nothing refused"
echo "ok: bad_choices: $(json_get "$out" evict_rejected) choices refused, guest finished"

log=$TMPDIR/error_policy.log
"$K" run "$B/error_policy.bpf.o" --interval 0.2 >"$log" 2>&1 &
pid=$!
sleep 1
out=$(workload -p hotcold) || fail "error_policy: guest failed"
rc=0
wait $pid || rc=$?
cat "$log"
[ $rc -eq 3 ] || fail "error_policy: kvmevict exited $rc, expected 3"
grep -q "ejected the policy: tests/bpf/error_policy: deliberate error" "$log" ||
	fail "error_policy: kvmevict did not print the reason"
[ "$(cat /sys/kernel/kvm_mmu_evict/state)" = builtin ] ||
	fail "error_policy: still attached after kvmevict exited"
# After the ejection the built-in FIFO evicts, outside the policy's counters.
[ "$(json_get "$out" evict_policy_pages)" -eq 0 ] || fail "error_policy: it chose pages"
echo "ok: error_policy ejected with its reason; guest finished"

rc=0
msg=$("$K" run "$B/writes_gfn.bpf.o" -n 1 2>&1) || rc=$?
[ $rc -eq 1 ] || fail "writes_gfn: exit $rc, expected 1"
grep -q "may only write kvm_mmu_page.evict.data" <<<"$msg" ||
	fail "writes_gfn: the verifier's reason is missing: $msg"
echo "ok: the verifier refused writes_gfn and kvmevict showed why"

rc=0
msg=$(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	"$K" run "$B/fifo.bpf.o" -n 1 2>&1) || rc=$?
[ $rc -eq 1 ] && grep -q "needs root" <<<"$msg" ||
	fail "unprivileged attach: exit $rc: $msg"
[ "$(cat /sys/kernel/kvm_mmu_evict/state)" = builtin ] || fail "unprivileged attach changed state"
echo "ok: unprivileged attach refused: $(head -1 <<<"$msg")"

expect_fail "wrong object" "no kvm_mmu_evict_ops map" "$K" run "$B/kprobe_count.bpf.o"
expect_fail "not an ELF file" "not a usable BPF object" "$K" run /etc/hostname
expect_fail "missing file" "No such file" "$K" run /nonexistent.bpf.o

# Tunables: a bad name lists the real ones; aging_window=1 degenerates to FIFO.
expect_fail "unknown tunable" "no tunable 'nosuch' \\(it has: aging_window, aging_interval\\)" \
	"$K" run "$B/aging.bpf.o" -o nosuch=1
expect_fail "non-numeric tunable" "must be a number" "$K" run "$B/aging.bpf.o" -o aging_window=x
out=$(with_policy -o aging_window=1 "$B/aging.bpf.o" workload -p hotcold) ||
	fail "aging_window=1: guest failed"
[ "$(json_get "$out" mmu_cache_miss)" = "$(json_get "$base" mmu_cache_miss)" ] ||
	fail "aging with a window of 1 page should evict like FIFO"
echo "ok: tunables reach the policy (aging_window=1 gives FIFO's misses)"
