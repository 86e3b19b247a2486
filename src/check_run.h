/*
 * check_run.h - the flow of `check`, shared with `audit`: read
 * vnetaudit.conf, gather the inventory, analyse, probe the planned host
 * addresses, and decide the exit status.  Errors that stop the check are
 * printed to the given stream and returned as sysexits values.
 */
#ifndef VNETAUDIT_CHECK_RUN_H
#define VNETAUDIT_CHECK_RUN_H

#include <stdio.h>

#include "audit_config.h"
#include "findings.h"
#include "inventory.h"
#include "options.h"
#include "report_findings.h"

struct check_result {
        char *host;
        struct finding_list findings;   /* sorted, ignores applied */
        size_t n_networks;              /* networks checked */
        struct probe_summary probes;    /* ifaces owned (names are copies) */
};

void check_result_free(struct check_result *r);

/* Copies vnetaudit.conf's settings into opt where the command line gave
 * none (interfaces, probe timing, mail).  Strings point into cfg. */
int check_apply_config(const struct audit_config *cfg, struct options *opt);

/* The whole check.  Returns 0, or a sysexits status after printing why to err. */
int check_collect_result(const struct options *opt, struct check_result *res, FILE *err);

/* Same, and hands over the inventory it gathered (the caller inits and
 * frees it): `map` draws exactly what was analysed. */
int check_collect_inventory(const struct options *opt, struct check_result *res,
                            struct inventory *inv, FILE *err);

/* Same, in the form `audit` takes as its findings source. */
int check_collect(const struct options *opt, struct finding_list *ret);

/* 0, 1 or 2 by the findings and opt->fail_on. */
int check_exit_status(const struct options *opt, const struct finding_list *l);

#endif
