/*
 * test_vmw_dhcpd.c - the vmnet-dhcpd parser: VMware's generated layout,
 * hand-added hosts, statements it must skip (nested braces, quoted
 * strings), the DO-NOT-MODIFY section hash, and malformed input with its
 * exact file:line messages.
 */
#include <check.h>
#include <string.h>

#include "addr.h"
#include "check_main.h"
#include "inventory.h"
#include "vmw_dhcpd.h"
#include "vmw_test_util.h"

static struct vmw_dhcpd dd;
static struct diag_list d;

static void parse(const char *text)
{
        vmw_dhcpd_free(&dd);
        diag_list_free(&d);
        ck_assert_int_eq(vmw_dhcpd_parse(text, strlen(text), "dhcpd.conf", &dd, &d), 0);
}

static void teardown(void)
{
        vmw_dhcpd_free(&dd);
        diag_list_free(&d);
}

#define SECTION_START "###### VMNET DHCP Configuration. Start of \"DO NOT MODIFY SECTION\" #####\n"
#define SECTION_END "####### VMNET DHCP Configuration. End of \"DO NOT MODIFY SECTION\" #######\n"

static const char generated[] =
        "# Configuration file for ISC 2.0 vmnet-dhcpd operating on vmnet8.\n"
        "\n"
        SECTION_START
        "# Written at: 11/28/2026 10:00:00\n"
        "allow unknown-clients;\n"
        "default-lease-time 1800;                # default is 30 minutes\n"
        "subnet 10.20.30.0 netmask 255.255.255.0 {\n"
        "\trange 10.20.30.128 10.20.30.254;\n"
        "\toption broadcast-address 10.20.30.255;\n"
        "\toption domain-name-servers 10.20.30.2;\n"
        "\toption domain-name localdomain;\n"
        "\toption routers 10.20.30.2;\n"
        "}\n"
        "host vmnet8 {\n"
        "\thardware ethernet 00:50:56:C0:00:08;\n"
        "\tfixed-address 10.20.30.1;\n"
        "\toption domain-name \"\";\n"
        "\toption routers 0.0.0.0;\n"
        "}\n"
        SECTION_END
        "host guest1 {\n"
        "    hardware ethernet 00:0C:29:01:02:03;\n"
        "    fixed-address 10.20.30.40;\n"
        "}\n";

START_TEST(generated_layout)
{
        char buf[PREFIX_STRLEN], mac[MAC_STRLEN];

        parse(generated);
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_uint_eq(dd.n_subnets, 1);
        ck_assert_str_eq(prefix_format(&dd.subnets[0].prefix, buf), "10.20.30.0/24");
        ck_assert_uint_eq(dd.subnets[0].line, 7);
        ck_assert_uint_eq(dd.subnets[0].n_ranges, 1);
        ck_assert_str_eq(addr_str(&dd.subnets[0].ranges[0].start), "10.20.30.128");
        ck_assert_str_eq(addr_str(&dd.subnets[0].ranges[0].end), "10.20.30.254");
        ck_assert_uint_eq(dd.subnets[0].ranges[0].line, 8);
        ck_assert_str_eq(addr_str(&dd.subnets[0].routers.addr), "10.20.30.2");
        ck_assert_uint_eq(dd.n_hosts, 2);
        ck_assert_str_eq(dd.hosts[0].name, "vmnet8");
        ck_assert_str_eq(addr_str(&dd.hosts[0].ip.addr), "10.20.30.1");
        ck_assert_uint_eq(dd.hosts[0].ip.line, 16);
        ck_assert_str_eq(dd.hosts[1].name, "guest1");
        mac_format(dd.hosts[1].mac, mac);
        ck_assert_str_eq(mac, "00:0c:29:01:02:03");
        ck_assert_uint_eq(dd.hosts[1].line, 21);
        ck_assert_int_eq(dd.hosts[1].subnet, -1);
        ck_assert_uint_eq(dd.section_line, 3);
}
END_TEST

/* The hash covers the marker lines inclusive with the End line's newline:
 * the value below is the SHA-1 of exactly that text, computed separately
 * (python3 hashlib) from the fixture. */
START_TEST(section_hash)
{
        static const char text[] = "# head\n" SECTION_START "x\n" SECTION_END "tail\n";

        parse(text);
        ck_assert_uint_eq(dd.section_line, 2);
        ck_assert_str_eq(dd.section_hash, "07141363D6D0DA29C0D967FDF55F69F8839B63C7");
}
END_TEST

START_TEST(section_without_end)
{
        parse("# a\n" SECTION_START "allow unknown-clients;\n");
        ck_assert_str_eq(diags_str(&d), "dhcpd.conf:2: warning: DO NOT MODIFY SECTION has no end marker\n");
        ck_assert_uint_eq(dd.section_line, 0);
}
END_TEST

START_TEST(skips_unknown_statements)
{
        parse("ddns-update-style none; key \"k;}\" { algorithm hmac-md5; secret \"a{b\"; };\n"
              "class \"c\" { match if substring (option vendor-class-identifier, 0, 4) = \"MSFT\"; }\n"
              "shared-network lan {\n"
              "  subnet 10.0.0.0 netmask 255.255.0.0 {\n"
              "    pool { failover peer \"x\"; range 10.0.5.1 10.0.5.9; }\n"
              "    range dynamic-bootp 10.0.1.1 10.0.1.50;\n"
              "    range 10.0.2.7;\n"
              "    host inner { hardware ethernet 52:54:00:00:00:01; fixed-address 10.0.3.3, 10.0.3.4; }\n"
              "  }\n"
              "}\n"
              "group { host g1 { fixed-address 10.9.9.9; } }\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_uint_eq(dd.n_subnets, 1);
        ck_assert_uint_eq(dd.subnets[0].n_ranges, 2);
        ck_assert_str_eq(addr_str(&dd.subnets[0].ranges[1].start), "10.0.2.7");
        ck_assert_str_eq(addr_str(&dd.subnets[0].ranges[1].end), "10.0.2.7");
        ck_assert_uint_eq(dd.n_hosts, 2);
        ck_assert_int_eq(dd.hosts[0].subnet, 0);
        ck_assert_str_eq(addr_str(&dd.hosts[0].ip.addr), "10.0.3.3");
        ck_assert_str_eq(dd.hosts[1].name, "g1");
        ck_assert(!dd.hosts[1].has_mac);
}
END_TEST

START_TEST(malformed)
{
        parse("subnet 10.0.0.0 netmask 255.0.255.0 { range 10.0.0.1 10.0.0.2; }\n"
              "subnet 10.1.0.0 netmask 255.255.255.0 {\n"
              "  range 10.1.0.9 10.1.0.1;\n"
              "  range 10.1.0.300 10.1.0.301;\n"
              "  option routers banana;\n"
              "  option routers 10.1.0.2;\n"
              "  option routers 10.1.0.3;\n"
              "  range 10.1.0.100 10.1.0.200\n"
              "}\n"
              "range 10.2.0.1 10.2.0.2;\n"
              "host a { hardware ethernet 00:11; fixed-address 10.1.0.5; fixed-address 10.1.0.6; }\n"
              "host a { fixed-address www.example.org; }\n"
              "host { }\n"
              "}\n"
              "subnet 10.3.0.1 netmask 255.255.255.0 {\n"
              "  host b { host c { } }\n");
        ck_assert_str_eq(diags_str(&d),
                "dhcpd.conf:1: error: subnet: expected \"netmask\" and a contiguous netmask\n"
                "dhcpd.conf:3: error: range: start is above end\n"
                "dhcpd.conf:4: error: range: invalid IPv4 address \"10.1.0.300\"\n"
                "dhcpd.conf:5: error: option routers: invalid IPv4 address \"banana\"\n"
                "dhcpd.conf:7: warning: option routers specified more than once\n"
                "dhcpd.conf:8: error: range: expected ';'\n"
                "dhcpd.conf:10: error: range outside a subnet declaration\n"
                "dhcpd.conf:11: error: invalid MAC address \"00:11\"\n"
                "dhcpd.conf:11: warning: fixed-address specified more than once\n"
                "dhcpd.conf:12: warning: fixed-address \"www.example.org\" is not an IPv4 address; ignored\n"
                "dhcpd.conf:12: warning: host a declared more than once (line 11)\n"
                "dhcpd.conf:13: error: host: missing name\n"
                "dhcpd.conf:14: error: unexpected '}'\n"
                "dhcpd.conf:15: warning: subnet address has host bits set\n"
                "dhcpd.conf:15: error: missing '}' for the block opened here\n"
                "dhcpd.conf:16: error: host declaration inside a host declaration\n");
        ck_assert_uint_eq(dd.n_subnets, 2);
        /* Only the range with the missing ';' survives: its intent is clear. */
        ck_assert_uint_eq(dd.subnets[0].n_ranges, 1);
        ck_assert_str_eq(addr_str(&dd.subnets[0].ranges[0].start), "10.1.0.100");
        ck_assert_str_eq(addr_str(&dd.subnets[0].routers.addr), "10.1.0.3");
        ck_assert_str_eq(addr_str(&dd.hosts[0].ip.addr), "10.1.0.6");
}
END_TEST

START_TEST(unterminated_string)
{
        parse("option domain-name \"abc;\n}\n");
        ck_assert_str_eq(diags_str(&d), "dhcpd.conf:1: error: unterminated string\n");
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("vmw_dhcpd");
        TCase *tc = tcase_create("parse");

        tcase_add_checked_fixture(tc, NULL, teardown);
        tcase_add_test(tc, generated_layout);
        tcase_add_test(tc, section_hash);
        tcase_add_test(tc, section_without_end);
        tcase_add_test(tc, skips_unknown_statements);
        tcase_add_test(tc, malformed);
        tcase_add_test(tc, unterminated_string);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
