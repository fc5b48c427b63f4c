# SPDX-License-Identifier: GPL-2.0
# Four VMs of two vCPUs each run workloads back to back while policies are
# attached, detached and swapped 100 times (each of clock, aging, sieve and
# s3fifo 5 times, fifo.bpf.o the rest, in a scattered order): every VM
# finishes every run, and in each run the policy's and the fallback's pages
# never exceed the pages evicted.  (Evictions between a detach and the next
# attach are the built-in FIFO's and count in neither.)
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
			"$B/kvmevict-workload" -p hotcold -c 2 -r 256 -P 64 -n 2000 -s "$vm$i" \
				--json >"$d/vm$vm.run$i" || echo "vm $vm run $i failed" >>"$d/failed"
		done
	) &
done
sleep 2
for i in $(seq 100); do
	obj=${objs[(i * 7) % 100]}
	"$K" attach "$obj" --pin >/dev/null || fail "attach $i ($obj) failed"
	"$K" detach >/dev/null || fail "detach $i ($obj) failed"
done
touch "$d/stop"
wait
[ ! -e "$d/failed" ] || fail "$(cat "$d/failed")"
runs=0 chosen=0
for f in "$d"/vm*.run*; do
	j=$(cat "$f")
	p=$(json_get "$j" evict_policy_pages)
	fb=$(json_get "$j" evict_fallback_pages)
	r=$(json_get "$j" mmu_recycled)
	[ $((p + fb)) -le "$r" ] || fail "$f: policy $p + fallback $fb > evicted $r"
	runs=$((runs + 1)) chosen=$((chosen + p))
done
[ "$chosen" -gt 0 ] || fail "no policy ever evicted"
echo "ok: 100 attach/detach cycles while 4 VMs x 2 vCPUs ran $runs workloads; $chosen pages chosen by policies"
