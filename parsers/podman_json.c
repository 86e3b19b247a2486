/*
 * podman_json.c - one netavark network file into a record.  Podman checks
 * these files when it writes them; a hand-edited one may hold anything, so
 * every subnet, gateway and lease range is checked against the others.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "jsondoc.h"
#include "podman_json.h"
#include "xalloc.h"

static int dupstr(const char *s, char **ret)
{
        if (!s) {
                *ret = NULL;
                return 0;
        }
        return (*ret = strdup(s)) ? 0 : -ENOMEM;
}

static struct addr usable_bound(const struct prefix *p, bool last)
{
        struct addr a = last ? prefix_last(p) : prefix_first(p), b;
        bool room = p->len + 1 < addr_bits(p->addr.family);

        /* IPv6 has no broadcast address: only its first one is skipped. */
        if (!room || (last && p->addr.family != AF_INET))
                return a;
        return addr_add(&a, last ? -1 : 1, &b) == 0 ? b : a;
}

#define P(...) (snprintf(path, sizeof(path), __VA_ARGS__), path)

static void parse_subnet(struct jsondoc *d, json_object *o, size_t i, struct pdm_net *n)
{
        struct pdm_subnet s = { 0 }, *slot;
        json_object *lr;
        char path[96], tmp[PREFIX_STRLEN];

        if (!json_object_is_type(o, json_type_object)) {
                jsondoc_diag(d, P("/subnets/%zu", i), SEV_ERROR, "subnets: each entry must be an object");
                return;
        }
        if (!jsondoc_prefix(d, o, "subnet", P("/subnets/%zu/subnet", i), &s.subnet)) {
                if (!json_object_object_get_ex(o, "subnet", NULL))
                        jsondoc_diag(d, P("/subnets/%zu", i), SEV_ERROR, "subnets: entry without subnet");
                return;
        }
        s.line = jsondoc_line(d, P("/subnets/%zu/subnet", i));
        s.subnet = prefix_network(&s.subnet);
        prefix_format(&s.subnet, tmp);
        if ((s.has_gateway = jsondoc_addr(d, o, "gateway", P("/subnets/%zu/gateway", i), &s.gateway))) {
                s.gateway_line = jsondoc_line(d, path);
                if (!prefix_contains(&s.subnet, &s.gateway)) {
                        jsondoc_diag(d, path, SEV_ERROR, "gateway %s is outside the subnet %s",
                                     addr_format(&s.gateway, (char[ADDR_STRLEN]){ 0 }), tmp);
                        s.has_gateway = false;
                }
        }
        if ((lr = jsondoc_obj(d, o, "lease_range", P("/subnets/%zu/lease_range", i)))) {
                bool a, b;

                s.range_line = jsondoc_line(d, path);
                a = jsondoc_addr(d, lr, "start_ip", P("/subnets/%zu/lease_range/start_ip", i), &s.range_start);
                b = jsondoc_addr(d, lr, "end_ip", P("/subnets/%zu/lease_range/end_ip", i), &s.range_end);
                /* Either bound may be left out: the subnet's first or last
                 * usable address then (no network or IPv4 broadcast address). */
                if (!a)
                        s.range_start = usable_bound(&s.subnet, false);
                if (!b)
                        s.range_end = usable_bound(&s.subnet, true);
                s.has_range = a || b;
                if (s.has_range && (!range_in_prefix(&s.subnet, &s.range_start, &s.range_end) ||
                                    addr_cmp(&s.range_start, &s.range_end) > 0)) {
                        jsondoc_diag(d, P("/subnets/%zu/lease_range", i), SEV_ERROR,
                                     "lease_range is not an ascending range inside the subnet %s", tmp);
                        s.has_range = false;
                }
        }
        if (!(slot = ARRAY_PUSH(n->subnets, n->n_subnets, n->cap_subnets))) {
                d->enomem = 1;
                return;
        }
        *slot = s;
}

int pdm_net_parse(const char *buf, size_t len, const char *file, struct pdm_net *ret,
                  struct diag_list *diags)
{
        struct jsondoc d;
        json_object *subnets;
        const char *name;
        int r;

        *ret = (struct pdm_net){ 0 };
        if ((r = jsondoc_parse(&d, buf, len, file, diags)) < 0)
                return r;
        if (!json_object_is_type(d.root, json_type_object)) {
                jsondoc_diag(&d, "", SEV_ERROR, "a network file must hold one JSON object");
                goto invalid;
        }
        if (!(name = jsondoc_str(&d, d.root, "name", "/name")) || !*name) {
                jsondoc_diag(&d, "", SEV_ERROR, "network without name");
                goto invalid;
        }
        ret->line = jsondoc_line(&d, "/name");
        if (dupstr(name, &ret->name) < 0 ||
            dupstr(jsondoc_str(&d, d.root, "id", "/id"), &ret->id) < 0 ||
            dupstr(jsondoc_str(&d, d.root, "driver", "/driver"), &ret->driver) < 0 ||
            dupstr(jsondoc_str(&d, d.root, "network_interface", "/network_interface"), &ret->iface) < 0)
                d.enomem = 1;
        ret->internal = jsondoc_bool(&d, d.root, "internal", "/internal");
        ret->ipv6 = jsondoc_bool(&d, d.root, "ipv6_enabled", "/ipv6_enabled");
        if ((subnets = jsondoc_arr(&d, d.root, "subnets", "/subnets")))
                for (size_t i = 0; i < json_object_array_length(subnets) && !d.enomem; i++)
                        parse_subnet(&d, json_object_array_get_idx(subnets, i), i, ret);
        r = d.enomem ? -ENOMEM : 0;
        jsondoc_free(&d);
        if (r < 0)
                pdm_net_free(ret);
        return r;
invalid:
        r = d.enomem ? -ENOMEM : -EINVAL;
        jsondoc_free(&d);
        pdm_net_free(ret);
        return r;
}

void pdm_net_free(struct pdm_net *n)
{
        if (!n)
                return;
        free(n->name);
        free(n->id);
        free(n->driver);
        free(n->iface);
        free(n->subnets);
        *n = (struct pdm_net){ 0 };
}
