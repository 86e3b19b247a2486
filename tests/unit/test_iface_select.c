/*
 * test_iface_select.c - the default probe interfaces on inventories built in
 * code: LAN cards and bridges yes; loopback, down, non-broadcast, vmnet,
 * virbr, devices of audited networks and bridge ports no; -i overrides.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "iface_select.h"

static struct interface *add(struct inventory *inv, const char *name, int idx, enum link_kind k,
                             unsigned flags, enum oper_state oper, int master)
{
        struct interface *i = inventory_add_interface(inv);

        ck_assert_ptr_nonnull(i);
        i->name = strdup(name);
        i->ifindex = idx;
        i->kind = k;
        i->flags = flags;
        i->oper = oper;
        i->master_ifindex = master;
        i->has_mac = k != LINK_KIND_LOOPBACK;
        i->mac[0] = 0x02;
        i->mac[5] = (unsigned char)idx;
        return i;
}

static void build(struct inventory *inv)
{
        const unsigned up = IFF_UP | IFF_BROADCAST;
        struct network *n;

        inventory_init(inv);
        add(inv, "lo", 1, LINK_KIND_LOOPBACK, IFF_UP | IFF_LOOPBACK, OPER_UNKNOWN, 0);
        add(inv, "eth0", 2, LINK_KIND_PHYSICAL, up, OPER_UP, 0);
        add(inv, "eth1", 3, LINK_KIND_PHYSICAL, IFF_BROADCAST, OPER_DOWN, 0);
        add(inv, "br0", 4, LINK_KIND_BRIDGE, up, OPER_UP, 0);
        add(inv, "eth2", 5, LINK_KIND_PHYSICAL, up, OPER_UP, 4);        /* port of br0 */
        add(inv, "vmnet8", 6, LINK_KIND_VMNET, up, OPER_UNKNOWN, 0);
        add(inv, "virbr0", 7, LINK_KIND_BRIDGE, up, OPER_UP, 0);
        add(inv, "vnet0", 8, LINK_KIND_TAP, up, OPER_UNKNOWN, 7);       /* port of virbr0 */
        add(inv, "testbr", 9, LINK_KIND_BRIDGE, up, OPER_UP, 0);        /* libvirt's, renamed */
        add(inv, "wg0", 10, LINK_KIND_WIREGUARD, IFF_UP | IFF_POINTOPOINT, OPER_UNKNOWN, 0);
        n = inventory_add_network(inv, NET_SRC_LIBVIRT, "test");
        ck_assert_ptr_nonnull(n);
        ck_assert_int_eq(network_set_device(n, "testbr"), 0);
}

START_TEST(default_choice)
{
        struct inventory inv;
        struct probe_iface *ifs = NULL;
        size_t n = 0;
        char err[128];
        const char *why;

        build(&inv);
        ck_assert_int_eq(iface_select(&inv, NULL, 0, &ifs, &n, err, sizeof(err)), 0);
        ck_assert_uint_eq(n, 2);
        ck_assert_str_eq(ifs[0].name, "eth0");
        ck_assert_str_eq(ifs[1].name, "br0");
        ck_assert_int_eq(ifs[1].ifindex, 4);
        ck_assert_int_eq(ifs[1].mac[5], 4);
        ck_assert(iface_excluded(&inv, inventory_find_interface(&inv, "testbr"), &why));
        ck_assert_str_eq(why, "a virtual network under audit");
        ck_assert(iface_excluded(&inv, inventory_find_interface(&inv, "eth2"), &why));
        ck_assert_str_eq(why, "a bridge port (probed on its bridge)");
        free(ifs);
        inventory_free(&inv);
}
END_TEST

START_TEST(named)
{
        static const char *const ok[] = { "vmnet8", "eth2", "vmnet8" };
        static const char *const down[] = { "eth1" };
        static const char *const none[] = { "nosuch" };
        struct inventory inv;
        struct probe_iface *ifs = NULL;
        size_t n = 0;
        char err[128];

        build(&inv);
        ck_assert_int_eq(iface_select(&inv, ok, 3, &ifs, &n, err, sizeof(err)), 0);
        ck_assert_uint_eq(n, 2);                /* -i overrides; duplicates once */
        ck_assert_str_eq(ifs[0].name, "vmnet8");
        free(ifs);
        ck_assert_int_eq(iface_select(&inv, down, 1, &ifs, &n, err, sizeof(err)), -ENETDOWN);
        ck_assert_str_eq(err, "eth1: interface is down");
        ck_assert_int_eq(iface_select(&inv, none, 1, &ifs, &n, err, sizeof(err)), -ENODEV);
        ck_assert_str_eq(err, "nosuch: no such interface");
        inventory_free(&inv);

        inventory_init(&inv);
        ck_assert_int_eq(iface_select(&inv, NULL, 0, &ifs, &n, err, sizeof(err)), -ENOENT);
        inventory_free(&inv);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("iface_select");
        TCase *tc = tcase_create("select");

        tcase_add_test(tc, default_choice);
        tcase_add_test(tc, named);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
