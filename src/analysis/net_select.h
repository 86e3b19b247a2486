/*
 * net_select.h - what a --net selector picks: a plain name (a network's
 * id, name or device: "vmnet6", "vmware:vmnet6", "virbr0"), a source name
 * ("vmware", "libvirt": all its networks) or a shell pattern ("vmware:*",
 * "vmnet*").  A pattern may match nothing; a plain name must name a network.
 */
#ifndef VNETAUDIT_NET_SELECT_H
#define VNETAUDIT_NET_SELECT_H

#include <stdbool.h>

#include "inventory.h"

/* True for source names and shell patterns (may match nothing). */
bool net_select_is_pattern(const char *sel);

/* Does sel pick n? */
bool net_select_match(const char *sel, const struct network *n);

#endif
