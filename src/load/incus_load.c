/*
 * incus_load.c - the socket is Incus's, else the snap's or the package's
 * LXD socket, the first that exists below --root (or --incus-socket).  A
 * managed bridge's name is its device; ipv4.address/ipv6.address give the
 * subnet and the host's own address, ipv4/ipv6.dhcp.ranges the pools.
 * Networks of other types with a parent NIC (macvlan, sriov, physical)
 * give the host no address.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctr_common.h"
#include "incus_json.h"
#include "incus_load.h"
#include "rootfile.h"
#include "uhttp.h"
#include "xalloc.h"

static const char *const default_sockets[] = {
        "/var/lib/incus/unix.socket",
        "/var/snap/lxd/common/lxd/unix.socket",
        "/var/lib/lxd/unix.socket",
};

static int add_subnet(struct network *net, const struct prefix *p, bool host, struct origin o)
{
        struct subnet *s = network_add_subnet(net);

        if (!s)
                return -ENOMEM;
        s->prefix = prefix_network(p);
        s->origin = o;
        if (host)
                addr_fact_set(&s->host_address, &p->addr, o);
        return 0;
}

static int add_net(struct inventory *inv, const char *sock, const struct inc_net *e)
{
        bool bridge = e->type && strcmp(e->type, "bridge") == 0;
        _cleanup_free_ char *obj = NULL;
        struct network *net;
        struct origin o;

        /* Unmanaged entries are the host's own NICs; OVN networks live
         * behind a virtual router, not on this host's links. */
        if (!e->managed || (!bridge && !e->parent))
                return 0;
        if (inventory_find_network(inv, NET_SRC_INCUS, e->name))
                return diag_add(&inv->diags, sock, 0, SEV_ERROR,
                                "incus: network '%s' is listed more than once", e->name);
        if (asprintf(&obj, "/1.0/networks/%s", e->name) < 0)
                return -ENOMEM;
        o = ctr_api_origin(inv, sock, obj);
        if (!(net = inventory_add_network(inv, NET_SRC_INCUS, e->name)))
                return -ENOMEM;
        net->origin = o;
        if (!bridge) {
                net->type = NET_TYPE_DIRECT;
                return network_add_bridged_to(net, e->parent);
        }
        net->type = e->nat4 || e->nat6 ? NET_TYPE_NAT : NET_TYPE_ISOLATED;
        if (network_set_device(net, e->name) < 0)
                return -ENOMEM;
        if ((e->has_v4 && add_subnet(net, &e->v4, true, o) < 0) ||
            (e->has_v6 && add_subnet(net, &e->v6, true, o) < 0))
                return -ENOMEM;
        for (size_t i = 0; i < e->n_ranges; i++) {
                struct subnet *s = NULL;
                struct dhcp_range *r;

                for (size_t k = 0; k < net->n_subnets; k++)
                        if (net->subnets[k].prefix.addr.family == e->ranges[i].start.family)
                                s = &net->subnets[k];
                if (!s)
                        continue;
                if (!(r = subnet_add_range(s)))
                        return -ENOMEM;
                r->start = e->ranges[i].start;
                r->end = e->ranges[i].end;
                r->origin = o;
        }
        return 0;
}

int incus_load(struct inventory *inv, const struct options *opt)
{
        _cleanup_free_ char *sock = NULL, *body = NULL, *err = NULL, *shown = NULL;
        struct inc_net *v = NULL;
        size_t len, n = 0;
        int r;

        if (opt->incus_socket && strcmp(opt->incus_socket, "none") == 0)
                return 0;
        if (opt->incus_socket) {
                if (!(sock = strdup(opt->incus_socket)))
                        return -ENOMEM;
        } else {
                for (size_t i = 0; !sock && i < sizeof(default_sockets) / sizeof(default_sockets[0]); i++) {
                        char *p = rootfile_join(opt->root, default_sockets[i], "");

                        if (!p)
                                return -ENOMEM;
                        if (ctr_exists(p))
                                sock = p;
                        else
                                free(p);
                }
                if (!sock)
                        return 0;       /* neither Incus nor LXD installed */
        }
        if (opt->offline)
                return diag_add(&inv->diags, NULL, 0, SEV_INFO,
                                "incus: --offline: the networks behind %s are not read (only its API "
                                "knows them)", sock);
        r = uhttp_get(sock, "/1.0/networks?recursion=1", CTR_API_TIMEOUT_MS, &body, &len, &err);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return diag_add(&inv->diags, NULL, 0, SEV_WARNING,
                                "incus: cannot ask the daemon at %s (%s); its networks are not known",
                                sock, err ? err : strerror(-r));
        if (asprintf(&shown, "unix:%s/1.0/networks", sock) < 0)
                return -ENOMEM;
        r = inc_networks_parse(body, len, shown, &v, &n, &inv->diags);
        if (r < 0)
                return r == -ENOMEM ? r : 0;
        for (size_t i = 0; i < n && r >= 0; i++)
                r = add_net(inv, sock, &v[i]);
        inc_networks_free(v, n);
        return r < 0 ? r : 0;
}
