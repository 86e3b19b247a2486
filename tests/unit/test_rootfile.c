/*
 * test_rootfile.c - the root-relative reader on trees built by the test in
 * a temporary directory: links (absolute, relative, "..") stay inside the
 * root, FIFOs are refused without blocking, the size cap holds, and the
 * kernel's openat2 and the component walk agree on every case.
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
#include "rootfile.h"
#include "rootfile_dir.h"

static char top[] = "/tmp/vnetaudit-rootfile.XXXXXX";
static char root[PATH_MAX], outside[PATH_MAX];

static void put(const char *rel, const char *text)
{
        char p[PATH_MAX * 2];
        FILE *f;

        snprintf(p, sizeof(p), "%s/%s", root, rel);
        ck_assert_ptr_nonnull(f = fopen(p, "w"));
        fputs(text, f);
        fclose(f);
}

static void link_(const char *target, const char *rel)
{
        char p[PATH_MAX * 2];

        snprintf(p, sizeof(p), "%s/%s", root, rel);
        ck_assert_int_eq(symlink(target, p), 0);
}

static void setup(void)
{
        char p[PATH_MAX * 2];

        ck_assert_ptr_nonnull(mkdtemp(top));
        snprintf(root, sizeof(root), "%s/root", top);
        snprintf(outside, sizeof(outside), "%s/secret", top);
        ck_assert_int_eq(mkdir(root, 0755), 0);
        snprintf(p, sizeof(p), "%s/etc", root);
        ck_assert_int_eq(mkdir(p, 0755), 0);
        snprintf(p, sizeof(p), "%s/etc/sub", root);
        ck_assert_int_eq(mkdir(p, 0755), 0);
        FILE *f = fopen(outside, "w");
        ck_assert_ptr_nonnull(f);
        fputs("root:HASH:outside\n", f);
        fclose(f);
        put("etc/real", "inside\n");
        put("secret", "inside-secret\n");
        link_(outside, "etc/abs-out");                  /* absolute: resolves to ROOT<outside> */
        link_("../../../../../../secret", "etc/dotdot");  /* ".." clamps at the root */
        link_("/etc/real", "etc/abs-in");
        link_("sub/../real", "etc/rel");
        link_("loop2", "etc/loop1");
        link_("loop1", "etc/loop2");
        link_("/etc", "etc/sub/up");
        snprintf(p, sizeof(p), "%s/etc/fifo", root);
        ck_assert_int_eq(mkfifo(p, 0644), 0);
}

static void teardown(void)
{
        char cmd[PATH_MAX + 16];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
        ck_assert_int_eq(system(cmd), 0);
        strcpy(top, "/tmp/vnetaudit-rootfile.XXXXXX");
}

static int rd(const char *path, char **buf)
{
        size_t len;

        *buf = NULL;
        return rootfile_read(root, path, 1 << 20, buf, &len, NULL);
}

START_TEST(links_stay_inside)
{
        char *b;

        ck_assert_int_eq(rd("/etc/real", &b), 0);
        ck_assert_str_eq(b, "inside\n");
        free(b);
        ck_assert_int_eq(rd("/etc/abs-in", &b), 0);
        ck_assert_str_eq(b, "inside\n");
        free(b);
        ck_assert_int_eq(rd("/etc/rel", &b), 0);
        ck_assert_str_eq(b, "inside\n");
        free(b);
        ck_assert_int_eq(rd("/etc/dotdot", &b), 0);
        ck_assert_str_eq(b, "inside-secret\n");         /* never the file above the root */
        free(b);
        ck_assert_int_eq(rd("/etc/sub/up/real", &b), 0);
        ck_assert_str_eq(b, "inside\n");
        free(b);
        ck_assert_int_eq(rd("/../../etc/real", &b), 0);
        free(b);
        /* the outside file's path does not exist inside the root */
        ck_assert_int_eq(rd("/etc/abs-out", &b), -ENOLINK);
        ck_assert_ptr_null(b);
        ck_assert_int_eq(rd("/etc/loop1", &b), -ELOOP);
        ck_assert_int_eq(rd("/etc/none", &b), -ENOENT);
        ck_assert_int_eq(rd("/etc/real/x", &b), -ENOTDIR);
        ck_assert_int_eq(rd("/etc", &b), -EISDIR);
}
END_TEST

START_TEST(fifo_refused_without_blocking)
{
        char *b;

        alarm(5);       /* a blocking open would be killed here, failing the test */
        ck_assert_int_eq(rd("/etc/fifo", &b), -ROOTFILE_ENOTREG);
        ck_assert_str_eq(rootfile_strerror(-ROOTFILE_ENOTREG), "not a regular file");
        alarm(0);
}
END_TEST

START_TEST(size_cap)
{
        char *b = NULL;
        size_t len;

        put("etc/big", "0123456789");
        ck_assert_int_eq(rootfile_read(root, "/etc/big", 9, &b, &len, NULL), -EFBIG);
        ck_assert_int_eq(rootfile_read(root, "/etc/big", 10, &b, &len, NULL), 0);
        ck_assert_uint_eq(len, 10);
        free(b);
}
END_TEST

START_TEST(no_root_follows_links)
{
        char *b = NULL, p[PATH_MAX * 2];
        size_t len;

        snprintf(p, sizeof(p), "%s/etc/abs-out", root);
        ck_assert_int_eq(rootfile_read("", p, 1 << 20, &b, &len, NULL), 0);
        ck_assert_str_eq(b, "root:HASH:outside\n");
        free(b);
}
END_TEST

START_TEST(walk_agrees_with_openat2)
{
        static const char *const paths[] = {
                "/etc/real", "etc/abs-in", "/etc/rel", "/etc/dotdot", "/etc/abs-out", "/etc/loop1",
                "/etc/none", "/etc/real/x", "/etc/sub/up/sub/up/real", "/", "..", "/etc/fifo",
                "/etc/real/", "/etc/sub/", "", "/etc/./sub/../real",
        };
        int rfd = open(root, O_PATH | O_DIRECTORY);

        ck_assert_int_ge(rfd, 0);
        for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
                int a = rootfile_resolve(rfd, paths[i], true);
                int b = rootfile_resolve(rfd, paths[i], false);
                struct stat sa, sb;

                if (a < 0 || b < 0) {
                        ck_assert_msg(a == b, "%s: openat2 %d, walk %d", paths[i], a, b);
                        continue;
                }
                ck_assert_int_eq(fstat(a, &sa), 0);
                ck_assert_int_eq(fstat(b, &sb), 0);
                ck_assert_msg(sa.st_ino == sb.st_ino, "%s: different files", paths[i]);
                close(a);
                close(b);
        }
        close(rfd);
}
END_TEST

START_TEST(opendir_inside)
{
        int fd = rootfile_opendir(root, "/etc/sub/up/sub");
        struct stat st;

        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(fstatat(fd, "up", &st, AT_SYMLINK_NOFOLLOW), 0);
        close(fd);
        ck_assert_int_eq(rootfile_opendir(root, "/etc/real"), -ENOTDIR);
}
END_TEST

static void put_size(const char *rel, size_t n)
{
        char *t = malloc(n + 1);

        ck_assert_ptr_nonnull(t);
        memset(t, 'x', n);
        t[n] = '\0';
        put(rel, t);
        free(t);
}

/* Every entry of a directory read through rootfile_dir gives exactly what
 * rootfile_read gives for its full path: bytes, length and error, for
 * plain files, links of every kind, a FIFO, a directory and sizes around
 * each cap (fd_read_all's 4096-byte first capacity included). */
START_TEST(dir_reads_agree)
{
        static const char *const names[] = {
                "real", "abs-out", "dotdot", "abs-in", "rel", "loop1", "fifo", "sub", "none",
                "empty", "s4095", "s4096", "s4097", "s8192", "s10000", ".", "..",
        };
        static const size_t maxes[] = { 9, 10, 4095, 4096, 4097, 8192, 10000, 1 << 20 };
        const char *roots[] = { root, "" };

        alarm(5);
        put("etc/empty", "");
        put_size("etc/s4095", 4095);
        put_size("etc/s4096", 4096);
        put_size("etc/s4097", 4097);
        put_size("etc/s8192", 8192);
        put_size("etc/s10000", 10000);
        for (size_t ri = 0; ri < 2; ri++) {
                char dirpath[PATH_MAX * 2];
                struct rootfile_dir d;

                snprintf(dirpath, sizeof(dirpath), "%s/etc", ri ? root : "");
                ck_assert_int_eq(rootfile_dir_open(&d, roots[ri], dirpath), 0);
                for (size_t m = 0; m < sizeof(maxes) / sizeof(maxes[0]); m++)
                        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
                                char path[PATH_MAX * 3], *want = NULL;
                                const char *got = NULL;
                                size_t wl = 0, gl = 0;
                                int a, b;

                                snprintf(path, sizeof(path), "%s/%s", dirpath, names[i]);
                                a = rootfile_read(roots[ri], path, maxes[m], &want, &wl, NULL);
                                b = rootfile_dir_read(&d, names[i], path, maxes[m], &got, &gl);
                                ck_assert_msg(a == b, "%s max %zu: read %d, dir %d", path, maxes[m], a, b);
                                if (a == 0) {
                                        ck_assert_uint_eq(wl, gl);
                                        ck_assert_int_eq(memcmp(want, got, wl + 1), 0);
                                }
                                free(want);
                        }
                rootfile_dir_close(&d);
        }
        alarm(0);
}
END_TEST

START_TEST(dir_open_errors)
{
        struct rootfile_dir d;

        ck_assert_int_eq(rootfile_dir_open(&d, root, "/etc/real"), -ENOTDIR);
        ck_assert_int_eq(rootfile_dir_fd(&d), -1);
        rootfile_dir_close(&d);
        ck_assert_int_eq(rootfile_dir_open(&d, root, "/nothing"), -ENOENT);
        rootfile_dir_close(&d);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("rootfile");
        TCase *tc = tcase_create("core");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, links_stay_inside);
        tcase_add_test(tc, fifo_refused_without_blocking);
        tcase_add_test(tc, size_cap);
        tcase_add_test(tc, no_root_follows_links);
        tcase_add_test(tc, walk_agrees_with_openat2);
        tcase_add_test(tc, opendir_inside);
        tcase_add_test(tc, dir_reads_agree);
        tcase_add_test(tc, dir_open_errors);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
