#!/usr/bin/env bash
# list_columns.sh - `list` like lsblk: -o columns, --noheadings, --raw,
# --pairs, a stable order (source, then name) through libvirt's API (test
# driver) and files, AUTOSTART/PERSISTENT, terminal width (a pseudo-terminal
# of 40 and 200 columns through script(1)), cells cut with an ellipsis (a
# 100 KB network name; the full name stays in --json), one state word for a
# bridge in both tables, and route tables named as `ip route` names them.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
T=$(ns_tmpdir)
V=./vnetaudit
FILES=tests/golden/cases/libvirt-files/root
lst() { $V --offline --libvirt-uri none --root "$FILES" list "$@" 2>/dev/null; }

check_eq "-o NETWORK,AUTOSTART,PERSISTENT --raw --noheadings: sorted, libvirt yes/no" \
"libvirt:default yes yes
libvirt:direct-pass no yes
libvirt:host-bridge no yes
libvirt:lab yes yes
libvirt:leaky no yes
libvirt:scratch no no
libvirt:six no yes" "$(lst -o network,autostart,persistent --raw --noheadings | grep '^libvirt:')"
out=$(lst -o network,state,subnet --pairs | grep 'NETWORK="libvirt:six"')
check "--pairs: NAME=\"value\", one subnet per line, network repeated" \
        grep -q '^NETWORK="libvirt:six" STATE="inactive" SUBNET="' <<<"$out"
check_eq "--pairs: every subnet of six on its own line" \
        "$($V --offline --libvirt-uri none --root "$FILES" list --json 2>/dev/null | python3 -c 'import json,sys; print([len(n["subnets"]) for n in json.load(sys.stdin)["networks"] if n["id"]=="libvirt:six"][0])')" \
        "$(wc -l <<<"$out")"
check_eq "--pairs: DHCP-SERVER becomes a shell name" 1 "$(lst -o dhcp-server --pairs | head -n 1 | grep -c '^DHCP_SERVER="')"
check_eq "--noheadings: no header" 0 "$(lst -o network --noheadings | grep -c NETWORK)"
check_eq "-o prints only the network table" 0 "$(lst -o network | grep -c 'Virtual networks')"
check_eq "header as given" "NETWORK    TYPE" "$(lst -o network,type | head -n 1 | sed 's/ *$//' | tr -s ' ' | sed 's/ /    /')"
err=$($V --offline --libvirt-uri none list -o network,bogus 2>&1 >/dev/null); rc=$?
check_eq "an unknown column: exit 64" 64 "$rc"
check_eq "... one line naming it" "vnetaudit: unknown column 'bogus' for -o (columns: vnetaudit --help)" "$err"
check_eq "--raw with --pairs: exit 64" 64 "$($V --offline list --raw --pairs >/dev/null 2>&1; echo $?)"
help=$($V --help)
check "--help lists every column" bash -c 'for c in NETWORK SOURCE NAME DEVICE TYPE STATE AUTOSTART PERSISTENT SUBNET HOST GATEWAY DHCP-SERVER DHCP LINKS ORIGIN; do grep -q "^  $c " <<<"$1" || exit 1; done' _ "$help"
check_eq "AUTOSTART is a default column only where libvirt networks exist" "0 1" \
        "$($V --offline --libvirt-uri none --root contrib/demo-root list | grep -c AUTOSTART) $(lst | grep -c AUTOSTART)"

# Stable order through libvirt's API: networks defined in shuffled order.
{
        echo "<node>"
        for n in zulu alpha mike bravo yankee charlie net10 net9; do
                printf "<network><name>%s</name><bridge name='vb%s'/><ip address='10.%d.0.1' netmask='255.255.255.0'/></network>\n" \
                        "$n" "${n:0:8}" $(( ${#n} * 7 + $(printf '%d' "'${n:0:1}") % 50 ))
        done
        echo "</node>"
} >"$T/node.xml"
NODE="test://$T/node.xml"
ns_add h
first=$(va h --libvirt-uri "$NODE" --libvirt-dir "$T/none" list -o network --noheadings 2>&1)
check_eq "libvirt API networks by name (version order)" \
        "libvirt:alpha libvirt:bravo libvirt:charlie libvirt:mike libvirt:net9 libvirt:net10 libvirt:yankee libvirt:zulu" \
        "$(grep '^libvirt:' <<<"$first" | tr '\n' ' ' | sed 's/ $//')"
same=1
for _ in 1 2 3 4 5; do
        [ "$(va h --libvirt-uri "$NODE" --libvirt-dir "$T/none" list -o network --noheadings 2>&1)" = "$first" ] || same=0
done
check_eq "... the same order on every run" 1 "$same"

# Terminal width: a pty of 40 columns; ORIGIN is cut to fit.
mkdir -p "$T/wide/etc/libvirt/qemu/networks"
long=$(printf 'n%.0s' $(seq 1 100000))
cat >"$T/wide/etc/libvirt/qemu/networks/big.xml" <<XML
<network><name>$long</name><bridge name='vbbig'/><ip address='10.9.0.1' netmask='255.255.255.0'/></network>
XML
w60=$(script -qec "stty cols 40; $V --offline --libvirt-uri none --root $T/wide list -o state,subnet,origin 2>/dev/null" /dev/null | tr -d '\r')
check_eq "40 columns: no line longer than 40" 0 "$(awk 'length($0) > 40' <<<"$w60" | wc -l)"
w200=$(script -qec "stty cols 200; $V --offline --libvirt-uri none --root $T/wide list -o state,subnet,origin 2>/dev/null" /dev/null | tr -d '\r')
check "200 columns: the origin is whole" grep -q "/etc/libvirt/qemu/networks/big.xml:1" <<<"$w200"
check_eq "40 columns: the origin is cut, not wrapped" "0 2" "$(grep -c 'big.xml' <<<"$w60") $(wc -l <<<"$w60")"
big=$($V --offline --libvirt-uri none --root "$T/wide" list 2>/dev/null)
check "a 100 KB name: the cell ends in an ellipsis" grep -Eq "^libvirt:n{192}\.\.\. " <<<"$big"
check "... and the whole table stays small (${#big} bytes)" test "${#big}" -lt 4000
check_eq "... while --json keeps the whole name" 100000 \
        "$($V --offline --libvirt-uri none --root "$T/wide" list --json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["networks"][0]["name"]))')"

# One state word: a bridge without ports (kernel operstate "unknown"/"down").
ns_bridge h vatbr9 198.51.100.1/24
text=$(va h --libvirt-uri none list -v 2>&1)
check "the bridge is up as a network" grep -Eq '^host:vatbr9 +vatbr9 +bridge +up ' <<<"$text"
check "... and up as an interface" grep -Eq '^vatbr9 +bridge +up ' <<<"$text"
# Route tables: main, and a number without a name.
ns_exec h ip route add 203.0.113.0/24 dev vatbr9 table 4242
check "routes of table main are named main" grep -Eq '^main +198\.51\.100\.0/24 +vatbr9' <<<"$text"
text=$(va h --libvirt-uri none list -v 2>&1)
check "a table without a name stays a number" grep -Eq '^4242 +203\.0\.113\.0/24 +vatbr9' <<<"$text"
t_done
