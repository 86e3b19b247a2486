#!/usr/bin/env bash
# probe_lan.sh - `vnetaudit probe` on a LAN of namespaces: held addresses are
# reported with the holder's MAC and vendor and no other; free is free; this
# host's own addresses (also when its second card answers) are no conflict;
# two holders give both MACs; a server holding the address on a bridge of its
# own answers on its LAN card (the motivating incident); 254 addresses take
# one window; exit statuses; no CAP_NET_RAW gives EX_NOPERM.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
ns_require_root

lan_init
lan_host me 198.51.100.10/24 02:00:00:00:00:10
lan_host me 198.51.100.11/24 02:00:00:00:00:11 eth1     # our second card on the same LAN
lan_host h1 198.51.100.21/24 52:54:00:12:34:56
lan_host h2 198.51.100.22/24 00:50:56:aa:bb:02
lan_host d1 198.51.100.30/24 00:16:3e:00:00:31
lan_host d2 198.51.100.30/24 08:00:27:00:00:32
lan_host srv 198.51.100.25/24 00:15:5d:00:00:25
ns_bridge srv lvbr0 203.0.113.1/24                      # the forgotten libvirt test bridge

out=$(va me probe -i eth0 198.51.100.21 198.51.100.40); rc=$?
check_eq "held address: text line with MAC and vendor" \
        "198.51.100.21 in use by 52:54:00:12:34:56 (QEMU/KVM virtual NIC) on eth0" "$(echo "$out" | head -n 1)"
check_eq "free address: free" "198.51.100.40 free" "$(echo "$out" | sed -n 2p)"
check_eq "exit 2 when an address is in use" 2 "$rc"

j=$(va me probe --json 198.51.100.21 198.51.100.22 198.51.100.40); rc=$?
check_eq "json: holder's MAC and no other (h1)" "52:54:00:12:34:56" "$(claims_of "$j" 198.51.100.21)"
check_eq "json: holder's MAC and no other (h2)" "00:50:56:aa:bb:02" "$(claims_of "$j" 198.51.100.22)"
check_eq "json: vendor" "VMware virtual NIC" "$(jget "$j" "[c['vendor'] for r in d['results'] for c in r['claims'] if c['mac']=='00:50:56:aa:bb:02'][0]")"
check_eq "json: free state" "free" "$(state_of "$j" 198.51.100.40)"
check_eq "json: in-use state" "in-use" "$(state_of "$j" 198.51.100.21)"
check_eq "json: default interfaces are both LAN cards" "['eth0', 'eth1']" "$(jget "$j" "sorted(d['probes']['interfaces'])")"
check "json: probes counted" test "$(jget "$j" "d['probes']['sent']")" -ge 2

out=$(va me probe 198.51.100.10 198.51.100.11 198.51.100.40); rc=$?
check_eq "own addresses are no conflict (exit 0)" 0 "$rc"
check_eq "own address reported as ours" "198.51.100.11 free (held by this host on eth1)" "$(echo "$out" | sed -n 2p)"

j=$(va me probe --json 198.51.100.30)
check_eq "two holders: both MACs" "00:16:3e:00:00:31 08:00:27:00:00:32" "$(claims_of "$j" 198.51.100.30)"

out=$(va me probe -i eth0 203.0.113.1); rc=$?
check_eq "address on another host's private bridge answered on its LAN card" \
        "203.0.113.1 in use by 00:15:5d:00:00:25 (Hyper-V virtual NIC) on eth0" "$out"

# 254 addresses: one window, not one per address.
addrs=$(for i in $(seq 1 254); do printf '198.51.100.%d ' "$i"; done)
t0=$(date +%s.%N)
# shellcheck disable=SC2086
j=$(va me probe --json -i eth0 $addrs); rc=$?
t1=$(date +%s.%N)
check_eq "254 addresses: exit 2" 2 "$rc"
check_eq "254 addresses: exactly the held ones" "198.51.100.21 198.51.100.22 198.51.100.25 198.51.100.30" \
        "$(jget "$j" "' '.join(r['address'] for r in d['results'] if r['state']!='free')")"
check "254 addresses in under 2.5 s (took $(echo "$t1 - $t0" | bc 2>/dev/null || echo ?)s)" \
        python3 -c "import sys; sys.exit(0 if $t1 - $t0 < 2.5 else 1)"

# Usage and permission errors.
va me probe 2001:db8::/64 2>/dev/null; check_eq "IPv6 /64 operand: EX_USAGE" 64 "$?"
va me probe 2>/dev/null; check_eq "no operand: EX_USAGE" 64 "$?"
va me probe -i nosuch0 198.51.100.21 2>/dev/null; check_eq "unknown -i: EX_UNAVAILABLE" 69 "$?"
err=$(ns_exec me setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
        "$VNETAUDIT" probe 198.51.100.21 2>&1 >/dev/null); rc=$?
check_eq "no CAP_NET_RAW: EX_NOPERM" 77 "$rc"
check "no CAP_NET_RAW: says what to do" grep -q "run as root or grant CAP_NET_RAW" <<<"$err"

t_done
