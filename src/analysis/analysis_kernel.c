/*
 * analysis_kernel.c - a configured subnet against the kernel's view: an
 * interface address or a route that already takes (part of) it.  Routes
 * broader than the subnet are one warning per route, after the sweep.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_checks.h"
#include "xalloc.h"

/* The other side of a clash with the kernel: the configured network whose
 * device ifc is, or "host:eth0" (malloc'd into *ret_id).  NULL without ifc
 * or on ENOMEM (noted in c). */
static const char *device_id(struct ctx *c, const struct interface *ifc, char **ret_id)
{
        const struct network *owner;

        if (!ifc)
                return NULL;
        if ((owner = analysis_net_of_device(c, ifc->name)))
                return owner->id;
        if (!(*ret_id = emit_fmt("host:%s", ifc->name)))
                c->em.enomem = 1;
        return *ret_id;
}

static bool has_overlapping_subnet(const struct network *n, const struct prefix *p)
{
        for (size_t i = 0; i < n->n_subnets; i++)
                if (prefix_overlaps(&n->subnets[i].prefix, p))
                        return true;
        return false;
}

/* ---- a configured subnet against the kernel's view ----------------------- */

/* Facts on this device are the network's own, or covered by a finding
 * between two configured networks (subnet-overlap, coupled checks). */
static bool device_accounted(const struct ctx *c, size_t ni, const struct interface *ifc,
                             const struct prefix *p)
{
        const struct network *n = &c->inv->nets[ni], *m;

        if (!ifc)
                return false;
        if (n->device && strcmp(n->device, ifc->name) == 0)
                return true;
        if (n->device && ifc->master_ifindex) {
                const struct interface *master = inventory_interface_by_index(c->inv, ifc->master_ifindex);

                if (master && strcmp(master->name, n->device) == 0)
                        return true;
        }
        m = analysis_net_of_device(c, ifc->name);
        if (m && m != n && (has_overlapping_subnet(m, p) || same_segment(c, ni, (size_t)(m - c->inv->nets))))
                return true;
        return false;
}

void analysis_subnet_vs_ifaddr(struct ctx *c, size_t ni, size_t si, const struct interface *ifc,
                               const struct if_address *ia)
{
        const struct network *n = &c->inv->nets[ni];
        const struct subnet *s = &n->subnets[si];
        _cleanup_free_ char *id = NULL;
        char a[PREFIX_STRLEN];
        struct emit e;

        if (device_accounted(c, ni, ifc, &s->prefix))
                return;
        e = (struct emit){ F_SUBNET_CONFLICTS_INTERFACE, SEV_ERROR, NULL,
                           .nets = { n->id, device_id(c, ifc, &id) },
                           .addrs = { PREFIX(&s->prefix), prefix_format(&ia->prefix, a) },
                           .origins = { &s->origin, &ia->origin },
                           .interface = ifc->name };
        if (s->host_address.set && addr_eq(&s->host_address.addr, &ia->prefix.addr)) {
                e.hint = emit_fmt("choose another subnet for %s, or remove %s from %s", LABEL(n), a,
                                  ifc->name);
                emit_finding(&c->em, &e,
                             "%s already holds %s's planned host address %s (%s); %s's subnet is %s",
                             ifc->name, LABEL(n), ADDR(&ia->prefix.addr),
                             ORIGIN(&s->host_address.origin), LABEL(n), PREFIX(&s->prefix));
        } else {
                e.hint = emit_fmt("choose another subnet for %s, or move %s off %s", LABEL(n),
                                  ifc->name, PREFIX(&s->prefix));
                emit_finding(&c->em, &e,
                             "%s's subnet %s (%s) overlaps %s's address %s: that network is "
                             "already attached to this host", LABEL(n), PREFIX(&s->prefix),
                             ORIGIN(&s->origin), ifc->name, a);
        }
}

static bool iface_has_overlapping_addr(const struct interface *ifc, const struct prefix *p)
{
        for (size_t i = 0; ifc && i < ifc->n_addrs; i++)
                if (prefix_overlaps(&ifc->addrs[i].prefix, p))
                        return true;
        return false;
}

/* How a message names a route's device, gateway and table. */
struct route_words {
        const char *dev, *table;
        char via[ADDR_STRLEN + 8];
        char dev_buf[32], table_buf[16];
};

static void route_words(const struct route *rt, const struct interface *ifc, struct route_words *w)
{
        if (ifc) {
                w->dev = ifc->name;
        } else {
                snprintf(w->dev_buf, sizeof(w->dev_buf), "ifindex %d", rt->ifindex);
                w->dev = w->dev_buf;
        }
        w->via[0] = 0;
        if (rt->gateway.set)
                snprintf(w->via, sizeof(w->via), " via %s", ADDR(&rt->gateway.addr));
        if (rt->table == 254) {
                w->table = "main";
        } else if (rt->table == 253) {
                w->table = "default";
        } else {
                snprintf(w->table_buf, sizeof(w->table_buf), "%u", rt->table);
                w->table = w->table_buf;
        }
}

void analysis_subnet_vs_route(struct ctx *c, size_t ni, size_t si, const struct route *rt)
{
        const struct network *n = &c->inv->nets[ni];
        const struct subnet *s = &n->subnets[si];
        const struct interface *ifc = inventory_interface_by_index(c->inv, rt->ifindex);
        _cleanup_free_ char *id = NULL;
        struct route_words w;

        if (device_accounted(c, ni, ifc, &s->prefix) || iface_has_overlapping_addr(ifc, &s->prefix))
                return;
        if (rt->dst.len < s->prefix.len) {
                /* A VPN's catch-all halves (0.0.0.0/1, 128.0.0.0/1) or a wide
                 * corporate route: the vmnet's own connected route is more
                 * specific and wins once it is up, so this is a warning, one
                 * per route (analysis_broad_routes), not one per network. */
                struct broad *b;

                if (grow((void **)&c->broad, &c->cap_broad, c->n_broad + 1, sizeof(*c->broad)) < 0) {
                        c->em.enomem = 1;
                        return;
                }
                b = &c->broad[c->n_broad++];
                b->route = (size_t)(rt - c->inv->routes);
                b->net = ni;
                b->subnet = si;
                return;
        }
        route_words(rt, ifc, &w);
        emit_finding(&c->em, &(struct emit){ F_SUBNET_CONFLICTS_ROUTE, SEV_ERROR,
                emit_fmt("remove that route, or choose another subnet for %s", LABEL(n)),
                .nets = { n->id, device_id(c, ifc, &id) },
                .addrs = { PREFIX(&s->prefix), PREFIX(&rt->dst) },
                .origins = { &s->origin, &rt->origin },
                .interface = ifc ? ifc->name : NULL },
                "route %s%s dev %s (table %s) sends %s of %s's subnet %s (%s) to %s",
                PREFIX(&rt->dst), w.via, w.dev, w.table,
                rt->dst.len == s->prefix.len ? "all" : "part", LABEL(n),
                PREFIX(&s->prefix), ORIGIN(&s->origin), w.dev);
}

static int cmp_broad(const void *pa, const void *pb)
{
        const struct broad *x = pa, *y = pb;

        if (x->route != y->route)
                return x->route < y->route ? -1 : 1;
        if (x->net != y->net)
                return x->net < y->net ? -1 : 1;
        return (x->subnet > y->subnet) - (x->subnet < y->subnet);
}

struct broad_run {
        const struct ctx *c;
        const struct broad *b;
};

static void broad_item(FILE *f, const void *v, size_t i)
{
        const struct broad_run *r = v;
        const struct network *net = &r->c->inv->nets[r->b[i].net];
        const struct subnet *s = &net->subnets[r->b[i].subnet];

        fprintf(f, "%s %s (%s)", LABEL(net), PREFIX(&s->prefix), ORIGIN(&s->origin));
}

/* One warning per broad route, listing every subnet it covers. */
void analysis_broad_routes(struct ctx *c)
{
        size_t m = 0;

        if (c->n_broad > 1)
                qsort(c->broad, c->n_broad, sizeof(*c->broad), cmp_broad);
        for (size_t i = 0; i < c->n_broad; i++)         /* the sweep may meet a pair twice */
                if (!m || cmp_broad(&c->broad[m - 1], &c->broad[i]) != 0)
                        c->broad[m++] = c->broad[i];
        c->n_broad = m;
        for (size_t i = 0, j; i < c->n_broad && !c->em.enomem; i = j) {
                const struct route *rt = &c->inv->routes[c->broad[i].route];
                const struct interface *ifc = inventory_interface_by_index(c->inv, rt->ifindex);
                _cleanup_free_ char *list = NULL, *id = NULL;
                struct route_words w;
                size_t n;
                struct finding *fd;

                for (j = i; j < c->n_broad && c->broad[j].route == c->broad[i].route; j++)
                        ;
                n = j - i;
                if (!(list = emit_list(n, SIZE_MAX, broad_item, &(struct broad_run){ c, c->broad + i }))) {
                        c->em.enomem = 1;
                        return;
                }
                route_words(rt, ifc, &w);
                if (n == 1) {
                        const struct network *net = &c->inv->nets[c->broad[i].net];

                        fd = emit_finding(&c->em, &(struct emit){ F_SUBNET_CONFLICTS_ROUTE, SEV_WARNING,
                                emit_fmt("make sure %s's routes exclude %s, or choose another subnet for %s",
                                         w.dev, PREFIX(&net->subnets[c->broad[i].subnet].prefix), LABEL(net)) },
                                "route %s%s dev %s (table %s) covers %s's subnet %s: while %s is "
                                "down its traffic leaves through %s", PREFIX(&rt->dst), w.via, w.dev,
                                w.table, LABEL(net), list + strlen(LABEL(net)) + 1, LABEL(net), w.dev);
                } else {
                        fd = emit_finding(&c->em, &(struct emit){ F_SUBNET_CONFLICTS_ROUTE, SEV_WARNING,
                                emit_fmt("make sure %s's routes exclude those subnets, or choose other subnets",
                                         w.dev) },
                                "route %s%s dev %s (table %s) covers the subnets of %zu networks: %s; "
                                "while one is down its traffic leaves through %s", PREFIX(&rt->dst),
                                w.via, w.dev, w.table, n, list, w.dev);
                }
                if (!fd)
                        return;
                for (size_t k = i; k < j; k++)
                        emit_net(&c->em, fd, c->inv->nets[c->broad[k].net].id);
                emit_net(&c->em, fd, device_id(c, ifc, &id));
                for (size_t k = i; k < j; k++)
                        emit_addr(&c->em, fd, PREFIX(&c->inv->nets[c->broad[k].net].subnets[c->broad[k].subnet].prefix));
                emit_addr(&c->em, fd, PREFIX(&rt->dst));
                for (size_t k = i; k < j; k++)
                        emit_origin(&c->em, fd, &c->inv->nets[c->broad[k].net].subnets[c->broad[k].subnet].origin);
                emit_origin(&c->em, fd, &rt->origin);
                if (ifc && !(fd->interface = strdup(ifc->name)))
                        c->em.enomem = 1;
        }
}
