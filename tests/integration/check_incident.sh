#!/usr/bin/env bash
# check_incident.sh - the motivating incident end to end, in namespaces: a
# workstation whose VMware configuration plans vmnet6 at 192.168.56.1, a LAN
# bridge, and a test server holding 192.168.56.1 on a bridge of its own
# (virbr1), reachable over its LAN veth.  check must exit 2 naming vmnet6,
# the address and the server's MAC; with the server down it must exit 0.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
ROOT="$PWD/contrib/demo-root"

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan srv0 br0; ns_addr srv eth0 198.51.100.20/24
ns_bridge srv virbr1 192.168.56.1/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan ws0 && ns_wait_up lan srv0
SRV_MAC=$(ns_exec srv cat /sys/class/net/eth0/address)
tmp=$(ns_tmpdir)

va ws --root "$ROOT" --libvirt-uri none check >"$tmp/out" 2>"$tmp/err"
rc=$?
check_eq "incident: exit status 2" 2 "$rc"
check "incident: address-in-use finding" grep -q '^error: address-in-use' "$tmp/out"
check "incident: message names vmnet6 and its planned address" \
        grep -q "vmnet6's planned host address 192.168.56.1 (/etc/vmware/networking:8) is already in use on eth0 by $SRV_MAC" "$tmp/out"
check "incident: says another machine holds it" grep -q 'another machine holds it' "$tmp/out"
check "incident: hint" grep -q 'choose another subnet for vmnet6 or remove that address there' "$tmp/out"
check "incident: only vmnet6 is in use (vmnet1, vmnet8 free)" \
        test "$(grep -c '^error: ' "$tmp/out")" = 1
check "incident: summary line counts one error" grep -q '^vnetaudit: 1 error, 0 warnings, 0 infos in 3 networks; probed 3 addresses on eth0' "$tmp/out"
[ "$T_FAILED" -eq 0 ] || { sed 's/^/# /' "$tmp/out" "$tmp/err"; }

# JSON: the same finding, with MAC and interface as fields.
va ws --root "$ROOT" --libvirt-uri none check --json >"$tmp/json" 2>/dev/null
check_eq "incident --json: exit status 2" 2 "$?"
check "incident --json: finding fields" python3 - "$tmp/json" "$SRV_MAC" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["code"] == "address-in-use"]
assert len(f) == 1, d
f = f[0]
assert f["severity"] == "error" and f["mac"] == sys.argv[2] and f["interface"] == "eth0", f
assert "vmware:vmnet6" in f["networks"] and "192.168.56.1" in f["addresses"], f
assert "/etc/vmware/networking:8" in f["origins"], f
assert d["summary"] == {"errors": 1, "warnings": 0, "infos": 0, "networks": 3}, d["summary"]
assert d["probes"]["interfaces"] == ["eth0"] and d["probes"]["sent"] >= 3, d["probes"]
assert d["version"] == 1
PY

# --net: only the network about to start.
va ws --root "$ROOT" --libvirt-uri none check --net vmnet1 >"$tmp/out1" 2>&1
check_eq "--net vmnet1: clean, exit 0" 0 "$?"
va ws --root "$ROOT" --libvirt-uri none check --net vmnet6 -q >/dev/null 2>&1
check_eq "--net vmnet6: exit 2" 2 "$?"
va ws --root "$ROOT" --libvirt-uri none check --net vmnet9 >/dev/null 2>&1
check_eq "--net of an unknown network: usage error 64" 64 "$?"
va ws --root "$ROOT" --libvirt-uri none check --no-probe >"$tmp/np" 2>&1
check_eq "--no-probe: nothing static, exit 0" 0 "$?"
check "--no-probe: says no probes were sent" grep -q 'no probes sent' "$tmp/np"

# The server goes down: the same check is clean and quiet with -q.
ip -n "$(ns srv)" link set eth0 down
va ws --root "$ROOT" --libvirt-uri none check -q >"$tmp/down" 2>&1
check_eq "server down: exit 0" 0 "$?"
check_eq "server down: -q prints nothing" "" "$(cat "$tmp/down")"
t_done
