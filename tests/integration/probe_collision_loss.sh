#!/usr/bin/env bash
# probe_collision_loss.sh - a foreign simultaneous probe is a collision
# (our helper, and iputils `arping -D`); deterministic ARP loss (nftables
# drops two of every three frames at the holder) is overcome by retries and
# is not without them.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
ns_require_root
[ -x "$HELPERS/arp_inject" ] || { echo "# skip: build/helpers/arp_inject not built"; exit 77; }

lan_init
lan_host me 198.51.100.10/24 02:00:00:00:00:10
lan_host rival "" 00:0c:29:00:00:66
lan_host h1 198.51.100.21/24 52:54:00:00:00:21

# A rival probing 198.51.100.50 during our whole window.
ns_bg rival "$HELPERS/arp_inject" eth0 probe 400 4 198.51.100.50 2>/dev/null
sleep 0.2
out=$(va me probe 198.51.100.50 198.51.100.51); rc=$?
check_eq "foreign probe: collision with its MAC" \
        "198.51.100.50 probe collision with 00:0c:29:00:00:66 (VMware virtual NIC) on eth0" "$(echo "$out" | head -n 1)"
check_eq "foreign probe: other address still free" "198.51.100.51 free" "$(echo "$out" | sed -n 2p)"
check_eq "collision: exit 2" 2 "$rc"
wait

if command -v arping >/dev/null; then
        ns_bg rival arping -q -D -I eth0 -c 6 -w 6 198.51.100.52
        sleep 0.2
        j=$(va me probe --json --timeout 2.5 198.51.100.52)
        check_eq "arping -D: collision" "collision" "$(state_of "$j" 198.51.100.52)"
        check_eq "arping -D: its MAC" "00:0c:29:00:00:66" "$(claims_of "$j" 198.51.100.52)"
        check_eq "arping -D: claim marked as a probe" "True" "$(jget "$j" "d['results'][0]['claims'][0]['probe']")"
        # Its further probes would advance the loss counter below.
        kill "$!" 2>/dev/null; wait 2>/dev/null
fi

# Deterministic loss at the holder: of every three ARP frames h1 receives,
# the first two are dropped.
ns_exec h1 nft -f - <<'NFT'
table arp lossy {
        chain in {
                type filter hook input priority 0; policy accept;
                numgen inc mod 3 < 2 counter drop
        }
}
NFT
j=$(va me probe --json --retries 1 198.51.100.21)
check_eq "loss 2/3 with one probe: missed (the loss is real)" "free" "$(state_of "$j" 198.51.100.21)"
j=$(va me probe --json 198.51.100.21); rc=$?
check_eq "loss 2/3 with default retries: found" "in-use" "$(state_of "$j" 198.51.100.21)"
check_eq "loss 2/3: holder's MAC" "52:54:00:00:00:21" "$(claims_of "$j" 198.51.100.21)"
check "nft dropped frames" sh -c "ip netns exec $(ns h1) nft list table arp lossy | grep -q 'packets [1-9]'"

t_done
