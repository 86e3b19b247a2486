#!/usr/bin/env bash
# hostile_inputs.sh - huge inputs of issue 15, generated here by
# bench/hostile-gen.sh (nothing large is committed), in the root namespace
# with --offline only: one dhcpd.conf with 2,000 ranges and 2,000 fixed
# hosts, 2,000 libvirt networks on one subnet (grouped findings, bounded
# output); 70,000 findings audited twice (the second run silent, the state
# over 16 MiB read back); a mail over 16 MiB delivered.  Time and memory
# are measured by bench/hostile-bench.sh, not asserted here.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
T=$(ns_tmpdir)
G=bench/hostile-gen.sh
: >"$T/empty.conf"
va_off() { timeout 300 "$VNETAUDIT" --offline --libvirt-uri none --config "$T/empty.conf" "$@"; }

# --- 4. one dhcpd.conf: 2,000 ranges, 2,000 fixed hosts -------------------
$G dhcpd "$T/d"
va_off --root "$T/d" check >"$T/out" 2>"$T/err"
check_eq "dhcpd: exit 2 with a message-free stderr" "2:" "$?:$(cat "$T/err")"
check "dhcpd: output under 2 MB ($(wc -c <"$T/out") bytes)" test "$(wc -c <"$T/out")" -lt 2000000
check_eq "dhcpd: one dhcp-range-overlap for the 2,000 ranges" 1 "$(grep -c '^error: dhcp-range-overlap' "$T/out")"
check "dhcpd: it counts them" grep -q '2000 DHCP ranges of vmnet1 overlap: ' "$T/out"
check_eq "dhcpd: one warning for the hosts in the pool" 1 "$(grep -c '^warning: dhcp-range-contains-address' "$T/out")"
check "dhcpd: it counts them" grep -q '2000 fixed addresses of vmnet1 lie inside its own DHCP pool' "$T/out"
check_eq "dhcpd: one fixed-address-duplicate per address (240)" 240 "$(grep -c '^error: fixed-address-duplicate' "$T/out")"
va_off --root "$T/d" --json check >"$T/json" 2>/dev/null
check "dhcpd: --json lists every member" python3 -c "
import json
d = json.load(open('$T/json'))
f = [x for x in d['findings'] if x['code'] == 'dhcp-range-contains-address'][0]
assert len(f['addresses']) == 241, len(f['addresses'])      # 240 distinct host addresses and the range
assert len(f['origins']) == 4000, len(f['origins'])          # every host and every range
assert len(d['findings']) == 242, len(d['findings'])"

# --- 5. 2,000 libvirt networks on one subnet -----------------------------
$G libvirt "$T/l"
va_off --root "$T/l" check >"$T/out" 2>"$T/err"
check_eq "libvirt x2000: exit 2" 2 "$?"
check "libvirt x2000: output under 2 MB ($(wc -c <"$T/out") bytes)" test "$(wc -c <"$T/out")" -lt 2000000
check_eq "libvirt x2000: one subnet-overlap" 1 "$(grep -c '^error: subnet-overlap' "$T/out")"
check "libvirt x2000: '2000 networks share 10.5.0.0/24'" grep -q '^  2000 networks share 10.5.0.0/24: libvirt network n1 ' "$T/out"
check_eq "libvirt x2000: one duplicate-host-address" 1 "$(grep -c '^error: duplicate-host-address' "$T/out")"
va_off --root "$T/l" --json check >"$T/json" 2>/dev/null
check "libvirt x2000: --json names all 2,000 networks" python3 -c "
import json
d = json.load(open('$T/json'))
assert all(len(f['networks']) == 2000 for f in d['findings']), [len(f['networks']) for f in d['findings']]"

# --- 6, 7. many findings: audit by sorted keys, state and mail past 16 MiB --
$G findings "$T/f" 70000
S="$T/state"
cat >"$T/sendmail" <<SM
#!/bin/sh
cat >"$T/mail.\$\$"
SM
chmod 755 "$T/sendmail"
va_off --root "$T/f" audit --state-dir "$S" --mail-to root --sendmail "$T/sendmail" >"$T/out" 2>"$T/err"
check_eq "70,000 findings: first audit exit 1 (warnings)" 1 "$?"
check "70,000 findings: the state is over 16 MiB ($(stat -c %s "$S/state") bytes)" \
        test "$(stat -c %s "$S/state")" -gt 16777216
mail=$(ls "$T"/mail.* 2>/dev/null | head -n 1)
check "70,000 findings: one mail over 16 MiB delivered ($(stat -c %s "$mail" 2>/dev/null) bytes)" \
        test -n "$mail" -a "$(stat -c %s "$mail" 2>/dev/null || echo 0)" -gt 16777216
check "70,000 findings: the mail counts them" grep -q '70000 new findings' "$mail"
va_off --root "$T/f" audit --state-dir "$S" --mail-to root --sendmail "$T/sendmail" >"$T/out" 2>"$T/err"
check_eq "second audit: exit 1" 1 "$?"
check_eq "second audit: silent (no output, no warning)" "" "$(cat "$T/out" "$T/err")"
check_eq "second audit: no second mail" 1 "$(ls "$T"/mail.* | wc -l)"
# One finding fewer: exactly one resolved.
sed -i '$d' "$T/f/etc/vmware/vmnet1/dhcpd/dhcpd.conf"; sed -i '$d' "$T/f/etc/vmware/vmnet1/dhcpd/dhcpd.conf"
sed -i '$d' "$T/f/etc/vmware/vmnet1/dhcpd/dhcpd.conf"; sed -i '$d' "$T/f/etc/vmware/vmnet1/dhcpd/dhcpd.conf"
va_off --root "$T/f" audit --state-dir "$S" >"$T/out" 2>"$T/err"
check "one host removed: 0 new, 1 resolved" grep -q '0 new findings, 1 resolved, 69999 unchanged' "$T/out"

t_done
