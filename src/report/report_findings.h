/*
 * report_findings.h - renders the findings of `check` (and `audit`): a human
 * report, one block per finding, most severe first, then one summary line;
 * or the JSON document of DESIGN.md.  One field table feeds both renderers
 * so text and JSON cannot drift apart.
 */
#ifndef VNETAUDIT_REPORT_FINDINGS_H
#define VNETAUDIT_REPORT_FINDINGS_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>

#include "findings.h"
#include "probe_report.h"

struct probe_summary {
        bool ran;                       /* false: --no-probe, --offline, or nothing to probe */
        unsigned long sent;
        unsigned long drops;            /* frames libpcap dropped: answers may be missing */
        char warning[256];              /* a capture opened with a warning; "" if none */
        const char **ifaces;
        size_t n_ifaces;
        size_t n_targets;
        double seconds;
        const struct probe_if_report *if_reports;       /* n_ifaces of them, or NULL */
        const struct probe_addr_report *addrs;          /* what each address answered */
        size_t n_addrs;
        double window;                                  /* the probe window asked for */
};

struct findings_report {
        const char *host;
        size_t n_networks;              /* networks checked */
        const struct probe_summary *probes;     /* may be NULL */
};

/* The findings array alone (for other documents).  NULL on ENOMEM. */
json_object *report_findings_array(const struct finding_list *l);
/* The whole check document.  NULL on ENOMEM. */
json_object *report_findings_json(const struct finding_list *l, const struct findings_report *r);
/* One block per finding (the list is assumed sorted), then the summary
 * line.  0 or -EIO. */
int report_findings_text(FILE *f, const struct finding_list *l, const struct findings_report *r);
/* "2 errors, 1 warning, 0 notes" style line without newline, malloc'd. */
char *report_findings_summary(const struct finding_list *l);

#endif
