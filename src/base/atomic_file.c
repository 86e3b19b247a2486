/*
 * atomic_file.c - see atomic_file.h.  Used by audit --export and --metrics,
 * whose readers (fleet over NFS or rsync, node_exporter) may look at any time.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "fdio.h"

int atomic_write_file(const char *path, const void *data, size_t len, mode_t mode)
{
        char *d = strdup(path), *b = strdup(path), *tmp = NULL;
        const char *dir, *base;
        int fd = -1, dfd = -1, r = 0;

        if (!d || !b) {
                r = -ENOMEM;
                goto out;
        }
        dir = dirname(d);
        base = basename(b);
        if (!*base || strcmp(base, "/") == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
                r = -EINVAL;
                goto out;
        }
        if (asprintf(&tmp, "%s/.%s.XXXXXX", dir, base) < 0) {
                tmp = NULL;
                r = -ENOMEM;
                goto out;
        }
        if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
                r = -errno;
                free(tmp);
                tmp = NULL;
                goto out;
        }
        if (fchmod(fd, mode) < 0 || (r = fd_write_all(fd, data, len)) < 0 || fsync(fd) < 0) {
                r = r < 0 ? r : -errno;
                goto out;
        }
        if (close(fd) < 0) {
                fd = -1;
                r = -errno;
                goto out;
        }
        fd = -1;
        if (rename(tmp, path) < 0) {
                r = -errno;
                goto out;
        }
        free(tmp);
        tmp = NULL;
        /* the rename is durable once the directory is */
        if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
                (void)fsync(dfd);
                close(dfd);
        }
out:
        if (fd >= 0)
                close(fd);
        if (tmp) {
                unlink(tmp);
                free(tmp);
        }
        free(d);
        free(b);
        return r;
}
