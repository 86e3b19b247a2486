#!/usr/bin/env bash
# privdrop.sh - a one-shot `probe` started as root gives up root before it
# decodes a received byte: during its probe window /proc/PID/status shows
# no uid or gid 0 (real, effective, saved, filesystem), only the target's
# group, no capability in any set and no-new-privs - and the probe still
# finds the address in use.  The target is the `vnetaudit` system user when
# it exists, else nobody/nogroup; both cases run with /etc/passwd and
# /etc/group bind-mounted in a private mount namespace, so the machine's
# own user database is neither read for the answer nor changed.  A root-
# started `audit` that probes drops the same way and still saves its state
# (root's, 0600, in root's 0700 directory) through the keeper it forked.
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
grep -v '^vnetaudit:' /etc/passwd > "$d/passwd.without"
grep -v '^vnetaudit:' /etc/group > "$d/group.without"
cp "$d/passwd.without" "$d/passwd.with"; cp "$d/group.without" "$d/group.with"
echo 'vnetaudit:x:64123:64124:vnetaudit test user:/nonexistent:/usr/sbin/nologin' >> "$d/passwd.with"
echo 'vnetaudit:x:64124:' >> "$d/group.with"
nobody_uid=$(awk -F: '$1 == "nobody" { print $3 }' "$d/passwd.without")
nogroup_gid=$(awk -F: '$1 == "nogroup" { print $3 }' "$d/group.without")

# probe_as_root CASE ARGS...: vnetaudit ARGS as root with CASE's user database.
probe_as_root() { local c="$1"; shift; as_root_with "$c" "$d/passwd.$c" "$d/group.$c" "$@"; }

for c in without with; do
        # A 3 s window: 198.51.100.99 never answers, so it does not stop early.
        probe_as_root "$c" probe --timeout 3 -i eth0 198.51.100.21 198.51.100.99
        if [ "$c" = with ]; then uid=64123 gid=64124; else uid=$nobody_uid gid=$nogroup_gid; fi
        check "($c vnetaudit user) the status was read during the probe window" test -s "$d/status.$c"
        check_eq "($c vnetaudit user) uids: real, effective, saved, fs" "$uid $uid $uid $uid" "$(field $c Uid)"
        check_eq "($c vnetaudit user) gids" "$gid $gid $gid $gid" "$(field $c Gid)"
        check_eq "($c vnetaudit user) supplementary groups: its own only" "$gid" "$(field $c Groups | xargs)"
        for set in CapInh CapPrm CapEff CapBnd CapAmb; do
                check_eq "($c vnetaudit user) $set empty" 0000000000000000 "$(field $c $set)"
        done
        check_eq "($c vnetaudit user) no-new-privs" 1 "$(field $c NoNewPrivs)"
        check_eq "($c vnetaudit user) the probe still hears the claimant" \
                "198.51.100.21 in use by 52:54:00:12:34:56 (QEMU/KVM virtual NIC) on eth0" \
                "$(head -n 1 "$d/out.$c")"
        check_eq "($c vnetaudit user) exit 2: an address is in use" 2 "$(cat "$d/rc.$c")"
done

# audit: an autostarted libvirt network plans 198.51.100.21 (h1 holds it)
# as its host address; the audit probes it, finds it in use and saves that.
mkdir -p "$d/root/etc/libvirt/qemu/networks/autostart" "$d/state"
ln -s ../taken.xml "$d/root/etc/libvirt/qemu/networks/autostart/taken.xml"      # so it is checked
chmod 0700 "$d/state"
cat > "$d/root/etc/libvirt/qemu/networks/taken.xml" <<'XML'
<network>
  <name>taken</name>
  <bridge name='vtaken0' stp='off'/>
  <ip address='198.51.100.21' prefix='24'/>
</network>
XML
cp "$d/passwd.without" "$d/passwd.audit"; cp "$d/group.without" "$d/group.audit"
probe_as_root audit audit --root "$d/root" --libvirt-uri none --state-dir "$d/state" --timeout 3 -i eth0
check "(audit) the status was read during the probe window" test -s "$d/status.audit"
check_eq "(audit) probing as nobody, not root" "$nobody_uid $nobody_uid $nobody_uid $nobody_uid" "$(field audit Uid)"
check_eq "(audit) CapEff empty" 0000000000000000 "$(field audit CapEff)"
check_eq "(audit) exit 2: the planned address is in use" 2 "$(cat "$d/rc.audit")"
check "(audit) the report names the claimant" grep -q '52:54:00:12:34:56' "$d/out.audit"
check_eq "(audit) state saved by root's keeper: root-owned, 0600" "0 600" "$(stat -c '%u %a' "$d/state/state" 2>&1)"
check "(audit) the saved state holds the finding" grep -q 'address-in-use' "$d/state/state"
cp "$d/passwd.without" "$d/passwd.audit2"; cp "$d/group.without" "$d/group.audit2"
probe_as_root audit2 audit --root "$d/root" --libvirt-uri none --state-dir "$d/state" --timeout 3 -i eth0
check_eq "(audit) second run: nothing changed, nothing printed" "" "$(cat "$d/out.audit2")"
t_done
