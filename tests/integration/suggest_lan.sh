#!/usr/bin/env bash
# suggest_lan.sh - `vnetaudit suggest` on a LAN of namespaces, pool
# 10.77.0.0/21 (--from; these addresses exist only inside the namespaces):
# the first candidates are taken by a vmnet in the inventory (10.77.0.0/24),
# by the LAN's own subnet (this host holds 10.77.1.10/24 on eth0), by an
# address answering on the wire (another host holds 10.77.2.1), by a sampled
# address answering (10.77.3.192) and by a route of another table
# (10.77.5.0/24); the default route and a VPN's /1 halves do not count.  The
# first really free one (10.77.4.0/24) comes first.  --no-probe says it did
# not verify; the paste-ready VMware and libvirt text parses back.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
ns_require_root

lan_init
lan_host me 198.51.100.10/24 02:00:00:00:00:10
ns_addr me eth0 10.77.1.10/24
lan_host h1 10.77.2.1/24 52:54:00:00:02:01
lan_host h2 10.77.3.192/24 00:16:3e:00:03:c0
ns_exec me ip route add default via 198.51.100.1
ns_link me vpn0 me vpn1                         # a VPN-like device carrying the /1 halves
ns_exec me ip route add 0.0.0.0/1 dev vpn0
ns_exec me ip route add 128.0.0.0/1 dev vpn0
ns_exec me ip route add 10.77.5.0/24 dev eth0 table 100
tmp=$(ns_tmpdir)
mkdir -p "$tmp/root/etc/vmware"
cat > "$tmp/root/etc/vmware/networking" <<'EOF'
VERSION=1,0
answer VNET_2_DHCP yes
answer VNET_2_HOSTONLY_NETMASK 255.255.255.0
answer VNET_2_HOSTONLY_SUBNET 10.77.0.0
answer VNET_2_VIRTUAL_ADAPTER yes
EOF
S=(--root "$tmp/root" --libvirt-uri none suggest --from 10.77.0.0/21)

va me "${S[@]}" --json --count 2 >"$tmp/j" 2>"$tmp/err"; rc=$?
check_eq "exit 0" 0 "$rc"
J=$(cat "$tmp/j")
check_eq "suggestions in pool order, the first really free one first" \
        "['10.77.4.0/24', '10.77.6.0/24']" "$(jget "$J" "[s['subnet'] for s in d['suggestions']]")"
check_eq "both verified" "[True, True]" "$(jget "$J" "[s['verified'] for s in d['suggestions']]")"
check_eq "skipped before them, in order" \
        "['10.77.0.0/24', '10.77.1.0/24', '10.77.2.0/24', '10.77.3.0/24', '10.77.5.0/24']" \
        "$(jget "$J" "[s['subnet'] for s in d['skipped']]")"
reason() { jget "$J" "[s['reason'] for s in d['skipped'] if s['subnet']=='$1'][0]"; }
check "skipped: the vmnet in the inventory" grep -q "^overlaps vmware:vmnet2 10.77.0.0/24 (/etc/vmware/networking:4)$" <<<"$(reason 10.77.0.0/24)"
check_eq "skipped: the LAN's own subnet" "overlaps address 10.77.1.10/24 of host:eth0" "$(reason 10.77.1.0/24)"
check_eq "skipped: .1 answers on the wire" \
        "answers on the wire: 10.77.2.1 is in use by 52:54:00:00:02:01 (QEMU/KVM virtual NIC) on eth0" \
        "$(jget "$J" "[s['reason'] for s in d['skipped'] if s['subnet']=='10.77.2.0/24'][0].split(', ')[0]")"
check "skipped: a sampled address answers on the wire" \
        grep -q "^answers on the wire: 10.77.3.192 is in use by 00:16:3e:00:03:c0 (Xen virtual NIC) on eth0" \
        <<<"$(reason 10.77.3.0/24)"
check_eq "skipped: a route of table 100" "overlaps route 10.77.5.0/24 dev eth0 (table 100)" "$(reason 10.77.5.0/24)"
check "checked: inventory and the probed addresses" python3 - "$tmp/j" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["suggestions"][0]
c = s["checked"]
assert any(x.startswith("no VMware, libvirt, Docker, Podman or Incus subnet overlaps it") for x in c), c
assert any(x.startswith("no route of any table overlaps it") for x in c), c
for a in ("10.77.4.1", "10.77.4.254", "10.77.4.64", "10.77.4.128", "10.77.4.192"):
    assert any(x.startswith("no ARP answer for %s on " % a) and "eth0" in x for x in c), (a, c)
PY
check "probes reported" test "$(jget "$J" "d['probes']['sent']")" -ge 25
check_eq "paste: a free vmnet (vmnet2 is taken)" \
        "['answer VNET_1_DHCP yes', 'answer VNET_1_HOSTONLY_NETMASK 255.255.255.0', 'answer VNET_1_HOSTONLY_SUBNET 10.77.4.0', 'answer VNET_1_VIRTUAL_ADAPTER yes']" \
        "$(jget "$J" "d['suggestions'][0]['vmware']['answers']")"

# The paste-ready text, pasted: VMware's answers and libvirt's <ip> parse back.
mkdir -p "$tmp/paste/etc/vmware" "$tmp/paste/etc/libvirt/qemu/networks"
{ echo "VERSION=1,0"; jget "$J" "'\n'.join(d['suggestions'][0]['vmware']['answers'])"; } > "$tmp/paste/etc/vmware/networking"
{ echo "<network><name>lab</name><bridge name='virbr7'/>"; jget "$J" "d['suggestions'][0]['libvirt_ip']"; echo "</network>"; } \
        > "$tmp/paste/etc/libvirt/qemu/networks/lab.xml"
L=$(va_root --root "$tmp/paste" --offline --libvirt-uri none list --json 2>"$tmp/lerr")
check_eq "pasted VMware lines: vmnet1 host-only on 10.77.4.0/24, host .1" "hostonly 10.77.4.0/24 10.77.4.1" \
        "$(jget "$L" "' '.join(str(x) for n in d['networks'] if n['id']=='vmware:vmnet1' for x in (n['type'], n['subnets'][0]['prefix'], n['subnets'][0]['host_address']))")"
check_eq "pasted libvirt <ip>: 10.77.4.0/24, DHCP .128-.254" "10.77.4.0/24 10.77.4.1 10.77.4.128 10.77.4.254" \
        "$(jget "$L" "' '.join(str(x) for n in d['networks'] if n['id']=='libvirt:lab' for s in n['subnets'] for x in (s['prefix'], s['host_address'], s['dhcp_ranges'][0]['start'], s['dhcp_ranges'][0]['end']))")"
check_eq "pasted: no diagnostics" "" "$(cat "$tmp/lerr")"

# Text output names the subnet, what was checked and the paste text.
va me "${S[@]}" --count 1 >"$tmp/t" 2>&1
check_eq "text: first line" "10.77.4.0/24  free, verified on the wire" "$(head -n 1 "$tmp/t")"
check "text: checked lines" grep -q "^  checked: no ARP answer for 10.77.4.1 on .*eth0" "$tmp/t"
check "text: VMware answers" grep -q "^    answer VNET_1_HOSTONLY_SUBNET 10.77.4.0$" "$tmp/t"
check "text: libvirt <ip>" grep -q "^    <ip address='10.77.4.1' netmask='255.255.255.0'>$" "$tmp/t"
va me "${S[@]}" --count 1 -v 2>/dev/null | grep -q "^skipped 10.77.2.0/24: answers on the wire: 10.77.2.1"
check_eq "text -v: skipped candidates and why" 0 "$?"

# Without probes: the wire is not asked, and it says so.
J=$(va me "${S[@]}" --json --count 1 --no-probe 2>/dev/null)
check_eq "--no-probe: 10.77.2.0/24 (the wire was not asked)" "10.77.2.0/24 False" \
        "$(jget "$J" "'%s %s' % (d['suggestions'][0]['subnet'], d['suggestions'][0]['verified'])")"
check "--no-probe: says it was not verified" grep -q "not verified on the wire (--no-probe)" <<<"$J"
check_eq "--no-probe: no probes" "None" "$(jget "$J" "d['probes']")"
out=$(va_root "${S[@]}" --count 1 --offline 2>&1)
check "--offline in the root namespace: only the configuration excludes, unverified" \
        grep -q "^10.77.1.0/24  free in the inventory, NOT verified on the wire (--offline)" <<<"$out"

# No LAN interface at all: suggested, and said to be unverified.
ns_add lonely
J=$(va lonely --libvirt-uri none suggest --json --count 1 --from 10.77.0.0/22 2>/dev/null); rc=$?
check_eq "no LAN interface: exit 0, unverified" "0 10.77.0.0/24 False" \
        "$rc $(jget "$J" "'%s %s' % (d['suggestions'][0]['subnet'], d['suggestions'][0]['verified'])")"
check "no LAN interface: says why" grep -q "not verified on the wire (no interface to probe on)" <<<"$J"

# A /26 of the LAN's documentation range: the LAN's own addresses exclude.
J=$(va me --libvirt-uri none suggest --json --from 198.51.100.0/24 --prefix 26 --count 1 2>/dev/null)
check_eq "--prefix 26 inside the LAN's subnet: nothing free (it is the LAN's own)" "[]" \
        "$(jget "$J" "[s['subnet'] for s in d['suggestions']]")"

# Usage errors.
va me suggest --from 10.77.0.0/25 >/dev/null 2>&1; check_eq "pool smaller than a /24: 64" 64 "$?"
va me suggest --prefix 31 --from 10.77.0.0/21 >/dev/null 2>&1; check_eq "--prefix 31: 64" 64 "$?"
va me suggest --family inet6 --from 10.77.0.0/21 >/dev/null 2>&1; check_eq "family mismatch: 64" 64 "$?"
va me suggest --from nonsense >/dev/null 2>&1; check_eq "bad --from: 64" 64 "$?"
J=$(va me --libvirt-uri none suggest --json --family inet6 --from fd00:77::/62 2>/dev/null)
check_eq "IPv6: suggested, verified by DAD probes (suggest_ipv6.sh has the LAN cases)" "fd00:77::/64 True" \
        "$(jget "$J" "'%s %s' % (d['suggestions'][0]['subnet'], d['suggestions'][0]['verified'])")"

t_done
