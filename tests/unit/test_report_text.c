/*
 * test_report_text.c - the text block of a finding reads once: a file:line
 * that the message names is not repeated under "where" (and "f:1" is not
 * taken for a part of "f:10"); origins the message does not name remain.
 * The finding's field table feeds the text block and the JSON alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "findings.h"
#include "report_findings.h"

static char *render(struct finding_list *l)
{
        char *buf = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&buf, &n);

        ck_assert_int_eq(report_findings_text(f, l, NULL), 0);
        fclose(f);
        return buf;
}

START_TEST(where_without_repeats)
{
        struct finding_list l = { 0 };
        struct finding *fd = finding_add(&l, F_SUBNET_OVERLAP, SEV_ERROR,
                                         "vmnet2's subnet (/etc/vmware/networking:10) overlaps vmnet1's (/etc/vmware/networking:3)",
                                         "renumber");
        char *t;

        ck_assert_ptr_nonnull(fd);
        ck_assert_int_eq(finding_add_origin(fd, "/etc/vmware/networking:10"), 0);
        ck_assert_int_eq(finding_add_origin(fd, "/etc/vmware/networking:3"), 0);
        t = render(&l);
        ck_assert_ptr_null(strstr(t, "where"));
        free(t);

        /* ":1" is not named by ":10": it stays, the named one goes */
        ck_assert_int_eq(finding_add_origin(fd, "/etc/vmware/networking:1"), 0);
        ck_assert_int_eq(finding_add_origin(fd, "ARP reply on eth0 from 52:54:00:6b:3c:11"), 0);
        t = render(&l);
        ck_assert_ptr_nonnull(strstr(t, "\n  where     /etc/vmware/networking:1, ARP reply on eth0 from 52:54:00:6b:3c:11\n"));
        free(t);
        finding_list_free(&l);
}
END_TEST

/* One field table feeds both renderers: the claimant's fields (and the
 * VLAN of a tagged answer) appear in the text block and in the JSON. */
START_TEST(fields_in_both)
{
        struct finding_list l = { 0 };
        struct finding *fd = finding_add(&l, F_ADDRESS_IN_USE, SEV_ERROR, "in use", "renumber");
        json_object *a, *o, *v;
        char *t;

        ck_assert_ptr_nonnull(fd);
        ck_assert_ptr_nonnull(fd->mac = strdup("00:15:5d:00:00:56"));
        ck_assert_ptr_nonnull(fd->interface = strdup("eth0"));
        fd->vlan = true;
        fd->vlan_id = 12;
        t = render(&l);
        ck_assert_ptr_nonnull(strstr(t, "\n  mac       00:15:5d:00:00:56\n"));
        ck_assert_ptr_nonnull(strstr(t, "\n  interface eth0\n"));
        ck_assert_ptr_nonnull(strstr(t, "\n  vlan      12\n"));
        ck_assert_ptr_null(strstr(t, "vendor"));        /* unset: no line ... */
        free(t);
        ck_assert_ptr_nonnull(a = report_findings_array(&l));
        o = json_object_array_get_idx(a, 0);
        ck_assert(json_object_object_get_ex(o, "vendor", &v) && v == NULL);     /* ... JSON null */
        ck_assert(json_object_object_get_ex(o, "vlan", &v) && json_object_get_int(v) == 12);
        ck_assert(json_object_object_get_ex(o, "mac", &v));
        ck_assert(!json_object_object_get_ex(o, "hosts", NULL));                /* fleet only */
        json_object_put(a);
        fd->vlan = false;
        ck_assert_ptr_nonnull(a = report_findings_array(&l));
        ck_assert(!json_object_object_get_ex(json_object_array_get_idx(a, 0), "vlan", NULL));
        json_object_put(a);
        t = render(&l);
        ck_assert_ptr_null(strstr(t, "vlan"));
        free(t);
        finding_list_free(&l);
}
END_TEST

static Suite *report_text_suite(void)
{
        Suite *s = suite_create("report_text");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, where_without_repeats);
        tcase_add_test(tc, fields_in_both);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(report_text_suite)
