/*
 * map_axis.c - where the bars sit.  The address axis is piecewise: every
 * bar edge and block edge is a breakpoint, and each stretch between two
 * breakpoints gets a width growing with the logarithm of its size, so a
 * /24 stays visible next to a /8 and nested subnets line up with their
 * parents.  Blocks (RFC 1918, or the /16 or /48 around anything else) are
 * drawn apart with a small gap.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "map_layout.h"
#include "xalloc.h"

/* Without libm. */
static inline double dmax(double a, double b) { return a > b ? a : b; }
static inline double dmin(double a, double b) { return a < b ? a : b; }

#define BLOCK_GAP 14.0

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
                map_prefix_bounds(&p, &v[n].lo, &v[n].hi);
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

int map_axis_build(struct map_layout *l, struct map_axis *ax, int family)
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

void map_axis_free(struct map_axis *ax)
{
        free(ax->pts);
        free(ax->xs);
        free(ax->blocks);
        free(ax->free);
        free(ax->bars);
        free(ax->rows);
}

