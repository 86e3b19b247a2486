/*
 * test_claimant.c - the one claimant wording and the one collector of this
 * host's MACs: vendor, ARP sender, interface and VLAN each appear only
 * when known, in one order.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "claimant.h"

static const struct probe_claim plain = { .mac = { 0x00, 0x50, 0x56, 0x01, 0x02, 0x03 } };

START_TEST(wording)
{
        char b[CLAIMANT_STRLEN];
        struct probe_claim c = plain;

        ck_assert_str_eq(claimant_format(b, sizeof(b), &c, NULL, NULL), "00:50:56:01:02:03");
        ck_assert_str_eq(claimant_format(b, sizeof(b), &c, "VMware", "eth0"),
                         "00:50:56:01:02:03 (VMware) on eth0");
        c.arp_mac_differs = true;
        memcpy(c.arp_mac, (const uint8_t[6]){ 0x52, 0x54, 0, 0, 0, 1 }, 6);
        ck_assert_str_eq(claimant_format(b, sizeof(b), &c, NULL, "eth0"),
                         "00:50:56:01:02:03 (ARP sender 52:54:00:00:00:01) on eth0");
        c.vlan = true;
        c.vlan_id = 42;
        ck_assert_str_eq(claimant_format(b, sizeof(b), &c, "VMware", NULL),
                         "00:50:56:01:02:03 (VMware; ARP sender 52:54:00:00:00:01) in VLAN 42");
        ck_assert_str_eq(claimant_format(b, sizeof(b), &c, "VMware", "lan0"),
                         "00:50:56:01:02:03 (VMware; ARP sender 52:54:00:00:00:01) on lan0 in VLAN 42");
        /* a short buffer is cut, never overrun */
        ck_assert_str_eq(claimant_format(b, 6, &c, "VMware", "lan0"), "00:50");
}
END_TEST

START_TEST(host_macs)
{
        struct interface ifs[3] = { { .has_mac = true, .mac = { 1, 2, 3, 4, 5, 6 } },
                                    { .has_mac = false },
                                    { .has_mac = true, .mac = { 6, 5, 4, 3, 2, 1 } } };
        struct inventory inv = { .ifs = ifs, .n_ifs = 3 };
        uint8_t (*m)[6] = NULL;
        size_t n = 9;

        ck_assert_int_eq(host_macs_collect(&inv, &m, &n), 0);
        ck_assert_uint_eq(n, 2);
        ck_assert_int_eq(memcmp(m[0], ifs[0].mac, 6), 0);
        ck_assert_int_eq(memcmp(m[1], ifs[2].mac, 6), 0);
        free(m);
        inv.n_ifs = 0;
        ck_assert_int_eq(host_macs_collect(&inv, &m, &n), 0);
        ck_assert_ptr_nonnull(m);
        ck_assert_uint_eq(n, 0);
        free(m);
}
END_TEST

static Suite *claimant_suite(void)
{
        Suite *s = suite_create("claimant");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, wording);
        tcase_add_test(tc, host_macs);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(claimant_suite)
