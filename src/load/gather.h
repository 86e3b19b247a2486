/*
 * gather.h - builds the whole inventory for a command: the kernel's view
 * (netlink, unless offline), then every configuration loader, then the
 * devices that are virtual networks by nature, then each network's state.
 */
#ifndef VNETAUDIT_GATHER_H
#define VNETAUDIT_GATHER_H

#include "inventory.h"
#include "options.h"

/* 0, or -errno when the kernel could not be asked (diagnostic added).
 * Configuration problems are diagnostics, never a failure here. */
int gather_inventory(const struct options *opt, struct inventory *inv);

/* The parts after loading, exposed for tests: devices that are virtual
 * networks by nature become `host` networks; states follow the devices. */
int gather_host_networks(struct inventory *inv);
void gather_resolve_states(struct inventory *inv);
/* True for names such as vmnet8, virbr0, docker0, br-1a2b, lxcbr0, vboxnet0. */
bool gather_is_virtual_name(const char *name);

#endif
