# SPDX-License-Identifier: GPL-2.0
# Shared settings for kvm-evict's scripts: where the caches live and small
# helpers.  Sourced, never run.

# Build caches live outside the repository so that fresh clones (CI) on the
# same machine reuse them; KVMEVICT_CACHE moves them.
KVMEVICT_CACHE=${KVMEVICT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kvm-evict}
KSRC=$KVMEVICT_CACHE/linux		# git tree: pristine base + our patches
KBUILD=$KVMEVICT_CACHE/build		# kernel objects (make O=)
KTOOLS=$KVMEVICT_CACHE/tools		# libbpf, bpftool built from KSRC
KSTAMPS=$KVMEVICT_CACHE/stamps
KBASE_TAG=kvm-evict-base
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# usage: print the running script's usage from its header comment (the
# "# Usage:" line and the paragraph of options after it) and exit 2.
usage() {
	awk '/^# Usage:/ { on = 1 }
	     on && (!/^#/ || (/^#$/ && ++blank == 2)) { exit }
	     on { sub(/^# ?/, ""); print }' "$0" >&2
	exit 2
}

# selftest_list [TEST...]: the lines of tests/selftests/list, "TEST ARGS...",
# without comments; only those of the TESTs named, when any are.
selftest_list() {
	sed -e 's/#.*//' "$REPO/tests/selftests/list" | awk -v only="$*" '
		BEGIN { n = split(only, o, " "); for (i = 1; i <= n; i++) want[o[i]] = 1 }
		NF && (n == 0 || $1 in want)'
}

# with_policy [-o NAME=VALUE]... POLICY.bpf.o CMD...: run CMD with POLICY
# attached (pinned, with those tunables), then detach it; returns CMD's
# status, or 1 with a message when the policy cannot be attached or detached.
with_policy() {
	local opts=() obj rc=0
	while [ "${1:-}" = -o ]; do
		opts+=(-o "$2")
		shift 2
	done
	obj=$1
	shift
	"$REPO/build/kvmevict" attach "$obj" --pin ${opts[@]+"${opts[@]}"} >/dev/null ||
		{ echo "error: cannot attach $obj ${opts[*]}" >&2; return 1; }
	"$@" || rc=$?
	"$REPO/build/kvmevict" detach >/dev/null ||
		{ echo "error: cannot detach $obj" >&2; return 1; }
	return $rc
}
