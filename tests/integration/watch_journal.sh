#!/usr/bin/env bash
# watch_journal.sh - `watch` logging to a real systemd-journald (no PID 1
# systemd here, but journald runs on its own): in a private mount namespace
# a tmpfs over /run/systemd and /run/log and a bind-mounted journald.conf
# (volatile storage, no kmsg, no forwarding) give a journald of this test
# only.  The watcher's stdout is a journal stream (systemd-cat) and
# JOURNAL_STREAM names it, as under a unit.  Proves, read back with
# journalctl: a foreign gratuitous ARP for vmnet1's planned address is one
# entry, sent natively, with VNETAUDIT_EVENT/CODE/NETWORK/ADDRESS/MAC/
# FINDING, found by `journalctl VNETAUDIT_CODE=address-in-use`, and not
# logged a second time through the stdout stream.  (watch_systemd.sh keeps
# the socket stand-ins for READY=1/WATCHDOG=1, which need PID 1.)
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
JD=""
for p in /lib/systemd/systemd-journald /usr/lib/systemd/systemd-journald; do [ -x "$p" ] && JD=$p && break; done
for c in unshare journalctl systemd-cat; do
        command -v "$c" >/dev/null || { echo "# skip: $c not installed"; exit 77; }
done
[ -n "$JD" ] && [ -f /etc/systemd/journald.conf ] && [ -s /etc/machine-id ] ||
        { echo "# skip: no systemd-journald, journald.conf or machine-id"; exit 77; }
tmp=$(ns_tmpdir)
ROOT="$PWD/contrib/demo-root"
SEND="python3 $PWD/tests/lib/arpsend.py"

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan srv0 br0; ns_addr srv eth0 198.51.100.20/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan ws0 && ns_wait_up lan srv0
SRV_MAC=$(ns_exec srv cat /sys/class/net/eth0/address)
cat >"$tmp/journald.conf" <<'CONF'
[Journal]
Storage=volatile
ReadKMsg=no
ForwardToSyslog=no
ForwardToKMsg=no
ForwardToConsole=no
ForwardToWall=no
Audit=no
CONF

# journald, the watcher and journalctl share one private mount namespace;
# the test outside only sends the frame and signals.
unshare -m --propagation private bash -c '
        set -e
        mount -t tmpfs none /run/systemd
        mkdir -p /run/log && mount -t tmpfs none /run/log
        mount --bind "$1/journald.conf" /etc/systemd/journald.conf
        "$2" </dev/null >"$1/journald.out" 2>&1 & J=$!
        trap "kill $J 2>/dev/null; wait $J 2>/dev/null" EXIT
        for i in $(seq 1 100); do [ -S /run/systemd/journal/socket ] && [ -S /run/systemd/journal/stdout ] && break; sleep 0.05; done
        systemd-cat -t vnetaudit-watch bash -c "echo \$\$ >\"$1/wpid\";
                export JOURNAL_STREAM=\$(stat -L -c %d:%i /proc/\$\$/fd/1)
                exec ip netns exec \"$3\" \"$4\" --root \"$5\" --libvirt-uri none watch --interval 60" \
                2>"$1/err" || echo $? >"$1/rc"
        [ -s "$1/rc" ] || echo 0 >"$1/rc"
        sleep 0.3       # journald has stored all
        journalctl -D /run/log/journal/* --no-pager -o json >"$1/all.json"
        journalctl -D /run/log/journal/* --no-pager -o json VNETAUDIT_CODE=address-in-use >"$1/match.json"
' _ "$tmp" "$JD" "$(ns ws)" "$VNETAUDIT" "$ROOT" </dev/null >"$tmp/outer" 2>&1 &
U=$!
NS_PIDS="$NS_PIDS $U"
for i in $(seq 1 100); do [ -s "$tmp/wpid" ] && break; sleep 0.05; done
W=$(cat "$tmp/wpid")
sleep 3         # the first analysis and round are over
ns_exec srv $SEND eth0 garp 172.16.61.1
sleep 1.5
kill -TERM "$W"
wait "$U"
check_eq "watch with stdout on a journal stream: exit 0 on SIGTERM" 0 "$(cat "$tmp/rc" 2>/dev/null)"
check "journalctl VNETAUDIT_CODE=address-in-use: one native entry with the structured fields" \
        python3 - "$tmp/match.json" "$SRV_MAC" <<'PY'
import json, sys
hits = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert len(hits) == 1, hits
e = hits[0]
assert e["_TRANSPORT"] == "journal", e
assert e["VNETAUDIT_EVENT"] == "new", e
assert e["VNETAUDIT_NETWORK"] == "vmware:vmnet1", e
assert e["VNETAUDIT_ADDRESS"] == "172.16.61.1", e
assert e["VNETAUDIT_MAC"] == sys.argv[2], e
assert e["PRIORITY"] == "3" and e["SYSLOG_IDENTIFIER"] == "vnetaudit", e
assert json.loads(e["VNETAUDIT_FINDING"])["code"] == "address-in-use", e
assert "address-in-use" in e["MESSAGE"], e
PY
check "logged once: nothing about it through the stdout stream" python3 - "$tmp/all.json" <<'PY'
import json, sys
entries = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert any(e.get("_TRANSPORT") == "journal" for e in entries), "journald stored nothing"
dup = [e for e in entries if e.get("_TRANSPORT") == "stdout" and "address-in-use" in str(e.get("MESSAGE", ""))]
assert not dup, dup
PY
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/outer" "$tmp/err" "$tmp/journald.out" "$tmp/all.json" 2>/dev/null
t_done
