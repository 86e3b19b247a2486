/*
 * map_layout.h - what the parts of the map layout share (not API:
 * map_model.h is).  map_model.c collects the bars and drives the build,
 * map_marks.c ties findings to the bars they name, map_axis.c places the
 * bars on the piecewise address axis of each family.
 */
#ifndef VNETAUDIT_MAP_LAYOUT_H
#define VNETAUDIT_MAP_LAYOUT_H

#include "map_model.h"

#define MAP_U128_MAX (~(map_u128)0)

/* First address and last address + 1 (saturated) of p. */
void map_prefix_bounds(const struct prefix *p, map_u128 *lo, map_u128 *hi);

/* map_marks.c: l->findings and l->marks from the model's finding lists. */
int map_link_findings(struct map_layout *l);

/* map_axis.c: blocks, breakpoints, rows and free space of one family. */
int map_axis_build(struct map_layout *l, struct map_axis *ax, int family);
void map_axis_free(struct map_axis *ax);

#endif
