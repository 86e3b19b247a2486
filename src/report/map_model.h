/*
 * map_model.h - what `map` draws: N hosts, each with its inventory and
 * its own findings, plus the cross-host findings of a fleet, and the
 * layout computed from them (bars on a piecewise address axis, lanes,
 * free space).  The renderers (map_html.c, map_svg.c, map_dot.c) only
 * read a layout; nothing here analyses anything or does I/O.
 */
#ifndef VNETAUDIT_MAP_MODEL_H
#define VNETAUDIT_MAP_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"
#include "inventory.h"

/* A host's findings name its networks by id ("vmware:vmnet6"); cross-host
 * findings name them "HOST/ID", as `fleet` does. */
struct map_host {
        const char *name;
        const struct inventory *inv;
        const struct finding_list *findings;    /* may be NULL */
};

struct map_model {
        const struct map_host *hosts;
        size_t n_hosts;
        const struct finding_list *cross;       /* may be NULL */
        const char *generated;                  /* a timestamp shown on the page, or NULL */
};

typedef unsigned __int128 map_u128;

/* One bar: a subnet of a network, or an address of an interface that no
 * network owns (a LAN card, say). */
struct map_bar {
        size_t host;
        const struct network *net;              /* NULL for an interface */
        const struct subnet *subnet;
        const struct interface *ifc;            /* the interface, for an interface bar */
        struct prefix prefix;
        map_u128 lo, hi;                        /* first address, last address + 1 (saturated) */
        double x0, x1;                          /* on the axis of its family */
        unsigned row;                           /* sub-row inside its host's lane */
        bool marked;
        enum severity sev;                      /* the worst marking finding's */
        size_t first_mark, n_marks;             /* into map_layout.marks */
};

/* A finding that marks a bar. */
struct map_mark {
        size_t bar;
        const struct finding *f;
        size_t finding_index;                   /* into map_layout.findings */
};

/* Every finding once, in report order, with the host it belongs to. */
struct map_finding {
        const struct finding *f;
        size_t host;                            /* SIZE_MAX when it spans hosts */
        bool cross;                             /* from the fleet's list ("HOST/ID" names) */
        size_t first_bar;                       /* SIZE_MAX when it marks no bar */
};

/* A stretch of the axis: an RFC 1918 block, or what covers used space. */
struct map_block {
        map_u128 lo, hi;
        double x0, x1;
        struct prefix prefix;                   /* when is_prefix */
        bool is_prefix;
};

struct map_free {
        map_u128 lo, hi;
        double x0, x1;
};

struct map_axis {
        int family;
        map_u128 *pts;                          /* sorted breakpoints */
        double *xs;
        size_t n_pts;
        struct map_block *blocks;
        size_t n_blocks;
        struct map_free *free;                  /* IPv4: RFC 1918 space no bar uses */
        size_t n_free;
        double width;
        size_t *bars;                           /* indexes of this family's bars, by host then x */
        size_t n_bars;
        unsigned *rows;                         /* per host: sub-rows in its lane (>= 1) */
};

struct map_layout {
        const struct map_model *m;
        struct map_bar *bars;
        size_t n_bars, cap_bars;
        struct map_mark *marks;
        size_t n_marks, cap_marks;
        struct map_finding *findings;
        size_t n_findings, cap_findings;
        struct map_axis v4, v6;
        size_t n_networks;
        size_t by_sev[_SEV_MAX];
};

/* 0 or -ENOMEM.  The layout points into the model, which must outlive it. */
int map_layout_build(const struct map_model *m, struct map_layout *ret);
void map_layout_free(struct map_layout *l);

/* Address value of a, host bits included (IPv4 in the low 32 bits). */
map_u128 map_addr_value(const struct addr *a);
/* Position of v on an axis (interpolated inside an interval). */
double map_axis_x(const struct map_axis *ax, map_u128 v);
/* The id a bar answers to in findings: the network's id, or "host:IFNAME". */
const char *map_bar_id(const struct map_bar *b, char *buf, size_t size);

#endif
