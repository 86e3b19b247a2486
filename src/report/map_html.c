/*
 * map_html.c - the map as one self-contained HTML page: a summary, a
 * legend, the IPv4 plan and the IPv6 prefixes (inline SVG), the
 * inventory and the findings as tables whose rows link to their bars.
 * Inline CSS only and no script; the Content-Security-Policy forbids
 * fetching anything, so the page opens the same from a file, a mail
 * attachment or a documentation wiki, and leaks nothing when it does.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "map_escape.h"
#include "map_render.h"

#define ESC(f, s) map_put((f), (s), MAP_ESC_MARKUP, 0)

static const char page_css[] =
        "body{font:14px/1.4 sans-serif;margin:1.2em;color:#111;background:#fff}\n"
        "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}\n"
        ".plan{overflow-x:auto;border:1px solid #cfd8dc}\n"
        "table{border-collapse:collapse;font-size:12px}\n"
        "th,td{border:1px solid #cfd8dc;padding:2px 5px;text-align:left;vertical-align:top}\n"
        "th{background:#eceff1}tr.host th{background:#cfd8dc;font-size:13px}\n"
        "tr.error td.sev{background:#ffcdd2}tr.warning td.sev{background:#ffe0b2}\n"
        "tr.info td.sev{background:#e3f2fd}\n"
        ".legend svg{vertical-align:middle}\n"
        "td.sev{white-space:nowrap;font-weight:bold}\n"
        ":target{outline:3px solid #000}\n"
        "@media print{body{margin:0;font-size:10px}.plan{overflow:visible;border:0}"
        ".plan svg{width:100%;height:auto}a{color:inherit;text-decoration:none}"
        "tr{break-inside:avoid}svg.plan .tip{display:none}}\n";

static void put_addr_fact(FILE *f, const struct addr_fact *a)
{
        char buf[ADDR_STRLEN];

        if (a->set)
                fputs(addr_format(&a->addr, buf), f);
}

static int put_origin(FILE *f, const struct origin *o)
{
        char buf[4096];

        if (!o->file && !o->ifindex)
                return 0;
        return ESC(f, origin_format(o, buf, sizeof(buf)));
}

static void put_sev_cell(FILE *f, const struct map_bar *b)
{
        if (b && b->marked)
                fprintf(f, "<td class=\"sev\">%s %s", map_sev_symbol(b->sev), severity_name(b->sev));
        else
                fputs("<td>", f);
}

/* One inventory row: a network's subnet (or the network without one). */
static int put_net_row(FILE *f, const struct map_layout *l, const struct network *n,
                       const struct subnet *s, size_t bar)
{
        const struct map_bar *b = bar != SIZE_MAX ? &l->bars[bar] : NULL;
        char buf[PREFIX_STRLEN];
        int r = 0;

        fprintf(f, "<tr%s%s%s>", b && b->marked ? " class=\"" : "", b && b->marked ? severity_name(b->sev) : "",
                b && b->marked ? "\"" : "");
        put_sev_cell(f, b);
        fputs("<td>", f);
        r |= ESC(f, n->id);
        fprintf(f, "<td>%s<td>%s<td>", net_type_name(n->type), net_state_name(n->state));
        if (s && b)
                fprintf(f, "<a href=\"#b%zu\">%s</a>", bar, prefix_format(&s->prefix, buf));
        else if (s)
                fputs(prefix_format(&s->prefix, buf), f);
        fputs("<td>", f);
        if (s) {
                put_addr_fact(f, &s->host_address);
                fputs("<td>", f);
                put_addr_fact(f, &s->gateway);
                fputs("<td>", f);
                for (size_t i = 0; i < s->n_ranges; i++) {
                        char a[ADDR_STRLEN], z[ADDR_STRLEN];

                        fprintf(f, "%s%s\xe2\x80\x93%s", i ? " " : "", addr_format(&s->ranges[i].start, a),
                                addr_format(&s->ranges[i].end, z));
                }
        } else
                fputs("<td><td>", f);
        fputs("<td>", f);
        r |= ESC(f, n->device);
        for (size_t i = 0; i < n->n_bridged_to; i++) {
                fputs(i ? ", " : " \xe2\x86\x92 ", f);      /* → */
                r |= ESC(f, n->bridged_to[i]);
        }
        fputs("<td>", f);
        r |= put_origin(f, s ? &s->origin : &n->origin);
        fputc('\n', f);
        return r;
}

static int put_if_row(FILE *f, const struct map_layout *l, size_t bar)
{
        const struct map_bar *b = &l->bars[bar];
        char buf[PREFIX_STRLEN], abuf[ADDR_STRLEN];
        int r = 0;

        fprintf(f, "<tr%s%s%s>", b->marked ? " class=\"" : "", b->marked ? severity_name(b->sev) : "",
                b->marked ? "\"" : "");
        put_sev_cell(f, b);
        fputs("<td>host:", f);
        r |= ESC(f, b->ifc->name);
        fprintf(f, "<td>interface (%s)<td>%s<td><a href=\"#b%zu\">%s</a><td>",
                link_kind_name(b->ifc->kind), oper_state_name(b->ifc->oper), bar,
                prefix_format(&b->prefix, buf));
        for (size_t i = 0; i < b->ifc->n_addrs; i++) {
                struct prefix p = prefix_network(&b->ifc->addrs[i].prefix);

                if (p.len == b->prefix.len && addr_eq(&p.addr, &b->prefix.addr)) {
                        fputs(addr_format(&b->ifc->addrs[i].prefix.addr, abuf), f);
                        break;
                }
        }
        fputs("<td><td><td>", f);
        r |= ESC(f, b->ifc->name);
        fputs("<td>kernel\n", f);
        return r;
}

static int put_inventory(FILE *f, const struct map_layout *l)
{
        size_t k = 0;   /* bars come in host, network, subnet, interface order */
        int r = 0;

        /* Rows without end tags (HTML allows it): a fleet's table is large. */
        fputs("<h2 id=\"inventory\">Inventory</h2>\n<table>\n<thead><tr><th>finding</th>"
              "<th>network</th><th>type</th><th>state</th><th>subnet</th><th>host address</th>"
              "<th>gateway</th><th>DHCP</th><th>device</th><th>origin</th></tr></thead>\n<tbody>\n", f);
        for (size_t h = 0; h < l->m->n_hosts; h++) {
                const struct inventory *inv = l->m->hosts[h].inv;

                fprintf(f, "<tr class=\"host\" id=\"h%zu\"><th colspan=\"10\">", h);
                r |= ESC(f, l->m->hosts[h].name);
                fputs("\n", f);
                for (size_t n = 0; n < inv->n_nets; n++) {
                        const struct network *net = &inv->nets[n];

                        if (!net->n_subnets)
                                r |= put_net_row(f, l, net, NULL, SIZE_MAX);
                        for (size_t s = 0; s < net->n_subnets; s++) {
                                size_t bar = SIZE_MAX;

                                if (k < l->n_bars && l->bars[k].subnet == &net->subnets[s])
                                        bar = k++;
                                r |= put_net_row(f, l, net, &net->subnets[s], bar);
                        }
                }
                for (; k < l->n_bars && l->bars[k].host == h && !l->bars[k].net; k++)
                        r |= put_if_row(f, l, k);
        }
        fputs("</tbody>\n</table>\n", f);
        return r;
}

static int put_list(FILE *f, char *const *v, size_t n)
{
        int r = 0;

        for (size_t i = 0; i < n; i++) {
                if (i)
                        fputs(", ", f);
                r |= ESC(f, v[i]);
        }
        return r;
}

static int put_findings(FILE *f, const struct map_layout *l)
{
        int r = 0;

        fprintf(f, "<h2 id=\"findings\">Findings (%zu)</h2>\n", l->n_findings);
        if (!l->n_findings) {
                fputs("<p>None: no clash in the address plan.</p>\n", f);
                return 0;
        }
        fputs("<table>\n<thead><tr><th>severity</th><th>host</th><th>code</th><th>message</th>"
              "<th>networks</th><th>addresses</th><th>where</th><th>hint</th></tr></thead>\n<tbody>\n", f);
        for (size_t i = 0; i < l->n_findings; i++) {
                const struct map_finding *mf = &l->findings[i];
                const struct finding *fd = mf->f;
                const char *sev = severity_name(fd->severity);

                fprintf(f, "<tr class=\"%s\" id=\"f%zu\"><td class=\"sev\">%s %s</td><td>", sev, i,
                        map_sev_symbol(fd->severity), sev);
                if (mf->host == SIZE_MAX)
                        fputs("(across hosts)", f);
                else
                        r |= ESC(f, l->m->hosts[mf->host].name);
                fputs("</td><td>", f);
                if (mf->first_bar != SIZE_MAX)
                        fprintf(f, "<a href=\"#b%zu\">%s</a>", mf->first_bar, finding_code_name(fd->code));
                else
                        fputs(finding_code_name(fd->code), f);
                fputs("</td><td>", f);
                r |= ESC(f, fd->message);
                fputs("</td><td>", f);
                r |= put_list(f, fd->networks, fd->n_networks);
                fputs("</td><td>", f);
                r |= put_list(f, fd->addresses, fd->n_addresses);
                fputs("</td><td>", f);
                r |= put_list(f, fd->origins, fd->n_origins);
                fputs("</td><td>", f);
                r |= ESC(f, fd->hint);
                fputs("</td></tr>\n", f);
        }
        fputs("</tbody>\n</table>\n", f);
        return r;
}

static void put_swatch(FILE *f, const char *fill, const char *stroke, const char *label)
{
        fprintf(f, "<span><svg width=\"26\" height=\"14\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" "
                "width=\"24\" height=\"12\" fill=\"%s\" stroke=\"%s\"/></svg> %s</span>\n",
                fill, stroke, label);
}

int map_html_write(FILE *f, const struct map_layout *l)
{
        int r = 0;

        fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
              "<meta name=\"viewport\" content=\"width=device-width\">\n"
              "<meta name=\"generator\" content=\"vnetaudit " VNETAUDIT_VERSION "\">\n", f);
        fprintf(f, "<title>vnetaudit map: %zu host%s</title>\n<style>\n", l->m->n_hosts,
                l->m->n_hosts == 1 ? "" : "s");
        fputs(page_css, f);
        fputs(map_svg_css, f);
        fputs("</style>\n</head>\n<body>\n", f);
        if (l->m->n_hosts == 1) {
                fputs("<h1>Virtual networks of ", f);
                r |= ESC(f, l->m->hosts[0].name);
                fputs("</h1>\n", f);
        } else
                fprintf(f, "<h1>Virtual networks of %zu hosts</h1>\n", l->m->n_hosts);
        fprintf(f, "<p class=\"summary\">%zu networks; findings: %zu error%s, %zu warning%s, %zu info%s.",
                l->n_networks, l->by_sev[SEV_ERROR], l->by_sev[SEV_ERROR] == 1 ? "" : "s",
                l->by_sev[SEV_WARNING], l->by_sev[SEV_WARNING] == 1 ? "" : "s",
                l->by_sev[SEV_INFO], l->by_sev[SEV_INFO] == 1 ? "" : "s");
        if (l->m->generated) {
                fputs(" Generated ", f);
                r |= ESC(f, l->m->generated);
                fputs(" by vnetaudit " VNETAUDIT_VERSION ".", f);
        }
        fputs("</p>\n<svg width=\"0\" height=\"0\" aria-hidden=\"true\" style=\"position:absolute\">", f);
        map_svg_defs(f);
        fputs("</svg>\n<p class=\"legend\">\n", f);
        put_swatch(f, "url(#p-error)", "#b71c1c", "\xe2\x9c\x96 error (hatched)");
        put_swatch(f, "url(#p-warning)", "#e65100", "\xe2\x96\xb2 warning (dotted)");
        put_swatch(f, "url(#p-info)", "#0d47a1", "\xe2\x97\x8f info (striped)");
        put_swatch(f, "#bbdefb", "#37474f", "VMware");
        put_swatch(f, "#c8e6c9", "#37474f", "libvirt");
        put_swatch(f, "#cfd8dc", "#37474f", "other device");
        put_swatch(f, "#fff", "#37474f", "interface address (dashed)");
        put_swatch(f, "url(#p-free)", "#2e7d32", "free RFC 1918 space");
        fputs("</p>\n<p>One lane per host; each bar is a subnet on a scale that grows with the "
              "logarithm of the space between two edges, so a /24 shows next to a /8.  Hover over "
              "or tab to a bar for its findings.</p>\n", f);
        fputs("<h2 id=\"ipv4\">IPv4 address plan</h2>\n<div class=\"plan\">\n", f);
        r |= map_svg_plan(f, l, &l->v4, "IPv4 address plan", 0);
        fputs("</div>\n<h2 id=\"ipv6\">IPv6 prefixes</h2>\n", f);
        if (l->v6.n_bars) {
                fputs("<div class=\"plan\">\n", f);
                r |= map_svg_plan(f, l, &l->v6, "IPv6 prefixes", 0);
                fputs("</div>\n", f);
        } else
                fputs("<p>No IPv6 prefixes.</p>\n", f);
        r |= put_inventory(f, l);
        r |= put_findings(f, l);
        fputs("</body>\n</html>\n", f);
        return r ? -ENOMEM : 0;
}
