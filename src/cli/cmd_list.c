/*
 * cmd_list.c - `vnetaudit list`: gather the inventory and render it.  It
 * sends nothing: netlink dumps, libvirt reads and file reads only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "exitcodes.h"
#include "fileread.h"
#include "gather.h"
#include "jsonout.h"
#include "list_columns.h"
#include "report_list.h"
#include "rt_tables.h"

/* Route table names as `ip route` shows them: iproute2's file of the host
 * that the routes come from (not below --root).  A missing or unreadable
 * file leaves the built-in names. */
static int load_table_names(struct rtt_names *names)
{
        static const char *const files[] = { "/etc/iproute2/rt_tables", "/usr/share/iproute2/rt_tables" };

        for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
                char *buf = NULL;
                size_t len = 0;
                int r = file_read(files[i], 1 << 20, &buf, &len);

                if (r == 0)
                        r = rtt_parse(buf, len, names);
                free(buf);
                if (r == -ENOMEM)
                        return r;
                if (r == 0)
                        return 0;
        }
        return 0;
}

/* -o and the format flags; an exit status, or -1 to go on. */
static int list_format_from(const struct options *opt, struct list_format *fmt)
{
        size_t bad;

        list_format_init(fmt);
        fmt->verbose = opt->verbose;
        fmt->noheadings = opt->noheadings;
        fmt->raw = opt->raw;
        fmt->pairs = opt->pairs;
        if (opt->raw && opt->pairs) {
                fprintf(stderr, "vnetaudit: --raw and --pairs exclude each other\n");
                return EX_USAGE;
        }
        if (opt->columns && list_format_columns(fmt, opt->columns, &bad) < 0) {
                fprintf(stderr, "vnetaudit: unknown column '%.*s' for -o (columns: vnetaudit --help)\n",
                        (int)strcspn(opt->columns + bad, ","), opt->columns + bad);
                return EX_USAGE;
        }
        fmt->networks_only = opt->columns || opt->noheadings || opt->raw || opt->pairs;
        return -1;
}

int cmd_list(const struct options *opt)
{
        struct inventory inv;
        struct list_format fmt;
        struct rtt_names tables = { 0 };
        json_object *doc;
        int r, status = EXIT_SUCCESS;

        if (opt->n_args) {
                fprintf(stderr, "vnetaudit: list takes no operands\n");
                return EX_USAGE;
        }
        if ((r = list_format_from(opt, &fmt)) >= 0)
                return r;
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
                if (load_table_names(&tables) < 0 ||
                    report_list_text_format(stdout, &inv, &fmt, &tables) < 0)
                        status = EX_OSERR;
                rtt_free(&tables);
        }
        if (fflush(stdout) != 0 && status == EXIT_SUCCESS)
                status = EX_IOERR;
        inventory_free(&inv);
        return status;
}
