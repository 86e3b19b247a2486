/*
 * audit_export.h - what `audit` leaves behind for the fleet and for
 * monitoring: this host's inventory as DIR/HOST.json (`--export`, the
 * `list --json` document, for `vnetaudit fleet` on a shared directory), and
 * a node_exporter textfile-collector file (`--metrics`).  Both atomic.
 */
#ifndef VNETAUDIT_AUDIT_EXPORT_H
#define VNETAUDIT_AUDIT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"
#include "inventory.h"
#include "options.h"

struct audit_metrics {
        bool success;                   /* the audit could be done */
        long long timestamp;            /* when it ran */
        double probe_seconds;
        size_t n_networks;
        const struct finding_list *findings;    /* NULL when the audit failed */
};

/* Gathers the inventory as `list` does and writes it to dir/HOST.json,
 * where HOST is its host name.  0, or -errno with why in msg. */
int audit_export_inventory(const struct options *opt, const char *dir, char *msg, size_t size);

/* The two halves of it, for a writer that kept root (root_writer.h):
 * DIR/HOST.json as a malloc'd path (NULL on ENOMEM), and the document
 * with a final newline, of inventory gathered now (*ret_host, when asked,
 * its host name; 0, or -errno with why in msg) or of one at hand (an
 * audit's, gathered before it probed; 0 or -ENOMEM). */
char *audit_export_path(const char *dir, const char *host);
int audit_export_text(const struct options *opt, char **ret_text, size_t *ret_len, char **ret_host,
                      char *msg, size_t size);
int audit_export_doc(const struct inventory *inv, char **ret_text, size_t *ret_len);

/* The textfile document; malloc'd, NULL on ENOMEM. */
char *audit_metrics_text(const struct audit_metrics *m);
/* Writes it to path atomically.  0 or -errno. */
int audit_metrics_write(const char *path, const struct audit_metrics *m);

#endif
