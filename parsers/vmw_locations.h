/*
 * vmw_locations.h - parser of the legacy /etc/vmware/locations installer
 * database (Workstation <= 6, Server 1/2, Fusion 3): an append-log of
 * answer/remove_answer (last wins) mixed with file/directory bookkeeping,
 * which is skipped.  Pure: a buffer in, answers + typed vmnets + diags out.
 */
#ifndef VNETAUDIT_VMW_LOCATIONS_H
#define VNETAUDIT_VMW_LOCATIONS_H

#include "vmw_answers.h"

struct vmw_locations {
        struct vmw_answers answers;
        struct vmw_vnets vnets;
};

/* 0 or -ENOMEM; bad lines go to diags as file:line and are skipped. */
int vmw_locations_parse(const char *buf, size_t size, const char *file,
                        struct vmw_locations *ret, struct diag_list *diags);
void vmw_locations_free(struct vmw_locations *l);

#endif
