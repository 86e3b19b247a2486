/*
 * inventory.c - construction, lookup and destruction of the model, and the
 * name tables of its enums.  Loaders call the add/find helpers; nothing
 * here knows where facts come from.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindex.h"
#include "inventory.h"
#include "xalloc.h"

/* The find functions' hash indexes (iproute2's ll_map idea).  Networks are
 * indexed by (source, name) when added and by device lazily (a device set
 * after indexing marks that index for a rebuild); interfaces lazily at the
 * first lookup after they were added (a master set after indexing marks
 * the ports index for a rebuild); interned names when interned.  After
 * ENOMEM the index is abandoned and every lookup scans, as before. */
struct inv_index {
        struct hindex net_id, net_dev, if_name, if_index, if_master, pool;
        size_t nets_dev_indexed, ifs_indexed;
        bool dev_dirty, masters_dirty;
        bool broken;
};

static struct inv_index *index_of(struct inventory *inv)
{
        if (!inv->index) {
                if (!(inv->index = calloc(1, sizeof(*inv->index))))
                        return NULL;
                /* Networks and names added while calloc failed are not in it. */
                inv->index->broken = inv->n_nets || inv->n_pool;
        }
        return inv->index->broken ? NULL : inv->index;
}

/* For the lookups, which take a const inventory: the index is allocated
 * with the inventory, so filling it in changes no member of *inv. */
static struct inv_index *index_ro(const struct inventory *inv)
{
        return inv->index && !inv->index->broken ? inv->index : NULL;
}

static void index_break(struct inv_index *x)
{
        x->broken = true;
}

static void index_free(struct inv_index *x)
{
        if (!x)
                return;
        hindex_free(&x->net_id);
        hindex_free(&x->net_dev);
        hindex_free(&x->if_name);
        hindex_free(&x->if_index);
        hindex_free(&x->if_master);
        hindex_free(&x->pool);
        free(x);
}

static uint64_t net_id_hash(enum net_source src, const char *name)
{
        return hindex_hash_str(hindex_hash_bytes(HINDEX_SEED, &src, sizeof(src)), name);
}

static uint64_t ifindex_hash(int ifindex)
{
        return hindex_hash_bytes(HINDEX_SEED, &ifindex, sizeof(ifindex));
}

void inventory_init(struct inventory *inv)
{
        *inv = (struct inventory){ 0 };
        inv->index = calloc(1, sizeof(*inv->index));    /* NULL: lookups scan */
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
        index_free(inv->index);
        *inv = (struct inventory){ 0 };
}

const char *inventory_intern(struct inventory *inv, const char *file)
{
        struct inv_index *x;
        uint64_t h;
        char *copy;

        if (!file)
                return NULL;
        /* One file per libvirt network: thousands of distinct names. */
        h = hindex_hash_str(HINDEX_SEED, file);
        if ((x = index_of(inv))) {
                for (size_t it = hindex_first(&x->pool, h); it; it = hindex_next(&x->pool, it, h))
                        if (strcmp(inv->pool[it - 1], file) == 0)
                                return inv->pool[it - 1];
        } else {
                for (size_t i = inv->n_pool; i-- > 0;)
                        if (strcmp(inv->pool[i], file) == 0)
                                return inv->pool[i];
        }
        if (grow((void **)&inv->pool, &inv->cap_pool, inv->n_pool + 1, sizeof(char *)) < 0)
                return NULL;
        if (!(copy = strdup(file)))
                return NULL;
        if (x && hindex_put(&x->pool, inv->n_pool, h) < 0)
                index_break(x);
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
        if ((n->index = index_of(inv)) &&
            hindex_put(&n->index->net_id, inv->n_nets - 1, net_id_hash(src, name)) < 0)
                index_break(n->index);
        return n;
}

struct network *inventory_find_network(const struct inventory *inv, enum net_source src, const char *name)
{
        struct inv_index *x = index_ro(inv);
        uint64_t h = net_id_hash(src, name);

        if (!x) {
                for (size_t i = 0; i < inv->n_nets; i++)
                        if (inv->nets[i].source == src && strcmp(inv->nets[i].name, name) == 0)
                                return &inv->nets[i];
                return NULL;
        }
        /* Chains are in array order: the first of equal keys wins, as in a scan. */
        for (size_t it = hindex_first(&x->net_id, h); it; it = hindex_next(&x->net_id, it, h))
                if (inv->nets[it - 1].source == src && strcmp(inv->nets[it - 1].name, name) == 0)
                        return &inv->nets[it - 1];
        return NULL;
}

struct network *inventory_find_network_by_id(const struct inventory *inv, const char *id)
{
        const char *colon = strchr(id, ':');

        for (int s = 0; colon && s < _NET_SRC_MAX; s++)
                if (strlen(net_source_name((enum net_source)s)) == (size_t)(colon - id) &&
                    strncmp(net_source_name((enum net_source)s), id, (size_t)(colon - id)) == 0)
                        return inventory_find_network(inv, (enum net_source)s, colon + 1);
        return NULL;
}

/* Brings the device index up to date: new networks are added to it, a
 * device changed after indexing rebuilds it. */
static int index_devices(const struct inventory *inv, struct inv_index *x)
{
        if (x->dev_dirty) {
                hindex_clear(&x->net_dev);
                x->nets_dev_indexed = 0;
                x->dev_dirty = false;
        }
        for (; x->nets_dev_indexed < inv->n_nets; x->nets_dev_indexed++) {
                struct network *n = &inv->nets[x->nets_dev_indexed];

                n->device_indexed = true;
                if (n->device &&
                    hindex_put(&x->net_dev, x->nets_dev_indexed, hindex_hash_str(HINDEX_SEED, n->device)) < 0)
                        return -ENOMEM;
        }
        return 0;
}

struct network *inventory_find_network_by_device(const struct inventory *inv, const char *device)
{
        struct inv_index *x = index_ro(inv);
        uint64_t h = hindex_hash_str(HINDEX_SEED, device);

        if (x && index_devices(inv, x) < 0) {
                index_break(x);
                x = NULL;
        }
        if (!x) {
                for (size_t i = 0; i < inv->n_nets; i++)
                        if (inv->nets[i].device && strcmp(inv->nets[i].device, device) == 0)
                                return &inv->nets[i];
                return NULL;
        }
        for (size_t it = hindex_first(&x->net_dev, h); it; it = hindex_next(&x->net_dev, it, h))
                if (inv->nets[it - 1].device && strcmp(inv->nets[it - 1].device, device) == 0)
                        return &inv->nets[it - 1];
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
        if (net->index && net->device_indexed)
                net->index->dev_dirty = true;
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

/* Interfaces added since the last lookup join both indexes. */
static struct inv_index *index_interfaces(const struct inventory *inv)
{
        struct inv_index *x = index_ro(inv);

        if (x && x->masters_dirty) {
                hindex_clear(&x->if_name);
                hindex_clear(&x->if_index);
                hindex_clear(&x->if_master);
                x->ifs_indexed = 0;
                x->masters_dirty = false;
        }
        for (; x && x->ifs_indexed < inv->n_ifs; x->ifs_indexed++) {
                const struct interface *ifc = &inv->ifs[x->ifs_indexed];

                if ((ifc->name &&
                     hindex_put(&x->if_name, x->ifs_indexed, hindex_hash_str(HINDEX_SEED, ifc->name)) < 0) ||
                    hindex_put(&x->if_index, x->ifs_indexed, ifindex_hash(ifc->ifindex)) < 0 ||
                    (ifc->master_ifindex &&
                     hindex_put(&x->if_master, x->ifs_indexed, ifindex_hash(ifc->master_ifindex)) < 0)) {
                        index_break(x);
                        return NULL;
                }
        }
        return x;
}

struct interface *inventory_find_interface(const struct inventory *inv, const char *name)
{
        struct inv_index *x = index_interfaces(inv);
        uint64_t h = hindex_hash_str(HINDEX_SEED, name);

        if (!x) {
                for (size_t i = 0; i < inv->n_ifs; i++)
                        if (inv->ifs[i].name && strcmp(inv->ifs[i].name, name) == 0)
                                return &inv->ifs[i];
                return NULL;
        }
        for (size_t it = hindex_first(&x->if_name, h); it; it = hindex_next(&x->if_name, it, h))
                if (inv->ifs[it - 1].name && strcmp(inv->ifs[it - 1].name, name) == 0)
                        return &inv->ifs[it - 1];
        return NULL;
}

struct interface *inventory_interface_by_index(const struct inventory *inv, int ifindex)
{
        struct inv_index *x = index_interfaces(inv);
        uint64_t h = ifindex_hash(ifindex);

        if (!x) {
                for (size_t i = 0; i < inv->n_ifs; i++)
                        if (inv->ifs[i].ifindex == ifindex)
                                return &inv->ifs[i];
                return NULL;
        }
        for (size_t it = hindex_first(&x->if_index, h); it; it = hindex_next(&x->if_index, it, h))
                if (inv->ifs[it - 1].ifindex == ifindex)
                        return &inv->ifs[it - 1];
        return NULL;
}

void inventory_set_master(struct inventory *inv, struct interface *ifc, int master_ifindex)
{
        ifc->master_ifindex = master_ifindex;
        if (inv->index && (size_t)(ifc - inv->ifs) < inv->index->ifs_indexed)
                inv->index->masters_dirty = true;
}

struct interface *inventory_next_port(const struct inventory *inv, int master_ifindex, size_t *it)
{
        struct inv_index *x = index_interfaces(inv);
        uint64_t h = ifindex_hash(master_ifindex);

        if (!master_ifindex)
                return NULL;
        if (!x) {
                for (; *it < inv->n_ifs; ++*it)
                        if (inv->ifs[*it].master_ifindex == master_ifindex)
                                return &inv->ifs[(*it)++];
                return NULL;
        }
        /* *it is the last port returned + 1, which is also its chain link. */
        *it = *it ? hindex_next(&x->if_master, *it, h) : hindex_first(&x->if_master, h);
        for (; *it; *it = hindex_next(&x->if_master, *it, h))
                if (inv->ifs[*it - 1].master_ifindex == master_ifindex)
                        return &inv->ifs[*it - 1];
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
