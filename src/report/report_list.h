/*
 * report_list.h - renders the inventory (`vnetaudit list`): a human table
 * (libsmartcols) or the JSON document of DESIGN.md.  Diagnostics go to
 * stderr as "file:line: message" in text mode and into the JSON otherwise.
 */
#ifndef VNETAUDIT_REPORT_LIST_H
#define VNETAUDIT_REPORT_LIST_H

#include <json-c/json.h>
#include <stdio.h>

#include "inventory.h"

/* The list document; NULL on ENOMEM.  The caller puts it. */
json_object *report_list_json(const struct inventory *inv);
/* JSON fragments shared with other reports. */
json_object *report_diagnostics_json(const struct diag_list *l);
int report_list_text(FILE *out, const struct inventory *inv, int verbose);
/* The same with the columns and format of `list -o/--raw/--pairs/
 * --noheadings`; tables (may be NULL) names route tables. */
struct list_format;
struct rtt_names;
int report_list_text_format(FILE *out, const struct inventory *inv, const struct list_format *fmt,
                            const struct rtt_names *tables);
/* "file:line: message" lines (severity prefixed for warnings/info). */
void report_diagnostics_text(FILE *err, const struct diag_list *l, int verbose);

#endif
