/*
 * fleet_analysis.c - the cross-host checks.  Each is one sort and one sweep
 * over all hosts' facts (O(n log n)): equal addresses form runs, nested
 * subnets and overlapping pools form clusters, and each run or cluster that
 * spans two hosts is ONE finding naming every host in it, so a fleet of a
 * thousand stock libvirt `default` networks gives two findings, not half a
 * million.  Which hosts share a LAN comes from fleet_lan.c.  This file
 * holds the sweeps, the members of a finding and the entry points; the
 * checks are fleet_duplicates.c, fleet_overlaps.c and fleet_pools.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet_checks.h"
#include "xalloc.h"

bool fleet_net_bridged(const struct inventory *inv, const struct network *n)
{
        const struct interface *br, *port;
        size_t it = 0;

        if (n->type == NET_TYPE_BRIDGED || n->n_bridged_to)
                return true;
        if (!n->device || !(br = inventory_find_interface(inv, n->device)))
                return false;
        while ((port = inventory_next_port(inv, br->ifindex, &it)))
                if (port->kind == LINK_KIND_PHYSICAL || port->kind == LINK_KIND_BOND ||
                    port->kind == LINK_KIND_VLAN)
                        return true;
        return false;
}
/* ---- building a finding ------------------------------------------------- */

/* "srv's libvirt network test" or "ws's interface eth0". */
static char *member_label(const struct ctx *c, const struct fact *x)
{
        char buf[160];

        if (x->kind == FK_LAN)
                return emit_fmt("%s's interface %s", host_name(c, x), fact_iface(c, x)->name);
        return emit_fmt("%s's %s", host_name(c, x), analysis_net_label(fact_net(c, x), buf, sizeof(buf)));
}

/* Adds hosts, HOST/ID networks and "HOST: file:line" origins of members,
 * and appends up to MSG_NAMES labels to *names. */
static void add_members(struct ctx *c, struct finding *fd, const struct fact *const *m, size_t n,
                        const struct origin *(*origin_of)(const struct ctx *, const struct fact *),
                        FILE *names)
{
        size_t named = 0;

        for (size_t i = 0; i < n && !c->enomem; i++) {
                const struct fact *x = m[i];
                const struct origin *o = origin_of(c, x);
                char *id, *org, *label;
                char ob[512];

                if (x->kind == FK_LAN)
                        id = emit_fmt("%s/host:%s", host_name(c, x), fact_iface(c, x)->name);
                else
                        id = emit_fmt("%s/%s", host_name(c, x), fact_net(c, x)->id);
                org = emit_fmt("%s: %s", host_name(c, x), origin_format(o, ob, sizeof(ob)));
                if (!id || !org) {
                        c->enomem = 1;
                } else {
                        check(c, finding_add_host(fd, host_name(c, x)));
                        check(c, finding_add_network(fd, id));
                        check(c, finding_add_origin(fd, org));
                }
                free(id);
                free(org);
                if (names && named < MSG_NAMES && (i == 0 || m[i - 1]->host != x->host ||
                                                   m[i - 1]->a != x->a || m[i - 1]->kind != x->kind)) {
                        if ((label = member_label(c, x))) {
                                fprintf(names, "%s%s", named ? ", " : "", label);
                                named++;
                        }
                        free(label);
                }
        }
        if (names && fd->n_networks > named)
                fprintf(names, " and %zu more", fd->n_networks - named);
}

char *fleet_add_members(struct ctx *c, struct finding *fd, const struct fact *const *m, size_t n,
                        fleet_origin_fn origin_of)
{
        char *names = NULL;
        size_t len = 0;
        FILE *nf = open_memstream(&names, &len);

        if (!nf) {
                c->enomem = 1;
                return NULL;
        }
        add_members(c, fd, m, n, origin_of, nf);
        if (fclose(nf) != 0 || !names) {
                free(names);
                c->enomem = 1;
                return NULL;
        }
        return names;
}

bool fleet_two_hosts(const struct fact *const *m, size_t n)
{
        for (size_t i = 1; i < n; i++)
                if (m[i]->host != m[0]->host)
                        return true;
        return false;
}

/* Calls fn for each LAN's share of the members: the members of one LAN
 * plus those that may be on any LAN (offline inventories). */
void fleet_per_lan(struct ctx *c, const struct fact **m, size_t n,
                   void (*fn)(struct ctx *c, const struct fact *const *m, size_t n))
{
        const struct fact **comp;
        size_t n_any = 0, k;

        if (!(comp = malloc(n * sizeof(*comp)))) {
                c->enomem = 1;
                return;
        }
        for (size_t i = 0; i < n; i++)
                if (c->f->hosts[m[i]->host].lan < 0)
                        comp[n_any++] = m[i];
        if (n_any == n) {
                fn(c, comp, n);
                free(comp);
                return;
        }
        /* LANs in order of first appearance; each LAN once */
        for (size_t i = 0; i < n; i++) {
                int lan = c->f->hosts[m[i]->host].lan;
                bool done = false;

                if (lan < 0)
                        continue;
                for (size_t j = 0; j < i && !done; j++)
                        done = c->f->hosts[m[j]->host].lan == lan;
                if (done)
                        continue;
                k = n_any;
                for (size_t j = i; j < n; j++)
                        if (c->f->hosts[m[j]->host].lan == lan)
                                comp[k++] = m[j];
                fn(c, comp, k);
        }
        free(comp);
}

int fleet_cmp_addr_fact(const void *pa, const void *pb)
{
        const struct fact *a = pa, *b = pb;
        int r = addr_cmp(&a->first, &b->first);

        if (r)
                return r;
        if (a->host != b->host)
                return a->host < b->host ? -1 : 1;
        if (a->kind != b->kind)
                return a->kind - b->kind;
        if (a->a != b->a)
                return a->a < b->a ? -1 : 1;
        return (a->b > b->b) - (a->b < b->b);
}

struct fact *fleet_push(struct ctx *c, struct fact **v, size_t *n, size_t *cap)
{
        struct fact *x = ARRAY_PUSH(*v, *n, *cap);

        if (!x)
                c->enomem = 1;
        return x;
}

/* Runs of equal first address among v (sorted), each through per_lan. */
void fleet_runs(struct ctx *c, struct fact *v, size_t n,
                void (*fn)(struct ctx *c, const struct fact *const *m, size_t n))
{
        const struct fact **m;

        if (!n || !(m = malloc(n * sizeof(*m)))) {
                c->enomem |= n != 0;
                return;
        }
        for (size_t s = 0, e; s < n && !c->enomem; s = e) {
                size_t k = 0;

                for (e = s; e < n && addr_eq(&v[e].first, &v[s].first); e++)
                        m[k++] = &v[e];
                if (k > 1 && v[s].host != v[e - 1].host)
                        fleet_per_lan(c, m, k, fn);
        }
        free(m);
}

int fleet_cmp_span(const void *pa, const void *pb)
{
        const struct fact *a = pa, *b = pb;
        int r = addr_cmp(&a->first, &b->first);

        if (r)
                return r;
        if ((r = addr_cmp(&b->last, &a->last)))        /* the container first */
                return r;
        if (a->host != b->host)
                return a->host < b->host ? -1 : 1;
        if (a->a != b->a)
                return a->a < b->a ? -1 : 1;
        if (a->b != b->b)
                return a->b < b->b ? -1 : 1;
        return (a->c > b->c) - (a->c < b->c);
}

/* Clusters of spans (sorted): a span joins while it starts before the
 * cluster's end.  fn gets each cluster that spans two hosts. */
void fleet_clusters(struct ctx *c, struct fact *v, size_t n, bool lan_split,
                    void (*fn)(struct ctx *c, const struct fact *const *m, size_t n))
{
        const struct fact **m;

        if (!n || !(m = malloc(n * sizeof(*m)))) {
                c->enomem |= n != 0;
                return;
        }
        for (size_t s = 0, e; s < n && !c->enomem; s = e) {
                struct addr end = v[s].last;
                size_t k = 0;

                for (e = s; e < n && v[e].first.family == v[s].first.family &&
                            addr_cmp(&v[e].first, &end) <= 0; e++) {
                        if (addr_cmp(&v[e].last, &end) > 0)
                                end = v[e].last;
                        m[k++] = &v[e];
                }
                if (k > 1 && fleet_two_hosts(m, k)) {
                        if (lan_split)
                                fleet_per_lan(c, m, k, fn);
                        else
                                fn(c, m, k);
                }
        }
        free(m);
}

int fleet_analysis_cross(const struct fleet *f, struct finding_list *out)
{
        struct ctx c = { .f = f, .out = out };

        fleet_duplicates(&c);
        if (!c.enomem)
                fleet_overlaps(&c);
        if (!c.enomem)
                fleet_bridged_pools(&c);
        return c.enomem ? -ENOMEM : 0;
}

/* ---- each host's own findings, and the fleet's file errors --------------- */

static int prefix_strv(char **v, size_t n, const char *host, const char *sep)
{
        for (size_t i = 0; i < n; i++) {
                char *s;

                if (asprintf(&s, "%s%s%s", host, sep, v[i]) < 0)
                        return -ENOMEM;
                free(v[i]);
                v[i] = s;
        }
        return 0;
}

static int host_findings(const struct fleet_host *h, struct finding_list *out)
{
        struct finding_list l = { 0 };
        int r;

        if ((r = analysis_run(&h->inv, NULL, &l)) < 0)
                goto out;
        for (size_t i = 0; i < l.n; i++) {
                struct finding *fd = &l.v[i], *dst;
                char *msg;

                if (prefix_strv(fd->networks, fd->n_networks, h->name, "/") < 0 ||
                    prefix_strv(fd->origins, fd->n_origins, h->name, ": ") < 0 ||
                    finding_add_host(fd, h->name) < 0 || asprintf(&msg, "%s: %s", h->name, fd->message) < 0) {
                        r = -ENOMEM;
                        goto out;
                }
                free(fd->message);
                fd->message = msg;
                if (!(dst = ARRAY_PUSH(out->v, out->n, out->cap))) {
                        r = -ENOMEM;
                        goto out;
                }
                *dst = *fd;
                *fd = (struct finding){ 0 };
        }
out:
        finding_list_free(&l);
        return r;
}

static int file_errors(const struct fleet *f, struct finding_list *out)
{
        for (size_t i = 0; i < f->diags.n; i++) {
                const struct diag *d = &f->diags.v[i];
                char where[512], *msg = NULL, *hint = NULL;
                struct finding *fd = NULL;

                if (d->severity != SEV_ERROR)
                        continue;
                if (d->file && d->line)
                        snprintf(where, sizeof(where), "%s:%u", d->file, d->line);
                else
                        snprintf(where, sizeof(where), "%s", d->file ? d->file : "vnetaudit");
                if (asprintf(&msg, "%s: %s", where, d->message) >= 0 &&
                    asprintf(&hint, "give fleet `vnetaudit list --json` output of each host once: "
                             "a host whose inventory could not be read is not checked") >= 0)
                        fd = finding_add(out, F_CONFIG_ERROR, SEV_ERROR, msg, hint);
                free(msg);
                free(hint);
                if (!fd || finding_add_origin(fd, where) < 0)
                        return -ENOMEM;
        }
        return 0;
}

int fleet_analysis_run(const struct fleet *f, struct finding_list *out)
{
        struct finding_list l = { 0 };
        int r;

        if ((r = file_errors(f, &l)) < 0)
                goto out;
        for (size_t h = 0; h < f->n_hosts; h++)
                if ((r = host_findings(&f->hosts[h], &l)) < 0)
                        goto out;
        if ((r = fleet_analysis_cross(f, &l)) < 0 || (r = finding_list_dedup(&l)) < 0)
                goto out;
        for (size_t i = 0; i < l.n; i++) {
                struct finding *dst = ARRAY_PUSH(out->v, out->n, out->cap);

                if (!dst) {
                        r = -ENOMEM;
                        goto out;
                }
                *dst = l.v[i];
                l.v[i] = (struct finding){ 0 };
        }
out:
        finding_list_free(&l);
        return r;
}
