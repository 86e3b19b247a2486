/*
 * vnetlib_check.h - why VMware refused a network: the refusals that its
 * start-up check logged to /var/log/vnetlib (and its rotated copy
 * vnetlib.1) under --root become vmware-refused-network findings, and a
 * refusal and the finding of the same run that explains it (an
 * address-in-use, an overlap) name each other as related.
 */
#ifndef VNETAUDIT_VNETLIB_CHECK_H
#define VNETAUDIT_VNETLIB_CHECK_H

#include "diag.h"
#include "findings.h"

/* Reads the log below root ("" = /).  A missing log is not an error; an
 * unreadable one is a warning in diags.  0 or -ENOMEM. */
int vnetlib_check(const char *root, struct finding_list *out, struct diag_list *diags);

/* Links each vmware-refused-network finding with the conflicts of the same
 * vmnet, both ways.  Pure.  0 or -ENOMEM. */
int vnetlib_link_related(struct finding_list *l);

#endif
