/*
 * fuzz_inv_json.c - libFuzzer target: any bytes as a `list --json`
 * inventory from another host, then the fleet analysis over it twice (the
 * same host's inventory under two names), so the cross-host sweeps see
 * whatever the parser let through.  Memory safety, and: a refused document
 * leaves an error diagnostic; an accepted one has a host name.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fleet.h"
#include "fleet_analysis.h"
#include "inv_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct inventory inv;
        struct invj_meta meta;
        struct diag_list d = { 0 };
        struct fleet f;
        struct finding_list l = { 0 };
        int r;

        inventory_init(&inv);
        r = invj_parse((const char *)data, size, "fuzz.json", &inv, &meta, &d);
        if (r == -EINVAL && diag_count(&d, SEV_ERROR) == 0)
                abort();
        if (r == 0 && !inv.hostname)
                abort();
        inventory_free(&inv);
        invj_meta_free(&meta);
        diag_list_free(&d);

        fleet_init(&f);
        if (fleet_add_buffer(&f, (const char *)data, size, "a.json") == 0 && f.n_hosts == 1) {
                /* a second host with the same facts: every fact clashes */
                char *name = strdup("fuzz-other-host");

                if (name && fleet_add_buffer(&f, (const char *)data, size, "b.json") == 0 && f.n_hosts == 1) {
                        /* same host twice is refused; rename the first and add again */
                        free(f.hosts[0].name);
                        f.hosts[0].name = name;
                        free(f.hosts[0].machine_id);
                        f.hosts[0].machine_id = NULL;
                        free(f.hosts[0].inv.hostname);
                        f.hosts[0].inv.hostname = strdup("fuzz-other-host");
                        name = NULL;
                        fleet_add_buffer(&f, (const char *)data, size, "c.json");
                }
                free(name);
        }
        if (fleet_lan_assign(&f, NULL, 0) == 0)
                fleet_analysis_run(&f, &l);
        finding_list_free(&l);
        fleet_free(&f);
        return 0;
}
