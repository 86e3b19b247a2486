/*
 * cmd_audit.c - `vnetaudit audit`: the periodic audit.  Its findings come
 * from one function, audit_collect(), which runs exactly what `check` runs
 * (check_run.c); the state, diff, mail and --nagios layer is audit_run.c.
 * Mail settings missing from the command line come from vnetaudit.conf.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "audit_config.h"
#include "audit_run.h"
#include "check_run.h"
#include "commands.h"

/* What `check` finds, probes included.  Warnings that are not findings
 * would break the audit's silence on every run: only with -v. */
static int audit_collect(const struct options *opt, struct finding_list *ret)
{
        struct options o = *opt;

        if (!o.verbose)
                o.quiet = true;
        return cmd_check_collect(&o, ret);
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
