# SPDX-License-Identifier: GPL-2.0
# The bpftrace scripts in scripts/*.bt run during a workload with the clock
# policy attached and print non-empty histograms for that VM: the age at
# eviction per chooser, the level, and the refault distance.
source "$(dirname "$0")/../lib.sh"
command -v bpftrace >/dev/null || fail "bpftrace is not installed (scripts/install-deps)"
scripts=(evict-age evict-level refault-distance)

# bucket_total FILE MAP KEY: the sum of the bucket counts of @MAP[KEY] in FILE.
bucket_total() {
	awk -v head="@$2[$3" '
		index($0, head) == 1 { on = 1; next }
		on && /^\[/ { split($0, f, /\) *|\] */); n = f[2]; sub(/ .*/, "", n); s += n; next }
		on && !/^\[/ { on = 0 }
		END { print s + 0 }' "$1"
}

"$K" attach "$B/clock.bpf.o" --pin >/dev/null || fail "cannot attach clock"
pids=()
for s in "${scripts[@]}"; do
	timeout -s INT 400 bpftrace "$REPO/scripts/$s.bt" >"$TMPDIR/$s.out" 2>&1 &
	pids+=($!)
done
# bpftrace takes tens of seconds to start under TCG; BEGIN prints "Tracing".
for _ in $(seq 300); do
	n=0
	for s in "${scripts[@]}"; do
		grep -q '^Tracing' "$TMPDIR/$s.out" && n=$((n + 1))
	done
	[ "$n" -eq ${#scripts[@]} ] && break
	sleep 1
done
[ "$n" -eq ${#scripts[@]} ] || fail "bpftrace did not start: $(cat "$TMPDIR"/*.out)"

"$B/kvmevict-workload" -r 256 -P 64 -n 20000 -p hotcold --json >"$TMPDIR/w.json" &
wpid=$!
wait $wpid || fail "workload failed"
# Ctrl-C: timeout passes SIGINT on, bpftrace prints its maps and exits.
t0=$(date +%s)
kill -INT "${pids[@]}"
wait "${pids[@]}"
echo "bpftrace took $(($(date +%s) - t0)) s to print and exit"
"$K" detach >/dev/null || fail "cannot detach clock"
evicted=$(json_get "$(cat "$TMPDIR/w.json")" mmu_recycled)

for s in "${scripts[@]}"; do
	echo "--- $s.bt"
	cat "$TMPDIR/$s.out"
done
age=$(bucket_total "$TMPDIR/evict-age.out" age_us "$wpid, 1]")
level=$(bucket_total "$TMPDIR/evict-level.out" level "$wpid]")
refault=$(bucket_total "$TMPDIR/refault-distance.out" refault_us "$wpid]")
echo "VM $wpid: $evicted evicted; histograms: age $age (by the policy), level $level, refaults $refault"
[ "$age" -gt 0 ] || fail "evict-age.bt: no histogram for VM $wpid chosen by the policy"
[ "$level" -eq "$evicted" ] || fail "evict-level.bt counted $level evictions, KVM $evicted"
[ "$refault" -gt 0 ] && [ "$refault" -le "$evicted" ] ||
	fail "refault-distance.bt: $refault refaults for $evicted evictions"
