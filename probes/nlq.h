/*
 * nlq.h - the host's links, addresses, nexthop objects and routes, read
 * through netlink (libnl-3 route).  With its link decoder (nlq_link.h) the
 * only module that includes libnl headers.
 */
#ifndef VNETAUDIT_NLQ_H
#define VNETAUDIT_NLQ_H

#include <stdint.h>

#include "inventory.h"

/* Dumps interrupted by a concurrent change are retried this many times. */
#define NLQ_DUMP_TRIES 5

/* Fills inv->ifs (with their addresses) and inv->routes and sets
 * inv->have_kernel.  0, or -errno with a diagnostic added to inv->diags. */
int nlq_load(struct inventory *inv);

/* Link kind from the kernel's IFLA_INFO_KIND, name and flags; exposed for tests. */
enum link_kind nlq_classify(const char *info_kind, const char *name, unsigned flags,
                            unsigned arptype);

/* One nexthop object (ip nexthop add id ID ...): a device and gateway, or a
 * group of other nexthop ids, or a blackhole. */
struct nlq_nexthop {
        uint32_t id;
        int ifindex;                    /* 0 when none */
        bool has_gateway;
        struct addr gateway;
        bool blackhole;
        uint32_t *group;                /* member ids; malloc'd */
        size_t n_group;
};

/* Decodes one RTM_NEWNEXTHOP message (nlmsghdr included) of len bytes.
 * 0, -EBADMSG for anything malformed, or -ENOMEM.  Pure; fuzzed. */
int nlq_nexthop_decode(const void *buf, size_t len, struct nlq_nexthop *ret);
void nlq_nexthop_free(struct nlq_nexthop *nh);

/* Runs once(arg) up to tries times while it returns -NLE_DUMP_INTR, calling
 * reset(arg) before each retry; the last result, with the number of runs in
 * *ret_tries.  Exposed so tests can drive the retry policy. */
int nlq_dump_retry(int (*once)(void *), void *arg, void (*reset)(void *), unsigned tries,
                   unsigned *ret_tries);

#endif
