/*
 * docker_load.h - Docker's networks and allocation pools into the
 * inventory: the networks from the Engine API on its unix socket (GET
 * /networks), or, when the daemon cannot be asked, the default bridge as
 * daemon.json and Docker's documented built-in defaults describe it; the
 * pools from daemon.json's default-address-pools or Docker's defaults.
 */
#ifndef VNETAUDIT_DOCKER_LOAD_H
#define VNETAUDIT_DOCKER_LOAD_H

#include "inventory.h"
#include "options.h"

/* Docker's built-in facts, named as origins. */
#define DOCKER_BUILTIN_ORIGIN "dockerd built-in default"

/* 0, or -ENOMEM; everything else is a diagnostic. */
int docker_load(struct inventory *inv, const struct options *opt);

#endif
