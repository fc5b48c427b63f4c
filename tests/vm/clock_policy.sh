# SPDX-License-Identifier: GPL-2.0
# bpf/clock.bpf.o passes the verifier, exercises the list, iterator and
# Accessed-bit kfuncs, and beats the built-in FIFO on hot/cold, with every
# evicted page accounted for.
source "$(dirname "$0")/../lib.sh"
base=$(workload -p hotcold) || fail "built-in run failed"
out=$(with_policy "$B/clock.bpf.o" workload -p hotcold) || fail "clock: guest failed"
check_sum "$out"
b=$(json_get "$base" mmu_cache_miss)
c=$(json_get "$out" mmu_cache_miss)
echo "hotcold mmu_cache_miss: built-in FIFO $b, clock $c"
[ "$c" -lt "$b" ] || fail "clock ($c) is no better than FIFO ($b) on hot/cold"
[ "$(json_get "$out" evict_policy_pages)" -gt 0 ] || fail "clock chose nothing"
[ "$(json_get "$out" evict_rejected)" -eq 0 ] || fail "clock made refused choices"
