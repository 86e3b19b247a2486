/*
 * exitcodes.h - the exit statuses of vnetaudit: audit outcomes 0-2, and
 * sysexits(3) values when the audit itself could not be done.
 */
#ifndef VNETAUDIT_EXITCODES_H
#define VNETAUDIT_EXITCODES_H

#include <sysexits.h>

enum {
        EXIT_CLEAN = 0,         /* nothing found (or below --fail-on) */
        EXIT_WARNINGS = 1,      /* warnings only */
        EXIT_CONFLICTS = 2,     /* at least one error finding */
};

#endif
