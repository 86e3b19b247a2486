/*
 * docker_json.c - daemon.json and GET /networks into records.  Unknown keys
 * are ignored (daemon.json holds many unrelated settings); known keys with
 * a wrong type or value are reported at their line and skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "docker_json.h"
#include "jsondoc.h"
#include "xalloc.h"

static bool pool_size_ok(const struct prefix *base, unsigned size)
{
        return size >= base->len && size <= addr_bits(base->addr.family);
}

static void parse_pools(struct jsondoc *d, struct dk_daemon *ret)
{
        json_object *a = jsondoc_arr(d, d->root, "default-address-pools", "/default-address-pools");

        if (!a)
                return;
        ret->has_pools = true;
        ret->pools_line = jsondoc_line(d, "/default-address-pools");
        for (size_t i = 0; i < json_object_array_length(a) && !d->enomem; i++) {
                json_object *o = json_object_array_get_idx(a, i);
                char path[64], bpath[80], spath[80];
                struct dk_pool p = { 0 };
                struct dk_pool *slot;

                snprintf(path, sizeof(path), "/default-address-pools/%zu", i);
                snprintf(bpath, sizeof(bpath), "%s/base", path);
                snprintf(spath, sizeof(spath), "%s/size", path);
                if (!json_object_is_type(o, json_type_object)) {
                        jsondoc_diag(d, path, SEV_ERROR, "default-address-pools: each pool must be "
                                     "an object with base and size");
                        continue;
                }
                p.line = jsondoc_line(d, path);
                if (!jsondoc_prefix(d, o, "base", bpath, &p.base)) {
                        if (!json_object_object_get_ex(o, "base", NULL))
                                jsondoc_diag(d, path, SEV_ERROR, "default-address-pools: pool without base");
                        continue;
                }
                p.base = prefix_network(&p.base);
                if (!jsondoc_uint(d, o, "size", spath, 0, 128, &p.size)) {
                        if (!json_object_object_get_ex(o, "size", NULL))
                                jsondoc_diag(d, path, SEV_ERROR, "default-address-pools: pool without size");
                        continue;
                }
                if (!pool_size_ok(&p.base, p.size)) {
                        jsondoc_diag(d, spath, SEV_ERROR, "size must be between %u and %u for base %s",
                                     p.base.len, addr_bits(p.base.addr.family),
                                     prefix_format(&p.base, (char[PREFIX_STRLEN]){ 0 }));
                        continue;
                }
                if (!(slot = ARRAY_PUSH(ret->pools, ret->n_pools, ret->cap_pools))) {
                        d->enomem = 1;
                        break;
                }
                *slot = p;
        }
}

int dk_daemon_parse(const char *buf, size_t len, const char *file, struct dk_daemon *ret,
                    struct diag_list *diags)
{
        struct jsondoc d;
        const char *s;
        int r;

        *ret = (struct dk_daemon){ 0 };
        if ((r = jsondoc_parse(&d, buf, len, file, diags)) < 0)
                return r;
        if (!json_object_is_type(d.root, json_type_object)) {
                jsondoc_diag(&d, "", SEV_ERROR, "daemon.json must hold one JSON object");
                r = d.enomem ? -ENOMEM : -EINVAL;
                jsondoc_free(&d);
                return r;
        }
        if (jsondoc_prefix(&d, d.root, "bip", "/bip", &ret->bip)) {
                if (ret->bip.addr.family != AF_INET)
                        jsondoc_diag(&d, "/bip", SEV_ERROR, "bip must be an IPv4 address with its length");
                else if (!prefix_has_host_bits(&ret->bip))
                        jsondoc_diag(&d, "/bip", SEV_ERROR, "bip must be the bridge's own address "
                                     "with its length (such as 172.17.0.1/16), not a network address");
                else
                        ret->has_bip = true;
                ret->bip_line = jsondoc_line(&d, "/bip");
        }
        if (jsondoc_prefix(&d, d.root, "fixed-cidr", "/fixed-cidr", &ret->fixed_cidr)) {
                ret->fixed_cidr = prefix_network(&ret->fixed_cidr);
                if (ret->fixed_cidr.addr.family != AF_INET)
                        jsondoc_diag(&d, "/fixed-cidr", SEV_ERROR, "fixed-cidr must be an IPv4 subnet");
                else
                        ret->has_fixed_cidr = true;
                ret->fixed_cidr_line = jsondoc_line(&d, "/fixed-cidr");
        }
        if (jsondoc_prefix(&d, d.root, "fixed-cidr-v6", "/fixed-cidr-v6", &ret->fixed_cidr_v6)) {
                ret->fixed_cidr_v6 = prefix_network(&ret->fixed_cidr_v6);
                if (ret->fixed_cidr_v6.addr.family != AF_INET6)
                        jsondoc_diag(&d, "/fixed-cidr-v6", SEV_ERROR, "fixed-cidr-v6 must be an IPv6 subnet");
                else
                        ret->has_fixed_cidr_v6 = true;
                ret->fixed_cidr_v6_line = jsondoc_line(&d, "/fixed-cidr-v6");
        }
        ret->ipv6 = jsondoc_bool(&d, d.root, "ipv6", "/ipv6");
        if ((s = jsondoc_str(&d, d.root, "bridge", "/bridge")) && *s) {
                if (!(ret->bridge = strdup(s)))
                        d.enomem = 1;
                ret->bridge_line = jsondoc_line(&d, "/bridge");
                if (ret->has_bip && strcmp(s, "none") != 0)
                        jsondoc_diag(&d, "/bridge", SEV_ERROR, "bip and bridge cannot be set together");
        }
        if (ret->has_bip && ret->has_fixed_cidr) {
                struct prefix net = prefix_network(&ret->bip);

                if (!prefix_contains_prefix(&net, &ret->fixed_cidr))
                        jsondoc_diag(&d, "/fixed-cidr", SEV_ERROR, "fixed-cidr is not inside bip's subnet");
        }
        parse_pools(&d, ret);
        r = d.enomem ? -ENOMEM : 0;
        jsondoc_free(&d);
        if (r < 0)
                dk_daemon_free(ret);
        return r;
}

void dk_daemon_free(struct dk_daemon *d)
{
        if (!d)
                return;
        free(d->bridge);
        free(d->pools);
        *d = (struct dk_daemon){ 0 };
}

/* ---- GET /networks ---- */

static int dupstr(const char *s, char **ret)
{
        if (!s) {
                *ret = NULL;
                return 0;
        }
        return (*ret = strdup(s)) ? 0 : -ENOMEM;
}

static void parse_ipam(struct jsondoc *d, json_object *net, size_t i, struct dk_net *n)
{
        char path[96];
        json_object *ipam, *cfg;

        snprintf(path, sizeof(path), "/%zu/IPAM", i);
        if (!(ipam = jsondoc_obj(d, net, "IPAM", path)))
                return;
        snprintf(path, sizeof(path), "/%zu/IPAM/Config", i);
        if (!(cfg = jsondoc_arr(d, ipam, "Config", path)))
                return;
        for (size_t k = 0; k < json_object_array_length(cfg) && !d->enomem; k++) {
                json_object *c = json_object_array_get_idx(cfg, k);
                char sp[128], gp[128], rp[128];
                struct dk_ipam e = { 0 }, *slot;

                snprintf(sp, sizeof(sp), "/%zu/IPAM/Config/%zu/Subnet", i, k);
                snprintf(gp, sizeof(gp), "/%zu/IPAM/Config/%zu/Gateway", i, k);
                snprintf(rp, sizeof(rp), "/%zu/IPAM/Config/%zu/IPRange", i, k);
                if (!json_object_is_type(c, json_type_object)) {
                        jsondoc_diag(d, sp, SEV_ERROR, "network '%.64s': IPAM config must be an object", n->name);
                        continue;
                }
                if (!jsondoc_prefix(d, c, "Subnet", sp, &e.subnet))
                        continue;
                e.subnet = prefix_network(&e.subnet);
                e.has_gateway = jsondoc_addr(d, c, "Gateway", gp, &e.gateway);
                if (jsondoc_prefix(d, c, "IPRange", rp, &e.range)) {
                        e.range = prefix_network(&e.range);
                        e.has_range = true;
                }
                if (!(slot = ARRAY_PUSH(n->ipam, n->n_ipam, n->cap_ipam))) {
                        d->enomem = 1;
                        return;
                }
                *slot = e;
        }
}

static void net_free(struct dk_net *n)
{
        free(n->name);
        free(n->id);
        free(n->driver);
        free(n->bridge);
        free(n->parent);
        free(n->ipam);
}

int dk_networks_parse(const char *buf, size_t len, const char *file, struct dk_net **ret,
                      size_t *ret_n, struct diag_list *diags)
{
        struct dk_net *v = NULL;
        size_t n = 0, cap = 0;
        struct jsondoc d;
        int r;

        *ret = NULL;
        *ret_n = 0;
        if ((r = jsondoc_parse(&d, buf, len, file, diags)) < 0)
                return r;
        if (!json_object_is_type(d.root, json_type_array)) {
                jsondoc_diag(&d, "", SEV_ERROR, "the answer to GET /networks must be an array");
                r = d.enomem ? -ENOMEM : -EINVAL;
                jsondoc_free(&d);
                return r;
        }
        for (size_t i = 0; i < json_object_array_length(d.root) && !d.enomem; i++) {
                json_object *o = json_object_array_get_idx(d.root, i), *opts;
                char path[64], op[80];
                struct dk_net *e;
                const char *name;

                snprintf(path, sizeof(path), "/%zu/Name", i);
                if (!json_object_is_type(o, json_type_object) ||
                    !(name = jsondoc_str(&d, o, "Name", path)) || !*name) {
                        snprintf(path, sizeof(path), "/%zu", i);
                        jsondoc_diag(&d, path, SEV_ERROR, "network %zu has no name; skipped", i);
                        continue;
                }
                if (!(e = ARRAY_PUSH(v, n, cap))) {
                        d.enomem = 1;
                        break;
                }
                snprintf(op, sizeof(op), "/%zu/Options", i);
                opts = jsondoc_obj(&d, o, "Options", op);
                if (dupstr(name, &e->name) < 0 ||
                    dupstr(jsondoc_str(&d, o, "Id", path), &e->id) < 0 ||
                    dupstr(jsondoc_str(&d, o, "Driver", path), &e->driver) < 0 ||
                    dupstr(jsondoc_str(&d, opts, "com.docker.network.bridge.name", op), &e->bridge) < 0 ||
                    dupstr(jsondoc_str(&d, opts, "parent", op), &e->parent) < 0) {
                        d.enomem = 1;
                        break;
                }
                e->internal = jsondoc_bool(&d, o, "Internal", path);
                e->ipv6 = jsondoc_bool(&d, o, "EnableIPv6", path);
                parse_ipam(&d, o, i, e);
        }
        r = d.enomem ? -ENOMEM : 0;
        jsondoc_free(&d);
        if (r < 0) {
                dk_networks_free(v, n);
                return r;
        }
        *ret = v;
        *ret_n = n;
        return 0;
}

void dk_networks_free(struct dk_net *v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                net_free(&v[i]);
        free(v);
}
