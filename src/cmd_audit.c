/*
 * cmd_audit.c - `vnetaudit audit`: the periodic audit.  Its findings come
 * from one function, audit_collect(), which runs the analysis pipeline that
 * `check` runs; the state, diff, mail and --nagios layer is audit_run.c.
 * Mail settings missing from the command line come from vnetaudit.conf.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "analysis.h"
#include "audit_config.h"
#include "audit_run.h"
#include "commands.h"
#include "gather.h"
#include "report_list.h"

static int audit_collect(const struct options *opt, struct finding_list *ret)
{
        struct audit_config cfg;
        struct diag_list cdiags = { 0 };
        struct inventory inv;
        int r, status = 0;

        audit_config_init(&cfg);
        r = audit_config_load(opt, &cfg, &cdiags);
        if (r < 0) {
                report_diagnostics_text(stderr, &cdiags, opt->verbose);
                status = r == -EINVAL ? EX_CONFIG : EX_NOINPUT;
                goto out_cfg;
        }
        inventory_init(&inv);
        r = gather_inventory(opt, &inv);
        /* Diagnostics become config-error findings; printing them on every
         * run would break the audit's silence, so only with -v. */
        if (opt->verbose || r < 0)
                report_diagnostics_text(stderr, &inv.diags, opt->verbose);
        if (r < 0)
                status = r == -ENOMEM ? EX_OSERR : EX_UNAVAILABLE;
        else if (analysis_run(&inv, &cfg, ret) < 0)
                status = EX_OSERR;
        /* TODO(check merge): the ARP probes check runs (address-in-use,
         * address-probe-collision) join here when cmd_check's pipeline
         * exists; until then the audit is the static analysis. */
        inventory_free(&inv);
out_cfg:
        diag_list_free(&cdiags);
        audit_config_free(&cfg);
        return status;
}

int cmd_audit(const struct options *opt)
{
        struct options o = *opt;
        struct audit_config cfg;
        struct diag_list diags = { 0 };
        int status;

        /* Mail settings from vnetaudit.conf where the command line gave none
         * (a bad file is reported by audit_collect). */
        audit_config_init(&cfg);
        if (audit_config_load(opt, &cfg, &diags) == 0) {
                if (!o.n_mail_to && cfg.n_mail_to) {
                        o.mail_to = (const char **)cfg.mail_to;
                        o.n_mail_to = cfg.n_mail_to;
                }
                if (cfg.sendmail && strcmp(o.sendmail, "/usr/sbin/sendmail") == 0)
                        o.sendmail = cfg.sendmail;
                if (cfg.state_dir && strcmp(o.state_dir, "/var/lib/vnetaudit") == 0)
                        o.state_dir = cfg.state_dir;
        }
        diag_list_free(&diags);
        status = audit_run(&o, audit_collect, stdout, stderr);
        audit_config_free(&cfg);
        return status;
}
