# SPDX-License-Identifier: GPL-2.0
# Stopping scripts/vm-run or scripts/selftests stops the VMs they started:
# a TERM to the script alone, to its whole process group (what CI's timeout
# or a Ctrl-C sends), or to every process named like it (pkill -f, which
# reaches the scripts' own subshells too) must leave no QEMU behind.  QEMU
# is a stand-in here that records its PID and sleeps, so no kernel boots.
source "$(dirname "$0")/../lib.sh"
d=$(mktemp -d /tmp/kvm-evict-vm-stop.XXXXXX)
mkdir -p "$d/bin" "$d/cache/selftests-kvm"
: >"$d/cache/bzImage" && : >"$d/cache/bzImage-stock"
cat >"$d/bin/qemu-system-x86_64" <<EOF
#!/bin/sh
echo \$\$ >>"$d/qemu.pids"
exec sleep 600
EOF
chmod +x "$d/bin/qemu-system-x86_64"
export PATH=$d/bin:$PATH KVMEVICT_CACHE=$d/cache KVMEVICT_FORCE_TCG=1

# alive PID: PID runs and is not a zombie.
alive() { [ -e "/proc/$1" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null; }
cleanup() {
	local p
	for p in $(cat "$d/qemu.pids" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
	rm -rf "$d"
}
trap cleanup EXIT

# case NAME N TO CMD...: start CMD in a process group of its own, wait for
# N stand-in QEMUs, send TERM to CMD (TO=pid), its group (TO=group) or every
# process whose command line holds CMD's (TO=name); CMD must exit 143 (TERM)
# within 30 s and every QEMU must be gone.
case_() {
	local name=$1 n=$2 to=$3 pid rc=0 i p
	shift 3
	: >"$d/qemu.pids"
	setsid "$@" >"$d/out" 2>&1 &
	pid=$!
	for ((i = 0; i < 300; i++)); do
		[ "$(wc -l <"$d/qemu.pids")" -ge "$n" ] && break
		sleep 0.1
	done
	[ "$(wc -l <"$d/qemu.pids")" -eq "$n" ] ||
		fail "$name: $(wc -l <"$d/qemu.pids") QEMUs started, expected $n: $(cat "$d/out")"
	case $to in
	pid) kill -TERM "$pid" ;;
	group) kill -TERM -- "-$pid" ;;
	name) pkill -TERM -f -- "$*" ;;
	esac
	for ((i = 0; i < 300; i++)); do
		alive "$pid" || break
		sleep 0.1
	done
	alive "$pid" && fail "$name: still running 30 s after TERM"
	wait "$pid" || rc=$?
	[ "$rc" -eq 143 ] || fail "$name: exited $rc after TERM, expected 143: $(cat "$d/out")"
	sleep 1
	for p in $(cat "$d/qemu.pids"); do
		alive "$p" && fail "$name: QEMU $p left running after TERM: $(cat "$d/out")"
	done
	echo "ok: $name: exit $rc, no QEMU left"
}

case_ "TERM to the process group of vm-run" 1 group \
	"$REPO/scripts/vm-run" -t 300 -o "$d/vm" -- true
case_ "TERM to vm-run alone" 1 pid \
	"$REPO/scripts/vm-run" -t 300 -o "$d/vm" -- true
case_ "TERM to vm-run and its subshell (pkill -f)" 1 name \
	"$REPO/scripts/vm-run" -t 300 -o "$d/vm" -- true
case_ "TERM to the process group of selftests -j 2" 2 group \
	"$REPO/scripts/selftests" -j 2 -o "$d/st" builtin fifo
case_ "TERM to selftests -j 2 alone" 2 pid \
	"$REPO/scripts/selftests" -j 2 -o "$d/st" builtin fifo
case_ "TERM to selftests -j 2 and its subshells (pkill -f)" 2 name \
	"$REPO/scripts/selftests" -j 2 -o "$d/st" builtin fifo
