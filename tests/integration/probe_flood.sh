#!/usr/bin/env bash
# probe_flood.sh - truncated (also VLAN-tagged) and malformed frames claiming a
# free address, and a bounded flood of valid ARP during the window: the
# result stays right and memory stays bounded; many claimants are capped.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
ns_require_root
[ -x "$HELPERS/arp_inject" ] || { echo "# skip: build/helpers/arp_inject not built"; exit 77; }

lan_init
lan_host me 198.51.100.10/24 02:00:00:00:00:10
lan_host h1 198.51.100.21/24 52:54:00:00:00:21
lan_host bad "" 02:00:00:00:0b:ad

tmp=$(ns_tmpdir)
# 30000 junk frames over 1.5 s (20 kpps) while we probe for 1 s.
ns_bg bad "$HELPERS/arp_inject" eth0 junk 30000 1.5 198.51.100.50 2>"$tmp/inj1"
sleep 0.1
j=$(ip netns exec "$(ns me)" /usr/bin/time -f '%M' -o "$tmp/rss1" "$VNETAUDIT" probe --json \
        198.51.100.21 198.51.100.50 2>"$tmp/err1"); rc=$?
check_eq "junk flood: held address still found" "52:54:00:00:00:21" "$(claims_of "$j" 198.51.100.21)"
check_eq "junk flood: malformed/truncated (tagged or not) claims ignored" "free" "$(state_of "$j" 198.51.100.50)"
check_eq "junk flood: exit 2" 2 "$rc"
check "junk flood: malformed frames seen and dropped ($(jget "$j" "d['probes']['malformed']"))" \
        test "$(jget "$j" "d['probes']['malformed']")" -gt 1000
rss=$(tail -n 1 "$tmp/rss1")
check "junk flood: max RSS bounded (${rss} KiB < 32 MiB)" test "$rss" -lt 32768
wait

# 5000 distinct claimants of one address.
ns_bg bad "$HELPERS/arp_inject" eth0 claims 5000 1 198.51.100.60 2>/dev/null
sleep 0.1
j=$(ip netns exec "$(ns me)" /usr/bin/time -f '%M' -o "$tmp/rss2" "$VNETAUDIT" probe --json \
        --timeout 1.2 198.51.100.60 198.51.100.61 2>/dev/null)
check_eq "claim flood: in use" "in-use" "$(state_of "$j" 198.51.100.60)"
check_eq "claim flood: claims capped at 8" "8 True" \
        "$(jget "$j" "'%d %s' % (len(d['results'][0]['claims']), d['results'][0]['claims_truncated'])")"
check_eq "claim flood: untouched address free" "free" "$(state_of "$j" 198.51.100.61)"
rss=$(tail -n 1 "$tmp/rss2")
check "claim flood: max RSS bounded (${rss} KiB < 32 MiB)" test "$rss" -lt 32768

t_done
