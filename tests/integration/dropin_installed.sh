#!/usr/bin/env bash
# dropin_installed.sh - the pre-start guard exactly as `make install` puts
# it: the vmware.service drop-in's ExecStartPre= line, run as systemd would
# (its Environment=, its EnvironmentFile=, "$$" unescaped, no "-" prefix),
# and the SysV snippet, against the incident in namespaces.  They must veto
# the incident on vmnet6 with and without vmnet8 configured, veto a static
# overlap while no interface is up, and let a clean plan start.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
DEMO="$PWD/contrib/demo-root"
FX="$PWD/tests/fixtures/check"
tmp=$(ns_tmpdir)
dest="$tmp/dest"
make -s install DESTDIR="$dest" PREFIX=/usr SYSCONFDIR=/etc >/dev/null 2>&1 || { not_ok "make install"; t_done; }
unit="$dest/usr/lib/systemd/system/vmware.service.d/vnetaudit.conf"
snippet="$dest/usr/share/vnetaudit/init.d-vmware-snippet.sh"
check "drop-in installed" test -f "$unit"
check "ExecStartPre has no '-' prefix (systemd would ignore the veto)" grep -q '^ExecStartPre=/bin/sh ' "$unit"
check "drop-in reads /etc/default/vnetaudit, optionally" grep -qx 'EnvironmentFile=-/etc/default/vnetaudit' "$unit"
check "vmware-networks.service drop-in is the same guard" \
        diff <(grep -v '^#' "$unit") <(grep -v '^#' "$dest/usr/lib/systemd/system/vmware-networks.service.d/vnetaudit.conf")

# The installed binary path becomes a wrapper that points it at the test
# root; everything else of the command line is the drop-in's own.
wrap="$tmp/vnetaudit-wrapper"
defaults="$tmp/etc-default-vnetaudit"
# run_dropin ROOT: prints the exit status of the ExecStartPre command.
run_dropin() {
        cat >"$wrap" <<W
#!/bin/sh
exec "$dest/usr/sbin/vnetaudit" --root "$1" --libvirt-uri none "\$@"
W
        chmod +x "$wrap"
        python3 - "$unit" "$wrap" "$defaults" >"$tmp/cmd" <<'PY'
import shlex, sys
env, cmd, envfile = {}, None, None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("Environment="):
        for w in shlex.split(line[len("Environment="):]):
            k, v = w.split("=", 1); env[k] = v
    elif line.startswith("EnvironmentFile="):
        envfile = line[len("EnvironmentFile="):]
    elif line.startswith("ExecStartPre="):
        cmd = line[len("ExecStartPre="):]
assert cmd and not cmd.startswith("-"), cmd
# EnvironmentFile= overrides Environment=; "-" means optional.
assert envfile == "-/etc/default/vnetaudit", envfile
try:
    for line in open(sys.argv[3]):
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            env[k] = shlex.split(v)[0] if v else ""
except FileNotFoundError:
    pass
argv = shlex.split(cmd.replace("$$", "$"))
argv = [a.replace("/usr/sbin/vnetaudit", sys.argv[2]) for a in argv]
print("\0".join(["env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"] +
                ["%s=%s" % kv for kv in env.items()] + argv), end="")
PY
        local -a argv
        mapfile -d '' -t argv <"$tmp/cmd"
        ( cd / && ip netns exec "$(ns ws)" "${argv[@]}" ) >"$tmp/out" 2>&1
        echo $?
}

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan w0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan s0 br0; ns_addr srv eth0 198.51.100.20/24
ns_bridge srv virbr1 192.168.56.1/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan w0 && ns_wait_up lan s0
# a file named like the pattern where systemd starts the command: no globbing
touch "/vmware:x-vnetaudit-test-$$" 2>/dev/null && trap 'rm -f "/vmware:x-vnetaudit-test-$$"; ns_cleanup' EXIT

rc=$(run_dropin "$DEMO")
check "incident on vmnet6: the drop-in vetoes the start" test "$rc" != 0
check "incident: the finding is in the journal output" grep -q "vmnet6's planned host address 192.168.56.1" "$tmp/out"

mkdir -p "$tmp/no8/etc/vmware"
grep -v '^answer VNET_8_' "$DEMO/etc/vmware/networking" >"$tmp/no8/etc/vmware/networking"
rc=$(run_dropin "$tmp/no8")
check "incident without vmnet8 configured: still vetoed" test "$rc" != 0
check "without vmnet8: no 'no such network'" sh -c "! grep -q 'no such network' '$tmp/out'"

echo 'VNETAUDIT_VMWARE_NETS="--net vmnet1"' >"$defaults"
rc=$(run_dropin "$DEMO")
check_eq "/etc/default/vnetaudit picks the networks (vmnet1 only: starts)" 0 "$rc"
rm -f "$defaults"

ip -n "$(ns srv)" link set eth0 down
rc=$(run_dropin "$DEMO")
check_eq "clean plan (the server is down): VMware starts" 0 "$rc"

ip -n "$(ns ws)" link set eth0 down
rc=$(run_dropin "$FX/overlap")
check "static overlap with no interface up (boot): vetoed" test "$rc" != 0
check "static overlap at boot: the overlap is printed" grep -q 'subnet-overlap' "$tmp/out"
rc=$(run_dropin "$DEMO")
check_eq "clean plan with no interface up: VMware starts (fail-open)" 0 "$rc"
ip -n "$(ns ws)" link set eth0 up; ns_wait_up ws eth0
ip -n "$(ns srv)" link set eth0 up; ns_wait_up srv eth0

# The SysV snippet, sourced as /etc/init.d/vmware would.
sed "s|/usr/sbin/vnetaudit|$wrap|g; s|/etc/default/vnetaudit|$defaults|g" "$snippet" >"$tmp/snippet.sh"
run_dropin "$DEMO" >/dev/null      # writes the wrapper for the incident root
( cd / && ip netns exec "$(ns ws)" sh -c ". '$tmp/snippet.sh'; echo started" ) >"$tmp/sysv" 2>&1
check_eq "SysV snippet: incident refuses the start (exit 1)" 1 "$?"
check "SysV snippet: says why" grep -q 'not starting' "$tmp/sysv"
ip -n "$(ns srv)" link set eth0 down
( cd / && ip netns exec "$(ns ws)" sh -c ". '$tmp/snippet.sh'; echo started" ) >"$tmp/sysv" 2>&1
check "SysV snippet: clean plan starts" grep -qx started "$tmp/sysv"
t_done
