/*
 * test_index.c - the hash indexes behind the inventory's find functions:
 * collisions and growth of hindex, and every inventory lookup agreeing
 * with a plain scan (first match wins) on random inventories, including
 * devices changed after they were indexed and duplicate keys, and bridge
 * ports whose masters were set after indexing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "hindex.h"
#include "inventory.h"

START_TEST(hindex_collisions_and_growth)
{
        struct hindex x = { 0 };
        size_t n = 0;

        /* Every position under one hash: a single chain, all found. */
        for (size_t pos = 0; pos < 100; pos++)
                ck_assert_int_eq(hindex_put(&x, pos, 42), 0);
        ck_assert_int_eq(hindex_put(&x, 7, 42), -EEXIST);
        for (size_t it = hindex_first(&x, 42); it; it = hindex_next(&x, it, 42))
                n++;
        ck_assert_uint_eq(n, 100);
        ck_assert_uint_eq(hindex_first(&x, 43), 0);
        /* Distinct hashes after growth: each found, alone. */
        hindex_clear(&x);
        ck_assert_uint_eq(hindex_first(&x, 42), 0);
        for (size_t pos = 0; pos < 5000; pos += 2)
                ck_assert_int_eq(hindex_put(&x, pos, hindex_hash_bytes(HINDEX_SEED, &pos, sizeof(pos))), 0);
        for (size_t pos = 0; pos < 5000; pos++) {
                uint64_t h = hindex_hash_bytes(HINDEX_SEED, &pos, sizeof(pos));
                size_t it = hindex_first(&x, h);

                if (pos % 2) {
                        ck_assert_uint_eq(it, 0);
                } else {
                        ck_assert_uint_eq(it, pos + 1);
                        ck_assert_uint_eq(hindex_next(&x, it, h), 0);
                }
        }
        hindex_free(&x);
}
END_TEST

static struct network *scan_net(struct inventory *inv, enum net_source src, const char *name)
{
        for (size_t i = 0; i < inv->n_nets; i++)
                if (inv->nets[i].source == src && strcmp(inv->nets[i].name, name) == 0)
                        return &inv->nets[i];
        return NULL;
}

static struct network *scan_dev(struct inventory *inv, const char *dev)
{
        for (size_t i = 0; i < inv->n_nets; i++)
                if (inv->nets[i].device && strcmp(inv->nets[i].device, dev) == 0)
                        return &inv->nets[i];
        return NULL;
}

static struct interface *scan_if(struct inventory *inv, const char *name, int ifindex)
{
        for (size_t i = 0; i < inv->n_ifs; i++)
                if (name ? strcmp(inv->ifs[i].name, name) == 0 : inv->ifs[i].ifindex == ifindex)
                        return &inv->ifs[i];
        return NULL;
}

START_TEST(lookups_agree_with_scans)
{
        struct inventory inv;
        char name[32], dev[32];
        unsigned seed = 12345;

        inventory_init(&inv);
        for (int round = 0; round < 3000; round++) {
                int op = rand_r(&seed) % 6;

                snprintf(name, sizeof(name), "n%d", rand_r(&seed) % 700);
                snprintf(dev, sizeof(dev), "br%d", rand_r(&seed) % 500);
                if (op == 0) {
                        /* Duplicates on purpose: the first one must win. */
                        struct network *n = inventory_add_network(&inv, (enum net_source)(rand_r(&seed) % 3), name);

                        ck_assert_ptr_nonnull(n);
                        if (rand_r(&seed) % 2)
                                ck_assert_int_eq(network_set_device(n, dev), 0);
                } else if (op == 1 && inv.n_nets) {
                        /* A device changed after it may have been indexed. */
                        struct network *n = &inv.nets[(size_t)rand_r(&seed) % inv.n_nets];

                        ck_assert_int_eq(network_set_device(n, rand_r(&seed) % 4 ? dev : NULL), 0);
                } else if (op == 2) {
                        struct interface *ifc = inventory_add_interface(&inv);

                        ck_assert_ptr_nonnull(ifc);
                        ifc->name = strdup(dev);
                        ifc->ifindex = rand_r(&seed) % 600;
                } else if (op == 3) {
                        enum net_source src = (enum net_source)(rand_r(&seed) % 3);
                        char id[64];

                        ck_assert_ptr_eq(inventory_find_network(&inv, src, name), scan_net(&inv, src, name));
                        snprintf(id, sizeof(id), "%s:%s", net_source_name(src), name);
                        ck_assert_ptr_eq(inventory_find_network_by_id(&inv, id), scan_net(&inv, src, name));
                } else if (op == 4) {
                        ck_assert_ptr_eq(inventory_find_network_by_device(&inv, dev), scan_dev(&inv, dev));
                } else {
                        int k = rand_r(&seed) % 600;

                        ck_assert_ptr_eq(inventory_find_interface(&inv, dev), scan_if(&inv, dev, 0));
                        ck_assert_ptr_eq(inventory_interface_by_index(&inv, k), scan_if(&inv, NULL, k));
                }
        }
        ck_assert_ptr_null(inventory_find_network_by_id(&inv, "n1"));
        ck_assert_ptr_null(inventory_find_network_by_id(&inv, "vmwarex:n1"));
        ck_assert_uint_gt(inv.n_nets, 100);
        ck_assert_uint_gt(inv.n_ifs, 100);
        inventory_free(&inv);
}
END_TEST

/* Ports walked by inventory_next_port match a scan in inventory order,
 * also when masters are set after the interfaces were looked up. */
START_TEST(ports_agree_with_scans_after_late_masters)
{
        struct inventory inv;
        unsigned seed = 777;

        inventory_init(&inv);
        for (int i = 0; i < 400; i++) {
                struct interface *ifc = inventory_add_interface(&inv);
                char name[16];

                ck_assert_ptr_nonnull(ifc);
                snprintf(name, sizeof(name), "if%d", i);
                ifc->name = strdup(name);
                ifc->ifindex = i + 1;
                if (i % 50 == 0)        /* some looked up before their master is set */
                        ck_assert_ptr_eq(inventory_interface_by_index(&inv, i + 1), ifc);
        }
        for (int i = 0; i < 400; i++)
                if (rand_r(&seed) % 3 == 0)
                        inventory_set_master(&inv, &inv.ifs[i], 1 + rand_r(&seed) % 10);
        for (int m = 0; m <= 10; m++) {
                const struct interface *port;
                size_t it = 0, k = 0;

                while ((port = inventory_next_port(&inv, m, &it))) {
                        while (k < inv.n_ifs && inv.ifs[k].master_ifindex != m)
                                k++;
                        ck_assert_ptr_eq(port, &inv.ifs[k++]);
                }
                while (m && k < inv.n_ifs && inv.ifs[k].master_ifindex != m)
                        k++;
                ck_assert_uint_eq(m ? k : inv.n_ifs, inv.n_ifs);
        }
        inventory_free(&inv);
}
END_TEST

START_TEST(interned_names_are_shared)
{
        struct inventory inv;
        const char *first[2000];
        char name[64];

        inventory_init(&inv);
        for (int i = 0; i < 2000; i++) {
                snprintf(name, sizeof(name), "/etc/libvirt/qemu/networks/net%d.xml", i);
                first[i] = inventory_intern(&inv, name);
                ck_assert_str_eq(first[i], name);
        }
        for (int i = 0; i < 2000; i++) {
                snprintf(name, sizeof(name), "/etc/libvirt/qemu/networks/net%d.xml", i);
                ck_assert_ptr_eq(inventory_intern(&inv, name), first[i]);
        }
        ck_assert_uint_eq(inv.n_pool, 2000);
        inventory_free(&inv);
}
END_TEST

static Suite *index_suite(void)
{
        Suite *s = suite_create("index");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, hindex_collisions_and_growth);
        tcase_add_test(tc, lookups_agree_with_scans);
        tcase_add_test(tc, interned_names_are_shared);
        tcase_add_test(tc, ports_agree_with_scans_after_late_masters);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(index_suite)
