# SPDX-License-Identifier: GPL-2.0
# The scripts' usage text comes from their header comments (scripts/lib.sh
# usage): a bad option prints the "Usage:" line and every option, nothing
# of the description around them, and exits 2.
source "$(dirname "$0")/../lib.sh"
# check SCRIPT FIRST_OPTION LAST_OPTION NOT_USAGE: run SCRIPT with a bad option.
check() {
	local out rc=0
	out=$("$REPO/scripts/$1" -Z 2>&1) || rc=$?
	[ "$rc" -eq 2 ] || fail "$1 -Z exited $rc, expected 2"
	grep -q "^Usage: scripts/$1 " <<<"$out" || fail "$1: no Usage line: $out"
	grep -q -- "^  $2 " <<<"$out" || fail "$1: option $2 missing: $out"
	grep -q -- "^  $3 " <<<"$out" || fail "$1: option $3 missing: $out"
	! grep -q -- "$4" <<<"$out" || fail "$1: the usage runs into the description: $out"
	! grep -q '^#' <<<"$out" || fail "$1: comment marks left in: $out"
	echo "ok: $1 -Z: usage with options $2 to $3, exit 2"
}
check vm-run -t -k "guest's root"
check selftests -k -o "set -euo"

# Bad arguments of scripts/selftests are named before it looks for kernels.
expect_fail "selftests -j 0" "-j 0: the number of VMs must be a positive integer" \
	"$REPO/scripts/selftests" -j 0
expect_fail "selftests with an unknown policy" "nosuch: not builtin and no policy bpf/nosuch.bpf.c" \
	"$REPO/scripts/selftests" builtin nosuch
expect_fail "selftests -t with a test not on the list" \
	"-t nosuch_test: not a test of tests/selftests/list" \
	"$REPO/scripts/selftests" -t demand_paging_test -t nosuch_test builtin
