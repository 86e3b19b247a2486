/*
 * list_order.h - the stable order in which `list` shows networks: by source
 * (vmware, libvirt, host, as the sources are numbered), then by name in
 * version order (vmnet2 before vmnet10), whatever order libvirt's API or a
 * directory listing handed them in.
 */
#ifndef VNETAUDIT_LIST_ORDER_H
#define VNETAUDIT_LIST_ORDER_H

#include <stddef.h>

#include "inventory.h"

/* A malloc'd array of inv->n_nets indexes into inv->nets, in list order;
 * NULL on ENOMEM (or when there are no networks: check inv->n_nets). */
size_t *list_network_order(const struct inventory *inv);

#endif
