/*
 * severity.h - the three severities shared by diagnostics and findings,
 * with their stable names (JSON values, text labels).
 */
#ifndef VNETAUDIT_SEVERITY_H
#define VNETAUDIT_SEVERITY_H

enum severity {
        SEV_INFO,
        SEV_WARNING,
        SEV_ERROR,
        _SEV_MAX,
};

const char *severity_name(enum severity s);
/* -1 when unknown. */
int severity_from_name(const char *s);

#endif
