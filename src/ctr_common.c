/*
 * ctr_common.c - helpers of the container-manager loaders (see the header).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctr_common.h"

char *ctr_below_root(const char *root, const char *dir, const char *sub)
{
        size_t rl = strlen(root);
        char *s;

        while (rl > 0 && root[rl - 1] == '/')
                rl--;
        if (asprintf(&s, "%.*s%s%s%s", (int)rl, root, rl && dir[0] != '/' ? "/" : "", dir, sub) < 0)
                return NULL;
        return s;
}

bool ctr_exists(const char *path)
{
        struct stat st;

        return path && lstat(path, &st) == 0;
}

int ctr_read_file(const char *path, size_t max, char **ret_buf, size_t *ret_len)
{
        struct stat st;
        char *buf;
        size_t len = 0;
        int fd, r;

        *ret_buf = NULL;
        *ret_len = 0;
        /* O_NONBLOCK: a FIFO planted in the root must not hang the audit. */
        if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0)
                return -errno;
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                close(fd);
                return -EINVAL;
        }
        if (!(buf = malloc(max + 2))) {
                close(fd);
                return -ENOMEM;
        }
        for (;;) {
                ssize_t n = read(fd, buf + len, max + 1 - len);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0) {
                        r = -errno;
                        goto fail;
                }
                if (n == 0)
                        break;
                len += (size_t)n;
                if (len > max) {
                        r = -EFBIG;
                        goto fail;
                }
        }
        close(fd);
        buf[len] = '\0';
        *ret_buf = buf;
        *ret_len = len;
        return 0;
fail:
        close(fd);
        free(buf);
        return r;
}

struct origin ctr_api_origin(struct inventory *inv, const char *socket, const char *object)
{
        char *s;
        struct origin o;

        if (asprintf(&s, "unix:%s%s", socket, object) < 0)
                return (struct origin){ 0 };
        o = origin_file(inv, s, 0);
        free(s);
        return o;
}

int ctr_add_pool(struct inventory *inv, enum net_source src, const struct prefix *base,
                 unsigned size, struct origin o, bool builtin)
{
        struct addr_pool *p = inventory_add_pool(inv);

        if (!p)
                return -ENOMEM;
        p->source = src;
        p->base = prefix_network(base);
        p->size = size;
        p->origin = o;
        p->builtin = builtin;
        return 0;
}

struct addr ctr_first_host(const struct prefix *p)
{
        struct addr first = prefix_first(p), a;

        /* A /32 or /128 has no room: the address itself. */
        return addr_add(&first, 1, &a) == 0 && prefix_contains(p, &a) ? a : first;
}
