#!/usr/bin/env bash
# netlink_routes.sh - what netlink shows vnetaudit beyond plain routes, in a
# private namespace: every next hop of a multipath route (ip route add ...
# nexthop via A dev X nexthop via B dev Y); routes through nexthop objects
# (ip nexthop add; ip route add ... nhid N), a single one and a group,
# resolved to their devices with net.ipv4.nexthop_compat_mode=0 (the kernel
# then sends only the id) and =1; a route through a nexthop object that
# covers a configured subnet is found by `check`; a point-to-point address
# (ip addr add A peer B/P) is A/32 with the peer prefix B/P.  And a dump
# interrupted again and again (NLE_DUMP_INTR) by a flood of address changes
# is either retried to a complete answer or given up with that reason,
# never half-read; once the flood stops, the same run is complete.
. "$(dirname "$0")/../lib/netns.sh"
ns_require_root
ns_add rt
ns_exec rt sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
R="ip -n $(ns rt)"
# Two veth pairs inside the namespace: nexthops need a carrier.
$R link add va type veth peer name vb && $R link add vc type veth peer name vd || not_ok "veth pairs"
for l in va vb vc vd; do $R link set "$l" up; done
$R addr add 198.51.100.1/24 dev va
$R addr add 203.0.113.1/24 dev vc
ns_wait_up rt va; ns_wait_up rt vc
$R route add 10.9.0.0/16 nexthop via 198.51.100.2 dev va nexthop via 203.0.113.2 dev vc ||
        not_ok "multipath route"
$R nexthop add id 7 via 198.51.100.3 dev va && $R nexthop add id 8 via 203.0.113.3 dev vc &&
        $R nexthop add id 9 group 7/8 || not_ok "nexthop objects"
$R route add 10.8.0.0/16 nhid 7 && $R route add 10.7.0.0/16 nhid 9 || not_ok "routes via nexthop objects"
# On a bridge, so it also becomes a host network whose subnet it gives.
$R link add vp type bridge stp_state 0
$R addr add 198.51.100.77 peer 203.0.113.200/29 dev vp || not_ok "point-to-point address"

d=$(ns_tmpdir)
mkdir -p "$d/root/etc/libvirt/qemu/networks"
cat > "$d/root/etc/libvirt/qemu/networks/inner.xml" <<'XML'
<network>
  <name>inner</name>
  <bridge name='vinner0' stp='off'/>
  <ip address='10.8.1.1' prefix='24'/>
</network>
XML
common=(--root "$d/root" --libvirt-uri none)
py() { python3 -c "import json,sys; d=json.loads(sys.stdin.read(), strict=True); $1"; }
routes='print(" ".join("%s>%s@%s" % (r["dst"], r["dev"], r["gateway"]) for r in d["routes"] if r["dst"].startswith("10.")))'
want="10.7.0.0/16>va@198.51.100.3 10.7.0.0/16>vc@203.0.113.3 10.8.0.0/16>va@198.51.100.3 10.9.0.0/16>va@198.51.100.2 10.9.0.0/16>vc@203.0.113.2"

for mode in 0 1; do
        ns_exec rt sysctl -qw net.ipv4.nexthop_compat_mode=$mode
        shown=$($R route show 10.8.0.0/16)
        if [ "$mode" = 0 ]; then
                check "compat mode 0: the kernel sends only the nexthop id ($shown)" \
                        bash -c "! grep -q ' dev ' <<<'$shown'"
        else
                check "compat mode 1: the kernel expands it ($shown)" grep -q ' dev va' <<<"$shown"
        fi
        out=$(va rt "${common[@]}" list --json)
        check "list --json exits 0 (compat mode $mode)" test $? -eq 0
        check_eq "every next hop, nexthop objects resolved (compat mode $mode)" "$want" \
                "$(echo "$out" | py "$routes")"
        findings=$(va rt "${common[@]}" check --no-probe --json)
        check_eq "a route through nexthop 7 covering inner's subnet is found (compat mode $mode)" \
                "subnet-conflicts-route 10.8.0.0/16 va" \
                "$(echo "$findings" | py 'print(" ".join(" ".join((f["code"], f["addresses"][1], f["interface"])) for f in d["findings"] if f["code"]=="subnet-conflicts-route" and "10.8.1.0/24" in f["addresses"]))')"
done

text=$(va rt "${common[@]}" list -v)
check "text routes show both hops of 10.9.0.0/16" bash -c \
        "grep -Eq '10\.9\.0\.0/16 +va +198\.51\.100\.2' <<<'$text' && grep -Eq '10\.9\.0\.0/16 +vc +203\.0\.113\.2' <<<'$text'"

check_eq "point-to-point address: local/32, peer prefix kept" \
        "['198.51.100.77/32'] [{'address': '198.51.100.77/32', 'peer': '203.0.113.200/29'}]" \
        "$(va rt "${common[@]}" list --json | py 'i=[x for x in d["interfaces"] if x["name"]=="vp"][0]; print(i["addresses"], i.get("peer_addresses"))')"
check "text shows the peer next to the local address" \
        grep -Eq 'vp .*198\.51\.100\.77/32 peer 203\.0\.113\.200/29' <<<"$text"
check_eq "the host network of vp has the local address alone, not the peer's prefix" \
        "198.51.100.77/32 198.51.100.77" \
        "$(va rt "${common[@]}" list --json | py 'n=[x for x in d["networks"] if x["id"]=="host:vp"][0]; print(" ".join("%s %s" % (s["prefix"], s["host_address"]) for s in n["subnets"]))')"

# 10,000 addresses make a dump of many parts; a flood of add/del makes the
# kernel flag most of them interrupted.  Each run must be complete or say
# why not; under this flood at least one of ten runs exhausts its retries
# (measured: 7 to 9 of 10 do).
ns_add churn
ns_exec churn sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
C="ip -n $(ns churn)"
$C link add vx type veth peer name vy && $C link set vx up
for i in $(seq 0 9999); do echo "addr add 10.50.$((i / 250)).$((i % 250 + 1))/32 dev vx"; done > "$d/addrs"
$C -batch "$d/addrs" || not_ok "10,000 addresses"
mkfifo "$d/flood"
ns_bg churn ip -force -batch "$d/flood"
batch_pid=$!
python3 -c '
import sys
l = "addr add 198.51.100.9/32 dev vy\naddr del 198.51.100.9/32 dev vy\n" * 1000
while True:
    sys.stdout.write(l)' > "$d/flood" 2>/dev/null &
flood_pid=$!
NS_PIDS="$NS_PIDS $flood_pid"
sleep 0.3
complete=0 gave_up=0 other=0
for k in $(seq 1 10); do
        out=$(va churn --libvirt-uri none --root "$d/root" list --json 2>"$d/err"); rc=$?
        n=$(echo "$out" | py 'print(sum(len(i["addresses"]) for i in d["interfaces"] if i["name"]=="vx"))' 2>/dev/null)
        if [ $rc -eq 0 ] && [ "$n" = 10000 ]; then
                complete=$((complete + 1))
        elif [ $rc -eq 69 ] && grep -q "netlink: the kernel's addresses changed during each of 5 dumps in a row; gave up" "$d/err"; then
                gave_up=$((gave_up + 1))
        else
                other=$((other + 1)); echo "# run $k: exit $rc, $n addresses: $(head -c 300 "$d/err")"
        fi
        [ "$gave_up" -eq 0 ] || break
done
check_eq "under the flood every run is complete or gives up saying why ($complete complete, $gave_up gave up)" 0 "$other"
check "at least one run exhausted its retries and said so" test "$gave_up" -ge 1
kill "$flood_pid"; wait "$flood_pid" 2>/dev/null; wait "$batch_pid" 2>/dev/null
out=$(va churn --libvirt-uri none --root "$d/root" list --json)
check_eq "after the flood: one complete dump" 10000 \
        "$(echo "$out" | py 'print(sum(len(i["addresses"]) for i in d["interfaces"] if i["name"]=="vx"))')"
t_done
