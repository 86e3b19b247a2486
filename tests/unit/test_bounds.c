/*
 * test_bounds.c - what keeps a hostile file's report small: diagnostics
 * capped per file with one "and M more" entry, messages cut at a character
 * boundary, bidirectional controls escaped for terminals.
 */
#include <check.h>
#include <string.h>

#include "check_main.h"
#include "diag.h"
#include "textesc.h"

START_TEST(capped_per_file)
{
        struct diag_list l = { 0 };

        for (int i = 0; i < 100000; i++)
                ck_assert_int_eq(diag_add(&l, "/etc/vmware/networking", (unsigned)i + 1,
                                          i == 5000 ? SEV_ERROR : SEV_WARNING, "junk %d", i), 0);
        ck_assert_int_eq(diag_add(&l, "/other", 1, SEV_WARNING, "other file"), 0);
        ck_assert_uint_eq(l.n, DIAG_MAX_PER_FILE + 2);
        ck_assert_str_eq(l.v[DIAG_MAX_PER_FILE - 1].message, "junk 19");
        ck_assert_uint_eq(l.v[DIAG_MAX_PER_FILE].more, 100000 - DIAG_MAX_PER_FILE);
        ck_assert_str_eq(l.v[DIAG_MAX_PER_FILE].message, "and 99980 more diagnostics about this file (not shown)");
        ck_assert_str_eq(l.v[DIAG_MAX_PER_FILE].file, "/etc/vmware/networking");
        ck_assert_int_eq(l.v[DIAG_MAX_PER_FILE].severity, SEV_ERROR);   /* the worst one left out */
        ck_assert_str_eq(l.v[DIAG_MAX_PER_FILE + 1].message, "other file");
        diag_list_free(&l);
}
END_TEST

START_TEST(message_cut_at_character)
{
        struct diag_list l = { 0 };
        char big[5000];

        /* "é" is two bytes: a cut in the middle would leave half of one */
        for (size_t i = 0; i + 2 < sizeof(big); i += 2)
                memcpy(big + i, "\xc3\xa9", 2);
        big[sizeof(big) - 2] = '\0';
        ck_assert_int_eq(diag_add(&l, "f", 1, SEV_ERROR, "unknown command \"%s\"", big), 0);
        ck_assert_uint_le(strlen(l.v[0].message), DIAG_MESSAGE_MAX);
        ck_assert_ptr_nonnull(strstr(l.v[0].message, "\xe2\x80\xa6"));
        ck_assert_uint_eq(strncmp(l.v[0].message, "unknown command \"", 17), 0);       /* head */
        ck_assert_str_eq(l.v[0].message + strlen(l.v[0].message) - 3, "\xc3\xa9\"");   /* tail */
        ck_assert_uint_gt(utf8_valid_len((const unsigned char *)l.v[0].message + 17, 2), 0);
        for (const char *p = l.v[0].message; *p;) {
                size_t n = utf8_valid_len((const unsigned char *)p, strlen(p));

                ck_assert_uint_gt(n, 0);
                p += n;
        }
        diag_list_free(&l);
}
END_TEST

START_TEST(bidi_escaped)
{
        char *e = textesc("a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xd8\x9c" "d\xe2\x80\x8f" "e\xc3\xa9", true);

        ck_assert_str_eq(e, "a\\xe2\\x80\\xaeb\\xe2\\x81\\xa6c\\xd8\\x9cd\\xe2\\x80\\x8fe\xc3\xa9");
        free(e);
        e = textesc("x\xe2\x80\xaey", false);   /* JSON keeps the character */
        ck_assert_str_eq(e, "x\xe2\x80\xaey");
        free(e);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("bounds");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, capped_per_file);
        tcase_add_test(tc, message_cut_at_character);
        tcase_add_test(tc, bidi_escaped);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
