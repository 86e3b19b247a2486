/*
 * map_fleet.h - the seam between `map` and `fleet`: INVENTORY operands
 * (`list --json` documents: files, directories or -) become hosts with
 * their inventories and findings, plus fleet's cross-host findings that
 * name networks "HOST/ID".  `map` draws what this returns; the loading
 * and the cross-host analysis belong to fleet, never to map.
 */
#ifndef VNETAUDIT_MAP_FLEET_H
#define VNETAUDIT_MAP_FLEET_H

#include <stdio.h>

#include "findings.h"
#include "map_model.h"

struct map_fleet {
        struct map_host *hosts;
        size_t n_hosts;
        struct finding_list cross;
        void *priv;                     /* the loader's own (the inventories) */
};

/* 0; -EOPNOTSUPP when this build has no fleet support; another -errno
 * after printing why to err (file:line: message). */
int map_fleet_load(char *const *paths, size_t n, struct map_fleet *ret, FILE *err);
void map_fleet_free(struct map_fleet *f);

#endif
