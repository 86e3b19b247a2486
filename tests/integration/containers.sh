#!/usr/bin/env bash
# containers.sh - Docker, Podman and Incus/LXD networks end to end, in a
# workstation namespace with a fixture root (VMware's networking, Docker's
# daemon.json, Podman's containers.conf and network files as Podman writes
# them).  dockerd and incusd cannot run in this sandbox: tests/lib/
# api_standin.py stands in for them, answering GET /networks and
# GET /1.0/networks?recursion=1 on a unix socket with the documented JSON.
# Covers: subnet-overlap naming docker:/podman: networks with their files
# and lines; list --json sources; address-pool-overlap for a Docker pool
# over a vmnet and a LAN; the API's networks matched to their live bridge;
# an unreachable, a stuck and an --offline daemon falling back to
# daemon.json with one info line; Incus's bridge; check, audit, list text.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
FX="$PWD/tests/fixtures/containers"
ROOT="$FX/ws"
tmp=$(ns_tmpdir)
py() { python3 -c "import json,sys; d=json.loads(sys.stdin.read(), strict=True); $1"; }
# No live daemon below the fixture root; each run says which socket it uses.
base=(--root "$ROOT" --libvirt-uri none)

ns_add ws
ns_add lan
for n in ws lan; do ns_exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ns_link ws eth0 lan peer0 && ns_addr ws eth0 198.51.100.10/24
ns_wait_up ws eth0

# ---- daemon.json's bip on vmnet1, a Podman network on vmnet8 -------------
va ws "${base[@]}" check --no-probe >"$tmp/ck" 2>"$tmp/ck.err"
check_eq "check: exit 2 (conflicts)" 2 "$?"
check "check: subnet-overlap vmnet1 / docker:bridge at daemon.json:3" \
        grep -q "^  vmnet1's subnet 172.16.61.0/24 (/etc/vmware/networking:4) overlaps docker network bridge's subnet 172.16.61.0/24 (/etc/docker/daemon.json:3)$" "$tmp/ck"
check "check: subnet-overlap vmnet8 / podman:labnet at labnet.json:9" \
        grep -q "^  vmnet8's subnet 172.16.68.0/24 (/etc/vmware/networking:12) overlaps podman network labnet's subnet 172.16.68.0/24 (/etc/containers/networks/labnet.json:9)$" "$tmp/ck"
check "check: networks named docker:bridge" grep -q '^  networks  vmware:vmnet1, docker:bridge$' "$tmp/ck"
check "check: networks named podman:labnet" grep -q '^  networks  vmware:vmnet8, podman:labnet$' "$tmp/ck"
check_eq "check: two subnet-overlaps" 2 "$(grep -c '^error: subnet-overlap' "$tmp/ck")"
check "check: Docker pool over vmnet6 is address-pool-overlap" \
        grep -q "^  Docker's address pool 192.168.0.0/16 (subnets of /24, /etc/docker/daemon.json:6) covers vmnet6's subnet 192.168.56.0/24 (/etc/vmware/networking:8): the next network Docker creates may take it$" "$tmp/ck"
check "check: the hint names the exclusion" \
        grep -q "^  hint      exclude 192.168.56.0/24 from Docker's pools: in /etc/docker/daemon.json's default-address-pools replace the pool 192.168.0.0/16 (size 24) by the bases 192.168.128.0/17, " "$tmp/ck"
check_eq "check: one address-pool-overlap (Podman's pools are clear)" 1 "$(grep -c '^warning: address-pool-overlap' "$tmp/ck")"

va ws "${base[@]}" check --no-probe --json >"$tmp/ck.json" 2>/dev/null
check_eq "check --json: address-pool-overlap is a warning with both origins" \
        "warning ['vmware:vmnet6'] ['/etc/docker/daemon.json:6', '/etc/vmware/networking:8']" \
        "$(py 'f=[x for x in d["findings"] if x["code"]=="address-pool-overlap"][0]; print(f["severity"], f["networks"], f["origins"])' <"$tmp/ck.json")"

# The default socket lies below --root and is absent: one info line.
va ws "${base[@]}" list --json >"$tmp/l.json" 2>/dev/null
check_eq "list --json: sources docker and podman" \
        "docker:bridge docker docker0 172.16.61.0/24 172.16.61.1 /etc/docker/daemon.json:3|podman:labnet podman podman1 172.16.68.0/24 172.16.68.1 /etc/containers/networks/labnet.json:9" \
        "$(py 'print("|".join("%s %s %s %s %s %s" % (n["id"], n["source"], n["device"], n["subnets"][0]["prefix"], n["subnets"][0]["host_address"], n["subnets"][0]["origin"]) for n in d["networks"] if n["id"] in ("docker:bridge","podman:labnet")))' <"$tmp/l.json")"
check_eq "list --json: Podman's lease range and IPv6 subnet" "172.16.68.100-172.16.68.200 fd3e:1a2b:3c4d::/64" \
        "$(py 'n=[x for x in d["networks"] if x["id"]=="podman:labnet"][0]; r=n["subnets"][0]["dhcp_ranges"][0]; print("%s-%s" % (r["start"], r["end"]), n["subnets"][1]["prefix"])' <"$tmp/l.json")"
check_eq "list --json: internal Podman network and the built-in default" "isolated podman2|nat podman0 10.88.0.0/16 /etc/containers/containers.conf:12" \
        "$(py 'a=[x for x in d["networks"] if x["id"]=="podman:backend"][0]; b=[x for x in d["networks"] if x["id"]=="podman:podman"][0]; print("%s %s|%s %s %s %s" % (a["type"], a["device"], b["type"], b["device"], b["subnets"][0]["prefix"], b["subnets"][0]["origin"]))' <"$tmp/l.json")"
check_eq "list --json: pools with origins" \
        "docker 172.80.0.0/16 24 /etc/docker/daemon.json:5 False|docker 192.168.0.0/16 24 /etc/docker/daemon.json:6 False|podman 10.89.0.0/16 24 /etc/containers/containers.conf:16 False" \
        "$(py 'print("|".join("%s %s %s %s %s" % (p["source"], p["base"], p["size"], p["origin"], p["builtin"]) for p in d["pools"][:3]))' <"$tmp/l.json")"
check_eq "list --json: one info line about the fallback" \
        "1 info docker: cannot ask the daemon" \
        "$(py 'm=[x for x in d["diagnostics"] if x["message"].startswith("docker:")]; print(len(m), m[0]["severity"], m[0]["message"].split(" (")[0])' <"$tmp/l.json")"
va ws "${base[@]}" -v list >"$tmp/l.txt" 2>"$tmp/l.err"
check "list text: docker:bridge row" grep -Eq '^docker:bridge +docker0 +nat +absent +172\.16\.61\.0/24 +172\.16\.61\.1 ' "$tmp/l.txt"
check "list text: pools section" grep -Eq '^docker +192\.168\.0\.0/16 +/24 +/etc/docker/daemon\.json:6$' "$tmp/l.txt"
check_eq "list -v: the fallback said once on stderr" 1 "$(grep -c "docker: cannot ask the daemon (" "$tmp/l.err")"

# A LAN subnet under a Docker pool.
ns_addr ws eth0 192.168.77.10/24
va ws "${base[@]}" check --no-probe >"$tmp/lan" 2>/dev/null
check "LAN: address-pool-overlap names eth0's subnet" \
        grep -q "covers the subnet of eth0's address 192.168.77.10/24 192.168.77.0/24 (kernel (ifindex [0-9]*)): the next network Docker creates may take it$" "$tmp/lan"
check "LAN: networks host:eth0" grep -q '^  networks  host:eth0$' "$tmp/lan"
ip -n "$(ns ws)" addr del 192.168.77.10/24 dev eth0

# ---- the Docker API (stand-in) -------------------------------------------
dsock="$tmp/docker.sock"
ns_bg ws python3 tests/lib/api_standin.py "$dsock" "$tmp/docker.log" "/networks=$FX/api/docker-networks.json"
dpid=$!
for i in $(seq 1 300); do [ -S "$dsock" ] && break; sleep 0.05; done
# Docker's bridge for labdocker exists and is up: it is matched, not a host: net.
ns_bridge ws br-5e1f7a9b0c2d 10.213.7.1/24
va ws "${base[@]}" --docker-socket "$dsock" list --json >"$tmp/api.json" 2>/dev/null
check_eq "API: networks from GET /networks (host and null skipped)" "docker:bridge docker:labdocker docker:vmclash" \
        "$(py 'print(" ".join(n["id"] for n in d["networks"] if n["source"]=="docker"))' <"$tmp/api.json")"
check_eq "API: labdocker on its live bridge, up, with its range and origin" \
        "br-5e1f7a9b0c2d up nat 10.213.7.0/24 10.213.7.1 10.213.7.128-10.213.7.255 unix:$dsock/networks/labdocker" \
        "$(py 'n=[x for x in d["networks"] if x["id"]=="docker:labdocker"][0]; s=n["subnets"][0]; r=s["dhcp_ranges"][0]; print(n["device"], n["state"], n["type"], s["prefix"], s["host_address"], "%s-%s" % (r["start"], r["end"]), n["origin"])' <"$tmp/api.json")"
check_eq "API: the live bridge is no anonymous host: network" "0" \
        "$(py 'print(sum(1 for n in d["networks"] if n["id"]=="host:br-5e1f7a9b0c2d"))' <"$tmp/api.json")"
check_eq "API: no fallback line when the daemon answers" "0" \
        "$(py 'print(sum(1 for x in d["diagnostics"] if x["message"].startswith("docker:")))' <"$tmp/api.json")"
check "API: the stand-in was asked GET /networks" grep -qx '/networks' "$tmp/docker.log"
va ws "${base[@]}" --docker-socket "$dsock" check --no-probe >"$tmp/api.ck" 2>/dev/null
check "API: check names docker:vmclash against vmnet6" \
        grep -q "^  vmnet6's subnet 192.168.56.0/24 (/etc/vmware/networking:8) overlaps docker network vmclash's subnet 192.168.56.0/24 (unix:$dsock/networks/vmclash)$" "$tmp/api.ck"
check "API: daemon.json's bip is not used when the daemon answers" sh -c "! grep -q 'daemon.json:3' '$tmp/api.ck'"

# Probing: a LAN host holds docker:vmclash's gateway; Docker's own bridge
# is a network under audit, not a probe interface.
ns_addr lan peer0 192.168.56.254/24
va ws "${base[@]}" --docker-socket "$dsock" check --timeout 0.5 --json >"$tmp/pr.json" 2>/dev/null
check_eq "probe: address-in-use names docker:vmclash's gateway" "192.168.56.254 ['docker:vmclash', 'host:eth0']" \
        "$(py 'f=[x for x in d["findings"] if x["code"]=="address-in-use"][0]; print(f["addresses"][0], f["networks"])' <"$tmp/pr.json")"
check_eq "probe: only eth0 probed (br-5e1f7a9b0c2d is Docker's)" "['eth0']" \
        "$(py 'print(d["probes"]["interfaces"])' <"$tmp/pr.json")"
ip -n "$(ns lan)" addr del 192.168.56.254/24 dev peer0

# --offline asks no daemon.
: >"$tmp/docker.log"
va ws "${base[@]}" --docker-socket "$dsock" --offline list --json >"$tmp/off.json" 2>/dev/null
check_eq "--offline: the socket is not touched" "" "$(cat "$tmp/docker.log")"
check_eq "--offline: daemon.json's bridge and one info line" "docker:bridge 1 info" \
        "$(py 'm=[x for x in d["diagnostics"] if x["message"].startswith("docker:")]; print(" ".join(n["id"] for n in d["networks"] if n["source"]=="docker"), len(m), m[0]["severity"])' <"$tmp/off.json")"

# Unreachable: the socket is left behind by a daemon that stopped.
kill "$dpid"; wait "$dpid" 2>/dev/null
check "unreachable: the stale socket is still there" test -S "$dsock"
va ws "${base[@]}" --docker-socket "$dsock" list --json >"$tmp/dead.json" 2>/dev/null
check_eq "unreachable: falls back to daemon.json with one info line" "docker:bridge 172.16.61.0/24 1 info" \
        "$(py 'm=[x for x in d["diagnostics"] if x["message"].startswith("docker:")]; n=[x for x in d["networks"] if x["source"]=="docker"]; print(" ".join(x["id"] for x in n), n[0]["subnets"][0]["prefix"], len(m), m[0]["severity"])' <"$tmp/dead.json")"

# A daemon that accepts and never answers: the short timeout, then the fallback.
ns_bg ws python3 tests/lib/api_standin.py "$dsock" "$tmp/docker.log" --hang
hpid=$!
for i in $(seq 1 300); do python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])" "$dsock" 2>/dev/null && break; sleep 0.05; done
start=$(date +%s)
va ws "${base[@]}" --docker-socket "$dsock" list --json >"$tmp/hang.json" 2>/dev/null
took=$(( $(date +%s) - start ))
check "stuck daemon: list finishes within 20 s (2 s timeout, generous margin) — took ${took}s" test "$took" -lt 20
check_eq "stuck daemon: falls back with one info line naming the timeout" "1 True" \
        "$(py 'm=[x for x in d["diagnostics"] if x["message"].startswith("docker:")]; print(len(m), "imeout" in m[0]["message"] or "timed out" in m[0]["message"])' <"$tmp/hang.json")"
kill "$hpid"; wait "$hpid" 2>/dev/null

# ---- Incus (stand-in) ----------------------------------------------------
isock="$tmp/incus.sock"
ns_bg ws python3 tests/lib/api_standin.py "$isock" "$tmp/incus.log" "/1.0/networks?recursion=1=$FX/api/incus-networks.json"
ipid=$!
for i in $(seq 1 300); do [ -S "$isock" ] && break; sleep 0.05; done
va ws "${base[@]}" --docker-socket none --incus-socket "$isock" list --json >"$tmp/inc.json" 2>/dev/null
check_eq "incus: managed networks only (eth0 unmanaged skipped)" "incus:incusbr0 incus:lanmv" \
        "$(py 'print(" ".join(n["id"] for n in d["networks"] if n["source"]=="incus"))' <"$tmp/inc.json")"
check_eq "incus: bridge, addresses, DHCP range, origin" \
        "incusbr0 nat 10.99.12.0/24 10.99.12.1 10.99.12.100-10.99.12.199 fd42:7a1b:1c2d:3e4f::/64 unix:$isock/1.0/networks/incusbr0" \
        "$(py 'n=[x for x in d["networks"] if x["id"]=="incus:incusbr0"][0]; s=n["subnets"][0]; r=s["dhcp_ranges"][0]; print(n["device"], n["type"], s["prefix"], s["host_address"], "%s-%s" % (r["start"], r["end"]), n["subnets"][1]["prefix"], n["origin"])' <"$tmp/inc.json")"
check_eq "incus: macvlan network attaches to eth0, no host address" "direct ['eth0'] 0" \
        "$(py 'n=[x for x in d["networks"] if x["id"]=="incus:lanmv"][0]; print(n["type"], n["bridged_to"], len(n["subnets"]))' <"$tmp/inc.json")"
va ws "${base[@]}" --docker-socket none --incus-socket "$isock" check --no-probe >"$tmp/inc.ck" 2>/dev/null
check "incus: Podman's pool 10.96.0.0/11 covers incusbr0 (address-pool-overlap)" \
        grep -q "^  Podman's address pool 10.96.0.0/11 (subnets of /24, /etc/containers/containers.conf:19) covers incus network incusbr0's subnet 10.99.12.0/24 (unix:$isock/1.0/networks/incusbr0)" "$tmp/inc.ck"
: >"$tmp/incus.log"
va ws "${base[@]}" --docker-socket none --incus-socket "$isock" --offline list --json >"$tmp/inc.off" 2>/dev/null
check_eq "incus --offline: not asked, one info line" " 1" \
        "$(cat "$tmp/incus.log")$(py 'print("", sum(1 for x in d["diagnostics"] if x["message"].startswith("incus:") and x["severity"]=="info"))' <"$tmp/inc.off")"
kill "$ipid"; wait "$ipid" 2>/dev/null

# ---- audit shows them too ----------------------------------------------------
va ws "${base[@]}" --docker-socket none audit --no-probe --state-dir "$tmp/state" >"$tmp/aud" 2>&1
check "audit: reports the subnet-overlap with docker:bridge" grep -q 'docker network bridge' "$tmp/aud"
check "audit: reports address-pool-overlap" grep -q 'address-pool-overlap' "$tmp/aud"

t_done
