#!/usr/bin/env bash
# audit_outputs_root.sh - a root-started `audit` that probes a namespace
# LAN gives up root while it probes (/proc/PID/status shows no uid 0 in
# the probe window, as privdrop.sh checks), yet its --export, --metrics
# and --map files land in root-owned 0755 directories that the
# unprivileged user cannot write: root's writer, forked before the drop,
# writes them - root-owned, 0644, no temporary left, with what the audit
# found - and the audit exits 2 (the address in use), not 73.  The user
# database is bind-mounted in a private mount namespace without a
# `vnetaudit` user, so the audit becomes nobody.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/netns.sh
. tests/lib/probe_lan.sh
. tests/lib/privdrop.sh
ns_require_root
command -v unshare >/dev/null || { echo "# skip: unshare not installed"; exit 77; }

lan_init
lan_host me 198.51.100.10/24 02:00:00:00:00:10
lan_host h1 198.51.100.21/24 52:54:00:12:34:56
d=$(ns_tmpdir)
grep -v '^vnetaudit:' /etc/passwd > "$d/passwd"
grep -v '^vnetaudit:' /etc/group > "$d/group"
nobody_uid=$(awk -F: '$1 == "nobody" { print $3 }' "$d/passwd")

# An autostarted libvirt network plans 198.51.100.21, which h1 holds.
mkdir -p "$d/root/etc/libvirt/qemu/networks/autostart" "$d/state" "$d/exp" "$d/prom" "$d/www"
ln -s ../taken.xml "$d/root/etc/libvirt/qemu/networks/autostart/taken.xml"
echo ws7 > "$d/root/etc/hostname"
cat > "$d/root/etc/libvirt/qemu/networks/taken.xml" <<'XML'
<network>
  <name>taken</name>
  <bridge name='vtaken0' stp='off'/>
  <ip address='198.51.100.21' prefix='24'/>
</network>
XML
chmod 0700 "$d/state"
chown root:root "$d/exp" "$d/prom" "$d/www"
chmod 0755 "$d/exp" "$d/prom" "$d/www"
echo old > "$d/prom/vnetaudit.prom"

# as_root NAME ARGS...: vnetaudit ARGS as root with this test's user database.
as_root() { local c="$1"; shift; as_root_with "$c" "$d/passwd" "$d/group" "$@"; }

# A 3 s window: the plan's address is probed with --timeout 3.
as_root run audit --root "$d/root" --libvirt-uri none --state-dir "$d/state" --timeout 3 -i eth0 \
        --export "$d/exp" --metrics "$d/prom/vnetaudit.prom" --map "$d/www/map.html"
check "the status was read during the probe window" test -s "$d/status.run"
check_eq "probing as nobody: uids real, effective, saved, fs" \
        "$nobody_uid $nobody_uid $nobody_uid $nobody_uid" "$(field run Uid)"
check_eq "probing with CapEff empty" 0000000000000000 "$(field run CapEff)"
check_eq "exit 2: the planned address is in use (not 73)" 2 "$(cat "$d/rc.run")"
check "the report names the claimant" grep -q '52:54:00:12:34:56' "$d/out.run"
check "no 'cannot write' on stderr" bash -c "! grep -q 'cannot\|--export\|--metrics\|--map' '$d/out.run'"
for f in exp/ws7.json prom/vnetaudit.prom www/map.html; do
        check_eq "$f: written by root, 0644" "0 0 644" "$(stat -c '%u %g %a' "$d/$f" 2>&1)"
done
check_eq "export dir: HOST.json only, no temporary" "ws7.json" "$(ls -A "$d/exp")"
check_eq "metrics dir: the file only, no temporary" "vnetaudit.prom" "$(ls -A "$d/prom")"
check_eq "map dir: the page only, no temporary" "map.html" "$(ls -A "$d/www")"
check "export: the inventory the audit read as root (host, the libvirt network)" \
        python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
assert d["host"] == "ws7", d["host"]
assert "libvirt:taken" in [n["id"] for n in d["networks"]], d["networks"]' "$d/exp/ws7.json"
check "metrics: replaced, and the run succeeded" grep -qx 'vnetaudit_last_run_success 1' "$d/prom/vnetaudit.prom"
check "metrics: the address-in-use finding" \
        grep -q '^vnetaudit_findings{severity="error",code="address-in-use",network="libvirt:taken"} 1$' \
        "$d/prom/vnetaudit.prom"
check "map: the page shows the network" grep -q 'libvirt:taken' "$d/www/map.html"
check_eq "state saved by root's keeper alongside: root-owned, 0600" "0 600" "$(stat -c '%u %a' "$d/state/state" 2>&1)"

# The same directories refuse nobody: without the writer this run would fail.
check "nobody cannot create files in them (the test means something)" \
        bash -c "! setpriv --reuid=$nobody_uid --regid=65534 --clear-groups touch '$d/prom/x' 2>/dev/null"
t_done
