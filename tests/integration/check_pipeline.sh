#!/usr/bin/env bash
# check_pipeline.sh - check's phases return data and probing never hides a
# static finding: with no usable interface a static overlap is still
# reported (exit 2) next to a probe-incomplete warning; one of two
# interfaces vanishing mid-probe leaves the other's answers standing; a
# missing --root / --vmware-dir / --libvirt-dir is EX_NOINPUT (66).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
FX="$PWD/tests/fixtures/check"
DEMO="$PWD/contrib/demo-root"
tmp=$(ns_tmpdir)

# 1. A workstation whose only LAN card is down (boot): the static overlap
#    of vmnet6 and libvirt's default stands, probing is a warning.
ns_add boot
ns_add bootlan; ns_bridge bootlan br0
ns_link boot eth0 bootlan b0 br0; ns_addr boot eth0 198.51.100.10/24
ip -n "$(ns boot)" link set eth0 down
va boot --root "$FX/overlap" --libvirt-uri none check >"$tmp/boot" 2>"$tmp/boot.err"
check_eq "LAN down + static overlap: exit 2" 2 "$?"
check "LAN down: subnet-overlap printed" grep -q '^error: subnet-overlap' "$tmp/boot"
check "LAN down: probe-incomplete warning" grep -q '^warning: probe-incomplete' "$tmp/boot"
check "LAN down: says why" grep -q 'probing could not be done: no up, broadcast-capable interface' "$tmp/boot"
check "LAN down: no 'probing failed' abort" sh -c "! grep -q 'probing failed' '$tmp/boot.err'"
va boot --root "$FX/overlap" --libvirt-uri none check --json >"$tmp/boot.json" 2>/dev/null
check_eq "LAN down --json: exit 2" 2 "$?"
check "LAN down --json: both findings, probe-incomplete names the unprobed address" python3 - "$tmp/boot.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
codes = {f["code"]: f for f in d["findings"]}
assert "subnet-overlap" in codes and codes["subnet-overlap"]["severity"] == "error", d
p = codes["probe-incomplete"]
assert p["severity"] == "warning" and p["addresses"], p
assert d["summary"]["errors"] >= 1 and d["summary"]["warnings"] >= 1, d["summary"]
assert d["probes"]["sent"] == 0, d["probes"]
PY
# A clean plan with the LAN down: a warning, not a veto under --fail-on=error.
va boot --root "$DEMO" --libvirt-uri none check --fail-on=error >"$tmp/boot2" 2>&1
check_eq "LAN down, clean plan, --fail-on=error: exit 0" 0 "$?"
check "LAN down, clean plan: probe-incomplete still said" grep -q '^warning: probe-incomplete' "$tmp/boot2"
va boot --root "$DEMO" --libvirt-uri none check >/dev/null 2>&1
check_eq "LAN down, clean plan, default --fail-on: exit 1" 1 "$?"

# 2. Two LANs; the server claiming vmnet6's address sits on LAN A; eth1
#    (LAN B) is deleted while probing.
ns_add lana; ns_bridge lana br0
ns_add lanb; ns_bridge lanb br0
ns_add ws
ns_link ws eth0 lana w0 br0; ns_addr ws eth0 198.51.100.10/24
ns_link ws eth1 lanb w1 br0; ns_addr ws eth1 203.0.113.10/24
ns_add srv; ns_link srv eth0 lana s0 br0; ns_addr srv eth0 198.51.100.20/24
ns_bridge srv virbr1 192.168.56.1/24
ns_wait_up ws eth0 && ns_wait_up ws eth1 && ns_wait_up srv eth0 && ns_wait_up lana s0 && ns_wait_up lana w0
SRV_MAC=$(ns_exec srv cat /sys/class/net/eth0/address)
# Three addresses, one claimed: the run lasts the whole window.
va ws --root "$DEMO" --libvirt-uri none check --timeout 4.5 --json >"$tmp/two.json" 2>"$tmp/two.err" &
vapid=$!
sleep 0.4
ip -n "$(ns ws)" link del eth1
wait $vapid
check_eq "interface vanished mid-probe: exit 2 (the other's answer stands)" 2 "$?"
check "vanished: address-in-use from eth0, probe-incomplete for eth1" python3 - "$tmp/two.json" "$SRV_MAC" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["code"] == "address-in-use"]
assert len(f) == 1 and f[0]["mac"] == sys.argv[2] and f[0]["interface"] == "eth0", d["findings"]
p = [x for x in d["findings"] if x["code"] == "probe-incomplete"]
assert len(p) == 1 and "host:eth1" in p[0]["networks"] and p[0]["interface"] == "eth1", p
assert "eth1 went down while probing" in p[0]["message"], p[0]["message"]
st = {s["interface"]: s for s in d["probes"]["interface_status"]}
assert st["eth0"]["status"] == "ok" and st["eth1"]["status"] == "went-down", st
assert st["eth1"]["reason"], st
assert "send: send" not in p[0]["message"]
PY
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/two.json" "$tmp/two.err"

# 3. Inputs that do not exist are an error, not a clean audit of nothing.
va ws --root /nonexistent-vnetaudit-root --libvirt-uri none check --no-probe >/dev/null 2>"$tmp/e66"
check_eq "--root missing: exit 66" 66 "$?"
check "--root missing: says so" grep -q -- '--root /nonexistent-vnetaudit-root: No such file or directory' "$tmp/e66"
va ws --root "$DEMO" --vmware-dir /nope --libvirt-uri none check --no-probe >/dev/null 2>"$tmp/e66b"
check_eq "--vmware-dir missing: exit 66" 66 "$?"
check "--vmware-dir missing: names the path below the root" grep -q -- "--vmware-dir $DEMO/nope" "$tmp/e66b"
va ws --root "$DEMO" --libvirt-dir /nope --libvirt-uri none check --no-probe >/dev/null 2>&1
check_eq "--libvirt-dir missing: exit 66" 66 "$?"
va ws --root "$DEMO" --libvirt-uri none check --no-probe >/dev/null 2>&1
check_eq "default libvirt dir absent below the root: not installed, exit 0" 0 "$?"

# 4. Selectors: a pattern or source that matches nothing is fine, a plain
#    name that does not exist is a usage error.
va ws --root "$DEMO" --libvirt-uri none check --no-probe --net 'libvirt:*' >"$tmp/sel" 2>&1
check_eq "--net 'libvirt:*' matching nothing: exit 0" 0 "$?"
check "--net 'libvirt:*': 0 networks checked" grep -q 'in 0 networks' "$tmp/sel"
va ws --root "$DEMO" --libvirt-uri none check --no-probe --net vmware >"$tmp/sel2" 2>&1
check "--net vmware (a source): its 3 networks" grep -q 'in 3 networks' "$tmp/sel2"
va ws --root "$DEMO" --libvirt-uri none check --no-probe --net vmnet7 >/dev/null 2>&1
check_eq "--net vmnet7 (a plain name, absent): exit 64" 64 "$?"
t_done
