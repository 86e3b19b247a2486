/*
 * analysis.c - find what clashes in the address plan.  Overlaps between
 * configured subnets, interface addresses and routes come from one sweep
 * over all prefixes sorted by first address (prefixes nest or are disjoint,
 * so a stack of open prefixes yields every overlapping pair in
 * O(n log n + pairs)); the checks inside one subnet, or between networks
 * coupled on one segment, look at that subnet's few facts directly.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "analysis.h"
#include "analysis_pools.h"
#include "xalloc.h"

#define RT_TABLE_LOCAL 255      /* the kernel's local/broadcast table */
#define RTN_UNICAST_ 1

struct ctx {
        const struct inventory *inv;
        const struct audit_config *cfg;
        struct finding_list *out;
        int enomem;
        /* device name -> configured (VMware/libvirt) network, sorted */
        struct devmap { const char *dev; size_t net; } *devs;
        size_t n_devs;
        /* per network: its segment in cfg, or -1 */
        int *segment;
        /* broad routes over subnets: one finding per route, after the sweep */
        struct broad { size_t route, net, subnet; } *broad;
        size_t n_broad, cap_broad;
};

/* ---- small helpers ----------------------------------------------------- */

static bool is_configured(const struct network *n)
{
        return n->source != NET_SRC_HOST;
}

const char *analysis_net_label(const struct network *n, char *buf, size_t size)
{
        switch (n->source) {
        case NET_SRC_VMWARE:
                snprintf(buf, size, "%s", n->name);
                break;
        case NET_SRC_LIBVIRT:
                snprintf(buf, size, "libvirt network %s", n->name);
                break;
        case NET_SRC_DOCKER:
        case NET_SRC_PODMAN:
        case NET_SRC_INCUS:
                snprintf(buf, size, "%s network %s", net_source_name(n->source), n->name);
                break;
        default:
                snprintf(buf, size, "%s %s", n->type == NET_TYPE_BRIDGE ? "bridge" : "device",
                         n->device ? n->device : n->name);
                break;
        }
        return buf;
}

#define LABEL(n) analysis_net_label((n), (char[160]){ 0 }, 160)
#define ORIGIN(o) origin_format((o), (char[512]){ 0 }, 512)
#define ADDR(a) addr_format((a), (char[ADDR_STRLEN]){ 0 })
#define PREFIX(p) prefix_format((p), (char[PREFIX_STRLEN]){ 0 })

static char *vfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *vfmt(const char *fmt, va_list ap)
{
        char *s;

        return vasprintf(&s, fmt, ap) < 0 ? NULL : s;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
        va_list ap;
        char *s;

        va_start(ap, f);
        s = vfmt(f, ap);
        va_end(ap);
        return s;
}

/* A new finding: hint is malloc'd by the caller (taken), message formatted here. */
static struct finding *emit(struct ctx *c, enum finding_code code, enum severity sev, char *hint,
                            const char *f, ...) __attribute__((format(printf, 5, 6)));
static struct finding *emit(struct ctx *c, enum finding_code code, enum severity sev, char *hint,
                            const char *f, ...)
{
        struct finding *fd = NULL;
        va_list ap;
        char *msg;

        va_start(ap, f);
        msg = vfmt(f, ap);
        va_end(ap);
        if (msg && hint)
                fd = finding_add(c->out, code, sev, msg, hint);
        free(msg);
        free(hint);
        if (!fd)
                c->enomem = 1;
        return fd;
}

static void f_net(struct ctx *c, struct finding *f, const char *id)
{
        if (f && id && finding_add_network(f, id) < 0)
                c->enomem = 1;
}

static void f_addr(struct ctx *c, struct finding *f, const char *a)
{
        if (f && finding_add_address(f, a) < 0)
                c->enomem = 1;
}

static void f_origin(struct ctx *c, struct finding *f, const struct origin *o)
{
        if (f && finding_add_origin(f, ORIGIN(o)) < 0)
                c->enomem = 1;
}

static const struct interface *iface_by_index(const struct inventory *inv, int ifindex)
{
        /* Hashed: one lookup per route, 20,000 links. */
        return inventory_interface_by_index(inv, ifindex);
}

static int cmp_devmap(const void *a, const void *b)
{
        return strcmp(((const struct devmap *)a)->dev, ((const struct devmap *)b)->dev);
}

/* The configured network whose device this is, or NULL. */
static const struct network *net_of_device(const struct ctx *c, const char *dev)
{
        struct devmap key = { .dev = dev }, *m;

        if (!dev || !c->n_devs)
                return NULL;
        m = bsearch(&key, c->devs, c->n_devs, sizeof(*c->devs), cmp_devmap);
        return m ? &c->inv->nets[m->net] : NULL;
}

/* "host:eth0", or the id of the host network that owns the device. */
static char *iface_id(const struct interface *ifc)
{
        return fmt("host:%s", ifc ? ifc->name : "?");
}

static bool same_segment(const struct ctx *c, size_t a, size_t b)
{
        return c->segment[a] >= 0 && c->segment[a] == c->segment[b];
}

static bool has_overlapping_subnet(const struct network *n, const struct prefix *p)
{
        for (size_t i = 0; i < n->n_subnets; i++)
                if (prefix_overlaps(&n->subnets[i].prefix, p))
                        return true;
        return false;
}

/* ---- the roles an address plays in a subnet ------------------------------ */

enum role { ROLE_HOST, ROLE_GATEWAY, ROLE_DHCP_SERVER, _ROLE_MAX };

static const char *const role_names[_ROLE_MAX] = {
        [ROLE_HOST] = "planned host address",
        [ROLE_GATEWAY] = "NAT gateway",
        [ROLE_DHCP_SERVER] = "DHCP server",
};

static const struct addr_fact *role_fact(const struct subnet *s, enum role r)
{
        switch (r) {
        case ROLE_HOST: return &s->host_address;
        case ROLE_GATEWAY: return &s->gateway;
        default: return &s->dhcp_server;
        }
}

static const char *range_str(const struct dhcp_range *r, char *buf, size_t size)
{
        char a[ADDR_STRLEN], b[ADDR_STRLEN];

        snprintf(buf, size, "%s-%s", addr_format(&r->start, a), addr_format(&r->end, b));
        return buf;
}
#define RANGE(r) range_str((r), (char[2 * ADDR_STRLEN + 2]){ 0 }, 2 * ADDR_STRLEN + 2)

static bool in_range(const struct dhcp_range *r, const struct addr *a)
{
        return a->family && r->start.family == a->family &&
               addr_cmp(&r->start, a) <= 0 && addr_cmp(a, &r->end) <= 0;
}

/* ---- checks inside one subnet -------------------------------------------- */

static void check_roles_inside(struct ctx *c, const struct network *n, const struct subnet *s)
{
        for (int r = 0; r < _ROLE_MAX; r++) {
                const struct addr_fact *f = role_fact(s, (enum role)r);
                struct finding *fd;

                if (!f->set || prefix_contains(&s->prefix, &f->addr))
                        continue;
                fd = emit(c, F_ADAPTER_ADDRESS_OUTSIDE_SUBNET, SEV_ERROR,
                          fmt("choose a %s inside %s, or correct the subnet", role_names[r],
                              PREFIX(&s->prefix)),
                          "%s's %s %s (%s) is outside its subnet %s (%s)", LABEL(n),
                          role_names[r], ADDR(&f->addr), ORIGIN(&f->origin),
                          PREFIX(&s->prefix), ORIGIN(&s->origin));
                f_net(c, fd, n->id);
                f_addr(c, fd, ADDR(&f->addr));
                f_addr(c, fd, PREFIX(&s->prefix));
                f_origin(c, fd, &f->origin);
                f_origin(c, fd, &s->origin);
        }
        /* Two roles on one address: two devices would claim it. */
        for (int a = 0; a < _ROLE_MAX; a++)
                for (int b = a + 1; b < _ROLE_MAX; b++) {
                        const struct addr_fact *fa = role_fact(s, (enum role)a);
                        const struct addr_fact *fb = role_fact(s, (enum role)b);
                        struct finding *fd;

                        if (!fa->set || !fb->set || !addr_eq(&fa->addr, &fb->addr))
                                continue;
                        fd = emit(c, F_DUPLICATE_HOST_ADDRESS, SEV_ERROR,
                                  fmt("give %s's %s and %s different addresses", LABEL(n),
                                      role_names[a], role_names[b]),
                                  "%s's %s (%s) and its %s (%s) are both %s", LABEL(n),
                                  role_names[a], ORIGIN(&fa->origin), role_names[b],
                                  ORIGIN(&fb->origin), ADDR(&fa->addr));
                        f_net(c, fd, n->id);
                        f_addr(c, fd, ADDR(&fa->addr));
                        f_origin(c, fd, &fa->origin);
                        f_origin(c, fd, &fb->origin);
                }
}

static int cmp_range_start(const void *pa, const void *pb)
{
        const struct dhcp_range *a = *(const struct dhcp_range *const *)pa;
        const struct dhcp_range *b = *(const struct dhcp_range *const *)pb;

        return addr_cmp(&a->start, &b->start);
}

#define LIST_NAMED 8             /* members a grouped message names; all are in the lists */

/* "a-b (file:3), c-d (file:4) and 1990 more" */
static char *range_list(const struct dhcp_range *const *v, size_t n)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);

        if (!f)
                return NULL;
        for (size_t i = 0; i < n && i < LIST_NAMED; i++)
                fprintf(f, "%s%s (%s)", i ? ", " : "", RANGE(v[i]), ORIGIN(&v[i]->origin));
        if (n > LIST_NAMED)
                fprintf(f, " and %zu more", n - LIST_NAMED);
        if (fclose(f) != 0) {
                free(buf);
                return NULL;
        }
        return buf;
}

static void check_ranges_inside(struct ctx *c, const struct network *n, const struct subnet *s)
{
        const struct dhcp_range **v;
        size_t nv = 0;

        for (size_t i = 0; i < s->n_ranges; i++) {
                const struct dhcp_range *r = &s->ranges[i];
                struct finding *fd;

                if (range_in_prefix(&s->prefix, &r->start, &r->end))
                        continue;
                fd = emit(c, F_DHCP_RANGE_OUTSIDE_SUBNET, SEV_ERROR,
                          fmt("make %s's DHCP range lie inside %s", LABEL(n), PREFIX(&s->prefix)),
                          "%s's DHCP range %s (%s) is not inside its subnet %s (%s)", LABEL(n),
                          RANGE(r), ORIGIN(&r->origin), PREFIX(&s->prefix), ORIGIN(&s->origin));
                f_net(c, fd, n->id);
                f_addr(c, fd, RANGE(r));
                f_addr(c, fd, PREFIX(&s->prefix));
                f_origin(c, fd, &r->origin);
                f_origin(c, fd, &s->origin);
        }

        /* Overlapping pools inside one subnet: sort by start; a cluster runs
         * while the next start is not past the furthest end so far.  Two
         * ranges are one pair; more are one finding for the cluster. */
        if (s->n_ranges < 2)
                return;
        if (!(v = calloc(s->n_ranges, sizeof(*v)))) {
                c->enomem = 1;
                return;
        }
        for (size_t i = 0; i < s->n_ranges; i++)
                if (addr_cmp(&s->ranges[i].start, &s->ranges[i].end) <= 0)
                        v[nv++] = &s->ranges[i];
        qsort(v, nv, sizeof(*v), cmp_range_start);
        for (size_t i = 0, j; i < nv; i = j) {
                size_t far = i;

                for (j = i + 1; j < nv && v[j]->start.family == v[far]->start.family &&
                                addr_cmp(&v[j]->start, &v[far]->end) <= 0; j++)
                        if (addr_cmp(&v[j]->end, &v[far]->end) > 0)
                                far = j;
                if (j - i == 2) {
                        struct finding *fd = emit(c, F_DHCP_RANGE_OVERLAP, SEV_ERROR,
                                fmt("merge or separate the DHCP ranges of %s", LABEL(n)),
                                "%s's DHCP ranges %s (%s) and %s (%s) overlap", LABEL(n),
                                RANGE(v[i]), ORIGIN(&v[i]->origin), RANGE(v[i + 1]),
                                ORIGIN(&v[i + 1]->origin));
                        f_net(c, fd, n->id);
                        f_addr(c, fd, RANGE(v[i]));
                        f_addr(c, fd, RANGE(v[i + 1]));
                        f_origin(c, fd, &v[i]->origin);
                        f_origin(c, fd, &v[i + 1]->origin);
                } else if (j - i > 2) {
                        _cleanup_free_ char *who = range_list(v + i, j - i);
                        struct finding *fd;

                        if (!who) {
                                c->enomem = 1;
                                break;
                        }
                        fd = emit(c, F_DHCP_RANGE_OVERLAP, SEV_ERROR,
                                  fmt("merge or separate the DHCP ranges of %s", LABEL(n)),
                                  "%zu DHCP ranges of %s overlap: %s", j - i, LABEL(n), who);
                        f_net(c, fd, n->id);
                        for (size_t k = i; k < j && fd; k++) {
                                f_addr(c, fd, RANGE(v[k]));
                                f_origin(c, fd, &v[k]->origin);
                        }
                }
        }
        free(v);
}

/* The host, its NAT gateway or a fixed host inside a DHCP pool can be leased
 * to a guest.  The DHCP server's own address inside its own pool is how
 * VMware lays out every vmnet (.254 in .128-.254) and is not a finding. */
static void role_in_ranges(struct ctx *c, const struct network *n, const struct subnet *s,
                           const struct network *rn, const struct subnet *rs, bool own)
{
        const struct dhcp_range **in;

        if (!rs->n_ranges)
                return;
        if (!(in = calloc(rs->n_ranges, sizeof(*in)))) {
                c->enomem = 1;
                return;
        }
        for (int r = 0; r < _ROLE_MAX; r++) {
                const struct addr_fact *f = role_fact(s, (enum role)r);
                size_t n_in = 0;
                struct finding *fd;

                if (!f->set || (own && r == ROLE_DHCP_SERVER))
                        continue;
                for (size_t i = 0; i < rs->n_ranges; i++)
                        if (in_range(&rs->ranges[i], &f->addr))
                                in[n_in++] = &rs->ranges[i];
                if (n_in == 1) {
                        const struct dhcp_range *rg = in[0];

                        if (own)
                                fd = emit(c, F_DHCP_RANGE_CONTAINS_ADDRESS, SEV_ERROR,
                                          fmt("shrink %s's DHCP range or move its %s out of it",
                                              LABEL(n), role_names[r]),
                                          "%s's %s %s (%s) lies inside its own DHCP range %s (%s)",
                                          LABEL(n), role_names[r], ADDR(&f->addr),
                                          ORIGIN(&f->origin), RANGE(rg), ORIGIN(&rg->origin));
                        else
                                fd = emit(c, F_DHCP_RANGE_CONTAINS_ADDRESS, SEV_ERROR,
                                          fmt("shrink %s's DHCP range or move %s's %s out of it",
                                              LABEL(rn), LABEL(n), role_names[r]),
                                          "%s's %s %s (%s) lies inside %s's DHCP range %s (%s) "
                                          "on their shared segment",
                                          LABEL(n), role_names[r], ADDR(&f->addr),
                                          ORIGIN(&f->origin), LABEL(rn), RANGE(rg),
                                          ORIGIN(&rg->origin));
                } else if (n_in > 1) {
                        _cleanup_free_ char *who = range_list(in, n_in);

                        if (!who) {
                                c->enomem = 1;
                                break;
                        }
                        fd = emit(c, F_DHCP_RANGE_CONTAINS_ADDRESS, SEV_ERROR,
                                  fmt("shrink %s's DHCP ranges or move %s's %s out of them",
                                      LABEL(rn), LABEL(n), role_names[r]),
                                  "%s's %s %s (%s) lies inside %zu DHCP ranges of %s%s: %s",
                                  LABEL(n), role_names[r], ADDR(&f->addr), ORIGIN(&f->origin),
                                  n_in, own ? "its own" : LABEL(rn),
                                  own ? "" : " on their shared segment", who);
                } else {
                        continue;
                }
                f_net(c, fd, n->id);
                f_net(c, fd, rn->id);
                f_addr(c, fd, ADDR(&f->addr));
                f_origin(c, fd, &f->origin);
                for (size_t i = 0; i < n_in && fd; i++) {
                        f_addr(c, fd, RANGE(in[i]));
                        f_origin(c, fd, &in[i]->origin);
                }
        }
        free(in);
}

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

static const char *host_who(const struct fixed_host *h, char *buf, size_t size)
{
        if (h->mac[0] && h->name)
                snprintf(buf, size, "%s (%s)", h->name, h->mac);
        else if (h->mac[0])
                snprintf(buf, size, "%s", h->mac);
        else
                snprintf(buf, size, "%s", h->name ? h->name : "a host");
        return buf;
}
#define WHO(h) host_who((h), (char[256]){ 0 }, 256)

static bool same_machine(const struct fixed_host *a, const struct fixed_host *b)
{
        return a->mac[0] && strcmp(a->mac, b->mac) == 0;
}

/* "name (mac) (file:3), ... and 1990 more" */
static char *host_list(const struct fixed_host *const *v, size_t n)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);

        if (!f)
                return NULL;
        for (size_t i = 0; i < n && i < LIST_NAMED; i++)
                fprintf(f, "%s%s %s (%s)", i ? ", " : "", WHO(v[i]), ADDR(&v[i]->ip),
                        ORIGIN(&v[i]->origin));
        if (n > LIST_NAMED)
                fprintf(f, " and %zu more", n - LIST_NAMED);
        if (fclose(f) != 0) {
                free(buf);
                return NULL;
        }
        return buf;
}

static void f_hosts(struct ctx *c, struct finding *fd, const struct fixed_host *const *v, size_t n)
{
        for (size_t i = 0; i < n && fd; i++) {
                f_addr(c, fd, ADDR(&v[i]->ip));
                f_origin(c, fd, &v[i]->origin);
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

                        fd = emit(c, F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                  fmt("give %s another fixed address", WHO(h)),
                                  "%s's fixed address %s for %s (%s) is also its %s (%s)",
                                  LABEL(n), ADDR(&h->ip), WHO(h), ORIGIN(&h->origin),
                                  role_names[r], ORIGIN(&f->origin));
                        f_net(c, fd, n->id);
                        f_addr(c, fd, ADDR(&h->ip));
                        f_origin(c, fd, &h->origin);
                        f_origin(c, fd, &f->origin);
                } else if (j - i > 1) {
                        _cleanup_free_ char *who = host_list(v + i, j - i);

                        if (!who) {
                                c->enomem = 1;
                                return;
                        }
                        fd = emit(c, F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                  fmt("give these %zu hosts other fixed addresses", j - i),
                                  "%s's %s %s (%s) is also the fixed address of %zu hosts: %s",
                                  LABEL(n), role_names[r], ADDR(&f->addr), ORIGIN(&f->origin),
                                  j - i, who);
                        f_net(c, fd, n->id);
                        f_origin(c, fd, &f->origin);
                        f_hosts(c, fd, v + i, j - i);
                }
        }
}

/* Fixed hosts (of n, sorted by address) inside the DHCP pools of rs (of
 * rn): one finding per pool, a cluster of overlapping ranges (their union
 * is one interval); a single host in a single range is said as a pair.
 * own: rn is n itself (ISC dhcpd, VMware, may lease a fixed address from
 * the pool to someone else: a warning); else rn shares n's segment. */
static void hosts_in_ranges(struct ctx *c, const struct network *n, const struct fixed_host *const *v,
                            size_t nv, const struct network *rn, const struct subnet *rs, bool own)
{
        enum severity sev = own ? SEV_WARNING : SEV_ERROR;
        const struct dhcp_range **rv;
        size_t nr = 0;

        if (!rs->n_ranges || !nv)
                return;
        if (!(rv = calloc(rs->n_ranges, sizeof(*rv)))) {
                c->enomem = 1;
                return;
        }
        for (size_t i = 0; i < rs->n_ranges; i++)
                if (addr_cmp(&rs->ranges[i].start, &rs->ranges[i].end) <= 0 && rs->ranges[i].start.family)
                        rv[nr++] = &rs->ranges[i];
        qsort(rv, nr, sizeof(*rv), cmp_range_start);
        for (size_t i = 0, j; i < nr && !c->enomem; i = j) {
                size_t far = i, h0, h1;
                struct finding *fd;

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
                if (h1 - h0 == 1 && j - i == 1) {
                        const struct fixed_host *h = v[h0];
                        const struct dhcp_range *rg = rv[i];

                        if (own)
                                fd = emit(c, F_DHCP_RANGE_CONTAINS_ADDRESS, sev,
                                          fmt("move %s's fixed address out of the DHCP range %s",
                                              WHO(h), RANGE(rg)),
                                          "%s's fixed address %s for %s (%s) lies inside its own DHCP "
                                          "range %s (%s)", LABEL(n), ADDR(&h->ip), WHO(h),
                                          ORIGIN(&h->origin), RANGE(rg), ORIGIN(&rg->origin));
                        else
                                fd = emit(c, F_DHCP_RANGE_CONTAINS_ADDRESS, sev,
                                          fmt("move %s's fixed address out of %s's DHCP range",
                                              WHO(h), LABEL(rn)),
                                          "%s's fixed address %s for %s (%s) lies inside %s's "
                                          "DHCP range %s (%s) on their shared segment",
                                          LABEL(n), ADDR(&h->ip), WHO(h), ORIGIN(&h->origin),
                                          LABEL(rn), RANGE(rg), ORIGIN(&rg->origin));
                        f_net(c, fd, n->id);
                        f_net(c, fd, rn->id);
                        f_addr(c, fd, ADDR(&h->ip));
                        f_addr(c, fd, RANGE(rg));
                        f_origin(c, fd, &h->origin);
                        f_origin(c, fd, &rg->origin);
                } else {
                        _cleanup_free_ char *who = host_list(v + h0, h1 - h0);
                        _cleanup_free_ char *pools = range_list(rv + i, j - i);

                        if (!who || !pools) {
                                c->enomem = 1;
                                break;
                        }
                        if (own)
                                fd = emit(c, F_DHCP_RANGE_CONTAINS_ADDRESS, sev,
                                          fmt("move these %zu fixed addresses out of %s's DHCP pool",
                                              h1 - h0, LABEL(n)),
                                          "%zu fixed addresses of %s lie inside its own DHCP pool (%s): %s",
                                          h1 - h0, LABEL(n), pools, who);
                        else
                                fd = emit(c, F_DHCP_RANGE_CONTAINS_ADDRESS, sev,
                                          fmt("move these %zu fixed addresses out of %s's DHCP pool",
                                              h1 - h0, LABEL(rn)),
                                          "%zu fixed addresses of %s lie inside %s's DHCP pool (%s) on "
                                          "their shared segment: %s", h1 - h0, LABEL(n), LABEL(rn), pools, who);
                        f_net(c, fd, n->id);
                        f_net(c, fd, rn->id);
                        f_hosts(c, fd, v + h0, h1 - h0);
                        for (size_t k = i; k < j && fd; k++) {
                                f_addr(c, fd, RANGE(rv[k]));
                                f_origin(c, fd, &rv[k]->origin);
                        }
                }
        }
        free(rv);
}

/* Hosts given one address: two are a pair, more one finding. */
static void hosts_duplicated(struct ctx *c, const struct network *n, const struct fixed_host *const *v,
                             size_t nv)
{
        for (size_t i = 0, j; i < nv && !c->enomem; i = j) {
                bool distinct = false;
                struct finding *fd;

                for (j = i + 1; j < nv && addr_cmp(&v[i]->ip, &v[j]->ip) == 0; j++)
                        distinct |= !same_machine(v[j - 1], v[j]);
                if (!distinct)
                        continue;       /* one machine listed again */
                if (j - i == 2) {
                        const struct fixed_host *a = v[i], *b = v[i + 1];

                        fd = emit(c, F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                  fmt("give %s and %s different fixed addresses", WHO(a), WHO(b)),
                                  "%s's fixed address %s is given to %s (%s) and to %s (%s)", LABEL(n),
                                  ADDR(&a->ip), WHO(a), ORIGIN(&a->origin), WHO(b), ORIGIN(&b->origin));
                        f_net(c, fd, n->id);
                        f_addr(c, fd, ADDR(&a->ip));
                        f_origin(c, fd, &a->origin);
                        f_origin(c, fd, &b->origin);
                } else {
                        _cleanup_free_ char *who = host_list(v + i, j - i);

                        if (!who) {
                                c->enomem = 1;
                                return;
                        }
                        fd = emit(c, F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                  fmt("give these %zu hosts different fixed addresses", j - i),
                                  "%s's fixed address %s is given to %zu hosts: %s", LABEL(n),
                                  ADDR(&v[i]->ip), j - i, who);
                        f_net(c, fd, n->id);
                        f_hosts(c, fd, v + i, j - i);
                }
        }
}

/* Fixed hosts of one network's subnet against its own facts. */
static void check_hosts_inside(struct ctx *c, const struct network *n, const struct subnet *s)
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
                c->enomem = 1;
                return;
        }
        for (size_t i = 0; i < s->n_hosts; i++) {
                const struct fixed_host *h = &s->hosts[i];
                struct finding *fd;

                if (!h->ip.family)
                        continue;
                v[nv++] = h;
                if (!prefix_contains(&s->prefix, &h->ip)) {
                        fd = emit(c, F_FIXED_ADDRESS_OUTSIDE_SUBNET, SEV_WARNING,
                                  fmt("give %s an address inside %s, or remove the entry",
                                      WHO(h), PREFIX(&s->prefix)),
                                  "%s's fixed address %s for %s (%s) is outside its subnet %s",
                                  LABEL(n), ADDR(&h->ip), WHO(h), ORIGIN(&h->origin),
                                  PREFIX(&s->prefix));
                        f_net(c, fd, n->id);
                        f_addr(c, fd, ADDR(&h->ip));
                        f_addr(c, fd, PREFIX(&s->prefix));
                        f_origin(c, fd, &h->origin);
                        f_origin(c, fd, &s->origin);
                        continue;
                }
                in[nin++] = h;
        }
        qsort(v, nv, sizeof(*v), cmp_host_ip);
        qsort(in, nin, sizeof(*in), cmp_host_ip);
        hosts_on_roles(c, n, s, in, nin);
        if (n->source == NET_SRC_VMWARE)
                hosts_in_ranges(c, n, in, nin, n, s, true);
        hosts_duplicated(c, n, v, nv);
        free(v);
        free(in);
}

static void check_network(struct ctx *c, const struct network *n)
{
        if (n->dhcp_config_stale) {
                struct finding *fd = emit(c, F_DHCP_CONFIG_STALE, SEV_WARNING,
                        fmt("regenerate %s's DHCP configuration (vmware-netcfg), or move hand "
                            "edits outside its DO-NOT-MODIFY section", LABEL(n)),
                        "%s's DHCP configuration (%s) was changed inside its generated section: "
                        "it no longer matches the hash recorded in %s", LABEL(n),
                        ORIGIN(&n->dhcp_config_origin), ORIGIN(&n->origin));
                f_net(c, fd, n->id);
                f_origin(c, fd, &n->dhcp_config_origin);
                f_origin(c, fd, &n->origin);
        }
        for (size_t i = 0; i < n->n_subnets; i++) {
                const struct subnet *s = &n->subnets[i];

                check_roles_inside(c, n, s);
                check_ranges_inside(c, n, s);
                /* Container managers' IPAM never hands out the gateway,
                 * even from a range that covers it. */
                if (n->source == NET_SRC_VMWARE || n->source == NET_SRC_LIBVIRT)
                        role_in_ranges(c, n, s, n, s, true);
                check_hosts_inside(c, n, s);
        }
}

/* ---- pairs of overlapping subnets ---------------------------------------- */

static void host_addresses_equal(struct ctx *c, const struct network *n1, const struct subnet *s1,
                                 const struct network *n2, const struct subnet *s2, bool all_roles)
{
        for (int a = 0; a < _ROLE_MAX; a++)
                for (int b = 0; b < _ROLE_MAX; b++) {
                        const struct addr_fact *fa = role_fact(s1, (enum role)a);
                        const struct addr_fact *fb = role_fact(s2, (enum role)b);
                        struct finding *fd;

                        if (!all_roles && (a != ROLE_HOST || b != ROLE_HOST))
                                continue;
                        if (!fa->set || !fb->set || !addr_eq(&fa->addr, &fb->addr))
                                continue;
                        fd = emit(c, F_DUPLICATE_HOST_ADDRESS, SEV_ERROR,
                                  fmt("give %s or %s another address: only one device can hold %s",
                                      LABEL(n1), LABEL(n2), ADDR(&fa->addr)),
                                  "%s's %s %s (%s) is also %s's %s (%s)", LABEL(n1),
                                  role_names[a], ADDR(&fa->addr), ORIGIN(&fa->origin),
                                  LABEL(n2), role_names[b], ORIGIN(&fb->origin));
                        f_net(c, fd, n1->id);
                        f_net(c, fd, n2->id);
                        f_addr(c, fd, ADDR(&fa->addr));
                        f_origin(c, fd, &fa->origin);
                        f_origin(c, fd, &fb->origin);
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
                c->enomem = 1;
                return;
        }
        for (int side = 0; side < 2; side++) {
                const struct subnet *sx = side ? s2 : s1;

                for (size_t i = 0; i < sx->n_ranges; i++)
                        if (sx->ranges[i].start.family && addr_cmp(&sx->ranges[i].start, &sx->ranges[i].end) <= 0)
                                v[n++] = (struct side_range){ &sx->ranges[i], side };
        }
        qsort(v, n, sizeof(*v), cmp_side_range);
        for (size_t i = 0, j; i < n && !c->enomem; i = j) {
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

                        fd = emit(c, F_DHCP_RANGE_OVERLAP, SEV_ERROR,
                                  fmt("split the pool: give %s and %s disjoint DHCP ranges",
                                      LABEL(n1), LABEL(n2)),
                                  "%s's DHCP range %s (%s) overlaps %s's DHCP range %s (%s) on "
                                  "their shared segment", LABEL(n1), RANGE(r1),
                                  ORIGIN(&r1->origin), LABEL(n2), RANGE(r2), ORIGIN(&r2->origin));
                        f_net(c, fd, n1->id);
                        f_net(c, fd, n2->id);
                        f_addr(c, fd, RANGE(r1));
                        f_addr(c, fd, RANGE(r2));
                        f_origin(c, fd, &r1->origin);
                        f_origin(c, fd, &r2->origin);
                } else {
                        const struct dhcp_range **rv = calloc(j - i, sizeof(*rv));
                        char *who;

                        if (!rv) {
                                c->enomem = 1;
                                break;
                        }
                        for (size_t k = i; k < j; k++)
                                rv[k - i] = v[k].r;
                        if (!(who = range_list(rv, j - i))) {
                                free(rv);
                                c->enomem = 1;
                                break;
                        }
                        fd = emit(c, F_DHCP_RANGE_OVERLAP, SEV_ERROR,
                                  fmt("split the pool: give %s and %s disjoint DHCP ranges",
                                      LABEL(n1), LABEL(n2)),
                                  "%zu DHCP ranges of %s and %s overlap on their shared segment: %s",
                                  j - i, LABEL(n1), LABEL(n2), who);
                        f_net(c, fd, n1->id);
                        f_net(c, fd, n2->id);
                        for (size_t k = 0; k < j - i && fd; k++) {
                                f_addr(c, fd, RANGE(rv[k]));
                                f_origin(c, fd, &rv[k]->origin);
                        }
                        free(who);
                        free(rv);
                }
        }
        free(v);
}

/* Hosts with an address, sorted by it.  NULL on ENOMEM (when s has hosts). */
static const struct fixed_host **sorted_hosts(const struct subnet *s, size_t *ret_n)
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
static void coupled_hosts_equal(struct ctx *c, const struct network *n1, const struct fixed_host **a,
                                size_t na, const struct network *n2, const struct fixed_host **b, size_t nb)
{
        size_t i = 0, j = 0;

        while (i < na && j < nb && !c->enomem) {
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
                        fd = emit(c, F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                  fmt("give %s and %s different fixed addresses", WHO(a[i]), WHO(b[j])),
                                  "%s's fixed address %s for %s (%s) is also given by %s to %s (%s)",
                                  LABEL(n1), ADDR(&a[i]->ip), WHO(a[i]), ORIGIN(&a[i]->origin), LABEL(n2),
                                  WHO(b[j]), ORIGIN(&b[j]->origin));
                        f_net(c, fd, n1->id);
                        f_net(c, fd, n2->id);
                        f_addr(c, fd, ADDR(&a[i]->ip));
                        f_origin(c, fd, &a[i]->origin);
                        f_origin(c, fd, &b[j]->origin);
                } else {
                        _cleanup_free_ char *wa = host_list(a + i, i1 - i), *wb = host_list(b + j, j1 - j);

                        if (!wa || !wb) {
                                c->enomem = 1;
                                return;
                        }
                        fd = emit(c, F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                  fmt("give these %zu hosts different fixed addresses", (i1 - i) + (j1 - j)),
                                  "the fixed address %s is given by %s to %zu hosts (%s) and by %s to "
                                  "%zu hosts (%s)", ADDR(&a[i]->ip), LABEL(n1), i1 - i, wa, LABEL(n2),
                                  j1 - j, wb);
                        f_net(c, fd, n1->id);
                        f_net(c, fd, n2->id);
                        f_hosts(c, fd, a + i, i1 - i);
                        f_hosts(c, fd, b + j, j1 - j);
                }
                i = i1;
                j = j1;
        }
}

/* Two networks on one segment: pools, host addresses and fixed hosts must
 * be disjoint, because one broadcast domain sees both DHCP servers.  Many
 * hosts or ranges clash in groups, never host by range. */
static void coupled_pair(struct ctx *c, const struct network *n1, const struct subnet *s1,
                         const struct network *n2, const struct subnet *s2)
{
        const struct fixed_host **h1 = NULL, **h2 = NULL;
        size_t nh1 = 0, nh2 = 0;

        host_addresses_equal(c, n1, s1, n2, s2, true);
        coupled_ranges(c, n1, s1, n2, s2);
        role_in_ranges(c, n1, s1, n2, s2, false);
        role_in_ranges(c, n2, s2, n1, s1, false);
        if (!(h1 = sorted_hosts(s1, &nh1)) || !(h2 = sorted_hosts(s2, &nh2))) {
                c->enomem = 1;
                goto out;
        }
        hosts_in_ranges(c, n1, h1, nh1, n2, s2, false);
        hosts_in_ranges(c, n2, h2, nh2, n1, s1, false);
        for (int side = 0; side < 2; side++) {
                const struct network *na = side ? n2 : n1, *nb = side ? n1 : n2;
                const struct subnet *sa = side ? s2 : s1, *sb = side ? s1 : s2;

                for (size_t i = 0; i < sa->n_hosts; i++) {
                        const struct fixed_host *h = &sa->hosts[i];

                        if (!h->ip.family)
                                continue;
                        for (int r = 0; r < _ROLE_MAX; r++) {
                                const struct addr_fact *f = role_fact(sb, (enum role)r);
                                struct finding *fd;

                                if (!f->set || !addr_eq(&f->addr, &h->ip))
                                        continue;
                                fd = emit(c, F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR,
                                          fmt("give %s another fixed address", WHO(h)),
                                          "%s's fixed address %s for %s (%s) is %s's %s (%s)",
                                          LABEL(na), ADDR(&h->ip), WHO(h), ORIGIN(&h->origin),
                                          LABEL(nb), role_names[r], ORIGIN(&f->origin));
                                f_net(c, fd, na->id);
                                f_net(c, fd, nb->id);
                                f_addr(c, fd, ADDR(&h->ip));
                                f_origin(c, fd, &h->origin);
                                f_origin(c, fd, &f->origin);
                        }
                }
        }
        coupled_hosts_equal(c, n1, h1, nh1, n2, h2, nh2);
out:
        free(h1);
        free(h2);
}

static void subnet_pair(struct ctx *c, size_t i1, size_t k1, size_t i2, size_t k2)
{
        const struct network *n1 = &c->inv->nets[i1], *n2 = &c->inv->nets[i2];
        const struct subnet *s1 = &n1->subnets[k1], *s2 = &n2->subnets[k2];
        struct finding *fd;

        if (i1 == i2)
                return;
        if (same_segment(c, i1, i2)) {
                coupled_pair(c, n1, s1, n2, s2);
                return;
        }
        fd = emit(c, F_SUBNET_OVERLAP, SEV_ERROR,
                  fmt("give %s or %s another subnet; if they share one segment on purpose, "
                      "declare both in a [segment] of vnetaudit.conf", LABEL(n1), LABEL(n2)),
                  "%s's subnet %s (%s) overlaps %s's subnet %s (%s)", LABEL(n1),
                  PREFIX(&s1->prefix), ORIGIN(&s1->origin), LABEL(n2), PREFIX(&s2->prefix),
                  ORIGIN(&s2->origin));
        f_net(c, fd, n1->id);
        f_net(c, fd, n2->id);
        f_addr(c, fd, PREFIX(&s1->prefix));
        f_addr(c, fd, PREFIX(&s2->prefix));
        f_origin(c, fd, &s1->origin);
        f_origin(c, fd, &s2->origin);
        host_addresses_equal(c, n1, s1, n2, s2, false);
}

/* ---- groups of networks on one prefix ------------------------------------ */

/* Pairs would grow with the square of the networks on one prefix (2,000
 * libvirt networks on one /24 are 2 million pairs): past a single pair,
 * a clash is one finding naming every member, with a count. */
#define GROUP_NAMED 8           /* members named in the message; all are in networks[] */

struct member {
        size_t net, sub;
        int side;               /* 0 or 1: which of two prefixes (nested groups) */
};

/* "vmnet1 (/etc/...:4), libvirt network a (...:8) and 1990 more" */
static char *member_list(const struct ctx *c, const struct member *m, size_t n)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);

        if (!f)
                return NULL;
        for (size_t i = 0; i < n && i < GROUP_NAMED; i++) {
                const struct network *nw = &c->inv->nets[m[i].net];

                fprintf(f, "%s%s (%s)", i ? ", " : "", LABEL(nw),
                        ORIGIN(&nw->subnets[m[i].sub].origin));
        }
        if (n > GROUP_NAMED)
                fprintf(f, " and %zu more", n - GROUP_NAMED);
        if (fclose(f) != 0) {
                free(buf);
                return NULL;
        }
        return buf;
}

static void group_members(struct ctx *c, struct finding *fd, const struct member *m, size_t n)
{
        for (size_t i = 0; i < n && fd; i++) {
                const struct network *nw = &c->inv->nets[m[i].net];

                f_net(c, fd, nw->id);
                f_origin(c, fd, &nw->subnets[m[i].sub].origin);
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
                                host_addresses_equal(c, n1, &n1->subnets[m[i].sub], n2,
                                                     &n2->subnets[m[i + 1].sub], false);
                        continue;
                }
                if (!(who = member_list(c, m + i, j - i))) {
                        c->enomem = 1;
                        return;
                }
                fd = emit(c, F_DUPLICATE_HOST_ADDRESS, SEV_ERROR,
                          fmt("give all but one of these %zu networks another address: only one "
                              "device can hold %s", j - i, ADDR(&h->addr)),
                          "%zu networks plan the host address %s: %s", j - i, ADDR(&h->addr), who);
                f_addr(c, fd, ADDR(&h->addr));
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
                c->enomem = 1;
                return 0;
        }
        for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++) {
                        const struct network *a = &c->inv->nets[m[i].net], *b = &c->inv->nets[m[j].net];

                        if ((!one_prefix && m[i].side == m[j].side) || m[i].net == m[j].net)
                                continue;
                        if (same_segment(c, m[i].net, m[j].net))
                                coupled_pair(c, a, &a->subnets[m[i].sub], b, &b->subnets[m[j].sub]);
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
static void group_overlap(struct ctx *c, struct member *m, size_t n, bool one_prefix)
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
                c->enomem = 1;
                return;
        }
        if (one_prefix)
                fd = emit(c, F_SUBNET_OVERLAP, SEV_ERROR,
                          fmt("give all but one of these %zu networks another subnet; networks that "
                              "share one segment on purpose belong in a [segment] of vnetaudit.conf",
                              loose),
                          "%zu networks share %s: %s", loose, PREFIX(p0), who);
        else
                fd = emit(c, F_SUBNET_OVERLAP, SEV_ERROR,
                          fmt("give the networks on %s or those on %s other subnets; networks that "
                              "share one segment on purpose belong in a [segment] of vnetaudit.conf",
                              PREFIX(p0), PREFIX(p1)),
                          "%zu networks on %s and inside it on %s overlap: %s", loose, PREFIX(p0),
                          PREFIX(p1), who);
        f_addr(c, fd, PREFIX(p0));
        if (!one_prefix)
                f_addr(c, fd, PREFIX(p1));
        group_members(c, fd, m, loose);
}

/* ---- a configured subnet against the kernel's view ----------------------- */

/* Facts on this device are the network's own, or covered by a finding
 * between two configured networks (subnet-overlap, coupled checks). */
static bool device_accounted(const struct ctx *c, size_t ni, const struct interface *ifc,
                             const struct prefix *p)
{
        const struct network *n = &c->inv->nets[ni], *m;

        if (!ifc)
                return false;
        if (n->device && strcmp(n->device, ifc->name) == 0)
                return true;
        if (n->device && ifc->master_ifindex) {
                const struct interface *master = iface_by_index(c->inv, ifc->master_ifindex);

                if (master && strcmp(master->name, n->device) == 0)
                        return true;
        }
        m = net_of_device(c, ifc->name);
        if (m && m != n && (has_overlapping_subnet(m, p) || same_segment(c, ni, (size_t)(m - c->inv->nets))))
                return true;
        return false;
}

static void subnet_vs_ifaddr(struct ctx *c, size_t ni, size_t si, const struct interface *ifc,
                             const struct if_address *ia)
{
        const struct network *n = &c->inv->nets[ni];
        const struct subnet *s = &n->subnets[si];
        const struct network *hostnet;
        _cleanup_free_ char *id = NULL;
        struct finding *fd;
        char a[PREFIX_STRLEN];

        if (device_accounted(c, ni, ifc, &s->prefix))
                return;
        prefix_format(&ia->prefix, a);
        if (s->host_address.set && addr_eq(&s->host_address.addr, &ia->prefix.addr))
                fd = emit(c, F_SUBNET_CONFLICTS_INTERFACE, SEV_ERROR,
                          fmt("choose another subnet for %s, or remove %s from %s", LABEL(n), a,
                              ifc->name),
                          "%s already holds %s's planned host address %s (%s); %s's subnet is %s",
                          ifc->name, LABEL(n), ADDR(&ia->prefix.addr),
                          ORIGIN(&s->host_address.origin), LABEL(n), PREFIX(&s->prefix));
        else
                fd = emit(c, F_SUBNET_CONFLICTS_INTERFACE, SEV_ERROR,
                          fmt("choose another subnet for %s, or move %s off %s", LABEL(n),
                              ifc->name, PREFIX(&s->prefix)),
                          "%s's subnet %s (%s) overlaps %s's address %s: that network is "
                          "already attached to this host", LABEL(n), PREFIX(&s->prefix),
                          ORIGIN(&s->origin), ifc->name, a);
        if (!fd)
                return;
        hostnet = net_of_device(c, ifc->name);
        f_net(c, fd, n->id);
        if (hostnet)
                f_net(c, fd, hostnet->id);
        else if ((id = iface_id(ifc)))
                f_net(c, fd, id);
        else
                c->enomem = 1;
        f_addr(c, fd, PREFIX(&s->prefix));
        f_addr(c, fd, a);
        f_origin(c, fd, &s->origin);
        f_origin(c, fd, &ia->origin);
        if (!(fd->interface = strdup(ifc->name)))
                c->enomem = 1;
}

static bool iface_has_overlapping_addr(const struct interface *ifc, const struct prefix *p)
{
        for (size_t i = 0; ifc && i < ifc->n_addrs; i++)
                if (prefix_overlaps(&ifc->addrs[i].prefix, p))
                        return true;
        return false;
}

static const char *table_name(unsigned t, char *buf, size_t size)
{
        if (t == 254)
                return "main";
        if (t == 253)
                return "default";
        snprintf(buf, size, "%u", t);
        return buf;
}

static void subnet_vs_route(struct ctx *c, size_t ni, size_t si, const struct route *rt)
{
        const struct network *n = &c->inv->nets[ni];
        const struct subnet *s = &n->subnets[si];
        const struct interface *ifc = iface_by_index(c->inv, rt->ifindex);
        char devbuf[32], tbl[16], via[ADDR_STRLEN + 8] = "";
        const char *dev;
        _cleanup_free_ char *id = NULL;
        struct finding *fd;

        if (device_accounted(c, ni, ifc, &s->prefix) || iface_has_overlapping_addr(ifc, &s->prefix))
                return;
        if (ifc) {
                dev = ifc->name;
        } else {
                snprintf(devbuf, sizeof(devbuf), "ifindex %d", rt->ifindex);
                dev = devbuf;
        }
        if (rt->gateway.set)
                snprintf(via, sizeof(via), " via %s", ADDR(&rt->gateway.addr));
        if (rt->dst.len < s->prefix.len) {
                /* A VPN's catch-all halves (0.0.0.0/1, 128.0.0.0/1) or a wide
                 * corporate route: the vmnet's own connected route is more
                 * specific and wins once it is up, so this is a warning, one
                 * per route (broad_route_findings), not one per network. */
                struct broad *b;

                if (grow((void **)&c->broad, &c->cap_broad, c->n_broad + 1, sizeof(*c->broad)) < 0) {
                        c->enomem = 1;
                        return;
                }
                b = &c->broad[c->n_broad++];
                b->route = (size_t)(rt - c->inv->routes);
                b->net = ni;
                b->subnet = si;
                return;
        } else
                fd = emit(c, F_SUBNET_CONFLICTS_ROUTE, SEV_ERROR,
                          fmt("remove that route, or choose another subnet for %s", LABEL(n)),
                          "route %s%s dev %s (table %s) sends %s of %s's subnet %s (%s) to %s",
                          PREFIX(&rt->dst), via, dev, table_name(rt->table, tbl, sizeof(tbl)),
                          rt->dst.len == s->prefix.len ? "all" : "part", LABEL(n),
                          PREFIX(&s->prefix), ORIGIN(&s->origin), dev);
        if (!fd)
                return;
        f_net(c, fd, n->id);
        if (ifc && net_of_device(c, ifc->name))
                f_net(c, fd, net_of_device(c, ifc->name)->id);
        else if (ifc && (id = iface_id(ifc)))
                f_net(c, fd, id);
        f_addr(c, fd, PREFIX(&s->prefix));
        f_addr(c, fd, PREFIX(&rt->dst));
        f_origin(c, fd, &s->origin);
        f_origin(c, fd, &rt->origin);
        if (ifc && !(fd->interface = strdup(ifc->name)))
                c->enomem = 1;
}

static int cmp_broad(const void *pa, const void *pb)
{
        const struct broad *x = pa, *y = pb;

        if (x->route != y->route)
                return x->route < y->route ? -1 : 1;
        if (x->net != y->net)
                return x->net < y->net ? -1 : 1;
        return (x->subnet > y->subnet) - (x->subnet < y->subnet);
}

/* One warning per broad route, listing every subnet it covers. */
static void broad_route_findings(struct ctx *c)
{
        size_t m = 0;

        if (c->n_broad > 1)
                qsort(c->broad, c->n_broad, sizeof(*c->broad), cmp_broad);
        for (size_t i = 0; i < c->n_broad; i++)         /* the sweep may meet a pair twice */
                if (!m || cmp_broad(&c->broad[m - 1], &c->broad[i]) != 0)
                        c->broad[m++] = c->broad[i];
        c->n_broad = m;
        for (size_t i = 0, j; i < c->n_broad && !c->enomem; i = j) {
                const struct route *rt = &c->inv->routes[c->broad[i].route];
                const struct interface *ifc = iface_by_index(c->inv, rt->ifindex);
                char devbuf[32], tbl[16], via[ADDR_STRLEN + 8] = "";
                _cleanup_free_ char *list = NULL, *id = NULL;
                const char *dev;
                size_t len = 0, n = 0;
                struct finding *fd;

                for (j = i; j < c->n_broad && c->broad[j].route == c->broad[i].route; j++) {
                        const struct network *net = &c->inv->nets[c->broad[j].net];
                        const struct subnet *s = &net->subnets[c->broad[j].subnet];
                        char *item = fmt("%s%s %s (%s)", len ? ", " : "", LABEL(net),
                                         PREFIX(&s->prefix), ORIGIN(&s->origin));
                        char *nl = item ? realloc(list, len + strlen(item) + 1) : NULL;

                        if (!nl) {
                                free(item);
                                c->enomem = 1;
                                return;
                        }
                        memcpy(nl + len, item, strlen(item) + 1);
                        len += strlen(item);
                        list = nl;
                        free(item);
                        n++;
                }
                if (ifc) {
                        dev = ifc->name;
                } else {
                        snprintf(devbuf, sizeof(devbuf), "ifindex %d", rt->ifindex);
                        dev = devbuf;
                }
                if (rt->gateway.set)
                        snprintf(via, sizeof(via), " via %s", ADDR(&rt->gateway.addr));
                if (n == 1) {
                        const struct network *net = &c->inv->nets[c->broad[i].net];

                        fd = emit(c, F_SUBNET_CONFLICTS_ROUTE, SEV_WARNING,
                                  fmt("make sure %s's routes exclude %s, or choose another subnet for %s",
                                      dev, PREFIX(&net->subnets[c->broad[i].subnet].prefix), LABEL(net)),
                                  "route %s%s dev %s (table %s) covers %s's subnet %s: while %s is "
                                  "down its traffic leaves through %s", PREFIX(&rt->dst), via, dev,
                                  table_name(rt->table, tbl, sizeof(tbl)), LABEL(net), list + strlen(LABEL(net)) + 1,
                                  LABEL(net), dev);
                } else {
                        fd = emit(c, F_SUBNET_CONFLICTS_ROUTE, SEV_WARNING,
                                  fmt("make sure %s's routes exclude those subnets, or choose other subnets",
                                      dev),
                                  "route %s%s dev %s (table %s) covers the subnets of %zu networks: %s; "
                                  "while one is down its traffic leaves through %s", PREFIX(&rt->dst),
                                  via, dev, table_name(rt->table, tbl, sizeof(tbl)), n, list, dev);
                }
                if (!fd)
                        return;
                for (size_t k = i; k < j; k++)
                        f_net(c, fd, c->inv->nets[c->broad[k].net].id);
                if (ifc && net_of_device(c, ifc->name))
                        f_net(c, fd, net_of_device(c, ifc->name)->id);
                else if (ifc && (id = iface_id(ifc)))
                        f_net(c, fd, id);
                for (size_t k = i; k < j; k++)
                        f_addr(c, fd, PREFIX(&c->inv->nets[c->broad[k].net].subnets[c->broad[k].subnet].prefix));
                f_addr(c, fd, PREFIX(&rt->dst));
                for (size_t k = i; k < j; k++)
                        f_origin(c, fd, &c->inv->nets[c->broad[k].net].subnets[c->broad[k].subnet].origin);
                f_origin(c, fd, &rt->origin);
                if (ifc && !(fd->interface = strdup(ifc->name)))
                        c->enomem = 1;
        }
}

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
                subnet_pair(c, outer->a, outer->b, inner->a, inner->b);
                break;
        case IT_IFADDR:
                subnet_vs_ifaddr(c, sub->a, sub->b, &c->inv->ifs[other->a],
                                 &c->inv->ifs[other->a].addrs[other->b]);
                break;
        case IT_ROUTE:
                subnet_vs_route(c, sub->a, sub->b, &c->inv->routes[other->a]);
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
                c->enomem = 1;
                return;
        }
        members_of(inner, 1, members_of(outer, 0, m));
        group_overlap(c, m, outer->run + inner->run, false);
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
                c->enomem = 1;
                return;
        }
        members_of(head, 0, m);
        group_overlap(c, m, head->run, true);
        free(m);
}

static int sweep(struct ctx *c)
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
        for (size_t i = 0; i < n && !c->enomem; i++) {
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
        return c->enomem ? -ENOMEM : 0;
}

/* ---- diagnostics, ignores, entry point ----------------------------------- */

static void config_errors(struct ctx *c)
{
        for (size_t i = 0; i < c->inv->diags.n; i++) {
                const struct diag *d = &c->inv->diags.v[i];
                struct finding *fd;
                char where[512];

                if (d->severity != SEV_ERROR)
                        continue;
                if (d->file && d->line)
                        snprintf(where, sizeof(where), "%s:%u", d->file, d->line);
                else
                        snprintf(where, sizeof(where), "%s", d->file ? d->file : "vnetaudit");
                fd = emit(c, F_CONFIG_ERROR, SEV_ERROR,
                          /* the message names file:line already: read once */
                          fmt("fix that %s: what could not be read cannot be checked",
                              d->file && d->line ? "line" : "file"),
                          "%s: %s", where, d->message);
                if (fd && finding_add_origin(fd, where) < 0)
                        c->enomem = 1;
        }
}

struct ignore_ctx {
        const struct inventory *inv;
        const struct audit_config *cfg;
};

static bool keep_not_ignored(const struct finding *f, void *ud)
{
        const struct ignore_ctx *ic = ud;

        for (size_t i = 0; i < f->n_networks; i++) {
                const char *id = f->networks[i], *colon = strchr(id, ':');
                const char *name = colon ? colon + 1 : id, *device = NULL;

                const struct network *net = inventory_find_network_by_id(ic->inv, id);

                if (net)
                        device = net->device;
                if (audit_config_ignored(ic->cfg, f->code, id, name, device))
                        return false;
        }
        return true;
}

void analysis_apply_ignores(const struct inventory *inv, const struct audit_config *cfg,
                            struct finding_list *l)
{
        struct ignore_ctx ic = { inv, cfg };

        if (cfg && cfg->n_ignores)
                finding_list_filter(l, keep_not_ignored, &ic);
}

int analysis_run(const struct inventory *inv, const struct audit_config *cfg,
                 struct finding_list *out)
{
        struct finding_list found = { 0 };
        struct ctx c = { .inv = inv, .cfg = cfg, .out = &found };
        int r = -ENOMEM;

        if (inv->n_nets && !(c.segment = calloc(inv->n_nets, sizeof(*c.segment))))
                goto out;
        if (inv->n_nets && !(c.devs = calloc(inv->n_nets, sizeof(*c.devs))))
                goto out;
        for (size_t i = 0; i < inv->n_nets; i++) {
                const struct network *n = &inv->nets[i];

                c.segment[i] = is_configured(n) ?
                        audit_config_segment_of(cfg, n->id, n->name, n->device) : -1;
                if (n->device && is_configured(n))
                        c.devs[c.n_devs++] = (struct devmap){ n->device, i };
        }
        if (c.n_devs > 1)
                qsort(c.devs, c.n_devs, sizeof(*c.devs), cmp_devmap);

        config_errors(&c);
        for (size_t i = 0; i < inv->n_nets && !c.enomem; i++)
                if (is_configured(&inv->nets[i]))
                        check_network(&c, &inv->nets[i]);
        if (c.enomem || sweep(&c) < 0 || analysis_pools(inv, &found) < 0)
                goto out;
        broad_route_findings(&c);
        if (c.enomem)
                goto out;
        analysis_apply_ignores(inv, cfg, &found);
        if (finding_list_dedup(&found) < 0)
                goto out;
        /* hand over */
        for (size_t i = 0; i < found.n; i++) {
                struct finding *dst = ARRAY_PUSH(out->v, out->n, out->cap);

                if (!dst)
                        goto out;
                *dst = found.v[i];
                found.v[i] = (struct finding){ 0 };
        }
        r = 0;
out:
        finding_list_free(&found);
        free(c.segment);
        free(c.devs);
        free(c.broad);
        return r;
}
