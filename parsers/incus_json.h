/*
 * incus_json.h - parser of the Incus/LXD answer to
 * GET /1.0/networks?recursion=1: the managed networks with their type,
 * status and the address keys of their config (ipv4.address,
 * ipv6.address, ipv4.nat, ipv4.dhcp.ranges, ipv6.dhcp.ranges, parent).
 * Pure: a buffer in, records and located diagnostics out.
 */
#ifndef VNETAUDIT_INCUS_JSON_H
#define VNETAUDIT_INCUS_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "diag.h"

struct inc_range {
        struct addr start, end;
};

struct inc_net {
        char *name, *type, *status;
        char *parent;                   /* macvlan/sriov/physical: the host NIC */
        bool managed, nat4, nat6;
        bool has_v4, has_v6;
        struct prefix v4, v6;           /* the host's address with the length */
        struct inc_range *ranges;       /* IPv4 then IPv6 DHCP ranges */
        size_t n_ranges, cap_ranges;
};

/* 0; -EINVAL when the answer is not a sync answer with a list (an error
 * answer's text is reported); -ENOMEM.  Unmanaged networks (the host's
 * own NICs) are returned with managed false. */
int inc_networks_parse(const char *buf, size_t len, const char *file, struct inc_net **ret,
                       size_t *ret_n, struct diag_list *diags);
void inc_networks_free(struct inc_net *v, size_t n);

#endif
