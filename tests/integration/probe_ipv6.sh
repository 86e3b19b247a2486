#!/usr/bin/env bash
# probe_ipv6.sh - `vnetaudit probe` with IPv6 addresses on a LAN of
# namespaces (RFC 4862 duplicate address detection): an address held by
# another namespace is in use with its MAC and vendor, a free one is free,
# link-local works with -i, our own address is ours; a capture on the LAN
# (tests/lib/nd_tool.py, independent of our codec) shows our NS from :: to
# the solicited-node group, hop limit 255, no options, and no NA from us;
# an 802.1Q-tagged NA is a claim with its VLAN; another node's DAD probe is
# a collision, heard through a snooping bridge because we joined the group;
# an address held only on a neighbour's own bridge is not answered on its
# LAN card (no weak host model for IPv6); a /120 sweep; a /64 is refused.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
ns_require_root
command -v python3 >/dev/null || { echo "# skip: python3 missing"; exit 77; }

ND=tests/lib/nd_tool.py
# Addresses usable at once: no DAD on the test hosts' links.
v6host() {      # v6host NAME MAC [ADDR/LEN]
        ns_add "$1" && ns_exec "$1" sysctl -qw net.ipv6.conf.default.accept_dad=0 || return 1
        lan_host "$1" "" "$2" || return 1
        [ -z "${3:-}" ] || ip -n "$(ns "$1")" addr add "$3" dev eth0 nodad
}
# A querier on the bridge (its link-local address usable at once, or it
# cannot query): multicast snooping then forwards a solicited-node group
# only to ports whose host reported membership (MLD).
ns_add lan && ns_exec lan sysctl -qw net.ipv6.conf.default.accept_dad=0 && ns_bridge lan br0
ip -n "$(ns lan)" link set br0 type bridge mcast_snooping 1 mcast_querier 1
v6host ip6me 02:00:00:00:00:10 2001:db8:42::10/64
meport=$(ns_exec lan bridge link show | awk -v m="$(ip -n "$(ns ip6me)" -o link show eth0 | sed 's/.*@if\([0-9]*\).*/\1/'):" '$1 == m {sub(/@.*/, "", $2); print $2}')
v6host ip6h1 52:54:00:12:34:56 2001:db8:42::21/64
v6host ip6srv 00:15:5d:00:00:25 2001:db8:42::25/64
ns_bridge ip6srv lvbr0
ip -n "$(ns ip6srv)" addr add 2001:db8:99::1/64 dev lvbr0 nodad
v6host ip6riv 00:16:3e:00:00:31
v6host ip6tag 08:00:27:00:00:07
tmp=$(ns_tmpdir)
sleep 0.5       # the querier starts; MLD reports of the hosts' groups reach the bridge
check "snooping bridge learned the hosts' solicited-node groups" \
        grep -q "grp ff02::1:ff00:21" <<<"$(ns_exec lan bridge mdb show)"

out=$(va ip6me probe -i eth0 2001:db8:42::21 2001:db8:42::40); rc=$?
check_eq "held IPv6 address: in use with MAC and vendor" \
        "2001:db8:42::21 in use by 52:54:00:12:34:56 (QEMU/KVM virtual NIC) on eth0" "$(sed -n 1p <<<"$out")"
check_eq "free IPv6 address: free" "2001:db8:42::40 free" "$(sed -n 2p <<<"$out")"
check_eq "exit 2 when an address is in use" 2 "$rc"

j=$(va ip6me probe --json 2001:db8:42::21 2001:db8:42::40 198.51.100.99)
check_eq "json: holder's MAC and no other" "52:54:00:12:34:56" "$(claims_of "$j" 2001:db8:42::21)"
check_eq "json: in-use state" "in-use" "$(state_of "$j" 2001:db8:42::21)"
check_eq "json: free state" "free" "$(state_of "$j" 2001:db8:42::40)"
check_eq "json: IPv4 beside IPv6 in one run" "free" "$(state_of "$j" 198.51.100.99)"
check_eq "json: no advertised address apart from the source" "None" \
        "$(jget "$j" "[c['arp_mac'] for r in d['results'] for c in r['claims']][0]")"

ll=$(ip -n "$(ns ip6h1)" -6 -o addr show dev eth0 scope link | awk '{sub("/.*", "", $4); print $4}')
out=$(va ip6me probe -i eth0 "$ll" 2001:db8:42::10); rc=$?
check_eq "link-local address held by a neighbour: in use" \
        "$ll in use by 52:54:00:12:34:56 (QEMU/KVM virtual NIC) on eth0" "$(sed -n 1p <<<"$out")"
check_eq "our own IPv6 address is ours" "2001:db8:42::10 free (held by this host on eth0)" "$(sed -n 2p <<<"$out")"

# The wire: what we send for a free address, seen from the bridge.
ns_bg lan python3 "$ND" sniff br0 4 "$tmp/cap" "$tmp/cap.ready"
for _ in $(seq 1 100); do [ -e "$tmp/cap.ready" ] && break; sleep 0.05; done
va ip6me probe -i eth0 2001:db8:42::41 >/dev/null
sleep 0.2
insp=$(python3 "$ND" inspect "$tmp/cap" 02:00:00:00:00:10 2001:db8:42::41)
check_eq "capture: three DAD NS for the address" "ns 3" "$(grep '^ns ' <<<"$insp")"
check_eq "capture: from ::, to ff02::1:ff00:41 and 33:33:ff:00:00:41, hop limit 255, no SLLAO, valid checksum" \
        "" "$(grep '^bad ' <<<"$insp")"
check_eq "capture: no NA from us" "na-from-us 0" "$(grep '^na-from-us' <<<"$insp")"

# While probing we are a member of the address's solicited-node group: our
# MLD report reached the snooping bridge, which now forwards the group (and
# so other nodes' DAD probes for the address) to our port.
va ip6me probe -i eth0 --timeout 3 2001:db8:42::77 >/dev/null &
vpid=$!
sleep 1.2
mdb=$(ns_exec lan bridge mdb show)
wait "$vpid"
check "while probing, the bridge forwards ff02::1:ff00:77 to our port (MLD report sent)" \
        grep -q "port $meport grp ff02::1:ff00:77" <<<"$mdb"

# Another node probing for the address (its DAD NS goes to the
# solicited-node group, which the snooping bridge forwards only to members).
ns_bg ip6riv python3 "$ND" rival eth0 00:16:3e:00:00:31 2001:db8:42::50 40 "$tmp/riv.ready"
ns_bg ip6tag python3 "$ND" answer eth0 08:00:27:00:00:07 2001:db8:42::60 7 40 "$tmp/tag.ready"
for _ in $(seq 1 100); do [ -e "$tmp/riv.ready" ] && [ -e "$tmp/tag.ready" ] && break; sleep 0.05; done
out=$(va ip6me probe -i eth0 2001:db8:42::50 2001:db8:42::60); rc=$?
check_eq "another node's DAD probe: collision" \
        "2001:db8:42::50 probe collision with 00:16:3e:00:00:31 (Xen virtual NIC) on eth0" "$(sed -n 1p <<<"$out")"
check_eq "802.1Q-tagged NA: a claim with its VLAN" \
        "2001:db8:42::60 in use by 08:00:27:00:00:07 (VirtualBox virtual NIC) on eth0 in VLAN 7" "$(sed -n 2p <<<"$out")"

out=$(va ip6me probe -i eth0 2001:db8:99::1)
check_eq "address on a neighbour's own bridge is not answered on its LAN card" "2001:db8:99::1 free" "$out"

# Sweeps: a /120 takes one window; a /64 is refused.
t0=$(date +%s.%N)
j=$(va ip6me probe --json --in-use-only -i eth0 2001:db8:42::/120 2>"$tmp/sweep.err"); rc=$?
t1=$(date +%s.%N)
check_eq "/120 sweep: the held addresses" "2001:db8:42::21 2001:db8:42::25 2001:db8:42::50 2001:db8:42::60" \
        "$(jget "$j" "' '.join(r['address'] for r in d['results'])")"
check_eq "/120 sweep: 256 addresses" 256 "$(jget "$j" "d['probes']['addresses']")"
check "/120 sweep in under 3 s (took $(echo "$t1 - $t0" | bc 2>/dev/null || echo ?)s)" \
        python3 -c "import sys; sys.exit(0 if $t1 - $t0 < 3 else 1)"
check "sweep summary on stderr" grep -q "swept 256 addresses" "$tmp/sweep.err"
err=$(va ip6me probe 2001:db8:42::/64 2>&1); rc=$?
check_eq "/64: EX_USAGE" 64 "$rc"
check "/64: says why" grep -q "a /64 holds 2^64 addresses" <<<"$err"
va ip6me probe ff02::1 2>/dev/null; check_eq "multicast operand: EX_USAGE" 64 "$?"
va ip6me probe ::1 2>/dev/null; check_eq "loopback operand: EX_USAGE" 64 "$?"

t_done
