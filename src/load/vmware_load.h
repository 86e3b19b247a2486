/*
 * vmware_load.h - VMware Workstation/Player/Fusion networks into the
 * inventory: reads networking (else the legacy locations file) and each
 * enabled vmnet's dhcpd.conf and nat.conf below --root and --vmware-dir,
 * and turns them into one network per vmnet with file:line origins.
 */
#ifndef VNETAUDIT_VMWARE_LOAD_H
#define VNETAUDIT_VMWARE_LOAD_H

#include "inventory.h"
#include "options.h"

/* Problems with the files are diagnostics in inv->diags, not failures.
 * 0, or -ENOMEM. */
int vmware_load(struct inventory *inv, const struct options *opt);

#endif
