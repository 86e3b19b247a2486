/*
 * test_audit_export.c - the metrics document (one sample per severity,
 * code and network, label values escaped as the exposition format wants,
 * non-UTF-8 bytes as \xNN text), the atomic writer, and the host identity
 * read from a root (hostname(5) with comments, machine-id(5)).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "audit_export.h"
#include "check_main.h"
#include "host_identity.h"

START_TEST(metrics_samples_and_escaping)
{
        struct finding_list l = { 0 };
        struct finding *f;
        struct audit_metrics m = { .success = true, .timestamp = 1795991400, .probe_seconds = 1.25,
                                   .n_networks = 4, .findings = &l };
        char *t;

        f = finding_add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "m", "h");
        finding_add_network(f, "vmware:vmnet6");
        finding_add_network(f, "host:a\"b\\c\nd\xff");
        f = finding_add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "m2", "h");
        finding_add_network(f, "vmware:vmnet6");
        finding_add(&l, F_CONFIG_ERROR, SEV_ERROR, "m3", "h");
        t = audit_metrics_text(&m);
        ck_assert_ptr_nonnull(t);
        ck_assert_ptr_nonnull(strstr(t, "vnetaudit_findings{severity=\"error\",code=\"subnet-overlap\",network=\"vmware:vmnet6\"} 2\n"));
        ck_assert_ptr_nonnull(strstr(t, "network=\"host:a\\\"b\\\\c\\nd\\\\xff\"} 1\n"));
        ck_assert_ptr_nonnull(strstr(t, "code=\"config-error\",network=\"\"} 1\n"));
        ck_assert_ptr_nonnull(strstr(t, "\nvnetaudit_last_run_timestamp_seconds 1795991400\n"));
        ck_assert_ptr_nonnull(strstr(t, "\nvnetaudit_last_run_success 1\n"));
        ck_assert_ptr_nonnull(strstr(t, "\nvnetaudit_probe_seconds 1.250\n"));
        ck_assert_ptr_nonnull(strstr(t, "\nvnetaudit_networks 4\n"));
        free(t);
        finding_list_free(&l);
}
END_TEST

START_TEST(atomic_write)
{
        char dir[] = "/tmp/vnetaudit-atomic.XXXXXX", path[64], buf[16] = "";
        struct stat sb;
        int fd;

        ck_assert_ptr_nonnull(mkdtemp(dir));
        snprintf(path, sizeof(path), "%s/f.prom", dir);
        ck_assert_int_eq(atomic_write_file(path, "one\n", 4, 0644), 0);
        ck_assert_int_eq(atomic_write_file(path, "two\n", 4, 0640), 0);
        fd = open(path, O_RDONLY);
        ck_assert_int_eq(read(fd, buf, sizeof(buf) - 1), 4);
        close(fd);
        ck_assert_str_eq(buf, "two\n");
        ck_assert_int_eq(stat(path, &sb), 0);
        ck_assert_int_eq(sb.st_mode & 0777, 0640);
        ck_assert_int_lt(atomic_write_file("/nonexistent-dir/x", "x", 1, 0644), 0);
        unlink(path);
        ck_assert_int_eq(rmdir(dir), 0);        /* nothing else was left */
}
END_TEST

START_TEST(host_identity)
{
        char name[256], mid[33];

        ck_assert_int_eq(host_identity_parse_hostname("# comment\n\n  srv-1.lab\n", 23, name, sizeof(name)), 0);
        ck_assert_str_eq(name, "srv-1.lab");
        ck_assert_int_eq(host_identity_parse_hostname("bad/name\n", 9, name, sizeof(name)), -EINVAL);
        ck_assert_int_eq(host_identity_parse_hostname("\n", 1, name, sizeof(name)), -EINVAL);
        ck_assert_int_eq(host_identity_parse_machine_id("0123456789ABCDEF0123456789abcdef\n", 33, mid), 0);
        ck_assert_str_eq(mid, "0123456789abcdef0123456789abcdef");
        ck_assert_int_eq(host_identity_parse_machine_id("uninitialized\n", 14, mid), -EINVAL);
        ck_assert_int_eq(host_identity_parse_machine_id("0123", 4, mid), -EINVAL);
}
END_TEST

START_TEST(host_identity_from_root)
{
        char *h, *m;

        ck_assert_int_eq(host_identity_read(FIXTURE("fleet/world/kvm1"), &h, &m), 0);
        ck_assert_str_eq(h, "kvm1");
        ck_assert_str_eq(m, "0123456789abcdef0123456789abcdef");
        free(h);
        free(m);
        ck_assert_int_eq(host_identity_read(FIXTURE("fleet/world/kvm2"), &h, &m), 0);
        ck_assert_str_eq(h, "kvm2");
        ck_assert_ptr_null(m);
        free(h);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("audit_export");
        TCase *tc = tcase_create("audit_export");

        tcase_add_test(tc, metrics_samples_and_escaping);
        tcase_add_test(tc, atomic_write);
        tcase_add_test(tc, host_identity);
        tcase_add_test(tc, host_identity_from_root);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
