/*
 * fleet_pools.c - DHCP pools and fixed hosts of networks bridged onto one
 * LAN on two hosts: two DHCP servers on one wire answer the same clients.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet_checks.h"

static const struct origin *range_origin(const struct ctx *c, const struct fact *x)
{
        return &fact_subnet(c, x)->ranges[x->c].origin;
}

static const struct origin *fixed_origin(const struct ctx *c, const struct fact *x)
{
        return &fact_subnet(c, x)->hosts[x->c].origin;
}

static void emit_pool(struct ctx *c, const struct fact *const *m, size_t n, enum finding_code code,
                      const char *what, const struct origin *(*origin_of)(const struct ctx *, const struct fact *))
{
        char *names = NULL, *msg = NULL;
        char a[ADDR_STRLEN], b[ADDR_STRLEN], r[2 * ADDR_STRLEN + 2];
        struct finding *fd;

        if (!fleet_two_hosts(m, n))
                return;
        if (code == F_FIXED_ADDRESS_DUPLICATE) {
                bool other_mac = false;

                for (size_t i = 1; i < n; i++)
                        other_mac |= strcmp(fact_subnet(c, m[i])->hosts[m[i]->c].mac,
                                            fact_subnet(c, m[0])->hosts[m[0]->c].mac) != 0;
                if (!other_mac)
                        return;         /* one machine reserved on both: same answer */
        }
        if (!(fd = finding_add(c->out, code, SEV_ERROR, "",
                               "two DHCP servers on one wire answer the same clients: keep one DHCP server "
                               "per LAN segment, or split the pools and fixed addresses between them")))
                goto enomem;
        for (size_t i = 0; i < n; i++) {
                if (m[i]->first.family == 0)
                        continue;
                addr_format(&m[i]->first, a);
                addr_format(&m[i]->last, b);
                snprintf(r, sizeof(r), "%s-%s", a, b);
                check(c, finding_add_address(fd, code == F_FIXED_ADDRESS_DUPLICATE ? a : r));
        }
        if (!(names = fleet_add_members(c, fd, m, n, origin_of)) ||
            !(msg = emit_fmt("%s %s of networks bridged onto one LAN on %zu hosts: %s", what, fd->addresses[0],
                             fd->n_hosts, names)))
                goto enomem;
        free(fd->message);
        fd->message = msg;
        free(names);
        return;
enomem:
        free(names);
        c->enomem = 1;
}

static void emit_ranges(struct ctx *c, const struct fact *const *m, size_t n)
{
        emit_pool(c, m, n, F_DHCP_RANGE_OVERLAP, "DHCP ranges overlap from", range_origin);
}

static void emit_fixed(struct ctx *c, const struct fact *const *m, size_t n)
{
        emit_pool(c, m, n, F_FIXED_ADDRESS_DUPLICATE, "fixed address", fixed_origin);
}

void fleet_bridged_pools(struct ctx *c)
{
        struct fact *rv = NULL, *fv = NULL, *x;
        size_t rn = 0, rcap = 0, fn = 0, fcap = 0;

        for (size_t h = 0; h < c->f->n_hosts && !c->enomem; h++) {
                const struct inventory *inv = &c->f->hosts[h].inv;

                for (size_t i = 0; i < inv->n_nets; i++) {
                        const struct network *net = &inv->nets[i];

                        if (!fleet_net_bridged(inv, net))
                                continue;
                        for (size_t k = 0; k < net->n_subnets; k++) {
                                const struct subnet *s = &net->subnets[k];

                                for (size_t j = 0; j < s->n_ranges; j++)
                                        if ((x = fleet_push(c, &rv, &rn, &rcap)))
                                                *x = (struct fact){ .first = s->ranges[j].start,
                                                                    .last = s->ranges[j].end, .host = h,
                                                                    .kind = FK_NET, .a = i, .b = k, .c = j };
                                for (size_t j = 0; j < s->n_hosts; j++)
                                        if (s->hosts[j].ip.family && (x = fleet_push(c, &fv, &fn, &fcap)))
                                                *x = (struct fact){ .first = s->hosts[j].ip, .host = h,
                                                                    .kind = FK_NET, .a = i, .b = k, .c = j };
                        }
                }
        }
        if (rn > 1 && !c->enomem) {
                qsort(rv, rn, sizeof(*rv), fleet_cmp_span);
                fleet_clusters(c, rv, rn, true, emit_ranges);
        }
        if (fn > 1 && !c->enomem) {
                qsort(fv, fn, sizeof(*fv), fleet_cmp_addr_fact);
                fleet_runs(c, fv, fn, emit_fixed);
        }
        free(rv);
        free(fv);
}
