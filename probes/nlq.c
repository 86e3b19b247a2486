/*
 * nlq.c - netlink inventory: dumps links, addresses and routes of every
 * table with libnl-3 and copies them into the inventory.  libnl's own
 * -NLE_* codes are translated to -errno here; an interrupted dump
 * (NLE_DUMP_INTR: the kernel's table changed mid-dump) is retried.
 */
#include <errno.h>
#include <linux/if.h>
#include <net/if_arp.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <stdlib.h>
#include <string.h>

#include "nlq.h"

#define DUMP_TRIES 5

static int nle_to_errno(int nle)
{
        switch (nle < 0 ? -nle : nle) {
        case 0: return 0;
        case NLE_NOMEM: return -ENOMEM;
        case NLE_PERM: return -EPERM;
        case NLE_NOACCESS: return -EACCES;
        case NLE_AGAIN: return -EAGAIN;
        case NLE_DUMP_INTR: return -EINTR;
        case NLE_OPNOTSUPP: return -EOPNOTSUPP;
        case NLE_AF_NOSUPPORT: return -EAFNOSUPPORT;
        case NLE_NODEV: return -ENODEV;
        default: return -EIO;
        }
}

static bool name_has_prefix(const char *name, const char *prefix)
{
        return strncmp(name, prefix, strlen(prefix)) == 0;
}

enum link_kind nlq_classify(const char *info_kind, const char *name, unsigned flags,
                            unsigned arptype)
{
        static const struct {
                const char *kind;
                enum link_kind k;
        } kinds[] = {
                { "bridge", LINK_KIND_BRIDGE }, { "veth", LINK_KIND_VETH },
                { "vlan", LINK_KIND_VLAN }, { "bond", LINK_KIND_BOND },
                { "macvlan", LINK_KIND_MACVLAN }, { "macvtap", LINK_KIND_MACVLAN },
                { "wireguard", LINK_KIND_WIREGUARD }, { "dummy", LINK_KIND_DUMMY },
        };

        if (flags & IFF_LOOPBACK)
                return LINK_KIND_LOOPBACK;
        if (info_kind) {
                if (strcmp(info_kind, "tun") == 0)
                        /* A tap carries Ethernet frames; a tun has no link layer. */
                        return arptype == ARPHRD_ETHER ? LINK_KIND_TAP : LINK_KIND_TUN;
                for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
                        if (strcmp(info_kind, kinds[i].kind) == 0)
                                return kinds[i].k;
                return LINK_KIND_OTHER;
        }
        /* VMware's vmnet driver registers plain Ethernet devices without a kind. */
        if (name_has_prefix(name, "vmnet"))
                return LINK_KIND_VMNET;
        if (arptype == ARPHRD_ETHER || arptype == ARPHRD_IEEE80211)
                return LINK_KIND_PHYSICAL;
        return LINK_KIND_OTHER;
}

static enum oper_state oper_from_kernel(uint8_t s)
{
        switch (s) {
        case IF_OPER_UP: return OPER_UP;
        case IF_OPER_DOWN: return OPER_DOWN;
        case IF_OPER_LOWERLAYERDOWN: return OPER_LOWERLAYERDOWN;
        case IF_OPER_DORMANT: return OPER_DORMANT;
        case IF_OPER_NOTPRESENT: return OPER_NOTPRESENT;
        case IF_OPER_TESTING: return OPER_TESTING;
        default: return OPER_UNKNOWN;
        }
}

/* Copies a libnl address into ours; false for anything not IPv4/IPv6. */
static bool addr_from_nl(struct nl_addr *na, struct addr *ret)
{
        int fam = na ? nl_addr_get_family(na) : 0;
        unsigned len = na ? nl_addr_get_len(na) : 0;

        if ((fam != AF_INET || len != 4) && (fam != AF_INET6 || len != 16))
                return false;
        memset(ret, 0, sizeof(*ret));
        ret->family = fam;
        memcpy(ret->b, nl_addr_get_binary_addr(na), len);
        return true;
}

struct walk {
        struct inventory *inv;
        int err;
};

static void add_link(struct nl_object *obj, void *arg)
{
        struct walk *w = arg;
        struct rtnl_link *link = (struct rtnl_link *)obj;
        struct nl_addr *ll = rtnl_link_get_addr(link);
        const char *name = rtnl_link_get_name(link);
        const char *kind = rtnl_link_get_type(link);
        struct interface *ifc;

        if (w->err || !name)
                return;
        if (!(ifc = inventory_add_interface(w->inv))) {
                w->err = -ENOMEM;
                return;
        }
        ifc->ifindex = rtnl_link_get_ifindex(link);
        ifc->flags = rtnl_link_get_flags(link);
        ifc->oper = oper_from_kernel(rtnl_link_get_operstate(link));
        ifc->master_ifindex = rtnl_link_get_master(link);
        ifc->kind = nlq_classify(kind, name, ifc->flags, rtnl_link_get_arptype(link));
        if (ll && nl_addr_get_len(ll) == 6) {
                ifc->has_mac = true;
                memcpy(ifc->mac, nl_addr_get_binary_addr(ll), 6);
        }
        if (!(ifc->name = strdup(name)) || (kind && !(ifc->kind_name = strdup(kind))))
                w->err = -ENOMEM;
}

static void add_address(struct nl_object *obj, void *arg)
{
        struct walk *w = arg;
        struct rtnl_addr *ra = (struct rtnl_addr *)obj;
        int ifindex = rtnl_addr_get_ifindex(ra);
        struct interface *ifc = inventory_interface_by_index(w->inv, ifindex);
        struct if_address *ia;
        struct addr a;

        if (w->err || !ifc || !addr_from_nl(rtnl_addr_get_local(ra), &a))
                return;
        if (!(ia = interface_add_address(ifc))) {
                w->err = -ENOMEM;
                return;
        }
        prefix_make(&a, (unsigned)rtnl_addr_get_prefixlen(ra), &ia->prefix);
        ia->origin = origin_kernel(ifindex);
}

static void add_route(struct nl_object *obj, void *arg)
{
        struct walk *w = arg;
        struct rtnl_route *rr = (struct rtnl_route *)obj;
        struct nl_addr *dst = rtnl_route_get_dst(rr);
        int family = rtnl_route_get_family(rr);
        uint8_t type = rtnl_route_get_type(rr);
        struct rtnl_nexthop *nh;
        struct route *r;
        struct addr a = { .family = family };

        /* The kernel's local/broadcast/multicast entries restate the
         * interface addresses; they are not part of the address plan. */
        if (w->err || (family != AF_INET && family != AF_INET6) ||
            type == RTN_LOCAL || type == RTN_BROADCAST || type == RTN_MULTICAST ||
            type == RTN_ANYCAST)
                return;
        if (!(r = inventory_add_route(w->inv))) {
                w->err = -ENOMEM;
                return;
        }
        r->table = rtnl_route_get_table(rr);
        r->protocol = rtnl_route_get_protocol(rr);
        r->scope = rtnl_route_get_scope(rr);
        r->type = type;
        if (dst && addr_from_nl(dst, &a))
                prefix_make(&a, nl_addr_get_prefixlen(dst), &r->dst);
        else
                prefix_make(&a, 0, &r->dst);     /* default route */
        if (rtnl_route_get_nnexthops(rr) > 0 && (nh = rtnl_route_nexthop_n(rr, 0))) {
                struct addr gw;

                r->ifindex = rtnl_route_nh_get_ifindex(nh);
                if (addr_from_nl(rtnl_route_nh_get_gateway(nh), &gw))
                        addr_fact_set(&r->gateway, &gw, origin_kernel(r->ifindex));
        }
        r->origin = origin_kernel(r->ifindex);
}

enum dump { DUMP_LINKS, DUMP_ADDRS, DUMP_ROUTES };

static int dump_once(struct nl_sock *sk, enum dump what, struct nl_cache **ret)
{
        switch (what) {
        case DUMP_LINKS: return rtnl_link_alloc_cache(sk, AF_UNSPEC, ret);
        case DUMP_ADDRS: return rtnl_addr_alloc_cache(sk, ret);
        case DUMP_ROUTES: return rtnl_route_alloc_cache(sk, AF_UNSPEC, 0, ret);
        }
        return -NLE_INVAL;
}

static const char *const dump_names[] = { "links", "addresses", "routes" };

static int dump(struct inventory *inv, struct nl_sock *sk, enum dump what,
                void (*cb)(struct nl_object *, void *))
{
        struct nl_cache *cache = NULL;
        struct walk w = { .inv = inv };
        int r = 0;

        for (int i = 0; i < DUMP_TRIES; i++) {
                r = dump_once(sk, what, &cache);
                if (r != -NLE_DUMP_INTR)
                        break;
        }
        if (r < 0) {
                diag_add(&inv->diags, NULL, 0, SEV_ERROR, "netlink: cannot dump %s: %s",
                         dump_names[what], nl_geterror(r));
                return nle_to_errno(r);
        }
        nl_cache_foreach(cache, cb, &w);
        nl_cache_free(cache);
        return w.err;
}

int nlq_load(struct inventory *inv)
{
        struct nl_sock *sk = nl_socket_alloc();
        int r;

        if (!sk)
                return -ENOMEM;
        if ((r = nl_connect(sk, NETLINK_ROUTE)) < 0) {
                diag_add(&inv->diags, NULL, 0, SEV_ERROR, "netlink: cannot connect: %s",
                         nl_geterror(r));
                nl_socket_free(sk);
                return nle_to_errno(r);
        }
        r = dump(inv, sk, DUMP_LINKS, add_link);
        if (r >= 0)
                r = dump(inv, sk, DUMP_ADDRS, add_address);
        if (r >= 0)
                r = dump(inv, sk, DUMP_ROUTES, add_route);
        nl_socket_free(sk);
        if (r >= 0)
                inv->have_kernel = true;
        return r;
}
