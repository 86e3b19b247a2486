#!/usr/bin/env bash
# analysis-bench.sh - how the analysis scales: synthetic inventories of
# 10,000 to 100,000 subnets (bench/analysis-gen.c), best of 3 runs each,
# with the time per n·log2(n) so near-n·log n growth shows as a flat column.
# Usage: bench/analysis-bench.sh [N...]
set -eu
cd "$(dirname "$0")/.."
make --no-print-directory build/libvnetaudit.a >/dev/null
. <(sed -n 's/^\(PKG_[A-Z]*\) := \(.*\)$/\1="\2"/p' build/pkg.mk)
bin=build/bench/analysis-gen
mkdir -p build/bench
# shellcheck disable=SC2086
${CC:-cc} -std=gnu11 -O2 -D_GNU_SOURCE -Isrc -Iparsers -Iprobes $PKG_CFLAGS \
        -o "$bin" bench/analysis-gen.c build/libvnetaudit.a $PKG_LIBS
[ $# -gt 0 ] || set -- 10000 20000 50000 100000
printf '%8s %10s %9s %22s\n' subnets seconds findings 'ns per n*log2(n)'
for n in "$@"; do
        "$bin" "$n" 3 | awk '{ printf "%8d %10.4f %9d %22.1f\n", $1, $2, $3, $2 * 1e9 / ($1 * log($1) / log(2)) }'
done
