# SPDX-License-Identifier: GPL-2.0
# bpf/fifo.bpf.o behaves exactly like KVM's built-in FIFO: the deterministic
# workloads give identical mmu_cache_miss and mmu_recycled, every evicted
# page is the policy's choice, and nothing is refused.
source "$(dirname "$0")/../lib.sh"
printf '%-8s %12s %12s %12s %12s\n' workload builtin_miss fifo_miss builtin_evict fifo_evict
for p in loop uniform hotcold scan; do
	base=$(workload -p "$p") || fail "$p: built-in run failed"
	pol=$(with_policy "$B/fifo.bpf.o" workload -p "$p") || fail "$p: run with fifo.bpf.o failed"
	printf '%-8s %12d %12d %12d %12d\n' "$p" "$(json_get "$base" mmu_cache_miss)" \
		"$(json_get "$pol" mmu_cache_miss)" "$(json_get "$base" mmu_recycled)" \
		"$(json_get "$pol" mmu_recycled)"
	for s in mmu_cache_miss mmu_recycled pf_taken; do
		[ "$(json_get "$base" $s)" = "$(json_get "$pol" $s)" ] ||
			fail "$p: $s differs: built-in $(json_get "$base" $s), fifo.bpf.o $(json_get "$pol" $s)"
	done
	check_sum "$pol"
	[ "$(json_get "$pol" evict_fallback_pages)" -eq 0 ] || fail "$p: fallback pages with fifo"
	[ "$(json_get "$pol" evict_rejected)" -eq 0 ] || fail "$p: refused choices with fifo"
	[ "$(json_get "$pol" evict_calls)" -gt 0 ] || fail "$p: the policy was never asked"
done
echo "ok: fifo.bpf.o is identical to the built-in FIFO"
