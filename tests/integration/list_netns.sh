#!/usr/bin/env bash
# list_netns.sh - `vnetaudit list` against real netlink dumps in a private
# namespace: a bridge with 203.0.113.1/24 and a veth port appears as a host
# network with its prefix, host address and member; interface names holding
# a quote, a backslash, a control character and a 0xff byte still give
# strict JSON; list sends no packet; valgrind finds no error or leak.
. "$(dirname "$0")/../lib/netns.sh"
ns_require_root
ns_add ws
ns_add peer
# No IPv6 here, so no router solicitation or DAD can muddy the packet count.
ns_exec ws sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ns_bridge ws br0 203.0.113.1/24
ns_link ws port0 peer eth0 && ip -n "$(ns ws)" link set port0 master br0
ns_wait_up ws br0

out=$(va ws list --json)
check "list --json exits 0" test $? -eq 0
py() { python3 -c "import json,sys; d=json.loads(sys.stdin.read(), strict=True); $1"; }
check_eq "bridge is a host network" "host:br0 bridge up" \
        "$(echo "$out" | py 'n=[x for x in d["networks"] if x["name"]=="br0"][0]; print(n["id"], n["type"], n["state"])')"
check_eq "bridge subnet and host address" "203.0.113.0/24 203.0.113.1" \
        "$(echo "$out" | py 'n=[x for x in d["networks"] if x["name"]=="br0"][0]; s=n["subnets"][0]; print(s["prefix"], s["host_address"])')"
check_eq "port is a member of the bridge" "br0 ['port0']" \
        "$(echo "$out" | py 'i=[x for x in d["interfaces"] if x["name"]=="port0"][0]; n=[x for x in d["networks"] if x["name"]=="br0"][0]; print(i["master"], n["ports"])')"
check_eq "veth port is not a network of its own" "0" \
        "$(echo "$out" | py 'print(sum(1 for x in d["networks"] if x["name"]=="port0"))')"
check_eq "JSON has the DESIGN.md keys" "True" \
        "$(echo "$out" | py 'print(all(k in d for k in ("version","host","networks","interfaces","routes","diagnostics")) and d["version"]==1)')"
check_eq "connected route listed" "True" \
        "$(echo "$out" | py 'print(any(r["dst"]=="203.0.113.0/24" and r["dev"]=="br0" for r in d["routes"]))')"

text=$(va ws list)
check "text table names host:br0 with its subnet" grep -Eq 'host:br0 +br0 +bridge +up +203\.0\.113\.0/24 +203\.0\.113\.1' <<<"$text"
check "text tree shows port0 as a child" grep -Eq '(└─|`-)port0' <<<"$text"

# Attacker-controlled names: quote, backslash, control character, 0xff.
for name in $'q"uote' 'back\slash' $'ctl\x01x' $'ff\xff'; do
        ip -n "$(ns ws)" link add "$name" type bridge 2>/dev/null || not_ok "cannot create bridge named $(printf %q "$name")"
done
check "strict JSON with hostile names" sh -c "ip netns exec $(ns ws) $VNETAUDIT list --json | python3 -c 'import json,sys; json.loads(sys.stdin.buffer.read().decode(\"utf-8\"), strict=True)'"
names=$(va ws list --json | py 'print(sorted(n["name"] for n in d["networks"] if n["source"] == "host"))')
check_eq "hostile names kept, non-UTF-8 escaped" "['back\\\\slash', 'br0', 'ctl\\x01x', 'ff\\\\xff', 'q\"uote']" "$names"
check "text mode escapes the control byte" sh -c "ip netns exec $(ns ws) $VNETAUDIT list | grep -q 'ctl.x01x'"

# No packet: transmit counters of every interface are unchanged by a list.
sleep 0.3
tx() { ns_exec ws sh -c 'cat /sys/class/net/*/statistics/tx_packets' | awk '{s += $1} END {print s}'; }
before=$(tx); va ws list >/dev/null; va ws list --json >/dev/null; after=$(tx)
check_eq "list sends no packet" "$before" "$after"

if command -v valgrind >/dev/null; then
        vg() { ns_exec ws valgrind -q --error-exitcode=9 --leak-check=full \
                --errors-for-leak-kinds=definite "$VNETAUDIT" list -v "$@" >/dev/null; }
        check "valgrind list --json: no errors, no definite leaks" vg --json
        check "valgrind list (table): no errors, no definite leaks" vg
fi

# Root namespace, offline: allowed and sends nothing by construction.
check "offline list in the root namespace" bash -c ". tests/lib/netns.sh; va_root --offline list --json >/dev/null"
check "va_root refuses a probing check" bash -c '! { . tests/lib/netns.sh; va_root check; } 2>/dev/null'
t_done
