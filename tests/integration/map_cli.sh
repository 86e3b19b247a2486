#!/usr/bin/env bash
# map_cli.sh - `vnetaudit map` and `audit --map` end to end: the three
# formats (SVG parsed as XML, dot accepted by Graphviz's `dot -Tsvg`), the
# atomic --output-file (mode 0644, no temporary left, also when the
# rename fails), usage errors, INVENTORY operands (a fleet's map, or exit
# 64 in a build without fleet support), `audit --map` refreshing the page after each audit with the
# audit's exit status unchanged, and a host interface with a hostile,
# invalid-UTF-8 name read from the kernel in a namespace.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
command -v dot >/dev/null || { echo "not ok - graphviz is not installed (scripts/ensure-deps test)"; exit 1; }
tmp=$(ns_tmpdir)
INC="$PWD/tests/fixtures/map/incident"
m() { va_root --root "$INC" --offline --libvirt-uri none map "$@"; }

m >"$tmp/out.html" 2>"$tmp/err"
check_eq "html to stdout: exit 0 with conflicts on the page" 0 "$?"
check "html: a page" grep -q '^<!DOCTYPE html>' "$tmp/out.html"
check_eq "html: nothing on stderr" "" "$(cat "$tmp/err")"
m --format html --output-file - | cmp -s - "$tmp/out.html"
check_eq "--output-file - is stdout (same timestamp minute assumed)" 0 "$?"

m --format svg >"$tmp/out.svg"
check_eq "svg: exit 0" 0 "$?"
check "svg: well-formed XML with an <svg> root" python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse('$tmp/out.svg').getroot()
sys.exit(r.tag != '{http://www.w3.org/2000/svg}svg')"
check "svg: both clashing networks marked" test "$(grep -c 'class="b [a-z]* error"' "$tmp/out.svg")" -eq 2

m --format dot >"$tmp/out.dot"
check_eq "dot: exit 0" 0 "$?"
dot -Tsvg "$tmp/out.dot" >"$tmp/dot.svg" 2>"$tmp/dot.err"
check_eq "dot -Tsvg accepts the graph" 0 "$?"
check_eq "dot -Tsvg: no warnings" "" "$(cat "$tmp/dot.err")"
check "dot: the clash edge is drawn" grep -q 'error subnet&#45;overlap' "$tmp/dot.svg"

# --output-file: atomic replacement.
mkdir "$tmp/www"
echo old >"$tmp/www/map.html"
chmod 600 "$tmp/www/map.html"
m --output-file "$tmp/www/map.html"
check_eq "--output-file: exit 0" 0 "$?"
check "--output-file: the page" grep -q '^<!DOCTYPE html>' "$tmp/www/map.html"
check_eq "--output-file: mode 0644" 644 "$(stat -c %a "$tmp/www/map.html")"
check_eq "--output-file: no temporary left" "map.html" "$(ls "$tmp/www")"
m --output-file "$tmp/nonexistent/map.html" 2>"$tmp/err"
check_eq "--output-file in a missing directory: exit 73" 73 "$?"
check "--output-file: says why" grep -q "^vnetaudit: map: cannot write $tmp/nonexistent/map.html: No such file or directory" "$tmp/err"
mkdir "$tmp/www/sub.html"
m --output-file "$tmp/www/sub.html" 2>"$tmp/err"
check_eq "--output-file onto a directory: exit 73" 73 "$?"
check_eq "--output-file: the failed rename left no temporary" "map.html sub.html" "$(ls "$tmp/www" | tr '\n' ' ' | sed 's/ $//')"

# Usage errors.
m --format pdf 2>"$tmp/err"
check_eq "--format pdf: exit 64" 64 "$?"
check "--format pdf: names the choices" grep -q "html, svg or dot" "$tmp/err"
# INVENTORY operands: the incident across two hosts (a workstation whose
# vmnet6 plans 192.168.56.1, a server whose libvirt network holds it), as
# `list --json` of each.  Drawn when this build has `fleet`, refused (64)
# when it has not; which one is decided by the binary's own --help.
mkdir "$tmp/inv"
for h in workstation server; do
        va_root --root "$PWD/tests/fixtures/map/$h" --offline --libvirt-uri none list --json >"$tmp/inv/$h.json"
done
if "$VNETAUDIT" --help | grep -q '^  fleet '; then
        va_root --offline map --output-file "$tmp/fleet.html" "$tmp/inv" 2>"$tmp/err"
        check_eq "INVENTORY with fleet: exit 0" 0 "$?"
        check "INVENTORY: a lane per host" grep -q 'id="lane4-1"' "$tmp/fleet.html"
        check "INVENTORY: both hosts named" sh -c "grep -q '>workstation<' '$tmp/fleet.html' && grep -q '>testserver<' '$tmp/fleet.html'"
        check "INVENTORY: the cross-host clash marks a bar on each host" \
                test "$(grep -c 'class="b [a-z]* error"' "$tmp/fleet.html")" -eq 2
        check "INVENTORY: fleet's finding on the page" grep -q 'duplicate-host-address' "$tmp/fleet.html"
        va_root --offline map --format dot "$tmp/inv" | dot -Tsvg >/dev/null
        check_eq "INVENTORY: dot -Tsvg accepts the fleet graph" 0 "$?"
        mkdir "$tmp/empty"
        va_root --offline map "$tmp/empty" >/dev/null 2>"$tmp/err"
        check_eq "INVENTORY: an empty directory, exit 66 as fleet" 66 "$?"
        check "INVENTORY: says nothing was found" grep -q "no inventory found; nothing drawn" "$tmp/err"
        echo 'not json' >"$tmp/empty/bad.json"
        va_root --offline map "$tmp/empty" >"$tmp/out" 2>"$tmp/err"
        check_eq "INVENTORY: no usable inventory, exit 65 as fleet" 65 "$?"
        check_eq "INVENTORY: nothing on stdout then" 0 "$(wc -c <"$tmp/out")"
else
        m "$tmp/inv" >"$tmp/out" 2>"$tmp/err"
        check_eq "INVENTORY without fleet support: exit 64" 64 "$?"
        check "INVENTORY: says fleet support is missing" grep -q "INVENTORY operands need fleet support" "$tmp/err"
        check_eq "INVENTORY: nothing on stdout" 0 "$(wc -c <"$tmp/out")"
fi

# audit --map: refreshed after each audit, the audit's status unchanged.
R="$tmp/root"
mkdir -p "$R/etc/vmware"
cp "$INC/etc/vmware/networking" "$R/etc/vmware/networking"
a() { va_root --root "$R" --offline --libvirt-uri none audit --state-dir "$tmp/state" "$@"; }
a --map "$tmp/www/audit.html" >"$tmp/a1" 2>&1
check_eq "audit --map: clean root, exit 0" 0 "$?"
check "audit --map: page written" grep -q 'vmware:vmnet6' "$tmp/www/audit.html"
check "audit --map: no finding yet" grep -q '<h2 id="findings">Findings (0)</h2>' "$tmp/www/audit.html"
cp -r "$INC/etc/libvirt" "$R/etc/"
a --map "$tmp/www/audit.html" >"$tmp/a2" 2>&1
check_eq "audit --map: conflicts, exit 2 as without --map" 2 "$?"
check "audit --map: page refreshed with the clash" grep -q 'libvirt:testbridge' "$tmp/www/audit.html"
check "audit --map: the finding is on the page" grep -q '<h2 id="findings">Findings (2)</h2>' "$tmp/www/audit.html"
a --map "$tmp/www/audit.html" >"$tmp/a3" 2>&1
check_eq "audit --map: nothing changed, silent" "" "$(cat "$tmp/a3")"
a --map "$tmp/nonexistent/audit.html" >"$tmp/a4" 2>&1
check_eq "audit --map unwritable with conflicts: still 2" 2 "$?"
check "audit --map unwritable: says so" grep -q "^vnetaudit: --map $tmp/nonexistent/audit.html: cannot write" "$tmp/a4"
rm -r "$R/etc/libvirt"
a --map "$tmp/nonexistent/audit.html" >"$tmp/a5" 2>&1
check_eq "audit --map unwritable on a clean run: 73" 73 "$?"

# A hostile interface name from the kernel (invalid UTF-8, markup).
ns_add host
bad=$'<i>"\xff'
ip -n "$(ns host)" link add "$bad" type bridge && ip -n "$(ns host)" addr add 10.77.0.1/24 dev "$bad"
check_eq "hostile bridge created" 0 "$?"
mkdir -p "$tmp/novmware"   # an empty VMware directory: nothing configured
va host --libvirt-uri none --vmware-dir "$tmp/novmware" map >"$tmp/ns.html" 2>"$tmp/ns.err"
check_eq "map from the kernel in a namespace: exit 0" 0 "$?"
check "hostile interface: shown as text with the byte escaped" grep -qF 'host:&lt;i&gt;&quot;\xff' "$tmp/ns.html"
check "hostile interface: no <i> element" sh -c "! grep -q '<i>' '$tmp/ns.html'"
check "hostile interface: page is valid UTF-8" python3 -c "open('$tmp/ns.html', encoding='utf-8', errors='strict').read()"
t_done
