/*
 * list_columns.h - the columns of `vnetaudit list`'s network table and the
 * output format chosen on the command line (-o, --noheadings, --raw,
 * --pairs), in the manner of lsblk(8).  Names, help texts and libsmartcols
 * width flags live in one table, so --help, parsing and rendering agree.
 */
#ifndef VNETAUDIT_LIST_COLUMNS_H
#define VNETAUDIT_LIST_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum list_col {
        LC_NETWORK, LC_SOURCE, LC_NAME, LC_DEVICE, LC_TYPE, LC_STATE, LC_AUTOSTART,
        LC_PERSISTENT, LC_SUBNET, LC_HOST, LC_GATEWAY, LC_DHCP_SERVER, LC_DHCP, LC_LINKS,
        LC_ORIGIN, _LC_MAX,
};

struct list_col_info {
        const char *name;               /* header and -o name */
        const char *help;
        double whint;                   /* libsmartcols width hint */
        int flags;                      /* SCOLS_FL_* */
        bool per_subnet;                /* a fact of each subnet row, not of the network */
};

extern const struct list_col_info list_cols[_LC_MAX];

struct list_format {
        enum list_col cols[_LC_MAX * 2];
        size_t n_cols;
        bool noheadings, raw, pairs;
        bool networks_only;             /* -o, --noheadings, --raw, --pairs: one table, no titles */
        bool columns_given;             /* -o: else AUTOSTART only when libvirt networks exist */
        int verbose;
};

/* The default columns. */
void list_format_init(struct list_format *f);
/* "COL,COL" replaces the columns, "+COL,COL" appends to them; names are
 * case-insensitive.  0, or -EINVAL with *ret_bad the offending name's
 * offset in spec. */
int list_format_columns(struct list_format *f, const char *spec, size_t *ret_bad);
/* "  NAME  help" lines for --help. */
void list_columns_help(FILE *out);

/* A cell's text as the tables show it: at most LIST_CELL_MAX bytes, cut at
 * a UTF-8 boundary and ended with "..." (full values stay in JSON).
 * Returns s itself when short enough, else buf. */
#define LIST_CELL_MAX 200
const char *list_cell_text(const char *s, char buf[static LIST_CELL_MAX + 4]);

#endif
