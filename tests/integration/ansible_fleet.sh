#!/usr/bin/env bash
# ansible_fleet.sh - contrib/ansible/vnetaudit-fleet.yml with ansible-core's
# local connection against several host roots (the fleet fixtures): every
# host's `list --json --offline --root ROOT` lands on the controller as
# HOST.json, `fleet` runs there, and the play fails on the incident (an
# error) and passes on warnings only.  Nothing is sent: list never probes,
# and --offline keeps it off netlink and libvirt too.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
command -v ansible-playbook >/dev/null || { echo "# skip: ansible-core not installed"; exit 77; }
FX="$PWD/tests/fixtures/fleet"
tmp=$(ns_tmpdir)
export ANSIBLE_HOME="$tmp/ansible" ANSIBLE_LOCAL_TEMP="$tmp/ansible/tmp" ANSIBLE_REMOTE_TEMP="$tmp/ansible/rtmp"
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_HOST_KEY_CHECKING=0 ANSIBLE_CONFIG="$tmp/ansible.cfg"
: >"$tmp/ansible.cfg"      # no user or site configuration
{
        echo "[lab]"
        for r in "$FX"/world/* "$FX"/incident/*; do
                h=$(basename "$r")
                echo "$h vnetaudit_options='[\"--offline\", \"--libvirt-uri\", \"none\", \"--root\", \"$r\"]'"
        done
        echo "[quiet]"
        for h in kvm1 kvm2 kvm4; do
                echo "$h vnetaudit_options='[\"--offline\", \"--libvirt-uri\", \"none\", \"--root\", \"$FX/world/$h\"]'"
        done
        echo "[all:vars]"
        echo "ansible_connection=local"
        echo "ansible_python_interpreter=/usr/bin/python3"
        echo "vnetaudit_bin=$VNETAUDIT"
        echo "vnetaudit_controller_bin=$VNETAUDIT"
} >"$tmp/hosts.ini"
echo "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3 vnetaudit_controller_bin=$VNETAUDIT" >>"$tmp/hosts.ini"

ansible-playbook -i "$tmp/hosts.ini" contrib/ansible/vnetaudit-fleet.yml \
        -e vnetaudit_group=lab -e "vnetaudit_fetch_dir=$tmp/lab" >"$tmp/lab.out" 2>&1
check_eq "lab with the incident: the play fails" 2 "$?"
check_eq "lab: one inventory per host on the controller" 9 "$(ls "$tmp/lab" | grep -c '\.json$')"
check "lab: each is its host's list --json" /usr/bin/python3 -c '
import json, sys, os
d = sys.argv[1]
for f in os.listdir(d):
    doc = json.load(open(os.path.join(d, f)), strict=True)
    assert doc["version"] == 1 and doc["host"] + ".json" == f, (f, doc["host"])' "$tmp/lab"
check "lab: the report names the incident" grep -q 'host address 192.168.56.1 is held by 2 hosts on one LAN: srv.s libvirt network test, ws.s vmnet6' "$tmp/lab.out"
check "lab: the play fails at the fleet step" grep -q 'vnetaudit fleet exited 2' "$tmp/lab.out"
check "lab: collection itself succeeded on every host" grep -qE 'srv +: ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0' "$tmp/lab.out"

ansible-playbook -i "$tmp/hosts.ini" contrib/ansible/vnetaudit-fleet.yml \
        -e vnetaudit_group=quiet -e "vnetaudit_fetch_dir=$tmp/quiet" >"$tmp/quiet.out" 2>&1
check_eq "warnings only: the play passes" 0 "$?"
check "warnings only: the report is shown" grep -q 'duplicate-host-address' "$tmp/quiet.out"
ansible-playbook -i "$tmp/hosts.ini" contrib/ansible/vnetaudit-fleet.yml \
        -e vnetaudit_group=quiet -e "vnetaudit_fetch_dir=$tmp/quiet" -e vnetaudit_fail_on=warning >"$tmp/q2.out" 2>&1
check_eq "vnetaudit_fail_on=warning: the play fails on warnings" 2 "$?"
t_done
