/*
 * audit_run.h - the audit's flow around a findings source: lock the state,
 * load it, collect the current findings, diff, report or mail what
 * changed, advance the state only when the report was delivered.  The
 * source is a function so the audit runs exactly what `check` runs.
 */
#ifndef VNETAUDIT_AUDIT_RUN_H
#define VNETAUDIT_AUDIT_RUN_H

#include <stdio.h>

#include "findings.h"
#include "options.h"

/* What the source saw besides its findings (for --nagios). */
struct audit_facts {
        size_t n_networks;              /* networks audited */
        double probe_seconds;           /* 0 when nothing was probed */
        char reason[512];               /* why the audit could not be done; "" */
};

/* Fills *ret with the current findings and *facts.  Returns 0, or an exit
 * status (sysexits) after printing why to stderr (and into facts->reason). */
typedef int (*audit_collect_fn)(const struct options *opt, struct finding_list *ret,
                                struct audit_facts *facts);

/* Returns the process exit status: 0/1/2 by the current findings and
 * --fail-on (with --nagios 0-3), or a sysexits value. */
int audit_run(const struct options *opt, audit_collect_fn collect, FILE *out, FILE *err);

#endif
