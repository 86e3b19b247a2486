/*
 * inventory.h - the model: every virtual network, local interface and route
 * the audit knows of, each fact carrying its origin (file:line of a config
 * file, or the kernel interface index it came from).  Loaders (VMware,
 * libvirt, netlink) fill it; analysis and reports only read it.
 * The inventory owns all memory reachable from it; inventory_free() frees it.
 */
#ifndef VNETAUDIT_INVENTORY_H
#define VNETAUDIT_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "diag.h"

#define MAC_STRLEN 18           /* "aa:bb:cc:dd:ee:ff" + NUL */

struct inv_index;               /* hash indexes behind the find functions (inventory.c) */

/* Where a fact came from.  file points into the inventory's string pool. */
struct origin {
        const char *file;       /* NULL for kernel facts */
        unsigned line;          /* 0 = the file as a whole */
        int ifindex;            /* kernel facts: the interface index; else 0 */
};

enum net_source {
        NET_SRC_VMWARE,
        NET_SRC_LIBVIRT,
        NET_SRC_HOST,
        NET_SRC_DOCKER,
        NET_SRC_PODMAN,
        NET_SRC_INCUS,
        _NET_SRC_MAX,
};

enum net_type {
        NET_TYPE_UNKNOWN,
        NET_TYPE_HOSTONLY,      /* VMware host-only */
        NET_TYPE_NAT,
        NET_TYPE_BRIDGED,       /* VMware bridged vmnet, libvirt forward mode bridge */
        NET_TYPE_ROUTED,        /* libvirt route */
        NET_TYPE_OPEN,          /* libvirt open */
        NET_TYPE_ISOLATED,      /* libvirt without <forward> */
        NET_TYPE_DIRECT,        /* libvirt passthrough/private/vepa/hostdev: no host address */
        NET_TYPE_BRIDGE,        /* a host bridge no configuration names */
        NET_TYPE_DEVICE,        /* another virtual device (tap, vboxnet ...) */
        _NET_TYPE_MAX,
};

enum net_state {
        NET_STATE_UNKNOWN,      /* offline: not looked at */
        NET_STATE_UP,           /* its device exists and is up */
        NET_STATE_DOWN,         /* its device exists and is down */
        NET_STATE_ABSENT,       /* configured (and meant to run), no device */
        NET_STATE_INACTIVE,     /* libvirt: defined, not started */
        _NET_STATE_MAX,
};

struct dhcp_range {
        struct addr start, end;
        struct origin origin;
};

struct fixed_host {
        char mac[MAC_STRLEN];   /* normalised lower-case; "" when none (IPv6 by id) */
        struct addr ip;         /* family 0 when only a name/mac is given */
        char *name;             /* may be NULL */
        struct origin origin;
};

/* An address role inside a subnet: host adapter, gateway, DHCP server. */
struct addr_fact {
        bool set;
        struct addr addr;
        struct origin origin;
};

struct subnet {
        struct prefix prefix;           /* normalised (no host bits) */
        struct origin origin;
        struct addr_fact host_address;  /* planned address of the host itself */
        struct addr_fact gateway;       /* NAT gateway / router handed out */
        struct addr_fact dhcp_server;
        struct dhcp_range *ranges;
        size_t n_ranges;
        struct fixed_host *hosts;
        size_t n_hosts;
        size_t cap_ranges, cap_hosts;
};

struct network {
        char *id;                       /* "vmware:vmnet6", "libvirt:default", "host:br0" */
        enum net_source source;
        char *name;
        char *device;                   /* vmnet6, virbr0; NULL when none */
        enum net_type type;
        enum net_state state;
        struct origin origin;
        char *uuid;                     /* may be NULL */
        unsigned mtu;                   /* 0 = default */
        bool persistent, autostart;     /* libvirt */
        bool dhcp_config_stale;         /* VMware: DHCP_CFG_HASH mismatch */
        struct origin dhcp_config_origin;
        char **bridged_to;              /* host interfaces a bridged net attaches to */
        size_t n_bridged_to;
        struct subnet *subnets;
        size_t n_subnets;
        size_t cap_subnets, cap_bridged_to;
        struct inv_index *index;        /* its inventory's: network_set_device() tells it */
        bool device_indexed;
};

enum link_kind {
        LINK_KIND_OTHER,
        LINK_KIND_PHYSICAL,
        LINK_KIND_LOOPBACK,
        LINK_KIND_BRIDGE,
        LINK_KIND_VETH,
        LINK_KIND_TUN,
        LINK_KIND_TAP,
        LINK_KIND_VMNET,
        LINK_KIND_VLAN,
        LINK_KIND_BOND,
        LINK_KIND_MACVLAN,
        LINK_KIND_WIREGUARD,
        LINK_KIND_DUMMY,
        _LINK_KIND_MAX,
};

enum oper_state {
        OPER_UNKNOWN,
        OPER_UP,
        OPER_DOWN,
        OPER_LOWERLAYERDOWN,
        OPER_DORMANT,
        OPER_NOTPRESENT,
        OPER_TESTING,
        _OPER_MAX,
};

struct if_address {
        struct prefix prefix;           /* the address with its prefix length */
        struct origin origin;
        /* Point-to-point ("ip addr add A peer B/P"): prefix is A/32 (/128)
         * and peer is B/P, the other end's prefix. */
        bool has_peer;
        struct prefix peer;
};

struct interface {
        char *name;                     /* raw kernel bytes, NUL-terminated */
        int ifindex;
        enum link_kind kind;
        char *kind_name;                /* IFLA_INFO_KIND as the kernel says, or NULL */
        bool has_mac;
        unsigned char mac[6];
        enum oper_state oper;
        unsigned flags;                 /* IFF_* */
        int master_ifindex;             /* 0 when none */
        struct if_address *addrs;
        size_t n_addrs, cap_addrs;
};

struct route {
        unsigned table;
        struct prefix dst;
        int ifindex;                    /* 0 when none */
        struct addr_fact gateway;
        unsigned protocol, scope, type;
        struct origin origin;
};

/* A container manager's allocation pool: subnets of `size` bits it carves
 * out of `base` for networks created later (Docker default-address-pools,
 * Podman default_subnet_pools).  A plan, not a network. */
struct addr_pool {
        enum net_source source;
        struct prefix base;             /* normalised */
        unsigned size;                  /* prefix length of each subnet handed out */
        struct origin origin;
        bool builtin;                   /* the manager's default, not configured */
};

struct inventory {
        char *hostname;
        char *machine_id;               /* NULL when unknown */
        struct network *nets;
        size_t n_nets, cap_nets;
        struct interface *ifs;
        size_t n_ifs, cap_ifs;
        struct route *routes;
        size_t n_routes, cap_routes;
        struct addr_pool *pools;
        size_t n_pools, cap_pools;
        struct diag_list diags;
        bool have_kernel;               /* links/addresses/routes were read */
        char **pool;                    /* interned file names */
        size_t n_pool, cap_pool;
        struct inv_index *index;        /* built as needed; freed with the inventory */
};

void inventory_init(struct inventory *inv);
void inventory_free(struct inventory *inv);

/* Interned copy of a file name; NULL on ENOMEM. */
const char *inventory_intern(struct inventory *inv, const char *file);
struct origin origin_file(struct inventory *inv, const char *file, unsigned line);
struct origin origin_kernel(int ifindex);
/* "file:line", "file", or "kernel (ifindex N)" into buf. */
const char *origin_format(const struct origin *o, char *buf, size_t size);

/* New zeroed network "source:name" appended; NULL on ENOMEM.  The pointer is
 * valid until the next inventory_add_network(). */
struct network *inventory_add_network(struct inventory *inv, enum net_source src, const char *name);
/* The lookups take a const inventory (their hash index is a cache behind
 * a pointer) and, like strchr, hand back a pointer the loaders may write
 * through; renderers keep it const. */
struct network *inventory_find_network(const struct inventory *inv, enum net_source src, const char *name);
struct network *inventory_find_network_by_device(const struct inventory *inv, const char *device);
/* By id ("libvirt:default"), through the (source, name) index; NULL when none. */
struct network *inventory_find_network_by_id(const struct inventory *inv, const char *id);
struct subnet *network_add_subnet(struct network *net);
int network_add_bridged_to(struct network *net, const char *ifname);
int network_set_device(struct network *net, const char *device);
struct dhcp_range *subnet_add_range(struct subnet *s);
struct fixed_host *subnet_add_host(struct subnet *s);
void addr_fact_set(struct addr_fact *f, const struct addr *a, struct origin o);

/* Lookups by name and ifindex are hashed; an interface is indexed at the
 * first lookup after it was added, so set its name and ifindex before. */
struct interface *inventory_add_interface(struct inventory *inv);
struct interface *inventory_find_interface(const struct inventory *inv, const char *name);
struct interface *inventory_interface_by_index(const struct inventory *inv, int ifindex);
/* The ports of a master (bridge) in inventory order: start with *it = 0;
 * each call returns the next interface whose master_ifindex is
 * master_ifindex, NULL after the last. */
struct interface *inventory_next_port(const struct inventory *inv, int master_ifindex, size_t *it);
/* Makes ifc a port of master_ifindex (0: of none); unlike a plain store it
 * keeps inventory_next_port right when ifc has been looked up already. */
void inventory_set_master(struct inventory *inv, struct interface *ifc, int master_ifindex);
struct if_address *interface_add_address(struct interface *ifc);
struct route *inventory_add_route(struct inventory *inv);
struct addr_pool *inventory_add_pool(struct inventory *inv);

/* Name tables (stable JSON values). */
const char *net_source_name(enum net_source s);
const char *net_type_name(enum net_type t);
const char *net_state_name(enum net_state s);
const char *link_kind_name(enum link_kind k);
const char *oper_state_name(enum oper_state s);
void mac_format(const unsigned char mac[6], char buf[static MAC_STRLEN]);
/* Accepts "aa:bb:cc:dd:ee:ff" and "aa-bb-...", any case, one or two hex
 * digits per byte.  0 or -EINVAL. */
int mac_parse(const char *s, unsigned char ret[6]);

#endif
