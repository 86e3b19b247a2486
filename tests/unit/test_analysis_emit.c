/*
 * test_analysis_emit.c - the one helper that builds the analysis' findings:
 * emit_finding keeps each side's network, address and origin in the order
 * given and skips the NULL ones, takes the hint, copies the interface;
 * emit_list names the first `named` members and counts the rest.
 */
#include <stdio.h>
#include <string.h>

#include "analysis_emit.h"
#include "check_main.h"

START_TEST(both_sides_in_order)
{
        struct finding_list l = { 0 };
        struct emitter em = { .out = &l };
        struct origin a = { .file = "/etc/vmware/networking", .line = 8 };
        struct origin b = { .ifindex = 3 };
        struct finding *fd;

        fd = emit_finding(&em, &(struct emit){ F_SUBNET_OVERLAP, SEV_ERROR, emit_fmt("fix %d", 1),
                                .nets = { "vmware:vmnet6", "libvirt:default" },
                                .addrs = { "10.0.0.0/24", "10.0.0.0/25" },
                                .origins = { &a, &b },
                                .interface = "virbr0" },
                          "%s overlaps %s", "vmnet6", "default");
        ck_assert_ptr_nonnull(fd);
        ck_assert_int_eq(em.enomem, 0);
        ck_assert_uint_eq(l.n, 1);
        ck_assert_str_eq(fd->message, "vmnet6 overlaps default");
        ck_assert_str_eq(fd->hint, "fix 1");
        ck_assert_uint_eq(fd->n_networks, 2);
        ck_assert_str_eq(fd->networks[0], "vmware:vmnet6");
        ck_assert_str_eq(fd->networks[1], "libvirt:default");
        ck_assert_uint_eq(fd->n_addresses, 2);
        ck_assert_str_eq(fd->addresses[0], "10.0.0.0/24");
        ck_assert_str_eq(fd->addresses[1], "10.0.0.0/25");
        ck_assert_uint_eq(fd->n_origins, 2);
        ck_assert_str_eq(fd->origins[0], "/etc/vmware/networking:8");
        ck_assert_ptr_nonnull(strstr(fd->origins[1], "3"));
        ck_assert_str_eq(fd->interface, "virbr0");
        finding_list_free(&l);
}
END_TEST

START_TEST(missing_sides_and_more_members)
{
        struct finding_list l = { 0 };
        struct emitter em = { .out = &l };
        struct origin a = { .file = "f", .line = 2 }, b = { .file = "f", .line = 3 };
        struct finding *fd;

        fd = emit_finding(&em, &(struct emit){ F_DHCP_RANGE_OVERLAP, SEV_WARNING, emit_fmt("h"),
                                .nets = { NULL, "libvirt:b" }, .origins = { &a } },
                          "m");
        ck_assert_ptr_nonnull(fd);
        ck_assert_uint_eq(fd->n_networks, 1);
        ck_assert_str_eq(fd->networks[0], "libvirt:b");
        ck_assert_uint_eq(fd->n_addresses, 0);
        ck_assert_uint_eq(fd->n_origins, 1);
        ck_assert_ptr_null(fd->interface);
        /* the members of a grouped finding follow the fixed sides */
        emit_addr(&em, fd, "10.0.0.1");
        emit_origin(&em, fd, &b);
        emit_net(&em, NULL, "ignored");
        ck_assert_uint_eq(fd->n_addresses, 1);
        ck_assert_uint_eq(fd->n_origins, 2);
        ck_assert_str_eq(fd->origins[1], "f:3");
        ck_assert_int_eq(em.enomem, 0);
        finding_list_free(&l);
}
END_TEST

START_TEST(no_hint_is_enomem)
{
        struct finding_list l = { 0 };
        struct emitter em = { .out = &l };

        ck_assert_ptr_null(emit_finding(&em, &(struct emit){ F_SUBNET_OVERLAP, SEV_ERROR, NULL }, "m"));
        ck_assert_int_eq(em.enomem, 1);
        ck_assert_uint_eq(l.n, 0);
}
END_TEST

static void item(FILE *f, const void *v, size_t i)
{
        fprintf(f, "n%zu (%s)", i, (const char *)v);
}

START_TEST(list_names_then_counts)
{
        char *s;

        ck_assert_ptr_nonnull((s = emit_list(0, 8, item, "x")));
        ck_assert_str_eq(s, "");
        free(s);
        ck_assert_ptr_nonnull((s = emit_list(2, 8, item, "x")));
        ck_assert_str_eq(s, "n0 (x), n1 (x)");
        free(s);
        ck_assert_ptr_nonnull((s = emit_list(5, 2, item, "y")));
        ck_assert_str_eq(s, "n0 (y), n1 (y) and 3 more");
        free(s);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("analysis_emit");
        TCase *tc = tcase_create("emit");

        tcase_add_test(tc, both_sides_in_order);
        tcase_add_test(tc, missing_sides_and_more_members);
        tcase_add_test(tc, no_hint_is_enomem);
        tcase_add_test(tc, list_names_then_counts);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
