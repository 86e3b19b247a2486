#!/usr/bin/env bash
# watch_lan.sh - `vnetaudit watch` on a namespace LAN: a workstation whose
# VMware plan (contrib/demo-root, copied so it can be re-saved) has vmnet1,
# vmnet6 and vmnet8, a LAN bridge, and a server.  Proves: a server that
# brings vmnet6's planned address up after watch started is reported within
# 2 intervals and resolved within 2 intervals after it goes; a foreign
# gratuitous ARP is reported within 1.5 s while we send nothing (counted on
# the bridge port); a foreign probe is a probe collision; an atomically
# replaced `networking` adding a vmnet on the LAN subnet is reported within
# 2 s; the packet budget (addresses x retries per round per interface) over
# an idle period; SIGTERM exits 0 within a second; --json lines parse one by one.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
tmp=$(ns_tmpdir)
ROOT="$tmp/root"
cp -r contrib/demo-root "$ROOT"
SEND="python3 $PWD/tests/lib/arpsend.py"

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan srv0 br0; ns_addr srv eth0 198.51.100.20/24
ns_bridge srv virbr1
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan ws0 && ns_wait_up lan srv0
WS_MAC=$(ns_exec ws cat /sys/class/net/eth0/address)
SRV_MAC=$(ns_exec srv cat /sys/class/net/eth0/address)

now() { date +%s.%N; }
# wait_line FILE SKIP PYTHON-CONDITION SECONDS: seconds from $T0 (set just
# before the action) until a JSON line of FILE after the first SKIP
# satisfies the condition on `e` (the event), or "timeout".
wait_line() {
        python3 - "$@" <<'PY'
import json, sys, time
path, skip, cond, secs = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
t0 = float(sys.argv[5]) if len(sys.argv) > 5 else time.time()  # when the action began
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
lines() { wc -l <"$1"; }
le() { python3 -c "import sys; sys.exit(0 if sys.argv[1] != 'timeout' and float(sys.argv[1]) <= float(sys.argv[2]) else 1)" "$1" "$2"; }

# ---- 1. interval 2 s: the server comes and goes ----
INT=2
ip netns exec "$(ns ws)" "$VNETAUDIT" --root "$ROOT" --libvirt-uri none watch --json --interval $INT \
        >"$tmp/w1" 2>"$tmp/w1.err" &
W1=$!
NS_PIDS="$NS_PIDS $W1"
sleep 1.5
check "watch: starts without address-in-use" \
        bash -c "! grep -q address-in-use '$tmp/w1'"
s=$(lines "$tmp/w1"); T0=$(date +%s.%N)
ip -n "$(ns srv)" addr add 192.168.56.1/24 dev virbr1
ip -n "$(ns srv)" link set virbr1 up
t=$(wait_line "$tmp/w1" "$s" "e['event']=='new' and e['finding']['code']=='address-in-use' and '192.168.56.1' in e['finding']['addresses'] and e['finding']['mac']=='$SRV_MAC'" 15 "$T0")
echo "# server up seen after $t s (interval $INT s)"
check "server brings 192.168.56.1 up: new address-in-use within 2 intervals ($t s)" le "$t" $((2 * INT))
s=$(lines "$tmp/w1"); T0=$(date +%s.%N)
ip -n "$(ns srv)" addr del 192.168.56.1/24 dev virbr1
t=$(wait_line "$tmp/w1" "$s" "e['event']=='resolved' and e['finding']['code']=='address-in-use'" 15 "$T0")
echo "# server down seen after $t s"
check "server drops it: resolved within 2 intervals ($t s)" le "$t" $((2 * INT))

# ---- 2. the packet budget over an idle period ----
IDLE=8
n=$(ns_exec lan $SEND ws0 count $IDLE "$WS_MAC")
rounds=$(python3 -c "import math; print(math.floor($IDLE / ($INT * 0.9)) + 1)")
budget=$((3 * 3 * rounds))     # 3 planned addresses x 3 retries x rounds, one interface
echo "# idle $IDLE s: $n frames of ours on the bridge (budget $budget for at most $rounds rounds)"
check "packet budget: some probes sent while idle" test "$n" -gt 0
check "packet budget: $n <= addresses x retries x rounds ($budget)" test "$n" -le "$budget"

# ---- 3. the configuration is re-saved (temp file, then rename) ----
cp "$ROOT/etc/vmware/networking" "$tmp/networking.new"
cat >>"$tmp/networking.new" <<'CONF'
answer VNET_9_DHCP no
answer VNET_9_HOSTONLY_NETMASK 255.255.255.0
answer VNET_9_HOSTONLY_SUBNET 198.51.100.0
answer VNET_9_VIRTUAL_ADAPTER yes
CONF
cp "$tmp/networking.new" "$ROOT/etc/vmware/.networking.tmp"
s=$(lines "$tmp/w1"); T0=$(date +%s.%N)
mv "$ROOT/etc/vmware/.networking.tmp" "$ROOT/etc/vmware/networking"
t=$(wait_line "$tmp/w1" "$s" "e['event']=='new' and e['finding']['code']=='subnet-conflicts-interface' and 'vmware:vmnet9' in e['finding']['networks']" 10 "$T0")
echo "# re-saved networking seen after $t s"
check "networking replaced by rename: vmnet9 on the LAN subnet reported within 2 s ($t s)" le "$t" 2

# ---- 3b. the host: a bridge with an address on vmnet8's subnet (netlink only) ----
s=$(lines "$tmp/w1"); T0=$(date +%s.%N)
ip -n "$(ns ws)" link add virbr7 type bridge
ip -n "$(ns ws)" addr add 172.16.68.5/24 dev virbr7
ip -n "$(ns ws)" link set virbr7 up
t=$(wait_line "$tmp/w1" "$s" "e['event']=='new' and e['finding']['code']=='subnet-conflicts-interface' and 'vmware:vmnet8' in e['finding']['networks'] and 'host:virbr7' in e['finding']['networks']" 10 "$T0")
echo "# new bridge seen after $t s"
check "netlink: a bridge on vmnet8's subnet is reported within 2 s ($t s)" le "$t" 2
T0=$(date +%s.%N); ip -n "$(ns ws)" link del virbr7
t=$(wait_line "$tmp/w1" "$s" "e['event']=='resolved' and e['finding']['code']=='subnet-conflicts-interface' and 'host:virbr7' in e['finding']['networks']" 10 "$T0")
check "netlink: resolved when the bridge goes ($t s)" le "$t" 2

# ---- 3c. SIGHUP re-reads everything and repeats nothing ----
sleep 0.5
s=$(lines "$tmp/w1"); T0=$(date +%s.%N)
kill -HUP "$W1"
sleep 1.5
check "SIGHUP: still running" kill -0 "$W1"
check_eq "SIGHUP: no event repeated (state carried over)" "$s" "$(lines "$tmp/w1")"

# ---- 4. SIGTERM ----
t0=$(now); kill -TERM "$W1"; wait "$W1"; rc=$?; t1=$(now)
check_eq "SIGTERM: exit status 0" 0 "$rc"
check "SIGTERM: exits within a second" python3 -c "import sys; sys.exit(0 if $t1 - $t0 <= 1.0 else 1)"
check "--json: every line parses as one event object" python3 - "$tmp/w1" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines, "no events"
for l in lines:
    e = json.loads(l)
    assert e["event"] in ("new", "resolved", "changed"), e
    assert e["time"].endswith("Z"), e
    f = e["finding"]
    assert {"code", "severity", "message"} <= set(f), f
PY

# ---- 5. passive: a foreign gratuitous ARP and a foreign probe, interval 60 ----
ip netns exec "$(ns ws)" "$VNETAUDIT" --root "$ROOT" --libvirt-uri none watch --json --interval 60 \
        >"$tmp/w2" 2>"$tmp/w2.err" &
W2=$!
NS_PIDS="$NS_PIDS $W2"
sleep 2         # the first round (at start) is over; the next is >= 54 s away
ns_exec lan $SEND ws0 count 2.5 "$WS_MAC" >"$tmp/count2" &
C2=$!
sleep 0.3
s=$(lines "$tmp/w2"); T0=$(date +%s.%N)
ns_exec srv $SEND eth0 garp 172.16.61.1
t=$(wait_line "$tmp/w2" "$s" "e['event']=='new' and e['finding']['code']=='address-in-use' and '172.16.61.1' in e['finding']['addresses']" 5 "$T0")
echo "# gratuitous ARP seen after $t s"
check "foreign gratuitous ARP for vmnet1's planned address: reported within 1.5 s ($t s)" le "$t" 1.5
wait $C2
check_eq "no frame of ours on the bridge meanwhile" 0 "$(cat "$tmp/count2")"
s=$(lines "$tmp/w2"); T0=$(date +%s.%N)
ns_exec srv $SEND eth0 probe 172.16.68.1
t=$(wait_line "$tmp/w2" "$s" "e['event']=='new' and e['finding']['code']=='address-probe-collision' and '172.16.68.1' in e['finding']['addresses']" 5 "$T0")
check "foreign probe for vmnet8's planned address: address-probe-collision ($t s)" le "$t" 1.5
kill -TERM "$W2"; wait "$W2"
check_eq "second watcher: SIGTERM exit 0" 0 "$?"
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/w1" "$tmp/w1.err" "$tmp/w2" "$tmp/w2.err"
t_done
