#!/usr/bin/env bash
# suggest_containers.sh - `suggest` avoids every container allocation pool
# and every container network (issue 18), in the root namespace with
# --offline only (nothing is sent): Docker's default-address-pools from
# daemon.json, Docker's built-in defaults when daemon.json names none,
# Podman's default_subnet_pools from containers.conf, Podman's built-in
# defaults, and the docker:/podman: networks themselves.  Skipped
# candidates say which pool and where it was read, in JSON and text.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
T=$(ns_tmpdir)
R="$T/root"
A=(--offline --libvirt-uri none --docker-socket none --incus-socket none --root "$R")
# reasons POOL...: "subnet|reason" of every skipped candidate, one a line
reasons() { "$VNETAUDIT" "${A[@]}" --json suggest --count 1 "$@" 2>"$T/err" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for s in d["skipped"]: print(s["subnet"] + "|" + s["reason"])
for s in d["suggestions"]: print("free " + s["subnet"])'; }

# 1. daemon.json's default-address-pools, the bip network, Podman's files.
rm -rf "$R"; mkdir -p "$R"; cp -r tests/fixtures/containers/ws/etc "$R/etc"
rm -rf "$R/etc/vmware"          # its vmnet1 shares the bip's subnet
out=$(reasons --from 172.80.0.0/15)
check_eq "docker pool from daemon.json skipped with its file and line" \
        "172.80.0.0/24|overlaps docker allocation pool 172.80.0.0/16 size 24 (/etc/docker/daemon.json:5) (and the rest of 172.80.0.0/16)
free 172.81.0.0/24" "$out"
out=$(reasons --from 172.16.61.0/24)
check "docker's bip network skipped" grep -q '^172.16.61.0/24|overlaps docker:bridge 172.16.61.0/24 (/etc/docker/daemon.json' <<<"$out"
out=$(reasons --from 10.88.0.0/15)
check "podman's default network skipped" grep -q '^10.88.0.0/24|overlaps podman:podman 10.88.0.0/16 ' <<<"$out"
check "podman pool from containers.conf skipped with its file and line" \
        grep -q '^10.89.0.0/24|overlaps podman allocation pool 10.89.0.0/16 size 24 (/etc/containers/containers.conf:[0-9]*) (and the rest of 10.89.0.0/16)$' <<<"$out"
check "nothing free in 10.88.0.0/15" bash -c '! grep -q "^free" <<<"$1"' _ "$out"
# The text output says the same with -v.
"$VNETAUDIT" "${A[@]}" -v suggest --count 1 --from 172.80.0.0/15 >"$T/out" 2>"$T/err"
check "text: skipped line names the pool" \
        grep -q '^skipped 172.80.0.0/24: overlaps docker allocation pool 172.80.0.0/16 size 24 (/etc/docker/daemon.json:5)' "$T/out"
check "text: checked line counts the pools" grep -q 'checked: no Docker or Podman allocation pool overlaps it (7 checked)' "$T/out"

# 2. Built-in defaults: daemon.json without pools, containers.conf without
#    default_subnet_pools.
rm -rf "$R"; mkdir -p "$R/etc/docker" "$R/etc/containers/networks"
echo '{ "log-driver": "journald" }' >"$R/etc/docker/daemon.json"
printf '[network]\nnetwork_backend = "netavark"\n' >"$R/etc/containers/containers.conf"
out=$(reasons --from 192.168.16.0/20 --prefix 24)
check "docker's built-in 192.168.0.0/16 pool skipped" \
        grep -q '^192.168.16.0/24|overlaps docker allocation pool 192.168.0.0/16 size 20 (dockerd built-in default)' <<<"$out"
out=$(reasons --from 172.28.0.0/14)
check "docker's built-in 172.28.0.0/14 pool skipped" \
        grep -q '^172.28.0.0/24|overlaps docker allocation pool 172.28.0.0/14 size 16 (dockerd built-in default)' <<<"$out"
out=$(reasons --from 10.128.0.0/9)
check "podman's built-in 10.128.0.0/9 pool skipped" \
        grep -q '^10.128.0.0/24|overlaps podman allocation pool 10.128.0.0/9 size 24 (podman built-in default)' <<<"$out"
# Without Docker or Podman nothing is skipped.
rm -rf "$R"; mkdir -p "$R/etc"
out=$(reasons --from 192.168.16.0/20)
check_eq "no container manager: the first candidate is free" "free 192.168.16.0/24" "$out"

t_done
