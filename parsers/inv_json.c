/*
 * inv_json.c - the list --json document back into the model, with json-c.
 * The input comes from another machine: every key is type-checked, every
 * address parsed, every enum looked up; an element that fails is skipped
 * with a warning naming its path ("networks[2].subnets[0].prefix"), and only
 * a document that is not an inventory at all is refused.
 */
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "inv_json.h"
#include "numparse.h"

#define MAX_DEPTH 16            /* the schema nests 6 deep */

struct ps {
        const char *file;
        struct inventory *inv;
        struct diag_list *diags;
        int enomem;
};

static void warn(struct ps *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct ps *p, const char *fmt, ...)
{
        char *msg;
        va_list ap;
        int r;

        va_start(ap, fmt);
        r = vasprintf(&msg, fmt, ap);
        va_end(ap);
        if (r < 0 || diag_add(p->diags, p->file, 0, SEV_WARNING, "%s", msg) < 0)
                p->enomem = 1;
        if (r >= 0)
                free(msg);
}

void invj_meta_free(struct invj_meta *m)
{
        if (!m)
                return;
        free(m->machine_id);
        *m = (struct invj_meta){ 0 };
}

/* 1 and *ret when key holds a string without NUL bytes; 0 when absent or
 * null; -1 when of another type. */
static int get_str(json_object *o, const char *key, const char **ret)
{
        json_object *v;

        *ret = NULL;
        if (!json_object_object_get_ex(o, key, &v) || !v)
                return 0;
        if (!json_object_is_type(v, json_type_string))
                return -1;
        *ret = json_object_get_string(v);
        if (strlen(*ret) != (size_t)json_object_get_string_len(v))
                return -1;
        return 1;
}

static json_object *get_array(json_object *o, const char *key)
{
        json_object *v;

        if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_array))
                return NULL;
        return v;
}

/* An integer in [min, max]: 1; absent or null: 0; else -1. */
static int get_int(json_object *o, const char *key, long long min, long long max, long long *ret)
{
        json_object *v;

        if (!json_object_object_get_ex(o, key, &v) || !v)
                return 0;
        if (!json_object_is_type(v, json_type_int))
                return -1;
        errno = 0;
        *ret = json_object_get_int64(v);
        return errno || *ret < min || *ret > max ? -1 : 1;
}

static bool get_bool(json_object *o, const char *key)
{
        json_object *v;

        return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_boolean) &&
               json_object_get_boolean(v);
}

/* Looks name up in a name table given as its accessor. */
static int enum_of(const char *name, const char *(*fn)(unsigned), unsigned max)
{
        for (unsigned i = 0; name && i < max; i++)
                if (strcmp(fn(i), name) == 0)
                        return (int)i;
        return -1;
}

static const char *src_name(unsigned i) { return net_source_name((enum net_source)i); }
static const char *type_name(unsigned i) { return net_type_name((enum net_type)i); }
static const char *state_name(unsigned i) { return net_state_name((enum net_state)i); }
static const char *kind_name(unsigned i) { return link_kind_name((enum link_kind)i); }
static const char *oper_name(unsigned i) { return oper_state_name((enum oper_state)i); }

/* "file:line", "file", "kernel (ifindex N)" as origin_format() wrote it. */
static struct origin origin_of(struct ps *p, json_object *o, const char *key)
{
        struct origin org = { 0 };
        const char *s, *colon;
        unsigned long v;

        if (get_str(o, key, &s) <= 0 || !*s || strcmp(s, "-") == 0)
                return org;
        if (sscanf(s, "kernel (ifindex %lu)", &v) == 1 && v > 0 && v <= INT_MAX) {
                org.ifindex = (int)v;
                return org;
        }
        colon = strrchr(s, ':');
        if (colon && colon != s && parse_decimal(colon + 1, 1, UINT_MAX, &v) == 0) {
                char *file = strndup(s, (size_t)(colon - s));

                if (!file) {
                        p->enomem = 1;
                        return org;
                }
                org = origin_file(p->inv, file, (unsigned)v);
                free(file);
        } else {
                org = origin_file(p->inv, s, 0);
        }
        if (!org.file)
                p->enomem = 1;
        return org;
}

/* An address key: true when absent/null (fact unset) or valid. */
static bool addr_fact_of(struct ps *p, json_object *o, const char *key, const char *okey,
                         int family, struct addr_fact *f, const char *path)
{
        const char *s;
        struct addr a;
        int r = get_str(o, key, &s);

        if (r == 0)
                return true;
        if (r < 0 || addr_parse_family(s, family, &a) < 0) {
                warn(p, "%s.%s: not an address of the subnet's family", path, key);
                return false;
        }
        addr_fact_set(f, &a, origin_of(p, o, okey));
        return true;
}

static void subnet_of(struct ps *p, struct network *net, json_object *o, const char *path)
{
        json_object *a;
        struct subnet *s;
        struct prefix pf;
        const char *str;
        int fam;

        if (!json_object_is_type(o, json_type_object) || get_str(o, "prefix", &str) <= 0 ||
            prefix_parse(str, &pf) < 0) {
                warn(p, "%s: a subnet needs a prefix such as 192.168.122.0/24; skipped", path);
                return;
        }
        if (!(s = network_add_subnet(net))) {
                p->enomem = 1;
                return;
        }
        fam = pf.addr.family;
        s->prefix = prefix_network(&pf);
        s->origin = origin_of(p, o, "origin");
        addr_fact_of(p, o, "host_address", "host_address_origin", fam, &s->host_address, path);
        addr_fact_of(p, o, "gateway", "gateway_origin", fam, &s->gateway, path);
        addr_fact_of(p, o, "dhcp_server", "dhcp_server_origin", fam, &s->dhcp_server, path);
        if ((a = get_array(o, "dhcp_ranges")))
                for (size_t i = 0; i < json_object_array_length(a); i++) {
                        json_object *r = json_object_array_get_idx(a, i);
                        const char *st, *en;
                        struct addr x, y;
                        struct dhcp_range *dr;

                        if (!json_object_is_type(r, json_type_object) || get_str(r, "start", &st) <= 0 ||
                            get_str(r, "end", &en) <= 0 || addr_parse_family(st, fam, &x) < 0 ||
                            addr_parse_family(en, fam, &y) < 0 || addr_cmp(&x, &y) > 0) {
                                warn(p, "%s.dhcp_ranges[%zu]: needs start <= end, addresses of the subnet's family; skipped",
                                     path, i);
                                continue;
                        }
                        if (!(dr = subnet_add_range(s))) {
                                p->enomem = 1;
                                return;
                        }
                        dr->start = x;
                        dr->end = y;
                        dr->origin = origin_of(p, r, "origin");
                }
        if ((a = get_array(o, "fixed_hosts")))
                for (size_t i = 0; i < json_object_array_length(a); i++) {
                        json_object *h = json_object_array_get_idx(a, i);
                        const char *ip = NULL, *mac = NULL, *name = NULL;
                        unsigned char m[6];
                        struct fixed_host *fh;
                        struct addr x = { 0 };

                        if (!json_object_is_type(h, json_type_object) || get_str(h, "ip", &ip) < 0 ||
                            (ip && addr_parse_family(ip, fam, &x) < 0) || get_str(h, "mac", &mac) < 0 ||
                            (mac && mac_parse(mac, m) < 0) || get_str(h, "name", &name) < 0) {
                                warn(p, "%s.fixed_hosts[%zu]: bad ip, mac or name; skipped", path, i);
                                continue;
                        }
                        if (!(fh = subnet_add_host(s)) || (name && !(fh->name = strdup(name)))) {
                                p->enomem = 1;
                                return;
                        }
                        fh->ip = x;
                        if (mac)
                                mac_format(m, fh->mac);
                        fh->origin = origin_of(p, h, "origin");
                }
}

static void network_of(struct ps *p, json_object *o, size_t idx)
{
        const char *id, *name, *src, *dev = NULL, *uuid = NULL, *s;
        struct network *net;
        json_object *a;
        char path[64];
        int source, v;
        long long mtu;

        snprintf(path, sizeof(path), "networks[%zu]", idx);
        if (!json_object_is_type(o, json_type_object) || get_str(o, "id", &id) <= 0 || !*id ||
            get_str(o, "name", &name) <= 0 || !*name || get_str(o, "source", &src) <= 0 ||
            get_str(o, "device", &dev) < 0 || get_str(o, "uuid", &uuid) < 0) {
                warn(p, "%s: a network needs string id, name and source; skipped", path);
                return;
        }
        for (size_t i = 0; i < p->inv->n_nets; i++)
                if (strcmp(p->inv->nets[i].id, id) == 0) {
                        warn(p, "%s: network %s specified more than once; skipped", path, id);
                        return;
                }
        /* A source this version does not know (a newer vnetaudit's) is kept
         * as an unconfigured network: its addresses still count. */
        if ((source = enum_of(src, src_name, _NET_SRC_MAX)) < 0) {
                warn(p, "%s: unknown source '%s', read as a host network", path, src);
                source = NET_SRC_HOST;
        }
        if (!(net = inventory_add_network(p->inv, (enum net_source)source, name))) {
                p->enomem = 1;
                return;
        }
        if (strcmp(net->id, id) != 0) {
                free(net->id);
                if (!(net->id = strdup(id))) {
                        p->enomem = 1;
                        return;
                }
        }
        if ((dev && network_set_device(net, dev) < 0) || (uuid && !(net->uuid = strdup(uuid)))) {
                p->enomem = 1;
                return;
        }
        get_str(o, "type", &s);
        net->type = (v = enum_of(s, type_name, _NET_TYPE_MAX)) < 0 ? NET_TYPE_UNKNOWN : (enum net_type)v;
        get_str(o, "state", &s);
        net->state = (v = enum_of(s, state_name, _NET_STATE_MAX)) < 0 ? NET_STATE_UNKNOWN : (enum net_state)v;
        net->origin = origin_of(p, o, "origin");
        if (get_int(o, "mtu", 68, 65535, &mtu) > 0)
                net->mtu = (unsigned)mtu;
        net->persistent = get_bool(o, "persistent");
        net->autostart = get_bool(o, "autostart");
        net->dhcp_config_stale = get_bool(o, "dhcp_config_stale");
        if (net->dhcp_config_stale)
                net->dhcp_config_origin = origin_of(p, o, "dhcp_config_origin");
        if ((a = get_array(o, "bridged_to")))
                for (size_t i = 0; i < json_object_array_length(a); i++) {
                        json_object *b = json_object_array_get_idx(a, i);

                        if (!json_object_is_type(b, json_type_string) || !*json_object_get_string(b))
                                continue;
                        if (network_add_bridged_to(net, json_object_get_string(b)) < 0) {
                                p->enomem = 1;
                                return;
                        }
                }
        if ((a = get_array(o, "subnets")))
                for (size_t i = 0; i < json_object_array_length(a) && !p->enomem; i++) {
                        char sp[96];

                        snprintf(sp, sizeof(sp), "%s.subnets[%zu]", path, i);
                        /* the network may move: look it up again by index */
                        subnet_of(p, &p->inv->nets[p->inv->n_nets - 1], json_object_array_get_idx(a, i), sp);
                }
}

/* A container manager's allocation pool (Docker default-address-pools,
 * Podman default_subnet_pools): the plan another host's analysis and
 * suggest must see too. */
static void pool_of(struct ps *p, json_object *o, size_t idx)
{
        const char *src, *base;
        struct addr_pool *ap;
        struct prefix pf;
        long long size;
        int source;

        if (!json_object_is_type(o, json_type_object) || get_str(o, "source", &src) <= 0 ||
            get_str(o, "base", &base) <= 0 || prefix_parse(base, &pf) < 0 ||
            get_int(o, "size", pf.len, addr_bits(pf.addr.family), &size) <= 0) {
                warn(p, "pools[%zu]: a pool needs source, a base prefix and a size no shorter than "
                     "the base; skipped", idx);
                return;
        }
        if ((source = enum_of(src, src_name, _NET_SRC_MAX)) < 0) {
                warn(p, "pools[%zu]: unknown source '%s'; skipped", idx, src);
                return;
        }
        if (!(ap = inventory_add_pool(p->inv))) {
                p->enomem = 1;
                return;
        }
        ap->source = (enum net_source)source;
        ap->base = prefix_network(&pf);
        ap->size = (unsigned)size;
        ap->origin = origin_of(p, o, "origin");
        ap->builtin = get_bool(o, "builtin");
}

static void interface_of(struct ps *p, json_object *o, size_t idx)
{
        const char *name, *kind, *state, *mac;
        struct interface *ifc;
        json_object *a;
        long long ifindex = 0;
        int v;

        if (!json_object_is_type(o, json_type_object) || get_str(o, "name", &name) <= 0 || !*name ||
            get_int(o, "ifindex", 1, INT_MAX, &ifindex) < 0 || get_str(o, "mac", &mac) < 0) {
                warn(p, "interfaces[%zu]: an interface needs a name; skipped", idx);
                return;
        }
        if (inventory_find_interface(p->inv, name)) {
                warn(p, "interfaces[%zu]: interface %s specified more than once; skipped", idx, name);
                return;
        }
        if (!(ifc = inventory_add_interface(p->inv)) || !(ifc->name = strdup(name))) {
                p->enomem = 1;
                return;
        }
        /* Indexes only link routes and masters within this document. */
        ifc->ifindex = ifindex > 0 ? (int)ifindex : (int)(1000000 + idx);
        get_str(o, "kind", &kind);
        ifc->kind = (v = enum_of(kind, kind_name, _LINK_KIND_MAX)) < 0 ? LINK_KIND_OTHER : (enum link_kind)v;
        get_str(o, "state", &state);
        ifc->oper = (v = enum_of(state, oper_name, _OPER_MAX)) < 0 ? OPER_UNKNOWN : (enum oper_state)v;
        if (get_bool(o, "up"))
                ifc->flags |= IFF_UP;
        if (mac && mac_parse(mac, ifc->mac) == 0)
                ifc->has_mac = true;
        if ((a = get_array(o, "addresses")))
                for (size_t i = 0; i < json_object_array_length(a); i++) {
                        json_object *s = json_object_array_get_idx(a, i);
                        struct if_address *ia;
                        struct prefix pf;

                        if (!json_object_is_type(s, json_type_string) ||
                            prefix_parse(json_object_get_string(s), &pf) < 0) {
                                warn(p, "interfaces[%zu].addresses[%zu]: not an address/prefix; skipped", idx, i);
                                continue;
                        }
                        if (!(ia = interface_add_address(ifc))) {
                                p->enomem = 1;
                                return;
                        }
                        ia->prefix = pf;
                        ia->origin = origin_kernel(ifc->ifindex);
                }
}

/* Masters are given by name; resolve them once every interface is known. */
static void link_masters(struct ps *p, json_object *ifs)
{
        for (size_t i = 0; i < json_object_array_length(ifs); i++) {
                json_object *o = json_object_array_get_idx(ifs, i);
                const char *name, *master;
                struct interface *ifc, *m;

                if (!json_object_is_type(o, json_type_object) || get_str(o, "name", &name) <= 0 ||
                    get_str(o, "master", &master) <= 0)
                        continue;
                if ((ifc = inventory_find_interface(p->inv, name)) &&
                    (m = inventory_find_interface(p->inv, master)) && m != ifc)
                        inventory_set_master(p->inv, ifc, m->ifindex);
        }
}

static void route_of(struct ps *p, json_object *o, size_t idx)
{
        const char *dst, *dev = NULL, *gw = NULL;
        const struct interface *ifc = NULL;
        long long table = 254;
        struct prefix pf;
        struct route *rt;
        struct addr g;

        if (!json_object_is_type(o, json_type_object) || get_str(o, "dst", &dst) <= 0 ||
            prefix_parse(dst, &pf) < 0 || get_int(o, "table", 0, UINT_MAX, &table) < 0 ||
            get_str(o, "dev", &dev) < 0 || get_str(o, "gateway", &gw) < 0 ||
            (gw && addr_parse(gw, &g) < 0)) {
                warn(p, "routes[%zu]: a route needs dst, and a valid table, dev and gateway; skipped", idx);
                return;
        }
        if (dev && !(ifc = inventory_find_interface(p->inv, dev))) {
                warn(p, "routes[%zu]: device %s is not among the interfaces; skipped", idx, dev);
                return;
        }
        if (!(rt = inventory_add_route(p->inv))) {
                p->enomem = 1;
                return;
        }
        rt->table = (unsigned)table;
        rt->dst = pf;
        rt->ifindex = ifc ? ifc->ifindex : 0;
        rt->origin = origin_kernel(rt->ifindex);
        if (gw)
                addr_fact_set(&rt->gateway, &g, rt->origin);
}

/* The inventory's own diagnostics stay that host's facts. */
static void diag_of(struct ps *p, json_object *o)
{
        const char *file = NULL, *sev = NULL, *msg = NULL;
        long long line = 0;
        int s;

        if (!json_object_is_type(o, json_type_object) || get_str(o, "message", &msg) <= 0)
                return;
        get_str(o, "file", &file);
        get_str(o, "severity", &sev);
        if (get_int(o, "line", 0, UINT_MAX, &line) < 0)
                line = 0;
        s = severity_from_name(sev ? sev : "");
        if (diag_add(&p->inv->diags, file, (unsigned)line, s < 0 ? SEV_ERROR : (enum severity)s,
                     "%s", msg) < 0)
                p->enomem = 1;
}

static unsigned line_of(const char *buf, size_t off)
{
        unsigned line = 1;

        for (size_t i = 0; i < off; i++)
                line += buf[i] == '\n';
        return line;
}

int invj_parse_time(const char *s, long long *ret)
{
        struct tm tm = { 0 };
        const char *end;
        time_t t;

        if (!s || !(end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm)) || *end)
                return -EINVAL;
        if ((t = timegm(&tm)) == (time_t)-1)
                return -EINVAL;
        *ret = (long long)t;
        return 0;
}

static int refuse(struct ps *p, unsigned line, const char *msg)
{
        return diag_add(p->diags, p->file, line, SEV_ERROR, "%s", msg) < 0 ? -ENOMEM : -EINVAL;
}

int invj_parse(const char *buf, size_t len, const char *file, struct inventory *inv,
               struct invj_meta *meta, struct diag_list *diags)
{
        struct ps p = { .file = file, .inv = inv, .diags = diags };
        json_tokener *tok;
        json_object *doc = NULL, *a;
        enum json_tokener_error e;
        const char *host, *mid, *ts;
        long long version;
        size_t end;
        int r = 0;

        *meta = (struct invj_meta){ .timestamp = -1 };
        if (len > INT_MAX)
                return refuse(&p, 0, "too large to be an inventory");
        if (!(tok = json_tokener_new_ex(MAX_DEPTH)))
                return -ENOMEM;
        json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
        doc = json_tokener_parse_ex(tok, buf, (int)len);
        e = json_tokener_get_error(tok);
        end = json_tokener_get_parse_end(tok);
        if (!doc || e != json_tokener_success) {
                char msg[160];

                snprintf(msg, sizeof(msg), "not JSON: %s", e == json_tokener_continue ?
                         "unexpected end of file" : json_tokener_error_desc(e));
                r = refuse(&p, line_of(buf, end < len ? end : len), msg);
                goto out;
        }
        for (; end < len; end++)
                if (!strchr(" \t\r\n", buf[end])) {
                        r = refuse(&p, line_of(buf, end), "text after the JSON document");
                        goto out;
                }
        if (!json_object_is_type(doc, json_type_object)) {
                r = refuse(&p, 1, "not an inventory: the document is not a JSON object");
                goto out;
        }
        if (get_int(doc, "version", 0, INT_MAX, &version) <= 0) {
                r = refuse(&p, 0, "not an inventory: no \"version\" (is it `vnetaudit list --json` output?)");
                goto out;
        }
        meta->version = (int)version;
        if (version != INVJ_VERSION) {
                char msg[128];

                snprintf(msg, sizeof(msg), "inventory version %lld is not supported (this vnetaudit reads version %d)",
                         version, INVJ_VERSION);
                r = refuse(&p, 0, msg);
                goto out;
        }
        if (get_str(doc, "host", &host) <= 0 || !*host) {
                r = refuse(&p, 0, "not an inventory: no \"host\" name");
                goto out;
        }
        if (!get_array(doc, "networks")) {
                r = refuse(&p, 0, "not an inventory: no \"networks\" array (check --json output is not an inventory)");
                goto out;
        }
        if (!(inv->hostname = strdup(host)))
                goto enomem;
        if (get_str(doc, "machine_id", &mid) > 0 && *mid && !(meta->machine_id = strdup(mid)))
                goto enomem;
        if (get_str(doc, "timestamp", &ts) > 0 && invj_parse_time(ts, &meta->timestamp) < 0)
                warn(&p, "timestamp '%s' is not of the form 2026-01-31T23:59:59Z; ignored", ts);

        /* Interfaces first: routes and ports refer to them. */
        if ((a = get_array(doc, "interfaces"))) {
                for (size_t i = 0; i < json_object_array_length(a) && !p.enomem; i++)
                        interface_of(&p, json_object_array_get_idx(a, i), i);
                link_masters(&p, a);
        }
        inv->have_kernel = inv->n_ifs > 0;
        meta->offline = inv->n_ifs == 0;
        a = get_array(doc, "networks");
        for (size_t i = 0; i < json_object_array_length(a) && !p.enomem; i++)
                network_of(&p, json_object_array_get_idx(a, i), i);
        if ((a = get_array(doc, "pools")))
                for (size_t i = 0; i < json_object_array_length(a) && !p.enomem; i++)
                        pool_of(&p, json_object_array_get_idx(a, i), i);
        if ((a = get_array(doc, "routes")))
                for (size_t i = 0; i < json_object_array_length(a) && !p.enomem; i++)
                        route_of(&p, json_object_array_get_idx(a, i), i);
        if ((a = get_array(doc, "diagnostics")))
                for (size_t i = 0; i < json_object_array_length(a) && !p.enomem; i++)
                        diag_of(&p, json_object_array_get_idx(a, i));
        if (p.enomem)
                goto enomem;
        goto out;
enomem:
        r = -ENOMEM;
out:
        json_object_put(doc);
        json_tokener_free(tok);
        return r;
}
