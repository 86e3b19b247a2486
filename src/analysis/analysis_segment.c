/*
 * analysis_segment.c - two configured subnets that overlap: a
 * subnet-overlap when the networks are apart, or, when vnetaudit.conf puts
 * them on one segment, the checks that their pools, own addresses and
 * fixed hosts are disjoint (one broadcast domain sees both DHCP servers).
 */
#include <stdlib.h>

#include "analysis_checks.h"

/* ---- pairs of overlapping subnets ---------------------------------------- */

void analysis_host_addresses_equal(struct ctx *c, const struct network *n1, const struct subnet *s1,
                                   const struct network *n2, const struct subnet *s2, bool all_roles)
{
        for (int a = 0; a < _ROLE_MAX; a++)
                for (int b = 0; b < _ROLE_MAX; b++) {
                        const struct addr_fact *fa = role_fact(s1, (enum role)a);
                        const struct addr_fact *fb = role_fact(s2, (enum role)b);

                        if (!all_roles && (a != ROLE_HOST || b != ROLE_HOST))
                                continue;
                        if (!fa->set || !fb->set || !addr_eq(&fa->addr, &fb->addr))
                                continue;
                        emit_finding(&c->em, &(struct emit){ F_DUPLICATE_HOST_ADDRESS, SEV_ERROR,
                                emit_fmt("give %s or %s another address: only one device can hold %s",
                                         LABEL(n1), LABEL(n2), ADDR(&fa->addr)),
                                .nets = { n1->id, n2->id },
                                .addrs = { ADDR(&fa->addr) },
                                .origins = { &fa->origin, &fb->origin } },
                                "%s's %s %s (%s) is also %s's %s (%s)", LABEL(n1),
                                analysis_role_names[a], ADDR(&fa->addr), ORIGIN(&fa->origin),
                                LABEL(n2), analysis_role_names[b], ORIGIN(&fb->origin));
                }
}

struct side_range {
        const struct dhcp_range *r;
        int side;
};

static int cmp_side_range(const void *pa, const void *pb)
{
        const struct side_range *a = pa, *b = pb;
        int r = addr_cmp(&a->r->start, &b->r->start);

        return r ? r : a->side - b->side;
}

/* The pools of two networks on one segment: one finding per cluster of
 * overlapping ranges that holds ranges of both (a single pair as before). */
static void coupled_ranges(struct ctx *c, const struct network *n1, const struct subnet *s1,
                           const struct network *n2, const struct subnet *s2)
{
        size_t n = 0;
        struct side_range *v;

        if (!s1->n_ranges || !s2->n_ranges)
                return;
        if (!(v = calloc(s1->n_ranges + s2->n_ranges, sizeof(*v)))) {
                c->em.enomem = 1;
                return;
        }
        for (int side = 0; side < 2; side++) {
                const struct subnet *sx = side ? s2 : s1;

                for (size_t i = 0; i < sx->n_ranges; i++)
                        if (sx->ranges[i].start.family && addr_cmp(&sx->ranges[i].start, &sx->ranges[i].end) <= 0)
                                v[n++] = (struct side_range){ &sx->ranges[i], side };
        }
        qsort(v, n, sizeof(*v), cmp_side_range);
        for (size_t i = 0, j; i < n && !c->em.enomem; i = j) {
                size_t far = i, cnt[2] = { 0, 0 };
                struct finding *fd;

                cnt[v[i].side]++;
                for (j = i + 1; j < n && v[j].r->start.family == v[far].r->start.family &&
                                addr_cmp(&v[j].r->start, &v[far].r->end) <= 0; j++) {
                        cnt[v[j].side]++;
                        if (addr_cmp(&v[j].r->end, &v[far].r->end) > 0)
                                far = j;
                }
                if (!cnt[0] || !cnt[1])
                        continue;
                if (j - i == 2) {
                        const struct dhcp_range *r1 = v[i].side ? v[i + 1].r : v[i].r;
                        const struct dhcp_range *r2 = v[i].side ? v[i].r : v[i + 1].r;

                        fd = emit_finding(&c->em, &(struct emit){ F_DHCP_RANGE_OVERLAP, SEV_ERROR,
                                emit_fmt("split the pool: give %s and %s disjoint DHCP ranges",
                                         LABEL(n1), LABEL(n2)),
                                .nets = { n1->id, n2->id },
                                .addrs = { RANGE(r1), RANGE(r2) },
                                .origins = { &r1->origin, &r2->origin } },
                                "%s's DHCP range %s (%s) overlaps %s's DHCP range %s (%s) on "
                                "their shared segment", LABEL(n1), RANGE(r1),
                                ORIGIN(&r1->origin), LABEL(n2), RANGE(r2), ORIGIN(&r2->origin));
                } else {
                        const struct dhcp_range **rv = calloc(j - i, sizeof(*rv));
                        char *who;

                        if (!rv) {
                                c->em.enomem = 1;
                                break;
                        }
                        for (size_t k = i; k < j; k++)
                                rv[k - i] = v[k].r;
                        if (!(who = analysis_range_list(rv, j - i))) {
                                free(rv);
                                c->em.enomem = 1;
                                break;
                        }
                        fd = emit_finding(&c->em, &(struct emit){ F_DHCP_RANGE_OVERLAP, SEV_ERROR,
                                emit_fmt("split the pool: give %s and %s disjoint DHCP ranges",
                                         LABEL(n1), LABEL(n2)),
                                .nets = { n1->id, n2->id } },
                                "%zu DHCP ranges of %s and %s overlap on their shared segment: %s",
                                j - i, LABEL(n1), LABEL(n2), who);
                        for (size_t k = 0; k < j - i && fd; k++) {
                                emit_addr(&c->em, fd, RANGE(rv[k]));
                                emit_origin(&c->em, fd, &rv[k]->origin);
                        }
                        free(who);
                        free(rv);
                }
        }
        free(v);
}

/* Two networks on one segment: pools, host addresses and fixed hosts must
 * be disjoint, because one broadcast domain sees both DHCP servers.  Many
 * hosts or ranges clash in groups, never host by range. */
void analysis_coupled_pair(struct ctx *c, const struct network *n1, const struct subnet *s1,
                           const struct network *n2, const struct subnet *s2)
{
        const struct fixed_host **h1 = NULL, **h2 = NULL;
        size_t nh1 = 0, nh2 = 0;

        analysis_host_addresses_equal(c, n1, s1, n2, s2, true);
        coupled_ranges(c, n1, s1, n2, s2);
        analysis_role_in_ranges(c, n1, s1, n2, s2, false);
        analysis_role_in_ranges(c, n2, s2, n1, s1, false);
        if (!(h1 = analysis_sorted_hosts(s1, &nh1)) || !(h2 = analysis_sorted_hosts(s2, &nh2))) {
                c->em.enomem = 1;
                goto out;
        }
        analysis_hosts_in_ranges(c, n1, h1, nh1, n2, s2, false);
        analysis_hosts_in_ranges(c, n2, h2, nh2, n1, s1, false);
        for (int side = 0; side < 2; side++) {
                const struct network *na = side ? n2 : n1, *nb = side ? n1 : n2;
                const struct subnet *sa = side ? s2 : s1, *sb = side ? s1 : s2;

                for (size_t i = 0; i < sa->n_hosts; i++) {
                        const struct fixed_host *h = &sa->hosts[i];

                        if (!h->ip.family)
                                continue;
                        for (int r = 0; r < _ROLE_MAX; r++) {
                                const struct addr_fact *f = role_fact(sb, (enum role)r);

                                if (!f->set || !addr_eq(&f->addr, &h->ip))
                                        continue;
                                emit_finding(&c->em, &(struct emit){ F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                        emit_fmt("give %s another fixed address", WHO(h)),
                                        .nets = { na->id, nb->id },
                                        .addrs = { ADDR(&h->ip) },
                                        .origins = { &h->origin, &f->origin } },
                                        "%s's fixed address %s for %s (%s) is %s's %s (%s)",
                                        LABEL(na), ADDR(&h->ip), WHO(h), ORIGIN(&h->origin),
                                        LABEL(nb), analysis_role_names[r], ORIGIN(&f->origin));
                        }
                }
        }
        analysis_coupled_hosts(c, n1, h1, nh1, n2, h2, nh2);
out:
        free(h1);
        free(h2);
}

void analysis_subnet_pair(struct ctx *c, size_t i1, size_t k1, size_t i2, size_t k2)
{
        const struct network *n1 = &c->inv->nets[i1], *n2 = &c->inv->nets[i2];
        const struct subnet *s1 = &n1->subnets[k1], *s2 = &n2->subnets[k2];

        if (i1 == i2)
                return;
        if (same_segment(c, i1, i2)) {
                analysis_coupled_pair(c, n1, s1, n2, s2);
                return;
        }
        emit_finding(&c->em, &(struct emit){ F_SUBNET_OVERLAP, SEV_ERROR,
                emit_fmt("give %s or %s another subnet; if they share one segment on purpose, "
                         "declare both in a [segment] of vnetaudit.conf", LABEL(n1), LABEL(n2)),
                .nets = { n1->id, n2->id },
                .addrs = { PREFIX(&s1->prefix), PREFIX(&s2->prefix) },
                .origins = { &s1->origin, &s2->origin } },
                "%s's subnet %s (%s) overlaps %s's subnet %s (%s)", LABEL(n1),
                PREFIX(&s1->prefix), ORIGIN(&s1->origin), LABEL(n2), PREFIX(&s2->prefix),
                ORIGIN(&s2->origin));
        analysis_host_addresses_equal(c, n1, s1, n2, s2, false);
}
