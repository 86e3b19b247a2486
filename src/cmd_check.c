/*
 * cmd_check.c - `vnetaudit check`: run the check, print the report (text or
 * JSON; nothing with -q when clean), exit by the findings and --fail-on.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check_run.h"
#include "commands.h"
#include "exitcodes.h"
#include "jsonout.h"
#include "report_findings.h"

int cmd_check(const struct options *opt)
{
        struct check_result res;
        struct findings_report rep;
        int status, r = 0;

        if (opt->n_args) {
                fprintf(stderr, "vnetaudit: check takes no operands ('%s')\n", opt->args[0]);
                return EX_USAGE;
        }
        status = check_collect_result(opt, &res, stderr);
        if (status != 0) {
                check_result_free(&res);
                return status;
        }
        rep = (struct findings_report){ .host = res.host, .n_networks = res.n_networks,
                                        .probes = &res.probes };
        if (opt->json) {
                json_object *doc = report_findings_json(&res.findings, &rep);

                r = doc ? json_print(stdout, doc) : -1;
                json_object_put(doc);
        } else if (!(opt->quiet && res.findings.n == 0)) {
                r = report_findings_text(stdout, &res.findings, &rep);
        }
        status = check_exit_status(opt, &res.findings);
        check_result_free(&res);
        if (r < 0 || fflush(stdout) != 0)
                return EX_IOERR;
        return status;
}
