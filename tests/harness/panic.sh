# SPDX-License-Identifier: GPL-2.0
# A guest-kernel panic must fail the VM run, whatever the command returns.
source "$(dirname "$0")/../lib.sh"
expect_fail "panic" "kernel reported a problem|VM stopped before" \
	"$REPO/scripts/vm-run" -t 300 -- sh -c 'echo c > /proc/sysrq-trigger; exit 0'
