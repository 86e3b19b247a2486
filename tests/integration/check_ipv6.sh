#!/usr/bin/env bash
# check_ipv6.sh - check probes a libvirt network's planned IPv6 host
# address with RFC 4862 DAD, in namespaces: a server on the LAN holding
# 2001:db8:77::1 makes check report address-in-use with its MAC (exit 2);
# the network's planned IPv4 address beside it is free; its link-local
# address is not probed; with the network running here, IPv4 gets the
# arp_ignore advice (address-visible-on-lan) and IPv6 does not (Linux
# answers a solicitation only on the interface holding the address).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
tmp=$(ns_tmpdir)
ROOT="$tmp/root"
mkdir -p "$ROOT/etc/libvirt/qemu/networks/autostart"
cat >"$ROOT/etc/libvirt/qemu/networks/v6lab.xml" <<'XML'
<network>
  <name>v6lab</name>
  <uuid>6f0c2d3e-8a4b-4c1d-9e2f-3a4b5c6d7e80</uuid>
  <bridge name='virbr6' stp='off'/>
  <ip address='203.0.113.1' prefix='24'/>
  <ip family='ipv6' address='2001:db8:77::1' prefix='64'/>
  <ip family='ipv6' address='fe80::77' prefix='64'/>
</network>
XML
ln -s ../v6lab.xml "$ROOT/etc/libvirt/qemu/networks/autostart/v6lab.xml"

for n in ip6lan ip6ws ip6srv; do
        ns_add "$n" && ns_exec "$n" sysctl -qw net.ipv6.conf.default.accept_dad=0
done
ns_bridge ip6lan br0
ns_link ip6ws eth0 ip6lan ws0 br0; ns_addr ip6ws eth0 198.51.100.10/24
ns_link ip6srv eth0 ip6lan srv0 br0; ns_addr ip6srv eth0 198.51.100.20/24
ip -n "$(ns ip6srv)" addr add 2001:db8:77::1/64 dev eth0 nodad
ns_wait_up ip6ws eth0 && ns_wait_up ip6srv eth0
SRV_MAC=$(ns_exec ip6srv cat /sys/class/net/eth0/address)

va ip6ws --root "$ROOT" --libvirt-uri none check >"$tmp/out" 2>"$tmp/err"
check_eq "planned IPv6 address held on the LAN: exit 2" 2 "$?"
check "address-in-use names the network, the IPv6 address and the holder's MAC" \
        grep -q "libvirt network v6lab's planned host address 2001:db8:77::1 (.*v6lab.xml.*) is already in use on eth0 by $SRV_MAC" "$tmp/out"
check "only the IPv6 address is in use" test "$(grep -c '^error: ' "$tmp/out")" = 1
check "two addresses probed: IPv4 and IPv6, not the link-local one" \
        grep -q "probed 2 addresses on eth0" "$tmp/out"
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/out" "$tmp/err"

va ip6ws --root "$ROOT" --libvirt-uri none check --json >"$tmp/json" 2>/dev/null
check "json: the finding's fields" python3 - "$tmp/json" "$SRV_MAC" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["code"] == "address-in-use"]
assert len(f) == 1, d
f = f[0]
assert f["mac"] == sys.argv[2] and f["interface"] == "eth0", f
assert "libvirt:v6lab" in f["networks"] and f["addresses"] == ["2001:db8:77::1"], f
assert any(o.startswith("NDP neighbor advertisement on eth0 from") for o in f["origins"]), f
PY

# The server gone: clean.
ip -n "$(ns ip6srv)" addr del 2001:db8:77::1/64 dev eth0
va ip6ws --root "$ROOT" --libvirt-uri none check >"$tmp/out2" 2>&1
check_eq "nobody holds it: exit 0" 0 "$?"

# The network running here: its IPv4 address is answered on the LAN card
# (weak host model), its IPv6 address is not; advice for IPv4 only.
ns_bridge ip6ws virbr6 203.0.113.1/24
ip -n "$(ns ip6ws)" addr add 2001:db8:77::1/64 dev virbr6 nodad
va ip6ws --root "$ROOT" --libvirt-uri none check --json >"$tmp/json3" 2>/dev/null
check "running here: arp_ignore advice for 203.0.113.1 only" python3 - "$tmp/json3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
v = [x for x in d["findings"] if x["code"] == "address-visible-on-lan"]
assert [x["addresses"] for x in v] == [["203.0.113.1"]], v
assert not [x for x in d["findings"] if x["code"] == "address-in-use"], d["findings"]
PY

t_done
