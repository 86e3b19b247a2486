/*
 * nagios.h - `audit --nagios` in the monitoring-plugins conventions
 * (https://www.monitoring-plugins.org/doc/guidelines.html): a first line
 * naming the status, the counts and the worst networks, then perfdata after
 * '|'; long output with one line per finding; exit 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN.  Thresholds are the guidelines' ranges.  Pure
 * formatting and parsing.
 */
#ifndef VNETAUDIT_NAGIOS_H
#define VNETAUDIT_NAGIOS_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"

enum nagios_status {
        NAGIOS_OK = 0,
        NAGIOS_WARNING = 1,
        NAGIOS_CRITICAL = 2,
        NAGIOS_UNKNOWN = 3,
};

/* A threshold range "[@]start:end": alert when the value is outside
 * start..end (inclusive), or inside with '@'.  "10" is 0:10, "10:" is 10
 * to infinity, "~:10" minus infinity to 10. */
struct nagios_range {
        double start, end;              /* +-HUGE_VAL for infinity */
        bool inside;                    /* '@' */
        char text[32];                  /* as given, for perfdata */
};

/* 0 or -EINVAL. */
int nagios_range_parse(const char *s, struct nagios_range *ret);
bool nagios_range_alert(const struct nagios_range *r, double v);

struct nagios_report {
        const struct finding_list *findings;
        size_t added, resolved;         /* since the last audit */
        size_t n_networks;              /* networks audited */
        double probe_seconds;           /* 0 when nothing was probed */
        const struct nagios_range *warn;        /* on the number of warnings; NULL = "0" */
        const struct nagios_range *crit;        /* on the number of errors; NULL = "0" */
};

/* CRITICAL when the number of errors is outside crit; else WARNING when
 * there is any error or the number of warnings is outside warn; else OK. */
enum nagios_status nagios_status_of(const struct nagios_report *r);
/* The first line, perfdata and the long output; malloc'd, NULL on ENOMEM. */
char *nagios_text(const struct nagios_report *r);
/* "VNETAUDIT UNKNOWN - REASON" (reason reduced to one printable line
 * without '|', which would start perfdata). */
char *nagios_unknown_line(const char *reason);

#endif
