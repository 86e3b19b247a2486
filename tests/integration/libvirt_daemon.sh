#!/usr/bin/env bash
# libvirt_daemon.sh - a real libvirtd inside a private network + mount
# namespace (its /etc/libvirt, /run/libvirt, /var/lib|cache|log/libvirt are
# directories of this test).  One network defined and started (bridge
# matched to the netlink link: one network, state up), a second defined
# and left inactive.  vnetaudit list --json through the API (default URI,
# run inside libvirtd's namespaces) and then, with libvirtd stopped, in
# files mode (--libvirt-uri none) must report the same networks.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
. tests/lib/libvirtd.sh
lv_require nsenter python3
VA="$(cd "$(dirname "$VNETAUDIT")" && pwd)/$(basename "$VNETAUDIT")"
lv_prepare
lv_start lv

cat >"$D/live.xml" <<'XML'
<network>
  <name>vat-live</name>
  <forward mode='nat'/>
  <bridge name='vatlv0' stp='off' delay='0'/>
  <ip address='198.51.100.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='198.51.100.100' end='198.51.100.150'/>
      <host mac='52:54:00:51:00:07' name='g7' ip='198.51.100.7'/>
    </dhcp>
  </ip>
</network>
XML
cat >"$D/idle.xml" <<'XML'
<network>
  <name>vat-idle</name>
  <bridge name='vatid0' stp='off' delay='0'/>
  <ip address='203.0.113.1' prefix='24'>
    <dhcp>
      <range start='203.0.113.50' end='203.0.113.60'/>
    </dhcp>
  </ip>
</network>
XML
check "define and start vat-live" sh -c "virsh -q -c 'qemu:///system?socket=$D/run/libvirt-sock' net-define '$D/live.xml' >/dev/null &&
        virsh -q -c 'qemu:///system?socket=$D/run/libvirt-sock' net-start vat-live >/dev/null &&
        virsh -q -c 'qemu:///system?socket=$D/run/libvirt-sock' net-autostart vat-live >/dev/null"
check "define vat-idle (not started)" sh -c "virsh -q -c 'qemu:///system?socket=$D/run/libvirt-sock' net-define '$D/idle.xml' >/dev/null"
check "the bridge exists in the namespace only" sh -c "ip -n '$NS' link show vatlv0 >/dev/null"
check "and not in the root namespace" sh -c "! ip link show vatlv0 >/dev/null 2>&1"

# The networks as one compact line each: id device type state persistent
# autostart subnet host range.
summary() {
        python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for n in sorted(d["networks"], key=lambda n: n["id"]):
    s = n["subnets"][0] if n["subnets"] else {}
    r = s.get("dhcp_ranges") or [{}]
    print(n["id"], n["device"], n["type"], n["state"], n.get("persistent"), n.get("autostart"),
          s.get("prefix"), s.get("host_address"), r[0].get("start"), r[0].get("end"),
          len(s.get("fixed_hosts", [])))
' "$1"
}
EXPECT="libvirt:vat-idle vatid0 isolated inactive True False 203.0.113.0/24 203.0.113.1 203.0.113.50 203.0.113.60 0
libvirt:vat-live vatlv0 nat up True True 198.51.100.0/24 198.51.100.1 198.51.100.100 198.51.100.150 1"

# API mode: the default URI, seen from libvirtd's own mount and network namespaces.
nsenter -t "$LVPID" -m -n "$VA" list --json >"$D/api.json" 2>"$D/api.err"
check "list --json through the API succeeds" test $? -eq 0
check_eq "nothing on stderr in API mode" "" "$(cat "$D/api.err")"
check_eq "API mode: vat-live active and matched, vat-idle inactive" "$EXPECT" "$(summary "$D/api.json")"
check_eq "API origins name the URI" "libvirt:qemu:///system#vat-live" \
        "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([n["origin"] for n in d["networks"] if n["id"]=="libvirt:vat-live"][0].rsplit(":",1)[0])' "$D/api.json")"
check_eq "one network for the bridge, not two" "0" \
        "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for n in d["networks"] if n["id"]=="host:vatlv0"))' "$D/api.json")"

# Files mode with libvirtd stopped: the same networks from the same files.
OLDPID=$LVPID
stop_libvirtd
check "libvirtd stopped" sh -c "! kill -0 $OLDPID 2>/dev/null"
va lv --libvirt-uri none --libvirt-dir "$D/etc" --libvirt-run-dir "$D/run" list --json >"$D/files.json" 2>"$D/files.err"
check "list --json in files mode succeeds" test $? -eq 0
check_eq "files mode reports the same networks" "$EXPECT" "$(summary "$D/files.json")"
check_eq "files mode origin is the status file" "$D/run/network/vat-live.xml" \
        "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([n["origin"] for n in d["networks"] if n["id"]=="libvirt:vat-live"][0].rsplit(":",1)[0])' "$D/files.json")"
# With the daemon gone, the default URI falls back to the same files with one warning.
va lv --libvirt-uri "qemu:///system?socket=$D/run/libvirt-sock-ro" --libvirt-dir "$D/etc" --libvirt-run-dir "$D/run" \
        list --json >"$D/fb.json" 2>/dev/null
check_eq "unreachable daemon: files mode, same networks" "$EXPECT" "$(summary "$D/fb.json")"
check "and one warning diagnostic saying so" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
w = [x for x in d["diagnostics"] if "cannot connect" in x["message"]]
sys.exit(0 if len(w) == 1 and w[0]["severity"] == "warning" and w[0]["message"].endswith("; reading files") else 1)' "$D/fb.json"
t_done
