# SPDX-License-Identifier: GPL-2.0
# Attach and detach policies 50 times while 2-vCPU workloads run back to
# back, every policy of bpf/ but fifo 3 times and fifo.bpf.o the rest (each
# load runs the verifier, slow under TCG): every guest finishes, and in
# each the policy's and the fallback's pages never exceed the pages evicted.
# (The VM run itself fails on any WARN, Oops or lockdep report.)
source "$(dirname "$0")/../lib.sh"
d=$(mktemp -d)
objs=()
for src in "$REPO"/bpf/*.bpf.c; do
	[ "$(basename "$src")" = fifo.bpf.c ] || objs+=("$B/$(basename "$src" .c).o")
done
objs=("${objs[@]}" "${objs[@]}" "${objs[@]}")
while [ ${#objs[@]} -lt 50 ]; do
	objs+=("$B/fifo.bpf.o")
done
(
	i=0
	while [ ! -e "$d/stop" ]; do
		i=$((i + 1))
		"$B/kvmevict-workload" -p hotcold -c 2 -r 256 -P 64 -n 5000 --json \
			>"$d/run.$i" || echo "run $i failed" >>"$d/failed"
	done
) &
loop=$!
for i in $(seq 50); do
	obj=${objs[i - 1]}
	"$K" attach "$obj" --pin >/dev/null || fail "attach $i ($obj) failed"
	"$K" detach >/dev/null || fail "detach $i ($obj) failed"
done
touch "$d/stop"
wait $loop
[ ! -e "$d/failed" ] || fail "$(cat "$d/failed")"
tally_runs "$d"/run.*
[ "$CHOSEN" -gt 0 ] || fail "the policy never evicted during the storm"
echo "ok: 50 attach/detach cycles over $RUNS guests; $CHOSEN pages chosen by the policy"
