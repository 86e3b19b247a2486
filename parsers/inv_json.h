/*
 * inv_json.h - reads back what `vnetaudit list --json` printed on some host:
 * bytes in, that host's inventory (origins kept as that host wrote them)
 * plus located diagnostics out.  Pure: no I/O.  Shared by `fleet` and `map`.
 */
#ifndef VNETAUDIT_INV_JSON_H
#define VNETAUDIT_INV_JSON_H

#include <stddef.h>

#include "diag.h"
#include "inventory.h"

#define INVJ_VERSION 1          /* the list --json schema this reader knows */

struct invj_meta {
        int version;
        char *machine_id;       /* malloc'd; NULL when the inventory has none */
        long long timestamp;    /* seconds since the epoch; -1 when absent */
        bool offline;           /* no interfaces: made with --offline */
};

void invj_meta_free(struct invj_meta *m);

/* Parses len bytes (need not be NUL-terminated) read from file into inv,
 * which must be freshly initialised.  Bad elements are warnings in diags and
 * are skipped.  Returns 0; -EINVAL when the document is not a usable
 * inventory (an error in diags says why); -ENOMEM. */
int invj_parse(const char *buf, size_t len, const char *file, struct inventory *inv,
               struct invj_meta *meta, struct diag_list *diags);

/* "2026-11-29T22:30:00Z" -> seconds; -EINVAL when not that form. */
int invj_parse_time(const char *s, long long *ret);

#endif
