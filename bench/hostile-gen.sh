#!/usr/bin/env bash
# hostile-gen.sh - builds the hostile roots of issue 15 (shared by
# bench/hostile-bench.sh and tests/integration/hostile_inputs.sh; nothing
# large is committed).  Usage: bench/hostile-gen.sh KIND DIR [N]
#   dhcpd DIR N      one vmnet1 dhcpd.conf with N ranges and N fixed hosts (default 2000)
#   libvirt DIR N    N libvirt networks on one subnet 10.5.0.0/24 (default 2000)
#   junk DIR MIB     VMware networking of MIB MiB of junk lines (default 4)
#   table DIR        a 100 KB network name and 10,000 <ip> elements
#   findings DIR N   N fixed hosts outside their subnet: N findings (default 100000)
set -eu
kind="$1" dir="$2" n="${3:-}"
rm -rf "$dir"
mkdir -p "$dir/etc/vmware/vmnet1/dhcpd" "$dir/etc/libvirt/qemu/networks"

vmnet1() {      # networking for a host-only vmnet1 with DHCP on 10.50.1.0/24
        printf '%s\n' 'VERSION=1,0' 'answer VNET_1_DHCP yes' 'answer VNET_1_HOSTONLY_NETMASK 255.255.255.0' \
                'answer VNET_1_HOSTONLY_SUBNET 10.50.1.0' 'answer VNET_1_VIRTUAL_ADAPTER yes' \
                >"$dir/etc/vmware/networking"
}

case "$kind" in
dhcpd)
        vmnet1
        awk -v n="${n:-2000}" 'BEGIN {
                print "subnet 10.50.1.0 netmask 255.255.255.0 {"
                for (i = 0; i < n; i++) print "  range 10.50.1.10 10.50.1.250;"
                print "}"
                for (i = 0; i < n; i++)
                        printf "host h%d {\n  hardware ethernet 00:50:56:%02x:%02x:%02x;\n  fixed-address 10.50.1.%d;\n}\n",
                                i, int(i / 65536) % 256, int(i / 256) % 256, i % 256, 10 + i % 240
        }' >"$dir/etc/vmware/vmnet1/dhcpd/dhcpd.conf" ;;
libvirt)
        for i in $(seq 1 "${n:-2000}"); do
                printf "<network><name>n%d</name><bridge name='vb%d'/><ip address='10.5.0.1' netmask='255.255.255.0'><dhcp><range start='10.5.0.100' end='10.5.0.200'/></dhcp></ip></network>\n" \
                        "$i" "$i"
        done | awk -v d="$dir/etc/libvirt/qemu/networks" '{ f = sprintf("%s/n%d.xml", d, NR); print > f; close(f) }' ;;
junk)
        { echo 'VERSION=1,0'
          awk -v bytes="$(( ${n:-4} * 1048576 - 64 ))" 'BEGIN {
                for (t = 0; t < bytes; ) { s = sprintf("junk line %d \342\200\256 %s", i++, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"); print s; t += length(s) + 1 } }'
        } >"$dir/etc/vmware/networking" ;;
table)
        { printf "<network><name>%s</name><bridge name='vbt'/>" "$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "n" }')"
          awk 'BEGIN { for (i = 0; i < 10000; i++) printf "<ip address=\"10.%d.%d.1\" netmask=\"255.255.255.0\"/>", int(i / 256), i % 256 }'
          echo '</network>'; } >"$dir/etc/libvirt/qemu/networks/t.xml" ;;
findings)
        vmnet1
        awk -v n="${n:-100000}" 'BEGIN {
                print "subnet 10.50.1.0 netmask 255.255.255.0 {\n}"
                for (i = 0; i < n; i++)
                        printf "host h%d {\n  hardware ethernet 02:00:%02x:%02x:%02x:01;\n  fixed-address 10.%d.%d.%d;\n}\n",
                                i, int(i / 65536) % 256, int(i / 256) % 256, i % 256,
                                99 + int(i / 65536), int(i / 256) % 256, i % 256
        }' >"$dir/etc/vmware/vmnet1/dhcpd/dhcpd.conf" ;;
*)
        echo "usage: $0 dhcpd|libvirt|junk|table|findings DIR [N]" >&2; exit 64 ;;
esac
