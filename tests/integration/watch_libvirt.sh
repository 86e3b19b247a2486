#!/usr/bin/env bash
# watch_libvirt.sh - `watch` follows a real libvirtd's network lifecycle
# events (tests/lib/libvirtd.sh: the daemon in its own network + mount
# namespace).  The watcher runs in another namespace with --no-probe and
# is told only the daemon's read-only socket: it cannot see the daemon's
# bridges by netlink nor its XML by inotify, so every finding below can
# only have come through the libvirt API's events.  The VMware plan has
# vmnet2 on 203.0.113.0/24.  Proves: watch starts and keeps running while
# libvirtd is absent and connects when it appears; `virsh net-define` +
# `net-start` of a network on vmnet2's subnet is reported (new
# subnet-overlap) within 2 s; `net-destroy` + `net-undefine` is reported
# resolved within 2 s; after libvirtd is stopped and started again watch
# reconnects and reports the next definition; the watcher has one thread
# (libvirt's loop runs in its own poll) and reconnects holding CAP_NET_RAW
# only; SIGTERM exits 0.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
. tests/lib/libvirtd.sh
lv_require python3
lv_prepare
tmp=$(ns_tmpdir)
ROOT="$tmp/root"
mkdir -p "$ROOT/etc/vmware"
cat >"$ROOT/etc/vmware/networking" <<'CONF'
VERSION=1,0
answer VNET_2_DHCP no
answer VNET_2_HOSTONLY_NETMASK 255.255.255.0
answer VNET_2_HOSTONLY_SUBNET 203.0.113.0
answer VNET_2_VIRTUAL_ADAPTER yes
CONF
cat >"$D/over.xml" <<'XML'
<network>
  <name>lve-over</name>
  <bridge name='lvebr0' stp='off' delay='0'/>
  <ip address='203.0.113.1' prefix='24'/>
</network>
XML
URI="qemu:///system?socket=$D/run/libvirt-sock-ro"
virsh_rw() { virsh -q -c "qemu:///system?socket=$D/run/libvirt-sock" "$@" >/dev/null; }

# wait_line FILE SKIP CONDITION SECONDS T0: seconds from T0 until a JSON line
# after the first SKIP satisfies CONDITION on `e`, or "timeout".
wait_line() {
        python3 - "$@" <<'PY'
import json, sys, time
path, skip, cond, secs, t0 = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
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
# wait_err FILE TEXT SECONDS: until stderr FILE has TEXT.
wait_err() {
        local i
        for i in $(seq 1 $(($3 * 20))); do grep -qF "$2" "$1" && return 0; sleep 0.05; done
        return 1
}
lines() { wc -l <"$1"; }
le() { python3 -c "import sys; sys.exit(0 if sys.argv[1] != 'timeout' and float(sys.argv[1]) <= float(sys.argv[2]) else 1)" "$1" "$2"; }
NEW_OVERLAP="e['event']=='new' and e['finding']['code']=='subnet-overlap' and 'libvirt:lve-over' in e['finding']['networks'] and 'vmware:vmnet2' in e['finding']['networks']"
GONE_OVERLAP="e['event']=='resolved' and e['finding']['code']=='subnet-overlap' and 'libvirt:lve-over' in e['finding']['networks']"

# ---- 1. libvirtd absent: watch runs on ----
ns_add w
ip netns exec "$(ns w)" "$VNETAUDIT" -v --root "$ROOT" --libvirt-uri "$URI" watch --json --no-probe \
        >"$tmp/out" 2>"$tmp/err" &
W=$!
NS_PIDS="$NS_PIDS $W"
sleep 2
check "libvirtd absent: watch keeps running" kill -0 "$W"
check "and says it will retry" grep -q "libvirt: cannot connect.*retrying" "$tmp/err"
check "and reports nothing of libvirt" bash -c "! grep -q 'libvirt:' '$tmp/out'"

# ---- 2. libvirtd appears: watch connects (back-off at most 4 s by now) ----
lv_start lv
check "libvirtd appears: watch follows its events within 8 s" \
        wait_err "$tmp/err" "libvirt: following network events" 8
sleep 1         # the re-analysis after connecting is over: what follows is events only

# ---- 3. define + start a network on vmnet2's subnet ----
s=$(lines "$tmp/out"); T0=$(date +%s.%N)
virsh_rw net-define "$D/over.xml" && virsh_rw net-start lve-over
t=$(wait_line "$tmp/out" "$s" "$NEW_OVERLAP" 10 "$T0")
echo "# define + start seen after $t s"
check "net-define + net-start: new subnet-overlap with vmnet2 within 2 s ($t s)" le "$t" 2
check "the lifecycle events were received" grep -q "libvirt: network lve-over started" "$tmp/err"
check_eq "one thread: libvirt's event loop is polled by watch's own loop" 1 "$(ls /proc/$W/task | wc -l)"
check "the bridge is in libvirtd's namespace only" sh -c "ip -n '$NS' link show lvebr0 >/dev/null &&
        ! ip -n '$(ns w)' link show lvebr0 >/dev/null 2>&1"

# ---- 4. destroy + undefine: resolved ----
s=$(lines "$tmp/out"); T0=$(date +%s.%N)
virsh_rw net-destroy lve-over && virsh_rw net-undefine lve-over
t=$(wait_line "$tmp/out" "$s" "$GONE_OVERLAP" 10 "$T0")
echo "# destroy + undefine seen after $t s"
check "net-destroy + net-undefine: subnet-overlap resolved within 2 s ($t s)" le "$t" 2

# ---- 5. libvirtd goes away and comes back ----
stop_libvirtd
check "libvirtd stopped: watch notices" wait_err "$tmp/err" "connection to $URI lost" 5
sleep 1
check "and keeps running" kill -0 "$W"
lv_start lv2
n=$(grep -c "libvirt: following network events" "$tmp/err")
check "libvirtd back: watch reconnects within 8 s" \
        bash -c "for i in \$(seq 1 160); do [ \$(grep -c 'libvirt: following network events' '$tmp/err') -ge 2 ] && exit 0; sleep 0.05; done; exit 1"
check_eq "and reconnected with CAP_NET_RAW as its only capability (dropped after the first analysis)" \
        0000000000002000 "$(awk '/^CapEff:/ {print $2}' /proc/$W/status)"
sleep 1
s=$(lines "$tmp/out"); T0=$(date +%s.%N)
virsh_rw net-define "$D/over.xml"
t=$(wait_line "$tmp/out" "$s" "$NEW_OVERLAP" 10 "$T0")
echo "# define after the restart seen after $t s"
check "after the restart: net-define reported within 2 s ($t s)" le "$t" 2
virsh_rw net-undefine lve-over

# ---- 6. SIGTERM ----
kill -TERM "$W"; wait "$W"; rc=$?
check_eq "SIGTERM: exit status 0" 0 "$rc"
check "--json: every line parses" python3 -c '
import json, sys
for l in open(sys.argv[1]).read().splitlines():
    json.loads(l)' "$tmp/out"
check "no error on stderr" bash -c "! grep -v '^vnetaudit: watch' '$tmp/err' | grep -q ."
stop_libvirtd
t_done
