/*
 * docker_json.h - parsers of Docker's two JSON documents: the daemon's
 * configuration file (/etc/docker/daemon.json: bip, fixed-cidr,
 * fixed-cidr-v6, bridge, default-address-pools) and the Engine API's answer
 * to GET /networks (each network's name, id, driver, options, IPAM config).
 * Pure: a buffer in, records with lines plus located diagnostics out.
 */
#ifndef VNETAUDIT_DOCKER_JSON_H
#define VNETAUDIT_DOCKER_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "diag.h"

struct dk_pool {
        struct prefix base;     /* normalised */
        unsigned size;          /* prefix length of the subnets handed out */
        unsigned line;
};

struct dk_daemon {
        bool has_bip;
        struct prefix bip;      /* the bridge's address with its length */
        unsigned bip_line;
        bool has_fixed_cidr, has_fixed_cidr_v6;
        struct prefix fixed_cidr, fixed_cidr_v6;        /* normalised */
        unsigned fixed_cidr_line, fixed_cidr_v6_line;
        char *bridge;           /* "bridge": another bridge, "none", or NULL */
        unsigned bridge_line;
        bool ipv6;
        bool has_pools;         /* default-address-pools given (maybe empty) */
        unsigned pools_line;
        struct dk_pool *pools;
        size_t n_pools, cap_pools;
};

/* 0 (bad members reported and skipped), -EINVAL when buf is not a JSON
 * object (reported), -ENOMEM. */
int dk_daemon_parse(const char *buf, size_t len, const char *file, struct dk_daemon *ret,
                    struct diag_list *diags);
void dk_daemon_free(struct dk_daemon *d);

struct dk_ipam {
        struct prefix subnet;   /* normalised */
        bool has_gateway, has_range;
        struct addr gateway;
        struct prefix range;    /* IPRange, normalised */
};

struct dk_net {
        char *name, *id, *driver;
        char *bridge;           /* com.docker.network.bridge.name, or NULL */
        char *parent;           /* macvlan/ipvlan "parent" option, or NULL */
        bool internal, ipv6;
        struct dk_ipam *ipam;
        size_t n_ipam, cap_ipam;
};

/* The answer to GET /networks: an array of networks.  Entries without a
 * name are reported and skipped.  0, -EINVAL (not an array), -ENOMEM. */
int dk_networks_parse(const char *buf, size_t len, const char *file, struct dk_net **ret,
                      size_t *ret_n, struct diag_list *diags);
void dk_networks_free(struct dk_net *v, size_t n);

#endif
