# SPDX-License-Identifier: GPL-2.0
# kvmevict-workload refuses bad input with a clear message, before touching KVM.
source "$(dirname "$0")/../lib.sh"
w=$B/kvmevict-workload
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

expect_fail "zero regions" "at least 1" "$w" -r 0
expect_fail "unknown pattern" "unknown pattern" "$w" -p nosuch
expect_fail "bad number" "needs a number" "$w" -n 12x
expect_fail "unreadable trace" "cannot read trace" "$w" -t "$t/missing"
printf 'not a trace\n' >"$t/bad"
expect_fail "malformed trace" "not a kvm-evict trace" "$w" -t "$t/bad"
printf 'kvm-evict-trace 1\nregions 4\nvcpu 0\n9\n' >"$t/range"
expect_fail "region out of range" "4:.*not below" "$w" -t "$t/range"
"$w" --help | grep -q "Examples:" || fail "--help lacks examples"
echo "ok: --help"
