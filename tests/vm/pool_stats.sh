# SPDX-License-Identifier: GPL-2.0
# The pool statistics and the host-wide cap of the second patch: a run
# reports its pool (mmu_pages_max is what the VMM asked for, mmu_pages_used
# never above it), kvm.mmu_pool_cap caps the pool of a VM whose VMM asks
# for more (KVM's default for this small guest is already its minimum, 64),
# and kvmevict shows the pool per VM.
source "$(dirname "$0")/../lib.sh"
cap=/sys/module/kvm/parameters/mmu_pool_cap
[ -w "$cap" ] || fail "no writable $cap: kernel without the pool-cap patch"
trap 'echo 0 >"$cap"' EXIT

out=$(workload -p hotcold -P 96) || fail "workload failed"
[ "$(json_get "$out" mmu_pages_max)" -eq 96 ] || fail "pool max $(json_get "$out" mmu_pages_max), asked 96"
used=$(json_get "$out" mmu_pages_used)
[ "$used" -gt 0 ] && [ "$used" -le 96 ] || fail "pool used $used outside 1..96"
echo "ok: -P 96 gives a pool of 96, $used pages in use at the end"

echo 80 >"$cap"
out=$(workload -p hotcold -P 200) || fail "workload -P 200 failed under the cap"
m=$(json_get "$out" mmu_pages_max)
[ "$m" -eq 80 ] || fail "-P 200 under mmu_pool_cap=80: pool max $m"
[ "$(json_get "$out" mmu_recycled)" -gt 0 ] || fail "-P 200 under the cap: nothing evicted"
echo "ok: -P 200 under mmu_pool_cap=80: pool of $m pages, $(json_get "$out" mmu_recycled) evicted"
echo 10 >"$cap"
out=$(workload -p hotcold -P 0) || fail "workload failed under mmu_pool_cap=10"
[ "$(json_get "$out" mmu_pages_max)" -eq 64 ] || fail "a cap below 64 must count as 64"
echo 0 >"$cap"
echo "ok: a cap of 10 gives KVM's minimum pool, 64"

# kvmevict status shows the pool of a running VM.
"$B/kvmevict-workload" -p hotcold -r 256 -P 72 -n 200000 >/dev/null &
w=$!
sleep 3
st=$("$K" status 2>&1)
kill $w 2>/dev/null
wait $w 2>/dev/null
echo "$st"
grep -Eq "^  [0-9]+-[0-9]+ +[0-9]+/72 " <<<"$st" || fail "kvmevict status shows no pool N/72"
