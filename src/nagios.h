/*
 * nagios.h - `audit --nagios`: one status line in the monitoring-plugins
 * convention ("VNETAUDIT CRITICAL - 2 conflicts | errors=2;;1;0 ...") and
 * its exit status 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.  Pure formatting.
 */
#ifndef VNETAUDIT_NAGIOS_H
#define VNETAUDIT_NAGIOS_H

#include <stddef.h>

enum nagios_status {
        NAGIOS_OK = 0,
        NAGIOS_WARNING = 1,
        NAGIOS_CRITICAL = 2,
        NAGIOS_UNKNOWN = 3,
};

struct nagios_counts {
        size_t errors, warnings, infos;         /* current findings */
        size_t added, resolved;                 /* since the last audit */
};

enum nagios_status nagios_status_of(const struct nagios_counts *c);
/* The status line with its newline; malloc'd, NULL on ENOMEM. */
char *nagios_line(const struct nagios_counts *c);
/* "VNETAUDIT UNKNOWN - REASON" (reason reduced to one printable line
 * without '|', which would start perfdata). */
char *nagios_unknown_line(const char *reason);

#endif
