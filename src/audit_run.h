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

/* Fills *ret with the current findings.  Returns 0, or an exit status
 * (sysexits) after printing why to stderr. */
typedef int (*audit_collect_fn)(const struct options *opt, struct finding_list *ret);

/* Returns the process exit status: 0/1/2 by the current findings and
 * --fail-on (with --nagios 0-3), or a sysexits value. */
int audit_run(const struct options *opt, audit_collect_fn collect, FILE *out, FILE *err);

#endif
