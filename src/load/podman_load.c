/*
 * podman_load.c - Podman is looked at where containers.conf or the
 * networks directory exists below --root.  containers.conf is read in
 * Podman's order (/usr/share/containers, then /etc/containers, then its
 * .conf.d drop-ins by name); a later file's key wins.  The default network
 * ("podman", interface podman0) is built in and not written to disk unless
 * the user overrides it with a file of that name.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "containers_conf.h"
#include "ctr_common.h"
#include "jsondoc.h"
#include "podman_json.h"
#include "podman_load.h"
#include "rootfile.h"
#include "xalloc.h"

/* containers.conf(5): default_subnet_pools' default, 10.89.0.0 up to
 * 10.255.255.255 in /24s; default_subnet "10.88.0.0/16". */
static const struct { const char *base; unsigned size; } builtin_pools[] = {
        { "10.89.0.0/16", 24 }, { "10.90.0.0/15", 24 }, { "10.92.0.0/14", 24 },
        { "10.96.0.0/11", 24 }, { "10.128.0.0/9", 24 },
};

/* The merged settings of all containers.conf files, each with its file. */
struct pdm_settings {
        const char *net_file, *subnet_file, *pools_file;        /* interned */
        char *default_network;
        unsigned net_line, subnet_line;
        struct prefix default_subnet;
        bool has_subnet;
        struct ctr_pool *pools;
        size_t n_pools;
        bool has_pools;
        bool any;                       /* some containers.conf was read */
};

static void settings_free(struct pdm_settings *s)
{
        free(s->default_network);
        free(s->pools);
}

static int merge_conf(struct inventory *inv, const char *root, const char *shown, struct pdm_settings *s)
{
        _cleanup_free_ char *buf = NULL;
        struct ctr_conf c;
        size_t len;
        int r = ctr_read_file(root, shown, CTR_CONF_MAX_SIZE, &buf, &len);

        if (r == -ENOENT || r == -ENOTDIR)
                return 0;
        if (r < 0)
                return r == -ENOMEM ? r : diag_add(&inv->diags, shown, 0, SEV_WARNING, "cannot read: %s",
                                                   rootfile_strerror(r));
        s->any = true;
        if ((r = ctr_conf_parse(buf, len, shown, &c, &inv->diags)) < 0)
                return r;
        if (c.default_network) {
                free(s->default_network);
                s->default_network = c.default_network;
                c.default_network = NULL;
                s->net_file = inventory_intern(inv, shown);
                s->net_line = c.default_network_line;
        }
        if (c.has_default_subnet) {
                s->has_subnet = true;
                s->default_subnet = c.default_subnet;
                s->subnet_file = inventory_intern(inv, shown);
                s->subnet_line = c.default_subnet_line;
        }
        if (c.has_pools) {
                free(s->pools);
                s->pools = c.pools;
                s->n_pools = c.n_pools;
                c.pools = NULL;
                s->has_pools = true;
                s->pools_file = inventory_intern(inv, shown);
        }
        ctr_conf_free(&c);
        return 0;
}

static int suffix_filter(const struct dirent *d, const char *suffix)
{
        size_t l = strlen(d->d_name), sl = strlen(suffix);

        return d->d_name[0] != '.' && l > sl && strcmp(d->d_name + l - sl, suffix) == 0;
}

static int conf_filter(const struct dirent *d) { return suffix_filter(d, ".conf"); }
static int json_filter(const struct dirent *d) { return suffix_filter(d, ".json"); }

/* Calls fn(inv, root, "dir/name", ud) for each matching file of dir
 * (below root, opened through rootfile) in name order. */
static int each_file(struct inventory *inv, const char *root, const char *dir,
                     int (*filter)(const struct dirent *),
                     int (*fn)(struct inventory *, const char *, const char *, void *), void *ud)
{
        struct dirent **ents = NULL;
        int n, r = 0, dfd;

        if ((dfd = rootfile_opendir(root, dir)) < 0) {
                if (dfd == -ENOENT || dfd == -ENOTDIR)
                        return 0;
                return diag_add(&inv->diags, dir, 0, SEV_WARNING, "cannot read directory: %s",
                                rootfile_strerror(dfd));
        }
        n = scandirat(dfd, ".", &ents, filter, alphasort);
        close(dfd);
        if (n < 0)
                return diag_add(&inv->diags, dir, 0, SEV_WARNING, "cannot read directory: %s",
                                strerror(errno));
        for (int i = 0; i < n; i++) {
                _cleanup_free_ char *shown = NULL;

                if (r >= 0 && asprintf(&shown, "%s/%s", dir, ents[i]->d_name) < 0) {
                        shown = NULL;
                        r = -ENOMEM;
                }
                if (r >= 0)
                        r = fn(inv, root, shown, ud);
                free(ents[i]);
        }
        free(ents);
        return r;
}

static int merge_conf_cb(struct inventory *inv, const char *root, const char *shown, void *ud)
{
        return merge_conf(inv, root, shown, ud);
}

static void set_range(struct subnet *s, const struct addr *a, const struct addr *b, struct origin o)
{
        struct dhcp_range *r = subnet_add_range(s);

        if (r) {
                r->start = *a;
                r->end = *b;
                r->origin = o;
        }
}

static int add_file_network(struct inventory *inv, const char *root, const char *shown, void *ud)
{
        _cleanup_free_ char *buf = NULL;
        const char *base = strrchr(shown, '/') ? strrchr(shown, '/') + 1 : shown;
        const char *driver;
        struct pdm_net d;
        struct network *net;
        size_t len;
        bool bridge;
        int r;

        (void)ud;
        r = ctr_read_file(root, shown, JSONDOC_MAX_SIZE, &buf, &len);
        if (r < 0)
                return r == -ENOMEM ? r : diag_add(&inv->diags, shown, 0, SEV_WARNING, "cannot read: %s",
                                                   rootfile_strerror(r));
        if ((r = pdm_net_parse(buf, len, shown, &d, &inv->diags)) < 0)
                return r == -ENOMEM ? r : 0;
        if (inventory_find_network(inv, NET_SRC_PODMAN, d.name)) {
                r = diag_add(&inv->diags, shown, d.line, SEV_ERROR,
                             "network '%s' is defined more than once", d.name);
                goto out;
        }
        /* Podman names each file after its network. */
        if (strlen(base) != strlen(d.name) + 5 || strncmp(base, d.name, strlen(d.name)) != 0)
                if ((r = diag_add(&inv->diags, shown, d.line, SEV_WARNING,
                                  "file name does not match the network name '%s'", d.name)) < 0)
                        goto out;
        r = -ENOMEM;
        if (!(net = inventory_add_network(inv, NET_SRC_PODMAN, d.name)))
                goto out;
        net->origin = origin_file(inv, shown, d.line);
        driver = d.driver ? d.driver : "bridge";
        bridge = strcmp(driver, "bridge") == 0;
        if (bridge) {
                net->type = d.internal ? NET_TYPE_ISOLATED : NET_TYPE_NAT;
                if (d.iface && network_set_device(net, d.iface) < 0)
                        goto out;
        } else {
                /* macvlan/ipvlan: network_interface is the host NIC. */
                net->type = NET_TYPE_DIRECT;
                if (d.iface && network_add_bridged_to(net, d.iface) < 0)
                        goto out;
        }
        for (size_t i = 0; i < d.n_subnets; i++) {
                const struct pdm_subnet *ps = &d.subnets[i];
                struct subnet *s = network_add_subnet(net);

                if (!s)
                        goto out;
                s->prefix = ps->subnet;
                s->origin = origin_file(inv, shown, ps->line);
                if (ps->has_gateway)
                        addr_fact_set(bridge ? &s->host_address : &s->gateway, &ps->gateway,
                                      origin_file(inv, shown, ps->gateway_line));
                if (ps->has_range) {
                        size_t before = s->n_ranges;

                        set_range(s, &ps->range_start, &ps->range_end, origin_file(inv, shown, ps->range_line));
                        if (s->n_ranges == before)
                                goto out;
                }
        }
        r = 0;
out:
        pdm_net_free(&d);
        return r;
}

static int add_default_network(struct inventory *inv, const struct pdm_settings *s)
{
        const char *name = s->default_network ? s->default_network : "podman";
        struct network *net;
        struct subnet *sub;
        struct origin o;
        struct addr host;

        if (inventory_find_network(inv, NET_SRC_PODMAN, name))
                return 0;       /* a file overrides the built-in one */
        if (!(net = inventory_add_network(inv, NET_SRC_PODMAN, name)) ||
            network_set_device(net, "podman0") < 0 || !(sub = network_add_subnet(net)))
                return -ENOMEM;
        net->type = NET_TYPE_NAT;
        net->origin = s->default_network ? origin_file(inv, s->net_file, s->net_line) :
                                           origin_file(inv, PODMAN_BUILTIN_ORIGIN, 0);
        if (s->has_subnet) {
                sub->prefix = s->default_subnet;
                o = origin_file(inv, s->subnet_file, s->subnet_line);
        } else {
                prefix_parse("10.88.0.0/16", &sub->prefix);
                o = origin_file(inv, PODMAN_BUILTIN_ORIGIN, 0);
        }
        sub->origin = o;
        host = ctr_first_host(&sub->prefix);
        addr_fact_set(&sub->host_address, &host, o);
        return 0;
}

static int add_pools(struct inventory *inv, const struct pdm_settings *s)
{
        int r;

        if (s->has_pools && s->n_pools) {
                for (size_t i = 0; i < s->n_pools; i++)
                        if ((r = ctr_add_pool(inv, NET_SRC_PODMAN, &s->pools[i].base, s->pools[i].size,
                                              origin_file(inv, s->pools_file, s->pools[i].line), false)) < 0)
                                return r;
                return 0;
        }
        for (size_t i = 0; i < sizeof(builtin_pools) / sizeof(builtin_pools[0]); i++) {
                struct prefix p;

                prefix_parse(builtin_pools[i].base, &p);
                if ((r = ctr_add_pool(inv, NET_SRC_PODMAN, &p, builtin_pools[i].size,
                                      origin_file(inv, PODMAN_BUILTIN_ORIGIN, 0), true)) < 0)
                        return r;
        }
        return 0;
}

int podman_load(struct inventory *inv, const struct options *opt)
{
        const char *dir = opt->containers_dir ? opt->containers_dir : "/etc/containers";
        _cleanup_free_ char *etc_conf = rootfile_join("", dir, "/containers.conf");
        _cleanup_free_ char *dropins = rootfile_join("", dir, "/containers.conf.d");
        _cleanup_free_ char *netdir = rootfile_join("", dir, "/networks");
        const char *usr = "/usr/share/containers/containers.conf";
        struct pdm_settings s = { 0 };
        int r;

        if (!etc_conf || !dropins || !netdir)
                return -ENOMEM;
        if ((r = merge_conf(inv, opt->root, usr, &s)) < 0 ||
            (r = merge_conf(inv, opt->root, etc_conf, &s)) < 0 ||
            (r = each_file(inv, opt->root, dropins, conf_filter, merge_conf_cb, &s)) < 0)
                goto out;
        /* Not installed: nothing to say. */
        if (!s.any && !ctr_exists_below(opt->root, netdir))
                goto out;
        if ((r = each_file(inv, opt->root, netdir, json_filter, add_file_network, NULL)) < 0 ||
            (r = add_default_network(inv, &s)) < 0 || (r = add_pools(inv, &s)) < 0)
                goto out;
out:
        settings_free(&s);
        return r < 0 ? r : 0;
}
