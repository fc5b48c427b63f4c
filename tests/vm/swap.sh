# SPDX-License-Identifier: GPL-2.0
# kvmevict swap replaces the pinned policy in place.  Objects that are not
# policies, or that the verifier refuses, leave the old one attached.  While
# 2-vCPU guests run back to back, every policy of bpf/ is swapped in twice:
# the kernel names each new one, and every page the guests lost was chosen
# by a policy or by the fallback, none by the built-in FIFO (which takes
# over between a detach and an attach).
source "$(dirname "$0")/../lib.sh"
sysfs=/sys/kernel/kvm_mmu_evict
expect_fail "swap with nothing pinned" "no pinned policy" "$K" swap "$B/clock.bpf.o"
"$K" attach "$B/fifo.bpf.o" --pin >/dev/null || fail "cannot attach fifo.bpf.o"
expect_fail "swap to a file that is no BPF object" "not a usable BPF object" \
	"$K" swap /etc/hostname
expect_fail "swap to a foreign struct_ops" "not a kvm_mmu_evict_ops" \
	"$K" swap "$B/tcp_cc.bpf.o"
expect_fail "swap to a policy the verifier refuses" "verifier says why" \
	"$K" swap "$B/keeps_page.bpf.o"
[ "$(cat $sysfs/policy)" = fifo ] || fail "a failed swap replaced fifo: $(cat $sysfs/policy)"
[ "$(cat $sysfs/state)" = attached ] || fail "state after failed swaps: $(cat $sysfs/state)"
echo "ok: failed swaps left fifo attached"

names=()
for src in "$REPO"/bpf/*.bpf.c; do names+=("$(basename "$src" .bpf.c)"); done
d=$(mktemp -d)
(
	i=0
	while [ ! -e "$d/stop" ]; do
		i=$((i + 1))
		workload -p hotcold -c 2 -n 20000 -s "$i" >"$d/run.$i" || echo "run $i failed" >>"$d/failed"
	done
) &
guest=$!
t0=$(date +%s)
for swaps in $(seq $((2 * ${#names[@]}))); do
	name=${names[swaps % ${#names[@]}]}
	"$K" swap "$B/$name.bpf.o" >/dev/null || fail "swap $swaps to $name failed"
	[ "$(cat $sysfs/policy)" = "$name" ] || fail "after swapping in $name the kernel says $(cat $sysfs/policy)"
done
t1=$(date +%s)
touch "$d/stop"
wait "$guest"
[ ! -e "$d/failed" ] || fail "$(cat "$d/failed")"
"$K" status --json | jq -e '.counters.chosen > 0' >/dev/null || fail "status shows no counters of the last policy"
"$K" detach >/dev/null || fail "cannot detach after swaps"
# One jq for every run (jq starts slowly under TCG): runs, evictions, and
# the runs whose policy and fallback pages do not add up to their evictions.
read -r runs recycled bad < <(cat "$d"/run.* | jq -rs '[length,
	(map(.mmu_recycled) | add),
	(map(select(.evict_policy_pages + .evict_fallback_pages != .mmu_recycled)) | length)]
	| @tsv')
[ "$bad" -eq 0 ] || fail "$bad of $runs runs lost pages that neither the policy nor the fallback chose"
[ "$runs" -ge 2 ] || fail "the guest finished only $runs runs during the swaps"
echo "ok: $swaps swaps in $((t1 - t0)) s while $runs guests ran; each of their $recycled" \
	"evictions was chosen by a policy or by the fallback"
