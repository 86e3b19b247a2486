/*
 * cmd_audit.c - `vnetaudit audit`: the periodic audit.  Its findings come
 * from one function, audit_collect(), which runs exactly what `check` runs
 * (check_run.c); the state, diff, mail and --nagios layer is audit_run.c.
 * Mail settings missing from the command line come from vnetaudit.conf.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "audit_config.h"
#include "audit_run.h"
#include "check_run.h"
#include "commands.h"

/* What `check` finds, probes included.  Warnings that are not findings
 * would break the audit's silence on every run: only with -v. */
static int audit_collect(const struct options *opt, struct finding_list *ret, struct audit_facts *facts)
{
        struct options o = *opt;
        struct check_result res;
        char *errtext = NULL;
        size_t errlen = 0;
        FILE *err = stderr;
        int status;

        if (!o.verbose)
                o.quiet = true;
        /* --nagios: why the check failed goes into UNKNOWN's line too */
        if (opt->nagios && !(err = open_memstream(&errtext, &errlen)))
                return EX_OSERR;
        status = check_collect_result(&o, &res, err);
        if (err != stderr) {
                size_t n = 0;

                fclose(err);
                fputs(errtext ? errtext : "", stderr);
                /* every line, joined with "; ", without the program name */
                for (char *line = errtext, *next; line && *line; line = next) {
                        next = strchr(line, '\n');
                        if (next)
                                *next++ = '\0';
                        if (strncmp(line, "vnetaudit: ", 11) == 0)
                                line += 11;
                        if (*line && n < sizeof(facts->reason))
                                n += (size_t)snprintf(facts->reason + n, sizeof(facts->reason) - n,
                                                      "%s%s", n ? "; " : "", line);
                }
                free(errtext);
        }
        if (status == 0) {
                *ret = res.findings;
                res.findings = (struct finding_list){ 0 };
                facts->n_networks = res.n_networks;
                facts->probe_seconds = res.probes.ran ? res.probes.seconds : 0;
        }
        check_result_free(&res);
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
        if ((opt->nagios_warning || opt->nagios_critical) && !opt->nagios) {
                fprintf(stderr, "vnetaudit: -w and -c are thresholds of --nagios\n");
                return EX_USAGE;
        }
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
