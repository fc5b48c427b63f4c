# SPDX-License-Identifier: GPL-2.0
# The VM runner returns the command's own exit status and streams its output.
source "$(dirname "$0")/../lib.sh"
rc=0
out=$("$REPO/scripts/vm-run" -t 300 -- sh -c 'echo hello-from-the-vm; exit 7' 2>&1) || rc=$?
[ "$rc" -eq 7 ] || fail "expected exit 7, got $rc"
grep -q hello-from-the-vm <<<"$out" || fail "the command's output was not streamed"
echo "ok: exit status 7 and output passed through"
