/*
 * analysis_groups.c - many networks on one prefix (or on a prefix and one
 * nested in it): one finding naming every member, not one per pair, which
 * would grow with the square of the networks (2,000 libvirt networks on
 * one /24 are 2 million pairs).
 */
#include <stdio.h>
#include <stdlib.h>

#include "analysis_checks.h"
#include "xalloc.h"

/* Past a single pair, a clash is one finding naming every member, with a
 * count. */
#define GROUP_NAMED 8           /* members named in the message; all are in networks[] */

/* "vmnet1 (/etc/...:4), libvirt network a (...:8) and 1990 more" */
struct members {
        const struct ctx *c;
        const struct member *m;
};

static void member_item(FILE *f, const void *v, size_t i)
{
        const struct members *ms = v;
        const struct network *nw = &ms->c->inv->nets[ms->m[i].net];

        fprintf(f, "%s (%s)", LABEL(nw), ORIGIN(&nw->subnets[ms->m[i].sub].origin));
}

static char *member_list(const struct ctx *c, const struct member *m, size_t n)
{
        return emit_list(n, GROUP_NAMED, member_item, &(struct members){ c, m });
}

static void group_members(struct ctx *c, struct finding *fd, const struct member *m, size_t n)
{
        for (size_t i = 0; i < n && fd; i++) {
                const struct network *nw = &c->inv->nets[m[i].net];

                emit_net(&c->em, fd, nw->id);
                emit_origin(&c->em, fd, &nw->subnets[m[i].sub].origin);
        }
}

static int cmp_member_host(const void *pa, const void *pb, void *ud)
{
        const struct member *a = pa, *b = pb;
        const struct inventory *inv = ud;
        const struct addr_fact *fa = &inv->nets[a->net].subnets[a->sub].host_address;
        const struct addr_fact *fb = &inv->nets[b->net].subnets[b->sub].host_address;
        int r;

        if (fa->set != fb->set)
                return fa->set ? -1 : 1;
        if (fa->set && (r = addr_cmp(&fa->addr, &fb->addr)))
                return r;
        return (a->net > b->net) - (a->net < b->net);
}

/* One duplicate-host-address per address that several members plan as
 * their host address (and, for two prefixes, members of both). */
static void group_host_dups(struct ctx *c, struct member *m, size_t n, bool need_both_sides)
{
        qsort_r(m, n, sizeof(*m), cmp_member_host, (void *)c->inv);
        for (size_t i = 0, j; i < n; i = j) {
                const struct addr_fact *h = &c->inv->nets[m[i].net].subnets[m[i].sub].host_address;
                bool sides[2] = { false, false };
                _cleanup_free_ char *who = NULL;
                struct finding *fd;

                for (j = i; j < n; j++) {
                        const struct addr_fact *x = &c->inv->nets[m[j].net].subnets[m[j].sub].host_address;

                        if (!h->set || !x->set || !addr_eq(&h->addr, &x->addr))
                                break;
                        sides[m[j].side] = true;
                }
                if (j == i)
                        j = i + 1;
                if (!h->set || j - i < 2 || (need_both_sides && !(sides[0] && sides[1])))
                        continue;
                if (j - i == 2 && m[i].side != m[i + 1].side) {
                        /* one pair: said as it always was */
                        const struct network *n1 = &c->inv->nets[m[i].net], *n2 = &c->inv->nets[m[i + 1].net];

                        if (!same_segment(c, m[i].net, m[i + 1].net))
                                analysis_host_addresses_equal(c, n1, &n1->subnets[m[i].sub], n2,
                                                     &n2->subnets[m[i + 1].sub], false);
                        continue;
                }
                if (!(who = member_list(c, m + i, j - i))) {
                        c->em.enomem = 1;
                        return;
                }
                fd = emit_finding(&c->em, &(struct emit){ F_DUPLICATE_HOST_ADDRESS, SEV_ERROR,
                        emit_fmt("give all but one of these %zu networks another address: only one "
                                 "device can hold %s", j - i, ADDR(&h->addr)),
                        .addrs = { ADDR(&h->addr) } },
                        "%zu networks plan the host address %s: %s", j - i, ADDR(&h->addr), who);
                group_members(c, fd, m + i, j - i);
        }
}

/* Members that overlap some member of the other side (or, on one prefix,
 * any other member) without being coupled to it on a declared segment;
 * coupled pairs get the pairwise segment checks.  Returns how many of m
 * were kept at its front. */
static size_t group_uncoupled(struct ctx *c, struct member *m, size_t n, bool one_prefix)
{
        bool *loose = calloc(n, sizeof(*loose));
        size_t kept = 0;

        if (!loose) {
                c->em.enomem = 1;
                return 0;
        }
        for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++) {
                        const struct network *a = &c->inv->nets[m[i].net], *b = &c->inv->nets[m[j].net];

                        if ((!one_prefix && m[i].side == m[j].side) || m[i].net == m[j].net)
                                continue;
                        if (same_segment(c, m[i].net, m[j].net))
                                analysis_coupled_pair(c, a, &a->subnets[m[i].sub], b, &b->subnets[m[j].sub]);
                        else
                                loose[i] = loose[j] = true;
                }
        for (size_t i = 0; i < n; i++)
                if (loose[i]) {
                        struct member t = m[kept];

                        m[kept++] = m[i];
                        m[i] = t;
                        loose[i] = loose[kept - 1];     /* keep the flags with their members */
                        loose[kept - 1] = true;
                }
        free(loose);
        return kept;
}

/* n members on one prefix (one_prefix), or members of an outer prefix
 * (side 0) and of one inside it (side 1). */
void analysis_group_overlap(struct ctx *c, struct member *m, size_t n, bool one_prefix)
{
        const struct prefix *p0 = &c->inv->nets[m[0].net].subnets[m[0].sub].prefix;
        const struct prefix *p1 = p0;
        _cleanup_free_ char *who = NULL;
        struct finding *fd;
        size_t loose;

        for (size_t i = 0; i < n; i++)
                if (m[i].side)
                        p1 = &c->inv->nets[m[i].net].subnets[m[i].sub].prefix;
        group_host_dups(c, m, n, !one_prefix);
        loose = group_uncoupled(c, m, n, one_prefix);
        if (loose < 2)
                return;
        if (!(who = member_list(c, m, loose))) {
                c->em.enomem = 1;
                return;
        }
        if (one_prefix)
                fd = emit_finding(&c->em, &(struct emit){ F_SUBNET_OVERLAP, SEV_ERROR,
                        emit_fmt("give all but one of these %zu networks another subnet; networks that "
                                 "share one segment on purpose belong in a [segment] of vnetaudit.conf",
                                 loose),
                        .addrs = { PREFIX(p0) } },
                        "%zu networks share %s: %s", loose, PREFIX(p0), who);
        else
                fd = emit_finding(&c->em, &(struct emit){ F_SUBNET_OVERLAP, SEV_ERROR,
                        emit_fmt("give the networks on %s or those on %s other subnets; networks that "
                                 "share one segment on purpose belong in a [segment] of vnetaudit.conf",
                                 PREFIX(p0), PREFIX(p1)),
                        .addrs = { PREFIX(p0), PREFIX(p1) } },
                        "%zu networks on %s and inside it on %s overlap: %s", loose, PREFIX(p0),
                        PREFIX(p1), who);
        group_members(c, fd, m, loose);
}
