#!/usr/bin/env bash
# watch_mail.sh - `watch --mail-to`: a burst of events is one digest mail
# (sent WATCH_MAIL_GATHER = 5 s after the burst's first event), later events
# wait for the rate limit (15 minutes) instead of mailing again, and what is
# pending goes out at SIGTERM.  A fake sendmail records each message.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
tmp=$(ns_tmpdir)
ROOT="$PWD/contrib/demo-root"
SEND="python3 $PWD/tests/lib/arpsend.py"
mkdir -p "$tmp/mails"
cat >"$tmp/sendmail" <<SM
#!/bin/sh
n=\$(ls "$tmp/mails" | grep -c '\.msg\$')
cat > "$tmp/mails/\$n.msg"
SM
chmod +x "$tmp/sendmail"
mails() { ls "$tmp/mails" | grep -c '\.msg$'; }

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan srv0 br0; ns_addr srv eth0 198.51.100.20/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan ws0 && ns_wait_up lan srv0

ip netns exec "$(ns ws)" "$VNETAUDIT" --root "$ROOT" --libvirt-uri none watch --interval 60 \
        --mail-to root --sendmail "$tmp/sendmail" >"$tmp/out" 2>"$tmp/err" &
W=$!
NS_PIDS="$NS_PIDS $W"
sleep 2
check_eq "a clean start mails nothing" 0 "$(mails)"
ns_exec srv $SEND eth0 garp 172.16.61.1
sleep 0.3
ns_exec srv $SEND eth0 garp 172.16.68.1
sleep 2
check_eq "no mail while the burst is gathered" 0 "$(mails)"
sleep 4.5
check_eq "one digest for the burst" 1 "$(mails)"
check "the digest lists both events" \
        bash -c "grep -q 'new error address-in-use: vmnet1' '$tmp/mails/0.msg' && grep -q 'new error address-in-use: vmnet8' '$tmp/mails/0.msg'"
check "the subject counts them" grep -q '^Subject: vnetaudit: 2 new errors on ' "$tmp/mails/0.msg"
ns_exec srv $SEND eth0 probe 192.168.56.1
sleep 7
check_eq "a later event waits for the rate limit" 1 "$(mails)"
kill -TERM "$W"; wait "$W"
check_eq "SIGTERM: exit 0" 0 "$?"
check_eq "the pending digest is sent at exit" 2 "$(mails)"
check "it holds the later event" grep -q 'address-probe-collision' "$tmp/mails/1.msg" 2>/dev/null
[ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/out" "$tmp/err" "$tmp"/mails/*.msg 2>/dev/null
t_done
