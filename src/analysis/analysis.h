/*
 * analysis.h - the pure static analysis: an inventory and vnetaudit.conf in,
 * findings out.  Every finding code except the two that need the wire
 * (address-in-use, address-probe-collision: see check_probe.h).  No I/O.
 */
#ifndef VNETAUDIT_ANALYSIS_H
#define VNETAUDIT_ANALYSIS_H

#include "audit_config.h"
#include "findings.h"
#include "inventory.h"

/* Appends the findings to out, deduplicated, ignores of cfg applied (cfg
 * may be NULL), in report order.  0 or -ENOMEM. */
int analysis_run(const struct inventory *inv, const struct audit_config *cfg,
                 struct finding_list *out);

/* How a network is named in messages: "vmnet6", "libvirt network default",
 * "bridge br0".  Static or per-call buffer of the caller. */
const char *analysis_net_label(const struct network *n, char *buf, size_t size);

/* Drops the findings that cfg ignores for any of their networks. */
void analysis_apply_ignores(const struct inventory *inv, const struct audit_config *cfg,
                            struct finding_list *l);

#endif
