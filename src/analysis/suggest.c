/*
 * suggest.c - walks the pools candidate by candidate, jumping over whole
 * exclusions (a crowded /16, a route) instead of stepping through them, so
 * a /30 walk through 10.0.0.0/8 costs what the exclusions cost, not 2^22
 * steps.  Addresses are handled as bytes, IPv6 included (a /64 step does
 * not fit an integer delta).
 */
#include <errno.h>
#include <nettle/sha1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "suggest.h"
#include "xalloc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

void suggest_init(struct suggest_ctx *c, int family, unsigned len)
{
        memset(c, 0, sizeof(*c));
        c->family = family;
        c->len = len;
}

void suggest_free(struct suggest_ctx *c)
{
        if (!c)
                return;
        free(c->pools);
        free(c->excl);
        suggest_init(c, c->family, c->len);
}

bool suggest_len_valid(int family, unsigned len)
{
        if (family == AF_INET)
                return len >= 8 && len <= 30;
        if (family == AF_INET6)
                return len >= 16 && len <= 64;
        return false;
}

int suggest_add_pool(struct suggest_ctx *c, const struct prefix *pool)
{
        struct prefix *p;

        if (pool->addr.family != c->family)
                return -EAFNOSUPPORT;
        if (pool->len > c->len)
                return -EDOM;
        if (!(p = ARRAY_PUSH(c->pools, c->n_pools, c->cap_pools)))
                return -ENOMEM;
        *p = prefix_network(pool);
        return 0;
}

static int add_text_pool(struct suggest_ctx *c, const char *s)
{
        struct prefix p;

        if (prefix_parse(s, &p) < 0)
                return -EINVAL;
        return suggest_add_pool(c, &p);
}

int suggest_default_pools(struct suggest_ctx *c, const void *seed, size_t seed_len)
{
        static const char *const v4[] = { "192.168.0.0/16", "172.16.0.0/12", "10.0.0.0/8" };

        if (c->family == AF_INET) {
                for (size_t i = 0; i < N(v4); i++) {
                        int r = add_text_pool(c, v4[i]);

                        if (r < 0)
                                return r;
                }
                return 0;
        }
        if (!seed || !seed_len)
                return -EINVAL;
        {
                /* RFC 4193 3.2.2 derives the Global ID from a SHA-1 digest
                 * and keeps its least significant 40 bits; the input here
                 * is the caller's stable host identity (machine-id). */
                uint8_t d[SHA1_DIGEST_SIZE];
                struct sha1_ctx h;
                struct prefix p = { .addr = { .family = AF_INET6 }, .len = 48 };

                sha1_init(&h);
                sha1_update(&h, seed_len, seed);
                sha1_digest(&h, sizeof(d), d);
                p.addr.b[0] = 0xfd;     /* FC00::/7 with the L bit set */
                memcpy(p.addr.b + 1, d + sizeof(d) - 5, 5);
                return suggest_add_pool(c, &p);
        }
}

/* Crowded stock defaults: whoever plugs the host into another network, or
 * installs the usual tools, meets these subnets.  Documented in vnetaudit(8). */
static const struct {
        const char *prefix, *who;
} crowded[] = {
        { "192.168.0.0/24", "home routers" },
        { "192.168.1.0/24", "home routers" },
        { "192.168.2.0/24", "home routers" },
        { "192.168.8.0/24", "mobile (LTE) routers" },
        { "192.168.49.0/24", "minikube" },
        { "192.168.56.0/24", "VirtualBox host-only" },
        { "192.168.100.0/24", "cable and DSL modems" },
        { "192.168.122.0/24", "libvirt's default network" },
        { "192.168.178.0/24", "AVM FRITZ!Box routers" },
        { "172.17.0.0/16", "Docker's default bridge" },
        { "172.18.0.0/15", "Docker's default address pools" },
        { "172.20.0.0/14", "Docker's default address pools" },
        { "172.24.0.0/13", "Docker's default address pools" },
        { "10.0.0.0/24", "home routers" },
        { "10.0.1.0/24", "home routers" },
        { "10.0.2.0/24", "QEMU and VirtualBox user-mode NAT" },
        { "10.8.0.0/24", "OpenVPN's default server subnet" },
        { "10.42.0.0/16", "NetworkManager shared connections, k3s" },
        { "10.88.0.0/16", "Podman's default network" },
        { "10.96.0.0/12", "Kubernetes service addresses" },
        { "10.244.0.0/16", "Kubernetes (flannel) pod addresses" },
};

int suggest_add_exclusion(struct suggest_ctx *c, const struct prefix *p,
                          enum suggest_excl_kind kind, const char *why)
{
        struct suggest_excl *e;
        bool in_a_pool = c->n_pools == 0;

        if (p->addr.family != c->family)
                return 0;
        /* A router's full table holds a million routes, few of them in the
         * pools: only those are kept, so each candidate is checked against
         * what can matter. */
        for (size_t i = 0; i < c->n_pools && !in_a_pool; i++)
                in_a_pool = prefix_overlaps(&c->pools[i], p);
        if (!in_a_pool)
                return 0;
        if (!(e = ARRAY_PUSH(c->excl, c->n_excl, c->cap_excl)))
                return -ENOMEM;
        e->prefix = prefix_network(p);
        e->kind = kind;
        snprintf(e->why, sizeof(e->why), "%s", why);
        return 0;
}

int suggest_exclude_crowded(struct suggest_ctx *c)
{
        for (size_t i = 0; i < N(crowded); i++) {
                char why[SUGGEST_WHY_MAX];
                struct prefix p;
                int r;

                if (prefix_parse(crowded[i].prefix, &p) < 0)
                        return -EINVAL;
                snprintf(why, sizeof(why), "a crowded default (%s)", crowded[i].who);
                if ((r = suggest_add_exclusion(c, &p, SUGGEST_EXCL_CROWDED, why)) < 0)
                        return r;
        }
        return 0;
}

static const char *table_name(unsigned t, char *buf, size_t size)
{
        switch (t) {
        case 253: return "default";
        case 254: return "main";
        case 255: return "local";
        default: snprintf(buf, size, "%u", t); return buf;
        }
}

int suggest_exclude_inventory(struct suggest_ctx *c, struct inventory *inv)
{
        char why[SUGGEST_WHY_MAX], where[160], pfx[PREFIX_STRLEN], tb[16];
        int r;

        for (size_t i = 0; i < inv->n_nets; i++) {
                const struct network *n = &inv->nets[i];

                for (size_t k = 0; k < n->n_subnets; k++) {
                        const struct subnet *s = &n->subnets[k];

                        if (s->prefix.addr.family != c->family)
                                continue;
                        origin_format(&s->origin, where, sizeof(where));
                        snprintf(why, sizeof(why), "overlaps %s %s (%s)", n->id,
                                 prefix_format(&s->prefix, pfx), where);
                        if ((r = suggest_add_exclusion(c, &s->prefix, SUGGEST_EXCL_NETWORK, why)) < 0)
                                return r;
                        c->n_networks++;
                }
        }
        for (size_t i = 0; i < inv->n_pools; i++) {
                const struct addr_pool *ap = &inv->pools[i];

                if (ap->base.addr.family != c->family)
                        continue;
                /* builtin: "docker built-in default" */
                origin_format(&ap->origin, where, sizeof(where));
                snprintf(why, sizeof(why), "overlaps %s allocation pool %s size %u (%s)",
                         net_source_name(ap->source), prefix_format(&ap->base, pfx), ap->size, where);
                if ((r = suggest_add_exclusion(c, &ap->base, SUGGEST_EXCL_POOL, why)) < 0)
                        return r;
                c->n_alloc_pools++;
        }
        for (size_t i = 0; i < inv->n_ifs; i++) {
                const struct interface *ifc = &inv->ifs[i];

                for (size_t k = 0; k < ifc->n_addrs; k++) {
                        const struct prefix *p = &ifc->addrs[k].prefix;

                        if (p->addr.family != c->family)
                                continue;
                        snprintf(why, sizeof(why), "overlaps address %s of host:%s",
                                 prefix_format(p, pfx), ifc->name);
                        if ((r = suggest_add_exclusion(c, p, SUGGEST_EXCL_ADDRESS, why)) < 0)
                                return r;
                        c->n_addresses++;
                }
        }
        for (size_t i = 0; i < inv->n_routes; i++) {
                const struct route *rt = &inv->routes[i];
                const struct interface *dev = rt->ifindex ? inventory_interface_by_index(inv, rt->ifindex) : NULL;

                if (rt->dst.addr.family != c->family)
                        continue;
                snprintf(why, sizeof(why), "overlaps route %s%s%s (table %s)",
                         prefix_format(&rt->dst, pfx), dev ? " dev " : "", dev ? dev->name : "",
                         table_name(rt->table, tb, sizeof(tb)));
                if ((r = suggest_add_exclusion(c, &rt->dst, SUGGEST_EXCL_ROUTE, why)) < 0)
                        return r;
                c->n_routes++;
        }
        return 0;
}

/* a + 1 within the family's width; false when it wraps. */
static bool addr_inc(struct addr *a)
{
        for (int i = (int)addr_bits(a->family) / 8 - 1; i >= 0; i--)
                if (++a->b[i] != 0)
                        return true;
        return false;
}

/* The cursor moves past last; false when the address space ends there. */
static bool move_past(struct suggest_ctx *c, const struct addr *last)
{
        c->next = *last;
        if (!addr_inc(&c->next)) {
                c->pool++;
                c->started = false;
                return false;
        }
        return true;
}

int suggest_next(struct suggest_ctx *c, struct suggest_step *ret)
{
        for (;;) {
                const struct prefix *pool;
                const struct suggest_excl *why = NULL;
                struct prefix cand;
                struct addr last;
                bool earlier = false;

                if (c->pool >= c->n_pools)
                        return 0;
                pool = &c->pools[c->pool];
                if (!c->started) {
                        c->next = prefix_first(pool);
                        c->started = true;
                }
                if (!prefix_contains(pool, &c->next)) {
                        c->pool++;
                        c->started = false;
                        continue;
                }
                prefix_make(&c->next, c->len, &cand);
                cand = prefix_network(&cand);
                last = prefix_last(&cand);
                for (size_t j = 0; j < c->pool && !earlier; j++)
                        if (prefix_contains_prefix(&c->pools[j], &cand)) {
                                struct addr end = prefix_last(&c->pools[j]);

                                move_past(c, &end);
                                earlier = true;
                        }
                if (earlier)
                        continue;
                for (size_t e = 0; e < c->n_excl && !why; e++) {
                        const struct suggest_excl *x = &c->excl[e];

                        if (!prefix_overlaps(&x->prefix, &cand))
                                continue;
                        /* A route broader than the pool (default route, a
                         * VPN's /1 halves) would rule out everything. */
                        if (x->kind == SUGGEST_EXCL_ROUTE && x->prefix.len < pool->len &&
                            prefix_contains_prefix(&x->prefix, pool))
                                continue;
                        why = x;
                }
                *ret = (struct suggest_step){ .free = !why, .prefix = cand, .why = why };
                if (why && why->prefix.len < c->len) {
                        struct addr end = prefix_last(&why->prefix);

                        ret->skipped_range = true;
                        move_past(c, &end);
                } else {
                        move_past(c, &last);
                }
                return 1;
        }
}

size_t suggest_samples(const struct prefix *p, struct addr out[static SUGGEST_SAMPLES_MAX])
{
        struct prefix net = prefix_network(p);
        uint32_t first, last, size, want[SUGGEST_SAMPLES_MAX];
        size_t n = 0;

        if (net.addr.family == AF_INET6) {
                /* ::1 is the host address the suggested <ip> element takes
                 * (libvirt's and most routers' own choice), ::2 the next a
                 * gateway or second host gets.  Beyond those a prefix's
                 * interface IDs are too sparse for samples to mean anything. */
                if (net.len > 126)
                        return 0;
                for (int64_t k = 1; k <= 2; k++)
                        if (addr_add(&net.addr, k, &out[n]) == 0)
                                n++;
                return n;
        }
        if (net.addr.family != AF_INET || net.len > 30)
                return 0;
        first = addr_ipv4(&net.addr);
        size = net.len ? (uint32_t)1 << (32 - net.len) : 0;
        last = first + size - 1;
        want[0] = first + 1;
        want[1] = last - 1;
        want[2] = first + size / 4;
        want[3] = first + size / 2;
        want[4] = first + size / 4 * 3;
        for (size_t i = 0; i < SUGGEST_SAMPLES_MAX; i++) {
                bool dup = false;

                if (want[i] <= first || want[i] >= last)
                        continue;
                for (size_t k = 0; k < n; k++)
                        dup |= addr_ipv4(&out[k]) == want[i];
                if (!dup)
                        addr_from_ipv4(want[i], &out[n++]);
        }
        return n;
}

static void netmask_text(unsigned len, char buf[static ADDR_STRLEN])
{
        struct addr m;

        addr_from_ipv4(len ? ~(uint32_t)0 << (32 - len) : 0, &m);
        addr_format(&m, buf);
}

int suggest_vmware_lines(const struct prefix *p, unsigned vmnet,
                         char lines[SUGGEST_VMW_LINES][SUGGEST_LINE_MAX])
{
        struct prefix net = prefix_network(p);
        char mask[ADDR_STRLEN], sub[ADDR_STRLEN];
        int n[SUGGEST_VMW_LINES];

        if (net.addr.family != AF_INET)
                return 0;
        netmask_text(net.len, mask);
        addr_format(&net.addr, sub);
        /* The order and spelling of VMware's own `networking` file. */
        n[0] = snprintf(lines[0], SUGGEST_LINE_MAX, "answer VNET_%u_DHCP yes", vmnet);
        n[1] = snprintf(lines[1], SUGGEST_LINE_MAX, "answer VNET_%u_HOSTONLY_NETMASK %s", vmnet, mask);
        n[2] = snprintf(lines[2], SUGGEST_LINE_MAX, "answer VNET_%u_HOSTONLY_SUBNET %s", vmnet, sub);
        n[3] = snprintf(lines[3], SUGGEST_LINE_MAX, "answer VNET_%u_VIRTUAL_ADAPTER yes", vmnet);
        for (size_t i = 0; i < SUGGEST_VMW_LINES; i++)
                if (n[i] < 0 || n[i] >= SUGGEST_LINE_MAX)
                        return -ENOBUFS;
        return SUGGEST_VMW_LINES;
}

int suggest_libvirt_ip(const struct prefix *p, char *buf, size_t size)
{
        struct prefix net = prefix_network(p);
        char host[ADDR_STRLEN], mask[ADDR_STRLEN], s[ADDR_STRLEN], e[ADDR_STRLEN];
        struct addr h;
        int n;

        if (addr_add(&net.addr, 1, &h) < 0)
                return -EINVAL;
        addr_format(&h, host);
        if (net.addr.family == AF_INET6) {
                n = snprintf(buf, size, "<ip family='ipv6' address='%s' prefix='%u'/>", host, net.len);
        } else if (net.len > 29) {
                netmask_text(net.len, mask);
                n = snprintf(buf, size, "<ip address='%s' netmask='%s'/>", host, mask);
        } else {
                uint32_t first = addr_ipv4(&net.addr), sz = (uint32_t)1 << (32 - net.len);
                struct addr a, b;

                /* DHCP in the upper half, as VMware's own .128-.254. */
                addr_from_ipv4(first + sz / 2, &a);
                addr_from_ipv4(first + sz - 2, &b);
                netmask_text(net.len, mask);
                n = snprintf(buf, size, "<ip address='%s' netmask='%s'>\n  <dhcp>\n"
                             "    <range start='%s' end='%s'/>\n  </dhcp>\n</ip>",
                             host, mask, addr_format(&a, s), addr_format(&b, e));
        }
        return n < 0 || (size_t)n >= size ? -ENOBUFS : 0;
}

unsigned suggest_free_vmnet(const struct inventory *inv)
{
        for (unsigned v = 1; v <= 254; v++) {
                char name[16];
                bool used = false;

                if (v == 8)
                        continue;
                snprintf(name, sizeof(name), "vmnet%u", v);
                for (size_t i = 0; i < inv->n_nets && !used; i++)
                        used = inv->nets[i].source == NET_SRC_VMWARE &&
                               ((inv->nets[i].name && strcmp(inv->nets[i].name, name) == 0) ||
                                (inv->nets[i].device && strcmp(inv->nets[i].device, name) == 0));
                if (!used)
                        return v;
        }
        return 0;
}
