#!/usr/bin/env bash
# fleet-bench.sh - how `vnetaudit fleet` scales with the fleet: synthetic
# inventories (bench/fleet-gen.py: 20 networks per host, stock `default`
# everywhere, subnets and addresses recurring across hosts, 16 LANs) of 100,
# 300 and 1,000 hosts, read from a directory and analysed end to end
# (parsing included), best of 3 runs each; then the growth 100 -> largest.
# Goals (issue 13): 1,000 hosts under 5 s, growth 100 -> 1,000 under 25x.
# Usage: bench/fleet-bench.sh [HOSTS...]
set -eu
cd "$(dirname "$0")/.."
make --no-print-directory vnetaudit >/dev/null
nets=20
[ $# -gt 0 ] || set -- 100 300 1000
work=$(mktemp -d /tmp/vnetaudit-fleet-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
printf '%7s %9s %10s %9s %14s\n' hosts networks seconds findings 'us per network'
first=""
for n in "$@"; do
        python3 bench/fleet-gen.py "$n" "$nets" "$work/$n"
        best=""
        for _ in 1 2 3; do
                s=$(date +%s.%N)
                ./vnetaudit fleet --json --fail-on never "$work/$n" >"$work/out.json"
                e=$(date +%s.%N)
                t=$(echo "$e - $s" | bc -l)
                if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
        done
        f=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/out.json")
        printf '%7d %9d %10.3f %9d %14.1f\n' "$n" $((n * nets)) "$best" "$f" "$(echo "$best * 1000000 / ($n * $nets)" | bc -l)"
        [ -n "$first" ] || { first=$best; first_n=$n; }
        last=$best; last_n=$n
done
printf 'growth %d -> %d hosts: %.1fx time for %.0fx hosts\n' "$first_n" "$last_n" \
        "$(echo "$last / $first" | bc -l)" "$(echo "$last_n / $first_n" | bc -l)"
