/*
 * containers_conf.h - parser of the part of containers.conf(5) (TOML) that
 * decides Podman's addresses: in the [network] table, default_network,
 * default_subnet and default_subnet_pools.  A small strict TOML reader:
 * comments, tables, dotted and quoted keys, basic and literal strings
 * (multi-line too), arrays and inline tables; other keys are skipped, the
 * three above are checked.  Pure: a buffer in, a record with lines and
 * located diagnostics ("file:line: message") out; it keeps going after a
 * bad line.
 */
#ifndef VNETAUDIT_CONTAINERS_CONF_H
#define VNETAUDIT_CONTAINERS_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "diag.h"

#define CTR_CONF_MAX_SIZE (1024 * 1024)

struct ctr_pool {
        struct prefix base;     /* normalised */
        unsigned size;
        unsigned line;
};

struct ctr_conf {
        char *default_network;  /* NULL when not set */
        unsigned default_network_line;
        bool has_default_subnet;
        struct prefix default_subnet;   /* normalised */
        unsigned default_subnet_line;
        bool has_pools;
        unsigned pools_line;
        struct ctr_pool *pools;
        size_t n_pools, cap_pools;
};

/* 0 (bad lines reported and skipped), or -ENOMEM. */
int ctr_conf_parse(const char *buf, size_t len, const char *file, struct ctr_conf *ret,
                   struct diag_list *diags);
void ctr_conf_free(struct ctr_conf *c);

#endif
