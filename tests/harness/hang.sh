# SPDX-License-Identifier: GPL-2.0
# A command that never ends must fail the VM run with a timeout (exit 124).
source "$(dirname "$0")/../lib.sh"
rc=0
out=$("$REPO/scripts/vm-run" -t 25 -- sleep 100000 2>&1) || rc=$?
[ "$rc" -eq 124 ] || fail "expected exit 124, got $rc: $out"
grep -q "timed out" <<<"$out" || fail "no timeout message: $out"
echo "ok: hung command reported as a timeout"
