/*
 * analysis_pools.h - the address-pool-overlap check: a container
 * manager's allocation pool (Docker default-address-pools, Podman
 * default_subnet_pools) that covers another manager's subnet or a LAN
 * subnet of this host, so the next network it creates may take it.  Pure.
 */
#ifndef VNETAUDIT_ANALYSIS_POOLS_H
#define VNETAUDIT_ANALYSIS_POOLS_H

#include "findings.h"
#include "inventory.h"

/* Appends the findings to out.  0 or -ENOMEM. */
int analysis_pools(const struct inventory *inv, struct finding_list *out);

/* The bases that keep a pool (base, size) off `taken`: the pool minus the
 * size-aligned block(s) holding taken, as up to 128 prefixes written to
 * ret (largest first by position).  Returns how many; 0 when nothing of
 * the pool remains. */
size_t analysis_pool_split(const struct prefix *base, unsigned size, const struct prefix *taken,
                           struct prefix *ret, size_t max);

#endif
