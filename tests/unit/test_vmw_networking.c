/*
 * test_vmw_networking.c - the networking parser on quirks of real files
 * (CRLF, tabs, inline comments, empty values, remove_answer, -1 bridge
 * mappings) and on malformed lines with their exact file:line messages.
 */
#include <check.h>
#include <string.h>

#include "addr.h"
#include "check_main.h"
#include "inventory.h"
#include "vmw_networking.h"
#include "vmw_test_util.h"

static struct vmw_networking n;
static struct diag_list d;

static void parse(const char *text)
{
        vmw_networking_free(&n);
        diag_list_free(&d);
        ck_assert_int_eq(vmw_networking_parse(text, strlen(text), "networking", &n, &d), 0);
}

static void teardown(void)
{
        vmw_networking_free(&n);
        diag_list_free(&d);
}

START_TEST(basic_layout)
{
        struct vmw_vnet *v1, *v8;

        parse("VERSION=1,0\n"
              "answer VNET_1_DHCP yes\n"
              "answer VNET_1_DHCP_CFG_HASH 2a4f13005bb4eb3ebfa6b7f5840d22a02b7199e1\n"
              "answer VNET_1_HOSTONLY_NETMASK 255.255.255.0\n"
              "answer VNET_1_HOSTONLY_SUBNET 172.16.78.0\n"
              "answer VNET_1_VIRTUAL_ADAPTER yes\n"
              "answer VNET_8_NAT yes\n"
              "answer VNET_8_HOSTONLY_SUBNET 192.168.135.0\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_uint_eq(n.version_line, 1);
        ck_assert_uint_eq(n.vnets.n, 2);
        v1 = vmw_vnets_find(&n.vnets, 1);
        v8 = vmw_vnets_find(&n.vnets, 8);
        ck_assert_ptr_nonnull(v1);
        ck_assert_ptr_nonnull(v8);
        ck_assert_str_eq(addr_str(&v1->subnet.addr), "172.16.78.0");
        ck_assert_uint_eq(v1->subnet.line, 5);
        ck_assert_str_eq(addr_str(&v1->netmask.addr), "255.255.255.0");
        ck_assert_int_eq(v1->dhcp.value, 1);
        ck_assert_int_eq(v1->virtual_adapter.value, 1);
        ck_assert_str_eq(v1->hash, "2A4F13005BB4EB3EBFA6B7F5840D22A02B7199E1");
        ck_assert_uint_eq(v1->line, 2);
        ck_assert_int_eq(v8->nat.value, 1);
        ck_assert_int_eq(v8->dhcp.value, -1);
}
END_TEST

START_TEST(crlf_tabs_comments)
{
        struct vmw_vnet *v;

        parse("# written by hand \xc3\xa9t\xc3\xa9\r\n"
              "VERSION=1,0\r\n"
              "\r\n"
              "   answer\tVNET_2_HOSTONLY_SUBNET \t 10.1.2.0   # lab net\r\n"
              "\tanswer VNET_2_HOSTONLY_NETMASK\t255.255.255.128\t\r\n"
              "answer VNET_2_DISPLAY_NAME \r\n"
              "answer VNET_2_HOSTONLY_UUID 52 1a-ff\r\n"
              "answer VNET_2_MTU 9000");
        ck_assert_str_eq(diags_str(&d), "");
        v = vmw_vnets_find(&n.vnets, 2);
        ck_assert_ptr_nonnull(v);
        ck_assert_str_eq(addr_str(&v->subnet.addr), "10.1.2.0");
        ck_assert_uint_eq(v->subnet.line, 4);
        ck_assert_str_eq(addr_str(&v->netmask.addr), "255.255.255.128");
        ck_assert_ptr_null(v->display_name);
        ck_assert_str_eq(v->uuid, "52 1a-ff");
        ck_assert_uint_eq(v->mtu, 9000);
        ck_assert_uint_eq(v->mtu_line, 8);
}
END_TEST

START_TEST(last_line_wins_and_remove)
{
        struct vmw_vnet *v;

        parse("VERSION=1,0\n"
              "answer VNET_1_HOSTONLY_SUBNET 10.0.0.0\n"
              "answer VNET_1_DHCP yes\n"
              "answer VNET_1_HOSTONLY_SUBNET 10.0.9.0\n"
              "remove_answer VNET_1_DHCP\n"
              "remove_answer VNET_7_NEVER_SET\n"
              "answer VNET_5_NAT yes\n"
              "remove_answer VNET_5_NAT\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_uint_eq(n.vnets.n, 1);
        v = vmw_vnets_find(&n.vnets, 1);
        ck_assert_str_eq(addr_str(&v->subnet.addr), "10.0.9.0");
        ck_assert_uint_eq(v->subnet.line, 4);
        ck_assert_int_eq(v->dhcp.value, -1);
}
END_TEST

START_TEST(bridge_mappings)
{
        parse("VERSION=1,0\n"
              "add_bridge_mapping enp4s0f2 -1\n"
              "add_bridge_mapping wlp3s0 0\n"
              "add_bridge_mapping eth1 2\n"
              "add_bridge_mapping eth1 3\n"
              "add_bridge_mapping eth2 4\n"
              "remove_bridge_mapping eth2\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_uint_eq(n.n_bridges, 3);
        ck_assert_str_eq(n.bridges[0].ifname, "enp4s0f2");
        ck_assert_int_eq(n.bridges[0].vnet, -1);
        ck_assert_str_eq(n.bridges[1].ifname, "wlp3s0");
        ck_assert_int_eq(n.bridges[1].vnet, 0);
        ck_assert_str_eq(n.bridges[2].ifname, "eth1");
        ck_assert_int_eq(n.bridges[2].vnet, 3);
        ck_assert_uint_eq(n.bridges[2].line, 5);
}
END_TEST

START_TEST(mac_to_ip_and_portfwd)
{
        char mac[MAC_STRLEN];

        parse("VERSION=1,0\n"
              "add_dhcp_mac_to_ip 8 00:0C:29:AA:BB:CC 192.168.135.50\n"
              "add_dhcp_mac_to_ip 8 00:0c:29:00:00:01 192.168.135.51\n"
              "remove_dhcp_mac_to_ip 8 00:0C:29:00:00:01\n"
              "add_dhcp_mac_to_ip 8 00:0c:29:aa:bb:cc 192.168.135.60\n"
              "add_nat_portfwd 8 tcp 2200 172.16.99.128 22\n"
              "add_nat_portfwd 8 udp 53 172.16.99.128 53\n"
              "remove_nat_portfwd 8 udp 53\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_uint_eq(n.n_macs, 1);
        mac_format(n.macs[0].mac, mac);
        ck_assert_str_eq(mac, "00:0c:29:aa:bb:cc");
        ck_assert_str_eq(addr_str(&n.macs[0].ip), "192.168.135.60");
        ck_assert_uint_eq(n.macs[0].line, 5);
        ck_assert_uint_eq(n.n_fwds, 1);
        ck_assert_str_eq(n.fwds[0].proto, "tcp");
        ck_assert_uint_eq(n.fwds[0].host_port, 2200);
        ck_assert_uint_eq(n.fwds[0].guest_port, 22);
}
END_TEST

START_TEST(malformed_lines)
{
        parse("VERSION=2,0\n"
              "VERSION=1,0\n"
              "frobnicate VNET_1_DHCP yes\n"
              "answer\n"
              "answer VNET_1_HOSTONLY_SUBNET 172.16.300.0\n"
              "answer VNET_1_DHCP maybe\n"
              "answer VNET_1_MTU 12\n"
              "answer VNET_300_NAT yes\n"
              "answer VNET_1_DHCP_CFG_HASH <hash>\n"
              "add_bridge_mapping eth0\n"
              "add_bridge_mapping eth0 -2\n"
              "add_dhcp_mac_to_ip 8 00:0c:29:zz:00:00 10.0.0.1\n"
              "add_dhcp_mac_to_ip 8 00:0c:29:00:00:00 10.0.0\n"
              "add_nat_portfwd 8 sctp 22 10.0.0.1 22\n"
              "add_nat_portfwd 8 tcp 70000 10.0.0.1 22\n"
              "answer VNET_1_HOSTONLY_NETMASK 255.255.255.0\n"
              "remove_answer VNET_1_DHCP extra\n");
        ck_assert_str_eq(diags_str(&d),
                "networking:1: warning: unknown VERSION 2,0 (expected 1,0); parsing anyway\n"
                "networking:2: warning: VERSION specified more than once\n"
                "networking:3: warning: unknown command \"frobnicate\"\n"
                "networking:4: error: answer: missing key\n"
                "networking:5: error: VNET_1_HOSTONLY_SUBNET: invalid IPv4 address \"172.16.300.0\"\n"
                "networking:6: error: VNET_1_DHCP must be yes or no\n"
                "networking:7: error: VNET_1_MTU must be between 68 and 65535\n"
                "networking:8: warning: VNET_300_NAT: vmnet number must be between 0 and 255\n"
                "networking:9: warning: VNET_1_DHCP_CFG_HASH is not a SHA-1 hash (40 hex digits)\n"
                "networking:10: error: add_bridge_mapping needs an interface and a vmnet number\n"
                "networking:11: error: add_bridge_mapping: vmnet number must be between -1 and 255\n"
                "networking:12: error: invalid MAC address \"00:0c:29:zz:00:00\"\n"
                "networking:13: error: invalid IPv4 address \"10.0.0\"\n"
                "networking:14: error: add_nat_portfwd: protocol must be tcp or udp\n"
                "networking:15: error: add_nat_portfwd: host port must be between 1 and 65535\n"
                "networking:17: warning: remove_answer VNET_1_DHCP: extra words ignored\n");
        /* The good line after the bad ones still counts. */
        ck_assert_uint_eq(vmw_vnets_find(&n.vnets, 1)->netmask.line, 16);
        ck_assert(!vmw_vnets_find(&n.vnets, 1)->subnet.set);
}
END_TEST

START_TEST(empty_and_binary)
{
        static const char bin[] = "answer VNET_1_DHCP\0yes\nanswer \xff\xfe 1\n";

        parse("");
        ck_assert_uint_eq(n.vnets.n, 0);
        vmw_networking_free(&n);
        diag_list_free(&d);
        ck_assert_int_eq(vmw_networking_parse(bin, sizeof(bin) - 1, "networking", &n, &d), 0);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("vmw_networking");
        TCase *tc = tcase_create("parse");

        tcase_add_checked_fixture(tc, NULL, teardown);
        tcase_add_test(tc, basic_layout);
        tcase_add_test(tc, crlf_tabs_comments);
        tcase_add_test(tc, last_line_wins_and_remove);
        tcase_add_test(tc, bridge_mappings);
        tcase_add_test(tc, mac_to_ip_and_portfwd);
        tcase_add_test(tc, malformed_lines);
        tcase_add_test(tc, empty_and_binary);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
