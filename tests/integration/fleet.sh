#!/usr/bin/env bash
# fleet.sh - `vnetaudit fleet` end to end on inventories that `list --json`
# really printed: fixture roots shaped like real hosts (stock libvirt
# `default` on three hosts, one with its <networkstatus> file, a 10.0.0.0/8
# over /24s, an IPv6 /64 reused, two routed hosts on one public /25,
# adjacent /25s, one network name and bridge name on two hosts), the
# incident from configuration alone, bad and duplicate inventories, and
# LANs found from live interfaces in namespaces (list reads netlink there;
# nothing is sent).  `fleet` itself reads files only.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
FX="$PWD/tests/fixtures/fleet"
tmp=$(ns_tmpdir)
inv() { # ROOT OUT: an offline inventory of a fixture root
        va_root --offline --libvirt-uri none --root "$1" list --json >"$2"
}
mkdir -p "$tmp/world" "$tmp/inc"
for r in "$FX"/world/*; do inv "$r" "$tmp/world/$(basename "$r").json"; done
for r in "$FX"/incident/*; do inv "$r" "$tmp/inc/$(basename "$r").json"; done

# --- real-world shapes ------------------------------------------------------
"$VNETAUDIT" fleet --json "$tmp"/world/*.json >"$tmp/w.json" 2>"$tmp/w.err"
check_eq "world: warnings only, exit 1" 1 "$?"
check "world: every overlap and duplicate with its hosts, nothing else" python3 - "$tmp/w.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]), strict=True)
got = sorted((f["code"], f["severity"], tuple(f["addresses"]), tuple(f["hosts"])) for f in doc["findings"])
want = sorted([
    ("duplicate-host-address", "warning", ("192.168.122.1",), ("kvm1", "kvm2", "kvm3")),
    ("subnet-overlap", "info", ("192.168.122.0/24",), ("kvm1", "kvm2", "kvm3")),
    ("subnet-overlap", "info", ("10.0.0.0/8", "10.1.2.0/24", "10.3.4.0/24"), ("kvm3", "kvm4", "kvm5")),
    ("duplicate-host-address", "warning", ("fd00:1:2:3::1",), ("kvm4", "kvm6")),
    ("subnet-overlap", "info", ("fd00:1:2:3::/64",), ("kvm4", "kvm6")),
    ("subnet-overlap", "info", ("203.0.113.0/25",), ("kvm6", "kvm7")),
])
assert got == want, "\n".join(map(str, got))
PY
check "world: networks are HOST/ID" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
f = [f for f in doc["findings"] if f["addresses"] == ["192.168.122.1"]][0]
assert f["networks"] == ["kvm1/libvirt:default", "kvm2/libvirt:default", "kvm3/libvirt:default"], f["networks"]' "$tmp/w.json"
check "world: the <networkstatus> file is kvm2's origin" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
f = [f for f in doc["findings"] if f["addresses"] == ["192.168.122.1"]][0]
assert "kvm2: /run/libvirt/network/default.xml:14" in f["origins"], f["origins"]
assert "kvm1: /etc/libvirt/qemu/networks/default.xml:5" in f["origins"], f["origins"]' "$tmp/w.json"
check "world: adjacent /25s and the same name and bridge on two hosts give nothing" \
        sh -c "! grep -q '172\\.2[01]\\.' '$tmp/w.json'"
check "world: check's JSON shape (summary, probes) plus hosts" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1 and doc["summary"]["warnings"] == 2 and doc["summary"]["infos"] == 4
assert "probes" in doc and len(doc["hosts"]) == 7
assert all(set(["code","severity","message","hint","networks","addresses","origins","hosts"]) <= set(f) for f in doc["findings"])
' "$tmp/w.json"
"$VNETAUDIT" fleet "$tmp/world" >"$tmp/w.txt" 2>&1
check_eq "world: a directory reads the same, exit 1" 1 "$?"
check_eq "world: text has the six findings" 6 "$(grep -cE '^(error|warning|info): ' "$tmp/w.txt")"
check "world: text names the hosts" grep -q '^  hosts     kvm1, kvm2, kvm3$' "$tmp/w.txt"
"$VNETAUDIT" fleet --fail-on error "$tmp/world" >/dev/null 2>&1
check_eq "world: --fail-on error, exit 0" 0 "$?"

# --- the incident, from configuration alone --------------------------------
"$VNETAUDIT" fleet "$tmp/inc/ws.json" - <"$tmp/inc/srv.json" >"$tmp/i.txt" 2>&1
check_eq "incident: exit 2" 2 "$?"
check "incident: an error naming both hosts" grep -q '^error: duplicate-host-address' "$tmp/i.txt"
check "incident: both networks" grep -q '^  networks  ws/vmware:vmnet6, srv/libvirt:test$' "$tmp/i.txt"
check "incident: both files" grep -q '^  where     ws: /etc/vmware/networking:4, srv: /etc/libvirt/qemu/networks/test.xml:5$' "$tmp/i.txt"
check "incident: srv's network is inactive in its inventory" python3 -c '
import json, sys
n = json.load(open(sys.argv[1]))["networks"][0]
assert n["id"] == "libvirt:test" and n["state"] != "up", n' "$tmp/inc/srv.json"

# --- container networks and pools cross hosts -----------------------------
# dock1 runs Docker (bip 10.60.6.1/24, default-address-pools 10.61.0.0/16)
# and a Podman network inside that pool; vm1's host-only vmnet6 reuses the
# Docker bridge's subnet.  Both come through list --json -> fleet.
mkdir -p "$tmp/ctr" "$tmp/dock1/etc/docker" "$tmp/dock1/etc/containers/networks" "$tmp/vm1/etc/vmware"
echo dock1 >"$tmp/dock1/etc/hostname"; echo vm1 >"$tmp/vm1/etc/hostname"
printf '{\n  "bip": "10.60.6.1/24",\n  "default-address-pools": [ { "base": "10.61.0.0/16", "size": 24 } ]\n}\n' \
        >"$tmp/dock1/etc/docker/daemon.json"
printf '{ "name": "lab", "driver": "bridge", "network_interface": "podman1",\n  "subnets": [ { "subnet": "10.61.5.0/24", "gateway": "10.61.5.1" } ] }\n' \
        >"$tmp/dock1/etc/containers/networks/lab.json"
printf '%s\n' 'VERSION=1,0' 'answer VNET_6_DHCP no' 'answer VNET_6_HOSTONLY_NETMASK 255.255.255.0' \
        'answer VNET_6_HOSTONLY_SUBNET 10.60.6.0' 'answer VNET_6_VIRTUAL_ADAPTER yes' >"$tmp/vm1/etc/vmware/networking"
for h in dock1 vm1; do
        va_root --offline --libvirt-uri none --docker-socket none --incus-socket none --root "$tmp/$h" \
                list --json >"$tmp/ctr/$h.json" 2>/dev/null
done
"$VNETAUDIT" fleet --json "$tmp/ctr" >"$tmp/c.json" 2>"$tmp/c.err"
check "containers: docker:bridge on dock1 overlaps vmware:vmnet6 on vm1" python3 -c '
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
o = [f for f in fs if f["code"] == "subnet-overlap" and f["hosts"] == ["dock1", "vm1"]]
assert o and o[0]["networks"] == ["dock1/docker:bridge", "vm1/vmware:vmnet6"], fs
assert "dock1: /etc/docker/daemon.json:2" in o[0]["origins"], o[0]["origins"]' "$tmp/c.json"
check "containers: dock1's pool read back, its own address-pool-overlap kept" python3 -c '
import json, sys
fs = json.load(open(sys.argv[1]))["findings"]
p = [f for f in fs if f["code"] == "address-pool-overlap"]
assert p and p[0]["hosts"] == ["dock1"] and "dock1/podman:lab" in p[0]["networks"], fs
assert any("/etc/docker/daemon.json:3" in o for o in p[0]["origins"]), p[0]["origins"]' "$tmp/c.json"

# --- bad inputs: a per-file error each, the rest still analysed ------------
mkdir -p "$tmp/bad"
cp "$tmp/inc/ws.json" "$tmp/inc/srv.json" "$tmp/bad/"
printf '{"version": 1, "host": "x", "networks": [\n  {"id": \n' >"$tmp/bad/truncated.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["version"]=99; d["host"]="future"; print(json.dumps(d))' \
        "$tmp/inc/ws.json" >"$tmp/bad/v99.json"
va_root --offline --libvirt-uri none --root "$FX/incident/ws" check --json >"$tmp/bad/check.json" 2>/dev/null
"$VNETAUDIT" fleet --json "$tmp/bad" "$tmp/missing.json" >"$tmp/b.json" 2>"$tmp/b.err"
check_eq "bad files: the incident is still found, exit 2" 2 "$?"
check "bad files: one config-error per bad file, naming it" python3 - "$tmp/b.json" "$tmp" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
t = sys.argv[2]
errs = {f["origins"][0]: f["message"] for f in doc["findings"] if f["code"] == "config-error"}
assert set(errs) == {t + "/bad/truncated.json:3", t + "/bad/v99.json", t + "/bad/check.json", t + "/missing.json"}, errs
assert "version 99 is not supported" in errs[t + "/bad/v99.json"]
assert "not JSON" in errs[t + "/bad/truncated.json:3"]
assert "not an inventory" in errs[t + "/bad/check.json"]
assert any(f["code"] == "duplicate-host-address" and f["hosts"] == ["srv", "ws"] for f in doc["findings"]), doc["findings"]
PY

# --- the same host twice --------------------------------------------------
mkdir -p "$tmp/dup"
retime() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["timestamp"]=sys.argv[2]; d["networks"][0]["subnets"][0]["host_address"]=sys.argv[3]; print(json.dumps(d))' "$@"; }
retime "$tmp/inc/srv.json" 2026-01-01T00:00:00Z 192.168.56.1 >"$tmp/dup/a-old.json"
retime "$tmp/inc/srv.json" 2026-02-01T00:00:00Z 192.168.56.3 >"$tmp/dup/b-new.json"
"$VNETAUDIT" fleet "$tmp/inc/ws.json" "$tmp/dup" >"$tmp/d.txt" 2>&1
check_eq "same host twice: the newer is used (no duplicate, an info only), exit 0" 0 "$?"
check "same host twice: says which it used" grep -q "a-old.json: warning: host srv is also in $tmp/dup/b-new.json, which is newer" "$tmp/d.txt"
check "same host twice: no duplicate-host-address" sh -c "! grep -q duplicate-host-address '$tmp/d.txt'"
"$VNETAUDIT" fleet "$tmp/inc/srv.json" "$tmp/inc/srv.json" >"$tmp/d2.txt" 2>&1
check_eq "same host twice, neither newer: an error, exit 2" 2 "$?"
check "same host twice, neither newer: says so" grep -q 'host srv is already in .*neither inventory is newer' "$tmp/d2.txt"
"$VNETAUDIT" fleet "$tmp/empty-dir-does-not-exist" >/dev/null 2>&1
check_eq "nothing usable: exit 65" 65 "$?"
"$VNETAUDIT" fleet >/dev/null 2>&1
check_eq "no operand: exit 64" 64 "$?"
"$VNETAUDIT" fleet --segment bad "$tmp/world" >/dev/null 2>&1
check_eq "bad --segment: exit 64" 64 "$?"

# --- LANs from live interfaces ---------------------------------------------
if [ "$(id -u)" -eq 0 ] && ip netns add "${NS_PREFIX}probe" 2>/dev/null; then
        ip netns delete "${NS_PREFIX}probe"
        ns_add lan; ns_bridge lan br0
        for h in r1 r2 r3; do
                mkdir -p "$tmp/root-$h/etc"; echo "$h" >"$tmp/root-$h/etc/hostname"
                ns_add $h; ns_link $h eth0 lan $h-port br0
                ns_bridge $h virbr1 10.9.9.1/24
        done
        ns_addr r1 eth0 198.51.100.10/25; ns_addr r2 eth0 198.51.100.20/25
        ns_addr r3 eth0 198.51.100.200/25
        ns_exec r1 ip addr add fe80::1/64 dev eth0 nodad   # link-local says nothing
        ns_exec r3 ip addr add fe80::1/64 dev eth0 nodad
        mkdir -p "$tmp/lan"
        for h in r1 r2 r3; do
                va $h --libvirt-uri none --root "$tmp/root-$h" list --json >"$tmp/lan/$h.json"
        done
        "$VNETAUDIT" fleet --json "$tmp/lan" >"$tmp/l.json" 2>/dev/null
        check_eq "lan: warnings, exit 1" 1 "$?"
        check "lan: r1 and r2 share a /25, r3 is on the other" python3 -c '
import json, sys
d = [f for f in json.load(open(sys.argv[1]))["findings"] if f["code"] == "duplicate-host-address"]
assert [f["hosts"] for f in d] == [["r1", "r2"]], d
assert d[0]["networks"] == ["r1/host:virbr1", "r2/host:virbr1"], d' "$tmp/l.json"
        "$VNETAUDIT" fleet --json --segment lab=r1,r3 "$tmp/lan" >"$tmp/l2.json" 2>/dev/null
        check "lan: --segment puts r1 with r3" python3 -c '
import json, sys
d = [f["hosts"] for f in json.load(open(sys.argv[1]))["findings"] if f["code"] == "duplicate-host-address"]
assert d == [["r1", "r3"]], d' "$tmp/l2.json"
        printf '[fleet]\nsegment = lab=r1,r3\n' >"$tmp/fleet.conf"
        "$VNETAUDIT" --config "$tmp/fleet.conf" fleet --json "$tmp/lan" >"$tmp/l3.json" 2>/dev/null
        check "lan: [fleet] segment does the same" cmp -s "$tmp/l2.json" "$tmp/l3.json"
        printf '[fleet]\nsegment = lonely=r1\n' >"$tmp/bad.conf"
        "$VNETAUDIT" --config "$tmp/bad.conf" fleet "$tmp/lan" >"$tmp/l4" 2>&1
        check_eq "lan: a bad [fleet] segment is exit 78" 78 "$?"
        check "lan: ... with file:line" grep -q "bad.conf:2: segment must be NAME=HOST,HOST" "$tmp/l4"
else
        echo "# no namespaces here: LAN detection from live interfaces not tested"
fi
t_done
