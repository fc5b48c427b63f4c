# SPDX-License-Identifier: GPL-2.0
# Four VMs of two vCPUs each run workloads back to back while the policy is
# changed 100 times: 80 in-place swaps (kvmevict swap) and 20 detach-attach
# pairs, in a scattered order: each of clock, aging, sieve and s3fifo 5 times
# and fifo.bpf.o the rest (each load runs the verifier, slow under TCG).
# Every VM finishes every run, and in each run the policy's and the
# fallback's pages never exceed the pages evicted (evictions between a
# detach and the next attach are the built-in FIFO's and count in neither).
# The guests run at nice 10 so that the changes are not starved by eight
# vCPU threads on the VM's two (single-threaded TCG) CPUs.
source "$(dirname "$0")/../lib.sh"
d=$(mktemp -d)
objs=()
for p in clock aging sieve s3fifo; do
	for _ in 1 2 3 4 5; do objs+=("$B/$p.bpf.o"); done
done
while [ ${#objs[@]} -lt 100 ]; do objs+=("$B/fifo.bpf.o"); done

for vm in 1 2 3 4; do
	(
		i=0
		while [ ! -e "$d/stop" ]; do
			i=$((i + 1))
			nice -n 10 "$B/kvmevict-workload" -p hotcold -c 2 -r 256 -P 64 -n 2000 \
				-s "$vm$i" --json >"$d/vm$vm.run$i" ||
				echo "vm $vm run $i failed" >>"$d/failed"
		done
	) &
done
sleep 2
"$K" attach "$B/fifo.bpf.o" --pin >/dev/null || fail "first attach failed"
t0=$(date +%s)
for i in $(seq 100); do
	obj=${objs[(i * 7) % 100]}
	if [ $((i % 5)) -eq 0 ]; then
		"$K" detach >/dev/null || fail "detach $i failed"
		"$K" attach "$obj" --pin >/dev/null || fail "attach $i ($obj) failed"
	else
		"$K" swap "$obj" >/dev/null || fail "swap $i ($obj) failed"
	fi
done
t1=$(date +%s)
"$K" detach >/dev/null || fail "last detach failed"
touch "$d/stop"
wait
[ ! -e "$d/failed" ] || fail "$(cat "$d/failed")"
for vm in 1 2 3 4; do
	n=$(ls "$d"/vm$vm.run* | wc -l)
	[ "$n" -ge 2 ] || fail "vm $vm finished only $n runs during the changes"
done
tally_runs "$d"/vm*.run*
[ "$CHOSEN" -gt 0 ] || fail "no policy ever evicted"
echo "ok: 100 policy changes (80 swaps, 20 detach+attach) in $((t1 - t0)) s while" \
	"4 VMs x 2 vCPUs ran $RUNS workloads; $CHOSEN pages chosen by policies"
