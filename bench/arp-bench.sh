#!/usr/bin/env bash
# arp-bench.sh - side-by-side benchmark (not a test): in namespaces, one
# prober and 50 responders on a bridge, 254 target addresses of which 50 are
# in use.  vnetaudit probe (254 operands, and the /24 as one sweep operand)
# vs arp-scan (defaults, and --retry 3 to match our retries) vs `arping -D`
# run address by address, and the engine in check's default window
# (--timeout 4.5); wall time, addresses
# found, packets sent (the prober's tx counter); then 30% random ARP loss at
# every responder over repeated runs (detection rate).  One table at the end.
#   BENCH_RUNS=N loss runs per tool (default 10); BENCH_CLEAN=N clean runs
#   (default 3); BENCH_ARPING=0 skips arping.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/netns.sh
ns_require_root
RUNS="${BENCH_RUNS:-10}"
CLEAN="${BENCH_CLEAN:-3}"
ARPING="${BENCH_ARPING:-1}"
for t in arp-scan arping python3; do
        command -v "$t" >/dev/null || { echo "arp-bench: $t is missing" >&2; exit 1; }
done
[ -x "$VNETAUDIT" ] || { echo "arp-bench: build vnetaudit first (make)" >&2; exit 1; }

echo "# setting up 1 prober + 50 responders on a bridge" >&2
ns_add lan && ns_bridge lan br0
ns_add me && ns_link me eth0 lan pme br0 && ns_addr me eth0 198.51.100.254/24
ns_exec me sysctl -qw net.ipv6.conf.all.disable_ipv6=1
HELD=""
for i in $(seq 1 50); do
        a=$((i * 5))
        ns_add "r$i" && ns_link "r$i" eth0 lan "p$i" br0 && ns_addr "r$i" eth0 "198.51.100.$a/24" || exit 1
        ns_exec "r$i" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
        HELD="$HELD 198.51.100.$a"
done
ns_wait_up me eth0
for i in $(seq 1 50); do ns_wait_up "r$i" eth0 || exit 1; done
ADDRS=$(for i in $(seq 1 254); do printf '198.51.100.%d ' "$i"; done)
TMP=$(ns_tmpdir)
echo "$HELD" | tr ' ' '\n' | sed '/^$/d' | sort > "$TMP/held"

tx() { ns_exec me cat /sys/class/net/eth0/statistics/tx_packets; }
now() { date +%s.%N; }

# Each runner prints "seconds found false sent".
run_vnetaudit() {
        local t0 t1 s0 s1
        s0=$(tx); t0=$(now)
        # shellcheck disable=SC2086
        va me probe --json -i eth0 "$@" $ADDRS > "$TMP/va.json"
        t1=$(now); s1=$(tx)
        python3 - "$TMP/va.json" "$TMP/held" "$t0" "$t1" "$((s1 - s0))" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); held = set(open(sys.argv[2]).read().split())
found = {r['address'] for r in d['results'] if r['state'] != 'free'}
print("%.3f %d %d %s" % (float(sys.argv[4]) - float(sys.argv[3]), len(found & held), len(found - held), sys.argv[5]))
PY
}
run_sweep() {   # the same LAN as a prefix: `probe --in-use-only 198.51.100.0/24`
        local t0 t1 s0 s1
        s0=$(tx); t0=$(now)
        va me probe --json --in-use-only -i eth0 198.51.100.0/24 > "$TMP/va.json" 2>/dev/null
        t1=$(now); s1=$(tx)
        python3 - "$TMP/va.json" "$TMP/held" "$t0" "$t1" "$((s1 - s0))" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); held = set(open(sys.argv[2]).read().split())
found = {r['address'] for r in d['results'] if r['state'] != 'free'}
print("%.3f %d %d %s" % (float(sys.argv[4]) - float(sys.argv[3]), len(found & held), len(found - held), sys.argv[5]))
PY
}
run_arpscan() {
        local t0 t1 s0 s1
        s0=$(tx); t0=$(now)
        # shellcheck disable=SC2086
        ns_exec me arp-scan -q --plain -I eth0 "$@" 198.51.100.1-198.51.100.254 > "$TMP/as.out" 2>/dev/null
        t1=$(now); s1=$(tx)
        awk '{print $1}' "$TMP/as.out" | sort -u > "$TMP/as.found"
        printf '%.3f %d %d %d\n' "$(echo "$t1 - $t0" | bc)" "$(comm -12 "$TMP/as.found" "$TMP/held" | wc -l)" \
                "$(comm -23 "$TMP/as.found" "$TMP/held" | wc -l)" "$((s1 - s0))"
}
run_arping() {
        local t0 t1 s0 s1 a found=0 false=0
        : > "$TMP/ap.found"
        s0=$(tx); t0=$(now)
        for a in $ADDRS; do
                # -D: duplicate address detection; exit 1 = someone answered.
                ns_exec me arping -q -D -c 1 -w 1 -I eth0 "$a" || echo "$a" >> "$TMP/ap.found"
        done
        t1=$(now); s1=$(tx)
        sort -u -o "$TMP/ap.found" "$TMP/ap.found"
        found=$(comm -12 "$TMP/ap.found" "$TMP/held" | wc -l)
        false=$(comm -23 "$TMP/ap.found" "$TMP/held" | wc -l)
        printf '%.3f %d %d %d\n' "$(echo "$t1 - $t0" | bc)" "$found" "$false" "$((s1 - s0))"
}

declare -A R
measure() {     # measure KEY runs command...
        local key="$1" n="$2" i line; shift 2
        : > "$TMP/$key"
        for i in $(seq 1 "$n"); do
                line=$("$@")
                echo "$line" >> "$TMP/$key"
                echo "# $key run $i: $line" >&2
        done
}

TOOLS="vnetaudit sweep vacheck arpscan arpscan3"
[ "$ARPING" = 1 ] && TOOLS="$TOOLS arping"
call() {
        case "$1" in
        vnetaudit) run_vnetaudit ;;
        sweep) run_sweep ;;
        vacheck) run_vnetaudit --timeout 4.5 ;;         # check's default window
        arpscan) run_arpscan ;;
        arpscan3) run_arpscan --retry=3 ;;
        arping) run_arping ;;
        esac
}
# Clean runs interleaved (run 1 of every tool, then run 2 ...), so that a
# shared machine's changing load falls on every tool alike.
for t in $TOOLS; do : > "$TMP/clean-$t"; done
for i in $(seq 1 "$CLEAN"); do
        for t in $TOOLS; do
                [ "$t" = arping ] && [ "$i" -gt 1 ] && continue
                line=$(call "$t")
                echo "$line" >> "$TMP/clean-$t"
                echo "# clean-$t run $i: $line" >&2
        done
done

echo "# adding 30% random ARP loss at every responder" >&2
for i in $(seq 1 50); do
        ns_exec "r$i" nft -f - <<'NFT' || exit 1
table arp lossy {
        chain in {
                type filter hook input priority 0; policy accept;
                numgen random mod 100 < 30 drop
        }
}
NFT
done
for t in $TOOLS; do
        n="$RUNS"; [ "$t" = arping ] && n=1
        measure "loss-$t" "$n" call "$t"
done

python3 - "$TMP" $TOOLS <<'PY'
import sys, statistics as st
tmp, tools = sys.argv[1], sys.argv[2:]
names = {"vnetaudit": "vnetaudit probe (3 tries)", "sweep": "vnetaudit probe 198.51.100.0/24",
         "vacheck": "probe in check's 4.5 s window", "arpscan": "arp-scan (defaults)",
         "arpscan3": "arp-scan --retry=3", "arping": "arping -D, per address"}
def rows(k):
    return [list(map(float, l.split())) for l in open(f"{tmp}/{k}") if l.strip()]
base = rows("clean-vnetaudit")
bt, bs = st.median(r[0] for r in base), st.median(r[3] for r in base)
print()
print("254 targets, 50 in use; median of clean runs; detection under 30% loss at the responders")
print(f"{'tool':28} {'wall s':>7} {'x vnetaudit':>11} {'found':>6} {'false':>5} {'sent':>5} {'x sent':>6}   {'loss: found (mean/min of 50)':>28} {'runs':>4}")
for t in tools:
    c, l = rows(f"clean-{t}"), rows(f"loss-{t}")
    w, f, fa, s = (st.median(r[i] for r in c) for i in range(4))
    lf = [r[1] for r in l]
    print(f"{names[t]:28} {w:7.2f} {w / bt:11.2f} {f:6.0f} {fa:5.0f} {s:5.0f} {s / bs:6.2f}   "
          f"{st.mean(lf):17.1f} ({100 * st.mean(lf) / 50:3.0f}%) / {min(lf):3.0f} {len(l):4d}")
PY
