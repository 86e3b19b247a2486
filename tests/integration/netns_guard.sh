#!/usr/bin/env bash
# netns_guard.sh - the shipped binary refuses to probe from a namespace the
# harness marked as "root", and sends nothing.  Safe by construction: the
# "root" here is a throwaway namespace with one veth to another.
. "$(dirname "$0")/../lib/netns.sh"
ns_require_root
ns_add fake
ns_add peer
ns_link fake eth0 peer eth0
ns_addr fake eth0 198.51.100.2/24
ns_wait_up fake eth0
ino=$(ns_exec fake stat -L -c %i /proc/self/ns/net)
tx() { ns_exec fake cat /sys/class/net/eth0/statistics/tx_packets; }
before=$(tx)
out=$(VNETAUDIT_REQUIRE_NETNS=$ino va fake probe 198.51.100.9 2>&1); rc=$?
check_eq "probe refused with exit 77 in the marked namespace" 77 "$rc"
check "the refusal says why" grep -qi "namespace" <<<"$out"
check_eq "nothing was sent" "$before" "$(tx)"
out=$(VNETAUDIT_REQUIRE_NETNS=$ino va fake check --no-probe --offline 2>&1); rc=$?
check "static check still runs under the guard" test "$rc" -lt 64
t_done
