/*
 * test_vmw_vnetlib.c - the vnetlib log parser: refusals of the most recent
 * start-up only, one per vmnet (the "no longer available" line belongs to
 * the same verdict), times of both prefix styles, malformed and truncated
 * lines skipped, a rotated copy fed before the current log.
 */
#include <string.h>

#include "check_main.h"
#include "vmw_vnetlib.h"

static const char LOG[] =
        "2026-11-28T20:01:02.000Z| vthread-3| I005: Successfully initialized Vnetlib\n"
        "2026-11-28T20:01:03.000Z| vthread-3| I005: VNL_CheckSubnetAvailability - Subnet: 10.1.1.0 on vnet: vmnet2 is not available\n"
        "2026-11-29T08:14:03.100Z| vthread-3| I005: Successfully initialized Vnetlib\n"
        "2026-11-29T08:14:03.120Z| vthread-3| I005: VNL_CheckSubnetAvailability - Subnet: 192.168.56.0 on vnet: vmnet6 is not available\n"
        "2026-11-29T08:14:03.121Z| vthread-3| I005: Subnet on vmnet6 is no longer available for usage, please run the network editor to reconfigure different subnet\n"
        "2026-11-29T08:14:03.122Z| vthread-3| I005: VNL_CheckSubnetAvailability - Subnet: 192.168.56.0 on vnet: vmnet6 is not available\n"
        "Nov 29 08:14:04.000: vthread-3| Subnet on vmnet9 is no longer available for usage, please run the network editor\n"
        "2026-11-29T08:14:05.000Z| vthread-3| I005: VNL_CheckSubnetAvailability - Subnet: 300.1.1.0 on vnet: vmnet7 is not available\n"
        "2026-11-29T08:14:05.000Z| vthread-3| I005: VNL_CheckSubnetAvailability - Subnet: 10.7.7.0 on vnet: vmnet7 is not avai\n"
        "2026-11-29T08:14:05.000Z| vthread-3| I005: VNL_CheckSubnetAvailability - Subnet: 10.7.7.0 on vnet: vmnet1234 is not available\n"
        "2026-11-29T08:14:05.000Z| vthread-3| I005: VNL_CheckSubnetAvailability - Subnet: 10.8.8.0 on vnet: vmnet8 is not available";   /* cut mid-write */

START_TEST(latest_startup_only)
{
        struct vmw_vnetlib st = { 0 };

        ck_assert_int_eq(vmw_vnetlib_feed(&st, LOG, strlen(LOG), "/var/log/vnetlib"), 0);
        ck_assert(st.saw_start);
        ck_assert_uint_eq(st.n, 2);
        ck_assert_str_eq(st.v[0].vnet, "vmnet6");
        ck_assert_str_eq(st.v[0].subnet, "192.168.56.0");
        ck_assert_uint_eq(st.v[0].line, 4);
        ck_assert_str_eq(st.v[0].time, "2026-11-29T08:14:03.120Z");
        ck_assert_str_eq(st.v[0].file, "/var/log/vnetlib");
        ck_assert_str_eq(st.v[1].vnet, "vmnet9");       /* only the second line of a verdict */
        ck_assert_str_eq(st.v[1].subnet, "");
        ck_assert_str_eq(st.v[1].time, "Nov 29 08:14:04.000");
        vmw_vnetlib_free(&st);
}
END_TEST

START_TEST(rotated_then_current)
{
        static const char old[] =
                "x| Successfully initialized Vnetlib\n"
                "x| VNL_CheckSubnetAvailability - Subnet: 10.6.0.0 on vnet: vmnet6 is not available\n";
        static const char cur_same_startup[] = "y| unrelated line\r\n";
        static const char cur_new_startup[] = "z| Successfully initialized Vnetlib\r\n";
        struct vmw_vnetlib st = { 0 };

        ck_assert_int_eq(vmw_vnetlib_feed(&st, old, strlen(old), "/var/log/vnetlib.1"), 0);
        ck_assert_int_eq(vmw_vnetlib_feed(&st, cur_same_startup, strlen(cur_same_startup), "/var/log/vnetlib"), 0);
        ck_assert_uint_eq(st.n, 1);
        ck_assert_str_eq(st.v[0].file, "/var/log/vnetlib.1");
        ck_assert_uint_eq(st.v[0].line, 2);
        ck_assert_int_eq(vmw_vnetlib_feed(&st, cur_new_startup, strlen(cur_new_startup), "/var/log/vnetlib"), 0);
        ck_assert_uint_eq(st.n, 0);
        vmw_vnetlib_free(&st);
}
END_TEST

START_TEST(garbage_is_skipped)
{
        static const char g[] = "\0\xff| VNL_CheckSubnetAvailability - Subnet: \n"
                                "VNL_CheckSubnetAvailability - Subnet: 1.2.3.4 on vnet: vmnet\n"
                                "Subnet on vmnet is no longer available for usage\n"
                                "\xff\xfe\xfd: Subnet on vmnet3 is no longer available for usage\n";
        struct vmw_vnetlib st = { 0 };

        ck_assert_int_eq(vmw_vnetlib_feed(&st, g, sizeof(g) - 1, "f"), 0);
        ck_assert_uint_eq(st.n, 1);
        ck_assert_str_eq(st.v[0].vnet, "vmnet3");
        ck_assert_str_eq(st.v[0].time, "");     /* no printable timestamp */
        /* a last line cut after its '\r' ends (it once looped forever) */
        ck_assert_int_eq(vmw_vnetlib_feed(&st, "x\r", 2, "f"), 0);
        ck_assert_int_eq(vmw_vnetlib_feed(&st, "\r", 1, "f"), 0);
        vmw_vnetlib_free(&st);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("vmw_vnetlib");
        TCase *tc = tcase_create("parse");

        tcase_add_test(tc, latest_startup_only);
        tcase_add_test(tc, rotated_then_current);
        tcase_add_test(tc, garbage_is_skipped);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
