/*
 * map_fleet.c - fleet support for `map`, not built yet: the `fleet`
 * command (reading many hosts' `list --json` and finding the clashes
 * between them) is a separate piece of work.  Until it is merged, this
 * says so, and `map` with INVENTORY operands is a usage error.
 */
#include <errno.h>
#include <string.h>

#include "map_fleet.h"

int map_fleet_load(char *const *paths, size_t n, struct map_fleet *ret, FILE *err)
{
        (void)paths;
        (void)n;
        (void)err;
        memset(ret, 0, sizeof(*ret));
        return -EOPNOTSUPP;
}

void map_fleet_free(struct map_fleet *f)
{
        if (f)
                memset(f, 0, sizeof(*f));
}
