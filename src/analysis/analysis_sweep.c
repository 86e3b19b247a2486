/*
 * analysis_sweep.c - every overlap between configured subnets, interface
 * addresses and routes from one sweep over all prefixes sorted by first
 * address: prefixes nest or are disjoint, so a stack of open prefixes
 * yields every overlapping pair in O(n log n + pairs).  Each pair, or run
 * of subnets on one prefix, goes to the family of checks it concerns.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "analysis_checks.h"
#include "xalloc.h"

#define RT_TABLE_LOCAL 255      /* the kernel's local/broadcast table */
#define RTN_UNICAST_ 1

/* ---- the sweep ----------------------------------------------------------- */

enum item_kind { IT_SUBNET, IT_IFADDR, IT_ROUTE };

struct item {
        struct addr first, last;
        unsigned len;
        enum item_kind kind;
        size_t a, b;            /* net/subnet, interface/address, route/- */
        size_t run;             /* subnets: how many on this very prefix start here; 0 = not a head */
};

static int cmp_item(const void *pa, const void *pb)
{
        const struct item *x = pa, *y = pb;
        int r;

        if (x->first.family != y->first.family)
                return x->first.family < y->first.family ? -1 : 1;
        if ((r = memcmp(x->first.b, y->first.b, 16)))
                return r;
        if (x->len != y->len)
                return x->len < y->len ? -1 : 1;        /* the container first */
        if (x->kind != y->kind)
                return x->kind < y->kind ? -1 : 1;
        if (x->a != y->a)
                return x->a < y->a ? -1 : 1;
        return (x->b > y->b) - (x->b < y->b);
}

static bool skip_prefix(const struct prefix *p)
{
        const uint8_t *b = p->addr.b;

        if (p->addr.family == AF_INET6)
                return (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || b[0] == 0xff ||
                       (p->len == 128 && addr_is_zero(&p->addr)) ||
                       (p->len == 128 && b[15] == 1 && memcmp(b, (uint8_t[15]){ 0 }, 15) == 0);
        return p->addr.family == AF_INET && b[0] == 127;
}

static struct item *push_item(struct item **v, size_t *n, size_t *cap, const struct prefix *p,
                              enum item_kind kind, size_t a, size_t b)
{
        struct item *it;

        if (grow((void **)v, cap, *n + 1, sizeof(**v)) < 0)
                return NULL;
        it = &(*v)[(*n)++];
        it->first = prefix_first(p);
        it->last = prefix_last(p);
        /* compare all 16 bytes in cmp_item: the unused ones must be zero */
        if (p->addr.family == AF_INET) {
                memset(it->first.b + 4, 0, 12);
                memset(it->last.b + 4, 0, 12);
        }
        it->len = p->len;
        it->run = 1;
        it->kind = kind;
        it->a = a;
        it->b = b;
        return it;
}

static int collect_items(const struct ctx *c, struct item **ret, size_t *ret_n)
{
        const struct inventory *inv = c->inv;
        struct item *v = NULL;
        size_t n = 0, cap = 0;

        for (size_t i = 0; i < inv->n_nets; i++) {
                if (!is_configured(&inv->nets[i]))
                        continue;
                for (size_t k = 0; k < inv->nets[i].n_subnets; k++) {
                        const struct prefix *p = &inv->nets[i].subnets[k].prefix;

                        if ((p->addr.family == AF_INET || p->addr.family == AF_INET6) &&
                            !push_item(&v, &n, &cap, p, IT_SUBNET, i, k))
                                goto enomem;
                }
        }
        for (size_t i = 0; i < inv->n_ifs; i++) {
                const struct interface *ifc = &inv->ifs[i];

                if (ifc->kind == LINK_KIND_LOOPBACK)
                        continue;
                for (size_t k = 0; k < ifc->n_addrs; k++) {
                        const struct prefix *p = &ifc->addrs[k].prefix;

                        if (!skip_prefix(p) && p->addr.family &&
                            !push_item(&v, &n, &cap, p, IT_IFADDR, i, k))
                                goto enomem;
                }
        }
        for (size_t i = 0; i < inv->n_routes; i++) {
                const struct route *rt = &inv->routes[i];

                /* The default route is not a conflict: every subnet is inside it. */
                if (rt->table == RT_TABLE_LOCAL || (rt->type && rt->type != RTN_UNICAST_) ||
                    rt->dst.len == 0 || !rt->ifindex || skip_prefix(&rt->dst) || !rt->dst.addr.family)
                        continue;
                if (!push_item(&v, &n, &cap, &rt->dst, IT_ROUTE, i, 0))
                        goto enomem;
        }
        *ret = v;
        *ret_n = n;
        return 0;
enomem:
        free(v);
        return -ENOMEM;
}

static void handle_pair(struct ctx *c, const struct item *outer, const struct item *inner)
{
        const struct item *sub, *other;

        if (outer->kind == IT_SUBNET)
                sub = outer, other = inner;
        else if (inner->kind == IT_SUBNET)
                sub = inner, other = outer;
        else
                return;
        switch (other->kind) {
        case IT_SUBNET:
                analysis_subnet_pair(c, outer->a, outer->b, inner->a, inner->b);
                break;
        case IT_IFADDR:
                analysis_subnet_vs_ifaddr(c, sub->a, sub->b, &c->inv->ifs[other->a],
                                 &c->inv->ifs[other->a].addrs[other->b]);
                break;
        case IT_ROUTE:
                analysis_subnet_vs_route(c, sub->a, sub->b, &c->inv->routes[other->a]);
                break;
        }
}

static bool same_prefix(const struct item *x, const struct item *y)
{
        return x->kind == IT_SUBNET && y->kind == IT_SUBNET && x->len == y->len &&
               x->first.family == y->first.family && memcmp(x->first.b, y->first.b, 16) == 0;
}

static struct member *members_of(const struct item *head, int side, struct member *out)
{
        for (size_t i = 0; i < head->run; i++)
                *out++ = (struct member){ head[i].a, head[i].b, side };
        return out;
}

/* Two overlapping entries of the sweep, each a run of subnets on one prefix
 * or a single interface address or route. */
static void handle_runs(struct ctx *c, const struct item *outer, const struct item *inner)
{
        struct member *m;

        if (outer->run == 1 && inner->run == 1) {
                handle_pair(c, outer, inner);
                return;
        }
        if (outer->kind != IT_SUBNET || inner->kind != IT_SUBNET) {
                /* a run against the kernel's one fact: linear in the run */
                for (size_t i = 0; i < outer->run; i++)
                        for (size_t k = 0; k < inner->run; k++)
                                handle_pair(c, outer + i, inner + k);
                return;
        }
        if (!(m = calloc(outer->run + inner->run, sizeof(*m)))) {
                c->em.enomem = 1;
                return;
        }
        members_of(inner, 1, members_of(outer, 0, m));
        analysis_group_overlap(c, m, outer->run + inner->run, false);
        free(m);
}

/* The members of one run among themselves. */
static void handle_run(struct ctx *c, const struct item *head)
{
        struct member *m;

        if (head->run == 2) {
                handle_pair(c, head, head + 1);
                return;
        }
        if (!(m = calloc(head->run, sizeof(*m)))) {
                c->em.enomem = 1;
                return;
        }
        members_of(head, 0, m);
        analysis_group_overlap(c, m, head->run, true);
        free(m);
}

int analysis_sweep(struct ctx *c)
{
        struct item *v = NULL;
        size_t n = 0, depth = 0;
        size_t *stack;
        int r;

        if ((r = collect_items(c, &v, &n)) < 0)
                return r;
        if (!n) {
                free(v);
                return 0;
        }
        qsort(v, n, sizeof(*v), cmp_item);
        /* Subnets on one prefix sort next to each other: one run each. */
        for (size_t i = 0, j; i < n; i = j) {
                for (j = i + 1; j < n && same_prefix(&v[i], &v[j]); j++)
                        v[j].run = 0;
                v[i].run = j - i;
        }
        if (!(stack = malloc(n * sizeof(*stack)))) {
                free(v);
                return -ENOMEM;
        }
        for (size_t i = 0; i < n && !c->em.enomem; i++) {
                const struct item *q = &v[i];

                if (!q->run)
                        continue;       /* in its head's run */
                /* Pop what ends before q starts (or is of the other family);
                 * every prefix left on the stack contains q. */
                while (depth) {
                        const struct item *top = &v[stack[depth - 1]];

                        if (top->first.family == q->first.family &&
                            memcmp(top->last.b, q->first.b, 16) >= 0)
                                break;
                        depth--;
                }
                for (size_t k = 0; k < depth; k++)
                        handle_runs(c, &v[stack[k]], q);
                if (q->run > 1)
                        handle_run(c, q);
                stack[depth++] = i;
        }
        free(stack);
        free(v);
        return c->em.enomem ? -ENOMEM : 0;
}
