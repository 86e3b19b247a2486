/*
 * analysis_hosts.c - the fixed hosts (DHCP reservations) of a subnet:
 * outside the subnet, on one of its own addresses, inside a DHCP pool,
 * given twice; and the fixed hosts of two networks on one segment.  Hosts
 * are sorted by address so each check is a merge, not all pairs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_checks.h"
#include "xalloc.h"

static int cmp_host_ip(const void *pa, const void *pb)
{
        const struct fixed_host *a = *(const struct fixed_host *const *)pa;
        const struct fixed_host *b = *(const struct fixed_host *const *)pb;
        int r = addr_cmp(&a->ip, &b->ip);

        if (r)
                return r;
        /* stable among equals: by position in the array */
        return (a > b) - (a < b);
}

const char *analysis_host_who(const struct fixed_host *h, char *buf, size_t size)
{
        if (h->mac[0] && h->name)
                snprintf(buf, size, "%s (%s)", h->name, h->mac);
        else if (h->mac[0])
                snprintf(buf, size, "%s", h->mac);
        else
                snprintf(buf, size, "%s", h->name ? h->name : "a host");
        return buf;
}

/* "name (mac) (file:3), ... and 1990 more" */
static void host_item(FILE *f, const void *v, size_t i)
{
        const struct fixed_host *h = ((const struct fixed_host *const *)v)[i];

        fprintf(f, "%s %s (%s)", WHO(h), ADDR(&h->ip), ORIGIN(&h->origin));
}

char *analysis_host_list(const struct fixed_host *const *v, size_t n)
{
        return emit_list(n, LIST_NAMED, host_item, v);
}

static void emit_hosts(struct ctx *c, struct finding *fd, const struct fixed_host *const *v, size_t n)
{
        for (size_t i = 0; i < n && fd; i++) {
                emit_addr(&c->em, fd, ADDR(&v[i]->ip));
                emit_origin(&c->em, fd, &v[i]->origin);
        }
}

/* First host (sorted by address) at or after a. */
static size_t hosts_lower_bound(const struct fixed_host *const *v, size_t n, const struct addr *a)
{
        size_t lo = 0, hi = n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;

                if (v[mid]->ip.family < a->family ||
                    (v[mid]->ip.family == a->family && addr_cmp(&v[mid]->ip, a) < 0))
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

/* Fixed hosts equal to one of the subnet's own addresses (host, gateway,
 * DHCP server): one finding per role, naming every such host. */
static void hosts_on_roles(struct ctx *c, const struct network *n, const struct subnet *s,
                           const struct fixed_host *const *v, size_t nv)
{
        for (int r = 0; r < _ROLE_MAX; r++) {
                const struct addr_fact *f = role_fact(s, (enum role)r);
                size_t i, j;
                struct finding *fd;

                if (!f->set)
                        continue;
                i = hosts_lower_bound(v, nv, &f->addr);
                for (j = i; j < nv && addr_eq(&v[j]->ip, &f->addr); j++)
                        ;
                if (j - i == 1) {
                        const struct fixed_host *h = v[i];

                        fd = emit_finding(&c->em, &(struct emit){ F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                emit_fmt("give %s another fixed address", WHO(h)),
                                .nets = { n->id },
                                .addrs = { ADDR(&h->ip) },
                                .origins = { &h->origin, &f->origin } },
                                "%s's fixed address %s for %s (%s) is also its %s (%s)",
                                LABEL(n), ADDR(&h->ip), WHO(h), ORIGIN(&h->origin),
                                analysis_role_names[r], ORIGIN(&f->origin));
                } else if (j - i > 1) {
                        _cleanup_free_ char *who = analysis_host_list(v + i, j - i);

                        if (!who) {
                                c->em.enomem = 1;
                                return;
                        }
                        fd = emit_finding(&c->em, &(struct emit){ F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                emit_fmt("give these %zu hosts other fixed addresses", j - i),
                                .nets = { n->id }, .origins = { &f->origin } },
                                "%s's %s %s (%s) is also the fixed address of %zu hosts: %s",
                                LABEL(n), analysis_role_names[r], ADDR(&f->addr), ORIGIN(&f->origin),
                                j - i, who);
                        emit_hosts(c, fd, v + i, j - i);
                }
        }
}

/* Fixed hosts (of n, sorted by address) inside the DHCP pools of rs (of
 * rn): one finding per pool, a cluster of overlapping ranges (their union
 * is one interval); a single host in a single range is said as a pair.
 * own: rn is n itself (ISC dhcpd, VMware, may lease a fixed address from
 * the pool to someone else: a warning); else rn shares n's segment. */
void analysis_hosts_in_ranges(struct ctx *c, const struct network *n,
                              const struct fixed_host *const *v, size_t nv,
                              const struct network *rn, const struct subnet *rs, bool own)
{
        const struct dhcp_range **rv;
        size_t nr = 0;

        if (!rs->n_ranges || !nv)
                return;
        if (!(rv = calloc(rs->n_ranges, sizeof(*rv)))) {
                c->em.enomem = 1;
                return;
        }
        for (size_t i = 0; i < rs->n_ranges; i++)
                if (addr_cmp(&rs->ranges[i].start, &rs->ranges[i].end) <= 0 && rs->ranges[i].start.family)
                        rv[nr++] = &rs->ranges[i];
        qsort(rv, nr, sizeof(*rv), analysis_cmp_range_start);
        for (size_t i = 0, j; i < nr && !c->em.enomem; i = j) {
                struct emit e = { F_DHCP_RANGE_CONTAINS_ADDRESS, own ? SEV_WARNING : SEV_ERROR, NULL };
                size_t far = i, h0, h1;

                for (j = i + 1; j < nr && rv[j]->start.family == rv[far]->start.family &&
                                addr_cmp(&rv[j]->start, &rv[far]->end) <= 0; j++)
                        if (addr_cmp(&rv[j]->end, &rv[far]->end) > 0)
                                far = j;
                h0 = hosts_lower_bound(v, nv, &rv[i]->start);
                for (h1 = h0; h1 < nv && v[h1]->ip.family == rv[far]->end.family &&
                              addr_cmp(&v[h1]->ip, &rv[far]->end) <= 0; h1++)
                        ;
                if (h1 == h0)
                        continue;
                e.nets[0] = n->id;
                e.nets[1] = rn->id;
                if (h1 - h0 == 1 && j - i == 1) {
                        const struct fixed_host *h = v[h0];
                        const struct dhcp_range *rg = rv[i];

                        e.addrs[0] = ADDR(&h->ip);
                        e.addrs[1] = RANGE(rg);
                        e.origins[0] = &h->origin;
                        e.origins[1] = &rg->origin;
                        if (own) {
                                e.hint = emit_fmt("move %s's fixed address out of the DHCP range %s",
                                                  WHO(h), RANGE(rg));
                                emit_finding(&c->em, &e,
                                             "%s's fixed address %s for %s (%s) lies inside its own DHCP "
                                             "range %s (%s)", LABEL(n), ADDR(&h->ip), WHO(h),
                                             ORIGIN(&h->origin), RANGE(rg), ORIGIN(&rg->origin));
                        } else {
                                e.hint = emit_fmt("move %s's fixed address out of %s's DHCP range",
                                                  WHO(h), LABEL(rn));
                                emit_finding(&c->em, &e,
                                             "%s's fixed address %s for %s (%s) lies inside %s's "
                                             "DHCP range %s (%s) on their shared segment",
                                             LABEL(n), ADDR(&h->ip), WHO(h), ORIGIN(&h->origin),
                                             LABEL(rn), RANGE(rg), ORIGIN(&rg->origin));
                        }
                } else {
                        _cleanup_free_ char *who = analysis_host_list(v + h0, h1 - h0);
                        _cleanup_free_ char *pools = analysis_range_list(rv + i, j - i);
                        struct finding *fd;

                        if (!who || !pools) {
                                c->em.enomem = 1;
                                break;
                        }
                        e.hint = emit_fmt("move these %zu fixed addresses out of %s's DHCP pool",
                                          h1 - h0, LABEL(own ? n : rn));
                        if (own)
                                fd = emit_finding(&c->em, &e, "%zu fixed addresses of %s lie inside its "
                                                  "own DHCP pool (%s): %s", h1 - h0, LABEL(n), pools, who);
                        else
                                fd = emit_finding(&c->em, &e, "%zu fixed addresses of %s lie inside %s's "
                                                  "DHCP pool (%s) on their shared segment: %s", h1 - h0,
                                                  LABEL(n), LABEL(rn), pools, who);
                        emit_hosts(c, fd, v + h0, h1 - h0);
                        for (size_t k = i; k < j && fd; k++) {
                                emit_addr(&c->em, fd, RANGE(rv[k]));
                                emit_origin(&c->em, fd, &rv[k]->origin);
                        }
                }
        }
        free(rv);
}

/* Hosts given one address: two are a pair, more one finding. */
static void hosts_duplicated(struct ctx *c, const struct network *n, const struct fixed_host *const *v,
                             size_t nv)
{
        for (size_t i = 0, j; i < nv && !c->em.enomem; i = j) {
                bool distinct = false;
                struct finding *fd;

                for (j = i + 1; j < nv && addr_cmp(&v[i]->ip, &v[j]->ip) == 0; j++)
                        distinct |= !same_machine(v[j - 1], v[j]);
                if (!distinct)
                        continue;       /* one machine listed again */
                if (j - i == 2) {
                        const struct fixed_host *a = v[i], *b = v[i + 1];

                        fd = emit_finding(&c->em, &(struct emit){ F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                emit_fmt("give %s and %s different fixed addresses", WHO(a), WHO(b)),
                                .nets = { n->id },
                                .addrs = { ADDR(&a->ip) },
                                .origins = { &a->origin, &b->origin } },
                                "%s's fixed address %s is given to %s (%s) and to %s (%s)", LABEL(n),
                                ADDR(&a->ip), WHO(a), ORIGIN(&a->origin), WHO(b), ORIGIN(&b->origin));
                } else {
                        _cleanup_free_ char *who = analysis_host_list(v + i, j - i);

                        if (!who) {
                                c->em.enomem = 1;
                                return;
                        }
                        fd = emit_finding(&c->em, &(struct emit){ F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                emit_fmt("give these %zu hosts different fixed addresses", j - i),
                                .nets = { n->id } },
                                "%s's fixed address %s is given to %zu hosts: %s", LABEL(n),
                                ADDR(&v[i]->ip), j - i, who);
                        emit_hosts(c, fd, v + i, j - i);
                }
        }
}

/* Fixed hosts of one network's subnet against its own facts. */
void analysis_check_hosts(struct ctx *c, const struct network *n, const struct subnet *s)
{
        const struct fixed_host **v, **in;
        size_t nv = 0, nin = 0;

        if (!s->n_hosts)
                return;
        v = calloc(s->n_hosts, sizeof(*v));
        in = calloc(s->n_hosts, sizeof(*in));
        if (!v || !in) {
                free(v);
                free(in);
                c->em.enomem = 1;
                return;
        }
        for (size_t i = 0; i < s->n_hosts; i++) {
                const struct fixed_host *h = &s->hosts[i];

                if (!h->ip.family)
                        continue;
                v[nv++] = h;
                if (!prefix_contains(&s->prefix, &h->ip)) {
                        emit_finding(&c->em, &(struct emit){ F_FIXED_ADDRESS_OUTSIDE_SUBNET, SEV_WARNING,
                                emit_fmt("give %s an address inside %s, or remove the entry",
                                         WHO(h), PREFIX(&s->prefix)),
                                .nets = { n->id },
                                .addrs = { ADDR(&h->ip), PREFIX(&s->prefix) },
                                .origins = { &h->origin, &s->origin } },
                                "%s's fixed address %s for %s (%s) is outside its subnet %s",
                                LABEL(n), ADDR(&h->ip), WHO(h), ORIGIN(&h->origin),
                                PREFIX(&s->prefix));
                        continue;
                }
                in[nin++] = h;
        }
        qsort(v, nv, sizeof(*v), cmp_host_ip);
        qsort(in, nin, sizeof(*in), cmp_host_ip);
        hosts_on_roles(c, n, s, in, nin);
        if (n->source == NET_SRC_VMWARE)
                analysis_hosts_in_ranges(c, n, in, nin, n, s, true);
        hosts_duplicated(c, n, v, nv);
        free(v);
        free(in);
}

/* Hosts with an address, sorted by it.  NULL on ENOMEM (when s has hosts). */
const struct fixed_host **analysis_sorted_hosts(const struct subnet *s, size_t *ret_n)
{
        const struct fixed_host **v = calloc(s->n_hosts ? s->n_hosts : 1, sizeof(*v));
        size_t n = 0;

        if (!v)
                return NULL;
        for (size_t i = 0; i < s->n_hosts; i++)
                if (s->hosts[i].ip.family)
                        v[n++] = &s->hosts[i];
        qsort(v, n, sizeof(*v), cmp_host_ip);
        *ret_n = n;
        return v;
}

/* Fixed hosts of two networks on one segment given one address: per
 * address, a pair as before, or one finding naming all of them. */
void analysis_coupled_hosts(struct ctx *c, const struct network *n1, const struct fixed_host **a,
                            size_t na, const struct network *n2, const struct fixed_host **b, size_t nb)
{
        size_t i = 0, j = 0;

        while (i < na && j < nb && !c->em.enomem) {
                int cmp = addr_cmp(&a[i]->ip, &b[j]->ip);
                size_t i1 = i, j1 = j;
                bool distinct = false;
                struct finding *fd;

                if (cmp < 0) {
                        i++;
                        continue;
                }
                if (cmp > 0) {
                        j++;
                        continue;
                }
                while (i1 < na && addr_cmp(&a[i1]->ip, &a[i]->ip) == 0)
                        i1++;
                while (j1 < nb && addr_cmp(&b[j1]->ip, &b[j]->ip) == 0)
                        j1++;
                for (size_t x = i; x < i1 && !distinct; x++)
                        for (size_t y = j; y < j1 && !distinct; y++)
                                distinct = !same_machine(a[x], b[y]);
                if (!distinct) {
                        /* one machine in both: nothing to say */
                } else if (i1 - i == 1 && j1 - j == 1) {
                        fd = emit_finding(&c->em, &(struct emit){ F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                emit_fmt("give %s and %s different fixed addresses", WHO(a[i]), WHO(b[j])),
                                .nets = { n1->id, n2->id },
                                .addrs = { ADDR(&a[i]->ip) },
                                .origins = { &a[i]->origin, &b[j]->origin } },
                                "%s's fixed address %s for %s (%s) is also given by %s to %s (%s)",
                                LABEL(n1), ADDR(&a[i]->ip), WHO(a[i]), ORIGIN(&a[i]->origin), LABEL(n2),
                                WHO(b[j]), ORIGIN(&b[j]->origin));
                } else {
                        _cleanup_free_ char *wa = analysis_host_list(a + i, i1 - i), *wb = analysis_host_list(b + j, j1 - j);

                        if (!wa || !wb) {
                                c->em.enomem = 1;
                                return;
                        }
                        fd = emit_finding(&c->em, &(struct emit){ F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                emit_fmt("give these %zu hosts different fixed addresses", (i1 - i) + (j1 - j)),
                                .nets = { n1->id, n2->id } },
                                "the fixed address %s is given by %s to %zu hosts (%s) and by %s to "
                                "%zu hosts (%s)", ADDR(&a[i]->ip), LABEL(n1), i1 - i, wa, LABEL(n2),
                                j1 - j, wb);
                        emit_hosts(c, fd, a + i, i1 - i);
                        emit_hosts(c, fd, b + j, j1 - j);
                }
                i = i1;
                j = j1;
        }
}
