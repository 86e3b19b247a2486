/*
 * check_run.h - `check` (and `audit`) as a pipeline of phases that return
 * data: config -> inputs -> gather (inventory) -> select (--net) -> analyse
 * -> probe -> result.  Nothing here prints or chooses an exit status: a
 * phase that stops the check says which phase and why (struct
 * check_failure); a probe phase that could not run fully becomes a
 * probe-incomplete finding and the other findings stand.  cmd_check.c
 * prints and decides.
 */
#ifndef VNETAUDIT_CHECK_RUN_H
#define VNETAUDIT_CHECK_RUN_H

#include "audit_config.h"
#include "inventory.h"
#include "diag.h"
#include "findings.h"
#include "options.h"
#include "report_findings.h"

enum check_phase {
        CHECK_PHASE_CONFIG,             /* vnetaudit.conf */
        CHECK_PHASE_INPUT,              /* --root, --vmware-dir, --libvirt-dir */
        CHECK_PHASE_GATHER,             /* netlink, configuration loaders */
        CHECK_PHASE_SELECT,             /* --net */
        CHECK_PHASE_ANALYSE,
        CHECK_PHASE_PROBE,
};

struct check_failure {
        enum check_phase phase;
        int error;                      /* -errno */
        char message[512];              /* what went wrong, for the user */
};

struct check_result {
        char *host;
        struct finding_list findings;   /* sorted, ignores applied */
        size_t n_networks;              /* networks checked */
        struct probe_summary probes;    /* all owned (see check_result_free) */
        struct diag_list diags;         /* what vnetaudit.conf and the loaders said */
        struct check_failure failure;   /* set when the check stopped */
};

void check_result_free(struct check_result *r);

/* The probe window `check` uses when neither --timeout nor vnetaudit.conf
 * sets one: long enough that a claimant answering 1 s after a probe is
 * heard (see probe_timing_from_window). */
#define CHECK_DEFAULT_WINDOW 4.5

/* The whole pipeline; its config phase uses opt->conf when the command
 * read vnetaudit.conf already (config_pass.h), else reads it.  0 with *res filled, or -errno when a phase stopped
 * the check (res->failure says which and why; res->diags what the loaders
 * said).  res is always to be freed. */
int check_collect_result(const struct options *opt, struct check_result *res);

/* Same, and leaves the inventory it gathered in inv (which the caller
 * inits and frees): `map` and `audit --map` draw exactly what was analysed.
 * inv's diagnostics are moved to res->diags. */
int check_collect_inventory(const struct options *opt, struct check_result *res,
                            struct inventory *inv);
/* The same pipeline for `watch`, which keeps the inventory and the
 * configuration it was built from (for probing and re-analysis): on 0 they
 * are moved into *inv and *cfg (to be freed by the caller); on failure they
 * are left untouched. */
int check_collect_keep(const struct options *opt, struct check_result *res,
                       struct inventory *inv, struct audit_config *cfg);

/* 0, 1 or 2 by the findings and opt->fail_on. */
int check_exit_status(const struct options *opt, const struct finding_list *l);

#endif
