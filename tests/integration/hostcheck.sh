#!/usr/bin/env bash
# hostcheck.sh - the suite's closing check (tests/lib/hostcheck.sh) finds
# what a run could leave behind: a namespace named after one of its test
# scripts, a daemon carrying its mark, a new nftables table, a device node
# whose mode changed.  The table and the device node are changed inside a
# private network/mount namespace, never on the host.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
. tests/lib/hostcheck.sh
d=$(ns_tmpdir)
export VNETAUDIT_SUITE_MARK="hostcheck.$$.$RANDOM"
echo $$ >"$d/pids"

hc_snapshot "$d/before"
check "nothing changed: no difference" hc_compare "$d/before" "$d/pids"

ip netns add "vat$$-leak"
out=$(hc_compare "$d/before" "$d/pids"); rc=$?
check_eq "a namespace named after a test script of this run fails the check" 1 "$rc"
check "... and is named" grep -qx "left over: network namespace vat$$-leak" <<<"$out"
ip netns delete "vat$$-leak"

cp /bin/sleep "$d/dnsmasq"
"$d/dnsmasq" 30 &
dpid=$!
sleep 0.2
out=$(hc_compare "$d/before" "$d/pids"); rc=$?
kill "$dpid"; wait "$dpid" 2>/dev/null
check_eq "a daemon with this run's mark fails the check" 1 "$rc"
check "... and is named with its pid" grep -qx "left over: dnsmasq (pid $dpid) started by this run" <<<"$out"
check "gone again: no difference" hc_compare "$d/before" "$d/pids"

# Inside a private network and mount namespace: a table and a /dev of our own.
ns_add priv
out=$(ip netns exec "$(ns priv)" unshare -m --propagation private bash -c '
        . tests/lib/hostcheck.sh
        mount -t tmpfs -o mode=755 none /dev && mkdir /dev/net &&
        mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/zero c 1 5 && mknod -m 666 /dev/full c 1 7 &&
        mknod -m 666 /dev/random c 1 8 && mknod -m 666 /dev/urandom c 1 9 && mknod -m 666 /dev/tty c 5 0 &&
        mknod -m 666 /dev/ptmx c 5 2 && mknod -m 600 /dev/net/tun c 10 200 && ln -s /proc/self/fd /dev/fd || exit 9
        hc_snapshot "$1/privbefore"
        nft add table inet vathostcheck && chmod 644 /dev/null
        hc_compare "$1/privbefore" /dev/null; echo "rc=$?"' _ "$d")
check "a changed /dev/null fails the check" grep -q "^host changed: device node now '/dev/null character special file 644 1:3 0:0'" <<<"$out"
check "... also by its absolute mode" grep -q "^host changed: /dev/null is character special file 644 1:3" <<<"$out"
check "a new root-namespace nftables table fails the check" grep -qx "host changed: new nftables table in the root namespace: table inet vathostcheck" <<<"$out"
check "... with a non-zero status" grep -qx "rc=1" <<<"$out"
check "the host's /dev/null is untouched" test "$(stat -c '%a %t:%T' /dev/null)" = "666 1:3"
t_done
