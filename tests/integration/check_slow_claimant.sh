#!/usr/bin/env bash
# check_slow_claimant.sh - RFC 5227 timing an operator can trust: a
# claimant that answers every probe 1 s late (a loaded host, a power-saving
# Wi-Fi card) is found by `check` with its default window; the old 1 s
# window listened too briefly after its last probe and read it as free.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
DEMO="$PWD/contrib/demo-root"
tmp=$(ns_tmpdir)

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan w0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add slow; ns_link slow eth0 lan s0 br0
ns_wait_up ws eth0 && ns_wait_up slow eth0 && ns_wait_up lan s0 && ns_wait_up lan w0
SLOW_MAC=$(ns_exec slow cat /sys/class/net/eth0/address)
# vmnet6 plans 192.168.56.1; the slow claimant answers for it after 1 s.
ns_bg slow python3 tests/helpers/slow_arp_responder.py eth0 192.168.56.1 1.0
sleep 0.3

va ws --root "$DEMO" --libvirt-uri none check --net vmnet6 --json -v >"$tmp/out" 2>"$tmp/err"
check_eq "default window: a claimant 1 s late is found (exit 2)" 2 "$?"
check "default window: address-in-use from the slow claimant" python3 - "$tmp/out" "$SLOW_MAC" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["code"] == "address-in-use"]
assert len(f) == 1 and f[0]["mac"] == sys.argv[2], d["findings"]
r = d["probes"]["results"][0]
assert r["address"] == "192.168.56.1" and r["state"] == "in-use", r
assert r["claims"][0]["seconds"] >= 1.0, r     # heard a second after a probe
assert d["probes"]["window"] == 4.5, d["probes"]
PY
check "-v: lists the interface, the address and the answer" \
        grep -q "192.168.56.1 (vmware:vmnet6): in-use; reply from $SLOW_MAC on eth0 at" "$tmp/err"
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/out" "$tmp/err"

sleep 1.5       # late replies to the first run's probes are still on their way
va ws --root "$DEMO" --libvirt-uri none check --net vmnet6 --timeout 1 >"$tmp/short" 2>&1
check_eq "a 1 s window stops listening too early: reads as free (exit 0)" 0 "$?"
t_done
