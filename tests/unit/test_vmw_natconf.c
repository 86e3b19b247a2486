/*
 * test_vmw_natconf.c - the nat.conf parser: [host] keys in Linux and Fusion
 * spelling, "ip = A/N", inline comments, CRLF, port forwards, and malformed
 * lines with their exact file:line messages.
 */
#include <check.h>
#include <string.h>

#include "addr.h"
#include "check_main.h"
#include "vmw_natconf.h"
#include "vmw_test_util.h"

static struct vmw_natconf nc;
static struct diag_list d;

static void parse(const char *text)
{
        vmw_natconf_free(&nc);
        diag_list_free(&d);
        ck_assert_int_eq(vmw_natconf_parse(text, strlen(text), "nat.conf", &nc, &d), 0);
}

static void teardown(void)
{
        vmw_natconf_free(&nc);
        diag_list_free(&d);
}

START_TEST(linux_layout)
{
        char buf[PREFIX_STRLEN];

        parse("# VMware NAT configuration file\r\n"
              "[host]\r\n"
              "\r\n"
              "# NAT gateway address\r\n"
              "ip = 10.20.30.2\r\n"
              "netmask = 255.255.255.0\r\n"
              "device = /dev/vmnet8\r\n"
              "hostIp = 10.20.30.1   # the host\r\n"
              "natIp6Enable = 0\r\n"
              "natIp6Prefix = fd15:4ba5:5a2b:1008::/64\r\n"
              "[udp]\r\n"
              "timeout = 60\r\n"
              "[incomingtcp]\r\n"
              "#8080 = 172.16.3.128:80\r\n"
              "8080 = 10.20.30.128:80 ; web\r\n"
              "[incomingudp]\r\n"
              "6000 = 10.20.30.128:6001\r\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_str_eq(addr_str(&nc.ip.addr), "10.20.30.2");
        ck_assert_uint_eq(nc.ip.line, 5);
        ck_assert_int_eq(nc.ip_prefixlen, -1);
        ck_assert_str_eq(addr_str(&nc.netmask.addr), "255.255.255.0");
        ck_assert_str_eq(nc.device, "vmnet8");
        ck_assert_str_eq(addr_str(&nc.host_ip.addr), "10.20.30.1");
        ck_assert_uint_eq(nc.host_ip.line, 8);
        ck_assert_int_eq(nc.ip6_enable.value, 0);
        ck_assert(nc.has_ip6_prefix);
        ck_assert_str_eq(prefix_format(&nc.ip6_prefix, buf), "fd15:4ba5:5a2b:1008::/64");
        ck_assert_uint_eq(nc.n_fwds, 2);
        ck_assert_str_eq(nc.fwds[0].proto, "tcp");
        ck_assert_uint_eq(nc.fwds[0].host_port, 8080);
        ck_assert_str_eq(addr_str(&nc.fwds[0].guest_ip), "10.20.30.128");
        ck_assert_uint_eq(nc.fwds[0].guest_port, 80);
        ck_assert_str_eq(nc.fwds[1].proto, "udp");
}
END_TEST

START_TEST(fusion_and_old_format)
{
        parse("[host]\nip = 172.16.98.2/24\ndevice = vmnet8\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_int_eq(nc.ip_prefixlen, 24);
        ck_assert_str_eq(nc.device, "vmnet8");
        ck_assert(!nc.netmask.set);
}
END_TEST

START_TEST(malformed)
{
        parse("ip = 1.2.3.4\n"
              "[host\n"
              "[host]\n"
              "ip = 10.0.0.300\n"
              "ip = 10.0.0.2/24\n"
              "netmask = 255.0.255.0\n"
              "netmask = 255.255.0.0\n"
              "hostIp = ::1\n"
              "device =\n"
              "natIp6Enable = yes\n"
              "natIp6Prefix = 10.0.0.0/8\n"
              "just words\n"
              " = 5\n"
              "[incomingtcp]\n"
              "0 = 10.0.0.5:80\n"
              "80 = 10.0.0.5\n"
              "81 = 10.0.0.999:80\n"
              "82 = 10.0.0.5:99999\n"
              "83 = 10.0.0.5:80\n"
              "83 = 10.0.0.6:80\n");
        ck_assert_str_eq(diags_str(&d),
                "nat.conf:1: warning: ip outside any section\n"
                "nat.conf:2: error: section header without ']'\n"
                "nat.conf:4: error: ip: invalid IPv4 address \"10.0.0.300\"\n"
                "nat.conf:6: error: netmask: invalid netmask \"255.0.255.0\"\n"
                "nat.conf:7: warning: netmask disagrees with the prefix length of ip (line 5)\n"
                "nat.conf:8: error: hostIp: invalid IPv4 address \"::1\"\n"
                "nat.conf:9: error: device: empty value\n"
                "nat.conf:10: error: natIp6Enable must be 0 or 1\n"
                "nat.conf:11: error: natIp6Prefix: invalid IPv6 prefix \"10.0.0.0/8\"\n"
                "nat.conf:12: error: expected \"key = value\"\n"
                "nat.conf:13: error: missing key before '='\n"
                "nat.conf:15: error: host port must be between 1 and 65535\n"
                "nat.conf:16: error: forward must be \"address:port\"\n"
                "nat.conf:17: error: invalid IPv4 address \"10.0.0.999\"\n"
                "nat.conf:18: error: guest port must be between 1 and 65535\n"
                "nat.conf:20: warning: tcp port 83 forwarded more than once (line 19)\n");
        ck_assert_str_eq(addr_str(&nc.ip.addr), "10.0.0.2");
        ck_assert_uint_eq(nc.n_fwds, 1);
}
END_TEST

START_TEST(duplicate_key)
{
        parse("[host]\nip = 10.0.0.2\nip = 10.0.0.3\n");
        ck_assert_str_eq(diags_str(&d), "nat.conf:3: warning: ip specified more than once\n");
        ck_assert_str_eq(addr_str(&nc.ip.addr), "10.0.0.3");
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("vmw_natconf");
        TCase *tc = tcase_create("parse");

        tcase_add_checked_fixture(tc, NULL, teardown);
        tcase_add_test(tc, linux_layout);
        tcase_add_test(tc, fusion_and_old_format);
        tcase_add_test(tc, malformed);
        tcase_add_test(tc, duplicate_key);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
