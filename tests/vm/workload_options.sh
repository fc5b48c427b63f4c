# SPDX-License-Identifier: GPL-2.0
# The workload generator on the shadow MMU: every pattern runs, several
# vCPUs with shared or private regions, several pages per visit, trace
# replay gives the same counters; KVM's refusals and a missing /dev/kvm
# get clear errors.
source "$(dirname "$0")/../lib.sh"
w=$B/kvmevict-workload
d=$(mktemp -d)

for p in loop uniform hotcold zipf scan phase; do
	out=$("$w" -p "$p" -n 3000 --json) || fail "pattern $p failed"
	[ "$(json_get "$out" mmu_cache_miss)" -gt 0 ] || fail "$p: no shadow-page misses"
	echo "ok: $p: $(json_get "$out" mmu_cache_miss) misses, $(json_get "$out" accesses_per_s) accesses/s"
done

out=$("$w" -p hotcold -c 2 -n 3000 --json) || fail "2 vCPUs, shared regions"
[ "$(json_get "$out" accesses)" -eq 6000 ] || fail "2 vCPUs should make 6000 accesses"
"$w" -p uniform -c 4 --private -n 2000 --json >/dev/null || fail "4 vCPUs, private regions"
echo "ok: several vCPUs"

one=$("$w" -p loop -n 2000 --json)
four=$("$w" -p loop -n 2000 --pages 16 --json)
[ "$(json_get "$four" pf_taken)" -gt "$(json_get "$one" pf_taken)" ] ||
	fail "16 pages per visit should refill more SPTEs than 1"
echo "ok: pages per visit: pf_taken $(json_get "$one" pf_taken) -> $(json_get "$four" pf_taken)"

a=$("$w" -p hotcold -n 3000 -o "$d/h.trace" --json)
b=$("$w" -t "$d/h.trace" --json)
[ "$(json_get "$a" mmu_cache_miss)" = "$(json_get "$b" mmu_cache_miss)" ] ||
	fail "replaying the trace gave different misses"
echo "ok: replay of --trace-out gives the same misses"

expect_fail "pool below KVM's minimum" "KVM refused a pool of 10" "$w" -P 10
expect_fail "no /dev/kvm" "cannot open /dev/kvm.*No such file" \
	unshare -m sh -c "mount -t tmpfs none /dev && exec '$w' -n 10"
