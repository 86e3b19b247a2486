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
#include "rootfile.h"

bool ctr_exists(const char *path)
{
        struct stat st;

        return path && lstat(path, &st) == 0;
}

int ctr_read_file(const char *root, const char *path, size_t max, char **ret_buf, size_t *ret_len)
{
        /* The one reader below --root: links stay inside it, a FIFO
         * planted there does not hang the audit. */
        return rootfile_read(root, path, max, ret_buf, ret_len, NULL);
}

bool ctr_exists_below(const char *root, const char *path)
{
        struct stat st;
        int r = rootfile_stat(root, path, &st);

        /* A dangling link or a FIFO is there, if unusable. */
        return r != -ENOENT && r != -ENOTDIR;
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
