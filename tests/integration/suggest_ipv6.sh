#!/usr/bin/env bash
# suggest_ipv6.sh - `suggest --family inet6` verifies candidates on the wire
# with RFC 4862 DAD probes of their ::1 and ::2: a candidate whose ::1 a LAN
# host holds is skipped with the holder's MAC, one whose ::2 is held too,
# and the first really free /64 comes first, verified, saying what answered
# nothing; --no-probe suggests the first without verification.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
ns_require_root
for n in s6lan s6me s6h1 s6h2; do
        ns_add "$n" && ns_exec "$n" sysctl -qw net.ipv6.conf.default.accept_dad=0
done
ns_bridge s6lan br0
ns_link s6me eth0 s6lan p1 br0; ns_addr s6me eth0 198.51.100.10/24
ns_link s6h1 eth0 s6lan p2 br0
ns_link s6h2 eth0 s6lan p3 br0
ip -n "$(ns s6h1)" link set eth0 address 52:54:00:12:34:56
ip -n "$(ns s6h1)" addr add 2001:db8:50::1/64 dev eth0 nodad
ip -n "$(ns s6h2)" addr add 2001:db8:50:1::2/64 dev eth0 nodad
ns_wait_up s6me eth0 && ns_wait_up s6h1 eth0 && ns_wait_up s6h2 eth0

J=$(va s6me --libvirt-uri none suggest --json --family inet6 --from 2001:db8:50::/62 --count 1 -i eth0 2>/dev/null)
check_eq "first free /64 first, verified" "2001:db8:50:2::/64 True" \
        "$(jget "$J" "'%s %s' % (d['suggestions'][0]['subnet'], d['suggestions'][0]['verified'])")"
check "it says which addresses answered nothing" \
        test "$(jget "$J" "[c for c in d['suggestions'][0]['checked'] if c.startswith('no DAD (NDP) answer for 2001:db8:50:2::')]")" \
        = "['no DAD (NDP) answer for 2001:db8:50:2::1 on eth0', 'no DAD (NDP) answer for 2001:db8:50:2::2 on eth0']"
check "::1 held on the LAN: skipped, with the holder's MAC" \
        grep -q "answers on the wire: 2001:db8:50::1 is in use by 52:54:00:12:34:56" <<<"$J"
check "::2 held on the LAN: skipped" grep -q "answers on the wire: 2001:db8:50:1::2 is in use by" <<<"$J"
out=$(va s6me --libvirt-uri none suggest --no-probe --family inet6 --from 2001:db8:50::/62 --count 1 2>&1)
check "--no-probe: the first candidate, not verified" \
        grep -q "2001:db8:50::/64  free in the inventory, NOT verified on the wire (--no-probe)" <<<"$out"

t_done
