/*
 * map_dot.c - the map as a Graphviz graph: each host a cluster holding
 * its networks, the devices they live on and its LAN interfaces; LANs
 * (an interface's IPv4 subnet) are shared between the hosts that sit on
 * them, which is how a clash between two hosts becomes visible as a path.
 * Findings are extra edges between the networks they name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "map_escape.h"
#include "map_render.h"
#include "xalloc.h"

#define DOT(f, s) map_put((f), (s), MAP_ESC_DOT, 0)

static const char *sev_color(enum severity s)
{
        switch (s) {
        case SEV_ERROR: return "#b71c1c";
        case SEV_WARNING: return "#e65100";
        default: return "#0d47a1";
        }
}

/* The node of a bar: its network, or its interface. */
static void bar_node(const struct map_layout *l, const struct map_bar *b, char *buf, size_t size)
{
        const struct inventory *inv = l->m->hosts[b->host].inv;

        if (b->net)
                snprintf(buf, size, "h%zun%zu", b->host, (size_t)(b->net - inv->nets));
        else
                snprintf(buf, size, "h%zui%zu", b->host, (size_t)(b->ifc - inv->ifs));
}

/* A LAN: the IPv4 subnets of the hosts' own (non-virtual) interfaces. */
struct lan {
        struct prefix p;
};

static size_t lan_find(const struct lan *v, size_t n, const struct prefix *p)
{
        for (size_t i = 0; i < n; i++)
                if (v[i].p.len == p->len && addr_eq(&v[i].p.addr, &p->addr))
                        return i;
        return SIZE_MAX;
}

static int put_network(FILE *f, const struct map_layout *l, size_t h, size_t n, enum severity sev,
                       bool marked)
{
        const struct network *net = &l->m->hosts[h].inv->nets[n];
        char buf[PREFIX_STRLEN];
        int r = 0;

        fprintf(f, "    h%zun%zu [shape=box, style=\"rounded%s\", label=\"", h, n, marked ? ",filled,bold" : "");
        r |= DOT(f, net->id);
        for (size_t s = 0; s < net->n_subnets; s++)
                fprintf(f, "\\n%s", prefix_format(&net->subnets[s].prefix, buf));
        fputs("\"", f);
        if (marked)
                fprintf(f, ", color=\"%s\", fillcolor=\"%s\", fontcolor=\"white\"", sev_color(sev), sev_color(sev));
        fputs("];\n", f);
        return r;
}

struct edge {
        char a[48], b[48];
        const struct finding *f;
        size_t order;
};

static int edge_cmp_nodes(const struct edge *x, const struct edge *y)
{
        int c = strcmp(x->a, y->a);

        return c ? c : strcmp(x->b, y->b);
}

/* By node pair, the most severe first, then in report order. */
static int edge_cmp(const void *a, const void *b)
{
        const struct edge *x = a, *y = b;
        int c = edge_cmp_nodes(x, y);

        if (c)
                return c;
        if (x->f->severity != y->f->severity)
                return x->f->severity > y->f->severity ? -1 : 1;
        return x->order < y->order ? -1 : x->order > y->order;
}

static int mark_by_finding(const void *a, const void *b)
{
        const struct map_mark *x = a, *y = b;

        if (x->finding_index != y->finding_index)
                return x->finding_index < y->finding_index ? -1 : 1;
        return x->bar < y->bar ? -1 : x->bar > y->bar;
}

int map_dot_write(FILE *f, const struct map_layout *l)
{
        struct lan *lans = NULL;
        size_t n_lans = 0, cap = 0;
        struct map_mark *byf = NULL;
        struct edge *edges = NULL;
        size_t n_edges = 0, n_cap = 0;
        int r = 0;

        fputs("graph vnetaudit {\n  graph [rankdir=LR, fontname=\"sans-serif\", fontsize=11];\n"
              "  node [fontname=\"sans-serif\", fontsize=10];\n  edge [fontname=\"sans-serif\", fontsize=9];\n", f);
        for (size_t h = 0, hb = 0; h < l->m->n_hosts; h++) {
                const struct inventory *inv = l->m->hosts[h].inv;
                size_t he = hb;         /* bars are grouped by host: [hb, he) */

                while (he < l->n_bars && l->bars[he].host == h)
                        he++;
                fprintf(f, "  subgraph cluster_h%zu {\n    label=\"", h);
                r |= DOT(f, l->m->hosts[h].name);
                fprintf(f, "\";\n    h%zu [shape=house, label=\"", h);
                r |= DOT(f, l->m->hosts[h].name);
                fputs("\"];\n", f);
                for (size_t n = 0; n < inv->n_nets; n++) {
                        enum severity sev = SEV_INFO;
                        bool marked = false;

                        for (size_t b = hb; b < he; b++)
                                if (l->bars[b].net == &inv->nets[n] && l->bars[b].marked &&
                                    (!marked || l->bars[b].sev > sev)) {
                                        marked = true;
                                        sev = l->bars[b].sev;
                                }
                        r |= put_network(f, l, h, n, sev, marked);
                }
                /* Devices: the interface node when the kernel knows it. */
                for (size_t i = 0; i < inv->n_ifs; i++) {
                        const struct interface *ifc = &inv->ifs[i];

                        if (ifc->kind == LINK_KIND_LOOPBACK)
                                continue;
                        fprintf(f, "    h%zui%zu [shape=ellipse, label=\"", h, i);
                        r |= DOT(f, ifc->name);
                        fprintf(f, "\\n%s\"];\n", link_kind_name(ifc->kind));
                }
                for (size_t n = 0; n < inv->n_nets; n++) {
                        const struct network *net = &inv->nets[n];
                        const struct interface *ifc = net->device ?
                                inventory_find_interface(inv, net->device) : NULL;

                        if (ifc) {
                                fprintf(f, "    h%zu -- h%zui%zu -- h%zun%zu;\n", h, h, (size_t)(ifc - inv->ifs), h, n);
                        } else if (net->device) {
                                fprintf(f, "    h%zun%zud [shape=ellipse, style=dashed, label=\"", h, n);
                                r |= DOT(f, net->device);
                                fprintf(f, "%s\"];\n    h%zu -- h%zun%zud -- h%zun%zu;\n",
                                        inv->have_kernel ? "\\n(absent)" : "", h, h, n, h, n);
                        } else
                                fprintf(f, "    h%zu -- h%zun%zu;\n", h, h, n);
                        for (size_t k = 0; k < net->n_bridged_to; k++) {
                                const struct interface *up = inventory_find_interface(inv, net->bridged_to[k]);

                                if (up)
                                        fprintf(f, "    h%zun%zu -- h%zui%zu [style=dashed, label=\"bridged\"];\n",
                                                h, n, h, (size_t)(up - inv->ifs));
                        }
                }
                fputs("  }\n", f);
                /* LAN cards: interfaces with IPv4 addresses that no network owns. */
                for (size_t b = hb; b < he; b++) {
                        const struct map_bar *bar = &l->bars[b];
                        size_t li;

                        if (bar->host != h || bar->net || bar->prefix.addr.family != AF_INET)
                                continue;
                        if ((li = lan_find(lans, n_lans, &bar->prefix)) == SIZE_MAX) {
                                if (grow((void **)&lans, &cap, n_lans + 1, sizeof(*lans)) < 0) {
                                        r = -ENOMEM;
                                        goto out;
                                }
                                lans[n_lans].p = bar->prefix;
                                li = n_lans++;
                        }
                        fprintf(f, "  h%zu -- h%zui%zu;\n  h%zui%zu -- lan%zu;\n", h, h, (size_t)(bar->ifc - inv->ifs),
                                h, (size_t)(bar->ifc - inv->ifs), li);
                }
                hb = he;
        }
        for (size_t i = 0; i < n_lans; i++) {
                char buf[PREFIX_STRLEN];

                fprintf(f, "  lan%zu [shape=doubleoctagon, label=\"LAN\\n%s\"];\n", i, prefix_format(&lans[i].p, buf));
        }
        /* Findings: a chain of edges through the networks each one marks. */
        if (l->n_marks && !(byf = malloc(l->n_marks * sizeof(*byf)))) {
                r = -ENOMEM;
                goto out;
        }
        if (l->n_marks) {
                memcpy(byf, l->marks, l->n_marks * sizeof(*byf));
                qsort(byf, l->n_marks, sizeof(*byf), mark_by_finding);
        }
        /* One edge per pair of nodes, labelled with every finding between them. */
        for (size_t k = 1; k < l->n_marks; k++) {
                struct edge *e;

                if (byf[k - 1].finding_index != byf[k].finding_index)
                        continue;
                if (grow((void **)&edges, &n_cap, n_edges + 1, sizeof(*edges)) < 0) {
                        r = -ENOMEM;
                        goto out;
                }
                e = &edges[n_edges];
                bar_node(l, &l->bars[byf[k - 1].bar], e->a, sizeof(e->a));
                bar_node(l, &l->bars[byf[k].bar], e->b, sizeof(e->b));
                e->f = byf[k].f;
                e->order = n_edges;
                if (strcmp(e->a, e->b) != 0)
                        n_edges++;
        }
        if (n_edges)
                qsort(edges, n_edges, sizeof(*edges), edge_cmp);
        for (size_t k = 0; k < n_edges; k++) {
                bool first = !k || edge_cmp_nodes(&edges[k - 1], &edges[k]) != 0;
                bool last = k + 1 == n_edges || edge_cmp_nodes(&edges[k], &edges[k + 1]) != 0;

                if (first)
                        fprintf(f, "  %s -- %s [color=\"%s\", penwidth=2, style=bold, constraint=false, label=\"",
                                edges[k].a, edges[k].b, sev_color(edges[k].f->severity));
                fprintf(f, "%s%s %s", first ? "" : "\\n", severity_name(edges[k].f->severity),
                        finding_code_name(edges[k].f->code));
                if (last)
                        fputs("\"];\n", f);
        }
out:
        fputs("}\n", f);
        free(lans);
        free(byf);
        free(edges);
        return r ? (r < 0 ? r : -ENOMEM) : 0;
}

int map_render(FILE *f, const struct map_model *m, enum map_format fmt)
{
        struct map_layout l;
        int r = map_layout_build(m, &l);

        if (r < 0)
                return r;
        switch (fmt) {
        case MAP_FORMAT_SVG: r = map_svg_write(f, &l); break;
        case MAP_FORMAT_DOT: r = map_dot_write(f, &l); break;
        default: r = map_html_write(f, &l); break;
        }
        map_layout_free(&l);
        if (r == 0 && ferror(f))
                r = -EIO;
        return r;
}
