# SPDX-License-Identifier: GPL-2.0
# kvmevict against a few hundred bad objects: mutated copies of our policies
# (bytes flipped, runs zeroed, truncated; debug info stripped first so the
# damage lands in code, BTF and relocations), a foreign struct_ops object,
# empty and tiny files.  Every run must end in a clean exit (0 when the
# damage was harmless, else 1 or 2 with an "error:" line), never a crash or
# a hang, and leave the built-in FIFO in charge.
source "$(dirname "$0")/../lib.sh"
dir=$TMPDIR/corpus
mkdir -p "$dir"
for p in fifo clock sieve s3fifo; do
	llvm-strip-19 -g -o "$dir/$p.base" "$B/$p.bpf.o" || fail "cannot strip $p"
done
python3 - "$dir" <<'PY' || fail "cannot write the corpus"
import os, random, sys
d = sys.argv[1]
rng = random.Random(20261203)
bases = sorted(f for f in os.listdir(d) if f.endswith(".base"))
n = 0
def put(data):
    global n
    with open(os.path.join(d, "m%03d.bpf.o" % n), "wb") as f:
        f.write(data)
    n += 1
for i in range(300):
    b = bytearray(open(os.path.join(d, bases[i % len(bases)]), "rb").read())
    kind = i % 4
    if kind == 0:                       # a few random bytes
        for _ in range(rng.choice([1, 4, 32])):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif kind == 1:                     # a zeroed run
        at, ln = rng.randrange(len(b)), rng.choice([8, 64, 512])
        b[at:at + ln] = bytes(len(b[at:at + ln]))
    elif kind == 2:                     # truncated
        b = b[:rng.randrange(len(b))]
    else:                               # bits flipped in the ELF header region
        for _ in range(4):
            at = rng.randrange(min(len(b), 256))
            b[at] ^= 1 << rng.randrange(8)
    put(bytes(b))
put(b"")
put(b"\x7fELF")
put(os.urandom(4096))
PY
cp "$B/tcp_cc.bpf.o" "$dir/tcp_cc.bpf.o"

crashes=0 loaded=0 refused=0 hung=0
for f in "$dir"/*.bpf.o; do
	rc=0
	out=$(timeout -s KILL 120 "$K" run "$f" -n 1 -i 0.1 2>&1) || rc=$?
	case $rc in
	0) loaded=$((loaded + 1)) ;;
	1 | 2) refused=$((refused + 1))
		grep -q "^error: " <<<"$out" || { echo "$f: exit $rc without an error line: $out"; crashes=$((crashes + 1)); } ;;
	137) hung=$((hung + 1)); echo "$f: killed after 120 s" ;;
	*) crashes=$((crashes + 1)); echo "$f: exit $rc: $(tail -3 <<<"$out")" ;;
	esac
	[ "$(cat /sys/kernel/kvm_mmu_evict/state)" = builtin ] || {
		"$K" detach >/dev/null 2>&1
		fail "$f left a policy attached"
	}
done
msg=$("$K" run "$dir/tcp_cc.bpf.o" -n 1 2>&1) && fail "tcp_cc: a foreign struct_ops object was accepted"
grep -q "is a tcp_congestion_ops, not a kvm_mmu_evict_ops" <<<"$msg" ||
	fail "tcp_cc: unclear error: $msg"
total=$(ls "$dir"/*.bpf.o | wc -l)
echo "corpus of $total objects: $loaded loaded and detached cleanly, $refused refused with an error, $hung hung, $crashes crashed"
[ "$crashes" -eq 0 ] && [ "$hung" -eq 0 ] || fail "the loader crashed or hung"
