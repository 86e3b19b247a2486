#!/usr/bin/env bash
# check_static.sh - check's judgement and exit statuses end to end, in a
# workstation namespace with fixture roots: a vmnet sharing libvirt's
# default subnet, a segment coupled on purpose (no overlap, but the DHCP
# pool clash), a VPN's broad routes (warnings only: exit 1), --fail-on,
# unreadable and bad vnetaudit.conf (sysexits), text and JSON agreeing.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
FX="$PWD/tests/fixtures/check"
DEMO="$PWD/contrib/demo-root"
tmp=$(ns_tmpdir)
: >"$tmp/empty.conf"

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
ns_wait_up ws eth0

# libvirt's default and vmnet6 on one subnet.
va ws --root "$FX/overlap" --libvirt-uri none --timeout 0.2 check >"$tmp/ov" 2>&1
check_eq "overlap: exit 2" 2 "$?"
check "overlap: subnet-overlap" grep -q '^error: subnet-overlap' "$tmp/ov"
check "overlap: both origins, in the message" grep -q '(/etc/vmware/networking:8) .*(/etc/libvirt/qemu/networks/default.xml:8)' "$tmp/ov"
check_eq "overlap: ... and not a second time under where" 0 "$(grep -c '^  where ' "$tmp/ov")"
check "overlap: both networks" grep -q '^  networks  vmware:vmnet6, libvirt:default$' "$tmp/ov"
check_eq "overlap: nothing else" 1 "$(grep -c '^error\|^warning' "$tmp/ov")"

# Coupled on purpose: the overlap is declared, the pool clash is not fine.
va ws --root "$FX/coupled" --libvirt-uri none --timeout 0.2 check >"$tmp/cp" 2>&1
check_eq "coupled: exit 2" 2 "$?"
check "coupled: no subnet-overlap" sh -c "! grep -q subnet-overlap '$tmp/cp'"
check "coupled: dhcp-range-overlap between vmnet6 and lab" \
        grep -q "^  vmnet6's DHCP range 192.168.100.128-192.168.100.254 (/etc/vmware/vmnet6/dhcpd/dhcpd.conf:3) overlaps libvirt network lab's DHCP range 192.168.100.20-192.168.100.140 (/etc/libvirt/qemu/networks/lab.xml:8) on their shared segment" "$tmp/cp"
# Without the segment declaration the same files are an overlap.
va ws --root "$FX/coupled" --config "$tmp/empty.conf" --libvirt-uri none --timeout 0.2 check >"$tmp/cp2" 2>&1
check "coupled without vnetaudit.conf: subnet-overlap" grep -q '^error: subnet-overlap' "$tmp/cp2"

# A VPN's broad routes: warnings only.
ns_exec ws ip route add 0.0.0.0/1 via 198.51.100.1 dev eth0
ns_exec ws ip route add 128.0.0.0/1 via 198.51.100.1 dev eth0
va ws --root "$DEMO" --libvirt-uri none --timeout 0.2 check >"$tmp/w" 2>&1
check_eq "vpn routes: warnings only, exit 1" 1 "$?"
check_eq "vpn routes: one warning per route, not per network (128.0.0.0/1 covers all three)" 1 "$(grep -c '^warning: subnet-conflicts-route' "$tmp/w")"
check "vpn routes: the warning lists vmnet1, vmnet6 and vmnet8" grep -q 'covers the subnets of 3 networks: vmnet1 172.16.61.0/24' "$tmp/w"
check "vpn routes: no errors" sh -c "! grep -q '^error' '$tmp/w'"
va ws --root "$DEMO" --libvirt-uri none --timeout 0.2 check --fail-on=never >"$tmp/wn" 2>&1
check_eq "--fail-on=never: exit 0" 0 "$?"
check "--fail-on=never: the same report" diff <(grep -v '^vnetaudit: ' "$tmp/w") <(grep -v '^vnetaudit: ' "$tmp/wn")
va ws --root "$DEMO" --libvirt-uri none --timeout 0.2 check --fail-on=error >/dev/null 2>&1
check_eq "--fail-on=error: warnings do not fail" 0 "$?"
va ws --root "$FX/overlap" --libvirt-uri none --timeout 0.2 check --fail-on=never >/dev/null 2>&1
check_eq "--fail-on=never: errors do not fail either" 0 "$?"
# A more specific route elsewhere is an error.
ns_exec ws ip route add 192.168.56.0/25 via 198.51.100.1 dev eth0
va ws --root "$DEMO" --libvirt-uri none --timeout 0.2 check --no-probe >"$tmp/sp" 2>&1
check_eq "specific route: exit 2" 2 "$?"
check "specific route: error naming the route" grep -q 'route 192.168.56.0/25 via 198.51.100.1 dev eth0 (table main) sends part of vmnet6' "$tmp/sp"
ns_exec ws ip route del 192.168.56.0/25

# vnetaudit.conf that cannot be used: never ignored.
va ws --root "$DEMO" --libvirt-uri none --config /nonexistent/vnetaudit.conf check >"$tmp/c1" 2>&1
check_eq "missing --config file: exit 66" 66 "$?"
printf '[probe]\nretries = 0\n[segment x]\nnetworks = vmnet6\n' >"$tmp/bad.conf"
va ws --root "$DEMO" --libvirt-uri none --config "$tmp/bad.conf" check >"$tmp/c2" 2>"$tmp/c2e"
check_eq "bad vnetaudit.conf: exit 78" 78 "$?"
check "bad vnetaudit.conf: file:line message" grep -q "^$tmp/bad.conf:2: retries must be between 1 and 20" "$tmp/c2e"
check "bad vnetaudit.conf: second error too" grep -q "^$tmp/bad.conf:4: segment x must name at least two networks" "$tmp/c2e"
check_eq "bad vnetaudit.conf: no report on stdout" "" "$(cat "$tmp/c2")"
mkdir -p "$tmp/root/etc/vnetaudit.conf"
va ws --root "$tmp/root" --libvirt-uri none --timeout 0.2 check >/dev/null 2>"$tmp/c3"
check_eq "unreadable default vnetaudit.conf (a directory): exit 78" 78 "$?"

# Text and JSON say the same: (severity, code, networks, addresses) sets.
for r in "$FX/overlap" "$FX/coupled" "$DEMO"; do
        va ws --root "$r" --libvirt-uri none --timeout 0.2 check >"$tmp/t" 2>/dev/null; rt=$?
        va ws --root "$r" --libvirt-uri none --timeout 0.2 check --json >"$tmp/j" 2>/dev/null; rj=$?
        check_eq "text and JSON: same exit status ($(basename "$r"))" "$rt" "$rj"
        check "text and JSON: same findings ($(basename "$r"))" python3 - "$tmp/t" "$tmp/j" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read().split("\n\n")
doc = json.load(open(sys.argv[2]))
def key(sev, code, nets, addrs, msg):
    return (sev, code, tuple(nets), tuple(addrs), msg)
t = []
for block in text:
    lines = block.strip("\n").split("\n")
    m = re.match(r"^(error|warning|info): (\S+)$", lines[0])
    if not m:
        continue
    f = {"networks": [], "addresses": []}
    for l in lines[2:]:
        k, _, v = l.strip().partition(" ")
        if k in f:
            f[k] = v.strip().split(", ")
    t.append(key(m[1], m[2], f["networks"], f["addresses"], lines[1].strip()))
j = [key(f["severity"], f["code"], f["networks"], f["addresses"], f["message"]) for f in doc["findings"]]
assert t == j, (t, j)
s = doc["summary"]
summary = [l for l in open(sys.argv[1]) if l.startswith("vnetaudit")][-1]
assert f'{s["errors"]} error' in summary and f'{s["warnings"]} warning' in summary, summary
PY
done
t_done
