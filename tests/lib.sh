# SPDX-License-Identifier: GPL-2.0
# Helpers for test scripts (sourced).  A test script exits 0 to pass; these
# helpers make a failure say what was expected.
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=$REPO/build
KVMEVICT_CACHE=${KVMEVICT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kvm-evict}

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
