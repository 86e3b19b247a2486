#!/usr/bin/env bash
# probe_framing.sh - answers arp-scan hears and vnetaudit must hear too,
# replayed at a running `probe` by a python3 AF_PACKET responder in its own
# namespace (tests/lib/arp_responder.py, independent of our codec): an ARP
# reply carrying an 802.1Q tag on our untagged LAN, an ARP reply in IEEE
# 802.3 + 802.2 LLC/SNAP framing, both at once, and a real host whose MAC
# lies in an IEEE IAB block (ieee-data's iab.csv).  Each is a claim with
# the right MAC, vendor and VLAN; `check` reports the VLAN on its finding.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
ns_require_root
command -v python3 >/dev/null || { echo "# skip: python3 missing"; exit 77; }

lan_init
lan_host me 198.51.100.10/24 02:00:00:00:00:10
lan_host tag "" 52:54:00:00:07:01
lan_host snp "" 00:16:3e:00:00:02
lan_host both "" 08:00:27:00:00:03
lan_host vm56 "" 00:15:5d:00:00:56
# A real kernel answering from a MAC of the IAB block 00-50-C2-7D-5.
lan_host iab 198.51.100.74/24 00:50:c2:7d:50:01
tmp=$(ns_tmpdir)
R=tests/lib/arp_responder.py
ns_bg tag python3 "$R" eth0 20 52:54:00:00:07:01 198.51.100.71 vlan:7 "$tmp/r1"
ns_bg snp python3 "$R" eth0 20 00:16:3e:00:00:02 198.51.100.72 snap "$tmp/r2"
ns_bg both python3 "$R" eth0 20 08:00:27:00:00:03 198.51.100.73 vlan:300+snap "$tmp/r3"
ns_bg vm56 python3 "$R" eth0 20 00:15:5d:00:00:56 192.168.56.1 vlan:12 "$tmp/r4"
for _ in $(seq 1 100); do
        [ -e "$tmp/r1" ] && [ -e "$tmp/r2" ] && [ -e "$tmp/r3" ] && [ -e "$tmp/r4" ] && break
        sleep 0.05
done

out=$(va me probe -i eth0 198.51.100.71 198.51.100.72 198.51.100.73 198.51.100.74 198.51.100.75); rc=$?
check_eq "802.1Q-tagged reply: a claim with its VLAN" \
        "198.51.100.71 in use by 52:54:00:00:07:01 (QEMU/KVM virtual NIC) on eth0 in VLAN 7" "$(sed -n 1p <<<"$out")"
check_eq "LLC/SNAP reply: a claim" \
        "198.51.100.72 in use by 00:16:3e:00:00:02 (Xen virtual NIC) on eth0" "$(sed -n 2p <<<"$out")"
check_eq "tagged LLC/SNAP reply: a claim with its VLAN" \
        "198.51.100.73 in use by 08:00:27:00:00:03 (VirtualBox virtual NIC) on eth0 in VLAN 300" "$(sed -n 3p <<<"$out")"
if [ -r /usr/share/ieee-data/iab.csv ] || [ -r /var/lib/ieee-data/iab.csv ]; then
        check_eq "IAB block: the block's owner, not the registry's MA-L name" \
                "198.51.100.74 in use by 00:50:c2:7d:50:01 (DEUTA-WERKE GmbH) on eth0" "$(sed -n 4p <<<"$out")"
else
        not_ok "ieee-data's iab.csv is not installed (scripts/ensure-deps installs ieee-data)"
fi
check_eq "nobody answers .75: free" "198.51.100.75 free" "$(sed -n 5p <<<"$out")"
check_eq "exit 2" 2 "$rc"

j=$(va me probe --json -i eth0 198.51.100.71 198.51.100.72 198.51.100.73 198.51.100.74)
claim() { jget "$j" "[(c['mac'], c['vendor'], c['vlan']) for r in d['results'] if r['address']=='$1' for c in r['claims']]"; }
check_eq "json: tagged claim" "[('52:54:00:00:07:01', 'QEMU/KVM virtual NIC', 7)]" "$(claim 198.51.100.71)"
check_eq "json: LLC/SNAP claim, vlan null" "[('00:16:3e:00:00:02', 'Xen virtual NIC', None)]" "$(claim 198.51.100.72)"
check_eq "json: tagged LLC/SNAP claim" "[('08:00:27:00:00:03', 'VirtualBox virtual NIC', 300)]" "$(claim 198.51.100.73)"
check_eq "json: IAB claim" "[('00:50:c2:7d:50:01', 'DEUTA-WERKE GmbH', None)]" "$(claim 198.51.100.74)"
check "json: nothing malformed" test "$(jget "$j" "d['probes']['malformed']")" = 0

# check: vmnet6 plans 192.168.56.1, answered only in VLAN 12.
va me --root "$PWD/contrib/demo-root" --libvirt-uri none check -i eth0 --json >"$tmp/check.json" 2>/dev/null
check_eq "check: exit 2" 2 "$?"
check "check --json: address-in-use with the VLAN" python3 - "$tmp/check.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["code"] == "address-in-use"]
assert len(f) == 1 and f[0]["mac"] == "00:15:5d:00:00:56" and f[0]["vlan"] == 12, f
assert all("vlan" not in x for x in d["findings"] if x["code"] != "address-in-use"), d
PY
va me --root "$PWD/contrib/demo-root" --libvirt-uri none check -i eth0 >"$tmp/check.txt" 2>&1
check "check text: the claimant's VLAN is named" \
        grep -q "in use on eth0 by 00:15:5d:00:00:56 (Hyper-V virtual NIC) in VLAN 12" "$tmp/check.txt"

t_done
