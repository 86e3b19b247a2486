#!/usr/bin/env bash
# check_running.sh - running networks are probed too: once vmnet6 is up
# here (its device holds 192.168.56.1), another machine claiming that
# address on the LAN is still found (the daily audit sees it while VMware
# runs); this host's own answers are not conflicts; and the weak host
# model (arp_ignore=0) is reported as the info address-visible-on-lan.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
DEMO="$PWD/contrib/demo-root"
tmp=$(ns_tmpdir)

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan w0 br0; ns_addr ws eth0 198.51.100.10/24
ns_bridge ws vmnet6 192.168.56.1/24          # VMware's vmnet6 is up here
ns_add other; ns_link other eth0 lan o0 br0; ns_addr other eth0 198.51.100.30/24
ns_wait_up ws eth0 && ns_wait_up other eth0 && ns_wait_up lan w0 && ns_wait_up lan o0

# Nobody else holds it: no conflict, but the address is visible on the LAN.
va ws --root "$DEMO" --libvirt-uri none check --net vmnet6 --json >"$tmp/clean.json" 2>"$tmp/clean.err"
check_eq "running vmnet6, nobody else: exit 0 (an info only)" 0 "$?"
check "running vmnet6 is probed (not 'no probes sent'), info names arp_ignore" python3 - "$tmp/clean.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["probes"]["sent"] >= 1 and d["probes"]["addresses"] == 1, d["probes"]
assert [r["address"] for r in d["probes"]["results"]] == ["192.168.56.1"], d["probes"]
assert d["probes"]["results"][0]["state"] == "free", d["probes"]
f = [x for x in d["findings"] if x["code"] == "address-visible-on-lan"]
assert len(f) == 1 and f[0]["severity"] == "info", d["findings"]
assert "arp_ignore=0" in f[0]["message"] and "host:eth0" in f[0]["networks"], f
assert not [x for x in d["findings"] if x["severity"] != "info"], d["findings"]
PY
# The other host answers for vmnet6's address when it asks (weak host model):
# from the other side this host is the claimant.
ip netns exec "$(ns other)" "$VNETAUDIT" probe 192.168.56.1 >"$tmp/other" 2>&1
check_eq "seen from the LAN, this host claims vmnet6's address (exit 2)" 2 "$?"
ns_exec ws sysctl -qw net.ipv4.conf.all.arp_ignore=1
ip netns exec "$(ns other)" "$VNETAUDIT" probe 192.168.56.1 >/dev/null 2>&1
check_eq "with arp_ignore=1 it is not answered on the LAN (exit 0)" 0 "$?"
va ws --root "$DEMO" --libvirt-uri none check --net vmnet6 -q >"$tmp/q" 2>&1
check_eq "arp_ignore=1: clean, exit 0" 0 "$?"
check_eq "arp_ignore=1: no info, -q prints nothing" "" "$(cat "$tmp/q")"
ns_exec ws sysctl -qw net.ipv4.conf.all.arp_ignore=0

# Another machine claims the address while vmnet6 runs.
ns_bridge other virbr1 192.168.56.1/24
OTHER_MAC=$(ns_exec other cat /sys/class/net/eth0/address)
va ws --root "$DEMO" --libvirt-uri none check --net vmnet6 >"$tmp/conf" 2>&1
check_eq "claimed while vmnet6 runs: exit 2" 2 "$?"
check "claimed while running: address-in-use names the other MAC" \
        grep -q "vmnet6 runs here, and its host address 192.168.56.1 (/etc/vmware/networking:8) is also claimed on eth0 by $OTHER_MAC" "$tmp/conf"
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/clean.json" "$tmp/clean.err" "$tmp/conf"
t_done
