#!/usr/bin/env bash
# hostile_root.sh - roots built to attack vnetaudit (issue 15), in the root
# namespace with --offline/--no-probe only: FIFOs never block, symbolic
# links never reach outside --root nor show a target's content (VMware,
# libvirt, Docker, Podman files and the host identity alike), the
# audited root's vnetaudit.conf runs no program, diagnostics stay bounded,
# bad roots and operands get usage/input exit codes with a message.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
T=$(ns_tmpdir)
R="$T/root"
CONF_OK="$T/host.conf"        # an empty, root-owned host configuration
: >"$CONF_OK"; chmod 644 "$CONF_OK"
fresh_root() { rm -rf "$R"; mkdir -p "$R/etc/vmware/vmnet1/dhcpd" "$R/etc/vmware/vmnet1/nat" \
        "$R/etc/libvirt/qemu/networks"; }
vmw_base() {
        printf '%s\n' 'VERSION=1,0' 'answer VNET_1_DHCP yes' 'answer VNET_1_HOSTONLY_NETMASK 255.255.255.0' \
                'answer VNET_1_HOSTONLY_SUBNET 10.50.1.0' 'answer VNET_1_VIRTUAL_ADAPTER yes' \
                >"$R/etc/vmware/networking"
}
# run SECONDS args...: vnetaudit with a deadline; prints the exit status
run() { local s="$1"; shift; timeout "$s" "$VNETAUDIT" "$@"; echo $?; }

# --- 1. FIFOs never block -------------------------------------------------
for f in etc/vmware/networking etc/vmware/vmnet1/dhcpd/dhcpd.conf etc/vmware/vmnet1/nat/nat.conf \
         etc/vnetaudit.conf etc/libvirt/qemu/networks/fifo.xml; do
        fresh_root; vmw_base; rm -f "$R/$f"; mkfifo "$R/$f"
        rc=$(run 20 --offline --libvirt-uri none --root "$R" list 2>"$T/err" >/dev/null)
        check "fifo $f: list does not hang (rc $rc)" test "$rc" != 124
        rc=$(run 20 --offline --libvirt-uri none --root "$R" --config "$CONF_OK" check 2>"$T/err" >"$T/out")
        check "fifo $f: check does not hang (rc $rc)" test "$rc" != 124
        [ "$f" = etc/vnetaudit.conf ] && continue
        check "fifo $f: named as not a regular file" grep -q "${f#etc}.*not a regular file" "$T/out" "$T/err"
done
fresh_root; mkfifo "$T/fifo.conf"
rc=$(run 20 --offline --libvirt-uri none --root "$R" --config "$T/fifo.conf" check 2>"$T/err")
check_eq "--config FIFO: exit 78, no hang" 78 "$rc"
check "--config FIFO: says why" grep -q 'fifo.conf.*not a regular file' "$T/err"

# --- 2. symbolic links never leave the root ------------------------------
printf 'root:$6$SECRETHASH:19000:0:99999:7:::\nanswer VNET_9_SECRET leaked\n' >"$T/shadow"
for f in etc/vmware/networking etc/vmware/vmnet1/dhcpd/dhcpd.conf etc/vmware/vmnet1/nat/nat.conf \
         etc/vnetaudit.conf etc/libvirt/qemu/networks/x.xml; do
        fresh_root; vmw_base; rm -f "$R/$f"
        ln -s "$T/shadow" "$R/$f"
        for cmd in list check; do
                "$VNETAUDIT" --offline --libvirt-uri none --root "$R" $cmd >"$T/out" 2>"$T/err"
                "$VNETAUDIT" --offline --libvirt-uri none --root "$R" --json $cmd >>"$T/out" 2>>"$T/err"
                check "link $f: $cmd shows nothing of the target" \
                        sh -c "! grep -q 'SECRETHASH\|VNET_9\|leaked' '$T/out' '$T/err'"
        done
        [ "$f" = etc/vmware/networking ] || [ "$f" = etc/vnetaudit.conf ] && continue
        check "link $f: the link is named" grep -q "${f#etc}: cannot read: symbolic link to nothing inside the root" "$T/err" "$T/out"
done
# ".." and absolute links resolve inside the root, as if it were /.
fresh_root; vmw_base
mkdir -p "$R/srv"; cp "$R/etc/vmware/networking" "$R/srv/networking.real"
rm "$R/etc/vmware/networking"
ln -s ../../../../../../../srv/networking.real "$R/etc/vmware/networking"
"$VNETAUDIT" --offline --libvirt-uri none --root "$R" --json list >"$T/out" 2>"$T/err"
check "'..' link resolved inside the root" grep -q '"name": "vmnet1"' "$T/out"
rm "$R/etc/vmware/networking"; ln -s /srv/networking.real "$R/etc/vmware/networking"
"$VNETAUDIT" --offline --libvirt-uri none --root "$R" --json list >"$T/out" 2>"$T/err"
check "absolute link resolved inside the root" grep -q '"name": "vmnet1"' "$T/out"
# A linked directory on the way is resolved inside the root too.
fresh_root; rm -rf "$R/etc/vmware"; mkdir -p "$R/opt/vmware"; ln -s /opt/vmware "$R/etc/vmware"
cp tests/fixtures/audit/networking-conflict "$R/opt/vmware/networking"
"$VNETAUDIT" --offline --libvirt-uri none --root "$R" --json list >"$T/out" 2>"$T/err"
check "directory link resolved inside the root" grep -q '"name": "vmnet6"' "$T/out"

# --- 2b. container configuration and the host identity go through the ---
# same reader (issue 15 x issue 18): a link out of the root shows nothing of
# its target, a FIFO does not hang.
printf '{ "bip": "10.99.99.1/24", "SECRETHASH": "leaked" }\n' >"$T/secret-daemon.json"
printf '{ "name": "leaknet", "driver": "bridge", "network_interface": "leak0", "subnets": [ { "subnet": "10.98.98.0/24", "gateway": "10.98.98.1" } ], "SECRETHASH": 1 }\n' \
        >"$T/secret-net.json"
printf 'leakedhost\n' >"$T/secret-hostname"
mkdir -p "$T/secret-netdir"; cp "$T/secret-net.json" "$T/secret-netdir/y.json"
ctr_root() { fresh_root; vmw_base; mkdir -p "$R/etc/docker" "$R/etc/containers/networks"
        printf '[network]\nnetwork_backend = "netavark"\n' >"$R/etc/containers/containers.conf"; }
ctr_run() { # ctr_run: list and check, text and JSON, into $T/out and $T/err
        : >"$T/out"; : >"$T/err"
        for cmd in list check; do
                for j in "" --json; do
                        timeout 20 "$VNETAUDIT" --offline --libvirt-uri none --root "$R" --config "$CONF_OK" \
                                $j $cmd >>"$T/out" 2>>"$T/err"
                        echo "rc $?" >>"$T/rcs"
                done
        done; }
for f in etc/docker/daemon.json etc/containers/networks/x.json etc/hostname etc/containers/networks; do
        ctr_root; rm -rf "$R/$f"
        case $f in
        *daemon.json) ln -s "$T/secret-daemon.json" "$R/$f" ;;
        *x.json) ln -s "$T/secret-net.json" "$R/$f" ;;
        etc/hostname) ln -s "$T/secret-hostname" "$R/$f" ;;
        *) ln -s "$T/secret-netdir" "$R/$f" ;;
        esac
        ctr_run
        check "link $f: nothing of the target shown" \
                sh -c "! grep -q 'SECRETHASH\|10\.99\.99\|10\.98\.98\|leaknet\|leak0\|leakedhost' '$T/out' '$T/err'"
        # (the host name falls back to this machine's; a directory linked
        # out of the root is as absent as libvirt's)
        [ "$f" = etc/hostname ] || [ "$f" = etc/containers/networks ] && continue
        check "link $f: the link is named" \
                grep -q "${f#etc}: warning: cannot read.*: symbolic link to nothing inside the root" "$T/out" "$T/err"
done
# ... while a link inside the root is followed, as if the root were /.
ctr_root; mkdir -p "$R/srv"; cp "$T/secret-daemon.json" "$R/srv/daemon.json"
ln -s /srv/daemon.json "$R/etc/docker/daemon.json"
"$VNETAUDIT" --offline --libvirt-uri none --root "$R" --json list >"$T/out" 2>"$T/err"
check "daemon.json linked inside the root is read" grep -q '"10.99.99.0/24"' "$T/out"
for f in etc/docker/daemon.json etc/containers/networks/x.json etc/containers/containers.conf etc/hostname \
         etc/machine-id; do
        ctr_root; rm -f "$R/$f"; mkfifo "$R/$f"; : >"$T/rcs"
        ctr_run
        check "fifo $f: list and check do not hang" sh -c "! grep -q 'rc 124' '$T/rcs'"
        case $f in etc/hostname|etc/machine-id) continue ;; esac
        check "fifo $f: named as not a regular file" grep -q "${f#etc}: warning: cannot read: not a regular file" "$T/out" "$T/err"
done

# --- 3. the audited root's configuration runs no program ----------------
fresh_root; cp tests/fixtures/audit/networking-conflict "$R/etc/vmware/networking"
printf '#!/bin/sh\ntouch "%s/RAN"\ncat >/dev/null\n' "$T" >"$T/evil.sh"; chmod 755 "$T/evil.sh"
printf '[audit]\nsendmail = %s\nstate-dir = %s/anywhere\nmail-to = x@example.org\n[probe]\ninterface = eth0\n' \
        "$T/evil.sh" "$T" >"$R/etc/vnetaudit.conf"
va_root --offline --libvirt-uri none --root "$R" audit --state-dir "$T/state" >"$T/out" 2>"$T/err"
check_eq "root's conf: audit still reports (exit 2)" 2 "$?"
check "root's conf: its sendmail never ran" test ! -e "$T/RAN"
check "root's conf: its state-dir never written" test ! -e "$T/anywhere"
check "root's conf: the state went to --state-dir" test -s "$T/state/state"
va_root --offline --libvirt-uri none --root "$R" check >"$T/out" 2>"$T/err"
check "root's conf: check says what it ignored" \
        grep -q "etc/vnetaudit.conf: warning: mail-to, sendmail, state-dir, interface ignored: the audited root's configuration gives analysis settings" "$T/err"
# ... while its segments still count.
printf '[segment lab]\nnetworks = vmnet1 vmnet6\n' >"$R/etc/vnetaudit.conf"
va_root --offline --libvirt-uri none --root "$R" check >"$T/out" 2>"$T/err"
check "root's conf: segments still apply" sh -c "! grep -q subnet-overlap '$T/out'"
# --config: trusted only when root-owned and writable by root alone.
printf '[audit]\nsendmail = %s\nmail-to = x@example.org\n' "$T/evil.sh" >"$T/host.conf"
chmod 664 "$T/host.conf"; rm -rf "$T/state"
va_root --offline --libvirt-uri none --root "$R" --config "$T/host.conf" audit --state-dir "$T/state" >/dev/null 2>"$T/err"
check "group-writable --config: sendmail not run" test ! -e "$T/RAN"
va_root --offline --libvirt-uri none --root "$R" --config "$T/host.conf" check >/dev/null 2>"$T/err"
check "group-writable --config: says so" grep -q 'host.conf: warning: mail-to, sendmail ignored: the file is writable by its group' "$T/err"
chmod 644 "$T/host.conf"; chown 65534 "$T/host.conf"; rm -rf "$T/state"
va_root --offline --libvirt-uri none --root "$R" --config "$T/host.conf" audit --state-dir "$T/state" >/dev/null 2>"$T/err"
check "foreign-owned --config: sendmail not run" test ! -e "$T/RAN"
chown 0 "$T/host.conf"; rm -rf "$T/state"
va_root --offline --libvirt-uri none --root "$R" --config "$T/host.conf" audit --state-dir "$T/state" >/dev/null 2>"$T/err"
check "root-owned 0644 --config: its sendmail is used" test -e "$T/RAN"
: >"$CONF_OK"

# --- 8. diagnostics are bounded and escaped ------------------------------
fresh_root
{ echo 'VERSION=1,0'; printf '\xe2\x80\xaejunk\n'
  awk 'BEGIN { for (i = 0; i < 120000; i++) printf "junk line %d %s\n", i, "xxxxxxxxxxxxxxxxxxxxxxxx" }'
  awk 'BEGIN { s = "verylong"; for (i = 0; i < 17; i++) s = s s; print s }'; } >"$R/etc/vmware/networking"
for cmd in list check; do
        timeout 120 "$VNETAUDIT" --offline --libvirt-uri none --root "$R" --config "$CONF_OK" $cmd >"$T/out" 2>"$T/err"
        check "junk: $cmd output bounded ($(cat "$T/out" "$T/err" | wc -c) bytes)" \
                test "$(cat "$T/out" "$T/err" | wc -c)" -lt 20000
        check "junk: $cmd says how many were left out" grep -q 'and 119982 more diagnostics about this file (not shown)' "$T/out" "$T/err"
        check "junk: $cmd escapes U+202E" grep -qF 'unknown command "\xe2\x80\xaejunk"' "$T/out" "$T/err"
        check "junk: $cmd never prints U+202E raw" sh -c "! grep -q \$'\xe2\x80\xae' '$T/out' '$T/err'"
done
timeout 120 "$VNETAUDIT" --offline --libvirt-uri none --root "$R" --json list >"$T/out" 2>"$T/err"
check "junk: list --json is valid and bounded" python3 -c "
import json, sys
d = json.load(open('$T/out'))
assert len(d['diagnostics']) == 21, len(d['diagnostics'])
assert any(x['message'].startswith('and 119982 more') for x in d['diagnostics'])"
# One long line is quoted as a short excerpt only.
{ echo 'VERSION=1,0'; awk 'BEGIN { s = "x"; for (i = 0; i < 20; i++) s = s s; print s }'; } >"$R/etc/vmware/networking"
"$VNETAUDIT" --offline --libvirt-uri none --root "$R" list >"$T/out" 2>"$T/err"
check "1 MiB line: the diagnostic is a short excerpt ($(wc -c <"$T/err") bytes)" test "$(wc -c <"$T/err")" -lt 300

# --- 10. bad input gets a usage/input status with a message, not a verdict
for cmd in list check audit; do
        va_root --offline --libvirt-uri none --root /nonexistent/vnetaudit-root $cmd --state-dir "$T/st10" >"$T/out" 2>"$T/err"
        check_eq "missing --root: $cmd exits 66" 66 "$?"
        check "missing --root: $cmd says so" grep -q '^vnetaudit: --root /nonexistent/vnetaudit-root: No such file or directory$' "$T/err"
        check "missing --root: $cmd gives no verdict" sh -c "! grep -q 'no conflicts\|0 errors' '$T/out'"
        va_root --offline --libvirt-uri none --root "$CONF_OK" $cmd --state-dir "$T/st10" >/dev/null 2>"$T/err"
        check_eq "file as --root: $cmd exits 66" 66 "$?"
        check "file as --root: $cmd says so" grep -q 'not a directory' "$T/err"
done
va_root --offline --libvirt-uri none audit foo >/dev/null 2>"$T/err"
check_eq "audit foo: exit 64" 64 "$?"
check "audit foo: says so" grep -q "audit takes no operands ('foo')" "$T/err"
for v in 0x1 1e1 inf nan 1..2 ' 1'; do
        va_root --offline --libvirt-uri none --timeout "$v" check >/dev/null 2>"$T/err"
        check_eq "--timeout '$v': exit 64" 64 "$?"
done
va_root --offline --libvirt-uri none --timeout 0.5 --root "$R" check >/dev/null 2>&1
check "--timeout 0.5 still accepted" test $? -ne 64
if ip netns add "$(ns probe)" 2>/dev/null; then
        ip netns delete "$(ns probe)"
        ns_add p10; ns_exec p10 ip link set lo up
        va p10 probe -i lo 198.51.100.7 >"$T/out" 2>"$T/err"
        check_eq "probe -i lo: exit 64" 64 "$?"
        check "probe -i lo: says why" grep -q 'lo: a loopback interface cannot carry ARP probes' "$T/err"
        check "probe -i lo: no 'free' verdict" sh -c "! grep -q free '$T/out'"
        fresh_root; vmw_base
        va p10 --root "$R" --libvirt-uri none --config "$CONF_OK" check -i lo >/dev/null 2>"$T/err"
        check_eq "check -i lo: exit 64" 64 "$?"
fi
# 74: output that cannot be written is said, not silent.
va_root --offline --libvirt-uri none --root "$R" list >/dev/full 2>"$T/err"
check_eq "list >/dev/full: exit 74" 74 "$?"
check "list >/dev/full: says so" grep -q 'cannot write the output' "$T/err"

# --- 11. the state directory: StrictModes --------------------------------
fresh_root; cp tests/fixtures/audit/networking-conflict "$R/etc/vmware/networking"
S="$T/state11"
aud11() { va_root --offline --libvirt-uri none --root "$R" --config "$CONF_OK" audit --state-dir "$S" "$@"; }
rm -rf "$S"; mkdir -m 0777 "$S"
aud11 >"$T/out" 2>"$T/err"
check_eq "world-writable state dir: exit 77" 77 "$?"
check "world-writable state dir: the reason" grep -q "state11: refused: writable by others (mode 0777)" "$T/err"
chmod 0770 "$S"; aud11 >/dev/null 2>"$T/err"
check_eq "group-writable state dir: exit 77" 77 "$?"
chmod 0700 "$S"; chown 65534 "$S"; aud11 >/dev/null 2>"$T/err"
check_eq "foreign-owned state dir: exit 77" 77 "$?"
check "foreign-owned state dir: the reason" grep -q "state11: refused: owned by uid 65534" "$T/err"
chown 0 "$S"
# Another user's planted state would silence the two conflicts.
aud11 >/dev/null 2>&1; cp "$S/state" "$T/state.good"; chown 65534 "$S/state"
aud11 >"$T/out" 2>"$T/err"
check_eq "foreign-owned state file: exit 77" 77 "$?"
check "foreign-owned state file: the reason" grep -q "state11/state: refused: owned by uid 65534" "$T/err"
chown 0 "$S/state"; chmod 0666 "$S/state"; aud11 >/dev/null 2>"$T/err"
check_eq "world-writable state file: exit 77" 77 "$?"
chmod 0600 "$S/state"
# Another user's lock would block it.
chown 65534 "$S/lock"; aud11 >/dev/null 2>"$T/err"
check_eq "foreign-owned lock: exit 77, not blocked" 77 "$?"
check "foreign-owned lock: the reason" grep -q "state11/lock: refused: owned by uid 65534" "$T/err"
chown 0 "$S/lock"; aud11 >/dev/null 2>"$T/err"
check_eq "safe state dir: the audit runs (exit 2: the conflicts stay)" 2 "$?"

t_done
