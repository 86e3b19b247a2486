#!/usr/bin/env bash
# watch_systemd.sh - `watch` under systemd's protocols, with socket
# stand-ins (tests/lib/dgram_listen.py): READY=1 and WATCHDOG=1 go to PID 1
# systemd, which this machine does not run, so NOTIFY_SOCKET needs a
# stand-in; the journal entry is checked here byte for byte as sent and
# against a real systemd-journald in watch_journal.sh.  In a
# private mount namespace a tmpfs over /run/systemd holds a stand-in
# /run/systemd/journal/socket, NOTIFY_SOCKET names another one and
# JOURNAL_STREAM names the watcher's stdout.  Proves: READY=1 is sent once
# the first full check is done, WATCHDOG=1 at least every WATCHDOG_USEC/2,
# an event (a foreign gratuitous ARP for vmnet1's planned address) becomes
# exactly one journal entry with VNETAUDIT_CODE/NETWORK/ADDRESS/MAC, and
# nothing is written to stdout (each event is logged once).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
command -v unshare >/dev/null || { echo "# skip: unshare not installed"; exit 77; }
tmp=$(ns_tmpdir)
ROOT="$PWD/contrib/demo-root"
SEND="python3 $PWD/tests/lib/arpsend.py"
LISTEN="$PWD/tests/lib/dgram_listen.py"

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan srv0 br0; ns_addr srv eth0 198.51.100.20/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan ws0 && ns_wait_up lan srv0
SRV_MAC=$(ns_exec srv cat /sys/class/net/eth0/address)
: >"$tmp/stdout"
JS=$(stat -c '%d:%i' "$tmp/stdout")

# The watcher and both stand-ins live in one private mount namespace.
unshare -m --propagation private bash -c '
        set -e
        mount -t tmpfs none /run/systemd
        mkdir -p /run/systemd/journal
        python3 "$1" /run/systemd/journal/socket "$2/journal" </dev/null >/dev/null 2>&1 & L1=$!
        python3 "$1" "$2/notify.sock" "$2/notify" </dev/null >/dev/null 2>&1 & L2=$!
        trap "kill $L1 $L2 2>/dev/null" EXIT
        for i in $(seq 1 100); do [ -S /run/systemd/journal/socket ] && [ -S "$2/notify.sock" ] && break; sleep 0.05; done
        NOTIFY_SOCKET="$2/notify.sock" WATCHDOG_USEC=1000000 JOURNAL_STREAM="$3" \
                ip netns exec "$4" "$5" --root "$6" --libvirt-uri none watch --interval 60 \
                >>"$2/stdout" 2>"$2/err" & W=$!
        echo $W >"$2/wpid"
        wait $W; echo $? >"$2/rc"
' _ "$LISTEN" "$tmp" "$JS" "$(ns ws)" "$VNETAUDIT" "$ROOT" </dev/null >/dev/null 2>&1 &
U=$!
NS_PIDS="$NS_PIDS $U"
for i in $(seq 1 100); do [ -s "$tmp/wpid" ] && break; sleep 0.05; done
W=$(cat "$tmp/wpid")
sleep 3
n=$(grep -c . "$tmp/journal" 2>/dev/null || echo 0)
ns_exec srv $SEND eth0 garp 172.16.61.1
sleep 1.5
kill -TERM "$W"
wait "$U"
check_eq "watch under the stand-ins: exit 0 on SIGTERM" 0 "$(cat "$tmp/rc" 2>/dev/null)"
check "READY=1 sent once" test "$(grep -c 'READY=1' "$tmp/notify")" = 1
check "WATCHDOG=1 at least every 0.5 s (>= 6 in 4.5 s)" test "$(grep -c 'WATCHDOG=1' "$tmp/notify")" -ge 6
check "STOPPING=1 on SIGTERM" grep -q 'STOPPING=1' "$tmp/notify"
check "one journal entry for the event, with the structured fields" python3 - "$tmp/journal" "$SRV_MAC" <<'PY'
import json, sys
entries = []
for line in open(sys.argv[1]):
    d = json.loads(line)
    entries.append(dict(l.split("=", 1) for l in d.splitlines() if "=" in l))
hits = [e for e in entries if e.get("VNETAUDIT_CODE") == "address-in-use"]
assert len(hits) == 1, entries
e = hits[0]
assert e["VNETAUDIT_EVENT"] == "new", e
assert e["VNETAUDIT_NETWORK"] == "vmware:vmnet1", e
assert e["VNETAUDIT_ADDRESS"] == "172.16.61.1", e
assert e["VNETAUDIT_MAC"] == sys.argv[2], e
assert e["PRIORITY"] == "3" and e["SYSLOG_IDENTIFIER"] == "vnetaudit", e
assert json.loads(e["VNETAUDIT_FINDING"])["code"] == "address-in-use", e
assert "address-in-use" in e["MESSAGE"], e
PY
check_eq "nothing on stdout: the event went to the journal only" "" "$(cat "$tmp/stdout")"
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/journal" "$tmp/notify" "$tmp/err" 2>/dev/null
t_done
