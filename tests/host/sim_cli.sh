# SPDX-License-Identifier: GPL-2.0
# kvmevict-sim and kvmevict-lackey2trace from the command line: the
# textbook answer through a trace file, a miss-ratio curve, bad input.
source "$(dirname "$0")/../lib.sh"
sim=$B/kvmevict-sim
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

{
	printf 'kvm-evict-trace 1\nregions 8\nvcpu 0\n'
	printf '%s\n' 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1
} >"$t/ref.trace"
out=$("$sim" -t "$t/ref.trace" -m flat --single -C 3 -a fifo,lru,opt --json)
for p in fifo:15 lru:12 opt:9; do
	got=$(jq -r "select(.policy==\"${p%:*}\").misses" <<<"$out")
	[ "$got" = "${p#*:}" ] || fail "${p%:*}: $got misses, expected ${p#*:}"
done
echo "ok: textbook string through a trace file: FIFO 15, LRU 12, OPT 9"

printf '{"not": "a trace"}\n' >"$t/a.json"
"$sim" -p scan -n 3000 --mrc "$t/mrc" --from 32 --to 96 --step 32 >/dev/null ||
	fail "--mrc failed"
[ "$(wc -l <"$t/mrc.csv")" -eq 4 ] || fail "mrc.csv should have a header and 3 rows"
head -1 "$t/mrc.csv" | grep -q '^capacity,fifo,lru,clock,aging,sieve,s3fifo,opt$' ||
	fail "mrc.csv header: $(head -1 "$t/mrc.csv")"
if command -v gnuplot >/dev/null; then
	[ -s "$t/mrc.png" ] || fail "no plot written"
fi
echo "ok: miss-ratio curve"

expect_fail "unknown policy" "unknown policy" "$sim" -a nosuch
expect_fail "unknown model" "kvm or flat" "$sim" -m nosuch
expect_fail "zero capacity" "at least 1" "$sim" -C 0
expect_fail "malformed trace" "not a kvm-evict trace" "$sim" -t "$t/a.json"

# lackey conversion, on a hand-written log.
cat >"$t/x.lackey" <<'LOG'
==1== Lackey, an example Valgrind tool
I  04010173,3
 L 7ff000010,8
 S 7ff000018,8
I  04010176,3
 M 7ff200000,4
LOG
"$B/kvmevict-lackey2trace" "$t/x.lackey" "$t/x.trace" || fail "lackey conversion"
diff <(sed -n '5,$p' "$t/x.trace") <(printf '0\n1\n0\n2\n') ||
	fail "unexpected converted sequence"
echo "ok: lackey conversion"
expect_fail "empty lackey log" "no lackey memory accesses" \
	"$B/kvmevict-lackey2trace" /dev/null "$t/y.trace"
