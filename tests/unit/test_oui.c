/*
 * test_oui.c - MAC vendor lookup: the built-in virtualization table, the
 * ieee-data CSV reader (quotes, doubled quotes, embedded newlines, CRLF,
 * junk lines) on our own fixtures, longest-prefix order, the local bit.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "oui.h"

static const uint8_t *M(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t e, uint8_t f)
{
        static uint8_t m[6];

        m[0] = a; m[1] = b; m[2] = c; m[3] = d; m[4] = e; m[5] = f;
        return m;
}

START_TEST(builtin_table)
{
        ck_assert_str_eq(oui_vendor(NULL, M(0x52, 0x54, 0x00, 0x12, 0x34, 0x56)), "QEMU/KVM virtual NIC");
        ck_assert_str_eq(oui_vendor(NULL, M(0x00, 0x50, 0x56, 0xc0, 0x00, 0x01)), "VMware virtual NIC");
        ck_assert_str_eq(oui_vendor(NULL, M(0x00, 0x0c, 0x29, 1, 2, 3)), "VMware virtual NIC");
        ck_assert_str_eq(oui_vendor(NULL, M(0x08, 0x00, 0x27, 1, 2, 3)), "VirtualBox virtual NIC");
        ck_assert_str_eq(oui_vendor(NULL, M(0x00, 0x16, 0x3e, 1, 2, 3)), "Xen virtual NIC");
        ck_assert_str_eq(oui_vendor(NULL, M(0x00, 0x15, 0x5d, 1, 2, 3)), "Hyper-V virtual NIC");
        ck_assert_str_eq(oui_vendor(NULL, M(0x02, 0x42, 0xac, 0x11, 0, 2)), "Docker container");
        ck_assert_str_eq(oui_vendor(NULL, M(0xfe, 0x54, 0x00, 1, 2, 3)), "QEMU/KVM tap device");
        ck_assert_str_eq(oui_vendor(NULL, M(0x06, 0x42, 0xac, 1, 2, 3)), "locally administered");
        ck_assert_ptr_null(oui_vendor(NULL, M(0x00, 0xa0, 0xc6, 1, 2, 3)));
}
END_TEST

START_TEST(csv_fixture)
{
        struct oui_db db;

        oui_db_init(&db);
        ck_assert_int_eq(oui_db_load_dir(&db, FIXTURE("oui")), 0);
        ck_assert_uint_eq(db.n, 7);
        ck_assert_str_eq(oui_vendor(&db, M(0x00, 0xa0, 0xc6, 1, 2, 3)), "Example \"Quoted\" Devices, Inc.");
        /* The embedded line break does not end the record (or start one). */
        ck_assert_str_eq(oui_vendor(&db, M(0xac, 0x1f, 0x6b, 1, 2, 3)), "Multi Line Networks");
        /* Longest prefix: 36 bits, then 28, then 24. */
        ck_assert_str_eq(oui_vendor(&db, M(0xf0, 0xf0, 0xf0, 0x12, 0x34, 0x56)), "Small Block GmbH");
        ck_assert_str_eq(oui_vendor(&db, M(0xf0, 0xf0, 0xf0, 0x12, 0x44, 0x56)), "Medium Block Corp");
        ck_assert_str_eq(oui_vendor(&db, M(0xf0, 0xf0, 0xf0, 0x22, 0x44, 0x56)), "Plain Vendor Ltd");
        /* iab.csv: a 36-bit IAB block beats the registry's generic MA-L name. */
        ck_assert_str_eq(oui_vendor(&db, M(0x00, 0x50, 0xc2, 0xab, 0xc1, 0x23)), "Tiny Instruments Example AB");
        ck_assert_str_eq(oui_vendor(&db, M(0x00, 0x50, 0xc2, 0xab, 0xd1, 0x23)), "IEEE Registration Authority");
        /* The built-in table comes first. */
        ck_assert_str_eq(oui_vendor(&db, M(0x52, 0x54, 0x00, 1, 2, 3)), "QEMU/KVM virtual NIC");
        oui_db_free(&db);
        oui_db_free(NULL);
}
END_TEST

START_TEST(csv_edges)
{
        static const char unterminated[] = "MA-L,123456,\"Never closed, still ok\nmore";
        static const char longname[] =
                "MA-L,ABCDEF,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,x\n";
        struct oui_db db;

        oui_db_init(&db);
        ck_assert_int_eq(oui_db_parse_csv(&db, "", 0), 0);
        ck_assert_int_eq(oui_db_parse_csv(&db, "\n\n,,\n\"\"", 6), 0);
        ck_assert_int_eq(oui_db_parse_csv(&db, unterminated, sizeof(unterminated) - 1), 1);
        ck_assert_str_eq(oui_vendor(&db, M(0x12, 0x34, 0x56, 0, 0, 0)), "Never closed, still ok more");
        ck_assert_int_eq(oui_db_parse_csv(&db, longname, sizeof(longname) - 1), 1);
        ck_assert_uint_eq(strlen(oui_vendor(&db, M(0xab, 0xcd, 0xef, 0, 0, 0))), OUI_VENDOR_MAX);
        ck_assert_int_eq(oui_db_load_file(&db, FIXTURE("oui/absent.csv")), -ENOENT);
        oui_db_free(&db);
}
END_TEST

/* Debian's real registry, when installed: a known MA-L entry resolves. */
START_TEST(system_ieee_data)
{
        struct oui_db db;

        oui_db_init(&db);
        ck_assert_int_eq(oui_db_load_default(&db), 0);
        if (db.n > 10000)
                ck_assert_ptr_nonnull(oui_vendor(&db, M(0x00, 0x00, 0x0c, 1, 2, 3)));  /* Cisco */
        /* ieee-data's iab.csv is read: 00-50-C2-7D-5 is an IAB block whose
         * MA-L says only "IEEE Registration Authority". */
        if (db.n > 10000 && access("/usr/share/ieee-data/iab.csv", R_OK) == 0)
                ck_assert_str_ne(oui_vendor(&db, M(0x00, 0x50, 0xc2, 0x7d, 0x50, 0x01)),
                                 "IEEE Registration Authority");
        oui_db_free(&db);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("oui");
        TCase *tc = tcase_create("oui");

        tcase_add_test(tc, builtin_table);
        tcase_add_test(tc, csv_fixture);
        tcase_add_test(tc, csv_edges);
        tcase_add_test(tc, system_ieee_data);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
