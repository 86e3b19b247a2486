# hostcheck.sh - is the host as the suite found it?  Sourced by tests/run-all:
# hc_snapshot FILE at the start, hc_compare FILE PIDFILE at the end prints one
# line per difference and returns 1 if there is any.  Other suites may run on
# the same machine at the same time, so only what this run could have made
# counts: namespaces and root-namespace veths named after the PIDs of this
# run's test scripts (tests/lib/netns.sh names them vat<pid>-…, v<pid>…),
# daemons carrying this run's VNETAUDIT_SUITE_MARK in their environment (or
# dnsmasq left in a namespace that no longer has a name), and root-namespace
# nftables tables and device nodes compared before and after.

HC_DEVS="/dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty /dev/ptmx /dev/net/tun"

hc_devs() {
        local d
        for d in $HC_DEVS; do
                stat -c '%n %F %a %t:%T %u:%g' "$d" 2>/dev/null || echo "$d missing"
        done
}

hc_tables() { nft list tables 2>/dev/null | sort; }

# PIDs of libvirtd and dnsmasq processes (from /proc: procps is not needed).
hc_daemon_pids() {
        local c
        for c in /proc/[0-9]*/comm; do
                case "$(cat "$c" 2>/dev/null)" in libvirtd|dnsmasq) c=${c#/proc/}; echo "${c%/comm}" ;; esac
        done | sort -n
}

hc_snapshot() {
        { hc_devs; echo "--"; hc_tables; echo "--"; hc_daemon_pids; } >"$1"
}

hc_section() { awk -v n="$2" '/^--$/ { s++; next } s == n' "$1"; }

hc_compare() {
        local snap="$1" pidfile="$2" bad=0 line p n ino named
        # Device nodes: as before, and /dev/null a world-writable 1:3 node.
        while read -r line; do
                echo "host changed: device node now '$line', was '$(hc_section "$snap" 0 | grep -F "${line%% *} ")'"; bad=1
        done < <(hc_devs | grep -vxF -f <(hc_section "$snap" 0))
        if ! stat -c '%F %a %t:%T' /dev/null | grep -qx 'character special file 666 1:3'; then
                echo "host changed: /dev/null is $(stat -c '%F %a %t:%T' /dev/null)"; bad=1
        fi
        while read -r line; do
                [ -n "$line" ] || continue
                echo "host changed: new nftables table in the root namespace: $line"; bad=1
        done < <(hc_tables | grep -vxF -f <(hc_section "$snap" 1; echo "--"))
        # Namespaces and veths named after this run's test scripts.
        for p in $(sort -u "$pidfile" 2>/dev/null); do
                for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^vat$p-"); do
                        echo "left over: network namespace $n"; bad=1
                done
                for n in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep -E "^v$p[0-9]+[ab]$"); do
                        echo "left over: veth $n in the root namespace"; bad=1
                done
        done
        # Daemons started during this run.
        named=" $(for n in $(ip netns list 2>/dev/null | awk '{print $1}'); do stat -L -c %i "/run/netns/$n" 2>/dev/null; done | tr '\n' ' ') "
        for p in $(hc_daemon_pids | grep -vxF -f <(hc_section "$snap" 2; echo "--")); do
                if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qxF "VNETAUDIT_SUITE_MARK=$VNETAUDIT_SUITE_MARK"; then
                        echo "left over: $(cat "/proc/$p/comm" 2>/dev/null) (pid $p) started by this run"; bad=1
                        continue
                fi
                ino=$(stat -L -c %i "/proc/$p/ns/net" 2>/dev/null) || continue
                if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = dnsmasq ] &&
                   [ "$ino" != "$(stat -L -c %i /proc/1/ns/net)" ] && [ "${named#* $ino }" = "$named" ]; then
                        echo "left over: dnsmasq (pid $p) in a network namespace that no longer has a name"; bad=1
                fi
        done
        return $bad
}
