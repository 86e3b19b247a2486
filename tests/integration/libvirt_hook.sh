#!/usr/bin/env bash
# libvirt_hook.sh - the libvirt network hook against a real libvirtd.  The
# hook is installed by `make install` (paths inside this test's directory)
# into the private /etc/libvirt/hooks/network.d of a libvirtd running in a
# network + mount namespace.  Without a LAN: a network overlapping a running
# one is refused with vnetaudit's finding in virsh's error and no bridge
# appears, a clean one starts.  Then a LAN (a server namespace holding the
# next network's host address on a forgotten bridge, answering ARP on its
# LAN card): that network is refused with address-in-use, clean ones start.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
. tests/lib/libvirtd.sh
lv_require make
lv_prepare
rm -rf "$D"/etc/hooks

# The shipped install rule, with every path inside this test: the hook lands
# where libvirtd (in its mount namespace) sees /etc/libvirt/hooks/network.d,
# and its @SBINDIR@ names the binary installed next to it.
HOOK="$D/etc/hooks/network.d/vnetaudit"
if ! make -s install PREFIX="$D/usr" SYSCONFDIR="$D/sysconf" LIBVIRTHOOKDIR="$D/etc/hooks" \
        >"$D/install.log" 2>&1; then
        not_ok "make install into the test directory"; cat "$D/install.log"; t_done
fi
check "hook installed and executable" test -x "$HOOK"
check "hook calls the installed binary" grep -qF "$D/usr/sbin/vnetaudit" "$HOOK"
check "and the installed binary runs" sh -c "'$D/usr/sbin/vnetaudit' --version >/dev/null"

# libvirtd reads its hooks directory once, at start: start it after installing.
lv_start lv

# net NAME BRIDGE ADDRESS PREFIX: a NAT network with DHCP, written to $D/NAME.xml.
net() {
        cat >"$D/$1.xml" <<XML
<network>
  <name>$1</name>
  <forward mode='nat'/>
  <bridge name='$2' stp='off' delay='0'/>
  <ip address='$3' prefix='$4'/>
</network>
XML
        virsh_ net-define "$D/$1.xml" >/dev/null
}
has_bridge() { ip -n "$NS" link show "$1" >/dev/null 2>&1; }
# start_vetoed LABEL NAME BRIDGE STRING...: net-start fails, virsh's error
# carries vnetaudit's refusal and every STRING (fixed strings), never the
# hook's temporary copies, and no bridge appears.  LABEL names the saved
# error ($D/LABEL.err).
start_vetoed() {
        local label="$1" name="$2" br="$3" out rc miss="" s
        shift 3
        out=$(virsh_ net-start "$name" 2>&1); rc=$?
        printf '%s\n' "$out" >"$D/$label.err"
        check "net-start $name is refused ($label)" test "$rc" -ne 0
        for s in "vnetaudit: refusing to start libvirt network '$name'" "$@"; do
                printf '%s' "$out" | grep -qF -- "$s" || miss="$miss [$s]"
        done
        printf '%s' "$out" | grep -qF "vnetaudit-hook." && miss="$miss [no temporary path]"
        if [ -z "$miss" ]; then
                ok "virsh's error carries vnetaudit's findings ($label)"
        else
                not_ok "virsh's error carries vnetaudit's findings ($label): missing$miss"
                printf '%s\n' "$out" | sed 's/^/# /'
        fi
        check "no bridge $br appeared ($label)" sh -c "! ip -n '$NS' link show '$br' >/dev/null 2>&1"
        check_eq "$name stays inactive ($label)" "no" \
                "$(virsh_ net-info "$name" 2>/dev/null | awk '$1 == "Active:" {print $2}')"
}
# start_ok NAME BRIDGE [HOW]: net-start succeeds and the bridge appears.
start_ok() {
        local out d="$1 starts ${3:-through the hook} and its bridge $2 is up"
        if out=$(virsh_ net-start "$1" 2>&1) && has_bridge "$2"; then
                ok "$d"
        else
                not_ok "$d"
                printf '%s\n' "$out" | sed 's/^/# /'
        fi
}

# Phase 1, no LAN in the namespace (nothing to probe on): the static
# analysis alone decides.  vat-b's /25 lies inside the running vat-a's /24;
# libvirt's own route check only catches identical subnets, so without
# the hook this network would start.
net vat-a vata0 198.51.100.1 24
check "vat-a starts (nothing else defined)" sh -c "virsh -q -c 'qemu:///system?socket=$D/run/libvirt-sock' net-start vat-a >/dev/null"
check "its bridge vata0 is up" has_bridge vata0
net vat-b vatb0 198.51.100.129 25
start_vetoed overlap-noprobe vat-b vatb0 "error: subnet-overlap" "(/run/libvirt/network/vat-a.xml:" \
        "vat-b's subnet 198.51.100.128/25 (stdin:" "warning: probe-incomplete"
net vat-c vatc0 10.88.0.1 24
start_ok vat-c vatc0

# Phase 2, a LAN: lan0 in libvirtd's namespace, a server namespace that holds
# 10.77.0.1 on a forgotten port-less bridge and answers ARP for it on eth0.
ns_add srv
ns_link lv lan0 srv eth0
ns_addr lv lan0 203.0.113.10/24
ns_addr srv eth0 203.0.113.20/24
ns_bridge srv fbr0 10.77.0.1/24
ns_wait_up lv lan0 && ns_wait_up srv eth0
net vat-d vatd0 10.77.0.1 24
SRVMAC=$(ns_exec srv cat /sys/class/net/eth0/address)
start_vetoed arp vat-d vatd0 "error: address-in-use" \
        "planned host address 10.77.0.1 (stdin:" "is already in use on lan0 by $SRVMAC"
start_vetoed overlap-probed vat-b vatb0 "error: subnet-overlap" "probed 1 address on lan0"
net vat-e vate0 10.99.0.1 24
start_ok vat-e vate0
# The server's address goes away: the same network now starts.
ip -n "$(ns srv)" addr del 10.77.0.1/24 dev fbr0
start_ok vat-d vatd0

# The control: without the hook libvirt itself starts vat-b (its own route
# check only refuses identical subnets), so the refusals above were the hook's.
chmod a-x "$HOOK"
start_ok vat-b vatb0 "with the hook disabled"
chmod a+x "$HOOK"

# The hook never called back into libvirt: libvirtd is still serving.
check "libvirtd still answers" sh -c "virsh -q -c 'qemu:///system?socket=$D/run/libvirt-sock' net-list --all >/dev/null"
for n in vat-a vat-b vat-c vat-d vat-e; do virsh_ net-destroy "$n" >/dev/null 2>&1; done
OLDPID=$LVPID
stop_libvirtd
check "libvirtd stopped" sh -c "! kill -0 $OLDPID 2>/dev/null"
# dnsmasq runs in the namespace; with the networks destroyed none is left.
check_eq "no process left in libvirtd's namespace" "" "$(ip netns pids "$NS" 2>/dev/null)"
for f in overlap-noprobe arp; do sed 's/^/# /' "$D/$f.err"; done
t_done
