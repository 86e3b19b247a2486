#!/usr/bin/env bash
# watch_ipv6.sh - `vnetaudit watch` with a libvirt network planning an IPv6
# host address (2001:db8:77::1, under --root): a server that takes the
# address after watch started is reported (address-in-use with its MAC)
# within 2 intervals, and resolved within 2 intervals after it drops it;
# with a long interval, another node's DAD probe for the address is heard
# passively (the capture passes NDP, the group is joined) within 1.5 s.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
command -v python3 >/dev/null || { echo "# skip: python3 missing"; exit 77; }
tmp=$(ns_tmpdir)
ROOT="$tmp/root"
mkdir -p "$ROOT/etc/libvirt/qemu/networks/autostart"
cat >"$ROOT/etc/libvirt/qemu/networks/v6lab.xml" <<'XML'
<network>
  <name>v6lab</name>
  <bridge name='virbr6' stp='off'/>
  <ip family='ipv6' address='2001:db8:77::1' prefix='64'/>
</network>
XML
ln -s ../v6lab.xml "$ROOT/etc/libvirt/qemu/networks/autostart/v6lab.xml"
for n in w6lan w6ws w6srv w6riv; do
        ns_add "$n" && ns_exec "$n" sysctl -qw net.ipv6.conf.default.accept_dad=0
done
ns_bridge w6lan br0
ns_link w6ws eth0 w6lan ws0 br0; ns_addr w6ws eth0 198.51.100.10/24
ns_link w6srv eth0 w6lan srv0 br0
ns_link w6riv eth0 w6lan riv0 br0
ns_wait_up w6ws eth0 && ns_wait_up w6srv eth0 && ns_wait_up w6riv eth0
SRV_MAC=$(ns_exec w6srv cat /sys/class/net/eth0/address)

wait_line() {   # FILE SKIP PYTHON-CONDITION SECONDS [T0]: seconds from T0 (default: now)
                # until a line matches, or "timeout"
        python3 - "$@" <<'PY'
import json, sys, time
path, skip, cond, secs = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
t0 = float(sys.argv[5]) if len(sys.argv) > 5 else time.time()
while time.time() - t0 < secs:
    for line in open(path).read().splitlines()[skip:]:
        try:
            e = json.loads(line)
        except ValueError:
            continue
        if eval(cond):
            print("%.2f" % (time.time() - t0)); sys.exit(0)
    time.sleep(0.05)
print("timeout"); sys.exit(1)
PY
}
le() { python3 -c "import sys; sys.exit(0 if sys.argv[1] != 'timeout' and float(sys.argv[1]) <= float(sys.argv[2]) else 1)" "$1" "$2"; }

INT=2
ip netns exec "$(ns w6ws)" "$VNETAUDIT" --root "$ROOT" --libvirt-uri none watch --json --interval $INT \
        >"$tmp/w1" 2>"$tmp/w1.err" &
W1=$!
NS_PIDS="$NS_PIDS $W1"
sleep 1.5
check "starts without address-in-use" bash -c "! grep -q address-in-use '$tmp/w1'"
s=$(wc -l <"$tmp/w1")
ip -n "$(ns w6srv)" addr add 2001:db8:77::1/64 dev eth0 nodad
t=$(wait_line "$tmp/w1" "$s" "e['event']=='new' and e['finding']['code']=='address-in-use' and '2001:db8:77::1' in e['finding']['addresses'] and e['finding']['mac']=='$SRV_MAC'" 15)
check "server takes 2001:db8:77::1: new address-in-use within 2 intervals ($t s)" le "$t" $((2 * INT))
s=$(wc -l <"$tmp/w1")
ip -n "$(ns w6srv)" addr del 2001:db8:77::1/64 dev eth0
t=$(wait_line "$tmp/w1" "$s" "e['event']=='resolved' and e['finding']['code']=='address-in-use'" 15)
check "server drops it: resolved within 2 intervals ($t s)" le "$t" $((2 * INT))
kill "$W1"; wait "$W1" 2>/dev/null

# Passive: a round every 30 s, a rival's DAD probe heard in between.
ip netns exec "$(ns w6ws)" "$VNETAUDIT" --root "$ROOT" --libvirt-uri none watch --json --interval 30 \
        >"$tmp/w2" 2>"$tmp/w2.err" &
W2=$!
NS_PIDS="$NS_PIDS $W2"
sleep 4         # started, and the first round is over (a loaded machine is slow)
s=$(wc -l <"$tmp/w2")
ns_bg w6riv python3 tests/lib/nd_tool.py rival eth0 00:16:3e:00:00:31 2001:db8:77::1 15 "$tmp/riv.ready"
for _ in $(seq 1 200); do [ -e "$tmp/riv.ready" ] && break; sleep 0.05; done
T0=$(date +%s.%N)       # the rival's first probe goes out now
t=$(wait_line "$tmp/w2" "$s" "e['event']=='new' and e['finding']['code']=='address-probe-collision' and e['finding']['mac']=='00:16:3e:00:00:31'" 10 "$T0")
check "another node's DAD probe heard passively within 1.5 s ($t s)" le "$t" 1.5
kill "$W2"; wait "$W2"
check_eq "SIGTERM: exit 0" 0 "$?"
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/w1" "$tmp/w1.err" "$tmp/w2" "$tmp/w2.err"

t_done
