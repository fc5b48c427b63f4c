# SPDX-License-Identifier: GPL-2.0
# Attach and detach fifo.bpf.o 50 times while a 2-vCPU workload runs: the
# guest finishes, and the policy's and the fallback's pages never exceed
# the pages evicted.  (The VM run fails on any WARN, Oops or lockdep report.)
source "$(dirname "$0")/../lib.sh"
out=$TMPDIR/storm.json
"$B/kvmevict-workload" -p hotcold -c 2 -r 256 -P 64 -n 60000 --json >"$out" &
pid=$!
for i in $(seq 50); do
	"$K" attach "$B/fifo.bpf.o" --pin >/dev/null || fail "attach $i failed"
	"$K" detach >/dev/null || fail "detach $i failed"
done
running=no
kill -0 $pid 2>/dev/null && running=yes
wait $pid || fail "the guest did not finish"
cat "$out"
j=$(cat "$out")
p=$(json_get "$j" evict_policy_pages)
f=$(json_get "$j" evict_fallback_pages)
r=$(json_get "$j" mmu_recycled)
[ "$p" -gt 0 ] || fail "the policy never evicted during the storm"
[ $((p + f)) -le "$r" ] || fail "policy $p + fallback $f > evicted $r"
echo "ok: 50 attach/detach cycles; workload still running at the end: $running"
