/*
 * incus_json.c - the networks list of the Incus/LXD REST API into records.
 * Config values are strings; "none", "auto" and "" mean no address.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "incus_json.h"
#include "jsondoc.h"
#include "xalloc.h"

static int dupstr(const char *s, char **ret)
{
        if (!s) {
                *ret = NULL;
                return 0;
        }
        return (*ret = strdup(s)) ? 0 : -ENOMEM;
}

static bool no_address(const char *s)
{
        return !s || !*s || strcmp(s, "none") == 0 || strcmp(s, "auto") == 0;
}

static bool host_prefix(struct jsondoc *d, json_object *cfg, const char *key, const char *path,
                        int family, struct prefix *ret)
{
        const char *s = jsondoc_str(d, cfg, key, path);

        if (no_address(s))
                return false;
        if (!strchr(s, '/') || prefix_parse(s, ret) < 0 || ret->addr.family != family) {
                jsondoc_diag(d, path, SEV_ERROR, "%s: invalid address '%.64s' (want ADDRESS/LENGTH)", key, s);
                return false;
        }
        return true;
}

/* "A-B,C-D" (Incus also accepts a bare address as a one-address range). */
static void parse_ranges(struct jsondoc *d, json_object *cfg, const char *key, const char *path,
                         int family, struct inc_net *n)
{
        const char *s = jsondoc_str(d, cfg, key, path);
        char *copy, *save = NULL;

        if (no_address(s))
                return;
        if (!(copy = strdup(s))) {
                d->enomem = 1;
                return;
        }
        for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
                char *dash = strchr(tok, '-');
                struct inc_range r, *slot;

                while (*tok == ' ')
                        tok++;
                if (dash)
                        *dash = '\0';
                if (addr_parse_family(tok, family, &r.start) < 0 ||
                    addr_parse_family(dash ? dash + 1 : tok, family, &r.end) < 0 ||
                    addr_cmp(&r.start, &r.end) > 0) {
                        jsondoc_diag(d, path, SEV_ERROR, "%s: invalid range '%.64s'", key, tok);
                        continue;
                }
                if (!(slot = ARRAY_PUSH(n->ranges, n->n_ranges, n->cap_ranges))) {
                        d->enomem = 1;
                        break;
                }
                *slot = r;
        }
        free(copy);
}

static void net_free(struct inc_net *n)
{
        free(n->name);
        free(n->type);
        free(n->status);
        free(n->parent);
        free(n->ranges);
}

int inc_networks_parse(const char *buf, size_t len, const char *file, struct inc_net **ret,
                       size_t *ret_n, struct diag_list *diags)
{
        struct inc_net *v = NULL;
        size_t n = 0, cap = 0;
        json_object *meta;
        struct jsondoc d;
        const char *type;
        int r;

        *ret = NULL;
        *ret_n = 0;
        if ((r = jsondoc_parse(&d, buf, len, file, diags)) < 0)
                return r;
        type = jsondoc_str(&d, d.root, "type", "/type");
        if (type && strcmp(type, "error") == 0) {
                const char *msg = jsondoc_str(&d, d.root, "error", "/error");

                jsondoc_diag(&d, "", SEV_ERROR, "the daemon answered with an error: %.200s",
                             msg ? msg : "(no text)");
                goto invalid;
        }
        if (!(meta = jsondoc_arr(&d, d.root, "metadata", "/metadata"))) {
                jsondoc_diag(&d, "", SEV_ERROR, "the answer holds no list of networks (metadata)");
                goto invalid;
        }
        for (size_t i = 0; i < json_object_array_length(meta) && !d.enomem; i++) {
                json_object *o = json_object_array_get_idx(meta, i), *cfg;
                char p[64], cp[64], k[128];
                const char *name;
                struct inc_net *e;

                snprintf(p, sizeof(p), "/metadata/%zu/name", i);
                snprintf(cp, sizeof(cp), "/metadata/%zu/config", i);
                if (!json_object_is_type(o, json_type_object) ||
                    !(name = jsondoc_str(&d, o, "name", p)) || !*name) {
                        snprintf(p, sizeof(p), "/metadata/%zu", i);
                        jsondoc_diag(&d, p, SEV_ERROR, "network %zu has no name; skipped", i);
                        continue;
                }
                if (!(e = ARRAY_PUSH(v, n, cap))) {
                        d.enomem = 1;
                        break;
                }
                cfg = jsondoc_obj(&d, o, "config", cp);
                if (dupstr(name, &e->name) < 0 || dupstr(jsondoc_str(&d, o, "type", p), &e->type) < 0 ||
                    dupstr(jsondoc_str(&d, o, "status", p), &e->status) < 0 ||
                    dupstr(jsondoc_str(&d, cfg, "parent", cp), &e->parent) < 0) {
                        d.enomem = 1;
                        break;
                }
                e->managed = jsondoc_bool(&d, o, "managed", p);
#define KEY(s) (snprintf(k, sizeof(k), "%s/%s", cp, s), k)
                e->has_v4 = host_prefix(&d, cfg, "ipv4.address", KEY("ipv4.address"), AF_INET, &e->v4);
                e->has_v6 = host_prefix(&d, cfg, "ipv6.address", KEY("ipv6.address"), AF_INET6, &e->v6);
                {
                        const char *s4 = jsondoc_str(&d, cfg, "ipv4.nat", KEY("ipv4.nat"));
                        const char *s6 = jsondoc_str(&d, cfg, "ipv6.nat", KEY("ipv6.nat"));

                        e->nat4 = s4 && strcmp(s4, "true") == 0;
                        e->nat6 = s6 && strcmp(s6, "true") == 0;
                }
                if (e->has_v4)
                        parse_ranges(&d, cfg, "ipv4.dhcp.ranges", KEY("ipv4.dhcp.ranges"), AF_INET, e);
                if (e->has_v6)
                        parse_ranges(&d, cfg, "ipv6.dhcp.ranges", KEY("ipv6.dhcp.ranges"), AF_INET6, e);
#undef KEY
        }
        r = d.enomem ? -ENOMEM : 0;
        jsondoc_free(&d);
        if (r < 0) {
                inc_networks_free(v, n);
                return r;
        }
        *ret = v;
        *ret_n = n;
        return 0;
invalid:
        r = d.enomem ? -ENOMEM : -EINVAL;
        jsondoc_free(&d);
        return r;
}

void inc_networks_free(struct inc_net *v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                net_free(&v[i]);
        free(v);
}
