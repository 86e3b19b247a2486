/*
 * map_model.c - the layout of a map: which bars there are, which findings
 * mark them, and where they sit.  The address axis is piecewise: every
 * bar edge and block edge is a breakpoint, and each stretch between two
 * breakpoints gets a width growing with the logarithm of its size, so a
 * /24 stays visible next to a /8 and nested subnets line up with their
 * parents.  Blocks (RFC 1918, or the /16 or /48 around anything else) are
 * drawn apart with a small gap.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "map_model.h"
#include "xalloc.h"

/* Without libm. */
static inline double dmax(double a, double b) { return a > b ? a : b; }
static inline double dmin(double a, double b) { return a < b ? a : b; }

#define MAP_U128_MAX (~(map_u128)0)
#define BLOCK_GAP 14.0

map_u128 map_addr_value(const struct addr *a)
{
        map_u128 v = 0;
        unsigned n = a->family == AF_INET6 ? 16 : 4;

        for (unsigned i = 0; i < n; i++)
                v = (v << 8) | a->b[i];
        return v;
}

static void prefix_bounds(const struct prefix *p, map_u128 *lo, map_u128 *hi)
{
        struct addr first = prefix_first(p), last = prefix_last(p);
        map_u128 l = map_addr_value(&last);

        *lo = map_addr_value(&first);
        *hi = l == MAP_U128_MAX ? l : l + 1;
}

const char *map_bar_id(const struct map_bar *b, char *buf, size_t size)
{
        if (b->net)
                return b->net->id;
        snprintf(buf, size, "host:%s", b->ifc->name);
        return buf;
}

/* --- bars ------------------------------------------------------------ */

static bool is_link_local6(const struct prefix *p)
{
        return p->addr.family == AF_INET6 && p->addr.b[0] == 0xfe && (p->addr.b[1] & 0xc0) == 0x80;
}

static int add_bar(struct map_layout *l, size_t host, const struct network *net,
                   const struct subnet *s, const struct interface *ifc, const struct prefix *p)
{
        struct map_bar *b;

        if (p->addr.family != AF_INET && p->addr.family != AF_INET6)
                return 0;
        if (!(b = ARRAY_PUSH(l->bars, l->n_bars, l->cap_bars)))
                return -ENOMEM;
        b->host = host;
        b->net = net;
        b->subnet = s;
        b->ifc = ifc;
        b->prefix = prefix_network(p);
        prefix_bounds(&b->prefix, &b->lo, &b->hi);
        return 0;
}

static int collect_bars(struct map_layout *l)
{
        for (size_t h = 0; h < l->m->n_hosts; h++) {
                const struct inventory *inv = l->m->hosts[h].inv;

                for (size_t n = 0; n < inv->n_nets; n++) {
                        const struct network *net = &inv->nets[n];

                        l->n_networks++;
                        for (size_t s = 0; s < net->n_subnets; s++)
                                if (add_bar(l, h, net, &net->subnets[s], NULL, &net->subnets[s].prefix) < 0)
                                        return -ENOMEM;
                }
                for (size_t i = 0; i < inv->n_ifs; i++) {
                        const struct interface *ifc = &inv->ifs[i];
                        bool owned = false;

                        if (ifc->kind == LINK_KIND_LOOPBACK)
                                continue;
                        for (size_t n = 0; n < inv->n_nets && !owned; n++)
                                owned = inv->nets[n].device && strcmp(inv->nets[n].device, ifc->name) == 0;
                        for (size_t a = 0; a < ifc->n_addrs && !owned; a++)
                                if (!is_link_local6(&ifc->addrs[a].prefix) &&
                                    add_bar(l, h, NULL, NULL, ifc, &ifc->addrs[a].prefix) < 0)
                                        return -ENOMEM;
                }
        }
        return 0;
}

/* --- findings to bars -------------------------------------------------- */

struct bar_key {
        size_t host;
        const char *id;
        size_t bar;
};

struct keys {
        struct bar_key *v;
        size_t n;
        char **owned;           /* "host:IFNAME" ids */
        size_t n_owned;
        size_t *hosts_by_name;  /* host indexes sorted by name */
        const struct map_model *m;
};

static int key_cmp(const void *a, const void *b)
{
        const struct bar_key *x = a, *y = b;
        int c;

        if (x->host != y->host)
                return x->host < y->host ? -1 : 1;
        if ((c = strcmp(x->id, y->id)))
                return c;
        return x->bar < y->bar ? -1 : x->bar > y->bar;
}

static int host_name_cmp(const void *a, const void *b, void *ud)
{
        const struct map_model *m = ud;
        const char *x = m->hosts[*(const size_t *)a].name;
        const char *y = m->hosts[*(const size_t *)b].name;

        return strcmp(x ? x : "", y ? y : "");
}

static int build_keys(const struct map_layout *l, struct keys *k)
{
        memset(k, 0, sizeof(*k));
        k->m = l->m;
        if (!(k->v = calloc(l->n_bars + 1, sizeof(*k->v))) ||
            !(k->owned = calloc(l->n_bars + 1, sizeof(*k->owned))) ||
            !(k->hosts_by_name = calloc(l->m->n_hosts + 1, sizeof(size_t))))
                return -ENOMEM;
        for (size_t i = 0; i < l->n_bars; i++) {
                const struct map_bar *b = &l->bars[i];

                k->v[i] = (struct bar_key){ .host = b->host, .bar = i };
                if (b->net)
                        k->v[i].id = b->net->id;
                else {
                        if (asprintf(&k->owned[k->n_owned], "host:%s", b->ifc->name) < 0)
                                return -ENOMEM;
                        k->v[i].id = k->owned[k->n_owned++];
                }
        }
        k->n = l->n_bars;
        qsort(k->v, k->n, sizeof(*k->v), key_cmp);
        for (size_t h = 0; h < l->m->n_hosts; h++)
                k->hosts_by_name[h] = h;
        qsort_r(k->hosts_by_name, l->m->n_hosts, sizeof(size_t), host_name_cmp, (void *)l->m);
        return 0;
}

static void keys_free(struct keys *k)
{
        for (size_t i = 0; i < k->n_owned; i++)
                free(k->owned[i]);
        free(k->owned);
        free(k->v);
        free(k->hosts_by_name);
}

/* First key of (host, id), or k->n. */
static size_t key_find(const struct keys *k, size_t host, const char *id)
{
        size_t lo = 0, hi = k->n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                const struct bar_key *x = &k->v[mid];
                int c = x->host != host ? (x->host < host ? -1 : 1) : strcmp(x->id, id);

                if (c < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo < k->n && k->v[lo].host == host && strcmp(k->v[lo].id, id) == 0 ? lo : k->n;
}

static size_t host_find(const struct keys *k, const char *name, size_t len)
{
        size_t lo = 0, hi = k->m->n_hosts;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                const char *x = k->m->hosts[k->hosts_by_name[mid]].name;
                int c;

                x = x ? x : "";
                c = strncmp(x, name, len);
                if (c == 0)
                        c = x[len] ? 1 : 0;
                if (c < 0)
                        lo = mid + 1;
                else if (c > 0)
                        hi = mid;
                else
                        return k->hosts_by_name[mid];
        }
        return SIZE_MAX;
}

#define MAX_FINDING_PREFIXES 16

/* The finding's addresses as prefixes: "A/N", "A", or "A-B" (both ends). */
static size_t finding_prefixes(const struct finding *f, struct prefix *out)
{
        size_t n = 0;

        for (size_t i = 0; i < f->n_addresses && n + 2 <= MAX_FINDING_PREFIXES; i++) {
                const char *s = f->addresses[i], *dash = strchr(s, '-');
                char buf[PREFIX_STRLEN * 2];

                if (prefix_parse(s, &out[n]) == 0) {
                        n++;
                        continue;
                }
                if (!dash || strlen(s) >= sizeof(buf))
                        continue;
                memcpy(buf, s, (size_t)(dash - s));
                buf[dash - s] = '\0';
                if (prefix_parse(buf, &out[n]) == 0)
                        n++;
                if (prefix_parse(dash + 1, &out[n]) == 0)
                        n++;
        }
        return n;
}

static int add_mark(struct map_layout *l, size_t bar, size_t fi)
{
        struct map_mark *mk = ARRAY_PUSH(l->marks, l->n_marks, l->cap_marks);

        if (!mk)
                return -ENOMEM;
        mk->bar = bar;
        mk->f = l->findings[fi].f;
        mk->finding_index = fi;
        return 0;
}

/* Marks the bars of (host, id) that the finding's addresses touch; all of
 * them when its addresses touch none (a configuration error, say). */
static int mark_network(struct map_layout *l, const struct keys *k, size_t fi, size_t host,
                        const char *id, const struct prefix *ps, size_t n_ps)
{
        size_t first = key_find(k, host, id), end = first, hits = 0;

        while (end < k->n && k->v[end].host == host && strcmp(k->v[end].id, id) == 0)
                end++;
        for (size_t i = first; i < end; i++) {
                const struct map_bar *b = &l->bars[k->v[i].bar];

                for (size_t p = 0; p < n_ps; p++)
                        if (prefix_overlaps(&ps[p], &b->prefix)) {
                                if (add_mark(l, k->v[i].bar, fi) < 0)
                                        return -ENOMEM;
                                hits++;
                                break;
                        }
        }
        for (size_t i = first; !hits && i < end; i++)
                if (add_mark(l, k->v[i].bar, fi) < 0)
                        return -ENOMEM;
        return 0;
}

static int add_findings(struct map_layout *l, const struct finding_list *fl, size_t host)
{
        for (size_t i = 0; fl && i < fl->n; i++) {
                struct map_finding *mf = ARRAY_PUSH(l->findings, l->n_findings, l->cap_findings);

                if (!mf)
                        return -ENOMEM;
                mf->f = &fl->v[i];
                mf->host = host;
                mf->cross = host == SIZE_MAX;
                mf->first_bar = SIZE_MAX;
                if (fl->v[i].severity < _SEV_MAX)
                        l->by_sev[fl->v[i].severity]++;
        }
        return 0;
}

static int mark_cmp(const void *a, const void *b)
{
        const struct map_mark *x = a, *y = b;

        if (x->bar != y->bar)
                return x->bar < y->bar ? -1 : 1;
        return x->finding_index < y->finding_index ? -1 : x->finding_index > y->finding_index;
}

static int link_findings(struct map_layout *l)
{
        struct keys k;
        size_t o = 0;
        int r;

        for (size_t h = 0; h < l->m->n_hosts; h++)
                if ((r = add_findings(l, l->m->hosts[h].findings, h)) < 0)
                        return r;
        if ((r = add_findings(l, l->m->cross, SIZE_MAX)) < 0)
                return r;
        if ((r = build_keys(l, &k)) < 0)
                goto out;
        for (size_t fi = 0; fi < l->n_findings; fi++) {
                struct map_finding *mf = &l->findings[fi];
                const struct finding *f = mf->f;
                struct prefix ps[MAX_FINDING_PREFIXES];
                size_t n_ps = finding_prefixes(f, ps), only = SIZE_MAX;
                bool several = false;

                for (size_t i = 0; i < f->n_networks; i++) {
                        const char *id = f->networks[i], *slash;
                        size_t host = mf->host;

                        if (mf->cross) {
                                if (!(slash = strchr(id, '/')))
                                        continue;
                                host = host_find(&k, id, (size_t)(slash - id));
                                id = slash + 1;
                                if (host == SIZE_MAX)
                                        continue;
                                several |= only != SIZE_MAX && only != host;
                                only = host;
                        }
                        if ((r = mark_network(l, &k, fi, host, id, ps, n_ps)) < 0)
                                goto out;
                }
                if (mf->cross && !several)      /* a fleet finding about one host */
                        mf->host = only;
        }
        if (l->n_marks)
                qsort(l->marks, l->n_marks, sizeof(*l->marks), mark_cmp);
        for (size_t i = 0; i < l->n_marks; i++) {       /* drop repeats, index the rest */
                struct map_mark *mk = &l->marks[i];
                struct map_bar *b = &l->bars[mk->bar];
                struct map_finding *mf = &l->findings[mk->finding_index];

                if (o && l->marks[o - 1].bar == mk->bar && l->marks[o - 1].f == mk->f)
                        continue;
                if (!b->marked) {
                        b->marked = true;
                        b->first_mark = o;
                        b->sev = mk->f->severity;
                } else if (mk->f->severity > b->sev)
                        b->sev = mk->f->severity;
                b->n_marks++;
                if (mk->bar < mf->first_bar)
                        mf->first_bar = mk->bar;
                l->marks[o++] = *mk;
        }
        l->n_marks = o;
        r = 0;
out:
        keys_free(&k);
        return r;
}

/* --- axes -------------------------------------------------------------- */

static int u128_cmp(const void *a, const void *b)
{
        map_u128 x = *(const map_u128 *)a, y = *(const map_u128 *)b;

        return x < y ? -1 : x > y;
}

static int block_cmp(const void *a, const void *b)
{
        const struct map_block *x = a, *y = b;

        if (x->lo != y->lo)
                return x->lo < y->lo ? -1 : 1;
        return x->hi < y->hi ? 1 : x->hi > y->hi ? -1 : 0;
}

static unsigned bitlen(map_u128 v)
{
        unsigned n = 0;

        while (v) {
                n++;
                v >>= 1;
        }
        return n;
}

/* When [lo, hi) is exactly one prefix, that prefix. */
static bool block_prefix(int family, map_u128 lo, map_u128 hi, struct prefix *ret)
{
        unsigned bits = family == AF_INET6 ? 128 : 32, host_bits;
        map_u128 size = hi - lo;
        struct addr a = { .family = family };

        if (hi == MAP_U128_MAX && lo == 0 && family == AF_INET6)
                host_bits = 128;
        else if (!size || (size & (size - 1)) || (lo & (size - 1)))
                return false;
        else
                host_bits = bitlen(size) - 1;
        if (host_bits > bits)
                return false;
        for (unsigned i = 0; i < bits / 8; i++)
                a.b[i] = (uint8_t)(lo >> (bits - 8 - 8 * i));
        prefix_make(&a, bits - host_bits, ret);
        return true;
}

static const struct { uint32_t net; unsigned len; } rfc1918[] = {
        { 0x0a000000, 8 }, { 0xac100000, 12 }, { 0xc0a80000, 16 },
};

static bool in_rfc1918(map_u128 lo, map_u128 hi)
{
        for (size_t i = 0; i < 3; i++) {
                map_u128 blo = rfc1918[i].net, bhi = blo + ((map_u128)1 << (32 - rfc1918[i].len));

                if (lo >= blo && hi <= bhi)
                        return true;
        }
        return false;
}

static int build_blocks(struct map_layout *l, struct map_axis *ax)
{
        size_t cap = 0, n = 0;
        struct map_block *v = NULL;
        unsigned cover = ax->family == AF_INET6 ? 48 : 16;

        if (ax->family == AF_INET)
                for (size_t i = 0; i < 3; i++) {
                        if (grow((void **)&v, &cap, n + 1, sizeof(*v)) < 0)
                                return -ENOMEM;
                        v[n].lo = rfc1918[i].net;
                        v[n].hi = v[n].lo + ((map_u128)1 << (32 - rfc1918[i].len));
                        n++;
                }
        for (size_t i = 0; i < ax->n_bars; i++) {
                const struct map_bar *b = &l->bars[ax->bars[i]];
                struct prefix p = b->prefix;

                if (ax->family == AF_INET && in_rfc1918(b->lo, b->hi))
                        continue;
                if (p.len > cover)
                        p.len = cover;
                p = prefix_network(&p);
                if (grow((void **)&v, &cap, n + 1, sizeof(*v)) < 0) {
                        free(v);
                        return -ENOMEM;
                }
                memset(&v[n], 0, sizeof(v[n]));
                prefix_bounds(&p, &v[n].lo, &v[n].hi);
                n++;
        }
        if (n)
                qsort(v, n, sizeof(*v), block_cmp);
        ax->n_blocks = 0;
        for (size_t i = 0; i < n; i++) {        /* merge overlapping blocks */
                struct map_block *last = ax->n_blocks ? &v[ax->n_blocks - 1] : NULL;

                if (last && v[i].lo < last->hi) {
                        if (v[i].hi > last->hi)
                                last->hi = v[i].hi;
                        continue;
                }
                v[ax->n_blocks++] = v[i];
        }
        for (size_t i = 0; i < ax->n_blocks; i++)
                v[i].is_prefix = block_prefix(ax->family, v[i].lo, v[i].hi, &v[i].prefix);
        ax->blocks = v;
        return 0;
}

double map_axis_x(const struct map_axis *ax, map_u128 v)
{
        size_t lo = 0, hi = ax->n_pts;

        if (!ax->n_pts)
                return 0;
        while (lo < hi) {       /* last breakpoint <= v */
                size_t mid = lo + (hi - lo) / 2;

                if (ax->pts[mid] <= v)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        if (lo == 0)
                return ax->xs[0];
        lo--;
        if (lo + 1 >= ax->n_pts || ax->pts[lo] == v)
                return ax->xs[lo];
        return ax->xs[lo] + (ax->xs[lo + 1] - ax->xs[lo]) *
               (double)(v - ax->pts[lo]) / (double)(ax->pts[lo + 1] - ax->pts[lo]);
}

/* Index of a breakpoint (it must be one). */
static size_t point_index(const struct map_axis *ax, map_u128 v)
{
        size_t lo = 0, hi = ax->n_pts;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;

                if (ax->pts[mid] < v)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

static int build_points(struct map_layout *l, struct map_axis *ax)
{
        size_t n = 0, cap = 2 * (ax->n_blocks + ax->n_bars), nb = 0;
        double *w, total = 0, avail, x = 0;
        long *cover;
        size_t n_int = 0;

        if (!cap)
                return 0;
        if (!(ax->pts = malloc(cap * sizeof(*ax->pts))) || !(ax->xs = calloc(cap, sizeof(*ax->xs))))
                return -ENOMEM;
        for (size_t i = 0; i < ax->n_blocks; i++) {
                ax->pts[n++] = ax->blocks[i].lo;
                ax->pts[n++] = ax->blocks[i].hi;
        }
        for (size_t i = 0; i < ax->n_bars; i++) {
                ax->pts[n++] = l->bars[ax->bars[i]].lo;
                ax->pts[n++] = l->bars[ax->bars[i]].hi;
        }
        qsort(ax->pts, n, sizeof(*ax->pts), u128_cmp);
        ax->n_pts = 0;
        for (size_t i = 0; i < n; i++)
                if (!ax->n_pts || ax->pts[ax->n_pts - 1] != ax->pts[i])
                        ax->pts[ax->n_pts++] = ax->pts[i];
        if (!(w = calloc(ax->n_pts + 1, sizeof(*w))) || !(cover = calloc(ax->n_pts + 1, sizeof(*cover)))) {
                free(w);
                return -ENOMEM;
        }
        for (size_t i = 0; i < ax->n_bars; i++) {       /* how many bars cover each interval */
                cover[point_index(ax, l->bars[ax->bars[i]].lo)]++;
                cover[point_index(ax, l->bars[ax->bars[i]].hi)]--;
        }
        /* Weight of each interval inside a block: 1 + log2(size), doubled
         * where a bar lies, so used space reads better than free space. */
        for (size_t i = 0; i + 1 < ax->n_pts; i++) {
                if (i)
                        cover[i] += cover[i - 1];
                while (nb < ax->n_blocks && ax->blocks[nb].hi <= ax->pts[i])
                        nb++;
                if (nb < ax->n_blocks && ax->blocks[nb].lo <= ax->pts[i]) {
                        w[i] = (1.0 + bitlen(ax->pts[i + 1] - ax->pts[i])) * (cover[i] > 0 ? 2 : 1);
                        total += w[i];
                        n_int++;
                }
        }
        free(cover);
        /* Wide enough that the narrowest stretch keeps a few pixels. */
        ax->width = dmin(dmax(900.0, 5.0 * (double)n_int), 6000.0);
        avail = ax->width - BLOCK_GAP * (double)(ax->n_blocks ? ax->n_blocks - 1 : 0);
        nb = 0;
        for (size_t i = 0; i < ax->n_pts; i++) {
                ax->xs[i] = x;
                if (i + 1 == ax->n_pts)
                        break;
                if (w[i] > 0)
                        x += avail * w[i] / total;
                else
                        x += BLOCK_GAP;         /* between two blocks */
        }
        free(w);
        for (size_t i = 0; i < ax->n_blocks; i++) {
                ax->blocks[i].x0 = map_axis_x(ax, ax->blocks[i].lo);
                ax->blocks[i].x1 = map_axis_x(ax, ax->blocks[i].hi);
        }
        for (size_t i = 0; i < ax->n_bars; i++) {
                struct map_bar *b = &l->bars[ax->bars[i]];

                b->x0 = map_axis_x(ax, b->lo);
                b->x1 = map_axis_x(ax, b->hi);
        }
        return 0;
}

static int bar_pos_cmp(const void *a, const void *b, void *ud)
{
        const struct map_layout *l = ud;
        const struct map_bar *x = &l->bars[*(const size_t *)a];
        const struct map_bar *y = &l->bars[*(const size_t *)b];

        if (x->host != y->host)
                return x->host < y->host ? -1 : 1;
        if (x->lo != y->lo)
                return x->lo < y->lo ? -1 : 1;
        if (x->hi != y->hi)
                return x->hi > y->hi ? -1 : 1;  /* the wider (parent) first */
        return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Greedy packing: a bar goes into the first row of its lane that is free
 * at its start, so overlapping bars of one host are stacked, not hidden. */
static int assign_rows(struct map_layout *l, struct map_axis *ax)
{
        map_u128 *ends = NULL;
        size_t cap = 0;
        unsigned n_rows = 0;

        if (!(ax->rows = calloc(l->m->n_hosts + 1, sizeof(*ax->rows))))
                return -ENOMEM;
        for (size_t h = 0; h < l->m->n_hosts; h++)
                ax->rows[h] = 1;
        for (size_t i = 0; i < ax->n_bars; i++) {
                struct map_bar *b = &l->bars[ax->bars[i]];
                unsigned r;

                if (i == 0 || l->bars[ax->bars[i - 1]].host != b->host)
                        n_rows = 0;
                for (r = 0; r < n_rows && ends[r] > b->lo; r++)
                        ;
                if (r == n_rows) {
                        if (grow((void **)&ends, &cap, n_rows + 1, sizeof(*ends)) < 0)
                                return -ENOMEM;
                        n_rows++;
                }
                ends[r] = b->hi;
                b->row = r;
                if (n_rows > ax->rows[b->host])
                        ax->rows[b->host] = n_rows;
        }
        free(ends);
        return 0;
}

static int range_cmp(const void *a, const void *b)
{
        const map_u128 *x = a, *y = b;

        return x[0] < y[0] ? -1 : x[0] > y[0];
}

static int add_free(struct map_axis *ax, size_t *cap, map_u128 lo, map_u128 hi)
{
        struct map_free *f;

        if (grow((void **)&ax->free, cap, ax->n_free + 1, sizeof(*f)) < 0)
                return -ENOMEM;
        f = &ax->free[ax->n_free++];
        f->lo = lo;
        f->hi = hi;
        f->x0 = map_axis_x(ax, lo);
        f->x1 = map_axis_x(ax, hi);
        return 0;
}

/* RFC 1918 space that no bar of any host uses: where `suggest` looks. */
static int build_free(struct map_layout *l, struct map_axis *ax)
{
        map_u128 (*r)[2] = calloc(ax->n_bars + 1, sizeof(*r));
        size_t n = 0, cap = 0;

        if (!r)
                return -ENOMEM;
        for (size_t i = 0; i < ax->n_bars; i++) {
                r[n][0] = l->bars[ax->bars[i]].lo;
                r[n][1] = l->bars[ax->bars[i]].hi;
                n++;
        }
        qsort(r, n, sizeof(*r), range_cmp);
        for (size_t k = 0; k < 3; k++) {
                map_u128 lo = rfc1918[k].net, hi = lo + ((map_u128)1 << (32 - rfc1918[k].len));
                map_u128 cur = lo;

                for (size_t i = 0; i < n && cur < hi; i++) {
                        if (r[i][0] >= hi)
                                break;
                        if (r[i][1] <= cur)
                                continue;
                        if (r[i][0] > cur && add_free(ax, &cap, cur, r[i][0]) < 0)
                                goto oom;
                        cur = r[i][1];
                }
                if (cur < hi && add_free(ax, &cap, cur, hi) < 0)
                        goto oom;
        }
        free(r);
        return 0;
oom:
        free(r);
        return -ENOMEM;
}

static int build_axis(struct map_layout *l, struct map_axis *ax, int family)
{
        int r;

        ax->family = family;
        if (!(ax->bars = calloc(l->n_bars + 1, sizeof(*ax->bars))))
                return -ENOMEM;
        for (size_t i = 0; i < l->n_bars; i++)
                if (l->bars[i].prefix.addr.family == family)
                        ax->bars[ax->n_bars++] = i;
        qsort_r(ax->bars, ax->n_bars, sizeof(*ax->bars), bar_pos_cmp, l);
        if ((r = build_blocks(l, ax)) < 0 || (r = build_points(l, ax)) < 0 ||
            (r = assign_rows(l, ax)) < 0)
                return r;
        if (family == AF_INET && (r = build_free(l, ax)) < 0)
                return r;
        return 0;
}

static void axis_free(struct map_axis *ax)
{
        free(ax->pts);
        free(ax->xs);
        free(ax->blocks);
        free(ax->free);
        free(ax->bars);
        free(ax->rows);
}

void map_layout_free(struct map_layout *l)
{
        if (!l)
                return;
        free(l->bars);
        free(l->marks);
        free(l->findings);
        axis_free(&l->v4);
        axis_free(&l->v6);
        memset(l, 0, sizeof(*l));
}

int map_layout_build(const struct map_model *m, struct map_layout *ret)
{
        int r;

        memset(ret, 0, sizeof(*ret));
        ret->m = m;
        if ((r = collect_bars(ret)) < 0 || (r = link_findings(ret)) < 0 ||
            (r = build_axis(ret, &ret->v4, AF_INET)) < 0 ||
            (r = build_axis(ret, &ret->v6, AF_INET6)) < 0) {
                map_layout_free(ret);
                return r;
        }
        return 0;
}
