/*
 * fuzz_rootfile.c - libFuzzer target: the root-relative file layer.  The
 * input builds a small tree (directories, files, FIFOs, symbolic links with
 * arbitrary targets) in a scratch root that has a sibling "outside", then
 * names paths to resolve in it.  Checked: rootfile's component walk agrees
 * with the kernel's openat2(RESOLVE_IN_ROOT) (the same object, or the same
 * error), neither ever yields anything outside the root, and reading never
 * blocks; every entry read through a rootfile_dir (the directory resolved
 * once) gives what rootfile_read gives for its whole path.  ASan/UBSan/LSan
 * check the rest.
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rootfile.h"
#include "rootfile_dir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char top[] = "/tmp/vnetaudit-fuzz-rootfile.XXXXXX";
static char root[64];
static struct stat outside_st;

/* Names the tree is built with: no "..", so building never leaves it. */
static const char *const names[] = { "a", "b", "c", "a/a", "a/b", "b/a", "a/a/a", "c/b" };

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
        (void)sb, (void)flag, (void)ftw;
        return remove(p);
}

static void cleanup(void)
{
        nftw(top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void setup_once(void)
{
        char p[128];
        FILE *f;

        if (root[0])
                return;
        if (!mkdtemp(top))
                abort();
        atexit(cleanup);        /* leave no scratch tree behind */
        snprintf(root, sizeof(root), "%s/root", top);
        snprintf(p, sizeof(p), "%s/outside", top);
        if (!(f = fopen(p, "w")))
                abort();
        fputs("outside\n", f);
        fclose(f);
        if (stat(p, &outside_st) < 0)
                abort();
}

/* Every intermediate component a real directory (no link followed while
 * building). */
static int parent_is_real(int rfd, const char *name)
{
        char buf[32];
        struct stat st;

        snprintf(buf, sizeof(buf), "%s", name);
        for (char *s = strchr(buf, '/'); s; s = strchr(s + 1, '/')) {
                *s = '\0';
                if (fstatat(rfd, buf, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode))
                        return 0;
                *s = '/';
        }
        return 1;
}

static size_t take(const uint8_t **d, size_t *n, char *out, size_t max)
{
        size_t len = *n ? (size_t)(**d % max) : 0, i;

        if (*n) {
                (*d)++;
                (*n)--;
        }
        for (i = 0; i < len && *n; i++, (*d)++, (*n)--)
                out[i] = (char)(**d ? **d : '/');
        out[i] = '\0';
        return i;
}

static void check_inside(int fd)
{
        struct stat st;

        if (fstat(fd, &st) < 0)
                abort();
        if (st.st_ino == outside_st.st_ino && st.st_dev == outside_st.st_dev)
                abort();        /* escaped the root */
}

/* Each of a, b, c below dir: same result and bytes both ways. */
static void dir_reads_agree(const char *dir)
{
        static const char *const entries[] = { "a", "b", "c" };
        struct rootfile_dir d;

        if (rootfile_dir_open(&d, root, dir) < 0) {
                rootfile_dir_close(&d);
                return;
        }
        for (size_t i = 0; i < 3; i++) {
                char path[80], *want = NULL;
                const char *got;
                size_t wl = 0, gl = 0;
                int a, b;

                snprintf(path, sizeof(path), "%s/%s", dir, entries[i]);
                a = rootfile_read(root, path, 4096, &want, &wl, NULL);
                b = rootfile_dir_read(&d, entries[i], path, 4096, &got, &gl);
                if (a != b || (a == 0 && (wl != gl || memcmp(want, got, wl) != 0))) {
                        fprintf(stderr, "entry '%s': read %d, dir %d\n", path, a, b);
                        abort();
                }
                free(want);
        }
        rootfile_dir_close(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        int rfd;
        unsigned ops = 0;

        setup_once();
        nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
        if (mkdir(root, 0755) < 0 || (rfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
                abort();
        while (size >= 2 && ops++ < 16) {
                uint8_t op = data[0];
                const char *name = names[data[1] % 8];
                char target[80];

                data += 2;
                size -= 2;
                if (op == 0xff)
                        break;          /* the rest names paths */
                if (!parent_is_real(rfd, name))
                        continue;
                switch (op % 4) {
                case 0: (void)mkdirat(rfd, name, 0755); break;
                case 1: {
                        int fd = openat(rfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);

                        if (fd >= 0)
                                close(fd);
                        break;
                }
                case 2:
                        take(&data, &size, target, 64);
                        if (target[0])
                                (void)symlinkat(target, rfd, name);
                        break;
                case 3: (void)mknodat(rfd, name, S_IFIFO | 0644, 0); break;
                }
        }
        for (int k = 0; k < 4 && size; k++) {
                char path[80];
                int a, b;

                take(&data, &size, path, 64);
                a = rootfile_resolve(rfd, path, true);
                b = rootfile_resolve(rfd, path, false);
                if (a >= 0)
                        check_inside(a);
                if (b >= 0)
                        check_inside(b);
                if ((a < 0 || b < 0) && a != b) {
                        fprintf(stderr, "path '%s': openat2 %d, walk %d\n", path, a, b);
                        abort();
                }
                if (a >= 0 && b >= 0) {
                        struct stat sa, sb;

                        if (fstat(a, &sa) < 0 || fstat(b, &sb) < 0 || sa.st_ino != sb.st_ino) {
                                fprintf(stderr, "path '%s': different objects\n", path);
                                abort();
                        }
                }
                if (a >= 0)
                        close(a);
                if (b >= 0)
                        close(b);
                {
                        char *buf = NULL;
                        size_t len;

                        /* FIFOs and all: must return, never block */
                        if (rootfile_read(root, path, 4096, &buf, &len, NULL) == 0)
                                free(buf);
                }
        }
        dir_reads_agree("/");
        dir_reads_agree("/a");
        dir_reads_agree("a/a");
        close(rfd);
        return 0;
}
