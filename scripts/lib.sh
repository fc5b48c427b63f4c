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
