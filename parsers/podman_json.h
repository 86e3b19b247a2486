/*
 * podman_json.h - parser of one Podman (netavark) network file, as Podman
 * writes them to /etc/containers/networks/NAME.json: name, id, driver,
 * network_interface, subnets (subnet, gateway, lease_range), internal,
 * ipv6_enabled.  Pure: a buffer in, a record with lines and located
 * diagnostics out.
 */
#ifndef VNETAUDIT_PODMAN_JSON_H
#define VNETAUDIT_PODMAN_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "diag.h"

struct pdm_subnet {
        struct prefix subnet;           /* normalised */
        unsigned line;
        bool has_gateway;
        struct addr gateway;
        unsigned gateway_line;
        bool has_range;                 /* lease_range, bounds filled from the subnet */
        struct addr range_start, range_end;
        unsigned range_line;
};

struct pdm_net {
        char *name, *id, *driver;
        char *iface;                    /* network_interface: bridge, or macvlan parent */
        bool internal, ipv6;
        unsigned line;                  /* of "name" */
        struct pdm_subnet *subnets;
        size_t n_subnets, cap_subnets;
};

/* 0 (bad subnets reported and skipped); -EINVAL when the file gives no
 * usable network (not JSON, no name); -ENOMEM. */
int pdm_net_parse(const char *buf, size_t len, const char *file, struct pdm_net *ret,
                  struct diag_list *diags);
void pdm_net_free(struct pdm_net *n);

#endif
