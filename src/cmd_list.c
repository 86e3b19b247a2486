/*
 * cmd_list.c - `vnetaudit list`: gather the inventory and render it.  It
 * sends nothing: netlink dumps, libvirt reads and file reads only.
 */
#include <errno.h>
#include <stdio.h>

#include "commands.h"
#include "exitcodes.h"
#include "gather.h"
#include "jsonout.h"
#include "report_list.h"

int cmd_list(const struct options *opt)
{
        struct inventory inv;
        json_object *doc;
        int r, status = EXIT_SUCCESS;

        if (opt->n_args) {
                fprintf(stderr, "vnetaudit: list takes no operands\n");
                return EX_USAGE;
        }
        inventory_init(&inv);
        r = gather_inventory(opt, &inv);
        if (r < 0) {
                report_diagnostics_text(stderr, &inv.diags, opt->verbose);
                inventory_free(&inv);
                return r == -ENOMEM ? EX_OSERR : EX_UNAVAILABLE;
        }
        if (opt->json) {
                if (!(doc = report_list_json(&inv)))
                        status = EX_OSERR;
                else if (json_print(stdout, doc) < 0)
                        status = EX_IOERR;
                json_object_put(doc);
        } else {
                report_diagnostics_text(stderr, &inv.diags, opt->verbose);
                if (report_list_text(stdout, &inv, opt->verbose) < 0)
                        status = EX_OSERR;
        }
        if (fflush(stdout) != 0 && status == EXIT_SUCCESS)
                status = EX_IOERR;
        inventory_free(&inv);
        return status;
}
