/*
 * probe_report.h - what a check's probe phase did, as plain owned data for
 * the reports: per interface its status (ok, went down, could not be
 * opened, could not send or receive, with the reason), counts and times;
 * per probed address its network, state and answers.
 */
#ifndef VNETAUDIT_PROBE_REPORT_H
#define VNETAUDIT_PROBE_REPORT_H

#include <stddef.h>

#include "probe_engine.h"

struct probe_if_report {
        char *name;
        enum probe_if_status status;
        char reason[PROBE_ERRMSG_MAX];
        unsigned long sent, received;
        double first_send, last_send;   /* seconds after the start; -1 when none */
};

struct probe_addr_report {
        char *address;
        char *network;                  /* "vmware:vmnet6" */
        enum probe_state state;
        struct probe_claim claims[PROBE_MAX_CLAIMS];    /* iface: index into the if reports */
        size_t n_claims;
};

#endif
