/*
 * analysis_pools.c - pools against the plan.  A pool never conflicts with
 * its own manager's networks (they were carved out of it); it does with
 * every other manager's subnets (VMware, libvirt, another container
 * manager) and with the addresses of this host's other interfaces (the
 * LAN).  Docker and Podman skip subnets that are routed at the moment they
 * choose, so a network that is down (a vmnet before VMware starts) is
 * exactly what they will take.  The hint names the pool bases that would
 * leave the clashing subnet out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "analysis.h"
#include "analysis_emit.h"
#include "analysis_pools.h"

size_t analysis_pool_split(const struct prefix *base, unsigned size, const struct prefix *taken,
                           struct prefix *ret, size_t max)
{
        struct prefix b = prefix_network(base), e;
        size_t n = 0;

        if (!prefix_overlaps(&b, taken))
                return 0;
        /* The pool hands out whole /size blocks: a smaller taken subnet
         * costs its block. */
        prefix_make(&taken->addr, taken->len > size ? size : taken->len, &e);
        e = prefix_network(&e);
        if (e.len <= b.len)
                return 0;       /* the whole pool is taken */
        for (unsigned l = b.len + 1; l <= e.len && n < max; l++) {
                struct prefix sib;

                prefix_make(&e.addr, l, &sib);
                sib.addr.b[(l - 1) / 8] ^= (uint8_t)(0x80 >> ((l - 1) % 8));
                ret[n++] = prefix_network(&sib);
        }
        return n;
}

static const char *manager(enum net_source s)
{
        return s == NET_SRC_DOCKER ? "Docker" : s == NET_SRC_PODMAN ? "Podman" : "the container manager";
}

/* Devices a manager creates for its own networks. */
static bool own_device(enum net_source s, const char *name)
{
        size_t l = strlen(name);

        if (s == NET_SRC_DOCKER) {
                if (strncmp(name, "docker", 6) == 0)
                        return true;
                if (l == 15 && strncmp(name, "br-", 3) == 0 && strspn(name + 3, "0123456789abcdef") == 12)
                        return true;
        }
        if (s == NET_SRC_PODMAN)
                return strncmp(name, "podman", 6) == 0 || strncmp(name, "cni-podman", 10) == 0;
        return false;
}

static char *hint_for(const struct addr_pool *p, const struct prefix *taken, const char *label)
{
        struct prefix parts[128];
        size_t n = analysis_pool_split(&p->base, p->size, taken, parts, 128);
        const char *key = p->source == NET_SRC_DOCKER ? "default-address-pools" : "default_subnet_pools";
        const char *where = p->source == NET_SRC_DOCKER ? "/etc/docker/daemon.json" :
                                                          "containers.conf";
        char *list = NULL, *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&list, &len);

        if (!f)
                return NULL;
        for (size_t i = 0; i < n; i++)
                fprintf(f, "%s%s", i ? ", " : "", PREFIX(&parts[i]));
        if (fclose(f) != 0) {
                free(list);
                return NULL;
        }
        if (!n) {
                if (asprintf(&out, "%s %s's pool %s from %s in %s, or give %s another subnet",
                             p->builtin ? "list" : "remove", manager(p->source), PREFIX(&p->base), key, where,
                             label) < 0)
                        out = NULL;
        } else if (asprintf(&out, "exclude %s from %s's pools: in %s's %s %s the pool %s (size %u) by "
                            "the bases %s with the same size; or give %s another subnet",
                            PREFIX(taken), manager(p->source), where, key,
                            p->builtin ? "(built-in now) list in place of" : "replace",
                            PREFIX(&p->base), p->size, list, label) < 0) {
                out = NULL;
        }
        free(list);
        return out;
}

static int emit(struct finding_list *out, const struct addr_pool *p, const struct prefix *taken,
                const char *what, const char *label, const char *id, const struct origin *taken_o,
                const char *iface)
{
        struct emitter em = { .out = out };

        emit_finding(&em, &(struct emit){ F_ADDRESS_POOL_OVERLAP, SEV_WARNING,
                hint_for(p, taken, label),
                .nets = { id },
                .addrs = { PREFIX(&p->base), PREFIX(taken) },
                .origins = { &p->origin, taken_o },
                .interface = iface },
                "%s's address pool %s (subnets of /%u, %s) covers %s %s (%s): "
                "the next network %s creates may take it", manager(p->source),
                PREFIX(&p->base), p->size, ORIGIN(&p->origin), what, PREFIX(taken), ORIGIN(taken_o),
                manager(p->source));
        return em.enomem ? -ENOMEM : 0;
}

static bool skip_addr(const struct prefix *p)
{
        const uint8_t *b = p->addr.b;

        if (p->addr.family == AF_INET)
                return b[0] == 127;
        return p->addr.family != AF_INET6 || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || b[0] == 0xff ||
               p->len == 128;
}

static int pool_vs_networks(const struct inventory *inv, const struct addr_pool *p,
                            struct finding_list *out)
{
        for (size_t i = 0; i < inv->n_nets; i++) {
                const struct network *n = &inv->nets[i];
                char label[160], what[200];

                /* Host networks are interfaces: see pool_vs_interfaces. */
                if (n->source == p->source || n->source == NET_SRC_HOST)
                        continue;
                analysis_net_label(n, label, sizeof(label));
                snprintf(what, sizeof(what), "%s's subnet", label);
                for (size_t k = 0; k < n->n_subnets; k++) {
                        const struct subnet *s = &n->subnets[k];

                        if (prefix_overlaps(&p->base, &s->prefix) &&
                            emit(out, p, &s->prefix, what, label, n->id, &s->origin, NULL) < 0)
                                return -ENOMEM;
                }
        }
        return 0;
}

static int pool_vs_interfaces(const struct inventory *inv, const struct addr_pool *p,
                              struct finding_list *out)
{
        for (size_t i = 0; i < inv->n_ifs; i++) {
                const struct interface *ifc = &inv->ifs[i];
                const struct network *owner;
                char *id, what[120];

                if (ifc->kind == LINK_KIND_LOOPBACK || own_device(p->source, ifc->name))
                        continue;
                owner = inventory_find_network_by_device(inv, ifc->name);
                if (owner && owner->source != NET_SRC_HOST)
                        continue;       /* its network's subnet is checked above */
                for (size_t k = 0; k < ifc->n_addrs; k++) {
                        const struct if_address *ia = &ifc->addrs[k];
                        struct prefix net = prefix_network(&ia->prefix);
                        int r;

                        if (skip_addr(&ia->prefix) || !prefix_overlaps(&p->base, &net))
                                continue;
                        snprintf(what, sizeof(what), "the subnet of %.64s's address %s", ifc->name,
                                 PREFIX(&ia->prefix));
                        if (asprintf(&id, "host:%s", ifc->name) < 0)
                                return -ENOMEM;
                        r = emit(out, p, &net, what, ifc->name, owner ? owner->id : id, &ia->origin,
                                 ifc->name);
                        free(id);
                        if (r < 0)
                                return r;
                }
        }
        return 0;
}

int analysis_pools(const struct inventory *inv, struct finding_list *out)
{
        for (size_t i = 0; i < inv->n_pools; i++) {
                const struct addr_pool *p = &inv->pools[i];

                if (pool_vs_networks(inv, p, out) < 0 || pool_vs_interfaces(inv, p, out) < 0)
                        return -ENOMEM;
        }
        return 0;
}
