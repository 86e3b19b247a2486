/*
 * test_netns_guard.c - the harness's safety net, checked without sending
 * anything: unarmed it allows, armed in the namespace it recorded (the
 * test runs wherever the suite runs: the root namespace) it refuses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "check_main.h"
#include "netns_guard.h"

START_TEST(unarmed_allows)
{
        unsetenv("VNETAUDIT_REQUIRE_NETNS");
        ck_assert_int_eq(netns_guard_check(), 0);
        setenv("VNETAUDIT_REQUIRE_NETNS", "0", 1);
        ck_assert_int_eq(netns_guard_check(), 0);
}
END_TEST

START_TEST(armed_refuses_recorded_namespace)
{
        struct stat st;
        char buf[32];

        ck_assert_int_eq(stat("/proc/self/ns/net", &st), 0);
        snprintf(buf, sizeof(buf), "%lu", (unsigned long)st.st_ino);
        setenv("VNETAUDIT_REQUIRE_NETNS", buf, 1);
        ck_assert_int_eq(netns_guard_check(), -EPERM);
}
END_TEST

START_TEST(armed_other_namespace_value)
{
        struct stat st;

        /* Armed with a foreign inode: refused only if this is the initial
         * namespace, which is what the suite's own namespace is (or not). */
        ck_assert_int_eq(stat("/proc/self/ns/net", &st), 0);
        setenv("VNETAUDIT_REQUIRE_NETNS", "1", 1);
        ck_assert_int_eq(netns_guard_check(), st.st_ino == 0xEFFFFFF9UL ? -EPERM : 0);
}
END_TEST

static Suite *guard_suite(void)
{
        Suite *s = suite_create("netns_guard");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, unarmed_allows);
        tcase_add_test(tc, armed_refuses_recorded_namespace);
        tcase_add_test(tc, armed_other_namespace_value);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(guard_suite)
