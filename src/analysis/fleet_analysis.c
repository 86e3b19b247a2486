/*
 * fleet_analysis.c - the cross-host checks.  Each is one sort and one sweep
 * over all hosts' facts (O(n log n)): equal addresses form runs, nested
 * subnets and overlapping pools form clusters, and each run or cluster that
 * spans two hosts is ONE finding naming every host in it, so a fleet of a
 * thousand stock libvirt `default` networks gives two findings, not half a
 * million.  Which hosts share a LAN comes from fleet_lan.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "analysis.h"
#include "fleet_analysis.h"
#include "xalloc.h"

#define MSG_NAMES 6             /* members named in a message; all are in networks[] */

struct ctx {
        const struct fleet *f;
        struct finding_list *out;
        size_t *stack;          /* scratch for bridged_clash, one slot per fact */
        int enomem;
};

/* One fact of one host: an address, or a range/prefix [first, last]. */
struct fact {
        struct addr first, last;
        size_t host;
        int kind;               /* FK_* */
        size_t a, b, c;         /* net/subnet/item, or interface/address */
};

enum { FK_NET, FK_LAN };

static const struct network *fact_net(const struct ctx *c, const struct fact *x)
{
        return x->kind == FK_NET ? &c->f->hosts[x->host].inv.nets[x->a] : NULL;
}

static const struct subnet *fact_subnet(const struct ctx *c, const struct fact *x)
{
        return &fact_net(c, x)->subnets[x->b];
}

static const struct interface *fact_iface(const struct ctx *c, const struct fact *x)
{
        return &c->f->hosts[x->host].inv.ifs[x->a];
}

static const char *host_name(const struct ctx *c, const struct fact *x)
{
        return c->f->hosts[x->host].name;
}

bool fleet_net_bridged(const struct inventory *inv, const struct network *n)
{
        const struct interface *br;

        if (n->type == NET_TYPE_BRIDGED || n->n_bridged_to)
                return true;
        if (!n->device || !(br = inventory_find_interface(inv, n->device)))
                return false;
        for (size_t i = 0; i < inv->n_ifs; i++)
                if (inv->ifs[i].master_ifindex == br->ifindex &&
                    (inv->ifs[i].kind == LINK_KIND_PHYSICAL || inv->ifs[i].kind == LINK_KIND_BOND ||
                     inv->ifs[i].kind == LINK_KIND_VLAN))
                        return true;
        return false;
}

static bool fact_bridged(const struct ctx *c, const struct fact *x)
{
        return x->kind == FK_NET && fleet_net_bridged(&c->f->hosts[x->host].inv, fact_net(c, x));
}

/* ---- building a finding ------------------------------------------------- */

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
        va_list ap;
        char *s;
        int r;

        va_start(ap, f);
        r = vasprintf(&s, f, ap);
        va_end(ap);
        return r < 0 ? NULL : s;
}

static void check(struct ctx *c, int r)
{
        if (r < 0)
                c->enomem = 1;
}

/* "srv's libvirt network test" or "ws's interface eth0". */
static char *member_label(const struct ctx *c, const struct fact *x)
{
        char buf[160];

        if (x->kind == FK_LAN)
                return fmt("%s's interface %s", host_name(c, x), fact_iface(c, x)->name);
        return fmt("%s's %s", host_name(c, x), analysis_net_label(fact_net(c, x), buf, sizeof(buf)));
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
                        id = fmt("%s/host:%s", host_name(c, x), fact_iface(c, x)->name);
                else
                        id = fmt("%s/%s", host_name(c, x), fact_net(c, x)->id);
                org = fmt("%s: %s", host_name(c, x), origin_format(o, ob, sizeof(ob)));
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

static bool two_hosts(const struct fact *const *m, size_t n)
{
        for (size_t i = 1; i < n; i++)
                if (m[i]->host != m[0]->host)
                        return true;
        return false;
}

/* Calls fn for each LAN's share of the members: the members of one LAN
 * plus those that may be on any LAN (offline inventories). */
static void per_lan(struct ctx *c, const struct fact **m, size_t n,
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

/* ---- duplicate-host-address --------------------------------------------- */

static const struct origin *dup_origin(const struct ctx *c, const struct fact *x)
{
        if (x->kind == FK_LAN)
                return &fact_iface(c, x)->addrs[x->b].origin;
        return &fact_subnet(c, x)->host_address.origin;
}

static void emit_duplicate(struct ctx *c, const struct fact *const *m, size_t n)
{
        bool has_net = false, vmware = false, bridged = false;
        char *names = NULL, *msg = NULL, *hint = NULL;
        char addr[ADDR_STRLEN];
        struct finding *fd;
        size_t len = 0;
        FILE *nf;

        for (size_t i = 0; i < n; i++)
                if (m[i]->kind == FK_NET) {
                        has_net = true;
                        vmware |= fact_net(c, m[i])->source == NET_SRC_VMWARE;
                        bridged |= fact_bridged(c, m[i]);
                }
        if (!has_net || !two_hosts(m, n))
                return;
        addr_format(&m[0]->first, addr);
        if (vmware)
                hint = fmt("vnetlib refuses to start a VMware network whose host address answers on the LAN; "
                           "Linux answers ARP for every local address on every interface, so %s held on one host "
                           "is claimed on the LAN by all of them: give each network its own subnet, or on the "
                           "other hosts set net.ipv4.conf.all.arp_ignore=1 and arp_filter=1", addr);
        else if (bridged)
                hint = fmt("a network bridged onto the LAN puts %s on the wire itself: give one of the hosts "
                           "another address or subnet", addr);
        else
                hint = fmt("Linux answers ARP for every local address on every interface (the weak host model), "
                           "so each host answers for %s on the LAN while that network is up: give the networks "
                           "different subnets, or set net.ipv4.conf.all.arp_ignore=1 and arp_filter=1 on the hosts",
                           addr);
        if (!hint || !(fd = finding_add(c->out, F_DUPLICATE_HOST_ADDRESS,
                                        vmware || bridged ? SEV_ERROR : SEV_WARNING, "", hint))) {
                free(hint);
                c->enomem = 1;
                return;
        }
        free(hint);
        check(c, finding_add_address(fd, addr));
        if (!(nf = open_memstream(&names, &len))) {
                c->enomem = 1;
                return;
        }
        add_members(c, fd, m, n, dup_origin, nf);
        if (fclose(nf) != 0 || !names ||
            !(msg = fmt("host address %s is held by %zu hosts on one LAN: %s", addr, fd->n_hosts, names)))
                c->enomem = 1;
        else {
                free(fd->message);
                fd->message = msg;
        }
        free(names);
}

static int cmp_addr_fact(const void *pa, const void *pb)
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

static struct fact *push(struct ctx *c, struct fact **v, size_t *n, size_t *cap)
{
        struct fact *x = ARRAY_PUSH(*v, *n, *cap);

        if (!x)
                c->enomem = 1;
        return x;
}

/* Runs of equal first address among v (sorted), each through per_lan. */
static void runs(struct ctx *c, struct fact *v, size_t n,
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
                        per_lan(c, m, k, fn);
        }
        free(m);
}

static void duplicates(struct ctx *c)
{
        struct fact *v = NULL, *x;
        size_t n = 0, cap = 0;

        for (size_t h = 0; h < c->f->n_hosts && !c->enomem; h++) {
                const struct inventory *inv = &c->f->hosts[h].inv;

                for (size_t i = 0; i < inv->n_nets; i++)
                        for (size_t k = 0; k < inv->nets[i].n_subnets; k++) {
                                const struct subnet *s = &inv->nets[i].subnets[k];

                                if (!s->host_address.set || !(x = push(c, &v, &n, &cap)))
                                        continue;
                                *x = (struct fact){ .first = s->host_address.addr, .host = h,
                                                    .kind = FK_NET, .a = i, .b = k };
                        }
                for (size_t i = 0; i < inv->n_ifs; i++) {
                        const struct interface *ifc = &inv->ifs[i];

                        if (!fleet_is_lan_interface(inv, ifc))
                                continue;
                        for (size_t k = 0; k < ifc->n_addrs; k++) {
                                if (!ifc->addrs[k].prefix.addr.family || !(x = push(c, &v, &n, &cap)))
                                        continue;
                                *x = (struct fact){ .first = ifc->addrs[k].prefix.addr, .host = h,
                                                    .kind = FK_LAN, .a = i, .b = k };
                        }
                }
        }
        if (n > 1 && !c->enomem) {
                qsort(v, n, sizeof(*v), cmp_addr_fact);
                runs(c, v, n, emit_duplicate);
        }
        free(v);
}

/* ---- subnet-overlap ------------------------------------------------------ */

static int cmp_span(const void *pa, const void *pb)
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

static const struct origin *subnet_origin(const struct ctx *c, const struct fact *x)
{
        const struct subnet *s = fact_subnet(c, x);

        return s->origin.file || s->origin.ifindex ? &s->origin : &fact_net(c, x)->origin;
}

/* Bridged members of one LAN on two hosts whose subnets overlap: the
 * stack holds the bridged members that contain the current one. */
static bool bridged_clash(const struct ctx *c, const struct fact *const *m, size_t n, size_t *stack)
{
        size_t depth = 0;

        for (size_t i = 0; i < n; i++) {
                if (!fact_bridged(c, m[i]))
                        continue;
                while (depth && addr_cmp(&m[stack[depth - 1]]->last, &m[i]->first) < 0)
                        depth--;
                for (size_t k = 0; k < depth; k++)
                        if (m[stack[k]]->host != m[i]->host &&
                            fleet_same_lan(c->f, m[stack[k]]->host, m[i]->host))
                                return true;
                stack[depth++] = i;
        }
        return false;
}

static void emit_overlap(struct ctx *c, const struct fact *const *m, size_t n, size_t *stack)
{
        char *names = NULL, *msg = NULL, *hint;
        bool error = bridged_clash(c, m, n, stack), same = true;
        char pb[PREFIX_STRLEN];
        struct finding *fd;
        size_t len = 0;
        FILE *nf;

        for (size_t i = 1; i < n; i++)
                same &= addr_eq(&m[i]->first, &m[0]->first) && addr_eq(&m[i]->last, &m[0]->last);
        hint = error ?
                fmt("the guests of networks bridged onto one LAN share one broadcast domain: give each "
                    "network its own subnet") :
                fmt("isolated and NAT networks on different hosts may reuse a subnet, but guests migrated "
                    "between these hosts keep their addresses, and routes between the hosts to these subnets "
                    "break: give each host its own subnet where guests move or hosts route to each other");
        if (!hint || !(fd = finding_add(c->out, F_SUBNET_OVERLAP, error ? SEV_ERROR : SEV_INFO, "", hint))) {
                free(hint);
                c->enomem = 1;
                return;
        }
        free(hint);
        for (size_t i = 0; i < n; i++)
                check(c, finding_add_address(fd, prefix_format(&fact_subnet(c, m[i])->prefix, pb)));
        if (!(nf = open_memstream(&names, &len))) {
                c->enomem = 1;
                return;
        }
        add_members(c, fd, m, n, subnet_origin, nf);
        if (fclose(nf) != 0 || !names)
                c->enomem = 1;
        else if (same)
                msg = fmt("subnet %s is used on %zu hosts: %s", fd->addresses[0], fd->n_hosts, names);
        else if (fd->n_addresses == 2)
                msg = fmt("subnets %s and %s overlap across %zu hosts: %s", fd->addresses[0],
                          fd->addresses[1], fd->n_hosts, names);
        else
                msg = fmt("subnet %s and %zu subnets inside it overlap across %zu hosts: %s",
                          fd->addresses[0], fd->n_addresses - 1, fd->n_hosts, names);
        if (!msg) {
                c->enomem = 1;
        } else {
                free(fd->message);
                fd->message = msg;
        }
        free(names);
}

/* Clusters of spans (sorted): a span joins while it starts before the
 * cluster's end.  fn gets each cluster that spans two hosts. */
static void clusters(struct ctx *c, struct fact *v, size_t n, bool lan_split,
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
                if (k > 1 && two_hosts(m, k)) {
                        if (lan_split)
                                per_lan(c, m, k, fn);
                        else
                                fn(c, m, k);
                }
        }
        free(m);
}

static void emit_overlap_cb(struct ctx *c, const struct fact *const *m, size_t n)
{
        emit_overlap(c, m, n, c->stack);
}

static bool is_lan_network(const struct inventory *inv, const struct network *n)
{
        const struct interface *ifc;

        if (n->source != NET_SRC_HOST || !n->device)
                return false;
        ifc = inventory_find_interface(inv, n->device);
        return ifc && fleet_is_lan_interface(inv, ifc);
}

static bool link_local(const struct prefix *p)
{
        if (p->addr.family == AF_INET)
                return p->addr.b[0] == 169 && p->addr.b[1] == 254;
        return p->addr.b[0] == 0xfe && (p->addr.b[1] & 0xc0) == 0x80;
}

static void overlaps(struct ctx *c)
{
        struct fact *v = NULL, *x;
        size_t n = 0, cap = 0;

        for (size_t h = 0; h < c->f->n_hosts && !c->enomem; h++) {
                const struct inventory *inv = &c->f->hosts[h].inv;

                for (size_t i = 0; i < inv->n_nets; i++) {
                        /* the LAN itself (br0 holding the wire) is shared by design */
                        if (is_lan_network(inv, &inv->nets[i]))
                                continue;
                        for (size_t k = 0; k < inv->nets[i].n_subnets; k++) {
                                const struct prefix *p = &inv->nets[i].subnets[k].prefix;

                                if (!p->addr.family || link_local(p) || !(x = push(c, &v, &n, &cap)))
                                        continue;
                                *x = (struct fact){ .first = prefix_first(p), .last = prefix_last(p),
                                                    .host = h, .kind = FK_NET, .a = i, .b = k };
                        }
                }
        }
        if (n > 1 && !c->enomem) {
                qsort(v, n, sizeof(*v), cmp_span);
                if (!(c->stack = malloc(n * sizeof(*c->stack))))
                        c->enomem = 1;
                else
                        clusters(c, v, n, false, emit_overlap_cb);
                free(c->stack);
                c->stack = NULL;
        }
        free(v);
}

/* ---- DHCP pools and fixed hosts of networks bridged onto one LAN --------- */

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
        size_t len = 0;
        FILE *nf;

        if (!two_hosts(m, n))
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
        if (!(nf = open_memstream(&names, &len)))
                goto enomem;
        add_members(c, fd, m, n, origin_of, nf);
        if (fclose(nf) != 0 || !names ||
            !(msg = fmt("%s %s of networks bridged onto one LAN on %zu hosts: %s", what, fd->addresses[0],
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

static void bridged_pools(struct ctx *c)
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
                                        if ((x = push(c, &rv, &rn, &rcap)))
                                                *x = (struct fact){ .first = s->ranges[j].start,
                                                                    .last = s->ranges[j].end, .host = h,
                                                                    .kind = FK_NET, .a = i, .b = k, .c = j };
                                for (size_t j = 0; j < s->n_hosts; j++)
                                        if (s->hosts[j].ip.family && (x = push(c, &fv, &fn, &fcap)))
                                                *x = (struct fact){ .first = s->hosts[j].ip, .host = h,
                                                                    .kind = FK_NET, .a = i, .b = k, .c = j };
                        }
                }
        }
        if (rn > 1 && !c->enomem) {
                qsort(rv, rn, sizeof(*rv), cmp_span);
                clusters(c, rv, rn, true, emit_ranges);
        }
        if (fn > 1 && !c->enomem) {
                qsort(fv, fn, sizeof(*fv), cmp_addr_fact);
                runs(c, fv, fn, emit_fixed);
        }
        free(rv);
        free(fv);
}

int fleet_analysis_cross(const struct fleet *f, struct finding_list *out)
{
        struct ctx c = { .f = f, .out = out };

        duplicates(&c);
        if (!c.enomem)
                overlaps(&c);
        if (!c.enomem)
                bridged_pools(&c);
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
