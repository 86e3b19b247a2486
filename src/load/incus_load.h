/*
 * incus_load.h - Incus/LXD managed networks into the inventory, from the
 * daemon's REST API on its unix socket (GET /1.0/networks?recursion=1).
 * Incus keeps its networks in a database, not in files: without the API
 * (--offline, daemon down) they are not known, and a diagnostic says so.
 */
#ifndef VNETAUDIT_INCUS_LOAD_H
#define VNETAUDIT_INCUS_LOAD_H

#include "inventory.h"
#include "options.h"

/* 0, or -ENOMEM; everything else is a diagnostic. */
int incus_load(struct inventory *inv, const struct options *opt);

#endif
