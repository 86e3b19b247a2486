/*
 * inventory.c - construction, lookup and destruction of the model, and the
 * name tables of its enums.  Loaders call the add/find helpers; nothing
 * here knows where facts come from.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inventory.h"
#include "xalloc.h"

void inventory_init(struct inventory *inv)
{
        *inv = (struct inventory){ 0 };
}

static void subnet_free(struct subnet *s)
{
        for (size_t i = 0; i < s->n_hosts; i++)
                free(s->hosts[i].name);
        free(s->hosts);
        free(s->ranges);
}

static void network_free(struct network *n)
{
        for (size_t i = 0; i < n->n_subnets; i++)
                subnet_free(&n->subnets[i]);
        free(n->subnets);
        for (size_t i = 0; i < n->n_bridged_to; i++)
                free(n->bridged_to[i]);
        free(n->bridged_to);
        free(n->id);
        free(n->name);
        free(n->device);
        free(n->uuid);
}

void inventory_free(struct inventory *inv)
{
        if (!inv)
                return;
        for (size_t i = 0; i < inv->n_nets; i++)
                network_free(&inv->nets[i]);
        free(inv->nets);
        for (size_t i = 0; i < inv->n_ifs; i++) {
                free(inv->ifs[i].name);
                free(inv->ifs[i].kind_name);
                free(inv->ifs[i].addrs);
        }
        free(inv->ifs);
        free(inv->routes);
        free(inv->pools);
        diag_list_free(&inv->diags);
        for (size_t i = 0; i < inv->n_pool; i++)
                free(inv->pool[i]);
        free(inv->pool);
        free(inv->hostname);
        free(inv->machine_id);
        *inv = (struct inventory){ 0 };
}

const char *inventory_intern(struct inventory *inv, const char *file)
{
        char *copy;

        if (!file)
                return NULL;
        /* Few distinct files; newest first is the common hit. */
        for (size_t i = inv->n_pool; i-- > 0;)
                if (strcmp(inv->pool[i], file) == 0)
                        return inv->pool[i];
        if (grow((void **)&inv->pool, &inv->cap_pool, inv->n_pool + 1, sizeof(char *)) < 0)
                return NULL;
        if (!(copy = strdup(file)))
                return NULL;
        inv->pool[inv->n_pool++] = copy;
        return copy;
}

struct origin origin_file(struct inventory *inv, const char *file, unsigned line)
{
        return (struct origin){ .file = inventory_intern(inv, file), .line = line };
}

struct origin origin_kernel(int ifindex)
{
        return (struct origin){ .ifindex = ifindex };
}

const char *origin_format(const struct origin *o, char *buf, size_t size)
{
        if (o->file && o->line)
                snprintf(buf, size, "%s:%u", o->file, o->line);
        else if (o->file)
                snprintf(buf, size, "%s", o->file);
        else if (o->ifindex)
                snprintf(buf, size, "kernel (ifindex %d)", o->ifindex);
        else
                snprintf(buf, size, "-");
        return buf;
}

struct network *inventory_add_network(struct inventory *inv, enum net_source src, const char *name)
{
        struct network *n;
        char *id, *nm;

        if (asprintf(&id, "%s:%s", net_source_name(src), name) < 0)
                return NULL;
        if (!(nm = strdup(name))) {
                free(id);
                return NULL;
        }
        n = ARRAY_PUSH(inv->nets, inv->n_nets, inv->cap_nets);
        if (!n) {
                free(id);
                free(nm);
                return NULL;
        }
        n->id = id;
        n->name = nm;
        n->source = src;
        return n;
}

struct network *inventory_find_network(struct inventory *inv, enum net_source src, const char *name)
{
        for (size_t i = 0; i < inv->n_nets; i++)
                if (inv->nets[i].source == src && strcmp(inv->nets[i].name, name) == 0)
                        return &inv->nets[i];
        return NULL;
}

struct network *inventory_find_network_by_device(struct inventory *inv, const char *device)
{
        for (size_t i = 0; i < inv->n_nets; i++)
                if (inv->nets[i].device && strcmp(inv->nets[i].device, device) == 0)
                        return &inv->nets[i];
        return NULL;
}

struct subnet *network_add_subnet(struct network *net)
{
        return ARRAY_PUSH(net->subnets, net->n_subnets, net->cap_subnets);
}

int network_add_bridged_to(struct network *net, const char *ifname)
{
        char *copy;

        for (size_t i = 0; i < net->n_bridged_to; i++)
                if (strcmp(net->bridged_to[i], ifname) == 0)
                        return 0;
        if (grow((void **)&net->bridged_to, &net->cap_bridged_to, net->n_bridged_to + 1,
                 sizeof(char *)) < 0 || !(copy = strdup(ifname)))
                return -ENOMEM;
        net->bridged_to[net->n_bridged_to++] = copy;
        return 0;
}

int network_set_device(struct network *net, const char *device)
{
        char *copy = NULL;

        if (device && !(copy = strdup(device)))
                return -ENOMEM;
        free(net->device);
        net->device = copy;
        return 0;
}

struct dhcp_range *subnet_add_range(struct subnet *s)
{
        return ARRAY_PUSH(s->ranges, s->n_ranges, s->cap_ranges);
}

struct fixed_host *subnet_add_host(struct subnet *s)
{
        return ARRAY_PUSH(s->hosts, s->n_hosts, s->cap_hosts);
}

void addr_fact_set(struct addr_fact *f, const struct addr *a, struct origin o)
{
        f->set = true;
        f->addr = *a;
        f->origin = o;
}

struct interface *inventory_add_interface(struct inventory *inv)
{
        return ARRAY_PUSH(inv->ifs, inv->n_ifs, inv->cap_ifs);
}

struct interface *inventory_find_interface(struct inventory *inv, const char *name)
{
        for (size_t i = 0; i < inv->n_ifs; i++)
                if (strcmp(inv->ifs[i].name, name) == 0)
                        return &inv->ifs[i];
        return NULL;
}

struct interface *inventory_interface_by_index(struct inventory *inv, int ifindex)
{
        for (size_t i = 0; i < inv->n_ifs; i++)
                if (inv->ifs[i].ifindex == ifindex)
                        return &inv->ifs[i];
        return NULL;
}

struct if_address *interface_add_address(struct interface *ifc)
{
        return ARRAY_PUSH(ifc->addrs, ifc->n_addrs, ifc->cap_addrs);
}

struct route *inventory_add_route(struct inventory *inv)
{
        return ARRAY_PUSH(inv->routes, inv->n_routes, inv->cap_routes);
}

struct addr_pool *inventory_add_pool(struct inventory *inv)
{
        return ARRAY_PUSH(inv->pools, inv->n_pools, inv->cap_pools);
}

static const char *const source_names[_NET_SRC_MAX] = {
        [NET_SRC_VMWARE] = "vmware",
        [NET_SRC_LIBVIRT] = "libvirt",
        [NET_SRC_HOST] = "host",
        [NET_SRC_DOCKER] = "docker",
        [NET_SRC_PODMAN] = "podman",
        [NET_SRC_INCUS] = "incus",
};

static const char *const type_names[_NET_TYPE_MAX] = {
        [NET_TYPE_UNKNOWN] = "unknown",
        [NET_TYPE_HOSTONLY] = "hostonly",
        [NET_TYPE_NAT] = "nat",
        [NET_TYPE_BRIDGED] = "bridged",
        [NET_TYPE_ROUTED] = "route",
        [NET_TYPE_OPEN] = "open",
        [NET_TYPE_ISOLATED] = "isolated",
        [NET_TYPE_DIRECT] = "direct",
        [NET_TYPE_BRIDGE] = "bridge",
        [NET_TYPE_DEVICE] = "device",
};

static const char *const state_names[_NET_STATE_MAX] = {
        [NET_STATE_UNKNOWN] = "unknown",
        [NET_STATE_UP] = "up",
        [NET_STATE_DOWN] = "down",
        [NET_STATE_ABSENT] = "absent",
        [NET_STATE_INACTIVE] = "inactive",
};

static const char *const kind_names[_LINK_KIND_MAX] = {
        [LINK_KIND_OTHER] = "other",
        [LINK_KIND_PHYSICAL] = "physical",
        [LINK_KIND_LOOPBACK] = "loopback",
        [LINK_KIND_BRIDGE] = "bridge",
        [LINK_KIND_VETH] = "veth",
        [LINK_KIND_TUN] = "tun",
        [LINK_KIND_TAP] = "tap",
        [LINK_KIND_VMNET] = "vmnet",
        [LINK_KIND_VLAN] = "vlan",
        [LINK_KIND_BOND] = "bond",
        [LINK_KIND_MACVLAN] = "macvlan",
        [LINK_KIND_WIREGUARD] = "wireguard",
        [LINK_KIND_DUMMY] = "dummy",
};

static const char *const oper_names[_OPER_MAX] = {
        [OPER_UNKNOWN] = "unknown",
        [OPER_UP] = "up",
        [OPER_DOWN] = "down",
        [OPER_LOWERLAYERDOWN] = "lowerlayerdown",
        [OPER_DORMANT] = "dormant",
        [OPER_NOTPRESENT] = "notpresent",
        [OPER_TESTING] = "testing",
};

const char *net_source_name(enum net_source s) { return s < _NET_SRC_MAX ? source_names[s] : "?"; }
const char *net_type_name(enum net_type t) { return t < _NET_TYPE_MAX ? type_names[t] : "?"; }
const char *net_state_name(enum net_state s) { return s < _NET_STATE_MAX ? state_names[s] : "?"; }
const char *link_kind_name(enum link_kind k) { return k < _LINK_KIND_MAX ? kind_names[k] : "?"; }
const char *oper_state_name(enum oper_state s) { return s < _OPER_MAX ? oper_names[s] : "?"; }

void mac_format(const unsigned char mac[6], char buf[static MAC_STRLEN])
{
        snprintf(buf, MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
                 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

static int hexval(char c)
{
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -1;
}

int mac_parse(const char *s, unsigned char ret[6])
{
        unsigned char m[6];
        char sep = 0;

        for (int i = 0; i < 6; i++) {
                int hi = hexval(*s), lo;

                if (hi < 0)
                        return -EINVAL;
                s++;
                if ((lo = hexval(*s)) >= 0) {
                        m[i] = (unsigned char)(hi << 4 | lo);
                        s++;
                } else {
                        m[i] = (unsigned char)hi;
                }
                if (i == 5)
                        break;
                if (*s != ':' && *s != '-')
                        return -EINVAL;
                if (sep && *s != sep)
                        return -EINVAL;
                sep = *s++;
        }
        if (*s)
                return -EINVAL;
        memcpy(ret, m, 6);
        return 0;
}
