#!/usr/bin/env bash
# examples.sh - the examples are tests: every vnetaudit command line in the
# man page's EXAMPLES and in the README is found here and run, in
# namespaces, against the incident (a server on the LAN holding vmnet6's
# planned address) and then with the server down.  An example this test
# does not know fails it, so a new example needs a case.  The drop-in's own
# ExecStartPre= line is run as systemd would in dropin_installed.sh.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
DEMO="$PWD/contrib/demo-root"
FX="$PWD/tests/fixtures/check"
tmp=$(ns_tmpdir)
mkdir -p "$tmp/bin" "$tmp/state" "$tmp/nagios-state"

# Every example line, as written.
{
        sed -n '/^\.Sh EXAMPLES/,/^\.Sh SEE ALSO/p' man/vnetaudit.8 |
                sed -n -e 's/^\(# \|\$ \|\.Dl \)\(vnetaudit .*\)/\2/p' -e 's/^\(ExecStart\(Pre\)\?=.*vnetaudit .*\)/\1/p'
        sed -n 's/^\(vnetaudit [a-z]*\) .*/\1/p' README.md
        grep -o '`vnetaudit [^`]*`' README.md | tr -d '`'
} | sort -u >"$tmp/examples"
check "examples found" test "$(wc -l <"$tmp/examples")" -ge 8

# The binary, pointed at the test root, with a private state dir and a
# sendmail that keeps the mail; "vmware-networks" records that it ran.
cat >"$tmp/bin/vnetaudit" <<W
#!/bin/sh
exec "$VNETAUDIT" --root "\${EX_ROOT:-$DEMO}" --libvirt-uri none --state-dir "$tmp/state" --sendmail "$tmp/bin/sendmail" "\$@"
W
cat >"$tmp/bin/sendmail" <<W
#!/bin/sh
cat >>"$tmp/mail"
W
cat >"$tmp/bin/vmware-networks" <<W
#!/bin/sh
echo "\$@" >>"$tmp/started"
W
chmod +x "$tmp/bin/"*

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan w0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan s0 br0; ns_addr srv eth0 198.51.100.20/24
ns_bridge srv virbr1 192.168.56.1/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan w0 && ns_wait_up lan s0
cp -a "$FX/overlap" "$tmp/otherhost"
# fleet's examples read ./inv (and /srv/vnetaudit, swapped for it below):
# this host's inventory, as `list --json` writes it.
mkdir -p "$tmp/cwd/inv"
"$VNETAUDIT" --root "$DEMO" --libvirt-uri none --offline list --json >"$tmp/cwd/inv.json"
host=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["host"])' <"$tmp/cwd/inv.json")
mv "$tmp/cwd/inv.json" "$tmp/cwd/inv/$host.json"   # the name audit --export gives it

# run LINE: the example with the installed paths swapped for the wrapper.
run() {
        local line="$1"
        line=${line#ExecStartPre=}; line=${line#ExecStart=}
        line=${line//\/usr\/local\/sbin\/vnetaudit/vnetaudit}
        line=${line//\/usr\/sbin\/vnetaudit/vnetaudit}
        line=${line//\/tmp\/otherhost/$tmp/otherhost}
        line=${line//\/var\/lib\/vnetaudit/$tmp/nagios-state}
        line=${line//\/srv\/vnetaudit/$tmp/cwd/inv}
        # watch runs until stopped: a few seconds, then SIGTERM (exit 0)
        case "$line" in "vnetaudit watch"*) line="timeout --preserve-status 4 $line" ;; esac
        # the mailing audit starts from no state: other audits ran before it
        case "$line" in *--mail-to*) rm -rf "${tmp:?}/state/"* ;; esac
        line=${line//\/srv\/doc/$tmp/cwd}
        line=${line//\/var\/lib\/prometheus\/node-exporter/$tmp/cwd}
        ( cd "$tmp/cwd" && ip netns exec "$(ns ws)" env PATH="$tmp/bin:$PATH" sh -c "$line" ) >"$tmp/out" 2>&1
}

# case LINE EXIT-WITH-SERVER-UP EXIT-WITH-SERVER-DOWN [grep pattern when up]
declare -A UP DOWN PAT
add() { UP["$1"]=$2; DOWN["$1"]=$3; PAT["$1"]=${4:-}; }
add 'ExecStartPre=/usr/local/sbin/vnetaudit -q check --fail-on=error' 2 0 'address-in-use'
add 'vnetaudit check --net vmnet6 && vmware-networks --start' 2 0 "vmnet6's planned host address 192.168.56.1"
add 'vnetaudit --root /tmp/otherhost --libvirt-uri none --offline check' 2 2 'subnet-overlap'
add 'ExecStart=/usr/sbin/vnetaudit audit --mail-to root' 2 0 ''
add 'vnetaudit audit --nagios --state-dir /var/lib/vnetaudit' 2 0 '^VNETAUDIT CRITICAL'
add 'vnetaudit list' 0 0 'vmnet6'
add 'vnetaudit check' 2 0 'address-in-use'
add 'vnetaudit audit' 2 0 ''
add 'vnetaudit probe' 64 64 'no address given'
add "vnetaudit check --quiet --net 'vmware:*' --fail-on=error" 2 0 'address-in-use'
add 'vnetaudit list --json' 0 0 '"networks"'
add 'vnetaudit probe --localnet --in-use-only' 2 0 '198.51.100.20'
add 'vnetaudit suggest' 0 0 'verified'
add 'vnetaudit suggest --count 1' 0 0 'verified'
add 'vnetaudit map' 0 0 'Content-Security-Policy'
add 'vnetaudit map --format dot | dot -Tsvg > networks.svg' 0 0 ''
add 'vnetaudit fleet' 64 64 'INVENTORY'
add 'vnetaudit watch' 0 0 'address-in-use'
add 'ExecStart=/usr/sbin/vnetaudit audit --map /srv/doc/vnetaudit.html' 2 0 ''
add 'ExecStart=/usr/sbin/vnetaudit audit --export /srv/vnetaudit --metrics /var/lib/prometheus/node-exporter/vnetaudit.prom' 2 0 ''
add 'vnetaudit fleet inv' 0 0 ''
add 'vnetaudit fleet /srv/vnetaudit' 0 0 ''

while IFS= read -r ex; do
        if [ -z "${UP[$ex]+x}" ]; then not_ok "example has no case here: $ex"; continue; fi
        : >"$tmp/started"
        run "$ex"; rc=$?
        check_eq "server up: $ex" "${UP[$ex]}" "$rc"
        [ -z "${PAT[$ex]}" ] || check "server up, output: $ex" grep -q -- "${PAT[$ex]}" "$tmp/out"
        [ "$rc" = 0 ] || [ "$T_FAILED" -eq 0 ] || sed 's/^/# /' "$tmp/out"
        case "$ex" in *vmware-networks*) check "the conflict kept vmnets down" test ! -s "$tmp/started" ;; esac
done <"$tmp/examples"
check "the audit example mailed root" grep -q '^To: root' "$tmp/mail"

ip -n "$(ns srv)" link set eth0 down
while IFS= read -r ex; do
        [ -n "${DOWN[$ex]+x}" ] || continue
        : >"$tmp/started"
        run "$ex"; rc=$?
        check_eq "server down: $ex" "${DOWN[$ex]}" "$rc"
        case "$ex" in *vmware-networks*) check "clean plan: vmware-networks --start ran" grep -qx -- --start "$tmp/started" ;; esac
done <"$tmp/examples"

# The README's synopsis lines, with their options filled in.
for line in 'vnetaudit list --json' "vnetaudit check --net vmnet6 -i eth0 --no-probe --fail-on=warning" \
            "vnetaudit audit --mail-to root --state-dir $tmp/s2 --nagios" 'vnetaudit probe 198.51.100.10 -i eth0'; do
        run "$line"; rc=$?
        check "synopsis runs (no usage error): $line" test "$rc" -lt 64
done
t_done
