# netns.sh - the one helper every namespace test, the demo and the benchmarks
# source.  It (a) creates namespaces, bridges and veth pairs, (b) removes all
# it created on exit, failure or interrupt, and (c) makes probing from the
# root namespace impossible: VNETAUDIT_REQUIRE_NETNS is exported, so the
# vnetaudit binary itself refuses to send from the initial namespace, and
# va_root refuses any command line that could probe.
#
# Usage: . tests/lib/netns.sh; ns_add lan; ns_bridge lan br0; ...
# Namespaces are named "vat<pid>-<name>"; `ns NAME` prints the full name.

export VNETAUDIT_REQUIRE_NETNS="${VNETAUDIT_REQUIRE_NETNS:-$(stat -L -c %i /proc/self/ns/net 2>/dev/null || echo 1)}"
NS_PREFIX="vat$$-"
NS_PIDS=""
VNETAUDIT="${VNETAUDIT:-$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/../.." && pwd)/vnetaudit}"
T_FAILED=0
T_COUNT=0

ns() { printf '%s%s' "$NS_PREFIX" "$1"; }

ns_cleanup() {
        local p n
        for p in $NS_PIDS; do kill "$p" 2>/dev/null; done
        for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$NS_PREFIX"); do
                for p in $(ip netns pids "$n" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
                ip netns delete "$n" 2>/dev/null
        done
        [ -n "${NS_TMP:-}" ] && rm -rf "$NS_TMP"
        return 0
}
trap 'ns_cleanup' EXIT
trap 'ns_cleanup; exit 130' INT TERM HUP

ns_require_root() {
        if [ "$(id -u)" -ne 0 ] || ! ip netns add "${NS_PREFIX}probe" 2>/dev/null; then
                echo "# skip: needs root and network namespaces"
                exit 77
        fi
        ip netns delete "${NS_PREFIX}probe"
}

# A scratch directory removed with the namespaces.  Made here, not on first
# use: callers write d=$(ns_tmpdir), a subshell that cannot set NS_TMP for
# the cleanup (every test used to leave its directory behind).
NS_TMP=$(mktemp -d /tmp/vnetaudit-test.XXXXXX)
ns_tmpdir() { printf '%s' "$NS_TMP"; }

ns_add() {
        ip netns add "$(ns "$1")" || return 1
        ip -n "$(ns "$1")" link set lo up
        ip netns exec "$(ns "$1")" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 2>/dev/null || true
}

ns_exec() { local n="$1"; shift; ip netns exec "$(ns "$n")" "$@"; }

# ns_bridge NS BR [CIDR]: an up bridge without STP delay.
ns_bridge() {
        ip -n "$(ns "$1")" link add "$2" type bridge stp_state 0 forward_delay 0 || return 1
        ip -n "$(ns "$1")" link set "$2" up
        [ -z "${3:-}" ] || ip -n "$(ns "$1")" addr add "$3" dev "$2"
}

# ns_link NS1 IF1 NS2 IF2 [BRIDGE2]: a veth pair; IF2 joins BRIDGE2 in NS2.
ns_link() {
        local tmp="v$$$RANDOM"
        ip link add "${tmp}a" type veth peer name "${tmp}b" || return 1
        ip link set "${tmp}a" netns "$(ns "$1")" &&
        ip link set "${tmp}b" netns "$(ns "$3")" &&
        ip -n "$(ns "$1")" link set "${tmp}a" name "$2" &&
        ip -n "$(ns "$3")" link set "${tmp}b" name "$4" || return 1
        [ -z "${5:-}" ] || ip -n "$(ns "$3")" link set "$4" master "$5"
        ip -n "$(ns "$1")" link set "$2" up
        ip -n "$(ns "$3")" link set "$4" up
}

ns_addr() { ip -n "$(ns "$1")" addr add "$3" dev "$2"; }

# Wait until IF in NS reports operstate UP (carrier lags after link set up).
ns_wait_up() {
        local i
        for i in $(seq 1 200); do
                [ "$(ip netns exec "$(ns "$1")" cat "/sys/class/net/$2/operstate" 2>/dev/null)" = up ] && return 0
                sleep 0.01
        done
        echo "# $2 in $1 never came up" >&2
        return 1
}

# ns_bg NS cmd...: a background process inside NS, killed at cleanup.
ns_bg() {
        local n="$1"; shift
        ip netns exec "$(ns "$n")" "$@" &
        NS_PIDS="$NS_PIDS $!"
}

# va NS args...: vnetaudit inside a test namespace.
va() { local n="$1"; shift; ip netns exec "$(ns "$n")" "$VNETAUDIT" "$@"; }

# va_root args...: vnetaudit in the root namespace, only when it cannot probe.
va_root() {
        case " $* " in
        *" --offline "*|*" --no-probe "*|" list "*|*" list "*) ;;
        *) echo "va_root: refusing to run vnetaudit in the root namespace without --offline/--no-probe" >&2
           return 70 ;;
        esac
        case " $* " in *" probe "*) echo "va_root: refusing 'probe' in the root namespace" >&2; return 70 ;; esac
        "$VNETAUDIT" "$@"
}

# Assertions: TAP-like lines the runner counts.
ok() { T_COUNT=$((T_COUNT + 1)); echo "ok - $*"; }
not_ok() { T_COUNT=$((T_COUNT + 1)); T_FAILED=$((T_FAILED + 1)); echo "not ok - $*"; }
# check DESC cmd...: ok when the command succeeds.
check() { local d="$1"; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
# check_eq DESC EXPECTED ACTUAL
check_eq() {
        if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (expected '$2', got '$3')"; fi
}
t_done() { [ "$T_FAILED" -eq 0 ] && [ "$T_COUNT" -gt 0 ]; exit $?; }
