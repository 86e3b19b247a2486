/*
 * iface_select.h - which interfaces to send ARP probes on: the ones named
 * with -i, or by default every up, broadcast-capable, non-loopback
 * interface that is neither a virtual network under audit nor a bridge port.
 * Reads the inventory only.
 */
#ifndef VNETAUDIT_IFACE_SELECT_H
#define VNETAUDIT_IFACE_SELECT_H

#include <stddef.h>

#include "inventory.h"
#include "probe_engine.h"

/* Fills *ret (malloc'ed, names point into inv) with the interfaces to probe
 * on.  names/n_names: the -i list (NULL/0 = the default choice).  0, or
 * -ENODEV (a named interface is unknown or has no MAC), -ENETDOWN (a named
 * one is down), -EINVAL (a named one is loopback or does no ARP: a usage
 * error), -ENOENT (no suitable interface at all), -ENOMEM; a message
 * in err. */
int iface_select(const struct inventory *inv, const char *const *names, size_t n_names,
                 struct probe_iface **ret, size_t *n_ret, char *err, size_t errsize);

/* True when the default choice would skip ifc; *why says why. */
bool iface_excluded(const struct inventory *inv, const struct interface *ifc, const char **why);

#endif
