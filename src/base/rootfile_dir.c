/*
 * rootfile_dir.c - one directory below --root, its plain entries read
 * through the directory's descriptor (see rootfile_dir.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rootfile.h"
#include "rootfile_dir.h"

/* rootfile.c's flags for reading, plus: a link is not followed here. */
#define ENTRY_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW)

int rootfile_dir_open(struct rootfile_dir *d, const char *root, const char *path)
{
        *d = (struct rootfile_dir){ .root = root, .fd = -1 };
        d->fd = rootfile_opendir(root, path);
        if (d->fd < 0) {
                int r = d->fd;

                d->fd = -1;
                return r;
        }
        return 0;
}

static int reserve(struct rootfile_dir *d, size_t need)
{
        char *nb;

        if (need <= d->cap)
                return 0;
        if (!(nb = realloc(d->buf, need)))
                return -ENOMEM;
        d->buf = nb;
        d->cap = need;
        return 0;
}

/* fd_read_all()'s contract into the reused buffer: read to EOF; more than
 * max bytes is -EFBIG, as there (one byte beyond the cap is room to see
 * that there is more).  A read that stops short exactly at the size fstat
 * gave is the end: no further read is needed to hear it. */
static int read_whole(struct rootfile_dir *d, int fd, size_t size, size_t max, size_t *ret_len)
{
        size_t limit = max + 1, len = 0;
        size_t want = size < 4096 ? 4096 : size + 1;

        if (reserve(d, (want > limit ? limit : want) + 1) < 0)
                return -ENOMEM;
        for (;;) {
                size_t room = d->cap - 1 < limit ? d->cap - 1 : limit;
                ssize_t k;

                if (len == room) {
                        if (room >= limit)
                                return -EFBIG;
                        if (reserve(d, (room * 2 > limit ? limit : room * 2) + 1) < 0)
                                return -ENOMEM;
                        continue;
                }
                k = read(fd, d->buf + len, room - len);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k < 0)
                        return -errno;
                if (k == 0)
                        break;
                len += (size_t)k;
                if (len == size && len < room)
                        break;
        }
        d->buf[len] = '\0';
        *ret_len = len;
        return 0;
}

/* The full resolution, its malloc'd buffer taken over. */
static int read_slow(struct rootfile_dir *d, const char *path, size_t max, size_t *ret_len)
{
        char *buf = NULL;
        size_t len = 0;
        int r = rootfile_read(d->root, path, max, &buf, &len, NULL);

        if (r < 0)
                return r;
        free(d->buf);
        d->buf = buf;
        d->cap = len + 1;
        *ret_len = len;
        return 0;
}

int rootfile_dir_read(struct rootfile_dir *d, const char *name, const char *path, size_t max,
                      const char **ret_buf, size_t *ret_len)
{
        struct stat st;
        int fd, r;

        /* Only a plain name is the directory's own entry. */
        if (d->fd < 0 || !*name || strchr(name, '/') || strcmp(name, ".") == 0 ||
            strcmp(name, "..") == 0 || (fd = openat(d->fd, name, ENTRY_FLAGS)) < 0) {
                r = read_slow(d, path, max, ret_len);
                goto out;
        }
        /* rootfile_read()'s checks, in its order */
        if (fstat(fd, &st) < 0)
                r = -errno;
        else if (S_ISDIR(st.st_mode))
                r = -EISDIR;
        else if (!S_ISREG(st.st_mode))
                r = -ROOTFILE_ENOTREG;
        else if ((size_t)st.st_size > max)
                r = -EFBIG;
        else
                r = read_whole(d, fd, (size_t)st.st_size, max, ret_len);
        close(fd);
out:
        if (r == 0)
                *ret_buf = d->buf;
        return r;
}

void rootfile_dir_close(struct rootfile_dir *d)
{
        if (d->fd >= 0)
                close(d->fd);
        free(d->buf);
        *d = (struct rootfile_dir){ .fd = -1 };
}
