/*
 * config_pass.c - one read of vnetaudit.conf per run, merged into the
 * options by the command line's *_set flags.
 */
#include "config_pass.h"

void config_merge(const struct audit_config *cfg, struct options *opt)
{
        if (!opt->ifaces_set && cfg->n_ifaces) {
                opt->ifaces = (const char **)cfg->ifaces;
                opt->n_ifaces = cfg->n_ifaces;
        }
        if (!opt->timeout_set && cfg->timeout > 0)
                opt->timeout = cfg->timeout;
        if (!opt->retries_set && cfg->retries)
                opt->retries = cfg->retries;
        if (!opt->rate_set && cfg->rate)
                opt->rate = cfg->rate;
        if (!opt->mail_to_set && cfg->n_mail_to) {
                opt->mail_to = (const char **)cfg->mail_to;
                opt->n_mail_to = cfg->n_mail_to;
        }
        if (!opt->sendmail_set && cfg->sendmail)
                opt->sendmail = cfg->sendmail;
        if (!opt->state_dir_set && cfg->state_dir)
                opt->state_dir = cfg->state_dir;
}

int config_pass_run(struct config_pass *cp, struct options *opt)
{
        *cp = (struct config_pass){ 0 };
        audit_config_init(&cp->cfg);
        cp->status = audit_config_load(opt, &cp->cfg, &cp->diags);
        if (cp->status == 0)
                config_merge(&cp->cfg, opt);
        opt->conf = cp;
        return cp->status;
}

void config_pass_free(struct config_pass *cp)
{
        if (!cp)
                return;
        audit_config_free(&cp->cfg);
        diag_list_free(&cp->diags);
}
