#!/usr/bin/env bash
# probe_sweep.sh - `probe CIDR` and `--localnet` sweeps on a LAN of 24
# responders: every responder is found (at least what arp-scan finds on the
# same LAN), one of them behind nftables loss that drops the first two of
# every three requests for its address; --in-use-only lists only them;
# network and broadcast addresses are not probed; the packets sent are
# reported; IPv6 prefixes above a /120 and oversized prefixes are refused
# (IPv6 sweeps: probe_ipv6.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
ns_require_root

lan_init
lan_host me 198.51.100.254/24 02:00:00:00:00:fe
HELD=""
for i in $(seq 1 24); do
        a=$((i * 10 - 3))
        lan_host "r$i" "198.51.100.$a/24" "$(printf '52:54:00:00:01:%02x' "$i")" || exit 1
        HELD="$HELD 198.51.100.$a"
done
HELD=$(echo $HELD | tr ' ' '\n' | sort -t. -k4,4n | tr '\n' ' ' | sed 's/ $//')
# r24 (198.51.100.237) drops the first two of every three ARP requests for its address.
ns_exec r24 nft -f - <<'NFT' || exit 1
table arp lossy {
        chain in {
                type filter hook input priority 0; policy accept;
                arp daddr ip 198.51.100.237 numgen inc mod 3 < 2 counter drop
        }
}
NFT
tmp=$(ns_tmpdir)

va me probe --json -i eth0 198.51.100.0/24 >"$tmp/j" 2>"$tmp/err"; rc=$?
J=$(cat "$tmp/j")
check_eq "sweep: exit 2 (addresses in use)" 2 "$rc"
check_eq "sweep: every responder found, the lossy one too" "$HELD" \
        "$(jget "$J" "' '.join(r['address'] for r in d['results'] if r['state']=='in-use')")"
check_eq "sweep: 254 usable addresses, no network or broadcast address" "254 198.51.100.1 198.51.100.254" \
        "$(jget "$J" "'%d %s %s' % (len(d['results']), d['results'][0]['address'], d['results'][-1]['address'])")"
check_eq "sweep: our own address is free (held by this host)" "free eth0" \
        "$(jget "$J" "[r['state'] + ' ' + str(r['local_interface']) for r in d['results'] if r['address']=='198.51.100.254'][0]")"
check_eq "sweep: the right MAC for each" "52:54:00:00:01:18" "$(claims_of "$J" 198.51.100.237)"
check "sweep: packets sent reported ($(jget "$J" "d['probes']['sent']"))" \
        test "$(jget "$J" "d['probes']['sent']")" -ge 254
check_eq "sweep: addresses reported" 254 "$(jget "$J" "d['probes']['addresses']")"
check "sweep: the lossy responder dropped requests" \
        grep -q "counter packets [1-9]" <<<"$(ns_exec r24 nft list table arp lossy)"
check "sweep: summary line with the packets sent" \
        grep -Eq "^vnetaudit: swept 254 addresses on 1 interface\(s\) in [0-9.]+ s: 24 in use, 0 probe collisions; [0-9]+ probes sent$" "$tmp/err"

# arp-scan on the same LAN finds no more than we do.
if command -v arp-scan >/dev/null; then
        ns_exec me arp-scan -q --plain -I eth0 198.51.100.0/24 2>/dev/null | awk '{print $1}' | sort -u >"$tmp/as"
        jget "$J" "'\n'.join(r['address'] for r in d['results'] if r['state']!='free')" | sort -u >"$tmp/va"
        check_eq "arp-scan finds nothing we miss" "" "$(comm -23 "$tmp/as" "$tmp/va" | tr '\n' ' ')"
else
        not_ok "arp-scan is missing (scripts/ensure-deps installs it)"
fi

out=$(va me probe --in-use-only -i eth0 198.51.100.0/25 198.51.100.1 2>/dev/null); rc=$?
check_eq "--in-use-only: only the responders of the /25, once each" \
        "$(echo "$HELD" | tr ' ' '\n' | awk -F. '$4 < 127' | tr '\n' ' ' | sed 's/ $//')" \
        "$(echo "$out" | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//')"
check_eq "--in-use-only: arp-scan-like lines" "198.51.100.7 in use by 52:54:00:00:01:01 (QEMU/KVM virtual NIC) on eth0" "$(head -n 1 <<<"$out")"
check_eq "--in-use-only: exit 2" 2 "$rc"

J=$(va me probe --json --in-use-only --localnet 2>/dev/null)
check_eq "--localnet: eth0's /24 swept, responders found" "$HELD" \
        "$(jget "$J" "' '.join(r['address'] for r in d['results'])")"
check_eq "--localnet: 254 addresses" 254 "$(jget "$J" "d['probes']['addresses']")"

out=$(va me probe 198.51.100.8/31 198.51.100.16/32 2>/dev/null)
check_eq "/31 holds two hosts, /32 one" "198.51.100.8 free|198.51.100.9 free|198.51.100.16 free" "$(echo "$out" | tr '\n' '|' | sed 's/|$//')"

err=$(va me probe 2001:db8::/64 2>&1); rc=$?
check_eq "IPv6 /64: refused (64)" 64 "$rc"
check "IPv6 /64: says why" grep -q "cannot be swept: a /64 holds 2^64 addresses" <<<"$err"
err=$(va me probe 2001:db8::/119 2>&1); rc=$?
check_eq "IPv6 /119: refused (64)" 64 "$rc"
check "IPv6 /119: says why" grep -q "IPv6 sweeps stop at a /120" <<<"$err"
va me probe 10.0.0.0/15 >/dev/null 2>&1; check_eq "larger than /16: refused (64)" 64 "$?"
va me probe 127.0.0.0/24 >/dev/null 2>&1; check_eq "loopback prefix: refused (64)" 64 "$?"
va me probe 198.51.100.0/33 >/dev/null 2>&1; check_eq "bad prefix: refused (64)" 64 "$?"

t_done
