/*
 * fleet_analysis.h - the conflicts between hosts: duplicate host addresses
 * on one LAN, subnets reused across hosts, DHCP pools and fixed hosts of
 * networks bridged onto one LAN; plus each host's own findings, attributed
 * to it.  Pure: a loaded fleet (LANs assigned) in, findings out, one per
 * clashing group, each with hosts[] and networks named HOST/ID.
 */
#ifndef VNETAUDIT_FLEET_ANALYSIS_H
#define VNETAUDIT_FLEET_ANALYSIS_H

#include "findings.h"
#include "fleet.h"

/* Appends the findings (sorted, deduplicated) to out: the fleet's file
 * errors as config-error, each host's single-host findings, the
 * cross-host ones.  0 or -ENOMEM. */
int fleet_analysis_run(const struct fleet *f, struct finding_list *out);

/* Only the cross-host findings.  0 or -ENOMEM. */
int fleet_analysis_cross(const struct fleet *f, struct finding_list *out);

/* Is this network bridged onto its host's LAN (VMware bridged, libvirt
 * forward bridge, or its bridge has a wired port)? */
bool fleet_net_bridged(const struct inventory *inv, const struct network *n);

#endif
