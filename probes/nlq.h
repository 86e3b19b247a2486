/*
 * nlq.h - the host's links, addresses and routes, read through netlink
 * (libnl-3 route).  The only module that includes libnl headers.
 */
#ifndef VNETAUDIT_NLQ_H
#define VNETAUDIT_NLQ_H

#include "inventory.h"

/* Fills inv->ifs (with their addresses) and inv->routes and sets
 * inv->have_kernel.  0, or -errno with a diagnostic added to inv->diags. */
int nlq_load(struct inventory *inv);

/* Link kind from the kernel's IFLA_INFO_KIND, name and flags; exposed for tests. */
enum link_kind nlq_classify(const char *info_kind, const char *name, unsigned flags,
                            unsigned arptype);

#endif
