# SPDX-License-Identifier: GPL-2.0
# Every policy in bpf/ passes the verifier on our kernel, accounts for every
# evicted page, makes no choice KVM refuses, and meets issue 5's targets on
# the same traces the simulator replays:
#   hotcold: clock and aging at most 0.6x the built-in FIFO's misses, the
#            best policy at most 1.2x Belady's OPT;
#   scan:    the best policy at most 0.7x the built-in FIFO;
#   both:    every policy within 10% of the simulator's prediction for it.
source "$(dirname "$0")/../lib.sh"

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

for w in hotcold scan; do
	trace=$TMPDIR/$w.trace
	# shellcheck disable=SC2046
	base=$(workload $(sed -n "s/^$w //p" "$REPO/scripts/workloads") -o "$trace") ||
		fail "$w: built-in run failed"
	b=$(json_get "$base" mmu_cache_miss)
	sim=$("$B/kvmevict-sim" -t "$trace" -C 64 --json) || fail "$w: simulator failed"
	opt=$(jq -r 'select(.policy=="opt").misses' <<<"$sim")
	echo "$w: built-in FIFO $b misses, OPT $opt"
	best=
	for src in "$REPO"/bpf/*.bpf.c; do
		name=$(basename "$src" .bpf.c)
		[ "$name" = fifo ] && continue
		out=$(with_policy "$B/$name.bpf.o" "$B/kvmevict-workload" -t "$trace" -P 64 --json) ||
			fail "$w/$name: guest failed"
		check_sum "$out"
		c=$(json_get "$out" mmu_cache_miss)
		s=$(jq -r "select(.policy==\"$name\").misses" <<<"$sim")
		echo "  $name: $c ($(ratio "$c" "$b")x FIFO, $(ratio "$c" "$opt")x OPT; simulated $s)"
		[ "$(json_get "$out" evict_policy_pages)" -gt 0 ] || fail "$w/$name chose nothing"
		[ "$(json_get "$out" evict_rejected)" -eq 0 ] || fail "$w/$name made refused choices"
		[ $((c * 10)) -le $((s * 11)) ] && [ $((c * 10)) -ge $((s * 9)) ] ||
			fail "$w/$name: measured $c is more than 10% off the simulated $s"
		if [ "$w" = hotcold ]; then
			case $name in clock | aging)
				[ $((c * 10)) -le $((b * 6)) ] ||
					fail "$name ($c) is above 0.6x FIFO ($b)" ;;
			esac
		fi
		[ -z "$best" ] || [ "$c" -lt "$best" ] && best=$c bestname=$name
	done
	echo "  best: $bestname, $(ratio "$best" "$b")x FIFO, $(ratio "$best" "$opt")x OPT"
	case $w in
	hotcold) [ $((best * 10)) -le $((opt * 12)) ] ||
		fail "hotcold: the best policy ($bestname, $best) is above 1.2x OPT ($opt)" ;;
	scan) [ $((best * 10)) -le $((b * 7)) ] ||
		fail "scan: the best policy ($bestname, $best) is above 0.7x FIFO ($b)" ;;
	esac
done
