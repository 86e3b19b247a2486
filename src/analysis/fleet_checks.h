/*
 * fleet_checks.h - what the cross-host checks share (not API:
 * fleet_analysis.h is): the facts of all hosts, one sort and one sweep
 * per check.  fleet_analysis.c holds the sweeps and the members of a
 * finding; fleet_duplicates.c, fleet_overlaps.c and fleet_pools.c are the
 * checks.
 */
#ifndef VNETAUDIT_FLEET_CHECKS_H
#define VNETAUDIT_FLEET_CHECKS_H

#include "analysis.h"
#include "analysis_emit.h"
#include "fleet_analysis.h"

#define MSG_NAMES 6             /* members named in a message; all are in networks[] */

struct ctx {
        const struct fleet *f;
        struct finding_list *out;
        size_t *stack;          /* scratch for bridged_clash, one slot per fact */
        int enomem;
};

/* One fact of one host: an address, or a range/prefix [first, last]. */
struct fact {
        struct addr first, last;
        size_t host;
        int kind;               /* FK_* */
        size_t a, b, c;         /* net/subnet/item, or interface/address */
};

enum { FK_NET, FK_LAN };

static inline const struct network *fact_net(const struct ctx *c, const struct fact *x)
{
        return x->kind == FK_NET ? &c->f->hosts[x->host].inv.nets[x->a] : NULL;
}

static inline const struct subnet *fact_subnet(const struct ctx *c, const struct fact *x)
{
        return &fact_net(c, x)->subnets[x->b];
}

static inline const struct interface *fact_iface(const struct ctx *c, const struct fact *x)
{
        return &c->f->hosts[x->host].inv.ifs[x->a];
}

static inline const char *host_name(const struct ctx *c, const struct fact *x)
{
        return c->f->hosts[x->host].name;
}

static inline bool fact_bridged(const struct ctx *c, const struct fact *x)
{
        return x->kind == FK_NET && fleet_net_bridged(&c->f->hosts[x->host].inv, fact_net(c, x));
}

static inline void check(struct ctx *c, int r)
{
        if (r < 0)
                c->enomem = 1;
}

typedef const struct origin *(*fleet_origin_fn)(const struct ctx *c, const struct fact *x);
typedef void (*fleet_group_fn)(struct ctx *c, const struct fact *const *m, size_t n);

/* Adds hosts, HOST/ID networks and "HOST: file:line" origins of the
 * members to fd; returns the message's list of them ("a, b and 3 more"),
 * malloc'd, or NULL (and c->enomem). */
char *fleet_add_members(struct ctx *c, struct finding *fd, const struct fact *const *m, size_t n,
                        fleet_origin_fn origin_of);
bool fleet_two_hosts(const struct fact *const *m, size_t n);
void fleet_per_lan(struct ctx *c, const struct fact **m, size_t n, fleet_group_fn fn);

struct fact *fleet_push(struct ctx *c, struct fact **v, size_t *n, size_t *cap);
/* By address, then host, kind, net, subnet. */
int fleet_cmp_addr_fact(const void *pa, const void *pb);
/* By first address, the container first. */
int fleet_cmp_span(const void *pa, const void *pb);
/* Runs of equal first address among v (sorted), each through fleet_per_lan. */
void fleet_runs(struct ctx *c, struct fact *v, size_t n, fleet_group_fn fn);
/* Clusters of spans (sorted) that span two hosts, each to fn (through
 * fleet_per_lan when lan_split). */
void fleet_clusters(struct ctx *c, struct fact *v, size_t n, bool lan_split, fleet_group_fn fn);

/* The checks. */
void fleet_duplicates(struct ctx *c);
void fleet_overlaps(struct ctx *c);
void fleet_bridged_pools(struct ctx *c);

#endif
