/*
 * analysis_checks.h - what the families of checks of analysis_run share
 * (not API: analysis.h is).  The driver (analysis.c) builds the context;
 * analysis_network.c checks inside one network, analysis_hosts.c its fixed
 * hosts, analysis_segment.c pairs of overlapping subnets, analysis_groups.c
 * many networks on one prefix, analysis_kernel.c subnets against the
 * kernel's addresses and routes, analysis_sweep.c finds the overlaps.
 */
#ifndef VNETAUDIT_ANALYSIS_CHECKS_H
#define VNETAUDIT_ANALYSIS_CHECKS_H

#include <string.h>

#include "analysis.h"
#include "analysis_emit.h"

struct ctx {
        const struct inventory *inv;
        const struct audit_config *cfg;
        struct emitter em;
        /* device name -> configured (VMware/libvirt) network, sorted */
        struct devmap { const char *dev; size_t net; } *devs;
        size_t n_devs;
        /* per network: its segment in cfg, or -1 */
        int *segment;
        /* broad routes over subnets: one finding per route, after the sweep */
        struct broad { size_t route, net, subnet; } *broad;
        size_t n_broad, cap_broad;
};

#define LABEL(n) analysis_net_label((n), (char[160]){ 0 }, 160)

static inline bool is_configured(const struct network *n)
{
        return n->source != NET_SRC_HOST;
}

static inline bool same_segment(const struct ctx *c, size_t a, size_t b)
{
        return c->segment[a] >= 0 && c->segment[a] == c->segment[b];
}

/* The configured network whose device this is, or NULL. */
const struct network *analysis_net_of_device(const struct ctx *c, const char *dev);

/* ---- the roles an address plays in a subnet ------------------------------ */

enum role { ROLE_HOST, ROLE_GATEWAY, ROLE_DHCP_SERVER, _ROLE_MAX };

extern const char *const analysis_role_names[_ROLE_MAX];

static inline const struct addr_fact *role_fact(const struct subnet *s, enum role r)
{
        switch (r) {
        case ROLE_HOST: return &s->host_address;
        case ROLE_GATEWAY: return &s->gateway;
        default: return &s->dhcp_server;
        }
}

static inline bool in_range(const struct dhcp_range *r, const struct addr *a)
{
        return a->family && r->start.family == a->family &&
               addr_cmp(&r->start, a) <= 0 && addr_cmp(a, &r->end) <= 0;
}

#define LIST_NAMED 8             /* members a grouped message names; all are in the lists */

const char *analysis_range_str(const struct dhcp_range *r, char *buf, size_t size);
#define RANGE(r) analysis_range_str((r), (char[2 * ADDR_STRLEN + 2]){ 0 }, 2 * ADDR_STRLEN + 2)
/* "a-b (file:3), c-d (file:4) and 1990 more" */
char *analysis_range_list(const struct dhcp_range *const *v, size_t n);
int analysis_cmp_range_start(const void *pa, const void *pb);

/* ---- fixed hosts ------------------------------------------------------------ */

static inline bool same_machine(const struct fixed_host *a, const struct fixed_host *b)
{
        return a->mac[0] && strcmp(a->mac, b->mac) == 0;
}

const char *analysis_host_who(const struct fixed_host *h, char *buf, size_t size);
#define WHO(h) analysis_host_who((h), (char[256]){ 0 }, 256)
/* "name (mac) (file:3), ... and 1990 more" */
char *analysis_host_list(const struct fixed_host *const *v, size_t n);
/* Hosts with an address, sorted by it.  NULL on ENOMEM (when s has hosts). */
const struct fixed_host **analysis_sorted_hosts(const struct subnet *s, size_t *ret_n);

/* ---- the families ------------------------------------------------------------ */

/* analysis_network.c: one configured network's own subnets. */
void analysis_check_network(struct ctx *c, const struct network *n);
void analysis_role_in_ranges(struct ctx *c, const struct network *n, const struct subnet *s,
                             const struct network *rn, const struct subnet *rs, bool own);

/* analysis_hosts.c: fixed hosts in one subnet, or of two on one segment. */
void analysis_check_hosts(struct ctx *c, const struct network *n, const struct subnet *s);
void analysis_hosts_in_ranges(struct ctx *c, const struct network *n,
                              const struct fixed_host *const *v, size_t nv,
                              const struct network *rn, const struct subnet *rs, bool own);
void analysis_coupled_hosts(struct ctx *c, const struct network *n1, const struct fixed_host **a,
                            size_t na, const struct network *n2, const struct fixed_host **b,
                            size_t nb);

/* analysis_segment.c: two overlapping subnets of two networks. */
void analysis_host_addresses_equal(struct ctx *c, const struct network *n1, const struct subnet *s1,
                                   const struct network *n2, const struct subnet *s2,
                                   bool all_roles);
void analysis_coupled_pair(struct ctx *c, const struct network *n1, const struct subnet *s1,
                           const struct network *n2, const struct subnet *s2);
void analysis_subnet_pair(struct ctx *c, size_t i1, size_t k1, size_t i2, size_t k2);

/* analysis_groups.c: many networks on one prefix, or on two nested ones. */
struct member {
        size_t net, sub;
        int side;               /* 0 or 1: which of two prefixes (nested groups) */
};

void analysis_group_overlap(struct ctx *c, struct member *m, size_t n, bool one_prefix);

/* analysis_kernel.c: a configured subnet against the kernel's view. */
void analysis_subnet_vs_ifaddr(struct ctx *c, size_t ni, size_t si, const struct interface *ifc,
                               const struct if_address *ia);
void analysis_subnet_vs_route(struct ctx *c, size_t ni, size_t si, const struct route *rt);
void analysis_broad_routes(struct ctx *c);

/* analysis_sweep.c: every overlapping pair, handed to the families above. */
int analysis_sweep(struct ctx *c);

#endif
