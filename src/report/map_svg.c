/*
 * map_svg.c - the address plan as SVG: a header row with the blocks of
 * the axis (RFC 1918 and whatever else is used), a strip of free RFC 1918
 * space, then one lane per host with a bar per subnet.  A bar that a
 * finding marks is hatched (error), dotted (warning) or striped (info),
 * carries a symbol, and holds the finding's text in its <title> (hover)
 * and in a caption shown while it has focus (tabindex, marked bars only).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "map_escape.h"
#include "map_render.h"

/* Without libm. */
static inline double dmax(double a, double b) { return a > b ? a : b; }

#define LABEL_W 190.0
#define CAPTION_H 18.0
#define HEADER_H 20.0
#define FREE_H 16.0
#define ROW_H 16.0
#define LANE_PAD 6.0

const char map_svg_css[] =
        "svg.plan text{font:11px sans-serif;fill:#222}\n"
        "svg.plan .blk rect{fill:#f4f6f8;stroke:#cfd8dc}\n"
        "svg.plan .blk:nth-child(even) rect{fill:#eceff1}\n"
        "svg.plan .lane line{stroke:#b0bec5;stroke-width:.5}\n"
        "svg.plan .b rect{fill:#cfd8dc;stroke:#37474f;stroke-width:.6}\n"
        "svg.plan .b.vmware rect{fill:#bbdefb}\n"
        "svg.plan .b.libvirt rect{fill:#c8e6c9}\n"
        "svg.plan .b.if rect{fill:#fff;stroke-dasharray:3 2}\n"
        "svg.plan .b.error rect{fill:url(#p-error);stroke:#b71c1c;stroke-width:2}\n"
        "svg.plan .b.warning rect{fill:url(#p-warning);stroke:#e65100;stroke-width:1.5}\n"
        "svg.plan .b.info rect{fill:url(#p-info);stroke:#0d47a1;stroke-width:1}\n"
        "svg.plan .b:focus,svg.plan .b:hover{outline:none}\n"
        "svg.plan .b:focus rect,svg.plan .b:hover rect{stroke:#000;stroke-width:2.5}\n"
        "svg.plan .b text{font-size:10px;pointer-events:none;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}\n"
        "svg.plan .b text.tip{display:none;font-size:11px;font-weight:bold}\n"
        "svg.plan .b:focus text.tip,svg.plan .b:hover text.tip{display:inline}\n"
        "svg.plan .free rect{fill:url(#p-free);stroke:#2e7d32;stroke-width:.5}\n";

void map_svg_defs(FILE *f)
{
        fputs("<defs>"
              "<pattern id=\"p-error\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
              "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ef9a9a\"/>"
              "<rect width=\"2.5\" height=\"6\" fill=\"#b71c1c\"/></pattern>"
              "<pattern id=\"p-warning\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
              "<rect width=\"5\" height=\"5\" fill=\"#ffe0b2\"/>"
              "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.2\" fill=\"#e65100\"/></pattern>"
              "<pattern id=\"p-info\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\">"
              "<rect width=\"4\" height=\"4\" fill=\"#e3f2fd\"/>"
              "<rect width=\"4\" height=\"1\" fill=\"#1565c0\"/></pattern>"
              "<pattern id=\"p-free\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
              "patternTransform=\"rotate(-45)\"><rect width=\"8\" height=\"8\" fill=\"#f1f8e9\"/>"
              "<rect width=\"1\" height=\"8\" fill=\"#66bb6a\"/></pattern>"
              "</defs>\n", f);
}

const char *map_sev_symbol(enum severity s)
{
        switch (s) {
        case SEV_ERROR: return "\xe2\x9c\x96";          /* ✖ */
        case SEV_WARNING: return "\xe2\x96\xb2";        /* ▲ */
        default: return "\xe2\x97\x8f";                 /* ● */
        }
}

void map_put_num(FILE *f, double v)
{
        long t = (long)(v * 10 + (v < 0 ? -0.5 : 0.5));

        fprintf(f, "%s%ld", t < 0 ? "-" : "", labs(t) / 10);
        if (labs(t) % 10)
                fprintf(f, ".%ld", labs(t) % 10);
}

static void put_range(FILE *f, int family, map_u128 lo, map_u128 hi)
{
        struct addr a = { .family = family }, b = { .family = family };
        unsigned bytes = family == AF_INET6 ? 16 : 4;
        char s1[ADDR_STRLEN], s2[ADDR_STRLEN];

        hi--;
        for (unsigned i = 0; i < bytes; i++) {
                a.b[i] = (unsigned char)(lo >> (8 * (bytes - 1 - i)));
                b.b[i] = (unsigned char)(hi >> (8 * (bytes - 1 - i)));
        }
        fprintf(f, "%s \xe2\x80\x93 %s", addr_format(&a, s1), addr_format(&b, s2));
}

static double lane_height(const struct map_axis *ax, size_t h)
{
        return ax->rows[h] * ROW_H + LANE_PAD;
}

static const char *src_class(const struct map_bar *b)
{
        if (!b->net)
                return "if";
        return net_source_name(b->net->source);
}

static int put_bar(FILE *f, const struct map_layout *l, size_t bi, double y)
{
        const struct map_bar *b = &l->bars[bi];
        const char *host = l->m->hosts[b->host].name;
        const char *name = b->net ? b->net->name : b->ifc->name;
        char idbuf[300], pbuf[PREFIX_STRLEN];
        double w = dmax(b->x1 - b->x0, 2.0);
        int r = 0;

        /* Only marked bars take focus: tab goes from clash to clash. */
        fprintf(f, "<g class=\"b %s%s%s\" id=\"b%zu\"%s><title>", src_class(b),
                b->marked ? " " : "", b->marked ? severity_name(b->sev) : "", bi,
                b->marked ? " tabindex=\"0\"" : "");
        r |= map_put(f, host, MAP_ESC_MARKUP, 0);
        fputs(" \xc2\xb7 ", f);
        r |= map_put(f, map_bar_id(b, idbuf, sizeof(idbuf)), MAP_ESC_MARKUP, 0);
        fprintf(f, " \xc2\xb7 %s", prefix_format(&b->prefix, pbuf));
        for (size_t k = 0; k < b->n_marks; k++) {
                const struct finding *fd = l->marks[b->first_mark + k].f;

                fprintf(f, "\n%s %s %s: ", map_sev_symbol(fd->severity), severity_name(fd->severity),
                        finding_code_name(fd->code));
                r |= map_put(f, fd->message, MAP_ESC_MARKUP, 0);
        }
        fputs("</title><rect x=\"", f);
        map_put_num(f, LABEL_W + b->x0);
        fputs("\" y=\"", f);
        map_put_num(f, y + 3 + b->row * ROW_H);
        fputs("\" width=\"", f);
        map_put_num(f, w);
        fprintf(f, "\" height=\"%d\"/>", (int)ROW_H - 3);
        /* A label when it fits (about 6 px a character at 10 px); the
         * severity symbol goes first when there is room for it too. */
        if (w >= 6.0 * (double)strlen(name) + 6) {
                fputs("<text x=\"", f);
                map_put_num(f, LABEL_W + b->x0 + 3);
                fputs("\" y=\"", f);
                map_put_num(f, y + 13 + b->row * ROW_H);
                fputs("\">", f);
                if (b->marked && w >= 6.0 * ((double)strlen(name) + 2) + 6)
                        fprintf(f, "%s ", map_sev_symbol(b->sev));
                r |= map_put(f, name, MAP_ESC_MARKUP, 0);
                fputs("</text>", f);
        }
        if (b->marked) {
                const struct finding *fd = l->marks[b->first_mark].f;

                fprintf(f, "<text class=\"tip\" x=\"%d\" y=\"13\">%s %s: ", (int)LABEL_W,
                        map_sev_symbol(fd->severity), finding_code_name(fd->code));
                r |= map_put(f, fd->message, MAP_ESC_MARKUP, 0);
                fputs("</text>", f);
        }
        fputs("</g>\n", f);
        return r ? -ENOMEM : 0;
}

static double plan_top(const struct map_axis *ax)
{
        return CAPTION_H + HEADER_H + (ax->family == AF_INET ? FREE_H + 4 : 0);
}

void map_svg_plan_size(const struct map_layout *l, const struct map_axis *ax,
                       double *ret_w, double *ret_h)
{
        double height = plan_top(ax);

        for (size_t h = 0; h < l->m->n_hosts; h++)
                height += lane_height(ax, h);
        *ret_h = height + 6;
        *ret_w = LABEL_W + ax->width + 10;
}

int map_svg_plan(FILE *f, const struct map_layout *l, const struct map_axis *ax, const char *title,
                 double at_y)
{
        bool v4 = ax->family == AF_INET;
        double y = plan_top(ax), height, width;
        size_t bi = 0;
        int r = 0;

        map_svg_plan_size(l, ax, &width, &height);
        fputs("<svg class=\"plan\" xmlns=\"http://www.w3.org/2000/svg\" y=\"", f);
        map_put_num(f, at_y);
        fputs("\" viewBox=\"0 0 ", f);
        map_put_num(f, width);
        fputc(' ', f);
        map_put_num(f, height);
        fputs("\" width=\"", f);
        map_put_num(f, width);
        fputs("\" height=\"", f);
        map_put_num(f, height);
        fprintf(f, "\" role=\"img\" aria-label=\"%s\">\n<title>%s</title>\n", title, title);

        /* Blocks: a column each, labelled with what it is. */
        fputs("<g class=\"blks\">", f);
        for (size_t i = 0; i < ax->n_blocks; i++) {
                const struct map_block *k = &ax->blocks[i];
                char pbuf[PREFIX_STRLEN];

                fputs("<g class=\"blk\"><title>", f);
                if (k->is_prefix)
                        fputs(prefix_format(&k->prefix, pbuf), f);
                else
                        put_range(f, ax->family, k->lo, k->hi);
                fputs("</title><rect x=\"", f);
                map_put_num(f, LABEL_W + k->x0);
                fprintf(f, "\" y=\"%d\" width=\"", (int)CAPTION_H);
                map_put_num(f, dmax(k->x1 - k->x0, 1));
                fputs("\" height=\"", f);
                map_put_num(f, height - CAPTION_H);
                fputs("\"/>", f);
                if (k->x1 - k->x0 >= 70 && k->is_prefix) {
                        fputs("<text x=\"", f);
                        map_put_num(f, LABEL_W + k->x0 + 3);
                        fprintf(f, "\" y=\"%d\">%s</text>", (int)(CAPTION_H + 14), prefix_format(&k->prefix, pbuf));
                }
                fputs("</g>\n", f);
        }
        fputs("</g>\n", f);

        if (v4) {
                fprintf(f, "<g class=\"freestrip\"><text x=\"6\" y=\"%d\">free RFC 1918</text>\n",
                        (int)(CAPTION_H + HEADER_H + 12));
                for (size_t i = 0; i < ax->n_free; i++) {
                        const struct map_free *fr = &ax->free[i];

                        fputs("<g class=\"free\"><title>free: ", f);
                        put_range(f, AF_INET, fr->lo, fr->hi);
                        fputs("</title><rect x=\"", f);
                        map_put_num(f, LABEL_W + fr->x0);
                        fprintf(f, "\" y=\"%d\" width=\"", (int)(CAPTION_H + HEADER_H + 2));
                        map_put_num(f, dmax(fr->x1 - fr->x0, 1));
                        fprintf(f, "\" height=\"%d\"/></g>\n", (int)FREE_H - 2);
                }
                fputs("</g>\n", f);
        }

        for (size_t h = 0; h < l->m->n_hosts; h++) {
                fprintf(f, "<g class=\"lane\" id=\"lane%d-%zu\"><line x1=\"0\" x2=\"", v4 ? 4 : 6, h);
                map_put_num(f, width);
                fputs("\" y1=\"", f);
                map_put_num(f, y);
                fputs("\" y2=\"", f);
                map_put_num(f, y);
                fputs("\"/><text x=\"6\" y=\"", f);
                map_put_num(f, y + 14);
                fputs("\"><title>", f);
                r |= map_put(f, l->m->hosts[h].name, MAP_ESC_MARKUP, 0);
                fputs("</title>", f);
                r |= map_put(f, l->m->hosts[h].name, MAP_ESC_MARKUP, 26);
                fputs("</text>\n", f);
                for (; bi < ax->n_bars && l->bars[ax->bars[bi]].host == h; bi++)
                        r |= put_bar(f, l, ax->bars[bi], y);
                fputs("</g>\n", f);
                y += lane_height(ax, h);
        }
        fputs("</svg>\n", f);
        return r ? -ENOMEM : 0;
}

int map_svg_write(FILE *f, const struct map_layout *l)
{
        double w4, h4, w6 = 0, h6 = 0;
        int r;

        map_svg_plan_size(l, &l->v4, &w4, &h4);
        if (l->v6.n_bars)
                map_svg_plan_size(l, &l->v6, &w6, &h6);
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" width=\"", f);
        map_put_num(f, dmax(w4, w6));
        fputs("\" height=\"", f);
        map_put_num(f, h4 + h6);
        fputs("\">\n<title>vnetaudit map</title>\n<style>\n", f);
        fputs(map_svg_css, f);
        fputs("</style>\n", f);
        map_svg_defs(f);
        /* The plans stacked as nested <svg> elements. */
        r = map_svg_plan(f, l, &l->v4, "IPv4 address plan", 0);
        if (r == 0 && l->v6.n_bars)
                r = map_svg_plan(f, l, &l->v6, "IPv6 prefixes", h4);
        fputs("</svg>\n", f);
        return r;
}
