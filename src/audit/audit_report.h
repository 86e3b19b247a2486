/*
 * audit_report.h - the words of an audit: the change report (new and
 * resolved findings) as text for stdout and mail, and as JSON.  Pure: a
 * diff and the current findings in, a malloc'd string out.
 */
#ifndef VNETAUDIT_AUDIT_REPORT_H
#define VNETAUDIT_AUDIT_REPORT_H

#include <stdbool.h>

#include "audit_diff.h"
#include "findings.h"

struct audit_report_ctx {
        const char *host;
        bool first_run;
        bool state_corrupt;     /* the old state was unreadable: all is "new" */
};

char *audit_report_text(const struct audit_report_ctx *ctx, const struct audit_diff *d,
                        const struct finding_list *cur);
char *audit_report_json(const struct audit_report_ctx *ctx, const struct audit_diff *d,
                        const struct finding_list *cur);

#endif
