#!/usr/bin/env bash
# map-bench.sh - how the map scales: synthetic fleets of 10 to 1,000 hosts
# with 20 networks each (bench/map-gen.c: real analysis, real renderer),
# best of 3 renders each, the page size, and the time per network so
# linear growth shows as a flat column.  Then headless Chromium (in an
# empty network namespace) opens the largest page and the bars in its DOM
# are counted.  Goal of the issue: 1,000 x 20 in < 5 s and < 10 MB.
# Usage: bench/map-bench.sh [HOSTS...]
set -eu
cd "$(dirname "$0")/.."
. tests/lib/netns.sh
make --no-print-directory build/libvnetaudit.a >/dev/null
. <(sed -n 's/^\(PKG_[A-Z]*\) := \(.*\)$/\1="\2"/p' build/pkg.mk)
bin=build/bench/map-gen
mkdir -p build/bench
# shellcheck disable=SC2086
${CC:-cc} -std=gnu11 -O2 -D_GNU_SOURCE -DVNETAUDIT_VERSION='"bench"' -Isrc -Iparsers -Iprobes $PKG_CFLAGS \
        -o "$bin" bench/map-gen.c build/libvnetaudit.a $PKG_LIBS
[ $# -gt 0 ] || set -- 10 100 1000
out=$(ns_tmpdir)
printf '%6s %9s %9s %10s %9s %16s\n' hosts networks findings render_s MB 'us per network'
for h in "$@"; do
        best=""
        for _ in 1 2 3; do
                read -r hosts nets findings _ render bytes < <("$bin" "$h" 20 html "$out/map-$h.html")
                if [ -z "$best" ] || awk "BEGIN{exit !($render < $best)}"; then best=$render; fi
        done
        awk -v h="$hosts" -v n="$nets" -v f="$findings" -v t="$best" -v b="$bytes" \
                'BEGIN { printf "%6d %9d %9d %10.3f %9.2f %16.1f\n", h, n, f, t, b / 1e6, t * 1e6 / n }'
done
last="$out/map-$h.html"
if command -v chromium >/dev/null && [ "$(id -u)" -eq 0 ]; then
        ns_add browser
        t0=$(date +%s.%N)
        ns_exec browser timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-quic \
                --no-first-run --disable-background-networking --disable-component-update --disable-sync \
                --user-data-dir="$(mktemp -d "$out/prof.XXXXXX")" --dump-dom "file://$last" \
                >"$out/dom.html" 2>/dev/null
        t1=$(date +%s.%N)
        printf 'chromium opened %s hosts: %s bars in the DOM (%s in the file), %.1f s to load and dump\n' \
                "$h" "$(grep -o 'class="b [a-z]' "$out/dom.html" | wc -l)" \
                "$(grep -o 'class="b [a-z]' "$last" | wc -l)" "$(echo "$t1 - $t0" | bc)"
else
        echo "chromium: not installed or not root; page not opened"
fi
