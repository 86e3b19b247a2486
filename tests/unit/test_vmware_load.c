/*
 * test_vmware_load.c - vmware_load() on the golden fixtures, called
 * directly: what JSON does not show (quiet when VMware is absent and not
 * verbose, origins interned, state left unknown for gather).
 */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "inventory.h"
#include "options.h"
#include "vmware_load.h"

#define CASE(name) "tests/golden/cases/" name "/root"

static struct inventory inv;

static void setup(void)
{
        inventory_init(&inv);
}

static void teardown(void)
{
        inventory_free(&inv);
}

START_TEST(absent_is_quiet)
{
        struct options opt = { .root = CASE("vmware-not-installed"), .vmware_dir = "/etc/vmware" };

        ck_assert_int_eq(vmware_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.n_nets, 0);
        ck_assert_uint_eq(inv.diags.n, 0);
        opt.verbose = 1;
        ck_assert_int_eq(vmware_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.diags.n, 1);
        ck_assert_int_eq(inv.diags.v[0].severity, SEV_INFO);
}
END_TEST

START_TEST(default_layout)
{
        struct options opt = { .root = CASE("vmware-default"), .vmware_dir = "/etc/vmware/" };
        const struct network *n1, *n8;
        char buf[PREFIX_STRLEN];

        ck_assert_int_eq(vmware_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.diags.n, 0);
        ck_assert_uint_eq(inv.n_nets, 2);
        n1 = inventory_find_network(&inv, NET_SRC_VMWARE, "vmnet1");
        n8 = inventory_find_network(&inv, NET_SRC_VMWARE, "vmnet8");
        ck_assert_ptr_nonnull(n1);
        ck_assert_ptr_nonnull(n8);
        ck_assert_str_eq(n1->id, "vmware:vmnet1");
        ck_assert_int_eq(n1->state, NET_STATE_UNKNOWN);
        ck_assert_int_eq(n8->type, NET_TYPE_NAT);
        ck_assert_str_eq(n8->device, "vmnet8");
        ck_assert_str_eq(n8->origin.file, "/etc/vmware/networking");      /* without the root */
        ck_assert_uint_eq(n8->origin.line, 11);
        ck_assert_ptr_eq(n8->origin.file, n1->origin.file);    /* interned once */
        ck_assert_str_eq(prefix_format(&n8->subnets[0].prefix, buf), "10.50.8.0/24");
        ck_assert(!n8->dhcp_config_stale);
        /* A second call does not duplicate the networks. */
        ck_assert_int_eq(vmware_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.n_nets, 2);
}
END_TEST

START_TEST(missing_root)
{
        struct options opt = { .root = "/nonexistent/vnetaudit-root", .vmware_dir = NULL };

        ck_assert_int_eq(vmware_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.n_nets, 0);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("vmware_load");
        TCase *tc = tcase_create("load");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, absent_is_quiet);
        tcase_add_test(tc, default_layout);
        tcase_add_test(tc, missing_root);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
