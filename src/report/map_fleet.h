/*
 * map_fleet.h - the seam between `map` and `fleet`: INVENTORY operands
 * (`list --json` documents: files, directories or -) become hosts with
 * their inventories, plus fleet's findings, which name networks
 * "HOST/ID".  `map` draws what this returns; the loading and the analysis
 * belong to fleet, never to map.
 */
#ifndef VNETAUDIT_MAP_FLEET_H
#define VNETAUDIT_MAP_FLEET_H

#include <stdio.h>

#include "findings.h"
#include "map_model.h"
#include "options.h"

struct map_fleet {
        struct map_host *hosts;
        size_t n_hosts;
        struct finding_list findings;   /* fleet's: each host's own and the cross-host ones */
        void *priv;                     /* the loader's own (the fleet) */
};

/* Loads opt->args (opt->n_args > 0).  0; -EOPNOTSUPP when this build has
 * no fleet support; -ENOENT when no inventory was found, -EINVAL when none
 * was usable, -ENOMEM; problems with single files are printed to err
 * (file:line: message) and the rest is drawn. */
int map_fleet_load(const struct options *opt, struct map_fleet *ret, FILE *err);
void map_fleet_free(struct map_fleet *f);

#endif
