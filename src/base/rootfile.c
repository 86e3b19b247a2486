/*
 * rootfile.c - opening and reading files below --root as if it were "/":
 * openat2(RESOLVE_IN_ROOT) where the kernel has it, else the same
 * resolution done one component at a time with O_PATH|O_NOFOLLOW.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fileread.h"
#include "rootfile.h"
#include "xalloc.h"

#define MAX_LINKS 40            /* as the kernel's MAXSYMLINKS */
#define MAX_DEPTH 4096

/* The flags every read uses (fileread.h): never block on a FIFO, never
 * become the controlling terminal, never leak into a child. */
#define READ_FLAGS FILE_READ_FLAGS

static int openat2_in_root(int rootfd, const char *path, int oflags)
{
        struct open_how how = {
                .flags = (unsigned)oflags,
                .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
        };

        for (int tries = 0; tries < 8; tries++) {
                long fd = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));

                if (fd >= 0)
                        return (int)fd;
                if (errno != EAGAIN && errno != EINTR)
                        return -errno;
        }
        return -EAGAIN;
}

struct walk {
        int *fds;               /* fds[0] is the root (not ours), then one per level */
        size_t depth, cap;
};

static int walk_cur(const struct walk *w)
{
        return w->fds[w->depth];
}

static void walk_pop(struct walk *w)
{
        if (w->depth > 0)
                close(w->fds[w->depth--]);
}

static int walk_push(struct walk *w, int fd)
{
        if (w->depth + 1 >= MAX_DEPTH)
                return -ENAMETOOLONG;
        if (grow((void **)&w->fds, &w->cap, w->depth + 2, sizeof(*w->fds)) < 0)
                return -ENOMEM;
        w->fds[++w->depth] = fd;
        return 0;
}

/* Replaces *rest (whose tail from 'tail' is still to do) by link/tail. */
static int splice_link(char **rest, const char *link, size_t llen, const char *tail)
{
        size_t tl = strlen(tail);
        char *n = malloc(llen + 1 + tl + 1);

        if (!n)
                return -ENOMEM;
        memcpy(n, link, llen);
        n[llen] = '/';
        memcpy(n + llen + (tl > 0), tail, tl + 1);      /* no slash added before nothing */
        free(*rest);
        *rest = n;
        return 0;
}

/* The component walk: "." and ".." stay inside the root (".." of the root
 * is the root), every link is read and its text resolved from the root
 * (absolute) or from its directory (relative).  oflags as for open(2):
 * O_PATH for a handle, READ_FLAGS to read the final file. */
static int walk_in_root(int rootfd, const char *path, int oflags)
{
        struct walk w = { 0 };
        char *rest = strdup(path), *p;
        unsigned links = 0;
        int r, fd = -1;

        if (!rest || grow((void **)&w.fds, &w.cap, 1, sizeof(*w.fds)) < 0) {
                free(rest);
                return -ENOMEM;
        }
        w.fds[0] = rootfd;
        if (!*path) {
                r = -ENOENT;
                goto out;
        }
        p = rest;
        for (;;) {
                char comp[NAME_MAX + 1], target[PATH_MAX];
                size_t len;
                bool slash, more;
                struct stat st;
                ssize_t tl;

                while (*p == '/')
                        p++;
                if (!*p) {
                        /* the path named a directory we already hold */
                        r = openat(walk_cur(&w), ".", (oflags & O_PATH ? O_PATH : oflags) | O_CLOEXEC);
                        r = r < 0 ? -errno : r;
                        if (r >= 0 && !(oflags & O_PATH)) {
                                close(r);
                                r = -EISDIR;
                        }
                        goto out;
                }
                len = strcspn(p, "/");
                if (len > NAME_MAX) {
                        r = -ENAMETOOLONG;
                        goto out;
                }
                memcpy(comp, p, len);
                comp[len] = '\0';
                p += len;
                slash = *p == '/';
                while (*p == '/')
                        p++;
                more = *p != '\0';
                if (strcmp(comp, ".") == 0)
                        continue;
                if (strcmp(comp, "..") == 0) {
                        walk_pop(&w);
                        continue;
                }
                fd = openat(walk_cur(&w), comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
                if (fd < 0 || fstat(fd, &st) < 0) {
                        r = -errno;
                        goto out;
                }
                if (S_ISLNK(st.st_mode)) {
                        if (++links > MAX_LINKS) {
                                r = -ELOOP;
                                goto out;
                        }
                        tl = readlinkat(fd, "", target, sizeof(target));
                        close(fd);
                        fd = -1;
                        if (tl < 0 || (size_t)tl >= sizeof(target)) {
                                r = tl < 0 ? -errno : -ENAMETOOLONG;
                                goto out;
                        }
                        if (tl == 0) {
                                r = -ENOENT;
                                goto out;
                        }
                        if (target[0] == '/')
                                while (w.depth > 0)
                                        walk_pop(&w);
                        /* keep a trailing slash: it still demands a directory */
                        if ((r = splice_link(&rest, target, (size_t)tl, slash ? p - 1 : p)) < 0)
                                goto out;
                        p = rest;
                        continue;
                }
                if ((more || slash) && !S_ISDIR(st.st_mode)) {
                        r = -ENOTDIR;
                        goto out;
                }
                if (more) {
                        if ((r = walk_push(&w, fd)) < 0)
                                goto out;
                        fd = -1;
                        continue;
                }
                if ((oflags & O_DIRECTORY) && !S_ISDIR(st.st_mode)) {
                        r = -ENOTDIR;
                        goto out;
                }
                if (oflags & O_PATH) {
                        r = fd;
                        fd = -1;
                        goto out;
                }
                /* Reopen the very object the walk found, for reading. */
                {
                        struct stat st2;
                        int rfd = openat(walk_cur(&w), comp, oflags | O_NOFOLLOW);

                        if (rfd < 0) {
                                r = -errno;
                                goto out;
                        }
                        if (fstat(rfd, &st2) < 0 || st2.st_dev != st.st_dev || st2.st_ino != st.st_ino) {
                                close(rfd);
                                r = -EAGAIN;    /* replaced under our feet */
                                goto out;
                        }
                        r = rfd;
                }
                goto out;
        }
out:
        if (fd >= 0)
                close(fd);
        while (w.depth > 0)
                walk_pop(&w);
        free(w.fds);
        free(rest);
        return r;
}

static int resolve_flags(int rootfd, const char *path, bool use_openat2, int oflags)
{
        if (use_openat2) {
                int r = openat2_in_root(rootfd, path, oflags);

                /* no openat2 (old kernel, seccomp filter): walk */
                if (r != -ENOSYS && r != -EPERM && r != -E2BIG)
                        return r;
        }
        return walk_in_root(rootfd, path, oflags);
}

int rootfile_resolve(int rootfd, const char *path, bool use_openat2)
{
        return resolve_flags(rootfd, path, use_openat2, O_PATH | O_CLOEXEC);
}

static bool no_root(const char *root)
{
        return !root || !root[0];
}

static int open_root(const char *root)
{
        int fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);

        return fd < 0 ? -errno : fd;
}

static int open_flags(const char *root, const char *path, int oflags)
{
        int rootfd, r;

        if (no_root(root)) {
                r = open(path, oflags);
                return r < 0 ? -errno : r;
        }
        if ((rootfd = open_root(root)) < 0)
                return rootfd;
        r = resolve_flags(rootfd, path, true, oflags);
        close(rootfd);
        return r;
}

/* After ENOENT: was the last component a link pointing nowhere (inside
 * the root)?  Then the caller should hear about the link, not silence. */
static int refine_enoent(const char *root, const char *path)
{
        _cleanup_free_ char *dir = strdup(path);
        char *slash, *base;
        struct stat st;
        int dfd, r;

        if (!dir)
                return -ENOMEM;
        slash = strrchr(dir, '/');
        if (slash) {
                *slash = '\0';
                base = slash + 1;
        } else {
                base = dir;
        }
        if (!*base)
                return -ENOENT;
        dfd = open_flags(root, slash ? (dir[0] ? dir : "/") : ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
                return -ENOENT;
        r = fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW);
        close(dfd);
        return r == 0 && S_ISLNK(st.st_mode) ? -ENOLINK : -ENOENT;
}

int rootfile_read(const char *root, const char *path, size_t max,
                  char **ret_buf, size_t *ret_len, struct stat *ret_st)
{
        int fd, r;

        fd = open_flags(root, path, READ_FLAGS);
        if (fd == -ENOENT)
                return refine_enoent(root, path);
        if (fd < 0)
                return fd;
        r = file_read_fd(fd, max, ret_buf, ret_len, ret_st);
        close(fd);
        return r;
}

int rootfile_opendir(const char *root, const char *path)
{
        int pfd, fd;

        pfd = open_flags(root, path, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (pfd < 0)
                return pfd;
        /* an O_PATH directory handle still opens "." below itself */
        fd = openat(pfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        fd = fd < 0 ? -errno : fd;
        close(pfd);
        return fd;
}

int rootfile_stat(const char *root, const char *path, struct stat *ret_st)
{
        int fd = open_flags(root, path, O_PATH | O_CLOEXEC), r = 0;

        if (fd < 0)
                return fd;
        if (fstat(fd, ret_st) < 0)
                r = -errno;
        close(fd);
        return r;
}

const char *rootfile_strerror(int r)
{
        return file_strerror(r);
}

char *rootfile_join(const char *root, const char *dir, const char *sub)
{
        size_t rl = strlen(root);
        char *s;

        while (rl > 0 && root[rl - 1] == '/')
                rl--;
        if (asprintf(&s, "%.*s%s%s%s", (int)rl, root, rl && dir[0] != '/' ? "/" : "", dir, sub) < 0)
                return NULL;
        return s;
}
