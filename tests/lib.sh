# SPDX-License-Identifier: GPL-2.0
# Helpers for test scripts (sourced).  A test script exits 0 to pass; these
# helpers make a failure say what was expected.
# scripts/lib.sh: REPO, KVMEVICT_CACHE and with_policy.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
B=$REPO/build

fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_fail DESCRIPTION PATTERN CMD...: CMD must exit non-zero and print PATTERN.
expect_fail() {
	local what=$1 pat=$2 out rc=0
	shift 2
	out=$("$@" 2>&1) || rc=$?
	[ "$rc" -ne 0 ] || fail "$what: '$*' exited 0"
	grep -Eq -- "$pat" <<<"$out" || fail "$what: output lacks /$pat/: $out"
	echo "ok: $what (exit $rc)"
}
# json_get JSON KEY: the numeric value of KEY in a flat JSON object.
json_get() { jq -r ".$2" <<<"$1"; }

# kvmevict helpers for VM tests.
K=$B/kvmevict
# workload ARGS...: run kvmevict-workload with the standard size, JSON out.
workload() { "$B/kvmevict-workload" -r 256 -P 64 -n 20000 "$@" --json; }
# check_sum JSON: policy pages plus fallback pages equal the pages evicted.
check_sum() {
	local p f r
	p=$(json_get "$1" evict_policy_pages)
	f=$(json_get "$1" evict_fallback_pages)
	r=$(json_get "$1" mmu_recycled)
	[ $((p + f)) -eq "$r" ] ||
		fail "policy $p + fallback $f != evicted $r"
}
# tally_runs FILE...: FILEs are workload --json results of runs during which
# policies changed.  Sets RUNS and CHOSEN (the pages policies chose in all of
# them); fails if a run counts more policy and fallback pages than
# evictions.  One jq for every file: jq starts slowly under TCG.
tally_runs() {
	local sums bad
	[ $# -gt 0 ] || fail "tally_runs: no result files"
	sums=$(cat "$@" | jq -rs '[length,
		(map(.evict_policy_pages) | add // 0),
		(map(select(.evict_policy_pages + .evict_fallback_pages >
			    .mmu_recycled)) | length)] | @tsv') ||
		fail "workload results unreadable: $*"
	read -r RUNS CHOSEN bad <<<"$sums"
	[ "$RUNS" -gt 0 ] || fail "no workload results in $*"
	[ "$bad" = 0 ] ||
		fail "$bad of $RUNS runs count more policy and fallback pages than evictions"
}
