/*
 * libvirt_load.h - libvirt's networks into the inventory: from the libvirt
 * API (any URI), or, when that is off or unreachable, from libvirt's files
 * below --root (defined networks, autostart links, live status files).
 */
#ifndef VNETAUDIT_LIBVIRT_LOAD_H
#define VNETAUDIT_LIBVIRT_LOAD_H

#include "inventory.h"
#include "options.h"

/* 0, or -ENOMEM.  Everything else (no daemon, bad files) is a diagnostic
 * in inv->diags. */
int libvirt_load(struct inventory *inv, const struct options *opt);

#endif
