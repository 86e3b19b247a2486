#!/usr/bin/env bash
# hostile-bench.sh - the targets of issue 15 measured: each hostile input
# (bench/hostile-gen.sh) under 256 MB RSS and 10 s, output under 2 MB, and
# 100,000 findings audited in under 10 s with a silent second run.  Runs in
# the root namespace with --offline only; /usr/bin/time -v gives the
# maximum resident set.  Usage: bench/hostile-bench.sh
set -eu
cd "$(dirname "$0")/.."
make --no-print-directory vnetaudit >/dev/null
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (package time)" >&2; exit 1; }
d=$(mktemp -d /tmp/vnetaudit-hostile.XXXXXX)
trap 'rm -rf "$d"' EXIT
: >"$d/empty.conf"

# measure LABEL args...: one run; seconds, max RSS, bytes printed, exit status
measure() {
        local label="$1" rc; shift
        /usr/bin/time -v -o "$d/time" ./vnetaudit --offline --libvirt-uri none --config "$d/empty.conf" "$@" \
                >"$d/out" 2>"$d/err" && rc=0 || rc=$?
        awk -v l="$label" -v rc="$rc" -v bytes="$(cat "$d/out" "$d/err" | wc -c)" '
                /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = t[n] + (n > 1 ? t[n-1] * 60 : 0) }
                /Maximum resident set size/ { kb = $NF }
                END { printf "%-34s %8.2f %10.1f %12d %5d %s\n", l, s, kb / 1024, bytes, rc,
                             (s < 10 && kb < 262144 && (bytes < 2000000 || l ~ /findings/)) ? "ok" : "OVER" }' "$d/time"
}

printf '%-34s %8s %10s %12s %5s %s\n' input seconds 'RSS MiB' 'bytes out' exit target
bench/hostile-gen.sh dhcpd "$d/r" 2000
measure "dhcpd 2000 ranges + 2000 hosts" --root "$d/r" check
bench/hostile-gen.sh dhcpd "$d/r" 4000
measure "dhcpd 4000 ranges + 4000 hosts" --root "$d/r" check
bench/hostile-gen.sh libvirt "$d/r" 2000
measure "libvirt 2000 nets, one subnet" --root "$d/r" check
measure "  the same, --json" --root "$d/r" --json check
bench/hostile-gen.sh junk "$d/r" 4
measure "junk 4 MiB, list" --root "$d/r" list
measure "junk 4 MiB, check" --root "$d/r" check
bench/hostile-gen.sh junk "$d/r" 15
measure "junk 15 MiB, check" --root "$d/r" check
bench/hostile-gen.sh findings "$d/r" 100000
measure "findings 100000, audit 1st" --root "$d/r" audit --state-dir "$d/state"
measure "findings 100000, audit 2nd" --root "$d/r" audit --state-dir "$d/state"
printf '%-34s %s bytes printed by the second audit (silent = 0)\n' "" "$(cat "$d/out" "$d/err" | wc -c)"
echo "(findings: the first audit reports all 100,000 findings, so its output is not bounded by 2 MB)"
