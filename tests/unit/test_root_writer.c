/*
 * test_root_writer.c - the forked output writer: each file handed over by
 * index replaces the path it was started with (mode as asked, no
 * temporary left), with a result per file; an index out of range or of a
 * path not given is refused and writes nothing, as does a file over the
 * cap; a failing path reports its error; stopping without files writes
 * nothing; and it holds no copy of another child's pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "root_writer.h"

static char dir[] = "/tmp/vnetaudit-writer.XXXXXX";
static char pa[64], pb[64];

static void make_dir(void)
{
        strcpy(dir, "/tmp/vnetaudit-writer.XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(dir));
        snprintf(pa, sizeof(pa), "%s/a.prom", dir);
        snprintf(pb, sizeof(pb), "%s/b.json", dir);
}

static void remove_dir(void)
{
        char cmd[128];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        ck_assert_int_eq(system(cmd), 0);
}

static int entries(void)
{
        char cmd[128];
        FILE *p;
        int n = -1;

        snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
        p = popen(cmd, "r");
        ck_assert_ptr_nonnull(p);
        ck_assert_int_eq(fscanf(p, "%d", &n), 1);
        pclose(p);
        return n;
}

static void assert_file(const char *path, const char *want, unsigned mode)
{
        char buf[64] = { 0 };
        struct stat st;
        int fd = open(path, O_RDONLY | O_CLOEXEC);

        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(read(fd, buf, sizeof(buf) - 1), (int)strlen(want));
        close(fd);
        ck_assert_str_eq(buf, want);
        ck_assert_int_eq(stat(path, &st), 0);
        ck_assert_uint_eq(st.st_mode & 07777, mode);
}

START_TEST(writes_by_index)
{
        const char *paths[2];
        struct root_writer w;

        make_dir();
        paths[0] = pa, paths[1] = pb;
        ck_assert_int_eq(root_writer_start(paths, 2, 0644, &w), 0);
        ck_assert_int_gt(w.pid, 0);
        paths[0] = "/tmp/elsewhere";            /* the writer kept its own copy */
        ck_assert_int_eq(root_writer_put(&w, 1, "{}\n", 3), 0);
        ck_assert_int_eq(root_writer_put(&w, 0, "m 1\n", 4), 0);
        ck_assert_int_eq(root_writer_put(&w, 0, "m 2\n", 4), 0);      /* replaced */
        root_writer_stop(&w);
        ck_assert_int_eq(w.pid, -1);
        assert_file(pa, "m 2\n", 0644);
        assert_file(pb, "{}\n", 0644);
        ck_assert_int_eq(entries(), 2);         /* no temporary left */
        ck_assert_int_eq(access("/tmp/elsewhere", F_OK), -1);
        remove_dir();
}
END_TEST

START_TEST(refuses_what_it_was_not_given)
{
        const char *paths[2] = { NULL, NULL };
        struct root_writer w;

        make_dir();
        paths[1] = pb;
        ck_assert_int_eq(root_writer_start(paths, 2, 0600, &w), 0);
        ck_assert_int_eq(root_writer_put(&w, 2, "x", 1), -EINVAL);   /* checked on our side */
        ck_assert_int_eq(root_writer_put(&w, 1, "ok", 2), 0);
        /* The writer checks too: a forged index is refused and ends it. */
        w.n_paths = 100;
        ck_assert_int_eq(root_writer_put(&w, 7, "x", 1), -EINVAL);
        ck_assert_int_eq(root_writer_put(&w, 1, "again", 5), -EIO);  /* gone */
        root_writer_stop(&w);
        ck_assert_int_eq(root_writer_start(paths, 2, 0600, &w), 0);
        ck_assert_int_eq(root_writer_put(&w, 0, "x", 1), -EINVAL);   /* a path not given */
        root_writer_stop(&w);
        assert_file(pb, "ok", 0600);
        ck_assert_int_eq(entries(), 1);
        remove_dir();
}
END_TEST

START_TEST(caps_the_size)
{
        const char *paths[1];
        struct root_writer w;
        struct { unsigned index, len; } q = { 0, ROOT_WRITER_MAX + 1 };
        int answer = 0;

        make_dir();
        paths[0] = pa;
        ck_assert_int_eq(root_writer_start(paths, 1, 0644, &w), 0);
        ck_assert_int_eq(root_writer_put(&w, 0, "", (size_t)ROOT_WRITER_MAX + 1), -EFBIG);
        /* A header past the cap sent by hand is refused by the writer. */
        ck_assert_int_eq(write(w.req_fd, &q, sizeof(q)), (int)sizeof(q));
        ck_assert_int_eq(read(w.res_fd, &answer, sizeof(answer)), (int)sizeof(answer));
        ck_assert_int_eq(answer, -EFBIG);
        root_writer_stop(&w);
        ck_assert_int_eq(entries(), 0);
        remove_dir();
}
END_TEST

START_TEST(reports_failure_per_file)
{
        const char *paths[2] = { "/nonexistent-vnetaudit-dir/x.prom", NULL };
        struct root_writer w;

        make_dir();
        paths[1] = pb;
        ck_assert_int_eq(root_writer_start(paths, 2, 0644, &w), 0);
        ck_assert_int_eq(root_writer_put(&w, 0, "x", 1), -ENOENT);
        ck_assert_int_eq(root_writer_put(&w, 1, "y", 1), 0);         /* still there */
        root_writer_stop(&w);
        assert_file(pb, "y", 0644);
        remove_dir();
}
END_TEST

START_TEST(stop_writes_nothing)
{
        const char *paths[1];
        struct root_writer w, never = ROOT_WRITER_INIT;

        make_dir();
        paths[0] = pa;
        ck_assert_int_eq(root_writer_start(paths, 1, 0644, &w), 0);
        root_writer_stop(&w);
        root_writer_stop(&w);                   /* twice is fine */
        root_writer_stop(&never);
        ck_assert_int_eq(entries(), 0);
        ck_assert_int_eq(root_writer_put(&w, 0, "x", 1), -EIO);
        remove_dir();
}
END_TEST

START_TEST(other_children_see_their_eof)
{
        const char *paths[1] = { "/nonexistent-vnetaudit-dir/x" };
        struct root_writer w;
        int p[2], status;
        pid_t child;

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
        ck_assert_int_eq(root_writer_start(paths, 1, 0644, &w), 0);
        close(p[1]);                            /* the writer must not hold a copy */
        alarm(20);
        ck_assert_int_eq(waitpid(child, &status, 0), child);
        alarm(0);
        ck_assert(WIFEXITED(status));
        root_writer_stop(&w);
}
END_TEST

static Suite *writer_suite(void)
{
        Suite *s = suite_create("root_writer");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, writes_by_index);
        tcase_add_test(tc, refuses_what_it_was_not_given);
        tcase_add_test(tc, caps_the_size);
        tcase_add_test(tc, reports_failure_per_file);
        tcase_add_test(tc, stop_writes_nothing);
        tcase_add_test(tc, other_children_see_their_eof);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(writer_suite)
