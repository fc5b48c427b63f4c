# SPDX-License-Identifier: GPL-2.0
# A kernel WARNING (provoked through lkdtm) must fail the VM run even though
# the command itself succeeds.
source "$(dirname "$0")/../lib.sh"
expect_fail "WARNING" "kernel reported a problem" \
	"$REPO/scripts/vm-run" -t 300 -- \
	sh -c 'echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT; exit 0'
