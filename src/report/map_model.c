/*
 * map_model.c - the layout of a map: which bars there are (a subnet of a
 * network, or an address no network owns), then which findings mark them
 * (map_marks.c) and where they sit on the address axis (map_axis.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "map_layout.h"
#include "xalloc.h"

map_u128 map_addr_value(const struct addr *a)
{
        map_u128 v = 0;
        unsigned n = a->family == AF_INET6 ? 16 : 4;

        for (unsigned i = 0; i < n; i++)
                v = (v << 8) | a->b[i];
        return v;
}

void map_prefix_bounds(const struct prefix *p, map_u128 *lo, map_u128 *hi)
{
        struct addr first = prefix_first(p), last = prefix_last(p);
        map_u128 l = map_addr_value(&last);

        *lo = map_addr_value(&first);
        *hi = l == MAP_U128_MAX ? l : l + 1;
}

const char *map_bar_id(const struct map_bar *b, char *buf, size_t size)
{
        if (b->net)
                return b->net->id;
        snprintf(buf, size, "host:%s", b->ifc->name);
        return buf;
}

/* --- bars ------------------------------------------------------------ */

static bool is_link_local6(const struct prefix *p)
{
        return p->addr.family == AF_INET6 && p->addr.b[0] == 0xfe && (p->addr.b[1] & 0xc0) == 0x80;
}

static int add_bar(struct map_layout *l, size_t host, const struct network *net,
                   const struct subnet *s, const struct interface *ifc, const struct prefix *p)
{
        struct map_bar *b;

        if (p->addr.family != AF_INET && p->addr.family != AF_INET6)
                return 0;
        if (!(b = ARRAY_PUSH(l->bars, l->n_bars, l->cap_bars)))
                return -ENOMEM;
        b->host = host;
        b->net = net;
        b->subnet = s;
        b->ifc = ifc;
        b->prefix = prefix_network(p);
        map_prefix_bounds(&b->prefix, &b->lo, &b->hi);
        return 0;
}

static int collect_bars(struct map_layout *l)
{
        for (size_t h = 0; h < l->m->n_hosts; h++) {
                const struct inventory *inv = l->m->hosts[h].inv;

                for (size_t n = 0; n < inv->n_nets; n++) {
                        const struct network *net = &inv->nets[n];

                        l->n_networks++;
                        for (size_t s = 0; s < net->n_subnets; s++)
                                if (add_bar(l, h, net, &net->subnets[s], NULL, &net->subnets[s].prefix) < 0)
                                        return -ENOMEM;
                }
                for (size_t i = 0; i < inv->n_ifs; i++) {
                        const struct interface *ifc = &inv->ifs[i];
                        bool owned = false;

                        if (ifc->kind == LINK_KIND_LOOPBACK)
                                continue;
                        for (size_t n = 0; n < inv->n_nets && !owned; n++)
                                owned = inv->nets[n].device && strcmp(inv->nets[n].device, ifc->name) == 0;
                        for (size_t a = 0; a < ifc->n_addrs && !owned; a++)
                                if (!is_link_local6(&ifc->addrs[a].prefix) &&
                                    add_bar(l, h, NULL, NULL, ifc, &ifc->addrs[a].prefix) < 0)
                                        return -ENOMEM;
                }
        }
        return 0;
}

void map_layout_free(struct map_layout *l)
{
        if (!l)
                return;
        free(l->bars);
        free(l->marks);
        free(l->findings);
        map_axis_free(&l->v4);
        map_axis_free(&l->v6);
        memset(l, 0, sizeof(*l));
}

int map_layout_build(const struct map_model *m, struct map_layout *ret)
{
        int r;

        memset(ret, 0, sizeof(*ret));
        ret->m = m;
        if ((r = collect_bars(ret)) < 0 || (r = map_link_findings(ret)) < 0 ||
            (r = map_axis_build(ret, &ret->v4, AF_INET)) < 0 ||
            (r = map_axis_build(ret, &ret->v6, AF_INET6)) < 0) {
                map_layout_free(ret);
                return r;
        }
        return 0;
}
