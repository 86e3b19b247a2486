/*
 * docker_load.c - Docker is looked at only where it is installed: its
 * configuration directory or its socket exists below --root.  With the
 * daemon reachable (not --offline, socket not "none") its API answer is
 * the truth about networks; otherwise one info diagnostic says so and the
 * default bridge comes from daemon.json (bip, fixed-cidr, fixed-cidr-v6,
 * bridge, the first default-address-pool) or Docker's built-in defaults.
 * Pools always come from daemon.json or the built-in list: the API does
 * not tell them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ctr_common.h"
#include "docker_json.h"
#include "docker_load.h"
#include "jsondoc.h"
#include "rootfile.h"
#include "uhttp.h"
#include "xalloc.h"

/* Docker's local-scope default address pools (libnetwork ipamutils, as
 * documented for default-address-pools): 172.17-31.x.x in /16s, then
 * 192.168.x.x in /20s.  The default bridge takes the first, 172.17.0.0/16. */
static const struct { const char *base; unsigned size; } builtin_pools[] = {
        { "172.17.0.0/16", 16 }, { "172.18.0.0/16", 16 }, { "172.19.0.0/16", 16 },
        { "172.20.0.0/14", 16 }, { "172.24.0.0/14", 16 }, { "172.28.0.0/14", 16 },
        { "192.168.0.0/16", 20 },
};

struct dk_ctx {
        struct inventory *inv;
        const char *conf_shown;         /* /etc/docker/daemon.json as on the host */
        const char *socket;             /* NULL when the API is off */
        struct dk_daemon conf;
        bool have_conf;
};

static struct origin conf_origin(struct dk_ctx *c, unsigned line)
{
        return origin_file(c->inv, c->conf_shown, line);
}

static struct origin builtin_origin(struct dk_ctx *c)
{
        return origin_file(c->inv, DOCKER_BUILTIN_ORIGIN, 0);
}

static int add_subnet(struct network *net, const struct prefix *p, const struct addr *host,
                      struct origin o, struct origin host_o)
{
        struct subnet *s = network_add_subnet(net);

        if (!s)
                return -ENOMEM;
        s->prefix = prefix_network(p);
        s->origin = o;
        if (host)
                addr_fact_set(&s->host_address, host, host_o);
        return 0;
}

static int add_range(struct subnet *s, const struct prefix *p, struct origin o)
{
        struct dhcp_range *r = subnet_add_range(s);

        if (!r)
                return -ENOMEM;
        r->start = prefix_first(p);
        r->end = prefix_last(p);
        r->origin = o;
        return 0;
}

/* The default bridge when the daemon cannot be asked. */
static int add_default_bridge(struct dk_ctx *c)
{
        const struct dk_daemon *d = &c->conf;
        struct network *net;
        struct prefix p;
        struct addr host;
        struct origin o;
        int r;

        if (d->bridge && strcmp(d->bridge, "none") == 0)
                return 0;       /* the default bridge is disabled */
        if (!(net = inventory_add_network(c->inv, NET_SRC_DOCKER, "bridge")) ||
            network_set_device(net, d->bridge ? d->bridge : "docker0") < 0)
                return -ENOMEM;
        net->type = NET_TYPE_NAT;
        net->origin = c->have_conf ? conf_origin(c, 0) : builtin_origin(c);
        /* "bridge": an existing bridge whose own address Docker uses. */
        if (d->bridge)
                return 0;
        if (d->has_bip) {
                p = d->bip;
                host = d->bip.addr;
                o = conf_origin(c, d->bip_line);
        } else if (d->n_pools) {
                prefix_make(&d->pools[0].base.addr, d->pools[0].size, &p);
                p = prefix_network(&p);
                host = ctr_first_host(&p);
                o = conf_origin(c, d->pools[0].line);
        } else {
                prefix_parse("172.17.0.0/16", &p);
                host = ctr_first_host(&p);
                o = builtin_origin(c);
        }
        if ((r = add_subnet(net, &p, &host, o, o)) < 0)
                return r;
        if (d->has_fixed_cidr &&
            (r = add_range(&net->subnets[net->n_subnets - 1], &d->fixed_cidr,
                           conf_origin(c, d->fixed_cidr_line))) < 0)
                return r;
        if (d->ipv6 && d->has_fixed_cidr_v6) {
                o = conf_origin(c, d->fixed_cidr_v6_line);
                host = ctr_first_host(&d->fixed_cidr_v6);
                if ((r = add_subnet(net, &d->fixed_cidr_v6, &host, o, o)) < 0)
                        return r;
        }
        return 0;
}

static int add_pools(struct dk_ctx *c)
{
        const struct dk_daemon *d = &c->conf;
        int r;

        /* An empty list leaves Docker on its defaults. */
        if (c->have_conf && d->n_pools) {
                for (size_t i = 0; i < d->n_pools; i++)
                        if ((r = ctr_add_pool(c->inv, NET_SRC_DOCKER, &d->pools[i].base, d->pools[i].size,
                                              conf_origin(c, d->pools[i].line), false)) < 0)
                                return r;
                return 0;
        }
        for (size_t i = 0; i < sizeof(builtin_pools) / sizeof(builtin_pools[0]); i++) {
                struct prefix p;

                prefix_parse(builtin_pools[i].base, &p);
                if ((r = ctr_add_pool(c->inv, NET_SRC_DOCKER, &p, builtin_pools[i].size,
                                      builtin_origin(c), true)) < 0)
                        return r;
        }
        return 0;
}

/* One network of the API answer. */
static int add_api_network(struct dk_ctx *c, const struct dk_net *e)
{
        const char *driver = e->driver ? e->driver : "bridge";
        bool bridge = strcmp(driver, "bridge") == 0;
        _cleanup_free_ char *obj = NULL, *dev = NULL;
        struct network *net;
        struct origin o;

        /* host, null, overlay: no subnet on this host's links. */
        if (!bridge && strcmp(driver, "macvlan") != 0 && strcmp(driver, "ipvlan") != 0)
                return 0;
        if (inventory_find_network(c->inv, NET_SRC_DOCKER, e->name))
                return diag_add(&c->inv->diags, c->socket, 0, SEV_ERROR,
                                "docker: network '%s' is listed more than once", e->name);
        if (asprintf(&obj, "/networks/%s", e->name) < 0)
                return -ENOMEM;
        o = ctr_api_origin(c->inv, c->socket, obj);
        if (!(net = inventory_add_network(c->inv, NET_SRC_DOCKER, e->name)))
                return -ENOMEM;
        net->origin = o;
        if (bridge) {
                /* Docker names a bridge it creates br-<first 12 of the id>. */
                if (!e->bridge && e->id && strlen(e->id) >= 12 && asprintf(&dev, "br-%.12s", e->id) < 0)
                        return -ENOMEM;
                if (network_set_device(net, e->bridge ? e->bridge : dev) < 0)
                        return -ENOMEM;
                net->type = e->internal ? NET_TYPE_ISOLATED : NET_TYPE_NAT;
        } else {
                net->type = NET_TYPE_DIRECT;
                if (e->parent && network_add_bridged_to(net, e->parent) < 0)
                        return -ENOMEM;
        }
        for (size_t i = 0; i < e->n_ipam; i++) {
                const struct dk_ipam *ip = &e->ipam[i];
                struct addr host = ip->has_gateway ? ip->gateway : ctr_first_host(&ip->subnet);
                struct subnet *s;

                /* On a bridge the gateway is the bridge's own address; on
                 * macvlan/ipvlan it is a router outside this host. */
                if (add_subnet(net, &ip->subnet, bridge ? &host : NULL, o, o) < 0)
                        return -ENOMEM;
                s = &net->subnets[net->n_subnets - 1];
                if (!bridge && ip->has_gateway)
                        addr_fact_set(&s->gateway, &ip->gateway, o);
                if (ip->has_range && add_range(s, &ip->range, o) < 0)
                        return -ENOMEM;
        }
        return 0;
}

/* 1 when the API answered with a usable list, 0 when not, -ENOMEM. */
static int load_api(struct dk_ctx *c, char **ret_why)
{
        _cleanup_free_ char *body = NULL, *err = NULL, *shown = NULL;
        struct dk_net *v = NULL;
        size_t len, n = 0;
        int r;

        r = uhttp_get(c->socket, "/networks", CTR_API_TIMEOUT_MS, &body, &len, &err);
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                *ret_why = err;
                err = NULL;
                return 0;
        }
        if (asprintf(&shown, "unix:%s/networks", c->socket) < 0)
                return -ENOMEM;
        r = dk_networks_parse(body, len, shown, &v, &n, &c->inv->diags);
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return (*ret_why = strdup("its answer could not be used")) ? 0 : -ENOMEM;
        for (size_t i = 0; i < n && r >= 0; i++)
                r = add_api_network(c, &v[i]);
        dk_networks_free(v, n);
        return r < 0 ? r : 1;
}

int docker_load(struct inventory *inv, const struct options *opt)
{
        const char *dir = opt->docker_dir ? opt->docker_dir : "/etc/docker";
        _cleanup_free_ char *shown = rootfile_join("", dir, "/daemon.json");
        _cleanup_free_ char *sock = NULL, *buf = NULL, *why = NULL;
        struct dk_ctx c = { .inv = inv };
        size_t len;
        int r, api = 0;

        if (!shown)
                return -ENOMEM;
        if (!opt->docker_socket)
                sock = rootfile_join(opt->root, "/var/run/docker.sock", "");
        else if (strcmp(opt->docker_socket, "none") != 0)
                sock = strdup(opt->docker_socket);
        if (!sock && (!opt->docker_socket || strcmp(opt->docker_socket, "none") != 0))
                return -ENOMEM;
        c.conf_shown = shown;
        c.socket = sock;

        r = ctr_read_file(opt->root, shown, JSONDOC_MAX_SIZE, &buf, &len);
        if (r == -ENOMEM)
                return r;
        if (r == 0) {
                r = dk_daemon_parse(buf, len, shown, &c.conf, &inv->diags);
                if (r == -ENOMEM)
                        return r;
                c.have_conf = r == 0;
        } else if (r != -ENOENT && r != -ENOTDIR &&
                   (r = diag_add(&inv->diags, shown, 0, SEV_WARNING, "cannot read: %s", rootfile_strerror(r))) < 0) {
                return r;
        }
        /* Not installed: nothing to say. */
        if (!c.have_conf && !ctr_exists_below(opt->root, dir) && !(sock && ctr_exists(sock)))
                goto out;

        if (!opt->offline && sock) {
                if ((api = load_api(&c, &why)) < 0) {
                        r = api;
                        goto fail;
                }
                if (!api)
                        r = diag_add(&inv->diags, NULL, 0, SEV_INFO,
                                     "docker: cannot ask the daemon (%s) at %s; the default bridge is "
                                     "taken from %s and Docker's built-in defaults",
                                     why ? why : "no answer", sock, shown);
        } else {
                r = diag_add(&inv->diags, NULL, 0, SEV_INFO,
                             "docker: %s; the default bridge is taken from %s and Docker's built-in "
                             "defaults", opt->offline ? "--offline: the daemon is not asked" :
                             "--docker-socket none", shown);
        }
        if (r < 0 || (!api && (r = add_default_bridge(&c)) < 0) || (r = add_pools(&c)) < 0)
                goto fail;
out:
        dk_daemon_free(&c.conf);
        return 0;
fail:
        dk_daemon_free(&c.conf);
        return r;
}
