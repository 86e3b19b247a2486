/*
 * map_marks.c - which findings mark which bars: a finding names networks
 * by id ("vmware:vmnet6", "HOST/ID" across hosts) and addresses as text;
 * a bar is marked by a finding that names its network and overlaps its
 * prefix.  Lookups go through sorted keys, not all pairs.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_layout.h"
#include "xalloc.h"

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

int map_link_findings(struct map_layout *l)
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

