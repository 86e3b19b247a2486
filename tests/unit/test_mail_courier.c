/*
 * test_mail_courier.c - the courier runs sendmail with the privileges the
 * audit had before probing: after this process sets no-new-privileges (as
 * privdrop does), the stand-in sendmail must still see NoNewPrivs 0.  A
 * stopped courier sends nothing; a failing sendmail's verdict comes back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "mail_courier.h"

static char dir[] = "/tmp/vnetaudit-courier.XXXXXX";
static char script[256], got[256], nnp[256];

static void write_script(const char *body)
{
        FILE *f = fopen(script, "w");

        ck_assert_ptr_nonnull(f);
        fprintf(f, "#!/bin/sh\n%s\n", body);
        fclose(f);
        ck_assert_int_eq(chmod(script, 0755), 0);
}

static void setup(void)
{
        ck_assert_ptr_nonnull(mkdtemp(dir));
        snprintf(script, sizeof(script), "%s/sendmail", dir);
        snprintf(got, sizeof(got), "%s/got", dir);
        snprintf(nnp, sizeof(nnp), "%s/nnp", dir);
}

static void teardown(void)
{
        unlink(script);
        unlink(got);
        unlink(nnp);
        rmdir(dir);
        strcpy(dir, "/tmp/vnetaudit-courier.XXXXXX");
}

static char *slurp(const char *path)
{
        static char buf[4096];
        FILE *f = fopen(path, "r");
        size_t n;

        if (!f)
                return NULL;
        n = fread(buf, 1, sizeof(buf) - 1, f);
        buf[n] = '\0';
        fclose(f);
        return buf;
}

START_TEST(sends_without_no_new_privs)
{
        struct mail_courier c;
        char body[1024], *why = NULL;
        const char msg[] = "To: root\nSubject: x\n\nhello\n";

        snprintf(body, sizeof(body),
                 "cat > '%s'; awk '/^NoNewPrivs:/ {print $2}' /proc/self/status > '%s'", got, nnp);
        write_script(body);
        ck_assert_int_eq(mail_courier_start(script, &c), 0);
        /* What probing does to the audit process (privdrop.c). */
        ck_assert_int_eq(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), 0);
        ck_assert_int_eq(mail_courier_send(&c, msg, strlen(msg), &why), 0);
        ck_assert_ptr_null(why);
        ck_assert_str_eq(slurp(got), msg);
        ck_assert_str_eq(slurp(nnp), "0\n");
        mail_courier_stop(&c);          /* harmless after send */
}
END_TEST

START_TEST(stop_sends_nothing)
{
        struct mail_courier c;
        char body[1024];

        snprintf(body, sizeof(body), "cat > '%s'", got);
        write_script(body);
        ck_assert_int_eq(mail_courier_start(script, &c), 0);
        mail_courier_stop(&c);
        ck_assert_int_eq(access(got, F_OK), -1);
}
END_TEST

START_TEST(failure_comes_back)
{
        struct mail_courier c;
        char *why = NULL;

        write_script("cat >/dev/null; exit 75");
        ck_assert_int_eq(mail_courier_start(script, &c), 0);
        ck_assert_int_lt(mail_courier_send(&c, "x\n", 2, &why), 0);
        ck_assert_ptr_nonnull(why);
        ck_assert_msg(strstr(why, "75"), "%s", why);
        free(why);
        why = NULL;
        ck_assert_int_eq(mail_courier_start("/nonexistent/sendmail", &c), 0);
        ck_assert_int_eq(mail_courier_send(&c, "x\n", 2, &why), -ENOENT);
        free(why);
}
END_TEST

/* Issue 15: beyond the wall, a message that says so (not a broken pipe);
 * nothing is read from msg, so the length alone is tested here. */
START_TEST(over_the_wall_says_so)
{
        struct mail_courier c = { .pid = 999999, .msg_fd = -1, .res_fd = -1 };
        char *why = NULL;

        ck_assert_int_eq(mail_courier_send(&c, "x", (size_t)MAIL_COURIER_MAX + 1, &why), -EFBIG);
        ck_assert_ptr_nonnull(why);
        ck_assert_ptr_nonnull(strstr(why, "exceeds the mail limit of 1024 MiB"));
        free(why);
}
END_TEST

static Suite *courier_suite(void)
{
        Suite *s = suite_create("mail_courier");
        TCase *tc = tcase_create("core");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, sends_without_no_new_privs);
        tcase_add_test(tc, stop_sends_nothing);
        tcase_add_test(tc, failure_comes_back);
        tcase_add_test(tc, over_the_wall_says_so);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(courier_suite)
