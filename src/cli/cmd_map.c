/*
 * cmd_map.c - `vnetaudit map`: this host's inventory and findings (what
 * `check --no-probe` gathers and analyses, nothing else) - or, with
 * INVENTORY operands, a fleet's (map_fleet.h) - drawn as an HTML page, an
 * SVG plan or a Graphviz graph.  It sends nothing.  Exit 0 when the map
 * was written, whatever it shows; sysexits when it could not be.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_run.h"
#include "commands.h"
#include "exitcodes.h"
#include "map_fleet.h"
#include "map_output.h"

static int write_status(const struct options *opt, int r)
{
        if (r == 0)
                return EXIT_SUCCESS;
        fprintf(stderr, "vnetaudit: map: cannot write %s: %s\n",
                opt->output_file ? opt->output_file : "standard output", strerror(-r));
        return r == -ENOMEM ? EX_OSERR : opt->output_file ? EX_CANTCREAT : EX_IOERR;
}

static int map_fleet(const struct options *opt, const char *stamp)
{
        struct map_fleet fl;
        struct map_model m;
        int r = map_fleet_load(opt, &fl, stderr);

        if (r == -EOPNOTSUPP) {
                fprintf(stderr, "vnetaudit: map: INVENTORY operands need fleet support, which this "
                        "build lacks; run `vnetaudit map` without operands for this host\n");
                return EX_USAGE;
        }
        if (r < 0) {
                fprintf(stderr, "vnetaudit: map: %s\n", r == -ENOENT ? "no inventory found; nothing drawn" :
                        r == -EINVAL ? "no usable inventory; nothing drawn" : strerror(-r));
                return r == -ENOMEM ? EX_OSERR : r == -ENOENT ? EX_NOINPUT : EX_DATAERR;
        }
        m = (struct map_model){ .hosts = fl.hosts, .n_hosts = fl.n_hosts, .cross = &fl.findings,
                                .generated = stamp };
        r = map_output_write(opt->output_file, &m, opt->map_format);
        map_fleet_free(&fl);
        return write_status(opt, r);
}

int cmd_map(const struct options *opt)
{
        struct options o = *opt;
        struct check_result res;
        struct inventory inv;
        struct map_host host;
        struct map_model m;
        char stamp[64];
        int status;

        map_output_timestamp(stamp, sizeof(stamp));
        if (opt->n_args)
                return map_fleet(opt, stamp);
        o.no_probe = true;              /* a map is drawn, never probed */
        inventory_init(&inv);
        status = cmd_check_run(&o, &res, &inv, stderr);
        if (status == 0) {
                host = (struct map_host){ .name = res.host, .inv = &inv, .findings = &res.findings };
                m = (struct map_model){ .hosts = &host, .n_hosts = 1, .generated = stamp };
                status = write_status(opt, map_output_write(opt->output_file, &m, opt->map_format));
        }
        check_result_free(&res);
        inventory_free(&inv);
        return status;
}
