/*
 * test_fileread.c - the one whole-file reader: a FIFO (with no writer, so a
 * blocking open would hang), a directory, a file over the cap, /dev/zero
 * and a link under O_NOFOLLOW are refused at once with the shared error
 * vocabulary; regular files and /proc files (st_size 0) are read whole;
 * cap - 1, cap and cap + 1 bytes around the 4 KiB first buffer.
 * Check's per-test timeout turns any hang into a failure.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "fdio.h"
#include "fileread.h"
#include "rootfile.h"

static char dir[] = "/tmp/vnetaudit-fileread.XXXXXX";

static void path_of(char *p, size_t n, const char *rel)
{
        snprintf(p, n, "%s/%s", dir, rel);
}

static void setup(void)
{
        char p[PATH_MAX];
        FILE *f;

        ck_assert_ptr_nonnull(mkdtemp(dir));
        path_of(p, sizeof(p), "small");
        ck_assert_ptr_nonnull(f = fopen(p, "w"));
        fputs("twelve bytes", f);
        fclose(f);
        path_of(p, sizeof(p), "fifo");
        ck_assert_int_eq(mkfifo(p, 0600), 0);
        path_of(p, sizeof(p), "sub");
        ck_assert_int_eq(mkdir(p, 0700), 0);
        path_of(p, sizeof(p), "link");
        ck_assert_int_eq(symlink("small", p), 0);
}

/* n bytes of 'a' in the file rel below dir. */
static void make_file(const char *rel, size_t n)
{
        char p[PATH_MAX];
        FILE *f;

        path_of(p, sizeof(p), rel);
        ck_assert_ptr_nonnull(f = fopen(p, "w"));
        for (size_t i = 0; i < n; i++)
                fputc('a', f);
        ck_assert_int_eq(fclose(f), 0);
}

static void teardown(void)
{
        char cmd[PATH_MAX + 16];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        ck_assert_int_eq(system(cmd), 0);
}

static int rd(const char *rel, size_t max, char **buf, size_t *len)
{
        char p[PATH_MAX];

        path_of(p, sizeof(p), rel);
        return file_read(p, max, buf, len);
}

START_TEST(regular_file_read_whole)
{
        char *buf = NULL;
        size_t len = 0;

        ck_assert_int_eq(rd("small", 12, &buf, &len), 0);
        ck_assert_uint_eq(len, 12);
        ck_assert_str_eq(buf, "twelve bytes");
        free(buf);
}
END_TEST

START_TEST(refused_without_hanging)
{
        char *buf = NULL;
        size_t len = 0;

        ck_assert_int_eq(rd("fifo", 1 << 20, &buf, &len), -FILE_ENOTREG);
        ck_assert_int_eq(rd("sub", 1 << 20, &buf, &len), -EISDIR);
        ck_assert_int_eq(rd("small", 11, &buf, &len), -EFBIG);
        ck_assert_int_eq(rd("absent", 11, &buf, &len), -ENOENT);
        ck_assert_int_eq(file_read("/dev/zero", 1 << 20, &buf, &len), -FILE_ENOTREG);
        ck_assert_int_eq(file_read("/dev/null", 1 << 20, &buf, &len), -FILE_ENOTREG);
        ck_assert_ptr_null(buf);
        /* the same through the --root layer */
        ck_assert_int_eq(rootfile_read("", "/dev/zero", 1 << 20, &buf, &len, NULL), -FILE_ENOTREG);
        ck_assert_int_eq(rootfile_read(dir, "/fifo", 1 << 20, &buf, &len, NULL), -FILE_ENOTREG);
        ck_assert_int_eq(rootfile_read(dir, "/sub", 1 << 20, &buf, &len, NULL), -EISDIR);
        ck_assert_int_eq(rootfile_read(dir, "/small", 3, &buf, &len, NULL), -EFBIG);
        ck_assert_ptr_null(buf);
}
END_TEST

START_TEST(nofollow_and_descriptors)
{
        char p[PATH_MAX], *buf = NULL;
        size_t len = 0;
        struct stat st;
        int dfd, fd;

        ck_assert_int_ge(dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), 0);
        ck_assert_int_eq(file_read_at(dfd, "link", O_NOFOLLOW, 64, &buf, &len, NULL), -ELOOP);
        ck_assert_int_eq(file_read_at(dfd, "link", 0, 64, &buf, &len, &st), 0);
        ck_assert_uint_eq((size_t)st.st_size, 12);
        free(buf);
        close(dfd);
        /* an already open FIFO (opened non-blocking) is refused, not read */
        path_of(p, sizeof(p), "fifo");
        ck_assert_int_ge(fd = open(p, O_RDONLY | O_NONBLOCK), 0);
        ck_assert_int_eq(file_read_fd(fd, 64, &buf, &len, NULL), -FILE_ENOTREG);
        close(fd);
}
END_TEST

START_TEST(proc_files_have_no_size)
{
        char *buf = NULL;
        size_t len = 0;

        ck_assert_int_eq(file_read("/proc/self/stat", 1 << 16, &buf, &len), 0);
        ck_assert_uint_gt(len, 0);
        free(buf);
        ck_assert_int_eq(file_read("/proc/self/stat", 4, &buf, &len), -EFBIG);
}
END_TEST

START_TEST(one_vocabulary)
{
        ck_assert_str_eq(file_strerror(-FILE_ENOTREG), "not a regular file");
        ck_assert_str_eq(file_strerror(-EFBIG), "file too large");
        ck_assert_str_eq(rootfile_strerror(-ROOTFILE_ENOTREG), file_strerror(-FILE_ENOTREG));
        ck_assert_str_eq(file_strerror(-ENOENT), strerror(ENOENT));
}
END_TEST

/* The cap at its edges, below and across the reader's first 4 KiB
 * buffer: cap - 1 and cap bytes are read whole, cap + 1 is -EFBIG.  Once
 * as a regular file (st_size checked first) and once as a pipe, where
 * only the read loop can tell (fleet reads FIFO operands that way). */
START_TEST(cap_edges)
{
        static const size_t caps[] = { 0, 1, 100, 4095, 4096, 4097, 8191, 8192, 8193, 10000 };

        for (size_t c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
                for (size_t d = 0; d < 3; d++) {
                        size_t cap = caps[c], len = 0, n;
                        char *buf = NULL;
                        int p[2], want;

                        if (cap + d == 0)
                                continue;
                        n = cap + d - 1;        /* cap - 1, cap, cap + 1 */
                        want = n > cap ? -EFBIG : 0;
                        make_file("edge", n);
                        ck_assert_int_eq(rd("edge", cap, &buf, &len), want);
                        if (!want) {
                                ck_assert_uint_eq(len, n);
                                ck_assert_uint_eq(strlen(buf), n);
                                free(buf);
                                buf = NULL;
                        }
                        ck_assert_int_eq(pipe(p), 0);
                        for (size_t i = 0; i < n; i++)
                                ck_assert_int_eq(write(p[1], "a", 1), 1);
                        close(p[1]);
                        ck_assert_int_eq(fd_read_all(p[0], cap, &buf, &len), want);
                        close(p[0]);
                        if (!want) {
                                ck_assert_uint_eq(len, n);
                                ck_assert_uint_eq(strlen(buf), n);
                                free(buf);
                        }
                }
        }
}
END_TEST

static Suite *fileread_suite(void)
{
        Suite *s = suite_create("fileread");
        TCase *tc = tcase_create("core");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_set_timeout(tc, 5);
        tcase_add_test(tc, regular_file_read_whole);
        tcase_add_test(tc, refused_without_hanging);
        tcase_add_test(tc, nofollow_and_descriptors);
        tcase_add_test(tc, proc_files_have_no_size);
        tcase_add_test(tc, one_vocabulary);
        tcase_add_test(tc, cap_edges);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(fileread_suite)
