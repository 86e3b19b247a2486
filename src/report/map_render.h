/*
 * map_render.h - `map`'s renderers: one layout (map_model.h), three
 * formats.  HTML is a self-contained page (inline CSS and SVG, a
 * Content-Security-Policy that fetches nothing), SVG the address plan
 * alone for embedding, dot a Graphviz graph host - device - network - LAN.
 * They write to a stream and return 0 or -errno; they print nothing else.
 */
#ifndef VNETAUDIT_MAP_RENDER_H
#define VNETAUDIT_MAP_RENDER_H

#include <stdio.h>

#include "map_model.h"
#include "options.h"

/* Lays out the model and writes it.  0, -ENOMEM, or -EIO on a write error. */
int map_render(FILE *f, const struct map_model *m, enum map_format fmt);

/* The pieces, shared between the formats. */
int map_html_write(FILE *f, const struct map_layout *l);
int map_svg_write(FILE *f, const struct map_layout *l);
int map_dot_write(FILE *f, const struct map_layout *l);

/* CSS of the plan (for a <style> element) and the fill patterns (<defs>
 * content) that readers without colour tell severities apart by. */
extern const char map_svg_css[];
void map_svg_defs(FILE *f);
/* One family's plan as an <svg> element placed at y (inside an outer
 * <svg>), and its size.  0 or -ENOMEM. */
int map_svg_plan(FILE *f, const struct map_layout *l, const struct map_axis *ax, const char *title,
                 double at_y);
void map_svg_plan_size(const struct map_layout *l, const struct map_axis *ax,
                       double *ret_w, double *ret_h);
/* "error", "warning", "info" with the mark that does not need colour. */
const char *map_sev_symbol(enum severity s);
/* "%.1f" without a locale's decimal comma. */
void map_put_num(FILE *f, double v);

#endif
