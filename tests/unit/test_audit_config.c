/*
 * test_audit_config.c - vnetaudit.conf: a good file parses into settings;
 * each bad line gives one file:line error and parsing goes on; loading a
 * missing default is fine, a missing or bad --config file is not.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit_config.h"
#include "check_main.h"

static struct audit_config cfg;
static struct diag_list d;

static void setup(void)
{
        audit_config_init(&cfg);
        d = (struct diag_list){ 0 };
}

static void teardown(void)
{
        audit_config_free(&cfg);
        diag_list_free(&d);
}

static int parse(const char *text)
{
        return audit_config_parse(text, strlen(text), "/etc/vnetaudit.conf", &cfg, &d);
}

/* The diagnostic on this line, or NULL. */
static const char *diag_at(unsigned line)
{
        for (size_t i = 0; i < d.n; i++)
                if (d.v[i].line == line)
                        return d.v[i].message;
        return NULL;
}

static bool has_diag(unsigned line, const char *part)
{
        for (size_t i = 0; i < d.n; i++)
                if (d.v[i].line == line && strstr(d.v[i].message, part))
                        return true;
        return false;
}

static void dump(void)
{
        for (size_t i = 0; i < d.n; i++)
                fprintf(stderr, "  %s:%u: %s\n", d.v[i].file, d.v[i].line, d.v[i].message);
}

START_TEST(good_file)
{
        int r = parse("# vnetaudit.conf\n"
                      "[probe]\n"
                      "interface = eth0, eth1\n"
                      "interface = wlan0\n"
                      "  timeout = 1.5   ; indented keys are keys\n"
                      "retries = 4\n"
                      "rate = 500\n"
                      "\n"
                      "[segment lab]\n"
                      "networks = vmware:vmnet6 libvirt:lab\n"
                      "[network vmnet8]\n"
                      "ignore = dhcp-config-stale subnet-conflicts-route\n"
                      "[network *]\n"
                      "ignore = fixed-address-outside-subnet\n"
                      "[audit]\n"
                      "mail-to = root@localhost ops@example.org\n"
                      "sendmail = /usr/sbin/sendmail\n"
                      "state-dir = /var/lib/vnetaudit\n");
        if (r)
                dump();
        ck_assert_int_eq(r, 0);
        ck_assert_uint_eq(cfg.n_ifaces, 3);
        ck_assert_str_eq(cfg.ifaces[2], "wlan0");
        ck_assert(cfg.timeout == 1.5);
        ck_assert_uint_eq(cfg.retries, 4);
        ck_assert_uint_eq(cfg.rate, 500);
        ck_assert_uint_eq(cfg.n_segments, 1);
        ck_assert_str_eq(cfg.segments[0].name, "lab");
        ck_assert_uint_eq(cfg.segments[0].n_nets, 2);
        ck_assert_str_eq(cfg.segments[0].nets[1], "libvirt:lab");
        ck_assert_uint_eq(cfg.n_mail_to, 2);
        ck_assert_str_eq(cfg.sendmail, "/usr/sbin/sendmail");
        ck_assert(audit_config_ignored(&cfg, F_DHCP_CONFIG_STALE, "vmware:vmnet8", "vmnet8", "vmnet8"));
        ck_assert(!audit_config_ignored(&cfg, F_SUBNET_OVERLAP, "vmware:vmnet8", "vmnet8", "vmnet8"));
        ck_assert(audit_config_ignored(&cfg, F_FIXED_ADDRESS_OUTSIDE_SUBNET, "libvirt:x", "x", NULL));
        ck_assert_int_eq(audit_config_segment_of(&cfg, "vmware:vmnet6", "vmnet6", "vmnet6"), 0);
        ck_assert_int_eq(audit_config_segment_of(&cfg, "libvirt:lab", "lab", "virbr9"), 0);
        ck_assert_int_eq(audit_config_segment_of(&cfg, "vmware:lab", "lab", "vmnet9"), -1);
}
END_TEST

START_TEST(every_bad_line_is_reported)
{
        int r = parse("[probe]\n"                       /* 1 */
                      "timeout = 0.01\n"                /* 2 range */
                      "retries = 3\n"                   /* 3 */
                      "retries = 5\n"                   /* 4 duplicate */
                      "rate = fast\n"                   /* 5 not a number */
                      "colour = blue\n"                 /* 6 unknown key */
                      "just some words\n"               /* 7 no '=' */
                      "[segment lab]\n"                 /* 8 */
                      "networks = vmnet6\n"             /* 9 only one */
                      "[network vmnet8]\n"              /* 10 */
                      "ignore = subnet-overlapp\n"      /* 11 unknown code */
                      "[bogus]\n"                       /* 12 */
                      "x = 1\n"                         /* 13 unknown section */
                      "[audit]\n"                       /* 14 */
                      "mail-to = nobody\n"              /* 15 not an address */
                      "sendmail = sendmail\n"           /* 16 relative */
                      "[broken\n"                       /* 17 syntax */
                      "retries = 2\n");
        ck_assert_int_gt(r, 0);
        ck_assert_ptr_nonnull(diag_at(2));
        ck_assert_str_eq(diag_at(2), "timeout must be between 0.05 and 60 seconds");
        ck_assert_ptr_null(diag_at(3));
        ck_assert_str_eq(diag_at(4), "retries specified more than once (first at line 3)");
        ck_assert_str_eq(diag_at(5), "rate must be between 1 and 100000");
        ck_assert_str_eq(diag_at(6), "unknown key 'colour' in [probe]");
        ck_assert_ptr_nonnull(diag_at(7));
        ck_assert_ptr_nonnull(strstr(diag_at(9), "at least two networks"));
        ck_assert_str_eq(diag_at(11), "unknown finding code 'subnet-overlapp'");
        ck_assert_str_eq(diag_at(13), "unknown section [bogus]");
        ck_assert_ptr_nonnull(diag_at(15));
        ck_assert_str_eq(diag_at(16), "sendmail must be an absolute path");
        ck_assert_ptr_nonnull(diag_at(17));
        ck_assert_int_eq(r, (int)d.n);
        for (size_t i = 0; i < d.n; i++) {
                ck_assert_str_eq(d.v[i].file, "/etc/vnetaudit.conf");
                ck_assert_int_eq(d.v[i].severity, SEV_ERROR);
        }
}
END_TEST

START_TEST(segments_are_disjoint)
{
        int r = parse("[segment a]\nnetworks = vmnet1 lab\n"
                      "[segment b]\nnetworks = vmnet1 other other\n"
                      "[segment a]\nnetworks = x y\n");
        /* vmnet1 twice, "other" twice, segment b left with one network,
         * segment a declared twice */
        ck_assert_int_eq(r, 4);
        ck_assert(has_diag(4, "network vmnet1 is already in segment a"));
        ck_assert(has_diag(4, "network other specified more than once in segment b"));
        ck_assert(has_diag(4, "segment b must name at least two networks"));
        ck_assert(has_diag(6, "segment a specified more than once (first at line 2)"));
}
END_TEST

START_TEST(long_lines_and_nul_bytes)
{
        char buf[600];
        const char nul[] = "[probe]\nretries = 3\0\nrate = 9\n";

        memset(buf, 'x', sizeof(buf));
        memcpy(buf, "[probe]\ninterface = ", 20);
        buf[sizeof(buf) - 1] = '\n';
        ck_assert_int_eq(audit_config_parse(buf, sizeof(buf), "f", &cfg, &d), 1);
        ck_assert_ptr_nonnull(strstr(diag_at(2), "line too long"));
        diag_list_free(&d);
        audit_config_free(&cfg);
        ck_assert_int_eq(audit_config_parse(nul, sizeof(nul) - 1, "f", &cfg, &d), 1);
        ck_assert_str_eq(diag_at(2), "line contains a NUL byte");
        ck_assert_uint_eq(cfg.rate, 9);
}
END_TEST

START_TEST(empty_and_comments)
{
        ck_assert_int_eq(parse(""), 0);
        ck_assert_int_eq(parse("; nothing\n# at all\n\n"), 0);
        ck_assert_int_eq(parse("key = outside\n"), 1);
        ck_assert_str_eq(diag_at(1), "key outside a section");
}
END_TEST

START_TEST(load_missing_default_is_fine)
{
        struct options opt = { .root = "/nonexistent-root-for-test" };

        ck_assert_int_eq(audit_config_load(&opt, &cfg, &d), 0);
        ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(load_missing_explicit_file_fails)
{
        struct options opt = { .root = "", .config = "/nonexistent/vnetaudit.conf" };

        ck_assert_int_eq(audit_config_load(&opt, &cfg, &d), -ENOENT);
        ck_assert_uint_eq(d.n, 1);
}
END_TEST

START_TEST(load_bad_file_is_einval)
{
        char path[] = "/tmp/vnetaudit-conf-XXXXXX";
        int fd = mkstemp(path);
        struct options opt = { .root = "" };

        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(write(fd, "[probe]\nretries = 99\n", 21), 21);
        close(fd);
        opt.config = path;
        ck_assert_int_eq(audit_config_load(&opt, &cfg, &d), -EINVAL);
        unlink(path);
        ck_assert_uint_eq(d.n, 1);
        ck_assert_str_eq(d.v[0].file, path);
        ck_assert_uint_eq(d.v[0].line, 2);
        ck_assert_int_eq(audit_config_load(&(struct options){ .root = "", .config = "/tmp" }, &cfg, &d),
                         -EISDIR);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("audit_config");
        TCase *tc = tcase_create("audit_config");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, good_file);
        tcase_add_test(tc, every_bad_line_is_reported);
        tcase_add_test(tc, segments_are_disjoint);
        tcase_add_test(tc, long_lines_and_nul_bytes);
        tcase_add_test(tc, empty_and_comments);
        tcase_add_test(tc, load_missing_default_is_fine);
        tcase_add_test(tc, load_missing_explicit_file_fails);
        tcase_add_test(tc, load_bad_file_is_einval);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
