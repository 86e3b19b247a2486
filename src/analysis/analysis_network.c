/*
 * analysis_network.c - the checks inside one configured network: each
 * subnet's own addresses (host, NAT gateway, DHCP server) against its
 * prefix and one another, its DHCP ranges against the prefix, one another
 * and those addresses.  Its fixed hosts are analysis_hosts.c's.
 */
#include <stdio.h>
#include <stdlib.h>

#include "analysis_checks.h"
#include "xalloc.h"

const char *analysis_range_str(const struct dhcp_range *r, char *buf, size_t size)
{
        char a[ADDR_STRLEN], b[ADDR_STRLEN];

        snprintf(buf, size, "%s-%s", addr_format(&r->start, a), addr_format(&r->end, b));
        return buf;
}

const char *const analysis_role_names[_ROLE_MAX] = {
        [ROLE_HOST] = "planned host address",
        [ROLE_GATEWAY] = "NAT gateway",
        [ROLE_DHCP_SERVER] = "DHCP server",
};

/* ---- checks inside one subnet -------------------------------------------- */

static void check_roles_inside(struct ctx *c, const struct network *n, const struct subnet *s)
{
        for (int r = 0; r < _ROLE_MAX; r++) {
                const struct addr_fact *f = role_fact(s, (enum role)r);

                if (!f->set || prefix_contains(&s->prefix, &f->addr))
                        continue;
                emit_finding(&c->em, &(struct emit){ F_ADAPTER_ADDRESS_OUTSIDE_SUBNET, SEV_ERROR,
                        emit_fmt("choose a %s inside %s, or correct the subnet", analysis_role_names[r],
                                 PREFIX(&s->prefix)),
                        .nets = { n->id },
                        .addrs = { ADDR(&f->addr), PREFIX(&s->prefix) },
                        .origins = { &f->origin, &s->origin } },
                        "%s's %s %s (%s) is outside its subnet %s (%s)", LABEL(n),
                        analysis_role_names[r], ADDR(&f->addr), ORIGIN(&f->origin),
                        PREFIX(&s->prefix), ORIGIN(&s->origin));
        }
        /* Two roles on one address: two devices would claim it. */
        for (int a = 0; a < _ROLE_MAX; a++)
                for (int b = a + 1; b < _ROLE_MAX; b++) {
                        const struct addr_fact *fa = role_fact(s, (enum role)a);
                        const struct addr_fact *fb = role_fact(s, (enum role)b);

                        if (!fa->set || !fb->set || !addr_eq(&fa->addr, &fb->addr))
                                continue;
                        emit_finding(&c->em, &(struct emit){ F_DUPLICATE_HOST_ADDRESS, SEV_ERROR,
                                emit_fmt("give %s's %s and %s different addresses", LABEL(n),
                                         analysis_role_names[a], analysis_role_names[b]),
                                .nets = { n->id },
                                .addrs = { ADDR(&fa->addr) },
                                .origins = { &fa->origin, &fb->origin } },
                                "%s's %s (%s) and its %s (%s) are both %s", LABEL(n),
                                analysis_role_names[a], ORIGIN(&fa->origin), analysis_role_names[b],
                                ORIGIN(&fb->origin), ADDR(&fa->addr));
                }
}

int analysis_cmp_range_start(const void *pa, const void *pb)
{
        const struct dhcp_range *a = *(const struct dhcp_range *const *)pa;
        const struct dhcp_range *b = *(const struct dhcp_range *const *)pb;

        return addr_cmp(&a->start, &b->start);
}

static void range_item(FILE *f, const void *v, size_t i)
{
        const struct dhcp_range *r = ((const struct dhcp_range *const *)v)[i];

        fprintf(f, "%s (%s)", RANGE(r), ORIGIN(&r->origin));
}

char *analysis_range_list(const struct dhcp_range *const *v, size_t n)
{
        return emit_list(n, LIST_NAMED, range_item, v);
}

static void check_ranges_inside(struct ctx *c, const struct network *n, const struct subnet *s)
{
        const struct dhcp_range **v;
        size_t nv = 0;

        for (size_t i = 0; i < s->n_ranges; i++) {
                const struct dhcp_range *r = &s->ranges[i];

                if (range_in_prefix(&s->prefix, &r->start, &r->end))
                        continue;
                emit_finding(&c->em, &(struct emit){ F_DHCP_RANGE_OUTSIDE_SUBNET, SEV_ERROR,
                        emit_fmt("make %s's DHCP range lie inside %s", LABEL(n), PREFIX(&s->prefix)),
                        .nets = { n->id },
                        .addrs = { RANGE(r), PREFIX(&s->prefix) },
                        .origins = { &r->origin, &s->origin } },
                        "%s's DHCP range %s (%s) is not inside its subnet %s (%s)", LABEL(n),
                        RANGE(r), ORIGIN(&r->origin), PREFIX(&s->prefix), ORIGIN(&s->origin));
        }

        /* Overlapping pools inside one subnet: sort by start; a cluster runs
         * while the next start is not past the furthest end so far.  Two
         * ranges are one pair; more are one finding for the cluster. */
        if (s->n_ranges < 2)
                return;
        if (!(v = calloc(s->n_ranges, sizeof(*v)))) {
                c->em.enomem = 1;
                return;
        }
        for (size_t i = 0; i < s->n_ranges; i++)
                if (addr_cmp(&s->ranges[i].start, &s->ranges[i].end) <= 0)
                        v[nv++] = &s->ranges[i];
        qsort(v, nv, sizeof(*v), analysis_cmp_range_start);
        for (size_t i = 0, j; i < nv; i = j) {
                size_t far = i;

                for (j = i + 1; j < nv && v[j]->start.family == v[far]->start.family &&
                                addr_cmp(&v[j]->start, &v[far]->end) <= 0; j++)
                        if (addr_cmp(&v[j]->end, &v[far]->end) > 0)
                                far = j;
                if (j - i == 2) {
                        emit_finding(&c->em, &(struct emit){ F_DHCP_RANGE_OVERLAP, SEV_ERROR,
                                emit_fmt("merge or separate the DHCP ranges of %s", LABEL(n)),
                                .nets = { n->id },
                                .addrs = { RANGE(v[i]), RANGE(v[i + 1]) },
                                .origins = { &v[i]->origin, &v[i + 1]->origin } },
                                "%s's DHCP ranges %s (%s) and %s (%s) overlap", LABEL(n),
                                RANGE(v[i]), ORIGIN(&v[i]->origin), RANGE(v[i + 1]),
                                ORIGIN(&v[i + 1]->origin));
                } else if (j - i > 2) {
                        _cleanup_free_ char *who = analysis_range_list(v + i, j - i);
                        struct finding *fd;

                        if (!who) {
                                c->em.enomem = 1;
                                break;
                        }
                        fd = emit_finding(&c->em, &(struct emit){ F_DHCP_RANGE_OVERLAP, SEV_ERROR,
                                emit_fmt("merge or separate the DHCP ranges of %s", LABEL(n)),
                                .nets = { n->id } },
                                "%zu DHCP ranges of %s overlap: %s", j - i, LABEL(n), who);
                        for (size_t k = i; k < j && fd; k++) {
                                emit_addr(&c->em, fd, RANGE(v[k]));
                                emit_origin(&c->em, fd, &v[k]->origin);
                        }
                }
        }
        free(v);
}

/* The host, its NAT gateway or a fixed host inside a DHCP pool can be leased
 * to a guest.  The DHCP server's own address inside its own pool is how
 * VMware lays out every vmnet (.254 in .128-.254) and is not a finding. */
void analysis_role_in_ranges(struct ctx *c, const struct network *n, const struct subnet *s,
                             const struct network *rn, const struct subnet *rs, bool own)
{
        const struct dhcp_range **in;

        if (!rs->n_ranges)
                return;
        if (!(in = calloc(rs->n_ranges, sizeof(*in)))) {
                c->em.enomem = 1;
                return;
        }
        for (int r = 0; r < _ROLE_MAX; r++) {
                const struct addr_fact *f = role_fact(s, (enum role)r);
                struct emit e = { F_DHCP_RANGE_CONTAINS_ADDRESS, SEV_ERROR, NULL };
                size_t n_in = 0;
                struct finding *fd;

                if (!f->set || (own && r == ROLE_DHCP_SERVER))
                        continue;
                for (size_t i = 0; i < rs->n_ranges; i++)
                        if (in_range(&rs->ranges[i], &f->addr))
                                in[n_in++] = &rs->ranges[i];
                if (!n_in)
                        continue;
                e.nets[0] = n->id;
                e.nets[1] = rn->id;
                e.addrs[0] = ADDR(&f->addr);
                e.origins[0] = &f->origin;
                if (n_in == 1) {
                        const struct dhcp_range *rg = in[0];

                        e.addrs[1] = RANGE(rg);
                        e.origins[1] = &rg->origin;
                        if (own) {
                                e.hint = emit_fmt("shrink %s's DHCP range or move its %s out of it",
                                                  LABEL(n), analysis_role_names[r]);
                                emit_finding(&c->em, &e,
                                             "%s's %s %s (%s) lies inside its own DHCP range %s (%s)",
                                             LABEL(n), analysis_role_names[r], ADDR(&f->addr),
                                             ORIGIN(&f->origin), RANGE(rg), ORIGIN(&rg->origin));
                        } else {
                                e.hint = emit_fmt("shrink %s's DHCP range or move %s's %s out of it",
                                                  LABEL(rn), LABEL(n), analysis_role_names[r]);
                                emit_finding(&c->em, &e,
                                             "%s's %s %s (%s) lies inside %s's DHCP range %s (%s) "
                                             "on their shared segment",
                                             LABEL(n), analysis_role_names[r], ADDR(&f->addr),
                                             ORIGIN(&f->origin), LABEL(rn), RANGE(rg),
                                             ORIGIN(&rg->origin));
                        }
                } else {
                        _cleanup_free_ char *who = analysis_range_list(in, n_in);

                        if (!who) {
                                c->em.enomem = 1;
                                break;
                        }
                        e.hint = emit_fmt("shrink %s's DHCP ranges or move %s's %s out of them",
                                          LABEL(rn), LABEL(n), analysis_role_names[r]);
                        fd = emit_finding(&c->em, &e,
                                          "%s's %s %s (%s) lies inside %zu DHCP ranges of %s%s: %s",
                                          LABEL(n), analysis_role_names[r], ADDR(&f->addr),
                                          ORIGIN(&f->origin), n_in, own ? "its own" : LABEL(rn),
                                          own ? "" : " on their shared segment", who);
                        for (size_t i = 0; i < n_in && fd; i++) {
                                emit_addr(&c->em, fd, RANGE(in[i]));
                                emit_origin(&c->em, fd, &in[i]->origin);
                        }
                }
        }
        free(in);
}

/* ---- one network ------------------------------------------------------------ */

void analysis_check_network(struct ctx *c, const struct network *n)
{
        if (n->dhcp_config_stale) {
                emit_finding(&c->em, &(struct emit){ F_DHCP_CONFIG_STALE, SEV_WARNING,
                        emit_fmt("regenerate %s's DHCP configuration (vmware-netcfg), or move hand "
                                 "edits outside its DO-NOT-MODIFY section", LABEL(n)),
                        .nets = { n->id }, .origins = { &n->dhcp_config_origin, &n->origin } },
                        "%s's DHCP configuration (%s) was changed inside its generated section: "
                        "it no longer matches the hash recorded in %s", LABEL(n),
                        ORIGIN(&n->dhcp_config_origin), ORIGIN(&n->origin));
        }
        for (size_t i = 0; i < n->n_subnets; i++) {
                const struct subnet *s = &n->subnets[i];

                check_roles_inside(c, n, s);
                check_ranges_inside(c, n, s);
                /* Container managers' IPAM never hands out the gateway,
                 * even from a range that covers it. */
                if (n->source == NET_SRC_VMWARE || n->source == NET_SRC_LIBVIRT)
                        analysis_role_in_ranges(c, n, s, n, s, true);
                analysis_check_hosts(c, n, s);
        }
}
