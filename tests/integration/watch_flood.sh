#!/usr/bin/env bash
# watch_flood.sh - `vnetaudit watch` under an ARP flood: 100k requests from
# random MACs and random senders (tests/lib/arpsend.py in the server's own
# namespace, bounded to 100000 frames and 30 s) must not grow the watcher's
# RSS by more than 8 MB (fixed tables: nothing is kept per frame), and it
# must still detect a foreign gratuitous ARP for a planned address right
# after, within 1.5 s.
set -u
[ -n "${WATCH_FLOOD_DEBUG:-}" ] && set -x
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
tmp=$(ns_tmpdir)
ROOT="$PWD/contrib/demo-root"
SEND="python3 $PWD/tests/lib/arpsend.py"

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan srv0 br0; ns_addr srv eth0 198.51.100.20/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan ws0 && ns_wait_up lan srv0

ip netns exec "$(ns ws)" "$VNETAUDIT" -v --root "$ROOT" --libvirt-uri none watch --json --interval 2 \
        >"$tmp/w" 2>"$tmp/w.err" &
W=$!
NS_PIDS="$NS_PIDS $W"
sleep 3
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$W/status"; }
before=$(rss)
sent=$(timeout 60 ip netns exec "$(ns srv)" $SEND eth0 flood 100000 30)
sleep 1
after=$(rss)
echo "# flood: $sent frames sent; RSS $before kB -> $after kB"
check "flood: at least 50000 frames went out" test "$sent" -ge 50000
check "flood: RSS growth $((after - before)) kB <= 8192 kB" test $((after - before)) -le 8192
check "flood: the watcher is alive" kill -0 "$W"
n=$(wc -l <"$tmp/w")
ns_exec srv $SEND eth0 garp 172.16.61.1
found=timeout
for i in $(seq 1 30); do
        if tail -n +"$((n + 1))" "$tmp/w" | grep -q '"address-in-use".*172\.16\.61\.1'; then found=$i; break; fi
        sleep 0.05
done
echo "# after the flood, gratuitous ARP seen after ${found} x 50 ms"
check "after the flood: foreign gratuitous ARP still reported within 1.5 s" test "$found" != timeout
kill -TERM "$W"
for i in $(seq 1 40); do kill -0 "$W" 2>/dev/null || break; sleep 0.05; done
kill -0 "$W" 2>/dev/null && { not_ok "SIGTERM after the flood: still running after 2 s"; kill -9 "$W"; }
wait "$W"
check_eq "SIGTERM after the flood: exit 0" 0 "$?"
check "the watcher heard the flood (-v counters)" grep -q 'ARP frames heard' "$tmp/w.err"
sed 's/^/# /' "$tmp/w.err"
t_done
