/*
 * nagios.c - the monitoring-plugins status line.  Perfdata follows the
 * plugin guidelines: 'label'=value[UOM];[warn];[crit];[min];[max], with
 * thresholds that match the status (one error is critical, one warning a
 * warning).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nagios.h"

static const char *const status_names[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

enum nagios_status nagios_status_of(const struct nagios_counts *c)
{
        if (c->errors)
                return NAGIOS_CRITICAL;
        if (c->warnings)
                return NAGIOS_WARNING;
        return NAGIOS_OK;
}

char *nagios_line(const struct nagios_counts *c)
{
        enum nagios_status st = nagios_status_of(c);
        char summary[128];
        char *out;

        if (c->errors && c->warnings)
                snprintf(summary, sizeof(summary), "%zu conflict%s, %zu warning%s", c->errors,
                         c->errors == 1 ? "" : "s", c->warnings, c->warnings == 1 ? "" : "s");
        else if (c->errors)
                snprintf(summary, sizeof(summary), "%zu conflict%s", c->errors, c->errors == 1 ? "" : "s");
        else if (c->warnings)
                snprintf(summary, sizeof(summary), "%zu warning%s", c->warnings, c->warnings == 1 ? "" : "s");
        else
                snprintf(summary, sizeof(summary), "no conflicts");
        if (asprintf(&out, "VNETAUDIT %s - %s | errors=%zu;;1;0 warnings=%zu;1;;0 infos=%zu;;;0 "
                     "new=%zu;;;0 resolved=%zu;;;0\n",
                     status_names[st], summary, c->errors, c->warnings, c->infos, c->added,
                     c->resolved) < 0)
                return NULL;
        return out;
}

char *nagios_unknown_line(const char *reason)
{
        char *r = strdup(reason ? reason : "unknown error"), *out;

        if (!r)
                return NULL;
        for (unsigned char *p = (unsigned char *)r; *p; p++)
                if (*p < 0x20 || *p == 0x7f || *p == '|')
                        *p = *p == '|' ? '/' : ' ';
        if (asprintf(&out, "VNETAUDIT UNKNOWN - %s\n", r) < 0)
                out = NULL;
        free(r);
        return out;
}
