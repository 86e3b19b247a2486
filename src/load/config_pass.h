/*
 * config_pass.h - vnetaudit.conf read once per run and merged into the
 * options.  Whatever the command line gave (its *_set flags in options.h)
 * wins; the file fills the rest.  No default value is ever compared: an
 * explicit `--state-dir /var/lib/vnetaudit` beats the file's state_dir.
 */
#ifndef VNETAUDIT_CONFIG_PASS_H
#define VNETAUDIT_CONFIG_PASS_H

#include "audit_config.h"
#include "diag.h"
#include "options.h"

struct config_pass {
        struct audit_config cfg;
        struct diag_list diags;         /* what the file (and the trust rule) said */
        int status;                     /* audit_config_load's result */
};

/* Copies cfg's settings into opt where the command line set none
 * (interfaces, probe timing, mail, state directory).  Strings point into cfg. */
void config_merge(const struct audit_config *cfg, struct options *opt);

/* Reads the file once (audit_config_load), merges it into opt when it
 * loaded, and hangs it on opt->conf so that the check pipeline uses it
 * instead of reading again.  Returns cp->status; cp is freed with
 * config_pass_free() after the last use of opt. */
int config_pass_run(struct config_pass *cp, struct options *opt);
void config_pass_free(struct config_pass *cp);

#endif
