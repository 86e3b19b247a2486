/*
 * test_vmw_locations.c - the legacy locations parser: the installer's
 * append-log with remove_answer, skipped file bookkeeping, values with
 * blanks, the empty file of newer versions, and unknown commands.
 */
#include <check.h>
#include <string.h>

#include "addr.h"
#include "check_main.h"
#include "vmw_locations.h"
#include "vmw_test_util.h"

static struct vmw_locations lo;
static struct diag_list d;

static void parse(const char *text)
{
        vmw_locations_free(&lo);
        diag_list_free(&d);
        ck_assert_int_eq(vmw_locations_parse(text, strlen(text), "locations", &lo, &d), 0);
}

static void teardown(void)
{
        vmw_locations_free(&lo);
        diag_list_free(&d);
}

START_TEST(append_log)
{
        struct vmw_vnet *v1, *v0, *v8;

        parse("file /etc/vmware/locations\n"
              "directory /etc/vmware/state\n"
              "answer VMDIR /var/lib/vmware/Virtual Machines\n"
              "remove_answer VNET_1_HOSTONLY_HOSTADDR\n"
              "answer VNET_1_HOSTONLY_HOSTADDR 10.7.0.1\n"
              "answer VNET_1_HOSTONLY_NETMASK 255.255.255.0\n"
              "answer VNET_1_DHCP no\n"
              "file /usr/bin/vmware 1234567890\n"
              "remove_file /usr/bin/vmware\n"
              "answer VNET_0_INTERFACE eth0\n"
              "answer VNET_0_NAME Bridged\n"
              "answer VNET_8_HOSTONLY_HOSTADDR 10.8.0.1\n"
              "answer VNET_8_NAT yes\n"
              "remove_answer VNET_1_DHCP\n"
              "answer VNET_1_DHCP yes\n"
              "remove_answer VNET_1_HOSTONLY_HOSTADDR\n"
              "answer VNET_1_HOSTONLY_HOSTADDR 10.7.5.1\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_str_eq(vmw_answers_get(&lo.answers, "VMDIR")->value, "/var/lib/vmware/Virtual Machines");
        ck_assert_uint_eq(lo.vnets.n, 3);
        v0 = vmw_vnets_find(&lo.vnets, 0);
        v1 = vmw_vnets_find(&lo.vnets, 1);
        v8 = vmw_vnets_find(&lo.vnets, 8);
        ck_assert_str_eq(v0->interface, "eth0");
        ck_assert_uint_eq(v0->interface_line, 10);
        ck_assert_str_eq(v0->display_name, "Bridged");
        ck_assert_str_eq(addr_str(&v1->hostaddr.addr), "10.7.5.1");
        ck_assert_uint_eq(v1->hostaddr.line, 17);
        ck_assert_int_eq(v1->dhcp.value, 1);
        ck_assert_uint_eq(v1->dhcp.line, 15);
        ck_assert_int_eq(v8->nat.value, 1);
}
END_TEST

START_TEST(empty_file)
{
        parse("# Empty locations file to catch downgrade\n# to WS 6.0\n");
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_uint_eq(lo.vnets.n, 0);
        parse("");
        ck_assert_uint_eq(lo.vnets.n, 0);
}
END_TEST

START_TEST(malformed)
{
        parse("answer\n"
              "bogus thing\n"
              "VNET_1_HOSTONLY_HOSTADDR=10.0.0.1\n"
              "answer VNET_1_HOSTONLY_HOSTADDR 10.0.0.256\n"
              "answer VNET_1_NAT perhaps\n");
        ck_assert_str_eq(diags_str(&d),
                "locations:1: error: answer: missing key\n"
                "locations:2: warning: unknown command \"bogus\"\n"
                "locations:3: warning: unknown command \"VNET_1_HOSTONLY_HOSTADDR=10.0.0.1\"\n"
                "locations:4: error: VNET_1_HOSTONLY_HOSTADDR: invalid IPv4 address \"10.0.0.256\"\n"
                "locations:5: error: VNET_1_NAT must be yes or no\n");
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("vmw_locations");
        TCase *tc = tcase_create("parse");

        tcase_add_checked_fixture(tc, NULL, teardown);
        tcase_add_test(tc, append_log);
        tcase_add_test(tc, empty_file);
        tcase_add_test(tc, malformed);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
