/*
 * fleet_lan.c - which hosts share a LAN.  Hosts whose LAN interfaces hold
 * overlapping subnets are joined (union-find over one sort of all LAN
 * prefixes, O(n log n)); link-local prefixes say nothing about the LAN and
 * are left out.  Offline inventories have no interfaces: they may be on any
 * LAN.  Segments declared by hand (--segment, [fleet]) take precedence.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "fleet.h"
#include "gather.h"
#include "xalloc.h"

bool fleet_is_lan_interface(const struct inventory *inv, const struct interface *ifc)
{
        switch (ifc->kind) {
        case LINK_KIND_LOOPBACK:
        case LINK_KIND_TUN:
        case LINK_KIND_TAP:
        case LINK_KIND_VMNET:
        case LINK_KIND_WIREGUARD:
        case LINK_KIND_DUMMY:
                return false;
        default:
                break;
        }
        if (gather_is_virtual_name(ifc->name))
                return false;
        for (size_t i = 0; i < inv->n_nets; i++)
                if (inv->nets[i].source != NET_SRC_HOST && inv->nets[i].device &&
                    strcmp(inv->nets[i].device, ifc->name) == 0)
                        return false;
        if (ifc->kind == LINK_KIND_BRIDGE) {
                /* a host bridge is the LAN when a wire is one of its ports */
                const struct interface *port;
                size_t it = 0;

                while ((port = inventory_next_port(inv, ifc->ifindex, &it)))
                        if (port->kind == LINK_KIND_PHYSICAL || port->kind == LINK_KIND_BOND ||
                            port->kind == LINK_KIND_VLAN || port->kind == LINK_KIND_VETH)
                                return true;
                return false;
        }
        return true;
}

static bool link_local(const struct prefix *p)
{
        if (p->addr.family == AF_INET)
                return p->addr.b[0] == 169 && p->addr.b[1] == 254;
        return p->addr.b[0] == 0xfe && (p->addr.b[1] & 0xc0) == 0x80;
}

struct lanpfx {
        struct addr first, last;
        size_t host;
};

static int cmp_lanpfx(const void *pa, const void *pb)
{
        const struct lanpfx *a = pa, *b = pb;
        int c = addr_cmp(&a->first, &b->first);

        return c ? c : addr_cmp(&b->last, &a->last);
}

static size_t uf_find(size_t *parent, size_t x)
{
        while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
        return x;
}

static void uf_join(size_t *parent, size_t a, size_t b)
{
        a = uf_find(parent, a);
        b = uf_find(parent, b);
        if (a != b)
                parent[a < b ? b : a] = a < b ? a : b;
}

int fleet_lan_assign(struct fleet *f, const struct fleet_segment *segs, size_t n_segs)
{
        struct lanpfx *v = NULL;
        size_t n = 0, cap = 0, *parent;

        if (!f->n_hosts)
                return 0;
        if (!(parent = malloc(f->n_hosts * sizeof(*parent))))
                return -ENOMEM;
        for (size_t h = 0; h < f->n_hosts; h++) {
                const struct inventory *inv = &f->hosts[h].inv;

                parent[h] = h;
                for (size_t i = 0; i < inv->n_ifs; i++) {
                        const struct interface *ifc = &inv->ifs[i];

                        if (!(ifc->flags & IFF_UP) || !fleet_is_lan_interface(inv, ifc))
                                continue;
                        for (size_t k = 0; k < ifc->n_addrs; k++) {
                                const struct prefix *p = &ifc->addrs[k].prefix;
                                struct lanpfx *e;

                                if (!p->addr.family || link_local(p) || p->len == addr_bits(p->addr.family))
                                        continue;
                                if (!(e = ARRAY_PUSH(v, n, cap))) {
                                        free(v);
                                        free(parent);
                                        return -ENOMEM;
                                }
                                e->first = prefix_first(p);
                                e->last = prefix_last(p);
                                e->host = h;
                        }
                }
        }
        if (n > 1)
                qsort(v, n, sizeof(*v), cmp_lanpfx);
        /* prefixes nest or are disjoint: a run whose members start before
         * the run's end overlaps its first member */
        for (size_t i = 1, start = 0; i < n; i++) {
                if (v[i].first.family == v[start].first.family && addr_cmp(&v[i].first, &v[start].last) <= 0)
                        uf_join(parent, v[start].host, v[i].host);
                else
                        start = i;
        }
        free(v);
        for (size_t h = 0; h < f->n_hosts; h++)
                f->hosts[h].lan = f->hosts[h].offline ? -1 : (int)uf_find(parent, h);
        free(parent);
        for (size_t s = 0; s < n_segs; s++)
                for (size_t k = 0; k < segs[s].n_hosts; k++) {
                        bool found = false;

                        for (size_t h = 0; h < f->n_hosts; h++)
                                if (strcmp(f->hosts[h].name, segs[s].hosts[k]) == 0) {
                                        f->hosts[h].lan = (int)(f->n_hosts + s);
                                        found = true;
                                }
                        if (!found && diag_add(&f->diags, NULL, 0, SEV_WARNING,
                                               "segment %s: no inventory of host %s", segs[s].name,
                                               segs[s].hosts[k]) < 0)
                                return -ENOMEM;
                }
        return 0;
}

bool fleet_same_lan(const struct fleet *f, size_t a, size_t b)
{
        int la = f->hosts[a].lan, lb = f->hosts[b].lan;

        return a == b || la < 0 || lb < 0 || la == lb;
}

void fleet_segment_free(struct fleet_segment *s)
{
        if (!s)
                return;
        for (size_t i = 0; i < s->n_hosts; i++)
                free(s->hosts[i]);
        free(s->hosts);
        free(s->name);
        *s = (struct fleet_segment){ 0 };
}

int fleet_segment_parse(const char *s, struct fleet_segment *ret)
{
        struct fleet_segment seg = { 0 };
        const char *eq = strchr(s, '='), *p;
        size_t cap = 0;

        *ret = seg;
        if (!eq || eq == s || strcspn(s, " \t,") < (size_t)(eq - s))
                return -EINVAL;
        if (!(seg.name = strndup(s, (size_t)(eq - s))))
                return -ENOMEM;
        for (p = eq + 1;;) {
                size_t len;
                char **slot;

                p += strspn(p, " \t,");
                if (!*p)
                        break;
                len = strcspn(p, " \t,");
                if (grow((void **)&seg.hosts, &cap, seg.n_hosts + 1, sizeof(char *)) < 0 ||
                    !(*(slot = &seg.hosts[seg.n_hosts]) = strndup(p, len))) {
                        fleet_segment_free(&seg);
                        return -ENOMEM;
                }
                seg.n_hosts++;
                p += len;
        }
        if (seg.n_hosts < 2) {
                fleet_segment_free(&seg);
                return -EINVAL;
        }
        *ret = seg;
        return 0;
}
