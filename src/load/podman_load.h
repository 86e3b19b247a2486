/*
 * podman_load.h - Podman's (netavark) networks and allocation pools into
 * the inventory, from files only (Podman has no daemon): the rootful
 * network files in /etc/containers/networks/NAME.json, containers.conf
 * (default_network, default_subnet, default_subnet_pools) and Podman's
 * built-in default network and pools where the files say nothing.
 */
#ifndef VNETAUDIT_PODMAN_LOAD_H
#define VNETAUDIT_PODMAN_LOAD_H

#include "inventory.h"
#include "options.h"

#define PODMAN_BUILTIN_ORIGIN "podman built-in default"

/* 0, or -ENOMEM; everything else is a diagnostic. */
int podman_load(struct inventory *inv, const struct options *opt);

#endif
