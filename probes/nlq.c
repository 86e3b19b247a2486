/*
 * nlq.c - netlink inventory: dumps links, addresses, nexthop objects and
 * routes of every table and copies them into the inventory.  Each dump is
 * received message by message and parsed into libnl-3 objects without a
 * libnl cache (whose hash table costs seconds at 20,000 links) - links
 * into the few facts kept (nlq_link.c), the rest by libnl - collected
 * whole, then applied: an interrupted dump (NLE_DUMP_INTR: the kernel's
 * table changed mid-dump) is thrown away and retried, and retries that run
 * out are reported as such.  libnl's -NLE_* codes become -errno here.
 */
#include <errno.h>
#include <linux/if.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <net/if_arp.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <stdlib.h>
#include <string.h>

#include "nlq.h"
#include "nlq_link.h"
#include "xalloc.h"

#define DUMP_TRIES 5
#define NLQ_RECV_BUF 32768

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

/* ---- nexthop objects (RTM_NEWNEXTHOP), decoded here: libnl 3.7 has none ---- */

void nlq_nexthop_free(struct nlq_nexthop *nh)
{
        if (!nh)
                return;
        free(nh->group);
        *nh = (struct nlq_nexthop){ 0 };
}

int nlq_nexthop_decode(const void *buf, size_t len, struct nlq_nexthop *ret)
{
        static struct nla_policy policy[NHA_MAX + 1] = {
                [NHA_ID] = { .type = NLA_U32 },
                [NHA_OIF] = { .type = NLA_U32 },
                [NHA_BLACKHOLE] = { .type = NLA_FLAG },
        };
        const struct nlmsghdr *nlh = buf;
        struct nlattr *tb[NHA_MAX + 1];
        const struct nhmsg *nhm;

        *ret = (struct nlq_nexthop){ 0 };
        if (len < sizeof(*nlh) || nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len ||
            nlh->nlmsg_type != RTM_NEWNEXTHOP || !nlmsg_valid_hdr(nlh, sizeof(*nhm)))
                return -EBADMSG;
        nhm = nlmsg_data(nlh);
        if (nlmsg_parse((struct nlmsghdr *)nlh, sizeof(*nhm), tb, NHA_MAX, policy) < 0 || !tb[NHA_ID])
                return -EBADMSG;
        ret->id = nla_get_u32(tb[NHA_ID]);
        ret->blackhole = tb[NHA_BLACKHOLE] != NULL;
        if (tb[NHA_OIF])
                ret->ifindex = (int)nla_get_u32(tb[NHA_OIF]);
        if (tb[NHA_GATEWAY]) {
                int glen = nla_len(tb[NHA_GATEWAY]);

                if ((nhm->nh_family == AF_INET && glen == 4) || (nhm->nh_family == AF_INET6 && glen == 16)) {
                        ret->gateway.family = nhm->nh_family;
                        memcpy(ret->gateway.b, nla_data(tb[NHA_GATEWAY]), (size_t)glen);
                        ret->has_gateway = true;
                } else {
                        return -EBADMSG;
                }
        }
        if (tb[NHA_GROUP]) {
                size_t glen = (size_t)nla_len(tb[NHA_GROUP]);
                const struct nexthop_grp *g = nla_data(tb[NHA_GROUP]);

                if (glen == 0 || glen % sizeof(*g))
                        return -EBADMSG;
                ret->n_group = glen / sizeof(*g);
                if (!(ret->group = calloc(ret->n_group, sizeof(*ret->group))))
                        return -ENOMEM;
                for (size_t i = 0; i < ret->n_group; i++) {
                        struct nexthop_grp e;

                        memcpy(&e, g + i, sizeof(e));   /* attribute data is 4-aligned only */
                        ret->group[i] = e.id;
                }
        }
        return 0;
}

/* ---- collecting one dump ---- */

enum dump { DUMP_LINKS, DUMP_ADDRS, DUMP_NEXTHOPS, DUMP_ROUTES };

static const char *const dump_names[] = { "links", "addresses", "nexthops", "routes" };

struct collected {
        struct nl_object *obj;
        uint32_t nh_id;                 /* routes: RTA_NH_ID, 0 when none */
};

struct collect {
        enum dump what;
        struct collected *v;
        size_t n, cap;
        struct nlq_nexthop *nhs;
        size_t n_nhs, cap_nhs;
        struct nlq_link *links;         /* links are decoded here, not by libnl */
        size_t n_links, cap_links;
        uint32_t cur_nh_id;
        int err;
};

static void collect_reset(struct collect *c)
{
        for (size_t i = 0; i < c->n; i++)
                nl_object_put(c->v[i].obj);
        free(c->v);
        for (size_t i = 0; i < c->n_nhs; i++)
                nlq_nexthop_free(&c->nhs[i]);
        free(c->nhs);
        for (size_t i = 0; i < c->n_links; i++)
                nlq_link_free(&c->links[i]);
        free(c->links);
        *c = (struct collect){ .what = c->what };
}

static void keep_object(struct nl_object *obj, void *arg)
{
        struct collect *c = arg;
        struct collected *e;

        if (c->err)
                return;
        if (!(e = ARRAY_PUSH(c->v, c->n, c->cap))) {
                c->err = -ENOMEM;
                return;
        }
        nl_object_get(obj);
        e->obj = obj;
        e->nh_id = c->cur_nh_id;
}

/* Routes that are not part of the address plan: the kernel's local,
 * broadcast, multicast and anycast entries restate the interface
 * addresses; other families than IPv4/IPv6 have no subnets. */
static bool route_ignored(int family, unsigned type)
{
        return (family != AF_INET && family != AF_INET6) || type == RTN_LOCAL ||
               type == RTN_BROADCAST || type == RTN_MULTICAST || type == RTN_ANYCAST;
}

static int on_message(struct nl_msg *msg, void *arg)
{
        struct collect *c = arg;
        struct nlmsghdr *nlh = nlmsg_hdr(msg);

        if (c->err)
                return NL_SKIP;
        if (c->what == DUMP_NEXTHOPS) {
                struct nlq_nexthop nh;
                int r = nlq_nexthop_decode(nlh, nlh->nlmsg_len, &nh);
                struct nlq_nexthop *slot;

                if (r == -ENOMEM)
                        c->err = r;
                if (r < 0)
                        return NL_SKIP; /* one undecodable nexthop is not the table */
                if (!(slot = ARRAY_PUSH(c->nhs, c->n_nhs, c->cap_nhs))) {
                        nlq_nexthop_free(&nh);
                        c->err = -ENOMEM;
                        return NL_SKIP;
                }
                *slot = nh;
                return NL_OK;
        }
        if (c->what == DUMP_LINKS) {
                struct nlq_link l, *slot;
                int r = nlq_link_decode(nlh, nlh->nlmsg_len, &l);

                if (r == -ENOMEM)
                        c->err = r;
                if (r < 0)
                        return NL_SKIP; /* what libnl's parser refuses is skipped */
                if (!(slot = ARRAY_PUSH(c->links, c->n_links, c->cap_links))) {
                        nlq_link_free(&l);
                        c->err = -ENOMEM;
                        return NL_SKIP;
                }
                *slot = l;
                return NL_OK;
        }
        c->cur_nh_id = 0;
        if (c->what == DUMP_ROUTES && nlmsg_valid_hdr(nlh, sizeof(struct rtmsg))) {
                const struct rtmsg *rtm = nlmsg_data(nlh);
                struct nlattr *a;

                /* What add_route() drops anyway is not parsed at all: the
                 * local table restates every address (two routes each). */
                if (route_ignored(rtm->rtm_family, rtm->rtm_type))
                        return NL_OK;
                a = nlmsg_find_attr(nlh, sizeof(struct rtmsg), RTA_NH_ID);

                if (a && nla_len(a) >= (int)sizeof(uint32_t))
                        c->cur_nh_id = nla_get_u32(a);
        }
        /* Unknown or malformed messages are skipped, as libnl's caches do. */
        if (nl_msg_parse(msg, keep_object, c) == -NLE_NOMEM)
                c->err = -ENOMEM;
        return NL_OK;
}

static int request(struct nl_sock *sk, enum dump what)
{
        switch (what) {
        case DUMP_LINKS: {
                struct ifinfomsg m = { .ifi_family = AF_UNSPEC };
                return nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &m, sizeof(m));
        }
        case DUMP_ADDRS: {
                struct ifaddrmsg m = { .ifa_family = AF_UNSPEC };
                return nl_send_simple(sk, RTM_GETADDR, NLM_F_DUMP, &m, sizeof(m));
        }
        case DUMP_NEXTHOPS: {
                struct nhmsg m = { .nh_family = AF_UNSPEC };
                return nl_send_simple(sk, RTM_GETNEXTHOP, NLM_F_DUMP, &m, sizeof(m));
        }
        case DUMP_ROUTES: {
                struct rtmsg m = { .rtm_family = AF_UNSPEC };
                return nl_send_simple(sk, RTM_GETROUTE, NLM_F_DUMP, &m, sizeof(m));
        }
        }
        return -NLE_INVAL;
}

/* One complete dump into c, or a -NLE_* code (-NLE_DUMP_INTR included). */
static int dump_once(struct nl_sock *sk, struct collect *c)
{
        int r;

        if (nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_message, c) < 0)
                return -NLE_NOMEM;
        if ((r = request(sk, c->what)) < 0)
                return r;
        r = nl_recvmsgs_default(sk);
        if (r >= 0 && c->err == -ENOMEM)
                return -NLE_NOMEM;
        return r < 0 ? r : 0;
}

int nlq_dump_retry(int (*once)(void *), void *arg, void (*reset)(void *), unsigned tries,
                   unsigned *ret_tries)
{
        int r = -NLE_DUMP_INTR;
        unsigned i;

        for (i = 0; i < tries && r == -NLE_DUMP_INTR; i++) {
                if (i)
                        reset(arg);     /* a half-changed table is not a table */
                r = once(arg);
        }
        *ret_tries = i;
        return r;
}

struct once_arg {
        struct nl_sock *sk;
        struct collect *c;
};

static int once_cb(void *arg)
{
        struct once_arg *o = arg;

        return dump_once(o->sk, o->c);
}

static void reset_cb(void *arg)
{
        collect_reset(((struct once_arg *)arg)->c);
}

static int dump(struct inventory *inv, struct nl_sock *sk, struct collect *c)
{
        struct once_arg o = { .sk = sk, .c = c };
        unsigned tries;
        int r = nlq_dump_retry(once_cb, &o, reset_cb, NLQ_DUMP_TRIES, &tries);

        if (r == -NLE_DUMP_INTR) {
                if (diag_add(&inv->diags, NULL, 0, SEV_ERROR,
                             "netlink: the kernel's %s changed during each of %u dumps in a row; "
                             "gave up (try again when the network configuration is quiet)",
                             dump_names[c->what], tries) < 0)
                        return -ENOMEM;
                return -EAGAIN;
        }
        /* Old kernels have no nexthop objects: then no route uses one. */
        if (c->what == DUMP_NEXTHOPS && (r == -NLE_OPNOTSUPP || r == -NLE_INVAL ||
                                         r == -NLE_AF_NOSUPPORT || r == -NLE_OBJ_NOTFOUND)) {
                collect_reset(c);
                return 0;
        }
        if (r < 0) {
                if (diag_add(&inv->diags, NULL, 0, SEV_ERROR, "netlink: cannot dump %s: %s",
                             dump_names[c->what], nl_geterror(r)) < 0)
                        return -ENOMEM;
                return nle_to_errno(r);
        }
        return 0;
}

/* ---- applying a dump to the inventory ---- */

/* The link's kind string moves into the interface. */
static int add_link(struct inventory *inv, struct nlq_link *l)
{
        struct interface *ifc;

        if (!(ifc = inventory_add_interface(inv)))
                return -ENOMEM;
        ifc->ifindex = l->ifindex;
        ifc->flags = l->flags;
        ifc->oper = oper_from_kernel(l->operstate);
        ifc->master_ifindex = l->master;
        ifc->kind = nlq_classify(l->kind, l->name, ifc->flags, l->arptype);
        if (l->has_mac) {
                ifc->has_mac = true;
                memcpy(ifc->mac, l->mac, 6);
        }
        ifc->kind_name = l->kind;
        l->kind = NULL;
        if (!(ifc->name = strdup(l->name)))
                return -ENOMEM;
        return 0;
}

static int add_address(struct inventory *inv, struct rtnl_addr *ra)
{
        int ifindex = rtnl_addr_get_ifindex(ra);
        struct interface *ifc = inventory_interface_by_index(inv, ifindex);
        struct nl_addr *peer = rtnl_addr_get_peer(ra);
        struct if_address *ia;
        struct addr a, p;

        if (!ifc || !addr_from_nl(rtnl_addr_get_local(ra), &a))
                return 0;
        if (!(ia = interface_add_address(ifc)))
                return -ENOMEM;
        ia->origin = origin_kernel(ifindex);
        /* "ip addr add A peer B/P": the prefix length belongs to the peer
         * (IFA_ADDRESS); the local address is a host address of its own. */
        if (addr_from_nl(peer, &p) && !addr_eq(&p, &a)) {
                prefix_make(&a, a.family == AF_INET ? 32 : 128, &ia->prefix);
                prefix_make(&p, (unsigned)rtnl_addr_get_prefixlen(ra), &ia->peer);
                ia->has_peer = true;
                return 0;
        }
        prefix_make(&a, (unsigned)rtnl_addr_get_prefixlen(ra), &ia->prefix);
        return 0;
}

static int cmp_nh_id(const void *a, const void *b)
{
        uint32_t x = ((const struct nlq_nexthop *)a)->id, y = ((const struct nlq_nexthop *)b)->id;

        return x < y ? -1 : x > y;
}

static const struct nlq_nexthop *find_nexthop(const struct collect *nh, uint32_t id)
{
        struct nlq_nexthop key = { .id = id };

        return nh->n_nhs ? bsearch(&key, nh->nhs, nh->n_nhs, sizeof(key), cmp_nh_id) : NULL;
}

/* One inventory route per next hop, all sharing the route's fields. */
static int add_hop(struct inventory *inv, const struct route *base, int ifindex, const struct addr *gw)
{
        struct route *r = inventory_add_route(inv);

        if (!r)
                return -ENOMEM;
        *r = *base;
        r->ifindex = ifindex;
        if (gw)
                addr_fact_set(&r->gateway, gw, origin_kernel(ifindex));
        r->origin = origin_kernel(ifindex);
        return 0;
}

static int add_nexthop_object(struct inventory *inv, const struct route *base,
                              const struct collect *nh, const struct nlq_nexthop *o, int depth)
{
        int k = 0;

        if (o->n_group) {
                /* A group's members are single nexthops (the kernel refuses
                 * nested groups); depth only guards against a hostile dump. */
                for (size_t i = 0; i < o->n_group && k >= 0; i++) {
                        const struct nlq_nexthop *m = find_nexthop(nh, o->group[i]);

                        if (m && depth < 2)
                                k = add_nexthop_object(inv, base, nh, m, depth + 1);
                }
                return k;
        }
        return add_hop(inv, base, o->blackhole ? 0 : o->ifindex, o->has_gateway ? &o->gateway : NULL);
}

static int add_route(struct inventory *inv, struct rtnl_route *rr, uint32_t nh_id, const struct collect *nh)
{
        struct nl_addr *dst = rtnl_route_get_dst(rr);
        int family = rtnl_route_get_family(rr);
        uint8_t type = rtnl_route_get_type(rr);
        int n_hops = rtnl_route_get_nnexthops(rr);
        const struct nlq_nexthop *o;
        struct route base = { 0 };
        struct addr a = { .family = family };
        size_t before = inv->n_routes;
        int k = 0;

        if (route_ignored(family, type))
                return 0;
        base.table = rtnl_route_get_table(rr);
        base.protocol = rtnl_route_get_protocol(rr);
        base.scope = rtnl_route_get_scope(rr);
        base.type = type;
        if (dst && addr_from_nl(dst, &a))
                prefix_make(&a, nl_addr_get_prefixlen(dst), &base.dst);
        else
                prefix_make(&a, 0, &base.dst);  /* default route */
        /* Every next hop of a multipath route: each sends part of the
         * destination to its device. */
        for (int i = 0; i < n_hops && k >= 0; i++) {
                struct rtnl_nexthop *hop = rtnl_route_nexthop_n(rr, i);
                struct addr gw;

                if (hop)
                        k = add_hop(inv, &base, rtnl_route_nh_get_ifindex(hop),
                                    addr_from_nl(rtnl_route_nh_get_gateway(hop), &gw) ? &gw : NULL);
        }
        /* A route through a nexthop object carries only its id unless the
         * kernel expands it (net.ipv4.nexthop_compat_mode=1): resolve it. */
        if (k >= 0 && inv->n_routes == before && nh_id && (o = find_nexthop(nh, nh_id)))
                k = add_nexthop_object(inv, &base, nh, o, 0);
        if (k >= 0 && inv->n_routes == before)
                k = add_hop(inv, &base, 0, NULL);
        return k;
}

static int apply(struct inventory *inv, struct collect *c, const struct collect *nh)
{
        int r = 0;

        for (size_t i = 0; c->what == DUMP_LINKS && i < c->n_links && r >= 0; i++)
                r = add_link(inv, &c->links[i]);
        for (size_t i = 0; i < c->n && r >= 0; i++) {
                struct nl_object *o = c->v[i].obj;

                switch (c->what) {
                case DUMP_LINKS: break;
                case DUMP_ADDRS: r = add_address(inv, (struct rtnl_addr *)o); break;
                case DUMP_ROUTES: r = add_route(inv, (struct rtnl_route *)o, c->v[i].nh_id, nh); break;
                case DUMP_NEXTHOPS: break;
                }
        }
        return r;
}

int nlq_load(struct inventory *inv)
{
        struct nl_sock *sk = nl_socket_alloc();
        struct collect c = { 0 }, nh = { .what = DUMP_NEXTHOPS };
        static const enum dump order[] = { DUMP_LINKS, DUMP_ADDRS, DUMP_NEXTHOPS, DUMP_ROUTES };
        int r;

        if (!sk)
                return -ENOMEM;
        if ((r = nl_connect(sk, NETLINK_ROUTE)) < 0) {
                diag_add(&inv->diags, NULL, 0, SEV_ERROR, "netlink: cannot connect: %s",
                         nl_geterror(r));
                nl_socket_free(sk);
                return nle_to_errno(r);
        }
        /* Dumps come in skbs as large as the reader's buffer (up to 32 KiB):
         * with libnl's default of one page, 20,000 links take ten times the
         * round trips.  Peeking stays on, so a larger message still fits. */
        if ((r = nl_socket_set_msg_buf_size(sk, NLQ_RECV_BUF)) >= 0)
                nl_socket_enable_msg_peek(sk);
        r = 0;
        for (size_t i = 0; i < sizeof(order) / sizeof(order[0]) && r >= 0; i++) {
                struct collect *into = order[i] == DUMP_NEXTHOPS ? &nh : &c;

                into->what = order[i];
                r = dump(inv, sk, into);
                if (r >= 0 && order[i] == DUMP_NEXTHOPS && nh.n_nhs)
                        qsort(nh.nhs, nh.n_nhs, sizeof(*nh.nhs), cmp_nh_id);
                if (r >= 0 && into == &c)
                        r = apply(inv, &c, &nh);
                if (into == &c)
                        collect_reset(&c);
        }
        collect_reset(&nh);
        nl_socket_free(sk);
        if (r >= 0)
                inv->have_kernel = true;
        return r;
}
