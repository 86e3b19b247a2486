#!/usr/bin/env bash
# loader-bench.sh - how `list` scales through the real loaders: N libvirt
# networks as XML files on disk (defined in etc/, running in run/, libvirt's
# files mode) and N live bridges with their addresses in a private network
# namespace, where vnetaudit runs so netlink shows exactly those bridges.
# Prints wall seconds (best of BENCH_RUNS, default 3, and their median) of
# `list`, `list --json` and `check --no-probe`, the growth of the best from
# the smallest N to each larger one, the CPU seconds (user + system) of the
# best run, and the load average when each N starts: the machine is shared,
# and wall time above CPU/cores is other jobs' load (vnetaudit reads
# libvirt's files in two threads while netlink dumps, so on an idle 2-core
# machine wall time is below CPU time).
# Nothing is sent: list and --no-probe only read.
# Usage: bench/loader-bench.sh [N...]            (default: 2000 20000)
#        BASELINE=/path/to/other/vnetaudit bench/loader-bench.sh   side by side
set -eu
cd "$(dirname "$0")/.."
. tests/lib/netns.sh
ns_require_root
make --no-print-directory -s vnetaudit >/dev/null
[ $# -gt 0 ] || set -- 2000 20000
bins=("$PWD/vnetaudit")
[ -z "${BASELINE:-}" ] || bins+=("$(readlink -f "$BASELINE")")
work=$(ns_tmpdir)

# N network XML files below $1 (its etc/ and run/ trees), one /24 each.
gen_files() {
        python3 - "$1" "$2" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
etc = os.path.join(root, "etc/libvirt/qemu/networks")
run = os.path.join(root, "run/libvirt/network")
os.makedirs(os.path.join(etc, "autostart"), exist_ok=True)
os.makedirs(run, exist_ok=True)
for i in range(n):
    a, b = divmod(i, 256)
    name = "bn%05d" % i
    net = f"""<network>
  <name>{name}</name>
  <uuid>00000000-0000-4000-8000-{i:012d}</uuid>
  <forward mode='nat'/>
  <bridge name='vb{i:05d}' stp='off' delay='0'/>
  <ip address='10.{a}.{b}.1' prefix='24'>
    <dhcp>
      <range start='10.{a}.{b}.100' end='10.{a}.{b}.200'/>
      <host mac='52:54:00:{a:02x}:{b:02x}:10' ip='10.{a}.{b}.10'/>
    </dhcp>
  </ip>
</network>
"""
    with open(os.path.join(etc, name + ".xml"), "w") as f:
        f.write(net)
    with open(os.path.join(run, name + ".xml"), "w") as f:
        f.write("<networkstatus>\n" + net + "</networkstatus>\n")
PY
}

# N up bridges vbNNNNN with 10.a.b.1/24 in namespace $1 (IPv6 off: the
# bench measures vnetaudit, not the kernel's link-local addresses).
gen_bridges() {
        local nsn="$1" n="$2" i
        ns_exec "$nsn" sysctl -qw net.ipv6.conf.default.disable_ipv6=1 net.ipv6.conf.all.disable_ipv6=1
        for ((i = 0; i < n; i++)); do
                printf 'link add vb%05d type bridge stp_state 0 forward_delay 0\n' "$i"
                printf 'addr add 10.%d.%d.1/24 dev vb%05d\n' $((i / 256)) $((i % 256)) "$i"
                printf 'link set vb%05d up\n' "$i"
        done > "$work/batch-$n"
        ip -n "$(ns "$nsn")" -batch "$work/batch-$n"
}

# Best of BENCH_RUNS by wall time: "WALL CPU MEDIAN" (CPU = user + system
# of the best run), because on a shared machine the wall time also holds
# other jobs' load.
RUNS=${BENCH_RUNS:-3}
best_of_runs() {
        local best="" cpu="" t k walls=""
        for ((k = 0; k < RUNS; k++)); do
                t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>"$work/stderr"; } 2>&1 | tail -n 1)
                walls="$walls ${t%% *}"
                if [ -z "$best" ] || awk -v a="${t%% *}" -v b="$best" 'BEGIN { exit !(a < b) }'; then
                        best=${t%% *}
                        cpu=$(awk -v u="$(echo "$t" | cut -d' ' -f2)" -v s="$(echo "$t" | cut -d' ' -f3)" 'BEGIN { printf "%.3f", u + s }')
                fi
        done
        # shellcheck disable=SC2086
        printf '%s %s %s' "$best" "$cpu" "$(printf '%s\n' $walls | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
}

declare -A secs
printf '%-9s %-10s %-18s %8s %8s %8s %8s\n' binary networks command wall growth cpu median
for n in "$@"; do
        root="$work/root-$n"
        gen_files "$root" "$n"
        ns_add "b$n"
        gen_bridges "b$n" "$n"
        got=$(ns_exec "b$n" ip -o link show type bridge | wc -l)
        [ "$got" -eq "$n" ] || { echo "only $got of $n bridges were created" >&2; exit 1; }
        echo "# $n networks: load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, best of $RUNS"
        for bi in "${!bins[@]}"; do
                bin=${bins[$bi]}
                label=$([ "$bi" -eq 0 ] && echo this || echo baseline)
                common=(--root "$root" --libvirt-uri none --libvirt-dir /etc/libvirt --libvirt-run-dir /run/libvirt)
                # The loaders must see every network, matched to its live bridge.
                up=$(ns_exec "b$n" "$bin" "${common[@]}" list --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(sum(1 for x in d["networks"] if x["id"].startswith("libvirt:") and x["state"] == "up"))')
                [ "$up" -eq "$n" ] || { echo "$label: $up of $n libvirt networks up" >&2; exit 1; }
                for cmd in "list" "list --json" "check --no-probe"; do
                        # shellcheck disable=SC2086
                        read -r s cpu med <<<"$(best_of_runs ns_exec "b$n" "$bin" "${common[@]}" $cmd)"
                        key="$label|$cmd"
                        [ -n "${secs[$key]:-}" ] || secs[$key]=$s
                        printf '%-9s %-10s %-18s %8s %7.1fx %8s %8s\n' "$label" "$n" "$cmd" "$s" \
                                "$(awk -v a="$s" -v b="${secs[$key]}" 'BEGIN { print (b > 0 ? a / b : 0) }')" "$cpu" "$med"
                done
        done
        ip netns delete "$(ns "b$n")"
        rm -rf "$root"
done
