/*
 * report_list_json.c - the `list --json` document.  Keys are API: they are
 * documented in vnetaudit(8); add, never rename.  The plain fields of a
 * network, a subnet, an interface, a pool and a route come from
 * list_fields.c, shared with the table.
 */
#include <net/if.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "jsonout.h"
#include "list_fields.h"
#include "report_list.h"

static json_object *strv_json(char *const *v, size_t n)
{
        json_object *a = json_object_new_array();

        for (size_t i = 0; a && i < n; i++)
                json_object_array_add(a, json_str(v[i]));
        return a;
}

static json_object *subnet_json(const struct subnet *s)
{
        json_object *o = json_object_new_object(), *ranges, *hosts;

        if (!o)
                return NULL;
        for (size_t i = 0; i < n_subnet_fields; i++) {
                struct field_value v = subnet_fields[i].get(s);

                field_json_put(o, subnet_fields[i].key, &v);
        }
        ranges = json_object_new_array();
        for (size_t i = 0; ranges && i < s->n_ranges; i++) {
                json_object *r = json_object_new_object();

                for (size_t f = 0; r && f < n_range_fields; f++) {
                        struct field_value v = range_fields[f].get(&s->ranges[i]);

                        field_json_put(r, range_fields[f].key, &v);
                }
                json_object_array_add(ranges, r);
        }
        json_put(o, "dhcp_ranges", ranges);
        hosts = json_object_new_array();
        for (size_t i = 0; hosts && i < s->n_hosts; i++) {
                json_object *r = json_object_new_object();

                for (size_t f = 0; r && f < n_host_fields; f++) {
                        struct field_value v = host_fields[f].get(&s->hosts[i]);

                        field_json_put(r, host_fields[f].key, &v);
                }
                json_object_array_add(hosts, r);
        }
        json_put(o, "fixed_hosts", hosts);
        return o;
}

static json_object *ports_json(const struct inventory *inv, const struct network *net)
{
        json_object *a = json_object_new_array();
        const struct interface *br, *port;
        size_t it = 0;

        if (!a || !net->device)
                return a;
        br = inventory_find_interface(inv, net->device);
        while (br && (port = inventory_next_port(inv, br->ifindex, &it)))
                json_object_array_add(a, json_str(port->name));
        return a;
}

static json_object *network_json(const struct inventory *inv, const struct network *n)
{
        json_object *o = json_object_new_object(), *subnets;

        if (!o)
                return NULL;
        for (size_t i = 0; i < n_net_fields; i++) {
                struct field_value v = net_fields[i].get(n);

                field_json_put(o, net_fields[i].key, &v);
        }
        json_put(o, "bridged_to", strv_json(n->bridged_to, n->n_bridged_to));
        json_put(o, "ports", ports_json(inv, n));
        subnets = json_object_new_array();
        for (size_t i = 0; subnets && i < n->n_subnets; i++)
                json_object_array_add(subnets, subnet_json(&n->subnets[i]));
        json_put(o, "subnets", subnets);
        return o;
}

static json_object *interface_json(const struct inventory *inv, const struct interface *ifc)
{
        json_object *o = json_object_new_object(), *addrs;
        char buf[PREFIX_STRLEN];

        if (!o)
                return NULL;
        for (size_t i = 0; i < n_if_fields; i++) {
                struct field_value v = if_fields[i].get(inv, ifc);

                field_json_put(o, if_fields[i].key, &v);
        }
        addrs = json_object_new_array();
        for (size_t i = 0; addrs && i < ifc->n_addrs; i++)
                json_object_array_add(addrs, json_object_new_string(prefix_format(&ifc->addrs[i].prefix, buf)));
        json_put(o, "addresses", addrs);
        /* Only interfaces with a point-to-point address carry the key. */
        for (size_t i = 0; i < ifc->n_addrs; i++) {
                json_object *p;

                if (!ifc->addrs[i].has_peer)
                        continue;
                if (!json_object_object_get_ex(o, "peer_addresses", &addrs)) {
                        addrs = json_object_new_array();
                        json_put(o, "peer_addresses", addrs);
                }
                p = json_object_new_object();
                json_put(p, "address", json_object_new_string(prefix_format(&ifc->addrs[i].prefix, buf)));
                json_put(p, "peer", json_object_new_string(prefix_format(&ifc->addrs[i].peer, buf)));
                if (addrs)
                        json_object_array_add(addrs, p);
                else
                        json_object_put(p);
        }
        return o;
}

static json_object *route_json(const struct inventory *inv, const struct route *r)
{
        json_object *o = json_object_new_object();

        for (size_t i = 0; o && i < n_route_fields; i++) {
                struct field_value v = route_fields[i].get(inv, NULL, r);

                field_json_put(o, route_fields[i].key, &v);
        }
        return o;
}

json_object *report_diagnostics_json(const struct diag_list *l)
{
        json_object *a = json_object_new_array();

        for (size_t i = 0; a && i < l->n; i++) {
                const struct diag *d = &l->v[i];
                json_object *o = json_object_new_object();

                json_put(o, "file", json_str(d->file));
                json_put(o, "line", d->line ? json_object_new_int64(d->line) : NULL);
                json_put(o, "severity", json_object_new_string(severity_name(d->severity)));
                json_put(o, "message", json_str(d->message));
                json_object_array_add(a, o);
        }
        return a;
}

/* A manager's allocation pool: {"source","base","size","origin","builtin"}. */
static json_object *pool_json(const struct addr_pool *p)
{
        json_object *o = json_object_new_object();

        for (size_t i = 0; o && i < n_pool_fields; i++) {
                struct field_value v = pool_fields[i].get(p);

                field_json_put(o, pool_fields[i].key, &v);
        }
        return o;
}

json_object *report_list_json(const struct inventory *inv)
{
        json_object *doc = json_object_new_object(), *a;

        if (!doc)
                return NULL;
        json_put(doc, "version", json_object_new_int(1));
        json_put(doc, "host", json_str(inv->hostname));
        json_put(doc, "machine_id", json_str(inv->machine_id));
        json_put(doc, "timestamp", json_timestamp(time(NULL)));
        a = json_object_new_array();
        for (size_t i = 0; a && i < inv->n_nets; i++)
                json_object_array_add(a, network_json(inv, &inv->nets[i]));
        json_put(doc, "networks", a);
        a = json_object_new_array();
        for (size_t i = 0; a && i < inv->n_pools; i++)
                json_object_array_add(a, pool_json(&inv->pools[i]));
        json_put(doc, "pools", a);
        a = json_object_new_array();
        for (size_t i = 0; a && i < inv->n_ifs; i++)
                json_object_array_add(a, interface_json(inv, &inv->ifs[i]));
        json_put(doc, "interfaces", a);
        a = json_object_new_array();
        for (size_t i = 0; a && i < inv->n_routes; i++)
                json_object_array_add(a, route_json(inv, &inv->routes[i]));
        json_put(doc, "routes", a);
        json_put(doc, "diagnostics", report_diagnostics_json(&inv->diags));
        return doc;
}
