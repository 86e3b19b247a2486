#!/usr/bin/env bash
# libvirt_testdriver.sh - vnetaudit list through libvirt's API with the test
# driver (test:///ABS/PATH/node.xml, no daemon), inside a fresh network
# namespace holding one of the networks' bridges: that network is one
# inventory entry matched to the netlink bridge (state up), the other
# bridge is absent, the vepa network has no device; libvirt prints nothing
# itself; an unreachable URI is one warning line and falls back to files.
# (Inactive networks through the API: tests/unit/test_libvirt_load.c, which
# can destroy networks in the process-shared test:///default.)
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
NODE="test://$PWD/tests/fixtures/libvirt/testdriver/node.xml"
T=$(ns_tmpdir)

ns_add h
ns_bridge h vatbr0 198.51.100.1/24

va h --libvirt-uri "$NODE" --libvirt-dir "$T/none" list --json >"$T/out.json" 2>"$T/err"
check "list --json through the test driver succeeds" test $? -eq 0
check_eq "libvirt prints nothing on stderr" "" "$(cat "$T/err")"
q() { python3 -c "import json,sys; d=json.load(open('$T/out.json')); n={x['id']:x for x in d['networks']}; print($1)"; }
check_eq "three libvirt networks" "libvirt:vat-direct libvirt:vat-iso6 libvirt:vat-nat" \
        "$(q "' '.join(sorted(i for i in n if i.startswith('libvirt:')))")"
check_eq "vat-nat matched to its bridge: up" "vatbr0 up nat" \
        "$(q "n['libvirt:vat-nat']['device'], n['libvirt:vat-nat']['state'], n['libvirt:vat-nat']['type']" | tr -d "(),'")"
check_eq "the bridge is not listed a second time as a host network" "False" "$(q "'host:vatbr0' in n")"
check_eq "vat-nat subnet, host address, range, fixed host" \
        "198.51.100.0/24 198.51.100.1 198.51.100.100-198.51.100.199 52:54:00:00:51:01=198.51.100.21" \
        "$(q "' '.join([s['prefix']+' '+s['host_address']+' '+s['dhcp_ranges'][0]['start']+'-'+s['dhcp_ranges'][0]['end']+' '+s['fixed_hosts'][0]['mac']+'='+s['fixed_hosts'][0]['ip'] for s in n['libvirt:vat-nat']['subnets']])")"
check_eq "vat-iso6 without its bridge: absent, IPv6 isolated" "absent isolated 2001:db8:aa::/64" \
        "$(q "n['libvirt:vat-iso6']['state'], n['libvirt:vat-iso6']['type'], n['libvirt:vat-iso6']['subnets'][0]['prefix']" | tr -d "(),'")"
check_eq "vat-direct: no device, bridged to its NIC, no host address" "None direct ['vatnic0'] 0" \
        "$(q "n['libvirt:vat-direct']['device'], n['libvirt:vat-direct']['type'], n['libvirt:vat-direct']['bridged_to'], len(n['libvirt:vat-direct']['subnets'])" | tr -d "(),'" | sed "s/\[vatnic0\]/['vatnic0']/")"
check_eq "origin names the URI and network" "libvirt:$NODE#vat-nat:1" "$(q "n['libvirt:vat-nat']['origin']")"

# No daemon behind this socket: one warning line (libvirt is configured:
# its directory exists), then the files (none here).
mkdir -p "$T/empty-libvirt"
va h --libvirt-uri "qemu+unix:///system?socket=$T/no-sock" --libvirt-dir "$T/empty-libvirt" list >"$T/out2" 2>"$T/err2"
check "unreachable daemon is not fatal" test $? -eq 0
check_eq "exactly one line on stderr" 1 "$(wc -l <"$T/err2")"
check "it says what failed and that files are read" grep -q "warning: libvirt: cannot connect to qemu+unix:///system.*; reading files" "$T/err2"
t_done
