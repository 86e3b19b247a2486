/*
 * list_fields.c - the field tables of `list` and their two printers (see
 * list_fields.h).  Keys are API (vnetaudit(8)): add, never rename.
 */
#include <net/if.h>
#include <stdio.h>
#include <sys/socket.h>

#include "jsonout.h"
#include "list_fields.h"

#define V(k, m, x) ((struct field_value){ .kind = (k), .u.m = (x) })
#define V_NULL ((struct field_value){ .kind = FV_NULL })
#define V_ABSENT ((struct field_value){ .kind = FV_ABSENT })

/* An origin naming nothing is "-" in text and null in JSON. */
static struct field_value origin_value(const struct origin *o)
{
        return V(FV_ORIGIN, o, o);
}

static struct field_value fact_value(const struct addr_fact *f)
{
        return f->set ? V(FV_ADDR, a, &f->addr) : V_NULL;
}

/* A fact's origin is there only when the fact is. */
static struct field_value fact_origin(const struct addr_fact *f)
{
        return f->set ? origin_value(&f->origin) : V_ABSENT;
}

static struct field_value n_id(const struct network *n) { return V(FV_TEXT, s, n->id); }
static struct field_value n_source(const struct network *n) { return V(FV_WORD, s, net_source_name(n->source)); }
static struct field_value n_name(const struct network *n) { return V(FV_TEXT, s, n->name); }
static struct field_value n_device(const struct network *n) { return V(FV_TEXT, s, n->device); }
static struct field_value n_type(const struct network *n) { return V(FV_WORD, s, net_type_name(n->type)); }
static struct field_value n_state(const struct network *n) { return V(FV_WORD, s, net_state_name(n->state)); }
static struct field_value n_origin(const struct network *n) { return origin_value(&n->origin); }
static struct field_value n_uuid(const struct network *n) { return V(FV_TEXT, s, n->uuid); }

static struct field_value n_mtu(const struct network *n)
{
        return n->mtu ? V(FV_INT, i, (long long)n->mtu) : V_NULL;
}

static struct field_value n_persistent(const struct network *n)
{
        return n->source == NET_SRC_LIBVIRT ? V(FV_BOOL, b, n->persistent) : V_ABSENT;
}

static struct field_value n_autostart(const struct network *n)
{
        return n->source == NET_SRC_LIBVIRT ? V(FV_BOOL, b, n->autostart) : V_ABSENT;
}

static struct field_value n_stale(const struct network *n)
{
        return n->source == NET_SRC_VMWARE ? V(FV_BOOL, b, n->dhcp_config_stale) : V_ABSENT;
}

static struct field_value n_stale_origin(const struct network *n)
{
        return n->source == NET_SRC_VMWARE && n->dhcp_config_stale ?
               origin_value(&n->dhcp_config_origin) : V_ABSENT;
}

const struct net_field net_fields[] = {
        { "id", LC_NETWORK, n_id },
        { "source", LC_SOURCE, n_source },
        { "name", LC_NAME, n_name },
        { "device", LC_DEVICE, n_device },
        { "type", LC_TYPE, n_type },
        { "state", LC_STATE, n_state },
        { "origin", LC_ORIGIN, n_origin },
        { "uuid", _LC_MAX, n_uuid },
        { "mtu", _LC_MAX, n_mtu },
        { "persistent", LC_PERSISTENT, n_persistent },
        { "autostart", LC_AUTOSTART, n_autostart },
        { "dhcp_config_stale", _LC_MAX, n_stale },
        { "dhcp_config_origin", _LC_MAX, n_stale_origin },
};
const size_t n_net_fields = sizeof(net_fields) / sizeof(net_fields[0]);

static struct field_value s_family(const struct subnet *s)
{
        return V(FV_WORD, s, s->prefix.addr.family == AF_INET6 ? "ipv6" : "ipv4");
}

static struct field_value s_prefix(const struct subnet *s) { return V(FV_PREFIX, p, &s->prefix); }
static struct field_value s_host(const struct subnet *s) { return fact_value(&s->host_address); }
static struct field_value s_host_o(const struct subnet *s) { return fact_origin(&s->host_address); }
static struct field_value s_gw(const struct subnet *s) { return fact_value(&s->gateway); }
static struct field_value s_gw_o(const struct subnet *s) { return fact_origin(&s->gateway); }
static struct field_value s_dhcp(const struct subnet *s) { return fact_value(&s->dhcp_server); }
static struct field_value s_dhcp_o(const struct subnet *s) { return fact_origin(&s->dhcp_server); }

struct field_value subnet_origin_value(const struct subnet *s)
{
        return origin_value(&s->origin);
}

const struct subnet_field subnet_fields[] = {
        { "family", _LC_MAX, s_family },
        { "prefix", LC_SUBNET, s_prefix },
        { "origin", _LC_MAX, subnet_origin_value },     /* text: the ORIGIN of later rows */
        { "host_address", LC_HOST, s_host },
        { "host_address_origin", _LC_MAX, s_host_o },
        { "gateway", LC_GATEWAY, s_gw },
        { "gateway_origin", _LC_MAX, s_gw_o },
        { "dhcp_server", LC_DHCP_SERVER, s_dhcp },
        { "dhcp_server_origin", _LC_MAX, s_dhcp_o },
};
const size_t n_subnet_fields = sizeof(subnet_fields) / sizeof(subnet_fields[0]);

static struct field_value r_start(const struct dhcp_range *r) { return V(FV_ADDR, a, &r->start); }
static struct field_value r_end(const struct dhcp_range *r) { return V(FV_ADDR, a, &r->end); }
static struct field_value r_origin(const struct dhcp_range *r) { return origin_value(&r->origin); }

const struct range_field range_fields[] = {
        { "start", "", r_start },
        { "end", "-", r_end },
        { "origin", NULL, r_origin },
};
const size_t n_range_fields = sizeof(range_fields) / sizeof(range_fields[0]);

static struct field_value h_mac(const struct fixed_host *h) { return h->mac[0] ? V(FV_WORD, s, h->mac) : V_NULL; }
static struct field_value h_ip(const struct fixed_host *h) { return V(FV_ADDR, a, &h->ip); }
static struct field_value h_name(const struct fixed_host *h) { return V(FV_TEXT, s, h->name); }
static struct field_value h_origin(const struct fixed_host *h) { return origin_value(&h->origin); }

const struct host_field host_fields[] = {
        { "mac", h_mac },
        { "ip", h_ip },
        { "name", h_name },
        { "origin", h_origin },
};
const size_t n_host_fields = sizeof(host_fields) / sizeof(host_fields[0]);

const char *const if_col_names[_IC_MAX] = {
        [IC_NAME] = "INTERFACE", [IC_KIND] = "KIND", [IC_STATE] = "STATE", [IC_MAC] = "MAC",
        [IC_ADDRS] = "ADDRESSES",
};

static struct field_value i_name(const struct inventory *inv, const struct interface *ifc)
{
        (void)inv;
        return V(FV_TEXT, s, ifc->name);
}

static struct field_value i_ifindex(const struct inventory *inv, const struct interface *ifc)
{
        (void)inv;
        return V(FV_INT, i, ifc->ifindex);
}

static struct field_value i_kind(const struct inventory *inv, const struct interface *ifc)
{
        (void)inv;
        return V(FV_WORD, s, link_kind_name(ifc->kind));
}

static struct field_value i_mac(const struct inventory *inv, const struct interface *ifc)
{
        (void)inv;
        return ifc->has_mac ? V(FV_MAC, mac, ifc->mac) : V_NULL;
}

/* The kernel's operstate; the table's STATE is the administrative flag
 * below ("up"/"down"), one vocabulary with the networks' state. */
static struct field_value i_oper(const struct inventory *inv, const struct interface *ifc)
{
        (void)inv;
        return V(FV_WORD, s, oper_state_name(ifc->oper));
}

static struct field_value i_up(const struct inventory *inv, const struct interface *ifc)
{
        (void)inv;
        return V(FV_UPDOWN, b, (ifc->flags & IFF_UP) != 0);
}

static struct field_value i_master(const struct inventory *inv, const struct interface *ifc)
{
        const struct interface *m = ifc->master_ifindex ?
                inventory_interface_by_index(inv, ifc->master_ifindex) : NULL;

        return m ? V(FV_TEXT, s, m->name) : V_NULL;
}

const struct if_field if_fields[] = {
        { "name", IC_NAME, i_name },
        { "ifindex", IC_NONE, i_ifindex },
        { "kind", IC_KIND, i_kind },
        { "mac", IC_MAC, i_mac },
        { "state", IC_NONE, i_oper },
        { "up", IC_STATE, i_up },
        { "master", IC_NONE, i_master },
};
const size_t n_if_fields = sizeof(if_fields) / sizeof(if_fields[0]);

const char *const pool_col_names[_PC_MAX] = {
        [PC_POOL] = "POOL", [PC_BASE] = "BASE", [PC_SIZE] = "SIZE", [PC_ORIGIN] = "ORIGIN",
};

static struct field_value p_source(const struct addr_pool *p) { return V(FV_WORD, s, net_source_name(p->source)); }
static struct field_value p_base(const struct addr_pool *p) { return V(FV_PREFIX, p, &p->base); }
static struct field_value p_size(const struct addr_pool *p) { return V(FV_PREFIXLEN, i, (long long)p->size); }
static struct field_value p_origin(const struct addr_pool *p) { return origin_value(&p->origin); }
/* JSON only: the text's ORIGIN already reads "... built-in default" */
static struct field_value p_builtin(const struct addr_pool *p) { return V(FV_BOOL, b, p->builtin); }

const struct pool_field pool_fields[] = {
        { "source", PC_POOL, p_source },
        { "base", PC_BASE, p_base },
        { "size", PC_SIZE, p_size },
        { "origin", PC_ORIGIN, p_origin },
        { "builtin", PC_NONE, p_builtin },
};
const size_t n_pool_fields = sizeof(pool_fields) / sizeof(pool_fields[0]);

const char *const route_col_names[_RC_MAX] = {
        [RC_TABLE] = "TABLE", [RC_DST] = "DESTINATION", [RC_DEV] = "DEVICE", [RC_GATEWAY] = "GATEWAY",
};

static struct field_value r_table(const struct inventory *inv, const struct rtt_names *tables,
                                  const struct route *r)
{
        (void)inv;
        return (struct field_value){ .kind = FV_RTTABLE, .u.t = { r->table, tables } };
}

static struct field_value r_dst(const struct inventory *inv, const struct rtt_names *tables,
                                const struct route *r)
{
        (void)inv;
        (void)tables;
        return V(FV_PREFIX, p, &r->dst);
}

static struct field_value r_dev(const struct inventory *inv, const struct rtt_names *tables,
                                const struct route *r)
{
        const struct interface *dev = r->ifindex ?
                inventory_interface_by_index(inv, r->ifindex) : NULL;

        (void)tables;
        return dev ? V(FV_TEXT, s, dev->name) : V_NULL;
}

static struct field_value r_gateway(const struct inventory *inv, const struct rtt_names *tables,
                                    const struct route *r)
{
        (void)inv;
        (void)tables;
        return fact_value(&r->gateway);
}

const struct route_field route_fields[] = {
        { "table", RC_TABLE, r_table },
        { "dst", RC_DST, r_dst },
        { "dev", RC_DEV, r_dev },
        { "gateway", RC_GATEWAY, r_gateway },
};
const size_t n_route_fields = sizeof(route_fields) / sizeof(route_fields[0]);

const char *field_text(const struct field_value *v, char buf[static FIELD_TEXT_MAX])
{
        switch (v->kind) {
        case FV_TEXT:
        case FV_WORD: return v->u.s;
        case FV_BOOL: return v->u.b ? "yes" : "no";
        case FV_UPDOWN: return v->u.b ? "up" : "down";
        case FV_MAC: mac_format(v->u.mac, buf); return buf;
        case FV_INT: snprintf(buf, FIELD_TEXT_MAX, "%lld", v->u.i); return buf;
        case FV_ADDR: return addr_format(v->u.a, buf);
        case FV_PREFIX: return prefix_format(v->u.p, buf);
        case FV_ORIGIN: return origin_format(v->u.o, buf, FIELD_TEXT_MAX);
        case FV_PREFIXLEN: snprintf(buf, FIELD_TEXT_MAX, "/%lld", v->u.i); return buf;
        case FV_RTTABLE: return rtt_name(v->u.t.names, v->u.t.id, buf);
        case FV_ABSENT:
        case FV_NULL: break;
        }
        return NULL;
}

void field_json_put(json_object *o, const char *key, const struct field_value *v)
{
        char buf[FIELD_TEXT_MAX];
        json_object *j = NULL;

        switch (v->kind) {
        case FV_ABSENT: return;
        case FV_NULL: break;
        case FV_TEXT: j = json_str(v->u.s); break;
        case FV_WORD: j = v->u.s ? json_object_new_string(v->u.s) : NULL; break;
        case FV_BOOL:
        case FV_UPDOWN: j = json_object_new_boolean(v->u.b); break;
        case FV_MAC:
                mac_format(v->u.mac, buf);
                j = json_object_new_string(buf);
                break;
        case FV_INT:
        case FV_PREFIXLEN: j = json_object_new_int64(v->u.i); break;
        case FV_RTTABLE: j = json_object_new_int64(v->u.t.id); break;
        case FV_ADDR: j = json_addr(v->u.a); break;
        case FV_PREFIX: j = json_object_new_string(prefix_format(v->u.p, buf)); break;
        case FV_ORIGIN:
                if (v->u.o->file || v->u.o->ifindex)
                        j = json_str(origin_format(v->u.o, buf, sizeof(buf)));
                break;
        }
        json_put(o, key, j);
}
