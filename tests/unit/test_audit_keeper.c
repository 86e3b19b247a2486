/*
 * test_audit_keeper.c - the forked state keeper: a state handed over is
 * saved (0600, and reads back the same), a keeper stopped without a state
 * writes nothing, and a keeper started beside another child's pipe does
 * not keep that child from seeing the end of its input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit_keeper.h"
#include "check_main.h"

static char dir[] = "/tmp/vnetaudit-keeper.XXXXXX";

static int open_dir(void)
{
        int fd;

        strcpy(dir, "/tmp/vnetaudit-keeper.XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(dir));
        fd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
        ck_assert_int_ge(fd, 0);
        return fd;
}

static void remove_dir(int fd)
{
        char cmd[128];

        close(fd);
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        ck_assert_int_eq(system(cmd), 0);
}

START_TEST(saves_what_it_is_given)
{
        struct finding_list l = { 0 };
        struct audit_state s = { 0 }, back = { 0 };
        struct audit_keeper k;
        bool first, corrupt;
        struct stat st;
        int fd = open_dir();

        ck_assert_ptr_nonnull(finding_add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "a and b overlap", "fix it"));
        ck_assert_int_eq(audit_state_from_findings(&l, 1700000000, &s), 0);
        ck_assert_int_eq(audit_keeper_start(fd, &k), 0);
        ck_assert_int_gt(k.pid, 0);
        ck_assert_int_eq(audit_keeper_save(&k, &s), 0);
        ck_assert_int_eq(k.pid, -1);            /* reaped */
        ck_assert_int_eq(fstatat(fd, AUDIT_STATE_FILE, &st, 0), 0);
        ck_assert_uint_eq(st.st_mode & 07777, 0600);
        ck_assert_int_eq(audit_state_load(fd, &back, &first, &corrupt), 0);
        ck_assert(!first && !corrupt);
        ck_assert_uint_eq(back.n, 1);
        ck_assert_str_eq(back.v[0].message, "a and b overlap");
        ck_assert_int_eq(back.written, 1700000000);
        audit_state_free(&s);
        audit_state_free(&back);
        finding_list_free(&l);
        remove_dir(fd);
}
END_TEST

START_TEST(stop_writes_nothing)
{
        struct audit_keeper k;
        struct stat st;
        int fd = open_dir();

        ck_assert_int_eq(audit_keeper_start(fd, &k), 0);
        audit_keeper_stop(&k);
        ck_assert_int_eq(k.pid, -1);
        ck_assert_int_eq(fstatat(fd, AUDIT_STATE_FILE, &st, 0), -1);
        ck_assert_int_eq(errno, ENOENT);
        audit_keeper_stop(&k);                  /* twice is fine */
        remove_dir(fd);
}
END_TEST

START_TEST(other_children_see_their_eof)
{
        struct audit_keeper k;
        int p[2], status, fd = open_dir();
        pid_t child;

        /* A child reading its pipe to the end, like the mail courier. */
        ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
        child = fork();
        ck_assert_int_ge(child, 0);
        if (child == 0) {
                char c;

                close(p[1]);
                while (read(p[0], &c, 1) > 0)
                        ;
                _exit(0);
        }
        close(p[0]);
        ck_assert_int_eq(audit_keeper_start(fd, &k), 0);
        close(p[1]);                            /* the keeper must not hold a copy */
        alarm(20);
        ck_assert_int_eq(waitpid(child, &status, 0), child);
        alarm(0);
        ck_assert(WIFEXITED(status));
        audit_keeper_stop(&k);
        remove_dir(fd);
}
END_TEST

static Suite *keeper_suite(void)
{
        Suite *s = suite_create("audit_keeper");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, saves_what_it_is_given);
        tcase_add_test(tc, stop_writes_nothing);
        tcase_add_test(tc, other_children_see_their_eof);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(keeper_suite)
