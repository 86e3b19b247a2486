#!/usr/bin/env bash
# check_vnetlib.sh - "say why VMware refused": a root whose /var/log/vnetlib
# holds vmnet6's refusal at the last start-up yields one
# vmware-refused-network finding (origin file:line, the time, vmnet and
# subnet), linked both ways to the address-in-use that explains it; the
# refusal of an earlier start-up (vmnet1) is history, not a finding.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
tmp=$(ns_tmpdir)
root="$tmp/root"
cp -a contrib/demo-root "$root"
mkdir -p "$root/var/log"
cp tests/fixtures/check/vnetlib/vnetlib "$root/var/log/vnetlib"

# Static only: the refusal alone, a warning.
va_root --root "$root" --libvirt-uri none --offline check >"$tmp/off" 2>&1
check_eq "refusal without a cause found: warning, exit 1" 1 "$?"
check_eq "one vmware-refused-network finding (vmnet6 only)" 1 "$(grep -c '^warning: vmware-refused-network' "$tmp/off")"
check "refusal: time, subnet and origin" grep -q \
        "VMware refused vmnet6 at its last start-up (2026-11-29T08:14:03.110Z): vnetlib found its subnet 192.168.56.0 not available (/var/log/vnetlib:4)" "$tmp/off"
check "the earlier start-up's vmnet1 refusal is not reported" sh -c "! grep -q 'refused vmnet1' '$tmp/off'"

# The incident LAN: the cause is found and the two name each other.
ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan w0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan s0 br0; ns_addr srv eth0 198.51.100.20/24
ns_bridge srv virbr1 192.168.56.1/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan w0 && ns_wait_up lan s0
va ws --root "$root" --libvirt-uri none check --json >"$tmp/j" 2>"$tmp/e"
check_eq "incident + log: exit 2" 2 "$?"
check "JSON: refusal and address-in-use are related both ways" python3 - "$tmp/j" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {f["code"]: f for f in d["findings"]}
r, a = by["vmware-refused-network"], by["address-in-use"]
assert r["severity"] == "warning" and r["networks"] == ["vmware:vmnet6"], r
assert r["origins"] == ["/var/log/vnetlib:4"] and r["addresses"] == ["192.168.56.0"], r
assert r["related"] == [{"code": "address-in-use", "addresses": a["addresses"]}], r
assert a["related"] == [{"code": "vmware-refused-network", "addresses": ["192.168.56.0"]}], a
assert len([f for f in d["findings"] if f["code"] == "vmware-refused-network"]) == 1
PY
va ws --root "$root" --libvirt-uri none check >"$tmp/t" 2>&1
check "text: see also lines" grep -q '^  see also  address-in-use 192.168.56.1$' "$tmp/t"
check "text: the address-in-use points back" grep -q '^  see also  vmware-refused-network 192.168.56.0$' "$tmp/t"
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/j" "$tmp/e" "$tmp/t"

# A rotated copy: the start-up began in vnetlib.1, the refusal is there.
head -n 5 tests/fixtures/check/vnetlib/vnetlib >"$root/var/log/vnetlib.1"
printf '2026-11-29T08:14:04.000Z| vthread-3| I005: unrelated\n' >"$root/var/log/vnetlib"
va_root --root "$root" --libvirt-uri none --offline check >"$tmp/rot" 2>&1
check "rotated copy: refusal found with its file and line" grep -q '(/var/log/vnetlib.1:4)' "$tmp/rot"
t_done
