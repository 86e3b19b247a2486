/*
 * test_net_select.c - --net selectors on networks built in code: plain
 * names (id, name, device), source names, shell patterns against the id
 * and (without a colon) the name and device; which of them may match
 * nothing.
 */
#include <string.h>

#include "check_main.h"
#include "net_select.h"

static struct inventory inv;

static const struct network *mk(enum net_source src, const char *name, const char *dev)
{
        struct network *n = inventory_add_network(&inv, src, name);

        ck_assert_ptr_nonnull(n);
        if (dev)
                ck_assert_int_eq(network_set_device(n, dev), 0);
        return n;
}

START_TEST(selectors)
{
        const struct network *v6, *lv, *h;

        inventory_init(&inv);
        mk(NET_SRC_VMWARE, "vmnet6", "vmnet6");
        mk(NET_SRC_LIBVIRT, "default", "virbr0");
        mk(NET_SRC_HOST, "docker0", "docker0");
        v6 = &inv.nets[0];
        lv = &inv.nets[1];
        h = &inv.nets[2];

        ck_assert(net_select_match("vmnet6", v6));
        ck_assert(net_select_match("vmware:vmnet6", v6));
        ck_assert(!net_select_match("libvirt:vmnet6", v6));
        ck_assert(net_select_match("virbr0", lv));
        ck_assert(net_select_match("vmware", v6) && !net_select_match("vmware", lv));
        ck_assert(net_select_match("libvirt", lv) && !net_select_match("libvirt", h));
        ck_assert(net_select_match("vmware:*", v6) && !net_select_match("vmware:*", lv));
        ck_assert(net_select_match("libvirt:*", lv) && !net_select_match("libvirt:*", v6));
        ck_assert(net_select_match("vmnet*", v6) && !net_select_match("vmnet*", lv));
        ck_assert(net_select_match("virbr?", lv));
        ck_assert(net_select_match("*", h));
        ck_assert(!net_select_match("vmware:vmnet[0-5]", v6));

        ck_assert(net_select_is_pattern("vmware:*"));
        ck_assert(net_select_is_pattern("vmware"));
        ck_assert(net_select_is_pattern("vmnet[1-9]"));
        ck_assert(!net_select_is_pattern("vmnet6"));
        ck_assert(!net_select_is_pattern("libvirt:default"));
        inventory_free(&inv);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("net_select");
        TCase *tc = tcase_create("match");

        tcase_add_test(tc, selectors);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
