/*
 * vmw_vnetlib.h - VMware's vnetlib log (/var/log/vnetlib): the verdicts of
 * its start-up subnet check.  vnetlib pings each planned host address
 * (vmware-ping) and logs "VNL_CheckSubnetAvailability - Subnet: S on vnet:
 * vmnetN is not available", then "Subnet on vmnetN is no longer available
 * for usage ..."; the terminal only says "Virtual Ethernet failed".  Pure:
 * bytes in, refusals of the most recent start-up out (the lines after the
 * last "Successfully initialized Vnetlib").  Malformed and truncated lines
 * are skipped.
 */
#ifndef VNETAUDIT_VMW_VNETLIB_H
#define VNETAUDIT_VMW_VNETLIB_H

#include <stdbool.h>
#include <stddef.h>

#define VMW_VNETLIB_TIME_MAX 40
#define VMW_VNETLIB_VNET_MAX 12         /* "vmnet" + up to 3 digits */
#define VMW_VNETLIB_SUBNET_MAX 16       /* dotted quad */

struct vmw_refusal {
        const char *file;               /* as given to the parser (not owned) */
        unsigned line;
        char time[VMW_VNETLIB_TIME_MAX];        /* the line's timestamp, "" when none */
        char vnet[VMW_VNETLIB_VNET_MAX];        /* "vmnet6" */
        char subnet[VMW_VNETLIB_SUBNET_MAX];    /* "192.168.56.0", "" when only the
                                                 * "no longer available" line was seen */
};

/* The state carried across files (a rotated copy, then the current log). */
struct vmw_vnetlib {
        struct vmw_refusal *v;
        size_t n, cap;
        bool saw_start;                 /* a "Successfully initialized Vnetlib" line */
};

/* Feeds one file's bytes (not NUL-terminated).  A start-up line forgets the
 * refusals before it; one refusal per vmnet per start-up.  0 or -ENOMEM. */
int vmw_vnetlib_feed(struct vmw_vnetlib *st, const char *buf, size_t len, const char *file);
void vmw_vnetlib_free(struct vmw_vnetlib *st);

#endif
